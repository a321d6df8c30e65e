/**
 * EKS access entries, the API that replaces aws-auth: `aws eks describe-access-entry` (principal
 * → Kubernetes username and groups) and `aws eks list-associated-access-policies` (principal →
 * AWS-managed access policies, cluster-wide or per namespace). An access policy is drawn as a
 * binding of the principal's default username to the Kubernetes ClusterRole it corresponds to
 * (AmazonEKSClusterAdminPolicy → cluster-admin, ...Admin → admin, ...Edit → edit, ...View →
 * view); other policies are reported, not approximated. `list-access-entries` only lists ARNs.
 */
import { isRecord, own, ownString, toArray } from '../../../io/safe-object';
import type { ImportContext, JsonImporter } from '../../../importers/types';
import { PROVIDER } from '../ids';
import { stringList } from '../meta';
import { awsPrincipalRef, drawMapping } from './aws-mappings';
import { evidence, newStateFor, roleRef, userRef, type ReadState } from './state';

const POLICY_ROLES: Record<string, string> = {
  AmazonEKSClusterAdminPolicy: 'cluster-admin',
  AmazonEKSAdminPolicy: 'admin',
  AmazonEKSEditPolicy: 'edit',
  AmazonEKSViewPolicy: 'view',
};

/** The username EKS gives an access entry that names none. */
function defaultUsername(arn: string): string {
  const m = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
  return m ? `arn:${m[1]}:sts::${m[2]}:assumed-role/${m[3]}/{{SessionName}}` : arn;
}

function principal(s: ReadState, arn: string | undefined, where: string): string | undefined {
  const id = arn ? awsPrincipalRef(s, arn) : undefined;
  if (!id) s.ctx.b.warn(`${where}.principalArn: ${JSON.stringify(arn ?? null)} is not an IAM role or user ARN; skipped`);
  return id;
}

function stateFor(ctx: ImportContext, rec: unknown, where: string): ReadState | undefined {
  const cluster = ownString(rec, 'clusterName');
  if (!cluster) {
    ctx.b.warn(`${where}.clusterName: missing; skipped`);
    return undefined;
  }
  return newStateFor(ctx, cluster, 'named by the access entry');
}

export const describeAccessEntryImporter: JsonImporter = {
  format: 'k8s.eks.describe-access-entry',
  label: 'AWS eks describe-access-entry',
  provider: PROVIDER,
  detect: (doc) => isRecord(own(doc, 'accessEntry')) && typeof own(own(doc, 'accessEntry'), 'principalArn') === 'string',
  read(docs, ctx) {
    docs.forEach((doc, d) => {
      const e = own(doc, 'accessEntry');
      const where = `${ctx.docPrefix(d)}accessEntry`;
      const s = stateFor(ctx, e, where);
      if (!s) return;
      const arn = principal(s, ownString(e, 'principalArn'), where);
      if (!arn) return;
      const username = ownString(e, 'username') || defaultUsername(arn);
      const groups = stringList(own(e, 'kubernetesGroups'));
      if (!groups) ctx.b.warn(`${where}.kubernetesGroups: expected a list of strings; groups ignored`);
      ctx.b.count('access entries');
      drawMapping(s, arn, username, groups ?? [], evidence(s, where, `EKS access entry (${ownString(e, 'type') ?? 'STANDARD'}) maps ${arn} to user ${username}${groups?.length ? ` in groups ${groups.join(', ')}` : ''}`));
    });
  },
};

export const accessPoliciesImporter: JsonImporter = {
  format: 'k8s.eks.list-associated-access-policies',
  label: 'AWS eks list-associated-access-policies',
  provider: PROVIDER,
  detect: (doc) => isRecord(doc) && Array.isArray(own(doc, 'associatedAccessPolicies')) && typeof own(doc, 'principalArn') === 'string',
  read(docs, ctx) {
    docs.forEach((doc, d) => {
      const where = ctx.docPrefix(d) || '(top level)';
      const s = stateFor(ctx, doc, ctx.docPrefix(d).replace(/: $/, '') || '(top level)');
      if (!s) return;
      const arn = principal(s, ownString(doc, 'principalArn'), where);
      if (!arn) return;
      const username = defaultUsername(arn);
      const user = userRef(s, username);
      toArray(own(doc, 'associatedAccessPolicies')).forEach((p, i) => {
        const at = `${ctx.docPrefix(d)}associatedAccessPolicies[${i}]`;
        const policyArn = ownString(p, 'policyArn') ?? '';
        const policy = policyArn.split('/').pop() ?? '';
        const roleName = POLICY_ROLES[policy];
        if (!roleName || !Object.prototype.hasOwnProperty.call(POLICY_ROLES, policy)) return ctx.b.note(`${at}: access policy ${JSON.stringify(policy)} has no Kubernetes ClusterRole equivalent; not drawn`);
        const scope = own(p, 'accessScope');
        const namespaces = ownString(scope, 'type') === 'namespace' ? (stringList(own(scope, 'namespaces')) ?? []) : [undefined];
        if (!namespaces.length) return ctx.b.warn(`${at}.accessScope: namespace scope without namespaces; skipped`);
        const role = roleRef(s, 'ClusterRole', undefined, roleName);
        ctx.b.count('access policies');
        drawMapping(s, arn, username, [], evidence(s, at, `access policies of ${arn} apply to its default username ${username}`));
        for (const ns of namespaces) {
          const bindingId = `${arn}#${policy}${ns ? `#${ns}` : ''}`;
          ctx.b.edge(
            'k8s.bindsRole',
            user,
            role,
            evidence(s, at, `EKS access policy ${policy} gives ${arn} ClusterRole ${roleName} ${ns ? `in namespace ${ns}` : 'cluster-wide'}`, bindingId),
            { binding: `access policy ${policy}`, bindingKind: 'AccessPolicy', bindingId, ...(ns ? { namespace: ns } : {}) },
            bindingId,
          );
        }
      });
    });
  },
};

export const listAccessEntriesImporter: JsonImporter = {
  format: 'k8s.eks.list-access-entries',
  label: 'AWS eks list-access-entries',
  provider: PROVIDER,
  detect: (doc) => isRecord(doc) && Array.isArray(own(doc, 'accessEntries')) && toArray(own(doc, 'accessEntries')).every((x) => typeof x === 'string'),
  read(docs, ctx) {
    const n = docs.reduce<number>((sum, doc) => sum + toArray(own(doc, 'accessEntries')).length, 0);
    ctx.b.count('access entries listed', n);
    ctx.b.note(`lists ${n} access entr${n === 1 ? 'y' : 'ies'} by principal ARN only (no cluster, username or groups): import \`aws eks describe-access-entry\` and \`list-associated-access-policies\` for each`);
  },
};
