/** First start: the built-in demo environment opens, and a clicked node explains its edges. */
import { test, expect } from './fixtures';

const A = '210987654321';

test('opens the demo environment on first start, with every file imported, counted by provider', async ({ workbench, page }) => {
  await workbench.openDemo();
  await expect(workbench.count('user')).toHaveText('9 users');
  await expect(workbench.count('role')).toHaveText('14 roles');
  await expect(workbench.count('secret')).toHaveText('6 secrets');
  await expect(page.getByTestId('counts-kubernetes')).toContainText('4 Kubernetes service accounts');
  await expect(page.getByTestId('counts-gcp')).toContainText('2 service accounts');
  await expect(page.getByTestId('counts-azure')).toContainText('1 subscription');
  // The app opens on the analysis; the files' results are one tab away.
  await expect(page.getByRole('tab', { name: 'Analysis' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('tab', { name: 'Files' }).click();
  await expect(page.getByTestId('file-report')).toHaveCount(26);
  await expect(page.locator('[data-testid="file-report"][data-status="rejected"]')).toHaveCount(0);
});

test('clicking a role shows its attributes and the trust statement behind each edge, condition included', async ({ workbench, page }) => {
  await workbench.openDemo();
  await workbench.clickNode(`arn:aws:iam::${A}:role/github-actions-terraform`);
  const panel = page.getByTestId('details-panel');
  await expect(page.getByTestId('details-name')).toHaveText('github-actions-terraform');
  await expect(page.getByTestId('details-kind')).toHaveText('Role');
  const trust = panel.locator('[data-testid="edge-item"][data-kind="canAssume"]');
  await expect(trust).toHaveCount(1);
  await expect(trust).toContainText('token.actions.githubusercontent.com');
  await expect(trust.getByTestId('evidence')).toContainText('iam-get-account-authorization-details.json');
  await expect(trust.getByTestId('evidence')).toContainText('AssumeRolePolicyDocument.Statement[0]');
  await expect(trust.getByTestId('evidence-condition')).toContainText('repo:northwind-parcel/*');
  await expect(panel.locator('[data-testid="edge-item"][data-kind="hasPolicy"]')).toHaveCount(2);
});

test('following an edge from the details panel selects the other node', async ({ workbench, page }) => {
  await workbench.openDemo();
  await workbench.clickNode(`arn:aws:iam::${A}:user/service/svc-jenkins-deploy`);
  await page.getByTestId('details-panel').getByRole('button', { name: 'CIDeployLegacy' }).click();
  await expect(page.getByTestId('details-id')).toHaveText(`arn:aws:iam::${A}:policy/CIDeployLegacy`);
  await expect(page.getByTestId('details-panel')).toContainText('Versions');
});
