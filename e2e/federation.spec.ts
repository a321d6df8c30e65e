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
  // The exports trust two issuers (GitHub Actions and the cluster's); both are offered.
  await expect(page.locator('#known-issuers option')).toHaveCount(2);
  await form.getByLabel('Token issuer').fill(ISSUER);
  await form.getByLabel('Token subject').fill(subject);
  await form.getByRole('button', { name: 'Show its blast radius' }).click();
  await expect(page.getByTestId('details-id')).toHaveText(`oidc:${ISSUER}:${subject}`);
}

test('a main-branch workflow token of the api repository reaches the deploy role and, through the org-wide terraform trust, admin', async ({ workbench, page }) => {
  await workbench.openDemo();
  await ask(page, 'repo:northwind-parcel/api:ref:refs/heads/main');
  await expect(page.getByTestId('details-kind')).toHaveText('OIDC token');
  await expect(page.getByTestId('blast-admin')).toContainText('administrator of account 210987654321');
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

test('in the app, a chain across three providers: workflow token → AWS deploy role → EKS group → payments service account → IRSA role', async ({ workbench, page }) => {
  await workbench.openDemo();
  const token = `oidc:${ISSUER}:repo:northwind-parcel/api:ref:refs/heads/main`;
  await ask(page, 'repo:northwind-parcel/api:ref:refs/heads/main');
  const reached = page.getByTestId('blast-section').locator('ul.reached').first();
  await expect(reached).toContainText('payments/payments-api');
  await expect(reached).toContainText('Kubernetes service account · Kubernetes');
  await expect(reached).toContainText('payments-api-irsa');
  const url = new URL(page.url());
  url.searchParams.set('view', 'path');
  url.searchParams.set('from', token);
  url.searchParams.set('to', 'arn:aws:iam::210987654321:role/payments-api-irsa');
  await page.goto(url.toString());
  const paths = page.getByTestId('path-panel').getByTestId('admin-path');
  const chain = paths.filter({ hasText: 'eks-irsa' }).first();
  await expect(chain.getByTestId('path-step')).toHaveCount(4);
  await expect(chain.getByTestId('path-step').nth(0)).toContainText('github-actions-deploy');
  await expect(chain.getByTestId('path-step').nth(1)).toContainText('authenticates to the cluster as ci-deployers');
  await expect(chain.getByTestId('path-step').nth(2)).toContainText('k8s-create-workload');
  await expect(chain.getByTestId('path-step').nth(3)).toContainText('payments/payments-api → payments-api-irsa');
});

test('the demo chain across three providers: workflow token → AWS role → the secret holding an Entra application credential → Owner of the Azure subscription', async ({ workbench, page }) => {
  await workbench.openDemo();
  const subject = 'repo:northwind-parcel/azure-sync:ref:refs/heads/main';
  await ask(page, subject);
  const url = new URL(page.url());
  url.searchParams.set('view', 'path');
  url.searchParams.set('from', `oidc:${ISSUER}:${subject}`);
  url.searchParams.set('to', 'admin:azure:6d3c2b1a-9f8e-4d7c-8b6a-5f4e3d2c1b0a');
  await page.goto(url.toString());
  const chain = page.getByTestId('path-panel').getByTestId('admin-path').filter({ hasText: 'github-actions-azure-sync' }).first();
  const steps = chain.getByTestId('path-step');
  await expect(steps).toHaveCount(3);
  await expect(steps.nth(0)).toContainText('github-actions-azure-sync');
  await expect(steps.nth(1)).toContainText('nw-aws-bridge');
  await expect(steps.nth(1)).toContainText('analyst mapping');
  await expect(steps.nth(1)).toContainText('secretsmanager:GetSecretValue');
  await expect(steps.nth(2)).toContainText('northwind-azure-prod');
  // Drawn: the token, the AWS role, the Entra service principal and the subscription's administrator.
  await page.waitForFunction(() => window.__blastmap?.idle() === true && window.__blastmap.nodePagePosition('azure:principal:9d40613a-5e7f-4081-acbd-2e3f4a5b6c7d') !== null);
  await expect(page.getByTestId('graph-notice')).toContainText('northwind-azure-prod');
});

test('the analyst renames a cluster: its objects move to the new name, kept with the workspace', async ({ workbench, page }) => {
  await workbench.openDemo();
  await page.getByRole('combobox', { name: 'Search' }).fill('northwind-prod');
  await page.getByRole('option', { name: /Kubernetes cluster/ }).first().click();
  await expect(page.getByTestId('details-id')).toHaveText('k8s:northwind-prod');
  await page.getByTestId('rename-cluster').click();
  await page.getByLabel('Cluster name').fill('northwind-prod-eu');
  await page.getByRole('button', { name: 'Save cluster name' }).click();
  // The workspace is imported again under the new name: wait until the renamed node is drawn.
  const renamed = 'k8s:northwind-prod-eu:ServiceAccount:payments/payments-api';
  await page.waitForFunction((id) => window.__blastmap?.idle() === true && window.__blastmap.nodePagePosition(id) !== null, renamed);
  // The Deployment has the same name: pick the service account.
  await page.getByRole('combobox', { name: 'Search' }).fill('payments/payments-api');
  await page.getByRole('option', { name: /payments\/payments-api.*Kubernetes service account/ }).click();
  await expect(page.getByTestId('details-id')).toHaveText(renamed);
  await page.reload();
  await page.waitForFunction((id) => window.__blastmap?.idle() === true && window.__blastmap.nodePagePosition(id) !== null, renamed);
  // The Deployment has the same name: pick the service account.
  await page.getByRole('combobox', { name: 'Search' }).fill('payments/payments-api');
  await page.getByRole('option', { name: /payments\/payments-api.*Kubernetes service account/ }).click();
  await expect(page.getByTestId('details-id')).toHaveText(renamed);
});
