/**
 * Azure node ids and ARM ids. ARM ids are case-insensitive (`resourceGroups` and `resourcegroups`
 * both occur in real exports): every resource and scope is keyed by its lower-cased ARM id, the
 * text as exported kept for display. Directory objects (users, groups, service principals,
 * managed identities) are keyed by their object id, which is what role assignments name;
 * applications by their appId (client id), which is what service principals, credentials and
 * workload annotations name. See docs/ids.md.
 */
export const PROVIDER = 'azure';

/** The Entra ID tenant: the scope of directory objects and directory roles. */
export const TENANT_SCOPE = 'tenant';
/** The ARM root scope `/`, above every management group and subscription. */
export const ROOT_KEY = '/';

const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isGuid = (s: string): boolean => GUID_RE.test(s);

export const principalNodeId = (objectId: string): string => `azure:principal:${objectId.toLowerCase()}`;
export const appNodeId = (appId: string): string => `azure:app:${appId.toLowerCase()}`;
export const roleNodeId = (guid: string): string => `azure:role:${guid.toLowerCase()}`;
export const directoryRoleNodeId = (id: string): string => `azure:directoryRole:${id.toLowerCase()}`;
/** A client id no export describes, as a workload annotation names it. */
export const clientNodeId = (clientId: string): string => `azure:client:${clientId.toLowerCase()}`;

/** The object id in a principal node id, or undefined. */
export const objectIdOf = (id: string): string | undefined => (id.startsWith('azure:principal:') ? id.slice('azure:principal:'.length) : undefined);

/** The GUID at the end of a role definition id (`/subscriptions/S/providers/Microsoft.Authorization/roleDefinitions/GUID`, or the GUID alone). */
export function roleGuid(roleDefinitionId: string): string | undefined {
  const last = roleDefinitionId.slice(roleDefinitionId.lastIndexOf('/') + 1).trim();
  return isGuid(last) ? last.toLowerCase() : undefined;
}

/**
 * The key of an ARM id: lower case, no trailing or doubled slash. Undefined when the text is not
 * an ARM id (it must start with `/` and hold no whitespace or control characters).
 */
export function armKey(id: string): string | undefined {
  const t = id.trim();
  // Whitespace and control characters (code points below 32) never occur in an ARM id.
  if (!t.startsWith('/') || t.length > 2048 || /\s/.test(t) || [...t].some((c) => c.charCodeAt(0) < 32)) return undefined;
  const k = t.toLowerCase().replace(/\/{2,}/g, '/').replace(/\/+$/, '');
  return k === '' ? ROOT_KEY : k;
}

export type ScopeLevel = 'root' | 'managementGroup' | 'subscription' | 'resourceGroup' | 'resource';

export interface ArmParts {
  level: ScopeLevel;
  subscription?: string;
  resourceGroup?: string;
  managementGroup?: string;
  /** `microsoft.keyvault/vaults/secrets` for a resource (the extension's type for an extension resource). */
  type?: string;
  /** The last segment: the resource's (group's, subscription's) name. */
  name: string;
}

const MG_PREFIX = '/providers/microsoft.management/managementgroups/';

/** What an ARM key names. Works on keys (lower case); undefined for a shape ARM never uses. */
export function parseArm(key: string): ArmParts | undefined {
  if (key === ROOT_KEY) return { level: 'root', name: '/' };
  const segs = key.split('/').slice(1);
  if (key.startsWith(MG_PREFIX)) {
    const mg = segs[3];
    if (!mg) return undefined;
    if (segs.length === 4) return { level: 'managementGroup', managementGroup: mg, name: mg };
    return resourceParts(segs.slice(4), { managementGroup: mg });
  }
  if (segs[0] === 'subscriptions' && segs[1]) {
    const subscription = segs[1];
    if (segs.length === 2) return { level: 'subscription', subscription, name: subscription };
    if (segs[2] === 'resourcegroups' && segs[3]) {
      if (segs.length === 4) return { level: 'resourceGroup', subscription, resourceGroup: segs[3], name: segs[3] };
      return resourceParts(segs.slice(4), { subscription, resourceGroup: segs[3] });
    }
    return resourceParts(segs.slice(2), { subscription });
  }
  if (segs[0] === 'providers') return resourceParts(segs, {});
  return undefined;
}

