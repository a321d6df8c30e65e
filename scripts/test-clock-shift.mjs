#!/usr/bin/env node
/**
 * The suite again with the clock two years ahead (Debian's faketime around the Node processes
 * and the Chromium they launch): proves that no result and no test depends on today's date.
 * Installs faketime with apt-get when missing and run as root. CLOCK_SHIFT overrides the shift.
 */
import { execSync, spawnSync } from 'node:child_process';

const shift = process.env.CLOCK_SHIFT ?? '+730d';
const has = () => spawnSync('sh', ['-c', 'command -v faketime'], { stdio: 'ignore' }).status === 0;

if (!has()) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error('faketime is not installed; install Debian\'s faketime package as root (apt-get install -y faketime).');
    process.exit(1);
  }
  console.log('faketime not found: installing Debian\'s faketime package…');
  // Packages are fetched before the clock moves: from the future, TLS certificates look expired.
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime', { stdio: 'inherit', shell: '/bin/bash' });
}

const run = (label, cmd) => {
  console.log(`\n=== ${label}, clock shifted ${shift} ===`);
  const r = spawnSync('faketime', ['-f', shift, 'sh', '-c', cmd], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`${label} failed with the clock shifted ${shift}`);
    process.exit(r.status ?? 1);
  }
};

run('the date the tests see', 'node -e "console.log(new Date().toISOString())"');
run('unit tests', 'npx vitest run');
run('end-to-end tests', 'node scripts/ensure-chromium.mjs && npx playwright test');
