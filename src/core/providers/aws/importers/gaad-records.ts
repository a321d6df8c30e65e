/**
 * Users, groups and roles as `get-account-authorization-details` describes them. `get-user` and
 * `get-role` return the same records, so their importers reuse these functions.
 */
import type { ImportContext } from '../../../importers/types';
import type { Attributes } from '../../../model/types';
import { extraFieldsIfAny, isRecord, own, ownString, readTags, setOwn, toArray } from '../../../io/safe-object';
import { isoTimestamp } from '../../../io/time';
import { accountOf, arnName } from './arn';
import { checkPolicy, normalizePolicy, statementLocation, warnPolicyProblems, type PolicyDocument } from './policy-document';
import { principalNodeId } from './principals';

type Rec = Record<string, unknown>;

const USER_KEYS = new Set(['Path', 'UserName', 'UserId', 'Arn', 'CreateDate', 'UserPolicyList', 'GroupList', 'AttachedManagedPolicies', 'PermissionsBoundary', 'Tags']);
const GROUP_KEYS = new Set(['Path', 'GroupName', 'GroupId', 'Arn', 'CreateDate', 'GroupPolicyList', 'AttachedManagedPolicies']);
const ROLE_KEYS = new Set(['Path', 'RoleName', 'RoleId', 'Arn', 'CreateDate', 'AssumeRolePolicyDocument', 'InstanceProfileList', 'RolePolicyList', 'AttachedManagedPolicies', 'PermissionsBoundary', 'Tags', 'RoleLastUsed']);

/** Parse a timestamp field into ISO text, warning (once per field) when its shape is unknown. */
export function dateField(ctx: ImportContext, rec: unknown, key: string, where: string): string | undefined {
  const raw = own(rec, key);
  if (raw === undefined || raw === null || raw === '') return undefined;
  const iso = isoTimestamp(raw);
  if (iso === undefined) {
    ctx.b.warn(`${where}.${key}: unrecognised timestamp ${JSON.stringify(String(raw).slice(0, 40))}; kept as text`);
    return String(raw);
  }
  return iso;
}

function requireArn(ctx: ImportContext, rec: unknown, where: string, what: string): string | undefined {
  const arn = ownString(rec, 'Arn');
  if (!arn) {
    ctx.b.warn(`${where}: ${what} without an Arn; skipped`);
    return undefined;
  }
  return arn;
}

function commonAttributes(ctx: ImportContext, rec: Rec, where: string, known: Set<string>, idKey: string): Attributes {
  const attrs: Attributes = {
    path: ownString(rec, 'Path'),
    uniqueId: ownString(rec, idKey),
    created: dateField(ctx, rec, 'CreateDate', where),
  };
  const tags = readTags(own(rec, 'Tags'));
  if (tags.length) attrs.tags = tags;
  const extra = extraFieldsIfAny(rec, known);
  if (extra) attrs.extra = extra;
  return attrs;
}

