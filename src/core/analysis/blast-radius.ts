/**
 * Blast radius of a node, every row built: what `blastmap blast --json` prints and what callers
 * that want the whole list use. The sweep and everything but the identity rows is `blastResult`
 * (blast-result.ts), which a caller showing a page should use instead.
 */
import type { AccessLevel } from '../model/access';
import type { Analysis } from './analysis';
import { blastResult, type ReachedAdmin, type ReachedIdentity, type ReachedResource } from './blast-result';

export type { ReachedAdmin, ReachedIdentity, ReachedResource } from './blast-result';

export interface BlastRadius {
  source: string;
  identities: ReachedIdentity[];
  /** Scopes whose administrator is reached (ids of accounts, projects, clusters). */
  adminOf: string[];
  admins: ReachedAdmin[];
  resources: ReachedResource[];
  byAccessLevel: Partial<Record<AccessLevel, number>>;
  byService: Record<string, number>;
  score: number;
}

export function blastRadius(a: Analysis, source: string, opts: { maxHops?: number } = {}): BlastRadius {
  const r = blastResult(a, source, opts);
  return { source, identities: r.identities(), adminOf: r.adminOf, admins: r.admins, resources: r.resources, byAccessLevel: r.byAccessLevel, byService: r.byService, score: r.score };
}
