#!/usr/bin/env node
/**
 * `npm run screenshots`: a current PNG of each view of the app (demo workspace) in docs/screenshots,
 * taken by Playwright in Debian's Chromium against the built app.
 */
import { chromium } from '@playwright/test';
import { root, startPreview } from './preview-server.mjs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const out = join(root, 'docs', 'screenshots');
mkdirSync(out, { recursive: true });
const { base, stop } = await startPreview(4181);

const A = '210987654321';
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
const idle = () => page.waitForFunction(() => window.__blastmap?.idle() === true && window.__blastmap.nodeCount() > 0);
const click = async (id) => {
  await idle();
  const p = await page.evaluate((n) => window.__blastmap.nodePagePosition(n), id);
  await page.mouse.click(p.x, p.y);
  await page.getByTestId('details-id').filter({ hasText: id }).waitFor();
};
const shot = async (name) => {
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(out, `${name}.png`) });
  console.log(`docs/screenshots/${name}.png`);
};

await page.goto(base);
await idle();
await shot('explore');
await click(`arn:aws:iam::${A}:user/service/svc-jenkins-deploy#access-key-1`);
await page.getByTestId('blast-score').waitFor();
await page.getByTestId('toggle-blast-view').click();
await page.getByTestId('graph-notice').waitFor();
await idle();
await shot('blast-radius');
await page.getByTestId('toggle-blast-view').click();
await click(`arn:aws:iam::${A}:user/service/svc-jenkins-deploy#access-key-1`);
await page.getByTestId('path-to-admin').click();
await page.getByRole('region', { name: 'Paths' }).getByTestId('admin-path').first().waitFor();
await idle();
await shot('path');
await page.getByRole('button', { name: 'Close', exact: true }).click();
await click(`arn:aws:secretsmanager:eu-west-1:${A}:secret:prod/api/postgres-9fK2qL`);
// A secret's panel leads with who can reach it, open.
await page.getByTestId('who-can-count').waitFor();
await shot('who-can-reach');
// Federation: what a GitHub Actions token of the api repository reaches, across AWS, EKS and back.
await page.getByRole('tab', { name: 'Analysis' }).click();
await page.getByTestId('token-reach').locator('summary').click();
await page.getByLabel('Token issuer').fill('token.actions.githubusercontent.com');
await page.getByLabel('Token subject').fill('repo:northwind-parcel/api:ref:refs/heads/main');
await page.getByRole('button', { name: 'Show its blast radius' }).click();
await page.getByTestId('blast-score').waitFor();
await idle();
await shot('token-reach');
const url = new URL(page.url());
url.searchParams.set('view', 'path');
url.searchParams.set('from', 'oidc:token.actions.githubusercontent.com:repo:northwind-parcel/api:ref:refs/heads/main');
url.searchParams.set('to', `arn:aws:iam::${A}:role/payments-api-irsa`);
await page.goto(url.toString());
await page.getByRole('region', { name: 'Paths' }).getByTestId('admin-path').first().waitFor();
await idle();
await shot('federation-path');
// The smaller laptop screen.
await page.setViewportSize({ width: 1280, height: 720 });
await page.goto(base);
await idle();
await shot('explore-1280x720');
await browser.close();
stop();
process.exit(0);
