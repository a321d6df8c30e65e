/**
 * One fuzz case, run the way the app runs a file: `importFile` alone (a report, never a throw),
 * then a workspace (WorkspaceEngine, as the worker holds one) that already holds intact exports
 * takes the file, analyses everything at a fixed analysis date, and answers the analyst's
 * questions (blast radius, who can, privilege paths) about what the file and the intact exports
 * describe. Every broken promise is thrown as a CaseFailure naming the phase it broke in.
 *
 * Pure core code: it runs inside the fuzz sandbox's worker thread (sandbox.ts), which is where
 * the test measures the time budget; nothing here reads a clock.
 */
import { importFile, type FileInput } from '../importers/import-file';
import { WorkspaceEngine } from '../graph/workspace-engine';
import { defaultAsOf } from '../model/as-of';
import { categoryOf, isActorKind } from '../model/kinds';
import type { FileReport } from '../model/fragment';

export interface FuzzCase {
  /** What was done to the input: repeated in every failure message. */
  description: string;
  file: FileInput;
  /** Intact exports loaded in another batch: everything they describe must survive the file. */
  intact: FileInput[];
  /** `before`: the intact exports are loaded first; `after`: the mutated file is. */
  order: 'before' | 'after';
  /** `import`: importFile only; `full`: workspace, analysis, questions. */
  depth: 'import' | 'full';
  /** The analysis date (epoch ms): fixed by the test, never today. */
  asOf: number;
  /** Values planted in secret-bearing fields: none may appear anywhere in the snapshot. */
  secrets?: string[];
}

export interface CaseOutcome {
  status: FileReport['status'];
  format: string;
  nodes: number;
  edges: number;
  /** Questions asked after the analysis (blast radius, who can, paths). */
  questions: number;
}

export class CaseFailure extends Error {
  constructor(
    readonly phase: string,
    message: string,
    readonly causeStack?: string,
  ) {
    super(message);
    this.name = 'CaseFailure';
  }
}

const STATUSES: ReadonlySet<string> = new Set(['imported', 'partial', 'rejected']);

/** Own properties Object.prototype and Array.prototype have before any case ran. */
const PROTO_BASELINE = {
  object: Object.getOwnPropertyNames(Object.prototype).sort().join(','),
  array: Object.getOwnPropertyNames(Array.prototype).sort().join(','),
};

function check(phase: string, ok: boolean, message: () => string): void {
  if (!ok) throw new CaseFailure(phase, message());
}

/** Run `fn` as `phase`: anything it throws becomes a CaseFailure of that phase. */
async function step<T>(phase: string, onPhase: (p: string) => void, fn: () => T | Promise<T>): Promise<T> {
  onPhase(phase);
  try {
    return await fn();
  } catch (e) {
    if (e instanceof CaseFailure) throw e;
    const err = e instanceof Error ? e : new Error(String(e));
    throw new CaseFailure(phase, `${phase} threw ${err.name}: ${err.message}`, err.stack);
  }
}

function checkReport(phase: string, file: FileInput, report: FileReport): void {
  check(phase, report.file === file.name, () => `the report names ${JSON.stringify(report.file)}, not the file ${JSON.stringify(file.name)}`);
  check(phase, STATUSES.has(report.status), () => `status ${JSON.stringify(report.status)} is not imported / partial / rejected`);
  check(phase, Array.isArray(report.errors) && Array.isArray(report.warnings) && Array.isArray(report.notes), () => 'the report lacks errors / warnings / notes lists');
  const bad = report.errors.find((e) => typeof e !== 'string' || !e.startsWith(`${file.name}: `));
  check(phase, bad === undefined, () => `an error does not start with the file's name: ${JSON.stringify(String(bad).slice(0, 300))}`);
  if (report.status === 'rejected') check(phase, report.errors.length > 0, () => 'a rejected file without an error saying why');
  if (report.status === 'imported') check(phase, report.errors.length === 0, () => `status imported with errors: ${JSON.stringify(report.errors.slice(0, 3))}`);
}

/** Ids of the nodes a file describes (not placeholders), in the order the importer wrote them. */
function describedIds(file: FileInput): { ids: string[]; rejected: boolean } {
  const { report, fragment } = importFile(file);
  return { ids: [...fragment.nodes.values()].filter((n) => !n.placeholder).map((n) => n.id), rejected: report.status === 'rejected' };
}

