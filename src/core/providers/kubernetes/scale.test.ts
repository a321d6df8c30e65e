/**
 * Scale: 100,000 service accounts in 1,000 namespaces, their pods, and 300,000 bindings, built
 * straight into the graph (test-support/big-cluster.ts; 1,000,000 bindings take ~3 s on 2 cores).
 * The analysis must stay linear (indexes, identity sets for namespace-wide targets), not pairwise:
 * checked by the size of what it produces.
 */
import { describe, expect, it } from 'vitest';
import { edgeKey } from '../../model/fragment';
import '../index';
import { analyzeKubernetes } from './analyze';
import { ReachIndex } from '../../analysis/reach-index';
import { bigCluster, C } from './test-support/big-cluster';

describe('Kubernetes analysis at scale', () => {
  it('100,000 service accounts and 300,000 bindings: linear, with identity sets', async () => {
    const { graph, bindings } = bigCluster(1000, 100, 3);
    expect(bindings).toBe(1000 + 300_000 + 20);
    const k = await analyzeKubernetes(graph, { asOf: 0 });
    const escalations = graph.filterEdges((_, e) => e.kind === 'escalatesTo').length;
    // Each team: its namespace's set twice (create pods, exec); each CI user: the cluster's sets.
    expect(escalations).toBeLessThan(5_000);
    expect(graph.hasEdge(edgeKey('escalatesTo', `k8s:${C}:User:ci-0`, `set:kubernetes:${C}:serviceaccounts`, 'k8s-create-workload'))).toBe(true);
    expect(k.principals().length).toBe(100_000 + 1000 + 20);
    const reach = new ReachIndex(graph);
    expect(reach.size).toBeLessThan(1_000_000);
    // Time and memory are figures of `npm run bench`, not test assertions.
  }, 120_000);
});
