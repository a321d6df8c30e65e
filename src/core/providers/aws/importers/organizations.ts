/**
 * AWS Organizations policies (SCPs and RCPs): `describe-policy` gives the document,
 * `list-targets-for-policy` the roots, OUs and accounts it is attached to, and `list-policies`
 * the catalogue. `list-targets-for-policy` does not repeat the policy id, so it is taken from a
 * `PolicyId` key when present, else from the file name (`p-abcd1234.json`,
 * `p-abcd1234.targets.json`, any name containing the id).
 */
import type { ImportContext, JsonImporter } from '../../../importers/types';
import type { Attributes } from '../../../model/types';
import { isRecord, own, ownString, toArray } from '../../../io/safe-object';
import { normalizePolicy, warnPolicyProblems } from './policy-document';
import { accountNode } from './principals';
import { NamingError } from './bucket-key-policy';

export const orgPolicyId = (policyId: string): string => `aws-org-policy:${policyId}`;
const POLICY_ID = /\bp-(?:[0-9a-z]{8,128}|FullAWSAccess|RCPFullAWSAccess)\b/i;

function orgPolicyNode(ctx: ImportContext, summary: unknown, content: unknown, where: string, placeholder: boolean): string | undefined {
  const id = ownString(summary, 'Id');
  if (!id) {
    ctx.b.warn(`${where}: policy without an Id; skipped`);
    return undefined;
  }
  const attributes: Attributes = {
    policyId: id,
    arn: ownString(summary, 'Arn'),
    description: ownString(summary, 'Description'),
    policyType: ownString(summary, 'Type') ?? 'SERVICE_CONTROL_POLICY',
    awsManaged: own(summary, 'AwsManaged') === true,
  };
  if (content !== undefined) {
    const parsed = normalizePolicy(content);
    if (parsed.ok) attributes.document = parsed.raw;
    else ctx.b.warn(`${where}.Content: ${parsed.reason}; its statements are not used`);
    warnPolicyProblems((m) => ctx.b.warn(m), `${where}.Content`, parsed);
  }
  ctx.b.node({ id: orgPolicyId(id), kind: 'scp', name: ownString(summary, 'Name') ?? id, provider: 'aws', attributes, placeholder });
  return orgPolicyId(id);
}

export const describePolicyImporter: JsonImporter = {
  format: 'aws.organizations.describe-policy',
  label: 'AWS organizations describe-policy',
  provider: 'aws',
  detect: (doc) => isRecord(own(doc, 'Policy')) && isRecord(own(own(doc, 'Policy'), 'PolicySummary')),
  read(docs, ctx) {
    docs.forEach((doc, d) => {
      const p = own(doc, 'Policy');
      orgPolicyNode(ctx, own(p, 'PolicySummary'), own(p, 'Content'), `${ctx.docPrefix(d)}Policy`, false);
    });
  },
};

export const listOrgPoliciesImporter: JsonImporter = {
  format: 'aws.organizations.list-policies',
  label: 'AWS organizations list-policies',
  provider: 'aws',
  detect: (doc) => {
    const first = toArray(own(doc, 'Policies'))[0];
    return isRecord(first) && typeof own(first, 'Id') === 'string' && own(first, 'Type') !== undefined;
  },
  read(docs, ctx) {
    docs.forEach((doc, d) => toArray(own(doc, 'Policies')).forEach((p, i) => orgPolicyNode(ctx, p, undefined, `${ctx.docPrefix(d)}Policies[${i}]`, true)));
  },
};

