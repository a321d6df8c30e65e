/**
 * GCP names: IAM member strings (the ids of principals), full resource names (the ids of
 * resources), the hierarchy names (`projects/P`, `folders/N`, `organizations/N`) and what each
 * says about its kind, project and service. Pure string functions shared by importers and analysis.
 */

export const CRM = '//cloudresourcemanager.googleapis.com/';
export const IAM = '//iam.googleapis.com/';

/** Full resource name of a hierarchy node from `projects/P`, `folders/N` or `organizations/N`. */
export const hierarchyId = (short: string): string => `${CRM}${short}`;
export const projectNodeId = (project: string): string => `${CRM}projects/${project}`;

/** The kind of a hierarchy short name, or undefined. */
export function hierarchyKind(short: string): 'gcp.project' | 'gcp.folder' | 'gcp.organization' | undefined {
  // String tests rather than a regular expression: this runs for every binding of an analysis.
  const slash = short.indexOf('/');
  if (slash <= 0 || slash === short.length - 1 || short.indexOf('/', slash + 1) !== -1) return undefined;
  const type = short.slice(0, slash);
  return type === 'projects' ? 'gcp.project' : type === 'folders' ? 'gcp.folder' : type === 'organizations' ? 'gcp.organization' : undefined;
}

/** `//cloudresourcemanager.googleapis.com/projects/p` → `projects/p` (hierarchy nodes only). */
export function hierarchyShort(id: string): string | undefined {
  if (!id.startsWith(CRM)) return undefined;
  const short = id.slice(CRM.length);
  return hierarchyKind(short) ? short : undefined;
}

/** The scope a hierarchy node administers: the project id, or `folders/N` / `organizations/N`. */
export function scopeOfShort(short: string): string {
  return short.startsWith('projects/') ? short.slice('projects/'.length) : short;
}

export const isProjectNumber = (s: string): boolean => /^\d+$/.test(s);

export type MemberKind =
  | 'gcp.user'
  | 'gcp.serviceAccount'
  | 'gcp.group'
  | 'gcp.domain'
  | 'gcp.allUsers'
  | 'gcp.allAuthenticatedUsers'
  | 'gcp.projectRole'
  | 'gcp.workloadIdentity'
  | 'gcp.principal'
  | 'gcp.principalSet'
  | 'gcp.deleted'
  | 'externalPrincipal';

export interface Member {
  /** Canonical member string (the node id): prefix as GCP writes it, e-mail addresses lower-cased. */
  id: string;
  kind: MemberKind;
  name: string;
  /** The project of a service account or workload identity, when its address tells it. */
  project?: string;
  /** The identity pool of a `principal://` or `principalSet://` member (full resource name). */
  pool?: string;
  /** For projectOwner:/projectEditor:/projectViewer: the basic role and project it stands for. */
  basicRole?: string;
  /** Google-managed service agent (lives in a Google project, not the customer's). */
  googleManaged?: boolean;
}

/** `PROJECT.svc.id.goog[NAMESPACE/KSA]`: a GKE workload identity written as a service account. */
const WORKLOAD_IDENTITY = /^([^[\]]+)\.svc\.id\.goog\[([^/\]]+)\/([^\]]+)\]$/;

/** Service agents and Google-owned service accounts (not in the customer's project). */
const SERVICE_AGENT = /^(service-\d+@|\d+@cloudservices\.gserviceaccount\.com$|\d+@cloudbuild\.gserviceaccount\.com$)|@(gcp-sa-[^.]+|compute-system|container-engine-robot|dataflow-service-producer-prod|dataproc-accounts|gae-api-prod|genomics-api|cloud-ml|firebase-rules|gcf-admin-robot|serverless-robot-prod|cloudcomposer-accounts|containerregistry|cloud-redis|dlp-api|sourcerepo-service-accounts)\.iam\.gserviceaccount\.com$|@.*\.google\.com\.iam\.gserviceaccount\.com$/;

/** The project of a service account from its address, when the address tells it. */
export function serviceAccountProject(email: string): { project?: string; projectNumber?: string; googleManaged: boolean } {
  if (SERVICE_AGENT.test(email)) return { googleManaged: true };
  const m = /^[^@]+@([^.@]+)\.iam\.gserviceaccount\.com$/.exec(email);
  if (m) return { project: m[1], googleManaged: false };
  const appspot = /^([^@]+)@appspot\.gserviceaccount\.com$/.exec(email);
  if (appspot) return { project: appspot[1], googleManaged: false };
  const compute = /^(\d+)-compute@developer\.gserviceaccount\.com$/.exec(email);
  if (compute) return { projectNumber: compute[1], googleManaged: false };
  return { googleManaged: false };
}

const BASIC_OF: Record<string, string> = { projectOwner: 'roles/owner', projectEditor: 'roles/editor', projectViewer: 'roles/viewer' };

/**
 * Parse one member string. Unknown prefixes still become a node (an external principal): a
 * binding is never dropped because its member is new to us.
 */
