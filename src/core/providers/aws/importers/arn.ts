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
  if (!s.startsWith('arn:')) return undefined;
  const parts = s.split(':');
  if (parts.length < 6) return undefined;
  return { partition: parts[1]!, service: parts[2]!, region: parts[3]!, account: parts[4]!, resource: parts.slice(5).join(':') };
}

export const accountRootArn = (account: string, partition = 'aws'): string => `arn:${partition}:iam::${account}:root`;

export function accountOf(arn: string): string | undefined {
  const a = parseArn(arn);
  return a && a.account ? a.account : undefined;
}

/** Last path segment of an ARN resource: `role/path/Name` gives `Name`. */
export function arnName(arn: string): string {
  const a = parseArn(arn);
  if (!a) return arn;
  const r = a.resource;
  if (a.service === 'sts' && r.startsWith('assumed-role/')) return r.slice('assumed-role/'.length);
  if (a.service === 'secretsmanager' && r.startsWith('secret:')) return r.slice('secret:'.length);
  const slash = r.lastIndexOf('/');
  return slash >= 0 ? r.slice(slash + 1) : r;
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
