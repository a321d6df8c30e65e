/**
 * Secrets that unlock identities. A secret whose value is another identity's credential (a
 * `credentialOf` edge from a secret: an analyst's mapping, or a format that says so) is half of a
 * path; the other half is who can read its value. This step draws the whole path as one
 * `escalatesTo` edge from each reader to the identity, with both halves as evidence: the
 * statements that let the reader read (its provider's `accessEvidence`) and the record that says
 * what the secret holds. Readers are the principals its provider finds allowed the kind's
 * `readValue` permission (one decision per access group, only for groups whose grants can name
 * the secret), the principals its resource policy names that no provider evaluates, and the
 * administrator of its scope. A reader allowed only under a condition the exports cannot decide
 * makes a conditional edge: shown, never dropped.
 *
 * Providers whose own techniques already read their own kind of credential secret (Kubernetes'
 * service-account token Secrets: `coversOwnSecretCredentials`) are left to them for identities
 * of the same provider. Runs after every provider's analysis and federation, before the reach
 * index: cost O(mapped secrets x candidate access groups) decisions.
 */
import type { BlastGraph } from '../graph/graph';
import type { Evidence } from '../model/types';
import { categoryOf, kindInfo } from '../model/kinds';
import { adminNodeId, type ProviderAnalysis } from '../providers/types';
import { addEscalation } from '../providers/derived-writes';
import { PROVIDERS } from '../providers';
import { pushTo } from '../io/multimap';
import { edgeKey } from '../model/fragment';
import { covers } from './grant-actions';

export const READ_SECRET_CREDENTIAL = {
  id: 'read-secret-credential',
  name: 'Read a secret that holds a credential',
  description: 'Reading the secret gives the credential it holds (an analyst mapping or the export says whose): the reader acts as that identity',
};

/** A secret mapping the analyst made in the app (kept with the workspace, applied at each analysis). */
export interface SecretMapping {
  secret: string;
  identity: string;
  note?: string;
}

/**
 * Draw the workspace's own mappings as `credentialOf` edges (derived: cleared before each
 * analysis, so removing one is re-analysing). Returns the mappings whose ends are not loaded.
 */
export function applyWorkspaceMappings(graph: BlastGraph, mappings: readonly SecretMapping[]): SecretMapping[] {
  const missing: SecretMapping[] = [];
  mappings.forEach((m, i) => {
    if (!graph.hasNode(m.secret) || !graph.hasNode(m.identity) || m.secret === m.identity) return void missing.push(m);
    const key = edgeKey('credentialOf', m.secret, m.identity, 'workspace');
    if (graph.hasEdge(key)) return;
    const note = m.note?.trim() ? `analyst mapping: ${m.note.trim().slice(0, 500)}` : 'analyst mapping';
    graph.addEdgeWithKey(key, m.secret, m.identity, { kind: 'credentialOf', attributes: { mapping: true, workspace: true }, evidence: [{ file: 'workspace secret mappings', location: `mapping ${i + 1}`, note }] });
  });
  return missing;
}

interface Holding {
  target: string;
  conditional: boolean;
  evidence: Evidence[];
}

interface Reader {
  conditional: boolean;
  evidence: Evidence[];
}

/** One provider's principals by access group, with each group's candidate resources (once). */
interface Groups {
  list: { rep: string; members: string[]; candidates: ReadonlySet<string> | undefined }[];
}

const COVERS_OWN = new Set(PROVIDERS.filter((p) => p.coversOwnSecretCredentials).map((p) => p.id));

