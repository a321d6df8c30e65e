/**
 * Long-lived and forgotten credentials, for every provider (OWASP NHI7, NHI1): the kind registry
 * says which nodes are credentials, lifecycle.ts judges their age against the as-of date, and the
 * `credentialOf` edge says whose they are. A human's credential is not judged here.
 */
import { daysText as days, judgeAge, timeOf as time } from '../../analysis/lifecycle';
import { kindInfo } from '../../model/kinds';
import { DAY_MS } from '../../model/as-of';
import { credentialHolder, nodeEvidence } from '../evidence';
import type { RuleInfo, RuleSet } from '../types';

export const CREDENTIAL_OLD: RuleInfo = {
  id: 'nhi.credential-old',
  title: 'Long-lived credential not rotated',
  owasp: 'NHI7',
  severity: 'medium',
  description: 'An active key, token or application credential of a non-human identity older than the credential-age threshold (high past the "very old" threshold).',
  remediation: 'Replace it with short-lived credentials (role assumption, workload identity federation); until then rotate it and delete the old one.',
};
export const CREDENTIAL_UNUSED: RuleInfo = {
  id: 'nhi.credential-unused',
  title: 'Active credential unused',
  owasp: 'NHI1',
  severity: 'medium',
  description: 'An active credential of a non-human identity last used longer ago than the inactivity threshold.',
  remediation: 'Deactivate it, wait for complaints, then delete it; if its workload is gone, offboard the identity.',
};
export const CREDENTIAL_NEVER_USED: RuleInfo = {
  id: 'nhi.credential-never-used',
  title: 'Active credential never used',
  owasp: 'NHI1',
  severity: 'medium',
  description: 'An active credential of a non-human identity with no recorded use since it was issued, issued longer ago than the inactivity threshold.',
  remediation: 'Nobody needs it: delete it.',
};
export const CREDENTIAL_NO_EXPIRY: RuleInfo = {
  id: 'nhi.credential-no-expiry',
  title: 'Credential without expiry',
  owasp: 'NHI7',
  severity: 'medium',
  description: 'A credential that never expires or is valid for more than a year from issue.',
  remediation: 'Issue credentials with an expiry of at most the rotation period, or move to federation.',
};
export const CREDENTIAL_ROTATION_OVERDUE: RuleInfo = {
  id: 'nhi.credential-rotation-overdue',
  title: 'Credential rotation overdue',
  owasp: 'NHI7',
  severity: 'medium',
  description: 'A credential whose next rotation date is before the as-of date.',
  remediation: 'Rotate it now and find out why the rotation did not run.',
};


export const credentialRules: RuleSet = {
  rules: [CREDENTIAL_OLD, CREDENTIAL_UNUSED, CREDENTIAL_NEVER_USED, CREDENTIAL_NO_EXPIRY, CREDENTIAL_ROTATION_OVERDUE],
  run(ctx, emit) {
    const g = ctx.analysis.graph;
    const t = { staleDays: ctx.config.staleDays, veryOldDays: ctx.config.veryOldDays };
    g.forEachNode((id, n) => {
      if (n.placeholder || kindInfo(n.kind).category !== 'credential') return;
      const a = n.attributes;
      if (a.active === false) return; // an inactive key cannot be used until re-enabled
      if (ctx.duplicateOf(id)) return; // judged once, on the node that stands for it
      const holder = credentialHolder(g, id);
      if (holder && !ctx.isNhi(holder.id)) return;
      const j = judgeAge(n.kind, a, ctx.asOf, t);
      const evidence = holder?.evidence.length ? holder.evidence : nodeEvidence(g, id);
      const base = { subject: id, identity: holder?.id ?? id, evidence };
      const label = kindInfo(n.kind).label.toLowerCase();
      if (j?.issues.includes('expired')) return; // an expired credential opens nothing
      if (j?.issues.includes('unrotated') && j.ageDays !== undefined) {
        const veryOld = j.ageDays > t.veryOldDays;
        emit(CREDENTIAL_OLD, { ...base, severity: veryOld ? 'high' : 'medium', detail: `${n.name}: ${label} issued or last rotated ${days(j.ageDays)} before the as-of date (threshold ${veryOld ? t.veryOldDays : t.staleDays}).` });
      }
      if (j?.issues.includes('unused')) emit(CREDENTIAL_UNUSED, { ...base, detail: `${n.name}: last used ${days(j.unusedDays!)} before the as-of date (threshold ${t.staleDays}).` });
      if (j?.issues.includes('never-used')) emit(CREDENTIAL_NEVER_USED, { ...base, detail: `${n.name}: never used in the ${days(j.ageDays!)} since it was issued (threshold ${t.staleDays}).` });
      if (j?.issues.includes('rotation-overdue')) emit(CREDENTIAL_ROTATION_OVERDUE, { ...base, detail: `${n.name}: rotation was due on ${j.rotationDue!.slice(0, 10)}.` });
      const issued = time(a.created) ?? time(a.lastRotated);
      const expires = time(a.expires) ?? time(a.validUntil);
      if (a.neverExpires === true) emit(CREDENTIAL_NO_EXPIRY, { ...base, detail: `${n.name}: never expires.` });
      else if (issued !== undefined && expires !== undefined && expires - issued > 365 * DAY_MS) {
        emit(CREDENTIAL_NO_EXPIRY, { ...base, detail: `${n.name}: valid for ${days(Math.round((expires - issued) / DAY_MS))}, until ${new Date(expires).toISOString().slice(0, 10)}.` });
      }
    });
  },
};