export function parseMember(raw: string): Member | undefined {
  const s = raw.trim();
  if (!s) return undefined;
  if (s === 'allUsers') return { id: s, kind: 'gcp.allUsers', name: 'allUsers' };
  if (s === 'allAuthenticatedUsers') return { id: s, kind: 'gcp.allAuthenticatedUsers', name: 'allAuthenticatedUsers' };
  if (s.startsWith('principal://')) return { id: s, kind: 'gcp.principal', name: s.slice(s.lastIndexOf('/subject/') >= 0 ? s.lastIndexOf('/subject/') + 9 : 12), pool: poolOf(s) };
  if (s.startsWith('principalSet://')) return { id: s, kind: 'gcp.principalSet', name: s.slice('principalSet://'.length), pool: poolOf(s) };
  if (s.startsWith('deleted:')) return { id: s, kind: 'gcp.deleted', name: s.slice('deleted:'.length).replace(/\?uid=.*$/, ' (deleted)') };
  const colon = s.indexOf(':');
  // A bare word must not become a node id as is: an id such as `__proto__` or `constructor` is
  // refused by the graph merge (ids end up as keys of plain objects on the page and in reports).
  if (colon <= 0) return { id: `member:${s}`, kind: 'externalPrincipal', name: s };
  const prefix = s.slice(0, colon);
  const value = s.slice(colon + 1).trim();
  if (!value) return undefined;
  switch (prefix) {
    case 'user':
      return { id: `user:${value.toLowerCase()}`, kind: 'gcp.user', name: value.toLowerCase() };
    case 'group':
      return { id: `group:${value.toLowerCase()}`, kind: 'gcp.group', name: value.toLowerCase() };
    case 'domain':
      return { id: `domain:${value.toLowerCase()}`, kind: 'gcp.domain', name: value.toLowerCase() };
    case 'serviceAccount': {
      const wi = WORKLOAD_IDENTITY.exec(value);
      if (wi) return { id: `serviceAccount:${value}`, kind: 'gcp.workloadIdentity', name: `${wi[2]}/${wi[3]} (${wi[1]})`, project: wi[1] };
      const email = value.toLowerCase();
      const sa = serviceAccountProject(email);
      return { id: `serviceAccount:${email}`, kind: 'gcp.serviceAccount', name: email, project: sa.project, googleManaged: sa.googleManaged || undefined };
    }
    case 'projectOwner':
    case 'projectEditor':
    case 'projectViewer':
      return { id: `${prefix}:${value}`, kind: 'gcp.projectRole', name: `${prefix}:${value}`, project: value, basicRole: BASIC_OF[prefix] };
    default:
      return { id: s, kind: 'externalPrincipal', name: s };
  }
}

/** The identity pool a `principal://` / `principalSet://` member belongs to. */
function poolOf(member: string): string | undefined {
  const m = /^principal(?:Set)?:\/\/iam\.googleapis\.com\/((?:projects\/[^/]+\/)?locations\/[^/]+\/(?:workloadIdentityPools|workforcePools)\/[^/]+)/.exec(member);
  return m ? `${IAM}${m[1]}` : undefined;
}

/** Role names: `roles/x`, `projects/P/roles/x`, `organizations/N/roles/x`. */
export function isRoleName(s: string): boolean {
  return /^(roles\/[^/]+|(projects|organizations)\/[^/]+\/roles\/[^/]+)$/.test(s);
}

/** The scope a custom role belongs to (`projects/P` or `organizations/N`); undefined for predefined. */
export function customRoleParent(role: string): string | undefined {
  const m = /^((projects|organizations)\/[^/]+)\/roles\//.exec(role);
  return m ? m[1] : undefined;
}

/** What a full resource name's service and path say: `//storage.googleapis.com/b` → storage. */
export function serviceOfName(name: string): string {
  const m = /^\/\/([a-z0-9-]+)\.googleapis\.com\//.exec(name);
  return m ? m[1]! : 'gcp';
}

/** The project segment of a resource name (`.../projects/P/...`), id or number. */
export function projectSegment(name: string): string | undefined {
  const m = /(?:^|\/)projects\/([^/]+)/.exec(name);
  return m ? m[1] : undefined;
}

/** The node kind for a Cloud Asset Inventory asset type. */
export function kindOfAssetType(assetType: string): string {
  switch (assetType) {
    case 'cloudresourcemanager.googleapis.com/Organization':
      return 'gcp.organization';
    case 'cloudresourcemanager.googleapis.com/Folder':
      return 'gcp.folder';
    case 'cloudresourcemanager.googleapis.com/Project':
      return 'gcp.project';
    case 'storage.googleapis.com/Bucket':
      return 'gcp.bucket';
    case 'secretmanager.googleapis.com/Secret':
      return 'gcp.secret';
    default:
      return 'gcp.resource';
  }
}

/** A readable short name for a resource: the last path segment(s). */
export function shortName(name: string): string {
  const last = name.replace(/^\/\/[^/]+\//, '').split('/').pop();
  return last || name;
}

/** `projects/P/serviceAccounts/EMAIL[/keys/K]` or the full name → its e-mail (or unique id) and key. */
export function parseServiceAccountName(name: string): { project?: string; account: string; key?: string } | undefined {
  const m = /^(?:\/\/iam\.googleapis\.com\/)?projects\/([^/]+)\/serviceAccounts\/([^/]+)(?:\/keys\/([^/]+))?$/.exec(name);
  if (!m) return undefined;
  return { project: m[1] === '-' ? undefined : m[1], account: m[2]!.includes('@') ? m[2]!.toLowerCase() : m[2]!, key: m[3] };
}
