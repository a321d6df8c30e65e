/**
 * The totals a blast radius (one source or several) shows over the resources it reaches, and its
 * score: computed one way, so a combined blast and a single one of the same source agree.
 */
import type { AccessLevel } from '../model/access';
import { categoryOf } from '../model/kinds';
import type { ReachedAdmin, ReachedResource } from './blast-result';
import { blastScore } from './scoring';

export interface ResourceSummary {
  readonly byAccessLevel: Partial<Record<AccessLevel, number>>;
  readonly byService: Record<string, number>;
  readonly score: number;
}

/**
 * `certain` and `uncertain` count the reached identities but the admin nodes (which score on their
 * own), by certain steps only and through some conditional step.
 */
export function resourceSummary(resources: readonly ReachedResource[], admins: readonly ReachedAdmin[], certain: number, uncertain: number): ResourceSummary {
  const byAccessLevel: Partial<Record<AccessLevel, number>> = {};
  const byService: Record<string, number> = {};
  for (const r of resources) {
    for (const l of r.levels) byAccessLevel[l] = (byAccessLevel[l] ?? 0) + 1;
    byService[r.service] = (byService[r.service] ?? 0) + 1;
  }
  const score = blastScore({
    admin: admins.some((x) => !x.conditional),
    identities: { certain, conditional: uncertain },
    resources: resources.map((r) => ({ category: categoryOf(r.kind), levels: r.levels, conditionalOnly: r.conditionalOnly })),
  });
  return { byAccessLevel, byService, score };
}
