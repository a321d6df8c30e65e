/**
 * Writes the technique results into the graph: one admin node per account that has admins or
 * escalation to admin, and one `escalatesTo` edge per finding, whose evidence is each required
 * permission with the policy statements that allow it.
 */
import type { BlastGraph } from '../../graph/graph';
import type { Evidence } from '../../model/types';
import type { TechniqueResults } from './techniques/analyze';
import type { EscalationFinding, PermissionCheck } from './techniques/types';
import { ensureAdminNode } from '../types';
import { addEscalation, addIdentitySet, markAdmins } from '../derived-writes';

/** The file an imported node came from: the first evidence of any edge touching it. */
export function sourceFileOf(graph: BlastGraph, node: string): string {
  let file = '';
  graph.someEdge(node, (_, a) => {
    const ev = a.evidence.find((e) => e.file !== 'analysis');
    if (ev) file = ev.file;
    return Boolean(ev);
  });
  return file || 'analysis';
}

/**
 * A check on a stand-in resource (`.../blastmap-probe`: "any new user", "any function") reads as
 * what it means rather than as a name no export holds.
 */
export function resourceText(resource: string): string {
  const m = /^arn:[^:]*:([^:]*):[^:]*:(\d*):(?:([A-Za-z-]+)[/:])?(?:.*[/:])?blastmap-probe$/.exec(resource);
  if (!m) return resource;
  const [, service, account, type] = m;
  return `any ${type ?? `${service} resource`}${account ? ` of account ${account}` : ''}`;
}

function checkEvidence(graph: BlastGraph, c: PermissionCheck, technique: string): Evidence[] {
  const statements = c.decision.allowedBy.filter((m) => m.result !== false);
  const base = `${c.action} on ${resourceText(c.resource)}: ${c.decision.decision}`;
  if (!statements.length) return [{ file: 'analysis', location: technique, note: `${base}${c.decision.notes.length ? ` (${c.decision.notes.join('; ')})` : ''}` }];
  return statements.map((m) => ({
    file: graph.hasNode(m.ref.policyId) ? sourceFileOf(graph, m.ref.policyId) : 'analysis',
    location: `${m.ref.policyName} statement ${m.ref.statement}`,
    policy: m.ref.policyId,
    statement: m.ref.statement,
    condition: m.ref.condition,
    note: `${base}${m.unknownKeys.length ? `; not evaluated: ${m.unknownKeys.join(', ')}` : ''}${c.decision.notes.length ? ` (${c.decision.notes.join('; ')})` : ''}`,
  }));
}

export function applyFindings(graph: BlastGraph, results: TechniqueResults): void {
  const add = (f: EscalationFinding) => {
    if (f.target.startsWith('admin:aws:')) {
      const account = f.target.slice('admin:aws:'.length);
      ensureAdminNode(graph, 'aws', account, `Administrator of account ${account}`);
    }
    const set = results.sets.get(f.target);
    if (set) addIdentitySet(graph, 'aws', { id: f.target, ...set });
    addEscalation(graph, {
      source: f.source,
      target: f.target,
      technique: f.technique,
      qualifier: `${f.technique.id}${f.via ? `|${f.via}` : ''}`,
      conditional: f.conditional,
      evidence: f.checks.flatMap((c) => checkEvidence(graph, c, f.technique.id)),
      attributes: {
        category: f.technique.category,
        via: f.via,
        permissions: f.checks.map((c) => ({ action: c.action, resource: c.resource, decision: c.decision.decision })),
        notes: f.notes.length ? f.notes : undefined,
      },
    });
  };
  results.findings.forEach(add);
  markAdmins(graph, results.admins);
}
