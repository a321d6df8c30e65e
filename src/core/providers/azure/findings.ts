/**
 * Where the Azure techniques collect what they find before it is written: one finding per
 * (source, target, technique), its evidence capped, conditional unless one of its grounds is not;
 * the administrator nodes and identity sets the findings point at. Written into the graph by
 * `apply`, all of it derived (analysis/derived.ts clears it before the next analysis).
 */
import type { BlastGraph } from '../../graph/graph';
import type { Evidence } from '../../model/types';
import { edgeKey } from '../../model/fragment';
import { addEscalation, addIdentitySet, markAdmins } from '../derived-writes';
import { adminNodeId, ensureAdminNode, type PotentialFinding } from '../types';
import { technique } from './technique-catalogue';

export interface Finding {
  source: string;
  target: string;
  technique: string;
  conditional: boolean;
  evidence: Evidence[];
  notes: string[];
  /** What was checked: action (or role) and where. */
  permissions: { action: string; scope: string; decision: 'allowed' | 'conditional' }[];
}

const MAX_EVIDENCE = 12;
const MAX_PERMISSIONS = 24;

export class FindingSink {
  readonly findings = new Map<string, Finding & { certain: boolean }>();
  readonly admins = new Map<string, { conditional: boolean }>();
  /** Admin nodes to write: [provider, scope, name]. */
  readonly adminNodes = new Map<string, [string, string, string]>();
  readonly sets = new Map<string, { id: string; name: string; account?: string; members: string[] }>();
  readonly potential: PotentialFinding[] = [];

  constructor(private readonly graph: BlastGraph) {}

  /** The admin node of a scope (written with the findings). */
  admin(scope: string, name: string, provider = 'azure'): string {
    const id = adminNodeId(provider, scope);
    if (!this.adminNodes.has(id)) this.adminNodes.set(id, [provider, scope, name]);
    return id;
  }

  /** One target for a list: the node itself when alone, else an identity set standing for each. */
  targetOf(members: readonly string[], setId: string, name: string, account?: string): string | undefined {
    if (members.length === 0) return undefined;
    if (members.length === 1) return members[0];
    if (!this.sets.has(setId)) this.sets.set(setId, { id: setId, name, account, members: [...members] });
    return setId;
  }

  markAdmin(id: string, conditional: boolean): void {
    const known = this.admins.get(id);
    this.admins.set(id, { conditional: conditional && (known?.conditional ?? true) });
  }

  add(source: string, target: string, techniqueId: string, f: { conditional: boolean; evidence: Evidence[]; note?: string; permission?: Finding['permissions'][number] }): void {
    if (source === target) return;
    const key = edgeKey('escalatesTo', source, target, techniqueId);
    let x = this.findings.get(key);
    if (!x) this.findings.set(key, (x = { source, target, technique: techniqueId, conditional: true, certain: false, evidence: [], notes: [], permissions: [] }));
    x.certain ||= !f.conditional;
    for (const ev of f.evidence) {
      if (x.evidence.length >= MAX_EVIDENCE) break;
      if (!x.evidence.some((e) => e.file === ev.file && e.location === ev.location && e.note === ev.note)) x.evidence.push(ev);
    }
    if (f.note && !x.notes.includes(f.note) && x.notes.length < 8) x.notes.push(f.note);
    const p = f.permission;
    if (p && x.permissions.length < MAX_PERMISSIONS && !x.permissions.some((q) => q.action === p.action && q.scope === p.scope)) x.permissions.push(p);
  }

  /** Sources of any finding: groups among them lead their members somewhere. */
  sources(): Set<string> {
    return new Set([...this.findings.values()].map((f) => f.source));
  }

  apply(): void {
    const g = this.graph;
    for (const [provider, scope, name] of this.adminNodes.values()) ensureAdminNode(g, provider, scope, name);
    for (const set of this.sets.values()) addIdentitySet(g, 'azure', set);
    for (const f of this.findings.values()) {
      const t = technique(f.technique);
      addEscalation(g, {
        source: f.source,
        target: f.target,
        technique: { id: t.id, name: t.name },
        conditional: !f.certain,
        evidence: f.evidence,
        attributes: { permissions: f.permissions.length ? f.permissions : undefined, notes: f.notes.length ? f.notes : undefined },
      });
    }
    markAdmins(g, this.admins);
  }
}
