/**
 * The CLI over a hostile file system: symlink loops, dangling links, named pipes, sockets,
 * devices, unreadable and oversized files, given directly or inside a folder. Each is reported for
 * its path ("blastmap: <path>: ...; skipped"), never opened when it could block or never end, and
 * the other files are analysed (exit 1). Plus the exit codes: 2 bad usage, 4 internal error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MAX_FILE_BYTES } from '../core';
import { main } from './main';
import { readRegularFile } from './files';

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const root = mkdtempSync(join(tmpdir(), 'blastmap-hostile-'));
const at = (...p: string[]) => join(root, ...p);
const USERS = JSON.stringify({ UserDetailList: [{ UserName: 'a', Arn: 'arn:aws:iam::111122223333:user/a' }] });

const isRoot = process.getuid?.() === 0;
const hasMkfifo = spawnSync('mkfifo', ['--version']).status === 0;
const hasDevZero = existsSync('/dev/zero');
let server: Server | undefined;

beforeAll(async () => {
  mkdirSync(at('exports'));
  writeFileSync(at('exports', 'users.json'), USERS);
  symlinkSync('users.json', at('exports', 'users-link.json'));
  symlinkSync('.', at('exports', 'self-loop'));
  symlinkSync('cycle-b', at('exports', 'cycle-a'));
  symlinkSync('cycle-a', at('exports', 'cycle-b'));
  symlinkSync('nowhere.json', at('exports', 'dangling.json'));
  if (hasDevZero) symlinkSync('/dev/zero', at('exports', 'zero.json'));
  if (hasMkfifo) spawnSync('mkfifo', [at('exports', 'pipe.json')]);
  // A sparse file: over the size limit without using the disk; refused by its size, never read.
  writeFileSync(at('exports', 'huge.json'), '');
  truncateSync(at('exports', 'huge.json'), MAX_FILE_BYTES + 1);
  server = createServer();
  await new Promise<void>((done) => server!.listen(at('exports', 'sock.json'), done));
  writeFileSync(at('exports', 'locked.json'), USERS);
  chmodSync(at('exports', 'locked.json'), 0o000);
  mkdirSync(at('exports', 'locked-dir'));
  chmodSync(at('exports', 'locked-dir'), 0o000);
});

afterAll(() => {
  server?.close();
  chmodSync(at('exports', 'locked-dir'), 0o755);
});

type Case = [name: string, path: () => string, message: string, available: boolean, why?: string];

const CASES: Case[] = [
  ['missing path', () => at('missing.json'), 'no such file or folder', true],
  ['dangling symlink', () => at('exports', 'dangling.json'), 'dangling symlink', true],
  ['symlink cycle (a → b → a)', () => at('exports', 'cycle-a'), 'symlink loop', true],
  ['named pipe (FIFO)', () => at('exports', 'pipe.json'), 'not a regular file (named pipe)', hasMkfifo, 'mkfifo not available'],
  ['socket', () => at('exports', 'sock.json'), 'not a regular file (socket)', true],
  ['device behind a symlink (/dev/zero)', () => at('exports', 'zero.json'), 'not a regular file (character device)', hasDevZero, 'no /dev/zero'],
  ['device given directly (/dev/urandom)', () => '/dev/urandom', 'not a regular file (character device)', existsSync('/dev/urandom'), 'no /dev/urandom'],
];

describe('a hostile path given directly: reported, the other file still analysed (exit 1)', () => {
  for (const [name, path, message, available, why] of CASES) {
    it.skipIf(!available)(`${name}${available ? '' : ` (SKIPPED: ${why})`}`, { timeout: 10_000 }, async () => {
      const good = at('exports', 'users.json');
      const r = await run(['analyze', path(), good, '--json']);
      expect(r.code).toBe(1);
      expect(r.err).toBe(`blastmap: ${path()}: ${message}; skipped`);
      const doc = JSON.parse(r.out);
      expect(doc.files.map((f: { file: string; status: string }) => [f.file, f.status])).toEqual([
        [path(), 'rejected'],
        [good, 'imported'],
      ]);
      expect(doc.files[0].errors).toEqual([`${path()}: ${message}; skipped`]);
      expect(doc.stats.nodesByKind.user).toBe(1);
    });
  }
});

const bin = resolve(__dirname, '../../bin/blastmap.mjs');
const built = existsSync(resolve(__dirname, '../../dist-cli/blastmap.mjs'));

/**
 * Root reads any file, so as root the permission cases run the built command as user "nobody"
 * (the temporary folder is opened to it); otherwise in-process.
 */
