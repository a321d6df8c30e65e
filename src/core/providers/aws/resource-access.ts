/**
 * What an AWS identity can do to one resource, by access level: every catalogue action that acts
 * on the resource's type is evaluated (with the resource's own policy). Identities whose policies
 * never mention the service, and that no resource policy names, are skipped unevaluated.
 */
import type { ResourceAccess } from '../../model/access';
import type { ActionCatalogue } from './catalogue/catalogue';
import { statementsFor } from './eval/compile';
import { parseArn } from './importers/arn';
import type { AwsModel } from './model';
import type { MatchedStatement } from './eval/evaluate';
import type { Evidence } from '../../model/types';
import { sourceFileOf } from './apply-findings';

/** ARNs to test for a resource node: a bucket stands for itself and its objects. */
export function resourceArns(id: string, kind: string): string[] {
  return kind === 'bucket' ? [id, `${id}/*`] : [id];
}

function mentionsService(model: AwsModel, principal: string, service: string, resource: string): boolean {
  const pp = model.principalPolicies(principal);
  if (pp.missing.length || pp.identity.some((p) => statementsFor(p, service).some((s) => s.effect === 'Allow'))) return true;
  const side = model.resourceSide(`${service}:x`, resource);
  return side?.policy !== undefined;
}

const actionsCache = new WeakMap<ActionCatalogue, Map<string, ReturnType<ActionCatalogue['actionsOn']>>>();

/** The catalogue's actions on one ARN, looked up once per ARN (every principal asks the same). */
function actionsOn(catalogue: ActionCatalogue, service: string, arn: string): ReturnType<ActionCatalogue['actionsOn']> {
  let byArn = actionsCache.get(catalogue);
  if (!byArn) actionsCache.set(catalogue, (byArn = new Map()));
  let actions = byArn.get(arn);
  if (!actions) {
    if (byArn.size > 500_000) byArn.clear();
    byArn.set(arn, (actions = catalogue.actionsOn(service, arn)));
  }
  return actions;
}

export function accessOf(model: AwsModel, catalogue: ActionCatalogue, principal: string, resourceId: string): ResourceAccess | undefined {
  const node = model.node(resourceId);
  const arn = parseArn(resourceId);
  if (!node || !arn) return undefined;
  const out: ResourceAccess = { allowed: {}, conditional: {} };
  let any = false;
  for (const target of resourceArns(resourceId, node.kind)) {
    if (!mentionsService(model, principal, arn.service, target)) continue;
    for (const action of actionsOn(catalogue, arn.service, target)) {
      const d = model.can(principal, action.id, target).decision;
      if (d !== 'allowed' && d !== 'conditional') continue;
      const bucket = d === 'allowed' ? out.allowed : out.conditional;
      (bucket[action.level] ??= []).push(action.id);
      any = true;
    }
  }
  return any ? out : undefined;
}

/** Everything: what an account's administrator can do to a resource. */
export function fullAccess(model: AwsModel, catalogue: ActionCatalogue, resourceId: string): ResourceAccess {
  const node = model.node(resourceId);
  const arn = parseArn(resourceId);
  const allowed: ResourceAccess['allowed'] = {};
  if (node && arn) {
    for (const target of resourceArns(resourceId, node.kind)) for (const action of catalogue.actionsOn(arn.service, target)) (allowed[action.level] ??= []).push(action.id);
  }
  return { allowed, conditional: {} };
}

/** At most this many actions are read for evidence (a principal with `*` has hundreds on a bucket). */
const EVIDENCE_ACTIONS = 40;

/**
 * The statements behind a principal's access to one resource: every statement that allows one of
 * its actions (identity and resource policies), and every Deny that applies only under a
 * condition the evaluator could not decide (what makes the access conditional), with the actions
 * each one covers, its condition text and the keys left unevaluated.
 */
export function accessEvidence(model: AwsModel, catalogue: ActionCatalogue, principal: string, resourceId: string, action?: string): Evidence[] {
  const node = model.node(resourceId);
  if (!node) return [];
  let actions: string[];
  if (action) actions = [action];
  else {
    const access = accessOf(model, catalogue, principal, resourceId);
    actions = [...new Set([...Object.values(access?.allowed ?? {}), ...Object.values(access?.conditional ?? {})].flat())];
  }
  const byStatement = new Map<string, { m: MatchedStatement; actions: string[]; decisions: Set<string>; notes: Set<string> }>();
  // Decisions no statement explains (a policy document missing from the export): their notes.
  const unexplained: string[] = [];
  for (const act of actions.slice(0, EVIDENCE_ACTIONS)) {
    for (const target of resourceArns(resourceId, node.kind)) {
      const d = model.can(principal, act, target);
      if (d.decision !== 'allowed' && d.decision !== 'conditional') continue;
      const matched = [...d.allowedBy.filter((x) => x.result !== false), ...d.deniedBy.filter((x) => x.result === 'unknown')];
      if (!matched.length) unexplained.push(`${act}: ${d.decision}${d.notes.length ? ` (${d.notes.join('; ')})` : ''}`);
      for (const m of matched) {
        const key = `${m.ref.policyId}\u0000${m.ref.statement}\u0000${m.ref.effect}`;
        let s = byStatement.get(key);
        if (!s) byStatement.set(key, (s = { m, actions: [], decisions: new Set(), notes: new Set() }));
        if (!s.actions.includes(act)) s.actions.push(act);
        s.decisions.add(d.decision);
        for (const n of d.notes) s.notes.add(n);
      }
    }
  }
  const more = actions.length > EVIDENCE_ACTIONS ? ` (first ${EVIDENCE_ACTIONS} of ${actions.length} actions read)` : '';
  const out: Evidence[] = [...byStatement.values()].map(({ m, actions: acts, decisions, notes }) => {
    const list = acts.length <= 3 ? acts.join(', ') : `${acts.slice(0, 3).join(', ')} and ${acts.length - 3} more`;
    const verb = m.ref.effect === 'Deny' ? 'may deny' : 'allows';
    const unknown = m.unknownKeys.length ? `; not evaluated: ${m.unknownKeys.join(', ')}` : '';
    return {
      file: model.graph.hasNode(m.ref.policyId) ? sourceFileOf(model.graph, m.ref.policyId) : 'analysis',
      location: `${m.ref.policyName} statement ${m.ref.statement}`,
      policy: m.ref.policyId,
      statement: m.ref.statement,
      condition: m.ref.condition,
      note: `${verb} ${list}; access: ${[...decisions].join(' / ')}${unknown}${notes.size ? ` (${[...notes].join('; ')})` : ''}${more}`,
    };
  });
  if (unexplained.length) out.push({ file: 'analysis', location: `access of ${principal} to ${resourceId}`, note: [...new Set(unexplained)].slice(0, 5).join('; ') });
  return out;
}
