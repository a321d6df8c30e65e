/** Small IAM, STS and S3 outputs that complete the picture around the GAAD. */
import { forEachRecord, type JsonImporter } from '../../../importers/types';
import { isRecord, own, ownString, toArray } from '../../../io/safe-object';
import { accountOf, arnName } from './arn';
import { dateField, readRole, readUser } from './gaad-records';
import { accountNode } from './principals';
import { normalizePolicy, warnPolicyProblems } from './policy-document';

export const getRoleImporter: JsonImporter = {
  format: 'aws.iam.get-role',
  label: 'AWS iam get-role',
  provider: 'aws',
  detect: (doc) => isRecord(doc) && isRecord(own(doc, 'Role')) && own(own(doc, 'Role'), 'RoleName') !== undefined,
  read: (docs, ctx) => docs.forEach((doc, d) => readRole(ctx, own(doc, 'Role'), `${ctx.docPrefix(d)}Role`)),
};

export const getUserImporter: JsonImporter = {
  format: 'aws.iam.get-user',
  label: 'AWS iam get-user',
  provider: 'aws',
  detect: (doc) => isRecord(doc) && isRecord(own(doc, 'User')) && own(own(doc, 'User'), 'UserName') !== undefined,
  read: (docs, ctx) => docs.forEach((doc, d) => readUser(ctx, own(doc, 'User'), `${ctx.docPrefix(d)}User`)),
};

export const identityProvidersImporter: JsonImporter = {
  format: 'aws.iam.list-identity-providers',
  label: 'AWS iam list-saml-providers / list-open-id-connect-providers',
  provider: 'aws',
  detect: (doc) => isRecord(doc) && (Array.isArray(own(doc, 'SAMLProviderList')) || Array.isArray(own(doc, 'OpenIDConnectProviderList'))),
  read(docs, ctx) {
    docs.forEach((doc, d) => {
      for (const [key, protocol] of [['SAMLProviderList', 'SAML'], ['OpenIDConnectProviderList', 'OIDC']] as const) {
        toArray(own(doc, key)).forEach((p, i) => {
          const where = `${ctx.docPrefix(d)}${key}[${i}]`;
          const arn = ownString(p, 'Arn');
          if (!arn) return ctx.b.warn(`${where}: provider without an Arn; skipped`);
          ctx.b.node({ id: arn, kind: 'identityProvider', name: arnName(arn), account: accountOf(arn), attributes: { protocol, created: dateField(ctx, p, 'CreateDate', where), validUntil: dateField(ctx, p, 'ValidUntil', where) } });
        });
      }
    });
  },
};

export const listAccessKeysImporter: JsonImporter = {
  format: 'aws.iam.list-access-keys',
  label: 'AWS iam list-access-keys',
  provider: 'aws',
  detect: (doc) => isRecord(doc) && Array.isArray(own(doc, 'AccessKeyMetadata')),
  read(docs, ctx) {
    docs.forEach((doc, d) =>
      toArray(own(doc, 'AccessKeyMetadata')).forEach((k, i) => {
        const where = `${ctx.docPrefix(d)}AccessKeyMetadata[${i}]`;
        const keyId = ownString(k, 'AccessKeyId');
        const user = ownString(k, 'UserName');
        if (!keyId || !user) return ctx.b.warn(`${where}: needs AccessKeyId and UserName; skipped`);
        const id = `aws-access-key:${keyId}`;
        ctx.b.node({ id, kind: 'accessKey', name: `${user} ${keyId}`, attributes: { accessKeyId: keyId, active: ownString(k, 'Status') === 'Active', status: ownString(k, 'Status'), created: dateField(ctx, k, 'CreateDate', where) } });
        ctx.b.fragment.nameRefs.push({ edge: 'credentialOf', from: id, targetKind: 'user', account: undefined, name: user, evidence: { file: ctx.file, location: where } });
      }),
    );
  },
};

export const listBucketsImporter: JsonImporter = {
  format: 'aws.s3.list-buckets',
  label: 'AWS s3api list-buckets',
  provider: 'aws',
  detect: (doc) => isRecord(doc) && Array.isArray(own(doc, 'Buckets')),
  read(docs, ctx) {
    forEachRecord(docs, ctx, 'Buckets', 'Name', (bk, name, where) =>
      ctx.b.node({ id: `arn:aws:s3:::${name}`, kind: 'bucket', name, attributes: { created: dateField(ctx, bk, 'CreationDate', where), region: ownString(bk, 'BucketRegion') } }),
    );
  },
};

export const callerIdentityImporter: JsonImporter = {
  format: 'aws.sts.get-caller-identity',
  label: 'AWS sts get-caller-identity',
  provider: 'aws',
  detect: (doc) => isRecord(doc) && typeof own(doc, 'Account') === 'string' && typeof own(doc, 'Arn') === 'string' && own(doc, 'UserId') !== undefined,
  read(docs, ctx) {
    docs.forEach((doc) => {
      const account = ownString(doc, 'Account')!;
      const id = accountNode(ctx.b, account);
      ctx.b.node({ id, kind: 'account', name: `account ${account}`, account, attributes: { collectedBy: ownString(doc, 'Arn') } });
    });
  },
};

export const accountSummaryImporter: JsonImporter = {
  format: 'aws.iam.get-account-summary',
  label: 'AWS iam get-account-summary',
  provider: 'aws',
  detect: (doc) => isRecord(doc) && isRecord(own(doc, 'SummaryMap')),
  read(docs, ctx) {
    // The summary names no account, so it cannot be attached to a node: its counts are reported.
    docs.forEach((doc) => {
      const map = own(doc, 'SummaryMap') as Record<string, unknown>;
      for (const key of ['Users', 'Groups', 'Roles', 'Policies', 'AccountAccessKeysPresent', 'AccountMFAEnabled']) {
        if (typeof map[key] === 'number') ctx.b.count(`summary ${key}`, map[key]);
      }
      ctx.b.note('account summary names no account: its figures are shown here and not attached to the graph');
    });
  },
};

export const bareDocumentImporter: JsonImporter = {
  format: 'aws.policy-document',
  label: 'AWS policy document (standalone)',
  provider: 'aws',
  detect: (doc) => isRecord(doc) && own(doc, 'Statement') !== undefined && (own(doc, 'Version') !== undefined || own(doc, 'Id') !== undefined || toArray(own(doc, 'Statement')).some((s) => own(s, 'Effect') !== undefined)),
  read(docs, ctx) {
    docs.forEach((doc, d) => {
      const parsed = normalizePolicy(doc);
      if (!parsed.ok) return ctx.b.warn(`${ctx.docPrefix(d)}${parsed.reason}`);
      warnPolicyProblems((m) => ctx.b.warn(`${ctx.docPrefix(d)}${m}`), '', parsed);
      const name = (ctx.file.split(/[\\/]/).pop() ?? ctx.file).replace(/\.json$/i, '');
      ctx.b.node({ id: `policy-document:${ctx.file}${d ? `#${d}` : ''}`, kind: 'managedPolicy', name, attributes: { standalone: true, document: parsed.raw } });
      ctx.b.note('a standalone policy document is attached to nothing; to use it as an SCP import `aws organizations describe-policy` and `list-targets-for-policy` output');
    });
  },
};
