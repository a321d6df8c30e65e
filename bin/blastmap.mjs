#!/usr/bin/env node
// Entry point for `npx blastmap`: runs the CLI bundle built by `npm run build:cli` (run on install).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist-cli/blastmap.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('blastmap: the CLI is not built yet; run `npm run build:cli` in the Blastmap folder\n');
  process.exit(2);
}
const { main } = await import(bundle);
process.exitCode = await main(process.argv.slice(2), { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`) });
