/** `blastmap generate`: write a synthetic account in GAAD format (benchmarks, load tests). */
import { writeFileSync } from 'node:fs';
import { syntheticGaad } from '../core';
import { UsageError } from './args';
import type { Output } from './analyze';

function intFlag(flags: Map<string, string | true>, name: string, fallback: number): number {
  const v = flags.get(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (v === true || !Number.isInteger(n) || n < 0) throw new UsageError(`--${name} needs a whole number`);
  return n;
}

export function runGenerate(flags: Map<string, string | true>, io: Output): number {
  const out = flags.get('out');
  if (typeof out !== 'string') throw new UsageError('generate needs --out FILE');
  const doc = syntheticGaad({ users: intFlag(flags, 'users', 5000), roles: intFlag(flags, 'roles', 5000), policies: intFlag(flags, 'policies', 20000), seed: intFlag(flags, 'seed', 42) });
  const text = JSON.stringify(doc);
  writeFileSync(out, text);
  io.err(`wrote ${out} (${(text.length / 1024 / 1024).toFixed(1)} MB)`);
  return 0;
}