/** Inline policies (`UserPolicyList` etc.) and attached managed policies of one principal. */
function readPrincipalPolicies(ctx: ImportContext, principal: string, rec: Rec, where: string, inlineKey: string): void {
  const b = ctx.b;
  const account = accountOf(principal);
  toArray(own(rec, inlineKey)).forEach((p, i) => {
    const loc = `${where}.${inlineKey}[${i}]`;
    const name = ownString(p, 'PolicyName');
    if (!name) return b.warn(`${loc}: inline policy without PolicyName; skipped`);
    const parsed = checkPolicy(own(p, 'PolicyDocument'));
    const id = `${principal}#inline/${name}`;
    const attributes: Attributes = { inlineOf: principal };
    if (parsed.ok) attributes.document = parsed.raw;
    else b.warn(`${loc} (${name}): ${parsed.reason}; its statements are not used`);
    warnPolicyProblems((m) => b.warn(m), `${loc}.PolicyDocument`, parsed);
    b.node({ id, kind: 'inlinePolicy', name, account, attributes });
    b.edge('hasPolicy', principal, id, { file: ctx.file, location: loc, policy: id }, { via: 'inline' });
  });
  toArray(own(rec, 'AttachedManagedPolicies')).forEach((p, i) => {
    const loc = `${where}.AttachedManagedPolicies[${i}]`;
    const arn = ownString(p, 'PolicyArn');
    if (!arn) return b.warn(`${loc}: attachment without PolicyArn; skipped`);
    b.node({ id: arn, kind: 'managedPolicy', name: ownString(p, 'PolicyName') ?? arnName(arn), account: accountOf(arn), placeholder: true });
    b.edge('hasPolicy', principal, arn, { file: ctx.file, location: loc, policy: arn }, { via: 'managed' });
  });
  const boundary = ownString(own(rec, 'PermissionsBoundary'), 'PermissionsBoundaryArn');
  if (boundary) {
    b.node({ id: boundary, kind: 'managedPolicy', name: arnName(boundary), account: accountOf(boundary), placeholder: true });
    b.edge('hasPolicy', principal, boundary, { file: ctx.file, location: `${where}.PermissionsBoundary`, policy: boundary }, { via: 'boundary' });
  }
}

export function readUser(ctx: ImportContext, rec: unknown, where: string): void {
  if (!isRecord(rec)) return ctx.b.warn(`${where}: not an object; skipped`);
  const arn = requireArn(ctx, rec, where, 'user');
  if (!arn) return;
  const account = accountOf(arn);
  const attributes = commonAttributes(ctx, rec, where, USER_KEYS, 'UserId');
  const boundary = ownString(own(rec, 'PermissionsBoundary'), 'PermissionsBoundaryArn');
  if (boundary) attributes.permissionsBoundary = boundary;
  ctx.b.node({ id: arn, kind: 'user', name: ownString(rec, 'UserName') ?? arnName(arn), account, attributes, where });
  readPrincipalPolicies(ctx, arn, rec, where, 'UserPolicyList');
  toArray(own(rec, 'GroupList')).forEach((g, i) => {
    if (typeof g !== 'string') return ctx.b.warn(`${where}.GroupList[${i}]: not a group name; skipped`);
    ctx.b.fragment.nameRefs.push({ edge: 'memberOf', from: arn, targetKind: 'group', account, name: g, evidence: { file: ctx.file, location: `${where}.GroupList[${i}]` } });
  });
}

export function readGroup(ctx: ImportContext, rec: unknown, where: string): void {
  if (!isRecord(rec)) return ctx.b.warn(`${where}: not an object; skipped`);
  const arn = requireArn(ctx, rec, where, 'group');
  if (!arn) return;
  const attributes = commonAttributes(ctx, rec, where, GROUP_KEYS, 'GroupId');
  ctx.b.node({ id: arn, kind: 'group', name: ownString(rec, 'GroupName') ?? arnName(arn), account: accountOf(arn), attributes, where });
  readPrincipalPolicies(ctx, arn, rec, where, 'GroupPolicyList');
}

