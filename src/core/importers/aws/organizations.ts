/**
 * AWS Organizations policies (SCPs and RCPs): `describe-policy` gives the document,
 * `list-targets-for-policy` the roots, OUs and accounts it is attached to, and `list-policies`
 * the catalogue. `list-targets-for-policy` does not repeat the policy id, so it is taken from a
 * `PolicyId` key when present, else from the file name (`p-abcd1234.json`,
 * `p-abcd1234.targets.json`, any name containing the id).
 */
import type { ImportContext, JsonImporter } from '../types';
import type { Attributes } from '../../model/types';
import { isRecord, own, ownString, toArray } from '../../io/safe-object';
import { normalizePolicy } from './policy-document';
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
