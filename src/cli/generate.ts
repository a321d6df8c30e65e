/**
 * `blastmap generate`: write a synthetic account.
 *  - `--principals N [--seed S] [--account ID] [--plants N] [--decoys N] --out DIR`: a realistic
 *    account with planted escalation paths and decoys: DIR/gaad.json, DIR/credential-report.json
 *    and DIR/expected.json (the answers; scripts/check-generated.mjs compares them with the
 *    analysis). Streamed to disk chunk by chunk.
 *  - `--out FILE [--users N] [--roles N] [--policies N] [--seed S]`: the older benchmark account
 *    (one GAAD file, random policies, no answers).
 */
import { closeSync, mkdirSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { syntheticGaad } from '../core';
import { realisticAccount } from '../core/generate/realistic-account';
import { credentialReportEnvelope, credentialReportLines, gaadChunks } from '../core/generate/export';
import { UsageError } from './args';
import type { Output } from './analyze';

function intFlag(flags: Map<string, string | true>, name: string, fallback: number): number {
  const v = flags.get(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (v === true || !Number.isInteger(n) || n < 0) throw new UsageError(`--${name} needs a whole number`);
  return n;
}

/** Buffered writes of many small chunks to one file descriptor. */
class ChunkWriter {
  private readonly fd: number;
  private parts: string[] = [];
  private size = 0;
  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }
  write(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= 4 << 20) this.flush();
  }
  flush(): void {
    if (!this.parts.length) return;
    writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

const mb = (path: string) => `${(statSync(path).size / 1024 / 1024).toFixed(1)} MB`;

export function runGenerate(flags: Map<string, string | true>, io: Output): number {
  const out = flags.get('out');
  if (flags.has('principals')) {
    if (typeof out !== 'string') throw new UsageError('generate --principals needs --out DIR');
    return generateRealistic(flags, out, io);
  }
  if (typeof out !== 'string') throw new UsageError('generate needs --out FILE (or --principals N --out DIR)');
  const doc = syntheticGaad({ users: intFlag(flags, 'users', 5000), roles: intFlag(flags, 'roles', 5000), policies: intFlag(flags, 'policies', 20000), seed: intFlag(flags, 'seed', 42) });
  const text = JSON.stringify(doc);
  writeFileSync(out, text);
  io.err(`wrote ${out} (${(text.length / 1024 / 1024).toFixed(1)} MB)`);
  return 0;
}

function generateRealistic(flags: Map<string, string | true>, dir: string, io: Output): number {
  const started = Date.now();
  const account = flags.get('account');
  if (account !== undefined && (typeof account !== 'string' || !/^\d{12}$/.test(account))) throw new UsageError('--account needs a 12-digit account id');
  let a;
  try {
    a = realisticAccount({
      principals: intFlag(flags, 'principals', 1000),
      seed: intFlag(flags, 'seed', 1),
      account: account as string | undefined,
      plants: flags.has('plants') ? intFlag(flags, 'plants', 0) : undefined,
      decoys: flags.has('decoys') ? intFlag(flags, 'decoys', 0) : undefined,
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  mkdirSync(dir, { recursive: true });

  const gaad = join(dir, 'gaad.json');
  const w = new ChunkWriter(gaad);
  for (const chunk of gaadChunks(a)) w.write(chunk);
  w.close();

  // The CSV is base64-encoded as it is produced: whole 3-byte groups now, the rest carried over.
  const report = join(dir, 'credential-report.json');
  const cw = new ChunkWriter(report);
  const env = credentialReportEnvelope(a);
  cw.write(env.before);
  let pending = Buffer.alloc(0);
  const pendingParts: Buffer[] = [];
  let pendingSize = 0;
  const encode = (final: boolean) => {
    pending = Buffer.concat([pending, ...pendingParts]);
    pendingParts.length = 0;
    pendingSize = 0;
    const cut = final ? pending.length : pending.length - (pending.length % 3);
    cw.write(pending.subarray(0, cut).toString('base64'));
    pending = Buffer.from(pending.subarray(cut));
  };
  for (const line of credentialReportLines(a)) {
    const bytes = Buffer.from(line, 'utf8');
    pendingParts.push(bytes);
    pendingSize += bytes.length;
    if (pendingSize >= 1 << 20) encode(false);
  }
  encode(true);
  cw.write(env.after);
  cw.close();

  const expected = join(dir, 'expected.json');
  writeFileSync(expected, JSON.stringify(a.expected, null, 2) + '\n');
  const x = a.expected;
  io.err(
    `wrote ${gaad} (${mb(gaad)}), ${report} (${mb(report)}), ${expected}: ${x.principals} principals (${x.counts.users} users, ${x.counts.roles} roles), ${x.counts.groups} groups, ${x.counts.policies} customer-managed policies; ${x.planted.length} planted paths, ${x.decoys.length} decoys, ${x.admins.length} admins; seed ${x.seed}, account ${x.account}; ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return 0;
}