async function runUnprivileged(argv: string[]) {
  if (!isRoot) return run(argv);
  chmodSync(root, 0o755);
  chmodSync(at('exports'), 0o755);
  const r = spawnSync(process.execPath, [bin, ...argv], { encoding: 'utf8', uid: 65534, gid: 65534 });
  return { code: r.status, out: r.stdout.trimEnd(), err: r.stderr.trimEnd() };
}

/** Whether user "nobody" can run the built command from where this checkout lives (a clone in a 0700 folder cannot). */
const nobodyCanRun =
  isRoot && built && spawnSync(process.execPath, ['-e', `require('fs').readFileSync(${JSON.stringify(resolve(__dirname, '../../dist-cli/blastmap.mjs'))})`], { uid: 65534, gid: 65534 }).status === 0;
const permissionSkip = isRoot && !nobodyCanRun;

describe.skipIf(permissionSkip)(`permission denied${permissionSkip ? ' (SKIPPED: running as root, and user "nobody" cannot run the built CLI from this checkout)' : ''}`, () => {
  it.each([
    ['an unreadable file', 'locked.json'],
    ['an unreadable folder', 'locked-dir'],
  ])('%s, given directly: reported, the other file analysed', async (_name, entry) => {
    const r = await runUnprivileged(['analyze', at('exports', entry), at('exports', 'users.json'), '--json']);
    expect(r.err).toBe(`blastmap: ${at('exports', entry)}: permission denied; skipped`);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).stats.nodesByKind.user).toBe(1);
  });

  it('inside a folder: reported, the rest analysed', async () => {
    const r = await runUnprivileged(['analyze', at('exports'), '--json']);
    expect(r.code).toBe(1);
    expect(r.err.split('\n')).toEqual(expect.arrayContaining([`blastmap: ${at('exports', 'locked.json')}: permission denied; skipped`, `blastmap: ${at('exports', 'locked-dir')}: permission denied; skipped`]));
    expect(JSON.parse(r.out).files.find((f: { file: string }) => f.file === at('exports', 'users.json')).status).toBe('imported');
  });
});

