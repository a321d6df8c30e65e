#!/usr/bin/env node
/**
 * `npm run screenshots`: a current PNG of each view of the app (demo workspace) in docs/screenshots,
 * taken by Playwright in Debian's Chromium against the built app.
 */
import { chromium } from '@playwright/test';
import { root, startPreview } from './preview-server.mjs';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
  if (p) await page.mouse.click(p.x, p.y);
  else {
    // Not drawn where the scene put it in view (labels and panels move with the demo): found by
    // search, as an analyst would.
    await page.getByRole('combobox', { name: 'Search' }).fill(id);
    await page.getByRole('listbox', { name: 'Search results' }).getByRole('option').first().click();
  }
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
// Across clouds through a secret: the azure-sync role reads the client secret of the Entra
// application that owns the Azure subscription (the demo's secret mapping says so).
const chain = new URL(page.url());
chain.searchParams.delete('node');
chain.searchParams.set('view', 'path');
chain.searchParams.set('from', `arn:aws:iam::${A}:role/github-actions-azure-sync`);
chain.searchParams.set('to', 'admin:azure:6d3c2b1a-9f8e-4d7c-8b6a-5f4e3d2c1b0a');
await page.goto(chain.toString());
await page.getByRole('region', { name: 'Paths' }).getByTestId('admin-path').first().waitFor();
await idle();
await shot('secret-chain-path');
// The secret's details: whose credential it holds, as the analyst said.
await page.goto(base);
await idle();
await click(`arn:aws:secretsmanager:eu-west-1:${A}:secret:prod/azure/nw-aws-bridge-client-secret-Qm4Vt8`);
await page.getByTestId('secret-mapping').scrollIntoViewIfNeeded();
await shot('secret-mapping');
// A node's relationships by kind, with counts; "draw" puts one group on the graph.
await page.goto(base);
await idle();
await click(`arn:aws:iam::${A}:group/Developers`);
await page.getByTestId('relationships').waitFor();
await page.getByTestId('draw-in:memberOf').click();
await page.getByTestId('graph-notice').filter({ hasText: 'around the selection' }).waitFor();
await idle();
await shot('relationships');
// Assume breached: the leaked key marked, and the Questions tab answering from it.
await page.goto(base);
await idle();
await click(`arn:aws:iam::${A}:user/service/svc-jenkins-deploy#access-key-1`);
const toggle = page.getByTestId('toggle-breached');
if ((await toggle.textContent()).startsWith('Mark')) await toggle.click();
await page.getByRole('button', { name: 'Close details' }).click();
await page.getByRole('tab', { name: 'Questions' }).click();
const paths = page.locator('[data-question="breachedPaths"]');
await paths.getByRole('button', { name: /Paths from breached marks/ }).click();
await paths.getByTestId('question-row').first().waitFor();
await idle();
await shot('questions');
// Risk: the dashboard and the findings table, grouped by identity.
await page.goto(base);
await idle();
await page.getByRole('button', { name: 'Risk', exact: true }).click();
await page.getByRole('dialog', { name: 'Risk' }).getByText('Top 10 by risk').waitFor();
await shot('risk-dashboard');
await page.getByRole('tab', { name: /^Findings/ }).click();
await page.getByLabel('Group findings').selectOption('identity');
await page.locator('.group-row').first().waitFor();
await shot('risk-findings');
await page.getByRole('button', { name: 'Close the risk view' }).click();
// What-if: detach the policy behind svc-jenkins-deploy's escalation, figures before and after.
await click(`arn:aws:iam::${A}:user/service/svc-jenkins-deploy`);
await page.locator('[data-testid="edge-item"][data-kind="hasPolicy"]').filter({ hasText: 'CIDeployLegacy' }).getByRole('button', { name: 'what if removed?' }).click();
await page.getByTestId('whatif-bar').waitFor();
await idle();
await shot('what-if');
await page.getByTestId('whatif-bar').getByRole('button', { name: 'Clear the what-if' }).click();
await page.getByTestId('whatif-bar').waitFor({ state: 'detached' });
// Compare: last month's account (fixtures/diff/v1) against this month's (v2), one new grant.
const old = join(mkdtempSync(join(tmpdir(), 'blastmap-shots-')), 'last-month.blastmap.json.gz');
execFileSync(process.execPath, [join(root, 'bin/blastmap.mjs'), 'export', join(root, 'fixtures/diff/v1'), '--format', 'snapshot', '--out', old], { stdio: 'ignore' });
await page.goto(`${base}/?start=empty`);
await page.getByText('No data yet').waitFor();
await page.getByTestId('file-input').setInputFiles([join(root, 'fixtures/diff/v2/iam-get-account-authorization-details.json')]);
await page.waitForFunction(() => window.__blastmap?.idle() === true && window.__blastmap.nodeCount() > 0);
await page.getByTestId('compare-input').setInputFiles(old);
await page.getByTestId('compare-panel').waitFor();
await idle();
await shot('compare');
// A generated 10,000-principal account: the overview folds into groups, labelled.
const dir = mkdtempSync(join(tmpdir(), 'blastmap-shots-'));
execFileSync(process.execPath, [join(root, 'bin/blastmap.mjs'), 'generate', '--principals', '10000', '--seed', '7', '--out', dir], { stdio: 'ignore' });
await page.goto(`${base}/?start=empty`);
await page.getByText('No data yet').waitFor();
await page.getByTestId('file-input').setInputFiles([join(dir, 'gaad.json'), join(dir, 'credential-report.json')]);
await page.waitForFunction(() => window.__blastmap?.idle() === true && window.__blastmap.nodeCount() > 0, null, { timeout: 300_000 });
await page.getByRole('tab', { name: 'Analysis' }).click();
await shot('overview-10000');
// The smaller laptop screen.
await page.setViewportSize({ width: 1280, height: 720 });
// Reopened from the browser's store at this size (the workspace is kept), fitted anew.
await page.reload();
await page.waitForFunction(() => window.__blastmap?.idle() === true && window.__blastmap.nodeCount() > 0, null, { timeout: 300_000 });
await shot('overview-10000-1280x720');
await page.goto(base);
await idle();
await shot('explore-1280x720');
await page.getByRole('button', { name: 'Risk', exact: true }).click();
await page.getByRole('dialog', { name: 'Risk' }).getByText('Top 10 by risk').waitFor();
await shot('risk-dashboard-1280x720');
await browser.close();
stop();
process.exit(0);
