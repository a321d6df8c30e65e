/**
 * The analysis date: the demo is judged as of the day its exports were taken (whatever the
 * browser's clock says), the analyst moves the date and the staleness and rotation results move
 * exactly as the dates say, and the chosen date is kept with the workspace across a reload.
 */
import { test, expect } from './fixtures';

const POSTGRES = 'arn:aws:secretsmanager:eu-west-1:210987654321:secret:prod/api/postgres-9fK2qL';

test('the analysis date is shown, changeable, applied to every age judgement, and kept', async ({ workbench, page }) => {
  await workbench.openDemo();
  const asOf = page.getByTestId('as-of');
  await expect(asOf.getByTestId('as-of-date')).toHaveText('2026-11-22');
  await expect(asOf.getByTestId('as-of-source')).toHaveText('(from the exports)');
  await expect(asOf.getByTestId('as-of-source')).toHaveAttribute('data-detail', "the credential report's GeneratedTime of iam-get-credential-report.json");
  await expect(asOf).toHaveAttribute('title', /as of 2026-11-22T08:05:00.000Z: the credential report's GeneratedTime of iam-get-credential-report.json/);

  await page.getByRole('tab', { name: 'Inventory' }).click();
  const inv = page.getByRole('region', { name: 'Inventory' });
  await inv.getByRole('checkbox', { name: 'stale credentials' }).check();
  await inv.getByRole('combobox', { name: 'Human or non-human' }).selectOption('non-human');
  await inv.getByRole('combobox', { name: 'Kind' }).selectOption('user');
  const staleUsers = () => inv.getByTestId('inventory-row').locator('td:first-child');
  await expect(staleUsers()).toHaveText(['svc-grafana', 'svc-jenkins-deploy', 'svc-terraform']);

  // Three weeks later: svc-backup's key (rotated 2026-09-01) passes 90 days; the database
  // secret's 30-day rotation (last 2026-11-01) is overdue.
  await asOf.getByRole('button', { name: 'Change' }).click();
  await page.getByLabel('Analysis date').fill('2026-12-15');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(asOf.getByTestId('as-of-date')).toHaveText('2026-12-15');
  await expect(asOf.getByTestId('as-of-source')).toHaveText('(set by you)');
  await expect(staleUsers()).toHaveText(['svc-backup', 'svc-grafana', 'svc-jenkins-deploy', 'svc-terraform']);

  await page.getByRole('combobox', { name: 'Search' }).fill('prod/api/postgres');
  await page.getByRole('combobox', { name: 'Search' }).press('Enter');
  await expect(page.getByTestId('details-id')).toHaveText(POSTGRES);
  const age = page.getByTestId('age-section');
  await expect(age.getByRole('heading')).toHaveText('Age as of 2026-12-15');
  await expect(age.getByTestId('age-issue')).toHaveText(['⚠ rotation was due on 2026-12-01, 14 days before the analysis date']);

  // Kept with the workspace.
  await page.reload();
  await expect(page.getByTestId('as-of-date')).toHaveText('2026-12-15');
  await expect(page.getByTestId('as-of-source')).toHaveText('(set by you)');

  // Back to the exports' own date: the overdue rotation is gone.
  await page.getByRole('button', { name: "Use the exports' date" }).click();
  await expect(page.getByTestId('as-of-date')).toHaveText('2026-11-22');
  await page.getByRole('combobox', { name: 'Search' }).fill('prod/api/postgres');
  await page.getByRole('combobox', { name: 'Search' }).press('Enter');
  await expect(page.getByTestId('age-section').getByRole('heading')).toHaveText('Age as of 2026-11-22');
  await expect(page.getByTestId('age-section').getByTestId('age-issue')).toHaveCount(0);
});
