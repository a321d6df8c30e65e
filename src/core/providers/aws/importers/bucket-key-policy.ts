/**
 * `aws s3api get-bucket-policy` and `aws kms get-key-policy` print `{"Policy": "<JSON>"}` with no
 * name of the bucket or key. The resource is found, in order:
 *  1. in the content (`Bucket`/`KeyArn`/`KeyId` keys, or the bucket named by every statement's
 *     Resource);
 *  2. from the file name: `<bucket>.json`, `<bucket>.bucket-policy.json`, `<key-id>.json`,
 *     `<region>.<key-id>.json`, `<key-id>.key-policy.json`, or cloudmapper's
 *     `s3-get-bucket-policy/<bucket>` layout; a region in the name or a region folder in the
 *     path (e.g. `us-east-1/`) gives the key's region;
 *  3. otherwise the file is rejected with a message saying how to name it.
 */
import { RejectFile, type ImportContext, type JsonImporter } from '../../../importers/types';
import { isRecord, own, ownString } from '../../../io/safe-object';
import { accountOf, parseArn } from './arn';
import { normalizePolicy } from './policy-document';
import { readResourcePolicy } from './resource-policy';

/** The resource of a policy file cannot be named: the file is refused with how to name it. */
export class NamingError extends RejectFile {}

const KEYS = new Set(['Policy', 'PolicyName', 'Bucket', 'KeyId', 'KeyArn']);
const BUCKET_NAME = /^[a-z0-9][a-z0-9._-]{1,62}$/;
const KEY_ID = /^(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

export const isPolicyOnlyDoc = (doc: unknown): boolean =>
  isRecord(doc) && own(doc, 'Policy') !== undefined && Object.keys(doc).every((k) => KEYS.has(k)) && (typeof own(doc, 'Policy') === 'string' || isRecord(own(doc, 'Policy')));

/** KMS when the output names the `default` policy or the statements speak kms:. */
function isKeyPolicy(doc: unknown): boolean {
  if (own(doc, 'PolicyName') !== undefined || own(doc, 'KeyId') !== undefined || own(doc, 'KeyArn') !== undefined) return true;
  const parsed = normalizePolicy(own(doc, 'Policy'));
  if (!parsed.ok) return false;
  const actions = parsed.document.statements.flatMap((s) => [...s.actions, ...s.notActions]);
  return actions.length > 0 && actions.every((a) => /^kms:/i.test(a));
}

function baseName(path: string): { stem: string; folders: string[] } {
  const parts = path.split(/[\\/]/).filter(Boolean);
  const file = parts.pop() ?? path;
  const stem = file.replace(/\.json$/i, '').replace(/\.(bucket|key)-policy$/i, '');
  return { stem, folders: parts };
}

function bucketFromContent(doc: unknown): string | undefined {
  const explicit = ownString(doc, 'Bucket');
  if (explicit) return explicit;
  const parsed = normalizePolicy(own(doc, 'Policy'));
  if (!parsed.ok) return undefined;
  const names = new Set<string>();
  for (const s of parsed.document.statements) {
    for (const r of s.resources) {
      const m = /^arn:[^:]+:s3:::([^/*?]+)/.exec(r);
      if (m) names.add(m[1]!);
    }
  }
  return names.size === 1 ? [...names][0] : undefined;
}

export const bucketPolicyImporter: JsonImporter = {
  format: 'aws.s3.get-bucket-policy',
  label: 'AWS s3api get-bucket-policy',
  provider: 'aws',
  detect: (doc) => isPolicyOnlyDoc(doc) && !isKeyPolicy(doc),
  read(docs, ctx) {
    docs.forEach((doc, d) => {
      const { stem } = baseName(ctx.path);
      const bucket = bucketFromContent(doc) ?? (BUCKET_NAME.test(stem) ? stem : undefined);
      if (!bucket) {
        throw new NamingError('cannot tell which bucket this policy belongs to: its statements name no single bucket; name the file <bucket>.json (see README, "Resource policies")');
      }
      const arn = `arn:aws:s3:::${bucket}`;
      ctx.b.node({ id: arn, kind: 'bucket', name: bucket, attributes: { hasBucketPolicy: true } });
      readResourcePolicy(ctx, arn, own(doc, 'Policy'), `${ctx.docPrefix(d)}Policy`);
    });
  },
};

export const keyPolicyImporter: JsonImporter = {
  format: 'aws.kms.get-key-policy',
  label: 'AWS kms get-key-policy',
  provider: 'aws',
  detect: (doc) => isPolicyOnlyDoc(doc) && isKeyPolicy(doc),
  read(docs, ctx) {
    docs.forEach((doc, d) => {
      const arn = keyArn(doc, ctx);
      ctx.b.node({ id: arn, kind: 'kmsKey', name: parseArn(arn)?.resource ?? arn, account: accountOf(arn), attributes: { policyName: ownString(doc, 'PolicyName') } });
      readResourcePolicy(ctx, arn, own(doc, 'Policy'), `${ctx.docPrefix(d)}Policy`);
    });
  },
};

function keyArn(doc: unknown, ctx: ImportContext): string {
  const explicit = ownString(doc, 'KeyArn') ?? ownString(doc, 'KeyId');
  if (explicit && parseArn(explicit)) return explicit;
  const { stem, folders } = baseName(ctx.path);
  // The key id and the region may both be in the name: `us-east-1.<key-id>.json`.
  const parts = stem.split(/[._]/);
  const keyId = explicit ?? parts.find((p) => KEY_ID.test(p)) ?? stem;
  if (!KEY_ID.test(keyId)) {
    throw new NamingError('cannot tell which KMS key this policy belongs to: name the file <key-id>.json, e.g. 1234abcd-12ab-34cd-56ef-1234567890ab.json (see README, "Resource policies")');
  }
  const region = parts.find((p) => REGION.test(p)) ?? [...folders].reverse().find((f) => REGION.test(f));
  const account = accountFromPolicy(own(doc, 'Policy'));
  if (!region || !account) ctx.b.warn(`key ${keyId}: ${!region ? 'region' : 'account'} unknown (put the file in a folder named after the region); the key ARN has "unknown" in its place`);
  return `arn:aws:kms:${region ?? 'unknown'}:${account ?? 'unknown'}:key/${keyId}`;
}

/** The account of a key policy is the one whose root the default statement trusts. */
function accountFromPolicy(policy: unknown): string | undefined {
  const parsed = normalizePolicy(policy);
  if (!parsed.ok) return undefined;
  for (const s of parsed.document.statements) {
    for (const p of s.principals) {
      const m = /^arn:[^:]+:iam::(\d{12}):root$/.exec(p.value);
      if (m) return m[1];
    }
  }
  return undefined;
}
