/**
 * Turns a policy principal (`{"AWS": "..."}`, `{"Service": "..."}`, `"*"`...) into a graph node,
 * creating a placeholder when no export describes it.
 */
import type { FragmentBuilder } from '../../../model/fragment';
import type { PrincipalRef } from './policy-document';
import { accountRootArn, arnName, kindOfArn, parseArn } from './arn';

export const PUBLIC_PRINCIPAL_ID = '*';

export function principalNodeId(b: FragmentBuilder, p: PrincipalRef): string {
  const v = p.value;
  if (p.type === '*' || v === '*') {
    b.node({ id: PUBLIC_PRINCIPAL_ID, kind: 'publicPrincipal', name: 'Anyone (*)', provider: 'any', placeholder: true });
    return PUBLIC_PRINCIPAL_ID;
  }
  if (p.type === 'Service') {
    const id = `service:${v}`;
    b.node({ id, kind: 'servicePrincipal', name: v, placeholder: true });
    return id;
  }
  if (p.type === 'CanonicalUser') {
    const id = `canonical-user:${v}`;
    b.node({ id, kind: 'externalPrincipal', name: `canonical user ${v.slice(0, 12)}…`, placeholder: true, attributes: { principalType: 'CanonicalUser' } });
    return id;
  }
  if (p.type === 'Federated') {
    if (parseArn(v)) {
      const a = parseArn(v)!;
      b.node({ id: v, kind: 'identityProvider', name: arnName(v), account: a.account, placeholder: true, attributes: { protocol: a.resource.startsWith('saml-provider/') ? 'SAML' : 'OIDC' } });
      return v;
    }
    const id = `federated:${v}`;
    b.node({ id, kind: 'identityProvider', name: v, placeholder: true, attributes: { protocol: 'web identity' } });
    return id;
  }
  // AWS principals: an account id, an ARN, or the unique id of a deleted principal.
  if (/^\d{12}$/.test(v)) return accountNode(b, v);
  const arn = parseArn(v);
  if (arn) {
    const kind = kindOfArn(v);
    if (kind === 'account') return accountNode(b, arn.account, arn.partition);
    b.node({
      id: v,
      kind,
      name: arnName(v),
      account: arn.account || undefined,
      placeholder: true,
      attributes: arn.service === 'sts' ? { principalType: 'assumed-role session' } : {},
    });
    return v;
  }
  const id = `aws-principal:${v}`;
  b.node({ id, kind: 'externalPrincipal', name: v, placeholder: true, attributes: { note: /^A[A-Z]{3}[A-Z0-9]{12,}$/.test(v) ? 'unique id of a principal that was deleted or is not in the export' : 'unrecognised principal' } });
  return id;
}

export function accountNode(b: FragmentBuilder, account: string, partition = 'aws'): string {
  const id = accountRootArn(account, partition);
  b.node({ id, kind: 'account', name: `account ${account}`, account, placeholder: true });
  return id;
}
