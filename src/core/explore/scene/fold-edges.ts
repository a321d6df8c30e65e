/**
 * Edges that touch a group fold into one scene edge per pair of drawn ends (and per kind, when
 * asked), with the number of graph edges it stands for; an escalation among them makes it an
 * escalation edge.
 */
import type { SceneEdge } from '../types';

export class FoldedEdges {
  private readonly edges = new Map<string, SceneEdge>();

  /** `perKind`: one folded edge per kind between two drawn ends, else one per pair. */
  constructor(private readonly perKind: boolean) {}

  add(source: string, target: string, kind: string, conditional: boolean): void {
    const id = this.perKind ? `fold:${kind}|${source}|${target}` : `fold:${source}|${target}`;
    const f = this.edges.get(id);
    if (!f) {
      this.edges.set(id, { id, source, target, kind, conditional, count: 1 });
      return;
    }
    f.count! += 1;
    f.conditional &&= conditional;
    if (kind === 'escalatesTo') f.kind = kind;
  }

  /** The folded edges, labelled with their count (`minLabelled`: from this count on). */
  list(minLabelled = 1): SceneEdge[] {
    const out = [...this.edges.values()];
    for (const f of out) if (f.count! >= minLabelled) f.label = f.count!.toLocaleString('en');
    return out;
  }
}
