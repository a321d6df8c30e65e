/**
 * Who can reach a secret, as an analyst asks it: the secret's panel leads with who can reach it,
 * the principal its resource policy names among them and marked conditional (a Deny of the
 * policy hangs on a condition the export cannot decide); that entry's "path" shows the path from
 * it to the secret, not to an administrator.
 */
import { test, expect } from './fixtures';

const A = '210987654321';
const STRIPE = `arn:aws:secretsmanager:eu-west-1:${A}:secret:prod/billing/stripe-api-key-Xc81Tb`;
const BILLING = `arn:aws:iam::${A}:role/billing-lambda`;

test('a secret: the principal its policy names is listed as conditional, and its path ends at the secret', async ({ workbench, page }) => {
  await workbench.openDemo();
  await page.keyboard.press('/');
  await page.keyboard.type('prod/billing/stripe');
  await expect(page.getByRole('option').first()).toContainText('prod/billing/stripe-api-key');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('details-id')).toHaveText(STRIPE);

  const who = page.getByTestId('who-can');
  await expect(who).toHaveAttribute('open', '');
  const entry = who.locator(`[data-testid="who-can-entry"][data-id="${BILLING}"]`);
  await expect(entry).toContainText('billing-lambda');
  await expect(entry).toContainText('1 step');
  await expect(entry.getByTestId('who-can-conditional')).toHaveText(/· conditional/);
  await expect(entry.getByTestId('who-can-conditional')).toHaveClass(/cond-marker/);
  // An administrator reaches it without that condition: not marked.
  await expect(who.locator(`[data-testid="who-can-entry"][data-id="admin:aws:${A}"]`).getByTestId('who-can-conditional')).toHaveCount(0);

  await entry.getByTestId('who-can-path').click();
  const panel = page.getByRole('region', { name: 'Paths' });
  await expect(panel.getByTestId('path-from')).toHaveText('billing-lambda');
  await expect(panel.getByTestId('path-to')).toHaveText('prod/billing/stripe-api-key');
  const path = panel.getByTestId('admin-path').first();
  await expect(path).toContainText('1 step, 1 conditional');
  const last = path.getByTestId('path-step').last();
  await expect(last).toContainText('billing-lambda → prod/billing/stripe-api-key');
  await expect(last).toContainText('conditional');
  // The evidence: the policy's grant and the Deny whose condition is not decided.
  await expect(last).toContainText('BillingLambdaOnly');
  await expect(last).toContainText('DenyOutsideOrg');
  await expect(last).toContainText('aws:PrincipalOrgID');
  await expect(panel).not.toContainText('administrator');

  // The graph draws the path to the secret and says so.
  await expect(page.getByTestId('graph-notice')).toContainText('from billing-lambda to prod/billing/stripe-api-key');
  await page.waitForFunction((id) => window.__blastmap?.idle() === true && window.__blastmap.nodePagePosition(id) !== null, STRIPE);
  expect(await page.evaluate(() => window.__blastmap!.nodeCount())).toBe(2);
  await expect(page).toHaveURL(/view=path/);
});
