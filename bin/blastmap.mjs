#!/usr/bin/env node
// Entry point for `npx blastmap`: runs the CLI bundle built by `npm run build:cli` (run on install).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Exit code of a failure that is not the user's (see `blastmap --help`); never 1 ("some file rejected"). */
const INTERNAL = 4;

// eslint-disable-next-line no-control-regex
const printable = (s) => String(s).replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

/** Anything that escapes main(): one clean line (the stack with BLASTMAP_DEBUG=1), exit 4. */
function internalError(e) {
  process.stderr.write(`blastmap: internal error: ${printable(e instanceof Error ? e.message : e)}\n`);
  if (process.env.BLASTMAP_DEBUG === '1' && e instanceof Error && e.stack) process.stderr.write(`${e.stack.split('\n').map(printable).join('\n')}\n`);
  process.exit(INTERNAL);
}
process.on('uncaughtException', internalError);
process.on('unhandledRejection', internalError);
// `blastmap analyze --json | head`: the reader went away; stop quietly rather than with a stack trace.
process.stdout.on('error', (e) => (e.code === 'EPIPE' ? process.exit(process.exitCode ?? 0) : internalError(e)));

const bundle = fileURLToPath(new URL('../dist-cli/blastmap.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('blastmap: the CLI is not built yet; run `npm run build:cli` in the Blastmap folder\n');
  process.exit(2);
}
try {
  const { main } = await import(bundle);
  process.exitCode = await main(process.argv.slice(2), { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`) });
} catch (e) {
  internalError(e);
}
