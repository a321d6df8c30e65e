/**
 * What every analysis command starts from: the exports loaded into a session, the analysis date
 * (`--as-of`, else the exports' own date, else now: the CLI is the host that may ask), and the
 * analysis run against that date.
 */
import { analyze, asOfFrom, defaultAsOf, oidcNodeId, parseAsOf, parseOidcStart, type Analysis, type AsOf, type BlastmapSnapshot, type ImportSession, type OidcStart } from '../core';
import { loadSession } from './analyze';
import { UsageError } from './args';

export type Flags = Map<string, string | true>;

export function asOfFor(session: ImportSession, flags: Flags, snapshot?: BlastmapSnapshot): AsOf {
  const v = flags.get('as-of');
  if (v === true || v === '') throw new UsageError('--as-of needs a date (YYYY-MM-DD or a full ISO time)');
  if (typeof v === 'string') {
    const parsed = parseAsOf(v);
    if ('error' in parsed) throw new UsageError(`--as-of: ${parsed.error}`);
    return asOfFrom(parsed.ms, 'analyst', 'given with --as-of');
  }
  // A snapshot of a workspace whose analyst chose a date keeps that date.
  const chosen = snapshot?.workspace.asOfOverride;
  if (chosen !== undefined) return asOfFrom(chosen, 'analyst', 'set by the analyst in the snapshot\'s workspace');
  return defaultAsOf(session.files, session.graph, snapshot?.workspace.importedAt ?? Date.now());
}

/**
 * `--from oidc:<issuer>:<subject>` names a token no export describes: it becomes a start point the
 * analysis links to the identities whose trust admits it (`--audience` sets its `aud`).
 */
export function oidcStartOf(flags: Flags): OidcStart | undefined {
  const from = flags.get('from');
  if (typeof from !== 'string' || !from.startsWith('oidc:')) return undefined;
  const parsed = parseOidcStart(from);
  if ('error' in parsed) throw new UsageError(`--from: ${parsed.error}`);
  const audience = flags.get('audience');
  return typeof audience === 'string' ? { ...parsed, audience } : parsed;
}

/** The id `--from` names in the graph (an OIDC start point's canonical id). */
export function fromId(flags: Flags): string | undefined {
  const start = oidcStartOf(flags);
  const from = flags.get('from');
  return start ? oidcNodeId(start.issuer, start.subject) : typeof from === 'string' ? from : undefined;
}

export interface LoadedWorkspace {
  session: ImportSession;
  /** The snapshot opened, if one was given (its workspace settings apply). */
  snapshot?: BlastmapSnapshot;
  /** To say on stderr (a snapshot opened). */
  notes: string[];
  /** Paths skipped or unreadable, one message each (also rejected files of the session). */
  problems: string[];
  asOf: AsOf;
  analysis: Analysis;
  /** How long reading the files and the analysis took (ms). */
  importMillis: number;
  analysisMillis: number;
}

export async function loadWorkspace(paths: readonly string[], flags: Flags): Promise<LoadedWorkspace> {
  const started = performance.now();
  const { session, problems, snapshot, notes } = loadSession(paths);
  const loaded = performance.now();
  const asOf = asOfFor(session, flags, snapshot);
  const start = oidcStartOf(flags);
  // A snapshot's token start points and secret mappings are part of its workspace's analysis.
  const starts = [...(snapshot?.workspace.starts ?? []), ...(start ? [start] : [])];
  const analysis = await analyze(session.graph, { asOf: asOf.ms, timer: () => performance.now(), starts, mappings: snapshot?.workspace.mappings ?? [] });
  return { session, snapshot, notes, problems, asOf, analysis, importMillis: loaded - started, analysisMillis: performance.now() - loaded };
}

/** The as-of line of text output. */
export const asOfLine = (asOf: AsOf) => `As of ${asOf.time} (${asOf.source === 'analyst' ? 'given with --as-of' : asOf.detail})`;
