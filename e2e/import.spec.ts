/** The analyst's import path: upload real exports, read the counts, see bad files explained. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test, expect, hasPublicCorpus, publicPath, repoFixture } from './fixtures';

test.describe('real public exports', () => {
  test.skip(!hasPublicCorpus, 'public corpus (../shared/fixtures/public) not present: SKIPPED');

  test('the Cloudsplaining account shows its real counts', async ({ workbench }) => {
    await workbench.openEmpty();
    await workbench.upload([publicPath('cloudsplaining/examples/files/example.json')]);
    await expect(workbench.fileReport('example.json')).toHaveAttribute('data-status', 'imported');
    await expect(workbench.count('user')).toHaveText('44 users');
    await expect(workbench.count('group')).toHaveText('5 groups');
    await expect(workbench.count('role')).toHaveText('78 roles');
    await expect(workbench.count('managedPolicy')).toHaveText('84 managed policies');
    await expect(workbench.count('inlinePolicy')).toHaveText('39 inline policies');
  });

  test('several files at once: the cloudmapper account with its credential report, secrets and bucket policy', async ({ workbench, page }) => {
    await workbench.openEmpty();
    const cm = 'cloudmapper/account-data/demo/us-east-1';
    await workbench.upload([
      publicPath(`${cm}/iam-get-account-authorization-details.json`),
      publicPath(`${cm}/iam-get-credential-report.json`),
      publicPath(`${cm}/secretsmanager-list-secrets.json`),
      publicPath(`${cm}/s3-get-bucket-policy/cloudmapper_demo`),
    ]);
    await expect(page.getByTestId('file-report')).toHaveCount(4);
    await expect(page.locator('[data-testid="file-report"][data-status="imported"]')).toHaveCount(4);
    await expect(workbench.count('accessKey')).toHaveText('4 access keys');
    await expect(workbench.count('secret')).toHaveText('1 secret');
    await expect(workbench.count('bucket')).toHaveText('1 bucket');
  });
});

test('a truncated file is rejected with its name and line, other files still import, nothing loaded is lost', async ({ workbench, page }) => {
  await workbench.openDemo();
  await expect(workbench.count('user')).toHaveText('9 users');
  await workbench.upload([repoFixture('aws/truncated-users.json'), repoFixture('aws/hostile-names.json')]);
  const bad = workbench.fileReport('truncated-users.json');
  await expect(bad).toHaveAttribute('data-status', 'rejected');
  await expect(bad.getByTestId('file-error')).toHaveText('truncated-users.json: JSON ends unexpectedly at line 223 (the document that starts at line 1 is not closed)');
  await expect(workbench.fileReport('hostile-names.json')).toHaveAttribute('data-status', 'imported');
  // 9 demo users + the hostile one: the demo is still there.
  await expect(workbench.count('user')).toHaveText('10 users');
  await expect(page.getByTestId('file-report')).toHaveCount(28);
});

test('a file that is not an export is rejected with a message naming it', async ({ workbench }) => {
  await workbench.openEmpty();
  await workbench.upload([repoFixture('aws/README.md')]);
  await expect(workbench.fileReport('README.md').getByTestId('file-error')).toContainText('README.md: not a recognised export');
});

test('a file over the size limit is refused before it is read', async ({ workbench, page }) => {
  await workbench.openEmpty();
  // Dropped like an analyst would; the 300 MB file is made in the page (zeros, never read).
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(300 * 1024 * 1024)], 'huge-gaad.json', { type: 'application/json' }));
    const zone = document.querySelector('[data-testid="drop-zone"]')!;
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await expect(workbench.fileReport('huge-gaad.json').getByTestId('file-error')).toHaveText(
    'huge-gaad.json: file is too large (300.0 MB); the limit is 256.0 MB per file: export per account or with --max-items pages and import the pages',
  );
});

test('hostile names render as text and execute nothing', async ({ workbench, page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await workbench.openEmpty();
  await workbench.upload([repoFixture('aws/hostile-names.json')]);
  const id = 'arn:aws:iam::111122223333:user/<img src=x onerror="window.__pwned=1">';
  await workbench.clickNode(id);
  await expect(page.getByTestId('details-name')).toHaveText('<img src=x onerror="window.__pwned=1">');
  await expect(page.getByTestId('details-panel')).toContainText('<script>window.__pwned=2</script>');
  await page.getByTestId('details-panel').getByRole('button', { name: 'javascript:alert(1)' }).click();
  await expect(page.getByTestId('evidence-condition')).toContainText('<b onmouseover=alert(1)>x</b>');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.evaluate(() => ({} as Record<string, unknown>).polluted)).toBeUndefined();
  await expect(page.locator('.details img, .details script, .details b')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test('a GAAD in two pages, dropped together: merged, memberships resolved across pages', async ({ workbench, page }) => {
  await workbench.openEmpty();
  await workbench.upload([repoFixture('aws/gaad-page-1.json'), repoFixture('aws/gaad-page-2.json')]);
  await expect(workbench.count('user')).toHaveText('3 users');
  await expect(workbench.count('group')).toHaveText('1 group');
  await expect(workbench.fileReport('gaad-page-1.json')).toHaveAttribute('data-status', 'partial');
  await expect(workbench.fileReport('gaad-page-1.json').getByTestId('file-warning')).toHaveCount(1);
  await workbench.clickNode('arn:aws:iam::111122223333:group/team/ops');
  await expect(page.locator('[data-testid="edge-item"][data-kind="memberOf"]')).toHaveCount(2);
});

test('secret values in an export are dropped, and the report says so', async ({ workbench, page }) => {
  await workbench.openEmpty();
  await workbench.upload([repoFixture('aws/get-secret-value.json')]);
  const report = workbench.fileReport('get-secret-value.json');
  await expect(report).toHaveAttribute('data-status', 'imported');
  await expect(report).toContainText('dropped 1 secret value(s) before import (SecretString)');
  await workbench.clickNode('arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-AbCdEf');
  await expect(page.locator('body')).not.toContainText('correct-horse-battery-staple');
});

test('a long import can be cancelled; the workspace stays as it was', async ({ workbench, page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'blastmap-e2e-'));
  const big = join(dir, 'big-gaad.json');
  execFileSync(process.execPath, [resolve('bin/blastmap.mjs'), 'generate', '--out', big, '--users', '4000', '--roles', '4000', '--policies', '16000'], { stdio: 'ignore' });
  await workbench.openDemo();
  await page.getByTestId('file-input').setInputFiles(big);
  const progress = page.getByTestId('import-progress');
  await expect(progress).toBeVisible();
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('alert')).toContainText('Import cancelled. What was loaded before is still here.');
  await expect(workbench.count('user')).toHaveText('9 users');
  await page.reload();
  await expect(workbench.count('user')).toHaveText('9 users');
  await page.getByRole('tab', { name: 'Files' }).click();
  await expect(page.getByTestId('file-report')).toHaveCount(26);
});
