/**
 * The analyst's session end to end: a new workspace, the real Cloudsplaining export imported
 * with the "Import exports" button, search for a role, its blast radius and path to admin, then a
 * reload that finds everything still there, and no request outside the app's origin.
 */
import { test, expect, hasPublicCorpus, publicPath } from './fixtures';

test.describe('workspace session on the real Cloudsplaining export', () => {
  test.skip(!hasPublicCorpus, 'public corpus (../shared/fixtures/public) not present: SKIPPED');

  test('import, search, blast radius, path to admin, reload, and no outside request', async ({ page, baseURL }) => {
    const outside: string[] = [];
    page.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(`${baseURL}/`) && !u.startsWith('data:') && !u.startsWith('blob:')) outside.push(u);
    });
    await page.goto('/?start=empty');
    await expect(page.getByText('No data yet')).toBeVisible();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import exports' }).click();
    await (await chooser).setFiles(publicPath('cloudsplaining/examples/files/example.json'));
    await expect(page.getByTestId('count-role')).toHaveText('78 roles');

    const search = page.getByRole('combobox', { name: 'Search' });
    await page.keyboard.press('/');
    await expect(search).toBeFocused();
    await search.fill('AssumeRole-starting');
    await expect(page.getByRole('option').first()).toContainText('privesc-AssumeRole-starting-role');
    await search.press('Enter');
    const details = page.getByRole('region', { name: 'Details' });
    await expect(details.getByTestId('details-name')).toHaveText('privesc-AssumeRole-starting-role');

    const blast = page.getByRole('region', { name: 'Blast radius' });
    await expect(blast).toContainText('administrator reached: yes');
    await expect(blast.getByTestId('blast-score')).toHaveText('100');
    const path = blast.getByTestId('admin-path').first();
    await expect(path).toContainText('3 steps');
    await expect(path.getByTestId('path-step')).toHaveCount(3);
    await expect(path.getByTestId('path-step').nth(1)).toContainText('privesc-AssumeRole-intermediate-role');

    await expect(page).toHaveURL(/node=arn%3Aaws%3Aiam%3A%3A200611803367%3Arole%2Fprivesc-AssumeRole-starting-role/);
    await page.reload();
    await expect(page.getByTestId('count-role')).toHaveText('78 roles');
    await expect(page.getByRole('region', { name: 'Details' }).getByTestId('details-name')).toHaveText('privesc-AssumeRole-starting-role');
    expect(outside).toEqual([]);
  });
});

test('workspaces are kept, renamed and deleted', async ({ workbench, page }) => {
  await workbench.openDemo();
  const select = page.getByTestId('workspace-select');
  await expect(select.locator('option')).toHaveCount(1);
  await page.getByRole('button', { name: 'Rename' }).click();
  await page.getByRole('textbox', { name: 'New workspace name' }).fill('Prod review <b>');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(select.locator('option').first()).toHaveText(/^Prod review <b> \(26 files\)$/);
  await page.getByTestId('new-workspace').click();
  await expect(page.getByText('No data yet')).toBeVisible();
  await expect(select.locator('option')).toHaveCount(2);
  await page.reload();
  await expect(select.locator('option')).toHaveCount(2);
  // Deleting asks first; keeping changes nothing.
  await page.getByTestId('delete-workspace').click();
  await page.getByRole('button', { name: 'Keep' }).click();
  await expect(select.locator('option')).toHaveCount(2);
  await page.getByTestId('delete-workspace').click();
  await page.getByTestId('confirm-delete').click();
  await expect(select.locator('option')).toHaveCount(1);
  await expect(workbench.count('user')).toHaveText('9 users');
});

test('crown jewels by tag rule and by hand, with who can reach them, kept with the workspace', async ({ workbench, page }) => {
  await workbench.openDemo();
  await page.getByRole('tab', { name: 'Crown jewels' }).click();
  const jewels = page.getByRole('region', { name: 'Crown jewels' });
  await jewels.getByRole('textbox', { name: 'Tag rule' }).fill('data-class=restricted');
  await jewels.getByRole('button', { name: 'Add rule' }).click();
  await expect(jewels.getByTestId('jewel')).toHaveCount(1);
  await expect(jewels.getByTestId('jewel')).toContainText('prod/billing/stripe-api-key');
  await expect(jewels.getByTestId('jewel-reachers')).toContainText('can reach it');
  await workbench.clickNode('arn:aws:s3:::northwind-parcel-data-lake');
  await page.getByTestId('toggle-jewel').click();
  await expect(jewels.getByTestId('jewel')).toHaveCount(2);
  // Saved to IndexedDB before the reload (a reload may otherwise outrun the write).
  await expect.poll(async () => (await workbench.storedWorkspaces()).flatMap((w) => (w.crownJewels as string[] | undefined) ?? [])).toContain('arn:aws:s3:::northwind-parcel-data-lake');
  await page.reload();
  await page.getByRole('tab', { name: 'Crown jewels' }).click();
  await expect(page.getByRole('region', { name: 'Crown jewels' }).getByTestId('jewel')).toHaveCount(2);
});
