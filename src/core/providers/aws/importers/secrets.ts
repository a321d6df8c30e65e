/** Secrets Manager: list-secrets, describe-secret, get-resource-policy, get-secret-value. */
import type { ImportContext, JsonImporter } from '../../../importers/types';
import type { Attributes } from '../../../model/types';
import { extraFields, isRecord, own, ownString, readTags, toArray } from '../../../io/safe-object';
import { accountOf, arnName } from './arn';
import { dateField } from './gaad-records';
import { readResourcePolicy } from './resource-policy';

const SECRET_KEYS = new Set(['ARN', 'Name', 'Description', 'KmsKeyId', 'RotationEnabled', 'RotationLambdaARN', 'RotationRules', 'LastRotatedDate', 'LastChangedDate', 'LastAccessedDate', 'DeletedDate', 'NextRotationDate', 'CreatedDate', 'Tags', 'SecretVersionsToStages', 'VersionIdsToStages', 'OwningService', 'PrimaryRegion']);
const DATES = ['LastRotatedDate', 'LastChangedDate', 'LastAccessedDate', 'DeletedDate', 'NextRotationDate', 'CreatedDate'] as const;

export function readSecret(ctx: ImportContext, rec: unknown, where: string): string | undefined {
  if (!isRecord(rec)) {
    ctx.b.warn(`${where}: not an object; skipped`);
    return undefined;
  }
  const arn = ownString(rec, 'ARN');
  if (!arn) {
    ctx.b.warn(`${where}: secret without an ARN; skipped`);
    return undefined;
  }
  const attributes: Attributes = {
    description: ownString(rec, 'Description'),
    kmsKeyId: ownString(rec, 'KmsKeyId'),
    rotationEnabled: own(rec, 'RotationEnabled') === true,
    rotationLambda: ownString(rec, 'RotationLambdaARN'),
    rotationRules: own(rec, 'RotationRules'),
    versionStages: own(rec, 'SecretVersionsToStages') ?? own(rec, 'VersionIdsToStages'),
    owningService: ownString(rec, 'OwningService'),
    primaryRegion: ownString(rec, 'PrimaryRegion'),
  };
  for (const key of DATES) {
    const v = dateField(ctx, rec, key, where);
    if (v !== undefined) attributes[key.charAt(0).toLowerCase() + key.slice(1).replace(/Date$/, '')] = v;
  }
  const tags = readTags(own(rec, 'Tags'));
  if (tags.length) attributes.tags = tags;
  const extra = extraFields(rec, SECRET_KEYS);
  if (Object.keys(extra).length) attributes.extra = extra;
  ctx.b.node({ id: arn, kind: 'secret', name: ownString(rec, 'Name') ?? arnName(arn), account: accountOf(arn), attributes });
  return arn;
}

export const listSecretsImporter: JsonImporter = {
  format: 'aws.secretsmanager.list-secrets',
  label: 'AWS secretsmanager list-secrets',
  provider: 'aws',
  detect: (doc) => isRecord(doc) && Array.isArray(own(doc, 'SecretList')),
  read(docs, ctx) {
    docs.forEach((doc, d) => toArray(own(doc, 'SecretList')).forEach((s, i) => readSecret(ctx, s, `${ctx.docPrefix(d)}SecretList[${i}]`)));
  },
};

export const describeSecretImporter: JsonImporter = {
  format: 'aws.secretsmanager.describe-secret',
  label: 'AWS secretsmanager describe-secret / get-secret-value',
  provider: 'aws',
  detect: (doc) =>
    isRecord(doc) && typeof own(doc, 'ARN') === 'string' && String(own(doc, 'ARN')).includes(':secretsmanager:') && own(doc, 'ResourcePolicy') === undefined && (own(doc, 'VersionIdsToStages') !== undefined || own(doc, 'CreatedDate') !== undefined || own(doc, 'VersionId') !== undefined),
  read(docs, ctx) {
    docs.forEach((doc, d) => readSecret(ctx, doc, `${ctx.docPrefix(d)}secret`));
  },
};

export const secretPolicyImporter: JsonImporter = {
  format: 'aws.secretsmanager.get-resource-policy',
  label: 'AWS secretsmanager get-resource-policy',
  provider: 'aws',
  detect: (doc) => isRecord(doc) && typeof own(doc, 'ARN') === 'string' && String(own(doc, 'ARN')).includes(':secretsmanager:') && typeof own(doc, 'Name') === 'string' && Object.keys(doc).every((k) => ['ARN', 'Name', 'ResourcePolicy'].includes(k)),
  read(docs, ctx) {
    docs.forEach((doc, d) => {
      const where = `${ctx.docPrefix(d)}ResourcePolicy`;
      const arn = ownString(doc, 'ARN')!;
      ctx.b.node({ id: arn, kind: 'secret', name: ownString(doc, 'Name') ?? arnName(arn), account: accountOf(arn), attributes: { hasResourcePolicy: own(doc, 'ResourcePolicy') !== undefined } });
      if (own(doc, 'ResourcePolicy') === undefined) ctx.b.count('secrets without a resource policy');
      else readResourcePolicy(ctx, arn, own(doc, 'ResourcePolicy'), where);
    });
  },
};