/** `providers/NS/type/name[/type/name]...[/providers/NS2/type/name...]` after a scope. */
function resourceParts(rest: string[], base: Partial<ArmParts>): ArmParts | undefined {
  let lastProviders = -1;
  for (let i = 0; i < rest.length; i++) if (rest[i] === 'providers') lastProviders = i;
  if (lastProviders < 0) return undefined;
  const tail = rest.slice(lastProviders + 1);
  if (tail.length < 3 || tail.length % 2 === 0) return undefined;
  const types = [tail[0]!];
  for (let i = 1; i < tail.length; i += 2) types.push(tail[i]!);
  return { ...base, level: 'resource', type: types.join('/'), name: tail[tail.length - 1]! };
}

/**
 * The ARM parent of a key, from the key alone: a nested resource's parent resource, a resource's
 * group (or subscription), a group's subscription. Subscriptions and management groups answer
 * undefined: their parents come from a hierarchy export (the evaluator falls back to `/`).
 */
export function armParent(key: string): string | undefined {
  const p = parseArm(key);
  if (!p || p.level === 'root' || p.level === 'managementGroup' || p.level === 'subscription') return undefined;
  if (p.level === 'resourceGroup') return `/subscriptions/${p.subscription}`;
  const segs = key.split('/');
  segs.splice(-2, 2);
  // `.../vaults/v/providers/microsoft.insights/diagnosticsettings/x` → `.../vaults/v`.
  if (segs[segs.length - 2] === 'providers') segs.splice(-2, 2);
  const parent = segs.join('/');
  return parent === '' ? ROOT_KEY : parent;
}

/** The admin scope of a scope key that has one (`/`, `managementGroups/mg`, a subscription id). */
export function adminScopeOf(key: string): string | undefined {
  const p = parseArm(key);
  if (!p) return undefined;
  if (p.level === 'root') return ROOT_KEY;
  if (p.level === 'managementGroup' && key.split('/').length === 5) return `managementGroups/${p.managementGroup}`;
  if (p.level === 'subscription') return p.subscription;
  return undefined;
}

/** The scope key of an admin scope (the inverse of adminScopeOf). */
export function keyOfAdminScope(scope: string): string {
  if (scope === ROOT_KEY) return ROOT_KEY;
  if (scope.startsWith('managementGroups/')) return `${MG_PREFIX}${scope.slice('managementGroups/'.length)}`;
  return `/subscriptions/${scope}`;
}

/** The node `account` of an ARM key: its subscription, else its management group, else `/`. */
export function accountOfKey(key: string): string | undefined {
  const p = parseArm(key);
  if (!p) return undefined;
  if (p.subscription) return p.subscription;
  if (p.managementGroup) return `managementGroups/${p.managementGroup}`;
  return p.level === 'root' ? ROOT_KEY : undefined;
}

/** `https://vault.vault.azure.net/secrets/name[/version]` → its vault and secret names (lower case). */
export function parseSecretId(id: string): { vault: string; host: string; name: string; version?: string } | undefined {
  const m = /^https:\/\/(([a-z0-9-]{3,24})\.vault\.(?:azure\.net|azure\.cn|usgovcloudapi\.net|microsoftazure\.de))(?::443)?\/secrets\/([a-z0-9-]{1,127})(?:\/([a-z0-9]{1,64}))?\/?$/i.exec(id.trim());
  if (!m) return undefined;
  return { host: m[1]!.toLowerCase(), vault: m[2]!.toLowerCase(), name: m[3]!.toLowerCase(), version: m[4]?.toLowerCase() };
}

export const secretNodeId = (host: string, name: string): string => `https://${host}/secrets/${name}`;

/** Microsoft's own tenant: service principals of its first-party applications name it as app owner. */
export const MICROSOFT_TENANT = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';
