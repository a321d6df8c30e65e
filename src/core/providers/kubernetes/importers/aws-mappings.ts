/**
 * How AWS identities become Kubernetes users and groups on EKS: the `aws-auth` ConfigMap
 * (kube-system), whose `data.mapRoles` / `data.mapUsers` are YAML text inside the object (parsed
 * here with the same safe reader as YAML files), and EKS access entries. Each mapping draws
 * `k8s.mapsTo` edges from the IAM role or user (a placeholder AWS node, linked when the IAM export
 * is imported) to the Kubernetes user and to each group; `system:masters` makes it cluster admin.
 */
import { own, ownString, toArray } from '../../../io/safe-object';
import type { Evidence } from '../../../model/types';
import { stringList } from '../meta';
import { readYamlValue, YamlRefused } from '../yaml';
import { evidence, groupRef, userRef, type ReadState } from './state';

const IAM_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):(role|user)\/(.+)$/;

/** The AWS node of an IAM role or user ARN (a placeholder: the IAM export describes it). */
export function awsPrincipalRef(s: ReadState, arn: string): string | undefined {
  const m = IAM_ARN.exec(arn);
  if (!m) return undefined;
  const name = m[3]!.split('/').pop()!;
  s.ctx.b.node({ id: arn, kind: m[2]!, provider: 'aws', name, account: m[1]!, placeholder: true, attributes: {} });
  return arn;
}

/** Edges from an AWS principal to the Kubernetes user and groups it authenticates as. */
export function drawMapping(s: ReadState, arn: string, username: string | undefined, groups: readonly string[], ev: Evidence): void {
  if (username) s.ctx.b.edge('k8s.mapsTo', arn, userRef(s, username), ev, { ...(/\{\{/.test(username) ? { templated: true } : {}) });
  for (const g of groups) s.ctx.b.edge('k8s.mapsTo', arn, groupRef(s, g), ev);
}

export function readAwsAuth(obj: Record<string, unknown>, where: string, s: ReadState): void {
  const b = s.ctx.b;
  const data = own(obj, 'data');
  for (const [key, arnKey] of [['mapRoles', 'rolearn'], ['mapUsers', 'userarn']] as const) {
    const raw = own(data, key);
    if (raw === undefined || raw === null || raw === '') continue;
    const at = `${where}.data.${key}`;
    if (typeof raw !== 'string') {
      b.warn(`${at}: expected YAML text, found ${typeof raw}; skipped`);
      continue;
    }
    let list: unknown;
    try {
      list = readYamlValue(raw, at);
    } catch (e) {
      b.warn(e instanceof YamlRefused ? `${e.message}; skipped` : `${at}: not valid YAML (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); skipped`);
      continue;
    }
    if (list !== null && !Array.isArray(list)) {
      b.warn(`${at}: expected a YAML list of mappings; skipped`);
      continue;
    }
    toArray(list).forEach((entry, i) => {
      const loc = `${at}[${i}]`;
      const arnText = ownString(entry, arnKey);
      const arn = arnText ? awsPrincipalRef(s, arnText) : undefined;
      if (!arn) return b.warn(`${loc}: ${arnKey} ${JSON.stringify(arnText ?? null)} is not an IAM ${arnKey === 'rolearn' ? 'role' : 'user'} ARN; skipped`);
      const username = ownString(entry, 'username') || undefined;
      const groups = stringList(own(entry, 'groups'));
      if (!groups) b.warn(`${loc}.groups: expected a list of strings; groups ignored`);
      b.count('aws-auth mappings');
      drawMapping(s, arn, username, groups ?? [], evidence(s, loc, `aws-auth maps ${arn}${username ? ` to user ${username}` : ''}${groups?.length ? ` in groups ${groups.join(', ')}` : ''}`));
    });
  }
  const accounts = stringList(own(data, 'mapAccounts')) ?? (typeof own(data, 'mapAccounts') === 'string' ? [String(own(data, 'mapAccounts'))] : []);
  if (accounts.length && accounts.some((a) => a.trim())) {
    b.note(`${where}.data.mapAccounts lets every IAM identity of the listed account(s) authenticate (as its own ARN, in no group); not drawn`);
  }
}
