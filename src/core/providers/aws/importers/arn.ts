/** ARN parsing and the node kind an ARN denotes. */
import type { NodeKind } from '../../../model/kinds';

export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

export function parseArn(s: string): Arn | undefined {
  const c = colons(s);
  if (!c) return undefined;
  return { partition: s.slice(4, c[1]), service: s.slice(c[1] + 1, c[2]), region: s.slice(c[2] + 1, c[3]), account: s.slice(c[3] + 1, c[4]), resource: s.slice(c[4] + 1) };
}

/** Reused by `colons`: importers ask for the account and name of every ARN they meet. */
const COLONS: Colons = [0, 0, 0, 0, 0];
type Colons = [number, number, number, number, number];

/**
 * Offsets of the first five colons of an ARN (`arn:partition:service:region:account:resource`),
 * or undefined when `s` is no ARN. The array is shared: read it before the next call.
 * The resource is everything after the fifth colon, colons included.
 */
function colons(s: string): Readonly<Colons> | undefined {
  if (!s.startsWith('arn:')) return undefined;
  COLONS[0] = 3;
  for (let i = 1; i < 5; i++) {
    const at = s.indexOf(':', COLONS[i - 1]! + 1);
    if (at === -1) return undefined;
    COLONS[i] = at;
  }
  return COLONS;
}

/** Whether `s` has an ARN's six fields (what `parseArn` accepts), without building them. */
export const isArn = (s: string): boolean => colons(s) !== undefined;

export const accountRootArn = (account: string, partition = 'aws'): string => `arn:${partition}:iam::${account}:root`;

export function accountOf(arn: string): string | undefined {
  const c = colons(arn);
  return c && c[4] > c[3] + 1 ? arn.slice(c[3] + 1, c[4]) : undefined;
}

/** Last path segment of an ARN resource: `role/path/Name` gives `Name`. */
export function arnName(arn: string): string {
  const c = colons(arn);
  if (!c) return arn;
  const from = c[4] + 1;
  const service = arn.slice(c[1] + 1, c[2]);
  if (service === 'sts' && arn.startsWith('assumed-role/', from)) return arn.slice(from + 'assumed-role/'.length);
  if (service === 'secretsmanager' && arn.startsWith('secret:', from)) return arn.slice(from + 'secret:'.length);
  const slash = arn.lastIndexOf('/');
  return slash >= from ? arn.slice(slash + 1) : arn.slice(from);
}

/** Kind of node an ARN names, for placeholders created from references. */
export function kindOfArn(arn: string): NodeKind {
  const a = parseArn(arn);
  if (!a) return 'externalPrincipal';
  const r = a.resource;
  if (a.service === 'iam') {
    if (r === 'root') return 'account';
    if (r.startsWith('user/')) return 'user';
    if (r.startsWith('role/')) return 'role';
    if (r.startsWith('group/')) return 'group';
    if (r.startsWith('policy/')) return 'managedPolicy';
    if (r.startsWith('instance-profile/')) return 'instanceProfile';
    if (r.startsWith('saml-provider/') || r.startsWith('oidc-provider/')) return 'identityProvider';
    return 'resource';
  }
  if (a.service === 'sts') return 'externalPrincipal';
  if (a.service === 's3' && !r.includes('/')) return 'bucket';
  if (a.service === 'kms') return 'kmsKey';
  if (a.service === 'secretsmanager') return 'secret';
  if (a.service === 'organizations') return r.startsWith('policy/') ? 'scp' : r.startsWith('account/') ? 'account' : 'orgUnit';
  return 'resource';
}