export function readRole(ctx: ImportContext, rec: unknown, where: string): void {
  if (!isRecord(rec)) return ctx.b.warn(`${where}: not an object; skipped`);
  const arn = requireArn(ctx, rec, where, 'role');
  if (!arn) return;
  const attributes = commonAttributes(ctx, rec, where, ROLE_KEYS, 'RoleId');
  const boundary = ownString(own(rec, 'PermissionsBoundary'), 'PermissionsBoundaryArn');
  if (boundary) attributes.permissionsBoundary = boundary;
  const lastUsed = own(rec, 'RoleLastUsed');
  // AWS tracks role use over a window: an empty RoleLastUsed means "not used in it".
  if (isRecord(lastUsed)) attributes.lastUsedTracked = true;
  if (isRecord(lastUsed) && own(lastUsed, 'LastUsedDate') !== undefined) {
    attributes.lastUsed = dateField(ctx, lastUsed, 'LastUsedDate', `${where}.RoleLastUsed`);
    attributes.lastUsedRegion = ownString(lastUsed, 'Region');
  }
  for (const key of ['Description', 'MaxSessionDuration'] as const) {
    if (own(rec, key) !== undefined) setOwn(attributes, key === 'Description' ? 'description' : 'maxSessionDuration', own(rec, key));
  }
  const trustValue = own(rec, 'AssumeRolePolicyDocument');
  let trust: PolicyDocument | undefined;
  if (trustValue !== undefined) {
    const parsed = normalizePolicy(trustValue);
    if (parsed.ok) {
      attributes.trustPolicy = parsed.raw;
      trust = parsed.document;
    } else ctx.b.warn(`${where}.AssumeRolePolicyDocument: ${parsed.reason}; no trust edges for this role`);
    warnPolicyProblems((m) => ctx.b.warn(m), `${where}.AssumeRolePolicyDocument`, parsed);
  }
  ctx.b.node({ id: arn, kind: 'role', name: ownString(rec, 'RoleName') ?? arnName(arn), account: accountOf(arn), attributes, where });
  if (trust) readTrust(ctx, arn, trust, `${where}.AssumeRolePolicyDocument`);
  readPrincipalPolicies(ctx, arn, rec, where, 'RolePolicyList');
  toArray(own(rec, 'InstanceProfileList')).forEach((ip, i) => readInstanceProfile(ctx, ip, `${where}.InstanceProfileList[${i}]`, arn));
}

const TRUST_ACTION = /^(sts:(assumerole\w*|tagsession|setsourceidentity|setcontext|\*)|\*)$/i;

/** One `canAssume` edge per trusted principal of each Allow statement, with its condition. */
function readTrust(ctx: ImportContext, role: string, doc: PolicyDocument, where: string): void {
  for (const st of doc.statements) {
    if (st.effect !== 'Allow') continue;
    const actions = st.actions.filter((a) => TRUST_ACTION.test(a));
    if (actions.length === 0 && st.notActions.length === 0) continue;
    const refs = st.principals.length ? st.principals : st.notPrincipals.length ? [{ type: '*' as const, value: '*' }] : [];
    for (const ref of refs) {
      const from = principalNodeId(ctx.b, ref);
      ctx.b.edge(
        'canAssume',
        from,
        role,
        {
          file: ctx.file,
          location: statementLocation(where, st),
          policy: `${role} trust policy`,
          statement: st.id,
          condition: st.condition,
          note: st.notPrincipals.length ? `NotPrincipal: everyone except ${st.notPrincipals.map((p) => p.value).join(', ')}` : undefined,
        },
        { actions: actions.length ? actions : st.notActions.map((a) => `NotAction ${a}`), conditional: st.condition !== undefined },
      );
    }
  }
}

export function readInstanceProfile(ctx: ImportContext, ip: unknown, where: string, knownRole?: string): void {
  const arn = requireArn(ctx, ip, where, 'instance profile');
  if (!arn || !isRecord(ip)) return;
  ctx.b.node({
    id: arn,
    kind: 'instanceProfile',
    name: ownString(ip, 'InstanceProfileName') ?? arnName(arn),
    account: accountOf(arn),
    attributes: { path: ownString(ip, 'Path'), uniqueId: ownString(ip, 'InstanceProfileId'), created: dateField(ctx, ip, 'CreateDate', where) },
  });
  const roles = toArray(own(ip, 'Roles'));
  roles.forEach((r, i) => {
    const roleArn = ownString(r, 'Arn');
    if (!roleArn) return;
    if (roleArn !== knownRole) ctx.b.node({ id: roleArn, kind: 'role', name: ownString(r, 'RoleName') ?? arnName(roleArn), account: accountOf(roleArn), placeholder: true });
    ctx.b.edge('hasRole', arn, roleArn, { file: ctx.file, location: `${where}.Roles[${i}]` });
  });
  if (roles.length === 0 && knownRole) ctx.b.edge('hasRole', arn, knownRole, { file: ctx.file, location: where });
}
