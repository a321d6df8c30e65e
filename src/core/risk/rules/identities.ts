/**
 * Non-human identities themselves, for every provider: no owner and unused (OWASP NHI1),
 * administrator or a path to it (NHI5). The analysis already knows who is admin-equivalent and
 * who escalates (admins.ts: one reverse sweep from the administrator nodes).
 */
import { adminReport } from '../../analysis/admins';
import { daysText as days, judgeAge } from '../../analysis/lifecycle';
import { PROVIDERS } from '../../providers';
import type { Evidence } from '../../model/types';
import { nodeEvidence } from '../evidence';
import { ownerOf } from '../tags';
import type { RuleInfo, RuleSet } from '../types';

export const NO_OWNER: RuleInfo = {
  id: 'nhi.no-owner',
  title: 'Non-human identity without an owner',
  owasp: 'NHI1',
  severity: 'low',
  description: 'No tag or label names an owner (keys: the configured owner keys, "owner" by default, compared without case), and the provider records no owner either.',
  remediation: 'Tag it with its owning team (owner=<team>); if nobody claims it, disable it and plan its removal.',
};
export const IDENTITY_UNUSED: RuleInfo = {
  id: 'nhi.identity-unused',
  title: 'Non-human identity unused',
  owasp: 'NHI1',
  severity: 'medium',
  description: 'A role or identity with no recorded use in its provider\'s whole tracking window (AWS: 400 days), or last used longer ago than the inactivity threshold.',
  remediation: 'Confirm with its owner that no workload uses it, then delete it (and its trust).',
};
export const ADMIN_NHI: RuleInfo = {
  id: 'nhi.admin',
  title: 'Administrator-equivalent non-human identity',
  owasp: 'NHI5',
  severity: 'high',
  description: 'A non-human identity whose own permissions make it an administrator of an account, project, subscription or cluster.',
  remediation: 'Grant it only the actions and resources its workload uses (the provider\'s access analysis or last-accessed data lists them).',
};
export const ESCALATES_NHI: RuleInfo = {
  id: 'nhi.escalates-to-admin',
  title: 'Non-human identity can escalate to administrator',
  owasp: 'NHI5',
  severity: 'high',
  description: 'A non-human identity with a privilege-escalation path to an administrator (the path\'s first step is the evidence).',
  remediation: 'Remove the permission behind the path\'s first step, or bound it (permissions boundary, condition).',
};


export const identityRules: RuleSet = {
  rules: [NO_OWNER, IDENTITY_UNUSED, ADMIN_NHI, ESCALATES_NHI],
  run(ctx, emit) {
    const g = ctx.analysis.graph;
    const providerOwner = new Map(PROVIDERS.filter((p) => p.risk?.ownerOf).map((p) => [p.id, p.risk!.ownerOf!]));
    for (const [id, c] of ctx.classification) {
      if (c.nature !== 'non-human') continue;
      const n = g.getNodeAttributes(id);
      const owner = ownerOf(n.attributes, ctx.config.ownerKeys) ?? providerOwner.get(n.provider)?.(id, n.attributes, ctx);
      if (!owner) emit(NO_OWNER, { subject: id, evidence: nodeEvidence(g, id), detail: `${n.name}: no ${ctx.config.ownerKeys.join(' / ')} tag or label.` });
      const j = judgeAge(n.kind, n.attributes, ctx.asOf, ctx.config);
      if (j?.issues.includes('dormant')) {
        emit(IDENTITY_UNUSED, {
          subject: id,
          evidence: nodeEvidence(g, id),
          detail: j.unusedDays !== undefined ? `${n.name}: last used ${days(j.unusedDays)} before the as-of date (threshold ${ctx.config.staleDays}).` : `${n.name}: no recorded use in its provider's tracking window.`,
        });
      }
    }
    const report = adminReport(ctx.analysis, 1);
    const adminEvidence = (id: string): Evidence[] => {
      const out: Evidence[] = [];
      g.forEachOutEdge(id, (_e, attrs, _s, t) => {
        if (g.getNodeAttribute(t, 'kind') === 'adminAccess') out.push(...attrs.evidence.slice(0, 3));
      });
      return out.length ? out : nodeEvidence(g, id);
    };
    for (const [list, conditional] of [[report.admins, false], [report.conditionalAdmins, true]] as const) {
      for (const id of list) {
        if (!ctx.isNhi(id)) continue;
        const n = g.getNodeAttributes(id);
        emit(ADMIN_NHI, { subject: id, evidence: adminEvidence(id), severity: conditional ? 'medium' : 'high', detail: `${n.name} is an administrator${conditional ? ' under conditions the export cannot decide' : ''}.` });
      }
    }
    for (const e of report.escalatesToAdmin) {
      if (!ctx.isNhi(e.principal)) continue;
      const path = e.paths[0];
      const n = g.getNodeAttributes(e.principal);
      const how = path?.steps.map((s) => s.techniqueName ?? s.kind).join(' → ') ?? '';
      emit(ESCALATES_NHI, {
        subject: e.principal,
        evidence: path?.steps[0]?.evidence.slice(0, 3) ?? nodeEvidence(g, e.principal),
        severity: path && path.conditionalSteps > 0 ? 'medium' : 'high',
        detail: `${n.name} reaches an administrator in ${path?.hops ?? '?'} step${path?.hops === 1 ? '' : 's'}${how ? `: ${how}` : ''}.`,
      });
    }
  },
};
