/** The analysis in the app: admins, a leaked key's blast radius and its path to admin. */
import { fileURLToPath } from 'node:url';
import { test, expect, hasPublicCorpus, publicPath } from './fixtures';

const A = '210987654321';
const KEY = `arn:aws:iam::${A}:user/service/svc-jenkins-deploy#access-key-1`;

test('the demo shows its admins and who can become admin, in every provider', async ({ workbench, page }) => {
  await workbench.openDemo();
  await page.getByRole('tab', { name: 'Analysis' }).click();
  // Six in AWS, two in GCP (the project owner and the Terraform service account), one in Azure
  // (the nw-aws-bridge application's service principal, Owner of the subscription).
  await expect(page.getByTestId('admin-count')).toHaveText('9 admin-equivalent');
  // The Jenkins key in AWS; the data pipeline role and two developers who may assume it reach the
  // GCP project owner; the azure-sync role reads the bridge application's client secret.
  await expect(page.getByTestId('escalate-count')).toHaveText('6 can become admin');
  await expect(page.getByTestId('analysis-panel')).toContainText('github-actions-azure-sync');
  await expect(page.getByTestId('analysis-panel')).toContainText('terraform-gcp@northwind-analytics.iam.gserviceaccount.com');
  await expect(page.getByTestId('analysis-panel')).toContainText('svc-jenkins-deploy');
});

test('a leaked CI access key: blast radius reaches admin, and the path is explained step by step', async ({ workbench, page }) => {
  await workbench.openDemo();
  await workbench.clickNode(KEY);
  const blast = page.getByTestId('blast-section');
  await expect(page.getByTestId('blast-score')).toHaveText('100');
  // Administrator of the AWS account can read the secret holding the Azure bridge application's credential.
  await expect(page.getByTestId('blast-admin')).toHaveText(`Reaches administrator of account ${A}, administrator of subscription northwind-azure-prod, administrator of project northwind-analytics (conditionally)`);
  const path = blast.getByTestId('admin-path').first();
  await expect(path).toContainText('2 steps');
  const steps = path.getByTestId('path-step');
  await expect(steps).toHaveCount(2);
  await expect(steps.nth(0)).toContainText('is a credential of svc-jenkins-deploy');
  await expect(steps.nth(1)).toContainText('iam-001');
  await expect(steps.nth(1)).toContainText('CIDeployLegacy statement #3');
  // Reached resources include what the administrator can do.
  await expect(page.getByTestId('blast-level-Permissions management')).not.toHaveText('0');
});

test('the blast-radius view redraws the graph around the selected node', async ({ workbench, page }) => {
  await workbench.openDemo();
  const before = await page.evaluate(() => window.__blastmap!.nodeCount());
  await workbench.clickNode(`arn:aws:iam::${A}:role/github-actions-deploy`);
  await expect(page.getByTestId('blast-score')).toBeVisible();
  await page.getByTestId('toggle-blast-view').click();
  await expect(page.getByTestId('graph-notice')).toContainText('Blast radius of github-actions-deploy');
  await page.waitForFunction(() => window.__blastmap?.idle() === true);
  const after = await page.evaluate(() => window.__blastmap!.nodeCount());
  expect(after).toBeLessThan(before);
  expect(after).toBeGreaterThan(1);
});

test.describe('IAM Vulnerable export', () => {
  test.skip(!hasPublicCorpus, 'public corpus (../shared/fixtures/public) not present: SKIPPED');
  test('a role-chaining path to admin is shown with its trust statements', async ({ workbench, page }) => {
    await workbench.openEmpty();
    await workbench.upload([publicPath('cloudsplaining/examples/files/example.json')]);
    await workbench.clickNode('arn:aws:iam::200611803367:role/privesc-AssumeRole-starting-role');
    const path = page.getByTestId('admin-path').first();
    await expect(path).toContainText('3 steps');
    await expect(path.getByTestId('path-step').nth(0)).toContainText('sts-001');
    await expect(path.getByTestId('path-step').nth(0)).toContainText('trust policy statement');
  });
});

