/**
 * `can --batch FILE`: one request per line in, one NDJSON line out per request line. The requests
 * may come from anywhere: a line that is not a usable request gets an error object carrying its
 * line number, and the run goes on. Only a batch file that cannot be read at all stops the command.
 */
import { formatBytes, type Decision } from '../core';
import { own, isRecord } from '../core/io/safe-object';
import type { Output } from './analyze';
import { UsageError } from './args';
import { decodeFile, readRegularFile } from './files';
import { jsonText } from './terminal-safe';

/** A request is three ARN-sized strings; a longer line is not a request (and is not parsed). */
export const MAX_BATCH_LINE = 64 * 1024;

const FIELDS = ['principal', 'action', 'resource'] as const;

interface Evaluator {
  can(principal: string, action: string, resource: string): Decision;
}

/** The batch file's lines, read before the exports so that a wrong path fails at once (exit 2). */
export function readBatch(path: string): string[] {
  const read = readRegularFile(path);
  if ('problem' in read) throw new UsageError(`--batch ${path}: ${read.problem}${/named pipe|device|socket/.test(read.problem) ? ' (write the requests to a file)' : ''}`);
  return decodeFile(read.bytes).split(/\r?\n/);
}

export function runBatch(lines: readonly string[], asOf: string, hasPrincipal: (id: string) => boolean, model: Evaluator, io: Output): void {
  lines.forEach((line, i) => {
    // Line numbers are the file's own, blank lines included, so an error points at its line.
    if (line.trim()) io.out(jsonText(answer(line, i + 1, asOf, hasPrincipal, model)));
  });
}

function answer(text: string, line: number, asOf: string, hasPrincipal: (id: string) => boolean, model: Evaluator): object {
  if (text.length > MAX_BATCH_LINE) return { line, error: `line is too long (${formatBytes(text.length)}); a request line is at most ${formatBytes(MAX_BATCH_LINE)}` };
  let req: unknown;
  try {
    req = JSON.parse(text);
  } catch {
    return { line, error: 'not valid JSON' };
  }
  if (!isRecord(req)) return { line, error: `not a request: each line must be a JSON object with "principal", "action" and "resource" strings (this line is ${req === null ? 'null' : Array.isArray(req) ? 'an array' : `a ${typeof req}`})` };
  // Own properties only: a "__proto__" or "constructor" key is data, not a way in.
  const bad = FIELDS.filter((f) => typeof own(req, f) !== 'string' || own(req, f) === '');
  if (bad.length) return { line, error: `needs "principal", "action" and "resource" strings (missing, empty or not a string: ${bad.join(', ')})` };
  const [principal, action, resource] = FIELDS.map((f) => own(req, f) as string) as [string, string, string];
  if (!hasPrincipal(principal)) return { line, principal, error: 'no such principal in the exports' };
  try {
    return { line, asOf, ...model.can(principal, action, resource) };
  } catch (e) {
    return { line, principal, error: `could not be evaluated: ${e instanceof Error ? e.message : String(e)}` };
  }
}
