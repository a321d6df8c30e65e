/**
 * Exports from the app, checked in the downloaded files: the HTML report opens with the network
 * blocked and runs nothing (a hostile name shows as text); a snapshot reopens as a workspace with
 * the same picture; CSV comes as a zip of three files; the graph view as a PNG.
 */
import { readFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import type { Page } from '@playwright/test';
import { test, expect, repoFixture } from './fixtures';

async function exportVia(page: Page, item: string): Promise<{ name: string; bytes: Buffer }> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const waiting = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: item }).click();
  const d = await waiting;
  const path = await d.path();
  return { name: d.suggestedFilename(), bytes: readFileSync(path) };
}

test('the HTML report opens with the network blocked, renders, and shows a hostile name as text', async ({ workbench, page, browser }) => {
  await workbench.openDemo();
  await workbench.upload([repoFixture('aws/hostile-names.json')]);
  const { name, bytes } = await exportVia(page, 'HTML report');
  expect(name).toMatch(/\.html$/);
  const html = bytes.toString('utf8');
  expect(html).toContain('Content-Security-Policy');

  const context = await browser.newContext({ offline: true });
  const requests: string[] = [];
  await context.route('**/*', (route) => {
    requests.push(route.request().url());
    return route.abort();
  });
  const report = await context.newPage();
  const dialogs: string[] = [];
  report.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await report.setContent(html, { waitUntil: 'load' });
  await expect(report.getByRole('heading', { level: 1 })).toContainText('Blastmap risk report');
  await expect(report.getByText('<img src=x onerror="window.__pwned=1">').first()).toBeVisible();
  await expect(report.getByText('javascript:alert(1)').first()).toBeVisible();
  expect(await report.locator('img').count()).toBe(0);
  expect(await report.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await report.locator('script').count()).toBe(0);
  // The top risks and their paths are drawn.
  expect(await report.locator('svg').count()).toBeGreaterThan(0);
  expect(requests).toEqual([]);
  expect(dialogs).toEqual([]);
  await context.close();
});

test('a snapshot exported from the app reopens as a workspace with the same counts and findings', async ({ workbench, page }) => {
  await workbench.openDemo();
  await workbench.clickNode('arn:aws:iam::210987654321:role/billing-lambda');
  await page.getByTestId('toggle-jewel').click();
  const { name, bytes } = await exportVia(page, 'Snapshot (.blastmap.json.gz)');
  expect(name).toMatch(/\.blastmap\.json\.gz$/);
  expect(bytes[0]).toBe(0x1f);
  expect(bytes[1]).toBe(0x8b);
  await page.getByRole('button', { name: 'Risk', exact: true }).click();
  const findings = await page.getByRole('tab', { name: /^Findings \(\d+\)/ }).textContent();
  await page.getByRole('button', { name: 'Close the risk view' }).click();

  // Dropped on the page: it opens as a new workspace (the demo one holds data).
  await page.getByTestId('file-input').setInputFiles({ name, mimeType: 'application/gzip', buffer: bytes });
  await expect(page.getByTestId('import-progress')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByRole('combobox', { name: 'Workspace' }).locator('option:checked')).toContainText('Northwind Parcel (fictional) production account (1 files)');
  await expect(workbench.count('user')).toHaveText('9 users');
  await expect(workbench.count('role')).toHaveText('14 roles');
  await page.getByRole('tab', { name: 'Files' }).click();
  await expect(page.getByTestId('file-report')).toHaveCount(26);
  await page.getByRole('button', { name: 'Risk', exact: true }).click();
  await expect(page.getByRole('tab', { name: /^Findings \(\d+\)/ })).toHaveText(findings!);
  await page.getByRole('button', { name: 'Close the risk view' }).click();
  // The crown-jewel mark came with it.
  await page.getByRole('tab', { name: 'Crown jewels' }).click();
  await expect(page.getByRole('tabpanel', { name: 'Crown jewels' })).toContainText('billing-lambda');
});

test('CSV comes as a zip of findings, inventory and edges; the graph view as a PNG', async ({ workbench, page }) => {
  await workbench.openDemo();
  const csv = await exportVia(page, 'CSV (findings, inventory, edges)');
  const files = unzipSync(new Uint8Array(csv.bytes));
  expect(Object.keys(files).sort()).toEqual(['edges.csv', 'findings.csv', 'inventory.csv']);
  const findings = strFromU8(files['findings.csv']!);
  expect(findings.split('\r\n')[0]).toContain('severity');
  expect(findings).toContain('svc-jenkins-deploy');
  const png = await exportVia(page, 'Graph view as PNG');
  expect(png.name).toMatch(/\.png$/);
  expect(png.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.bytes.length).toBeGreaterThan(20_000);
  // The SVG names what it shows (labels drawn for the export), as text, escaped.
  const svg = await exportVia(page, 'Graph view as SVG');
  expect(svg.name).toMatch(/\.svg$/);
  const text = svg.bytes.toString('utf8');
  expect(text).toMatch(/^<\?xml|^<svg/);
  expect(text).toContain('svc-jenkins-deploy');
  expect(text).not.toContain('<script');
});
