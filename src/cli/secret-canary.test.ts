/** The secret-value promise in the CLI: over the canary exports, no command prints a canary. */
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { main } from './main';
import { REPO_FIXTURES } from '../core/test-support/public-corpus';

const CANARIES = ['CANARY-5e3cr3t-9f1d', 'Q0FOQVJZLTVlM2NyM3QtOWYxZA==', 'CANARY-azure-secret-123', 'CANARY-vault-secret-123'];
const DIRS = ['canary', 'canary-unsupported', 'azure', 'vault/acme'].map((d) => resolve(REPO_FIXTURES, d));
const SECRET = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/canary-AbCdEf';

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, text: [...out, ...err].join('\n') };
}

describe('no CLI output holds a secret value', () => {
  it.each([
    ['analyze', ...DIRS],
    ['analyze', ...DIRS, '--json'],
    ['admins', ...DIRS, '--json'],
    ['blast', ...DIRS, '--from', SECRET, '--json'],
    ['who-can', ...DIRS, '--to', SECRET, '--json'],
  ])('%s %s', async (...argv) => {
    const r = await run(argv);
    expect([0, 1]).toContain(r.code);
    expect(r.text.length).toBeGreaterThan(50);
    for (const c of CANARIES) expect(r.text).not.toContain(c);
  });
});
