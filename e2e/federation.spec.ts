/**
 * Federation in the app: "what could this token reach?" for a GitHub Actions workflow of the demo
 * company, decided by the role trusts; a token of another organisation reaches nothing; the
 * question is kept with the workspace.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

const ISSUER = 'token.actions.githubusercontent.com';

async function ask(page: Page, subject: string) {
  await page.getByRole('tab', { name: 'Analysis' }).click();
  const form = page.getByTestId('token-reach');
  await form.locator('summary').click();
  await expect(form.getByLabel('Token issuer')).toHaveValue(ISSUER);
  await form.getByLabel('Token subject').fill(subject);
  await form.getByRole('button', { name: 'Show its blast radius' }).click();
  await expect(page.getByTestId('details-id')).toHaveText(`oidc:${ISSUER}:${subject}`);
}

test('a main-branch workflow token of the api repository reaches the deploy role and, through the org-wide terraform trust, admin', async ({ workbench, page }) => {
  await workbench.openDemo();
  await ask(page, 'repo:northwind-parcel/api:ref:refs/heads/main');
  await expect(page.getByTestId('details-kind')).toHaveText('OIDC token');
  await expect(page.getByTestId('blast-admin')).toHaveText('Reaches administrator of account 210987654321');
  const out = page.locator('[data-testid="edge-item"][data-kind="federatesTo"]');
  await expect(out).toHaveCount(2);
  await expect(out.first()).toContainText(/github-actions-(deploy|terraform)/);

  // Kept with the workspace.
  await page.reload();
  await page.getByRole('combobox', { name: 'Search' }).fill('refs/heads/main (token');
  await expect(page.getByRole('option').first()).toContainText('repo:northwind-parcel/api:ref:refs/heads/main');
});

test("another organisation's token reaches nothing", async ({ workbench, page }) => {
  await workbench.openDemo();
  await ask(page, 'repo:evil-corp/api:ref:refs/heads/main');
  await expect(page.getByTestId('blast-section')).toContainText('0 identities reached');
});