describe('a folder holding every hostile entry', () => {
  it('reports each one by path, follows the symlink to a regular file, and analyses the rest', { timeout: 10_000 }, async () => {
    const r = await run(['analyze', at('exports'), '--json']);
    expect(r.code).toBe(1);
    const status = Object.fromEntries(JSON.parse(r.out).files.map((f: { file: string; status: string }) => [f.file.slice(at('exports').length + 1), f.status]));
    expect(status).toMatchObject({ 'users.json': 'imported', 'users-link.json': 'imported', 'dangling.json': 'rejected', 'cycle-a': 'rejected', 'cycle-b': 'rejected', 'self-loop': 'rejected', 'huge.json': 'rejected', 'sock.json': 'rejected' });
    const lines = r.err.split('\n');
    expect(lines).toContain(`blastmap: ${at('exports', 'self-loop')}: symlink loop (links back to a folder it is in); skipped`);
    expect(lines).toContain(`blastmap: ${at('exports', 'cycle-b')}: symlink loop; skipped`);
    if (hasMkfifo) expect(lines).toContain(`blastmap: ${at('exports', 'pipe.json')}: not a regular file (named pipe); skipped`);
    if (hasDevZero) expect(lines).toContain(`blastmap: ${at('exports', 'zero.json')}: not a regular file (character device); skipped`);
    if (!hasMkfifo) console.warn('hostile-fs: named pipe case SKIPPED (mkfifo not available)');
  });

  it('refuses a file over the size limit by its size, before reading it', async () => {
    const r = await run(['analyze', at('exports', 'huge.json'), '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).files[0].errors[0]).toMatch(/huge\.json: file is too large \(256\.0 MB\); the limit is 256\.0 MB per file/);
  });

  it('a folder reached twice (given twice, or through a link) is walked once', async () => {
    symlinkSync(at('exports'), at('exports-again'));
    const r = await run(['analyze', at('exports'), at('exports-again'), '--json']);
    expect(JSON.parse(r.out).files.filter((f: { file: string }) => f.file.endsWith('users.json'))).toHaveLength(1);
  });
});

describe('reading bounded regular files', () => {
  it('stops at the limit while reading (a file that grows, a /proc file that says 0 bytes)', () => {
    writeFileSync(at('hundred.json'), 'x'.repeat(100));
    expect(readRegularFile(at('hundred.json'), 50)).toEqual({ problem: 'file is too large (100 B); the limit is 50 B per file', tooLarge: 100 });
    if (existsSync('/proc/self/status')) expect(readRegularFile('/proc/self/status', 10)).toMatchObject({ problem: expect.stringMatching(/^file is too large \(at least [\d.]+ K?B\)/) });
  });
});

describe('can --batch: every line answered, a bad batch path is a usage error', () => {
  const gaad = at('batch-gaad.json');
  const P = 'arn:aws:iam::111122223333:user/a';
  writeFileSync(gaad, JSON.stringify({ UserDetailList: [{ UserName: 'a', Arn: P, UserPolicyList: [{ PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] } }] }] }));

  it('one NDJSON line per request line, with the file line number', async () => {
    const req = { principal: P, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' };
    const lines = ['null', '42', '"text"', '[1,2]', '', JSON.stringify({ principal: P }), JSON.stringify({ ...req, action: 7 }), '{not json', `{"principal":"${'x'.repeat(70_000)}"}`, '['.repeat(50_000), JSON.stringify({ ...req, principal: 'arn:aws:iam::1:user/nobody' }), '{"__proto__":{"principal":"x"},"action":"a","resource":"r"}', JSON.stringify(req)];
    writeFileSync(at('requests.ndjson'), lines.join('\r\n'));
    const r = await run(['can', gaad, '--batch', at('requests.ndjson')]);
    expect(r.code).toBe(0);
    const out = r.out.split('\n').map((l) => JSON.parse(l));
    const notRequest = (what: string) => `not a request: each line must be a JSON object with "principal", "action" and "resource" strings (this line is ${what})`;
    expect(out.map((o) => [o.line, o.error ?? o.decision])).toEqual([
      [1, notRequest('null')],
      [2, notRequest('a number')],
      [3, notRequest('a string')],
      [4, notRequest('an array')],
      [6, 'needs "principal", "action" and "resource" strings (missing, empty or not a string: action, resource)'],
      [7, 'needs "principal", "action" and "resource" strings (missing, empty or not a string: action)'],
      [8, 'not valid JSON'],
      [9, 'line is too long (68.4 KB); a request line is at most 64.0 KB'],
      [10, 'not valid JSON'],
      [11, 'no such principal in the exports'],
      [12, 'needs "principal", "action" and "resource" strings (missing, empty or not a string: principal)'],
      [13, 'allowed'],
    ]);
  });

  const batchCases: [string, () => string, RegExp, boolean][] = [
    ['missing', () => at('no-such.ndjson'), /: no such file or folder$/, true],
    ['a folder', () => at('exports'), /: is a folder$/, true],
    ['a named pipe', () => at('exports', 'pipe.json'), /: not a regular file \(named pipe\) \(write the requests to a file\)$/, hasMkfifo],
    ['a device', () => '/dev/zero', /: not a regular file \(character device\)/, hasDevZero],
  ];
  for (const [name, path, message, available] of batchCases) {
    it.skipIf(!available)(`a batch path that is ${name}: exit 2 with a clear message${available ? '' : ' (SKIPPED: not available here)'}`, { timeout: 10_000 }, async () => {
      const r = await run(['can', gaad, '--batch', path()]);
      expect(r.code).toBe(2);
      expect(r.err.split('\n')[0]).toMatch(new RegExp(`^blastmap: --batch ${path().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${message.source}`));
    });
  }
});

describe('internal errors: a distinct exit code (4), one clean line', () => {
  it('in-process: a failure inside a command returns 4 and prints "blastmap: internal error: ..."', async () => {
    const err: string[] = [];
    const broken = {
      out: () => {
        throw new Error('write EIO\u001b[2J');
      },
      err: (s: string) => err.push(s),
    };
    expect(await main(['techniques', '--json'], broken)).toBe(4);
    expect(err).toEqual(['blastmap: internal error: write EIO\\x1b[2J']);
  });

  // A failure the CLI does not expect, injected into the real process (JSON.stringify replaced).
  const inject = ['--import', 'data:text/javascript,JSON.stringify=()=>{throw new Error("simulated failure")}'];
  it.skipIf(!built)('as the installed command: exit 4, the stack only with BLASTMAP_DEBUG=1', () => {
    const plain = spawnSync(process.execPath, [...inject, bin, 'techniques', '--json'], { encoding: 'utf8', env: { ...process.env, BLASTMAP_DEBUG: '' } });
    expect(plain.status).toBe(4);
    expect(plain.stderr).toBe('blastmap: internal error: simulated failure\n');
    const debug = spawnSync(process.execPath, [...inject, bin, 'techniques', '--json'], { encoding: 'utf8', env: { ...process.env, BLASTMAP_DEBUG: '1' } });
    expect(debug.status).toBe(4);
    expect(debug.stderr).toMatch(/^blastmap: internal error: simulated failure\nError: simulated failure\n\s+at /);
  });
});

describe('text encodings', () => {
  it('reads a UTF-16 export (PowerShell `>` writes one) like the app does', async () => {
    const path = at('utf16.json');
    writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(USERS, 'utf16le')]));
    const r = await run(['analyze', path, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).stats.nodesByKind.user).toBe(1);
  });
});
