/**
 * Names in exports are attacker-controlled: printed raw, an ESC sequence recolours the terminal or
 * retitles the window, and a newline forges a line of the report. Every text line the CLI prints
 * must carry them as visible escapes; JSON must stay valid and carry them as \u escapes.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './main';
import { jsonText, safe } from './terminal-safe';

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const A = '111122223333';
// Colour, OSC window title ended by BEL, a forged report line after CR LF, a C1 CSI, a bidi override.
const ADMIN = `ops\u001b[31mred\u001b[0m\u001b]0;pwned\u0007\r\nADMIN: fake-root\u009b2J\u202e`;
const CLIMBER = `dev\nCan escalate to admin: 0\u001b[2K`;
const POLICY = `pol\u001b[1m\nforged`;
const admin = `arn:aws:iam::${A}:user/${ADMIN}`;
const climber = `arn:aws:iam::${A}:user/${CLIMBER}`;
const allow = (Action: string, Resource: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action, Resource }] });

const dir = mkdtempSync(join(tmpdir(), 'blastmap-terminal-'));
// The file name itself carries an escape sequence: it is printed in tables and evidence.
const file = join(dir, 'evil\u001b[32m.json');
writeFileSync(
  file,
  JSON.stringify({
    UserDetailList: [
      { UserName: ADMIN, Arn: admin, UserPolicyList: [{ PolicyName: POLICY, PolicyDocument: allow('*', '*') }] },
      { UserName: CLIMBER, Arn: climber, UserPolicyList: [{ PolicyName: POLICY, PolicyDocument: allow('iam:PutUserPolicy', climber) }] },
    ],
  }),
);
// A rejected file whose message quotes its first line, an OSC sequence.
const junk = join(dir, 'junk.json');
writeFileSync(junk, '\u001b]0;owned\u0007 not an export\r\n');

/** Raw control characters a terminal would act on (LF is only the line separator here). */
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;

function expectTerminalSafe(text: string) {
  expect(text).not.toMatch(RAW);
  // No forged line: the names' newlines stayed inside their lines.
  for (const line of text.split('\n')) {
    expect(line).not.toMatch(/^\s*(ADMIN: fake-root|Can escalate to admin: 0|forged)/);
  }
}

describe('control characters in text output', () => {
  it.each([
    ['analyze', [file, junk]],
    ['admins', [file]],
    ['blast', [file, '--from', climber]],
    ['paths', [file, '--from', climber, '--to', 'admin']],
    ['who-can', [file, '--to', admin]],
    ['can', [file, '--principal', climber, '--action', 'iam:PutUserPolicy', '--resource', climber]],
    ['techniques', []],
  ])('%s prints names as visible escapes', async (command, args) => {
    const r = await run([command, ...args]);
    expect(r.code, r.err).toBeLessThanOrEqual(1);
    expectTerminalSafe(r.out);
    expectTerminalSafe(r.err);
    if (command !== 'techniques') expect(r.out).toContain('\\x1b[');
  });

  it('admins lists the admin and the climber on one line each, escapes visible', async () => {
    const r = await run(['admins', file]);
    expect(r.out).toContain(`  arn:aws:iam::${A}:user/ops\\x1b[31mred\\x1b[0m\\x1b]0;pwned\\x07\\r\\nADMIN: fake-root\\x9b2J\\u202e`);
    expect(r.out).toMatch(/^ {2}1 hop\(s\) {2}arn:aws:iam::111122223333:user\/dev\\nCan escalate to admin: 0\\x1b\[2K {2}via /m);
  });

  it('error messages that quote file content or names are escaped too', async () => {
    const analyzed = await run(['admins', junk, file]);
    // The core quotes the line as JSON (\u001b) or the boundary escapes it (\x1b): either way, visible.
    expect(analyzed.err).toMatch(/^blastmap: .*junk\.json: .*(\\x1b|\\u001b)\]0;owned/m);
    const usage = await run(['blast', file, '--from', `x\u001b]0;t\u0007\ny`]);
    expect(usage.code).toBe(2);
    expect(usage.err.split('\n')[0]).toBe('blastmap: --from x\\x1b]0;t\\x07\\ny: no such node in the imported exports');
  });

  it('JSON output stays valid and equal to the data, with C1 and bidi characters as \\u escapes', async () => {
    const r = await run(['admins', file, '--json']);
    expect(r.out).not.toMatch(RAW);
    expect(JSON.parse(r.out).admins).toContain(admin);
  });
});

describe('safe and jsonText', () => {
  it.each([
    ['\u001b[31m', '\\x1b[31m'],
    ['a\r\nb\tc', 'a\\r\\nb\\tc'],
    ['\u0000\u007f\u0085\u009b', '\\x00\\x7f\\x85\\x9b'],
    ['\u2028\u202e\u2066', '\\u2028\\u202e\\u2066'],
    ['plain text, unicode é → 日本', 'plain text, unicode é → 日本'],
  ])('safe(%j) = %j', (input, output) => expect(safe(input)).toBe(output));

  it('a structure too deep to serialise becomes one plain error, not a stack overflow', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => jsonText(deep)).toThrow(/nested too deeply to print as JSON/);
  });
});
