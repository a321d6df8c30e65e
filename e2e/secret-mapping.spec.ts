/**
 * An analyst says whose credential a secret holds: the Stripe secret of the demo holds the GCP
 * bq-loader service account's key. The mapping is kept with the workspace (it survives a
 * reload), and the blast radius of billing-lambda, which can read the secret under a condition,
 * now reaches the GCP service account, conditionally.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

const A = '210987654321';
const STRIPE = `arn:aws:secretsmanager:eu-west-1:${A}:secret:prod/billing/stripe-api-key-Xc81Tb`;
const BILLING = `arn:aws:iam::${A}:role/billing-lambda`;
const LOADER = 'serviceAccount:bq-loader@northwind-analytics.iam.gserviceaccount.com';

async function openStripe(page: Page) {
  await page.keyboard.press('/');
  await page.keyboard.type('prod/billing/stripe');
  await expect(page.getByRole('option').first()).toContainText('prod/billing/stripe-api-key');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('details-id')).toHaveText(STRIPE);
}

test('map a secret to the identity it unlocks: readers reach it, and the mapping is kept', async ({ workbench, page }) => {
  await workbench.openDemo();
  await openStripe(page);
  const section = page.getByTestId('secret-mapping');
  await expect(section).toContainText('No identity yet');
  await section.getByTestId('mapping-identity').fill('bq-loader');
  await section.getByTestId('mapping-match').filter({ hasText: 'bq-loader@' }).first().click();
  await section.getByLabel('Note').fill('JSON key pasted by the billing team');
  await section.getByTestId('add-mapping').click();
  await expect(section.locator('li').filter({ hasText: LOADER })).toContainText('JSON key pasted by the billing team');

  // Kept with the workspace: after a reload the mapping is still there.
  await page.reload();
  await page.waitForFunction(() => window.__blastmap?.idle() === true && window.__blastmap.nodeCount() > 0);
  await openStripe(page);
  await expect(page.getByTestId('secret-mapping').locator('li').filter({ hasText: LOADER })).toHaveCount(1);

  // billing-lambda can read the secret under an undecided condition: it reaches the service
  // account in one step, conditionally.
  await page.keyboard.press('/');
  await page.keyboard.type('bq-loader@');
  await expect(page.getByRole('option').first()).toContainText('bq-loader@');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('details-id')).toHaveText(LOADER);
  await page.getByTestId('who-can').locator('summary').click();
  const entry = page.getByTestId('who-can').locator(`[data-testid="who-can-entry"][data-id="${BILLING}"]`);
  await expect(entry).toContainText('1 step');
  await expect(entry.getByTestId('who-can-conditional')).toHaveText(/· conditional/);

  // Removing it takes the path away.
  await openStripe(page);
  await page.getByTestId('secret-mapping').getByTestId('remove-mapping').click();
  await expect(page.getByTestId('secret-mapping')).toContainText('No identity yet');
});

test("a mapping from a file shows on the secret: the demo's bridge secret holds the Entra application's credential", async ({ workbench, page }) => {
  await workbench.openDemo();
  await page.keyboard.press('/');
  await page.keyboard.type('nw-aws-bridge-client-secret');
  await expect(page.getByRole('option').first()).toContainText('nw-aws-bridge-client-secret');
  await page.keyboard.press('Enter');
  const section = page.getByTestId('secret-mapping');
  await expect(section.getByTestId('mapping-from-files')).toContainText('azure:principal:9d40613a-5e7f-4081-acbd-2e3f4a5b6c7d');
  await expect(section).not.toContainText('No identity yet');
});