/** Draw the reader -> identity edges; returns how many were drawn. */
export function linkSecretCredentials(graph: BlastGraph, providers: ReadonlyMap<string, ProviderAnalysis>): number {
  const holds = new Map<string, Holding[]>();
  graph.forEachEdge((_key, e, source, target, sa, ta) => {
    if (e.kind !== 'credentialOf' || categoryOf(sa.kind) !== 'secret') return;
    if (sa.provider === ta.provider && COVERS_OWN.has(sa.provider)) return;
    pushTo(holds, source, { target, conditional: e.attributes.conditional === true, evidence: e.evidence });
  });
  if (!holds.size) return 0;
  const groups = new Map<ProviderAnalysis, Groups>();
  let drawn = 0;
  for (const [secret, held] of holds) {
    const readers = readersOf(graph, secret, providers, groups);
    for (const h of held) {
      for (const [reader, r] of readers) {
        if (reader === h.target) continue;
        const before = graph.size;
        addEscalation(graph, {
          source: reader,
          target: h.target,
          technique: READ_SECRET_CREDENTIAL,
          qualifier: `${READ_SECRET_CREDENTIAL.id}:${secret}`,
          conditional: r.conditional || h.conditional,
          evidence: [...r.evidence, ...h.evidence],
          attributes: { via: secret },
        });
        drawn += graph.size - before;
      }
    }
  }
  return drawn;
}

function readersOf(graph: BlastGraph, secret: string, providers: ReadonlyMap<string, ProviderAnalysis>, cache: Map<ProviderAnalysis, Groups>): Map<string, Reader> {
  const readers = new Map<string, Reader>();
  const add = (id: string, conditional: boolean, evidence: Evidence[]) => {
    const prev = readers.get(id);
    if (!prev || (prev.conditional && !conditional)) readers.set(id, { conditional, evidence });
  };
  const node = graph.getNodeAttributes(secret);
  const p = providers.get(node.provider);
  const action = kindInfo(node.kind).readValue;
  const evaluated = new Set<string>();
  if (p && action) {
    const decide = (pr: string): Reader | undefined => {
      const d = p.decide(pr, action, secret);
      if (d === 'no') return undefined;
      const own = p.accessEvidence?.(pr, secret, action) ?? [];
      return { conditional: d === 'conditional', evidence: own.length ? own : [{ file: 'analysis', location: `${p.provider} access of ${pr} to ${secret}`, note: `${action}: ${d}, as its policies decide` }] };
    };
    const byGroup = p.accessGroupOf && p.accessByName?.(secret) === false;
    if (byGroup) {
      for (const g of groupsOf(p, cache).list) {
        for (const m of g.members) evaluated.add(m);
        if (g.candidates && !g.candidates.has(secret)) continue;
        const r = decide(g.rep);
        if (r) for (const m of g.members) add(m, r.conditional, r.evidence);
      }
    } else {
      for (const pr of p.principals()) {
        evaluated.add(pr);
        const r = decide(pr);
        if (r) add(pr, r.conditional, r.evidence);
      }
    }
  }
  // Principals its resource policy names that no provider evaluates: the grant is all there is.
  graph.forEachInEdge(secret, (_k, e, source) => {
    if (e.kind !== 'grants' || source === secret || evaluated.has(source)) return;
    const c = action ? covers(e.attributes.actions, action) : 'maybe';
    if (c !== 'no') add(source, e.attributes.conditional === true || c === 'maybe', e.evidence);
  });
  // Its scope's administrator can read anything in the scope.
  const scope = p?.scopeOf(secret);
  const admin = p && scope ? adminNodeId(p.provider, scope) : undefined;
  if (admin && graph.hasNode(admin)) add(admin, false, [{ file: 'analysis', location: admin, note: `the administrator of ${scope} can read every secret of it` }]);
  return readers;
}

function groupsOf(p: ProviderAnalysis, cache: Map<ProviderAnalysis, Groups>): Groups {
  let g = cache.get(p);
  if (g) return g;
  const byKey = new Map<string, Groups['list'][number]>();
  for (const pr of p.principals()) {
    const key = p.accessGroupOf!(pr);
    const hit = byKey.get(key);
    if (hit) hit.members.push(pr);
    else byKey.set(key, { rep: pr, members: [pr], candidates: p.accessCandidates?.(pr) });
  }
  cache.set(p, (g = { list: [...byKey.values()] }));
  return g;
}