export const policyTargetsImporter: JsonImporter = {
  format: 'aws.organizations.list-targets-for-policy',
  label: 'AWS organizations list-targets-for-policy',
  provider: 'aws',
  detect: (doc) => isRecord(doc) && Array.isArray(own(doc, 'Targets')) && toArray(own(doc, 'Targets')).every((t) => own(t, 'TargetId') !== undefined),
  read(docs, ctx) {
    docs.forEach((doc, d) => {
      const policyId = ownString(doc, 'PolicyId') ?? POLICY_ID.exec(ctx.path.split(/[\\/]/).pop() ?? '')?.[0];
      if (!policyId) throw new NamingError('cannot tell which policy these targets belong to: name the file after the policy id, e.g. p-abcd1234.targets.json (see README, "Organizations")');
      const pid = orgPolicyId(policyId);
      ctx.b.node({ id: pid, kind: 'scp', name: policyId, placeholder: true, attributes: { policyId } });
      toArray(own(doc, 'Targets')).forEach((t, i) => {
        const where = `${ctx.docPrefix(d)}Targets[${i}]`;
        const targetId = ownString(t, 'TargetId');
        const type = ownString(t, 'Type');
        if (!targetId) return ctx.b.warn(`${where}: no TargetId; skipped`);
        let node: string;
        if (type === 'ACCOUNT' || /^\d{12}$/.test(targetId)) {
          node = accountNode(ctx.b, targetId);
          ctx.b.node({ id: node, kind: 'account', name: ownString(t, 'Name') ?? `account ${targetId}`, account: targetId, placeholder: true });
        } else {
          node = `aws-org:${targetId}`;
          ctx.b.node({ id: node, kind: 'orgUnit', name: ownString(t, 'Name') ?? targetId, attributes: { targetType: type, arn: ownString(t, 'Arn') } });
        }
        ctx.b.edge('hasPolicy', node, pid, { file: ctx.file, location: where, policy: pid }, { via: 'scp' });
      });
    });
  },
};

const PARENT_ID = /\b(?:ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}|r-[0-9a-z]{4,32})\b/;

/** Parent of a listing: a `ParentId` key, else an OU or root id in the file name. */
function parentOf(doc: unknown, ctx: ImportContext): string | undefined {
  return ownString(doc, 'ParentId') ?? PARENT_ID.exec(ctx.path.split(/[\\/]/).pop() ?? '')?.[0];
}

function orgUnitNode(ctx: ImportContext, id: string, name?: string, arn?: string): string {
  const node = `aws-org:${id}`;
  ctx.b.node({ id: node, kind: 'orgUnit', name: name ?? id, placeholder: name === undefined, attributes: { targetType: id.startsWith('r-') ? 'ROOT' : 'ORGANIZATIONAL_UNIT', arn } });
  return node;
}

/**
 * The organization tree, for SCP inheritance: `list-accounts-for-parent` and
 * `list-organizational-units-for-parent` name their parent only in the request, so it comes from a
 * `ParentId` key or the file name (`ou-ab12-cdef3456.accounts.json`, `r-ab12.ous.json`). Without
 * it, `list-accounts` output still gives the accounts.
 */
export const orgTreeImporter: JsonImporter = {
  format: 'aws.organizations.list-children',
  label: 'AWS organizations list-accounts(-for-parent) / list-organizational-units-for-parent',
  provider: 'aws',
  detect: (doc) => isRecord(doc) && (Array.isArray(own(doc, 'OrganizationalUnits')) || (Array.isArray(own(doc, 'Accounts')) && toArray(own(doc, 'Accounts')).every((a) => own(a, 'Id') !== undefined))),
  read(docs, ctx) {
    docs.forEach((doc, d) => {
      const parentId = parentOf(doc, ctx);
      const parent = parentId ? orgUnitNode(ctx, parentId) : undefined;
      if (!parent) ctx.b.note('no parent OU or root named (ParentId key or file name): accounts are listed without their place in the organization');
      toArray(own(doc, 'Accounts')).forEach((acct, i) => {
        const where = `${ctx.docPrefix(d)}Accounts[${i}]`;
        const id = ownString(acct, 'Id');
        if (!id) return ctx.b.warn(`${where}: no Id; skipped`);
        const node = accountNode(ctx.b, id);
        ctx.b.node({ id: node, kind: 'account', name: ownString(acct, 'Name') ?? `account ${id}`, account: id, attributes: { email: ownString(acct, 'Email'), status: ownString(acct, 'Status') } });
        if (parent) ctx.b.edge('memberOf', node, parent, { file: ctx.file, location: where });
      });
      toArray(own(doc, 'OrganizationalUnits')).forEach((ou, i) => {
        const where = `${ctx.docPrefix(d)}OrganizationalUnits[${i}]`;
        const id = ownString(ou, 'Id');
        if (!id) return ctx.b.warn(`${where}: no Id; skipped`);
        const node = orgUnitNode(ctx, id, ownString(ou, 'Name') ?? id, ownString(ou, 'Arn'));
        if (parent) ctx.b.edge('memberOf', node, parent, { file: ctx.file, location: where });
        else ctx.b.warn(`${where}: parent unknown; name the file after the parent id (e.g. r-ab12.ous.json)`);
      });
    });
  },
};