test('path view: from a developer to admin? none; from the Jenkins key to admin: drawn layered and explained', async ({ workbench, page }) => {
  await workbench.openDemo();
  await workbench.clickNode(`arn:aws:iam::${A}:user/service/svc-jenkins-deploy`);
  await page.getByTestId('path-to-admin').click();
  const panel = page.getByRole('region', { name: 'Paths' });
  await expect(panel.getByTestId('admin-path').first()).toContainText('1 step');
  await expect(panel.getByTestId('path-step').first()).toContainText('iam-001');
  await expect(page.getByTestId('graph-notice')).toContainText('shortest path');
  await page.waitForFunction(() => window.__blastmap?.idle() === true);
  expect(await page.evaluate(() => window.__blastmap!.nodeCount())).toBe(2);
  await expect(page).toHaveURL(/view=path/);
});

test('who can reach the customer database secret, standing non-human credentials first', async ({ workbench, page }) => {
  await workbench.openDemo();
  await workbench.clickNode(`arn:aws:secretsmanager:eu-west-1:${A}:secret:prod/api/postgres-9fK2qL`);
  // A secret's panel leads with who can reach it, already open.
  await expect(page.getByTestId('who-can')).toHaveAttribute('open', '');
  await expect(page.getByTestId('who-can-count')).toContainText('identities and credentials can reach it');
  const first = page.getByTestId('who-can').getByTestId('who-can-entry').first();
  await expect(first).toContainText('1 step');
});

test('the inventory filters stale non-human credentials and sorts by column', async ({ workbench, page }) => {
  await workbench.openDemo();
  await page.getByRole('tab', { name: 'Inventory' }).click();
  const inv = page.getByRole('region', { name: 'Inventory' });
  await inv.getByRole('checkbox', { name: 'stale credentials' }).check();
  await inv.getByRole('combobox', { name: 'Human or non-human' }).selectOption('non-human');
  await inv.getByRole('combobox', { name: 'Kind' }).selectOption('user');
  // The rows come from the worker after each change: wait for them (a read at once can see the last page).
  const names = inv.getByTestId('inventory-row').locator('td:first-child');
  await expect.poll(async () => (await names.allTextContents()).sort()).toEqual(['svc-grafana', 'svc-jenkins-deploy', 'svc-terraform']);
  await inv.getByRole('button', { name: 'Name' }).click();
  await expect(names).toHaveText(['svc-terraform', 'svc-jenkins-deploy', 'svc-grafana']);
  await inv.getByTestId('inventory-row').first().click();
  await expect(page.getByTestId('details-name')).toHaveText('svc-terraform');
});

test('in the blast-radius view, resources of one service and access level form a group that expands on click', async ({ workbench, page }) => {
  await workbench.openDemo();
  await workbench.clickNode(KEY);
  await page.getByTestId('toggle-blast-view').click();
  await expect(page.getByTestId('graph-notice')).toContainText('Blast radius of');
  const group = 'group:s3:Permissions management';
  await page.waitForFunction((g) => window.__blastmap?.idle() === true && window.__blastmap.nodePagePosition(g) !== null, group);
  const before = await page.evaluate(() => window.__blastmap!.nodeCount());
  const pos = await page.evaluate((g) => window.__blastmap!.nodePagePosition(g), group);
  await page.mouse.click(pos!.x, pos!.y);
  await page.waitForFunction((g) => window.__blastmap?.idle() === true && window.__blastmap.nodePagePosition(g) === null, group);
  expect(await page.evaluate(() => window.__blastmap!.nodeCount())).toBe(before + 4);
  expect(await page.evaluate(() => window.__blastmap!.nodePagePosition('arn:aws:s3:::northwind-parcel-prod-backups'))).not.toBeNull();
});

