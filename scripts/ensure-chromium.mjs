#!/usr/bin/env node
/**
 * The e2e tests drive Debian's chromium (Playwright cannot download browsers here). Install it
 * with apt-get when it is missing and we run as root; otherwise fail with a clear message.
 * CHROMIUM_PATH overrides the location.
 */
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error(`Chromium not found at ${path}. Install Debian's package as root (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  process.exit(1);
}
console.log(`Chromium not found at ${path}: installing Debian's chromium package…`);
try {
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit', shell: '/bin/bash' });
} catch {
  console.error('apt-get could not install chromium; the e2e tests cannot run.');
  process.exit(1);
}
if (!existsSync(path)) {
  console.error(`chromium was installed but ${path} does not exist; set CHROMIUM_PATH.`);
  process.exit(1);
}
