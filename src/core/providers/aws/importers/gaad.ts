/**
 * `aws iam get-account-authorization-details`: one merged document, pages in several files, an
 * array of pages, or pages concatenated in one file. Pages are read one by one; the graph
 * builder merges what they describe.
 */
import type { ImportContext, JsonImporter } from '../../../importers/types';
import type { Attributes } from '../../../model/types';
import { extraFieldsIfAny, isRecord, own, ownString, toArray } from '../../../io/safe-object';
import { accountOf, arnName } from './arn';
import { dateField, readGroup, readRole, readUser } from './gaad-records';
import { checkPolicy, warnPolicyProblems } from './policy-document';

const LISTS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList'] as const;
const POLICY_KEYS = new Set(['PolicyName', 'PolicyId', 'Arn', 'Path', 'DefaultVersionId', 'AttachmentCount', 'PermissionsBoundaryUsageCount', 'IsAttachable', 'Description', 'CreateDate', 'UpdateDate', 'PolicyVersionList']);

/** A GAAD page has one of the detail lists, or managed policies with version lists. */
export function isGaadPage(doc: unknown): boolean {
  if (!isRecord(doc)) return false;
  if (LISTS.some((k) => own(doc, k) !== undefined)) return true;
  const first = toArray(own(doc, 'Policies'))[0];
  return isRecord(first) && (own(first, 'PolicyVersionList') !== undefined || own(first, 'DefaultVersionId') !== undefined);
}

export const gaadImporter: JsonImporter = {
  format: 'aws.gaad',
  label: 'AWS get-account-authorization-details',
  provider: 'aws',
  detect: isGaadPage,
  read(docs, ctx) {
    docs.forEach((doc, d) => {
      if (!isGaadPage(doc)) return ctx.b.warn(`${ctx.docPrefix(d)}not a get-account-authorization-details page; skipped`);
      const p = ctx.docPrefix(d);
      toArray(own(doc, 'UserDetailList')).forEach((u, i) => readUser(ctx, u, `${p}UserDetailList[${i}]`));
      toArray(own(doc, 'GroupDetailList')).forEach((g, i) => readGroup(ctx, g, `${p}GroupDetailList[${i}]`));
      toArray(own(doc, 'RoleDetailList')).forEach((r, i) => readRole(ctx, r, `${p}RoleDetailList[${i}]`));
      toArray(own(doc, 'Policies')).forEach((pol, i) => readManagedPolicy(ctx, pol, `${p}Policies[${i}]`));
      if (own(doc, 'IsTruncated') === true && d === docs.length - 1) {
        ctx.b.warn(`${p}IsTruncated is true: this is not the last page (Marker ${JSON.stringify(ownString(doc, 'Marker')?.slice(0, 24) ?? '')}); import the remaining pages too`);
      }
    });
  },
};

interface PolicyVersion {
  versionId?: string;
  isDefault: boolean;
  created?: string;
  document?: unknown;
}

/** A managed policy with all stored versions; only the default one is effective. */
export function readManagedPolicy(ctx: ImportContext, rec: unknown, where: string): void {
  const b = ctx.b;
  if (!isRecord(rec)) return b.warn(`${where}: not an object; skipped`);
  const arn = ownString(rec, 'Arn');
  if (!arn) return b.warn(`${where}: managed policy without an Arn; skipped`);
  const name = ownString(rec, 'PolicyName') ?? arnName(arn);
  const defaultId = ownString(rec, 'DefaultVersionId');
  const versions: PolicyVersion[] = [];
  let document: unknown;
  toArray(own(rec, 'PolicyVersionList')).forEach((v, i) => {
    const loc = `${where}.PolicyVersionList[${i}]`;
    const parsed = checkPolicy(own(v, 'Document'));
    if (!parsed.ok) b.warn(`${loc} (${name}): ${parsed.reason}`);
    warnPolicyProblems((m) => b.warn(m), `${loc}.Document`, parsed);
    const version: PolicyVersion = {
      versionId: ownString(v, 'VersionId'),
      isDefault: own(v, 'IsDefaultVersion') === true || (defaultId !== undefined && ownString(v, 'VersionId') === defaultId),
      created: dateField(ctx, v, 'CreateDate', loc),
      document: parsed.ok ? parsed.raw : undefined,
    };
    versions.push(version);
    if (version.isDefault && parsed.ok) document = parsed.raw;
  });
  if (document === undefined) b.warn(`${where} (${name}): no readable default version; its statements are not used`);
  const attributes: Attributes = {
    awsManaged: accountOf(arn) === 'aws',
    path: ownString(rec, 'Path'),
    uniqueId: ownString(rec, 'PolicyId'),
    description: ownString(rec, 'Description'),
    defaultVersionId: defaultId,
    attachmentCount: own(rec, 'AttachmentCount'),
    boundaryUsageCount: own(rec, 'PermissionsBoundaryUsageCount'),
    attachable: own(rec, 'IsAttachable'),
    created: dateField(ctx, rec, 'CreateDate', where),
    updated: dateField(ctx, rec, 'UpdateDate', where),
    document,
    versions,
  };
  const extra = extraFieldsIfAny(rec, POLICY_KEYS);
  if (extra) attributes.extra = extra;
  b.node({ id: arn, kind: 'managedPolicy', name, account: accountOf(arn), attributes });
}
