/**
 * Comparing the workspace with last month's snapshot: the app names the new path to admin that a
 * single new grant opened (as `blastmap diff` does), outlines the changed nodes on the graph, and
 * stops comparing on request. A file that is not a snapshot is refused with the reason.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test, expect, repoFixture } from './fixtures';

const CI_DEPLOYER = 'arn:aws:iam::111111111111:role/ci-deployer';

test('comparing with an older snapshot shows the new path to admin and outlines what changed', async ({ workbench, page }) => {
  const old = join(mkdtempSync(join(tmpdir(), 'bm-compare-')), 'v1.blastmap.json.gz');
  execFileSync(process.execPath, [resolve('bin/blastmap.mjs'), 'export', repoFixture('diff/v1'), '--format', 'snapshot', '--out', old], { stdio: 'ignore' });
  await workbench.openEmpty();
  await workbench.upload([repoFixture('diff/v2/iam-get-account-authorization-details.json')]);
  await page.getByTestId('compare-input').setInputFiles(old);
  const panel = page.getByTestId('compare-panel');
  await expect(panel).toContainText('v1.blastmap.json.gz');
  await expect(page.getByTestId('compare-opened')).toHaveText('2 new paths to admin');
  await expect(panel).toContainText('ci-deployer can now become admin of 111111111111');
  await expect.poll(() => page.evaluate(() => window.__blastmap?.diffNodeIds('opened') ?? [])).toContain(CI_DEPLOYER);
  await panel.getByRole('button', { name: /^Show the \d+ changed nodes on the graph$/ }).click();
  await expect.poll(() => page.evaluate(() => window.__blastmap?.nodeIds() ?? [])).toContain(CI_DEPLOYER);
  await panel.getByRole('button', { name: 'Stop comparing' }).click();
  await expect(panel).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => window.__blastmap?.diffNodeIds('opened') ?? ['x'])).toEqual([]);
});

test('a file that is not a snapshot is refused with the reason, and the workspace stays', async ({ workbench, page }) => {
  await workbench.openDemo();
  await page.getByTestId('compare-input').setInputFiles(repoFixture('aws/truncated-users.json'));
  await expect(page.getByTestId('compare-error')).toContainText('not a usable Blastmap snapshot');
  await expect(workbench.count('user')).toHaveText('9 users');
});