export async function runCase(c: FuzzCase, onPhase: (phase: string) => void = () => {}): Promise<CaseOutcome> {
  // 1. The file alone: a report naming the file, whatever the bytes.
  const alone = await step('importFile', onPhase, () => importFile(c.file));
  checkReport('importFile', c.file, alone.report);
  if (alone.report.status === 'rejected') check('importFile', alone.fragment.nodes.size === 0 && alone.fragment.edges.size === 0, () => 'a rejected file still yielded nodes or edges');
  await step('report JSON', onPhase, () => JSON.stringify(alone.report));
  // What the worker posts to the UI is this data: it must serialize (no cycles, no hostile depth).
  await step('fragment JSON', onPhase, () => JSON.stringify({ nodes: [...alone.fragment.nodes.values()], edges: [...alone.fragment.edges.values()] }));
  const outcome: CaseOutcome = { status: alone.report.status, format: alone.report.format, nodes: alone.fragment.nodes.size, edges: alone.fragment.edges.size, questions: 0 };
  if (c.depth === 'import') {
    checkPrototypes('importFile');
    return outcome;
  }

  // 2. A workspace holding intact exports takes the file: nothing already loaded is lost.
  const engine = new WorkspaceEngine(undefined, c.asOf);
  engine.setAsOf({ override: c.asOf, importTime: c.asOf });
  const intact = await step('intact import', onPhase, () => c.intact.map(describedIds));
  const batches = c.order === 'before' ? [c.intact, [c.file]] : [[c.file], c.intact];
  const reports: FileReport[] = [];
  for (const batch of batches) reports.push(...(await step('session.addFiles', onPhase, () => engine.addFiles(batch))));
  const g = engine.session.graph;
  check('session.addFiles', reports.length === c.intact.length + 1, () => `${reports.length} reports for ${c.intact.length + 1} files`);
  check('session.addFiles', engine.session.files.length === c.intact.length + 1, () => `the session lists ${engine.session.files.length} files, not ${c.intact.length + 1}`);
  const fileReport = reports[c.order === 'before' ? c.intact.length : 0]!;
  checkReport('session.addFiles', c.file, fileReport);
  c.intact.forEach((f, i) => {
    const r = reports[c.order === 'before' ? i : i + 1]!;
    if (!intact[i]!.rejected) check('session.addFiles', r.status !== 'rejected', () => `the intact export ${f.name} was rejected next to the mutated file: ${r.errors[0] ?? ''}`);
    const lost = intact[i]!.ids.filter((id) => !g.hasNode(id) || g.getNodeAttribute(id, 'placeholder') === true);
    check('session.addFiles', lost.length === 0, () => `${lost.length} node(s) of the intact export ${f.name} are missing or became placeholders, e.g. ${JSON.stringify(lost.slice(0, 3))}`);
  });

  // 3. The analysis date derived from the exports (what the app uses without an analyst's date).
  const derived = await step('defaultAsOf', onPhase, () => defaultAsOf(engine.session.files, g, c.asOf));
  check('defaultAsOf', Number.isFinite(derived.ms), () => `the analysis date derived from the exports is ${derived.ms} (${derived.detail})`);

  // 4. Analysis at the fixed date, the summary and the snapshot the UI receives.
  const snapshot = await step('analysis', onPhase, () => engine.snapshot());
  const json = await step('snapshot JSON', onPhase, () => JSON.stringify(snapshot));
  for (const s of c.secrets ?? []) {
    const at = json.indexOf(s);
    check('secrets', at === -1, () => `a planted secret value survived into the snapshot: …${json.slice(Math.max(0, at - 160), at + s.length + 40)}…`);
  }

  // 5. The analyst's questions about what the mutated file and the intact exports describe.
  const fromFile = alone.fragment.nodes.size ? [...alone.fragment.nodes.keys()] : [];
  const fromIntact = intact.flatMap((x) => x.ids);
  const present = (id: string) => g.hasNode(id) && !g.getNodeAttribute(id, 'placeholder');
  const actor = (ids: string[]) => ids.find((id) => present(id) && isActorKind(g.getNodeAttribute(id, 'kind')));
  const target = (ids: string[]) => ids.find((id) => present(id) && ['resource', 'secret'].includes(categoryOf(g.getNodeAttribute(id, 'kind'))));
  const principals = [...new Set([actor(fromFile), actor(fromIntact)].filter((x): x is string => x !== undefined))];
  const targets = [...new Set([target(fromFile), target(fromIntact)].filter((x): x is string => x !== undefined))];
  for (const p of principals) {
    const view = await step('blast radius', onPhase, () => engine.blast(p));
    check('blast radius', view.blast.source === p, () => `the blast radius of ${p} names ${view.blast.source}`);
    await step('blast JSON', onPhase, () => JSON.stringify(view));
    outcome.questions++;
  }
  for (const t of [...targets, ...principals.slice(0, 1)]) {
    await step('who can', onPhase, () => engine.whoCan(t));
    outcome.questions++;
  }
  const admin = g.findNode((_, a) => a.kind === 'adminAccess');
  if (admin && principals[0]) {
    await step('privilege paths', onPhase, () => engine.paths(principals[0]!, admin));
    outcome.questions++;
  }
  checkPrototypes('after analysis');
  outcome.nodes = g.order;
  outcome.edges = g.size;
  return outcome;
}

function checkPrototypes(phase: string): void {
  const object = Object.getOwnPropertyNames(Object.prototype).sort().join(',');
  const array = Object.getOwnPropertyNames(Array.prototype).sort().join(',');
  check(phase, object === PROTO_BASELINE.object && array === PROTO_BASELINE.array, () => `Object.prototype or Array.prototype gained properties: ${object} | ${array}`);
  check(phase, ({} as Record<string, unknown>).polluted === undefined, () => 'Object.prototype.polluted is set');
}
