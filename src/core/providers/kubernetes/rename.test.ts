/** The analyst renames a cluster: every file of the session uses the new name, links included. */
import { describe, expect, it } from 'vitest';
import { ImportSession } from '../../graph/session';
import { analyze } from '../../analysis/analysis';
import { repoFile } from '../../test-support/public-corpus';
import { ALIAS_FACT } from './ids';

describe('cluster renamed by the analyst', () => {
  it('renames the cluster of the describe-cluster file and of the kubectl exports, and IRSA still links', async () => {
    const s = new ImportSession();
    s.facts.set(ALIAS_FACT, new Set(['prod-eks=payments-prod-eu']));
    const reports = s.addFiles(['kubernetes/eks-describe-cluster.json', 'kubernetes/prod-eks.rbac.json', 'federation/prod-eks-irsa-roles.json', 'federation/prod-eks-oidc-provider.json'].map((f) => repoFile(f)));
    expect(reports[1]!.notes).toContain('cluster "prod-eks" renamed "payments-prod-eu" by the analyst');
    expect(s.graph.hasNode('k8s:payments-prod-eu')).toBe(true);
    expect(s.graph.hasNode('k8s:prod-eks')).toBe(false);
    const a = await analyze(s.graph, { asOf: Date.UTC(2026, 10, 22) });
    const sa = 'k8s:payments-prod-eu:ServiceAccount:payments/payments-api';
    expect(a.graph.outEdges(sa).map((e) => a.graph.getEdgeAttributes(e)).filter((e) => e.kind === 'federatesTo').map((e) => e.attributes.technique)).toEqual(['eks-irsa']);
  });
});
