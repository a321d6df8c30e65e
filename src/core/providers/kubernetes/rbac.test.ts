/** RBAC rule semantics and cluster naming, table-driven against the authorizer's behaviour. */
import { describe, expect, it } from 'vitest';
import { grantedVerbs, ruleAllows, selectorMatches, type PolicyRule } from './rbac';
import { chooseCluster, clusterFromFileName, parseSaUser } from './ids';

const rule = (apiGroups: string[], resources: string[], verbs: string[], resourceNames: string[] = []): PolicyRule => ({ apiGroups, resources, verbs, resourceNames, nonResourceURLs: [] });

describe('ruleAllows', () => {
  const CASES: [string, PolicyRule, string, string, string, string | undefined, boolean][] = [
    ['exact', rule([''], ['secrets'], ['get']), 'get', '', 'secrets', 'x', true],
    ['other verb', rule([''], ['secrets'], ['get']), 'list', '', 'secrets', undefined, false],
    ['other group', rule(['apps'], ['secrets'], ['get']), 'get', '', 'secrets', 'x', false],
    ['verb *', rule([''], ['pods'], ['*']), 'delete', '', 'pods', 'p', true],
    ['group *', rule(['*'], ['deployments'], ['create']), 'create', 'apps', 'deployments', undefined, true],
    ['resource * covers subresources', rule([''], ['*'], ['create']), 'create', '', 'pods/exec', 'p', true],
    ['pods does not cover pods/exec', rule([''], ['pods'], ['create']), 'create', '', 'pods/exec', 'p', false],
    ['pods/exec exact', rule([''], ['pods/exec'], ['create']), 'create', '', 'pods/exec', 'p', true],
    ['*/exec any resource', rule([''], ['*/exec'], ['create']), 'create', '', 'pods/exec', 'p', true],
    ['*/exec not the resource itself', rule([''], ['*/exec'], ['create']), 'create', '', 'pods', undefined, false],
    ['resourceNames match', rule([''], ['secrets'], ['get'], ['a']), 'get', '', 'secrets', 'a', true],
    ['resourceNames other name', rule([''], ['secrets'], ['get'], ['a']), 'get', '', 'secrets', 'b', false],
    ['resourceNames never match a request without a name', rule([''], ['pods'], ['create'], ['debug']), 'create', '', 'pods', undefined, false],
    ['case matters', rule([''], ['Secrets'], ['get']), 'get', '', 'secrets', 'x', false],
  ];
  it.each(CASES)('%s', (_, r, verb, group, resource, name, expected) => expect(ruleAllows(r, verb, group, resource, name)).toBe(expected));

  it('spells out * and drops requests without a name under resourceNames', () => {
    expect(grantedVerbs(rule([''], ['secrets'], ['*']), '', 'secrets', 's')).toEqual(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection']);
    expect(grantedVerbs(rule([''], ['secrets'], ['*'], ['s']), '', 'secrets', 's')).toEqual(['get', 'list', 'watch', 'update', 'patch', 'delete']);
    expect(grantedVerbs(rule([''], ['secrets'], ['get'], ['s']), '', 'secrets', 'other')).toEqual([]);
  });
});

describe('selectorMatches', () => {
  const labels = { 'rbac.authorization.k8s.io/aggregate-to-view': 'true', tier: 'a' };
  it.each([
    [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' }, matchExpressions: [] }, true],
    [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'false' }, matchExpressions: [] }, false],
    [{ matchLabels: {}, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] }, true],
    [{ matchLabels: {}, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['a'] }] }, false],
    [{ matchLabels: {}, matchExpressions: [{ key: 'missing', operator: 'DoesNotExist', values: [] }] }, true],
    [{ matchLabels: {}, matchExpressions: [{ key: 'tier', operator: 'Bogus', values: [] }] }, false],
    [{ matchLabels: { constructor: 'x' }, matchExpressions: [] }, false],
  ])('%j → %s', (sel, expected) => expect(selectorMatches(sel, labels)).toBe(expected));
});

describe('cluster naming', () => {
  it.each([
    ['prod-eks.rbac.json', 'prod-eks'],
    ['prod-eks-serviceaccounts.yaml', 'prod-eks'],
    ['prod-eks_kubectl.json', 'prod-eks'],
    ['rbac-staging.json', 'staging'],
    ['prod-eks-cluster-role-bindings.json', 'prod-eks'],
    ['cluster-role-bindings.yaml', undefined],
    ['kubectl.json', undefined],
  ])('%s → %s', (file, expected) => expect(clusterFromFileName(file)).toBe(expected));

  const facts = new Map([['k8s.cluster', new Set(['prod', 'prod-eks', 'dev'])]]);
  it.each([
    ['/exports/prod-eks.rbac.json', 'prod-eks', 'file name'],
    ['/exports/prod-eks/all.json', 'prod-eks', 'folder name'],
    ['/home/developer/prod-eks-2/rbac.json', 'prod-eks', 'folder name'],
    ['/home/developer/x/staging.json', 'staging', 'file name'],
  ])('%s → %s', (path, name, why) => {
    const file = path.split('/').pop()!;
    const r = chooseCluster({ file, path, facts });
    expect(r.name).toBe(name);
    expect(r.why).toContain(why);
  });

  it('never takes a cluster glued to other letters (dev is not in developer)', () => {
    // `all.json` names nothing; the nearest folder is `developer`, which holds no known cluster.
    expect(chooseCluster({ file: 'all.json', path: '/home/developer/all.json', facts }).name).toBe('developer');
    expect(chooseCluster({ file: 'kubectl.json', path: 'kubectl.json', facts: new Map() }).name).toBe('cluster');
  });

  it('reads service-account user names', () => {
    expect(parseSaUser('system:serviceaccount:kube-system:default')).toEqual(['kube-system', 'default']);
    expect(parseSaUser('system:serviceaccount:broken')).toBeUndefined();
    expect(parseSaUser('alice')).toBeUndefined();
  });
});
