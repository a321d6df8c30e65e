/**
 * Secrets, for every provider: rotation off or overdue (OWASP NHI7) and secrets many identities
 * can read (NHI2). Which secrets many can read comes from the secret ranking (secret-reach.ts),
 * which decides only as many secrets as it must to be sure of the top of the list.
 */
import { daysText as days, judgeAge } from '../../analysis/lifecycle';
import { secretsByReach } from '../../analysis/secret-reach';
import { kindInfo } from '../../model/kinds';
import { nodeEvidence } from '../evidence';
import type { RuleInfo, RuleSet } from '../types';

export const SECRET_ROTATION_OVERDUE: RuleInfo = {
  id: 'nhi.secret-rotation-overdue',
  title: 'Secret rotation overdue',
  owasp: 'NHI7',
  severity: 'medium',
  description: 'A secret with rotation on whose last rotation plus its interval (or its stated next rotation) is before the as-of date.',
  remediation: 'Find out why the rotation failed (the rotation function\'s logs), fix it and rotate now.',
};
export const SECRET_UNROTATED: RuleInfo = {
  id: 'nhi.secret-unrotated',
  title: 'Secret never rotated',
  owasp: 'NHI7',
  severity: 'low',
  description: 'A secret with rotation off, unchanged for longer than the credential-age threshold (medium past the "very old" threshold).',
  remediation: 'Turn on automatic rotation, or replace the secret with a federated identity.',
};
export const SECRET_MANY_READERS: RuleInfo = {
  id: 'nhi.secret-many-readers',
  title: 'Secret readable by many identities',
  owasp: 'NHI2',
  severity: 'medium',
  description: 'A secret that at least the "many readers" number of identities can read without being administrators of its scope.',
  remediation: 'Narrow the grants and resource policy to the one workload that needs the secret.',
};

/** How many of the most-read secrets the ranking decides exactly. */
const RANKED_SECRETS = 50;

export const secretRules: RuleSet = {
  rules: [SECRET_ROTATION_OVERDUE, SECRET_UNROTATED, SECRET_MANY_READERS],
  run(ctx, emit) {
    const g = ctx.analysis.graph;
    const t = { staleDays: ctx.config.staleDays, veryOldDays: ctx.config.veryOldDays };
    g.forEachNode((id, n) => {
      if (n.placeholder || kindInfo(n.kind).category !== 'secret') return;
      const j = judgeAge(n.kind, n.attributes, ctx.asOf, t);
      if (!j) return;
      const evidence = nodeEvidence(g, id);
      if (j.issues.includes('rotation-overdue')) emit(SECRET_ROTATION_OVERDUE, { subject: id, evidence, detail: `${n.name}: rotation was due on ${j.rotationDue!.slice(0, 10)}.` });
      if (j.issues.includes('unrotated') && j.ageDays !== undefined) {
        const veryOld = j.ageDays > t.veryOldDays;
        emit(SECRET_UNROTATED, { subject: id, evidence, severity: veryOld ? 'medium' : 'low', detail: `${n.name}: rotation is off and it has not changed for ${days(j.ageDays)} (threshold ${veryOld ? t.veryOldDays : t.staleDays}).` });
      }
    });
    // Exact counts for the most-read secrets; the ranking stops once it is sure of them.
    const ranking = secretsByReach(ctx.analysis, RANKED_SECRETS);
    for (const s of ranking.top) {
      if (s.beyondAdmin < ctx.config.manyReaders) continue;
      const n = g.getNodeAttributes(s.id);
      emit(SECRET_MANY_READERS, {
        subject: s.id,
        evidence: nodeEvidence(g, s.id),
        severity: s.beyondAdmin >= 5 * ctx.config.manyReaders ? 'high' : 'medium',
        detail: `${n.name}: ${s.beyondAdmin.toLocaleString('en-US')} identities can read it without being administrators of its scope (${s.identities.toLocaleString('en-US')} with them; threshold ${ctx.config.manyReaders}).`,
      });
    }
  },
};
