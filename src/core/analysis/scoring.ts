/**
 * The blast-radius severity score, 0-100. Each thing reached is a chance of serious harm; the
 * score is 100 x (1 - product of (1 - weight)) over everything reached, so it grows with reach,
 * saturates at 100, and is dominated by the worst items:
 *   administrator of an account ........ 1.00 (score 100)
 *   resource with Permissions management 0.25 (0.125 if only conditionally)
 *   resource with Write ................ 0.15 (secret: 0.25)
 *   resource with Read ................. 0.08 (secret: 0.25: reading a secret unlocks more)
 *   resource with List / Tagging only .. 0.01
 *   each other identity reached ........ 0.03 (0.015 if only through conditional steps)
 * Conditional access counts half. Documented in docs/scoring.md.
 */
import type { AccessLevel } from '../model/access';
import type { NodeCategory } from '../model/kinds';

export interface ScoreInput {
  admin: boolean;
  /** Other identities reached (admin nodes not counted): how many by certain steps only, how many through some conditional step. */
  identities: { certain: number; conditional: number };
  resources: { category: NodeCategory; levels: AccessLevel[]; conditionalOnly: boolean }[];
}

function resourceWeight(category: NodeCategory, levels: AccessLevel[]): number {
  const secret = category === 'secret';
  if (levels.includes('Permissions management')) return 0.25;
  if (levels.includes('Write')) return secret ? 0.25 : 0.15;
  if (levels.includes('Read')) return secret ? 0.25 : 0.08;
  return levels.length ? 0.01 : 0;
}

export function blastScore(input: ScoreInput): number {
  if (input.admin) return 100;
  // Identities weigh the same each, so their factors are powers: no row per identity needed.
  // (Bits may differ from multiplying row by row in reach order; the rounded score does not.)
  let keep = (1 - 0.03) ** input.identities.certain * (1 - 0.015) ** input.identities.conditional;
  for (const r of input.resources) keep *= 1 - resourceWeight(r.category, r.levels) * (r.conditionalOnly ? 0.5 : 1);
  return Math.round(100 * (1 - keep) * 10) / 10;
}
