/**
 * A Vault export tree is placed by its paths (docs/vault-exports.md): picked as a folder, each file
 * keeps its path inside it, so roles, engines and policies land where Vault has them. Files that
 * cannot be exports (the README) are skipped, as the CLI's folder walk does.
 */
import { test, expect, repoFixture } from './fixtures';

test('a Vault export tree picked as a folder imports with its paths', async ({ workbench, page }) => {
  await workbench.openEmpty();
  await page.getByTestId('folder-input').setInputFiles(repoFixture('vault/acme'));
  await expect(page.getByTestId('import-progress')).toHaveCount(0, { timeout: 60_000 });
  const vault = page.getByTestId('counts-vault');
  await expect(vault).toContainText('10 Vault roles');
  await expect(vault).toContainText('9 Vault policies');
  await page.getByRole('tab', { name: 'Files' }).click();
  await expect(page.getByTestId('file-report')).toHaveCount(43);
  await expect(workbench.fileReport('acme/sys/policy/admin.hcl')).toHaveAttribute('data-status', 'imported');
  await expect(page.locator('[data-testid="file-report"][data-status="rejected"]')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Analysis' }).click();
  await expect(page.getByTestId('admin-count')).toHaveText('3 admin-equivalent');
});