test('right-click on a node: blast radius from here, and hide', async ({ workbench, page }) => {
  await workbench.openDemo();
  const id = `arn:aws:iam::${A}:role/github-actions-deploy`;
  await page.waitForFunction((n) => window.__blastmap?.idle() === true && window.__blastmap.nodePagePosition(n) !== null, id);
  let pos = await page.evaluate((n) => window.__blastmap!.nodePagePosition(n), id);
  await page.mouse.click(pos!.x, pos!.y, { button: 'right' });
  await page.getByRole('menu', { name: 'Node actions' }).getByRole('button', { name: 'Blast radius from here' }).click();
  await expect(page.getByTestId('graph-notice')).toContainText('Blast radius of github-actions-deploy');
  await page.getByTestId('toggle-blast-view').click();
  await page.waitForFunction(() => window.__blastmap?.idle() === true);
  const count = await page.evaluate(() => window.__blastmap!.nodeCount());
  pos = await page.evaluate((n) => window.__blastmap!.nodePagePosition(n), id);
  await page.mouse.click(pos!.x, pos!.y, { button: 'right' });
  await page.getByRole('menu', { name: 'Node actions' }).getByRole('button', { name: 'Hide' }).click();
  await page.waitForFunction((c) => window.__blastmap?.idle() === true && window.__blastmap.nodeCount() === c - 1, count);
  await page.getByRole('button', { name: 'Show 1 hidden' }).click();
  await page.waitForFunction((c) => window.__blastmap?.idle() === true && window.__blastmap.nodeCount() === c, count);
});

test('right-click, expand neighbours: the view narrows to the node and grows with each expansion', async ({ workbench, page }) => {
  await workbench.openDemo();
  const id = `arn:aws:iam::${A}:user/service/svc-jenkins-deploy`;
  await page.waitForFunction((n) => window.__blastmap?.idle() === true && window.__blastmap.nodePagePosition(n) !== null, id);
  const pos = await page.evaluate((n) => window.__blastmap!.nodePagePosition(n), id);
  await page.mouse.click(pos!.x, pos!.y, { button: 'right' });
  await page.getByRole('menu', { name: 'Node actions' }).getByRole('button', { name: 'Expand neighbours' }).click();
  // the user, its access key, its policy, and the admin node it escalates to
  await page.waitForFunction(() => window.__blastmap?.idle() === true && window.__blastmap.nodeCount() === 4);
  await page.getByRole('button', { name: 'Show whole graph' }).click();
  await page.waitForFunction(() => window.__blastmap?.idle() === true && window.__blastmap.nodeCount() > 4);
});

test('a GCP project added to an AWS account: the AWS analysis is kept, the GCP admins appear', async ({ workbench, page }) => {
  const demo = (f: string) => fileURLToPath(new URL(`../public/demo/${f}`, import.meta.url));
  await workbench.openEmpty();
  await workbench.upload([demo('iam-get-account-authorization-details.json'), demo('iam-get-credential-report.json')]);
  await page.getByRole('tab', { name: 'Analysis' }).click();
  const admins = page.getByTestId('admin-count');
  await expect(admins).toHaveText(/admin-equivalent/);
  const awsAdmins = Number((await admins.textContent())!.split(' ')[0]);
  await expect(page.getByTestId('analysis-kept')).toHaveCount(0);
  await workbench.upload([demo('gcp-service-accounts.json'), demo('northwind-analytics.get-iam-policy.json'), demo('terraform-gcp@northwind-analytics.iam.gserviceaccount.com.get-iam-policy.json')]);
  await page.getByRole('tab', { name: 'Analysis' }).click();
  await expect(page.getByTestId('analysis-kept')).toHaveText(' · kept: AWS');
  // The project owner and the Terraform service account.
  await expect(admins).toHaveText(`${awsAdmins + 2} admin-equivalent`);
  await expect(page.getByTestId('analysis-panel')).toContainText('terraform-gcp@northwind-analytics.iam.gserviceaccount.com');
});
