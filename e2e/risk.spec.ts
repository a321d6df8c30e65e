/**
 * The risk view on the demo, as an analyst uses it: the dashboard's figures are the CLI's
 * (`blastmap findings public/demo --json`, same as-of date), the findings table filters and groups,
 * a subject opens its blast radius on the graph, and a classification override changes the
 * findings and is kept with the workspace.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { test, expect } from './fixtures';

const A = '210987654321';

type CliFindings = { findings: { rule: string; owasp: string; severity: string; subject: string; identity: string }[]; metrics: Record<string, Record<string, number>> };
const cli = (): CliFindings => JSON.parse(execFileSync(process.execPath, [resolve('bin/blastmap.mjs'), 'findings', resolve('public/demo'), '--json'], { encoding: 'utf8', maxBuffer: 64 << 20 })) as CliFindings;

test('the dashboard shows the CLI\'s findings, metrics and ranking, and the findings table leads to a blast radius', async ({ workbench, page }) => {
  const expected = cli();
  await workbench.openDemo();
  await page.getByRole('button', { name: 'Risk', exact: true }).click();
  const risk = page.getByRole('dialog', { name: 'Risk' });
  await expect(risk.getByText('Top 10 by risk')).toBeVisible();
  for (const s of ['critical', 'high', 'medium', 'low']) {
    const n = expected.findings.filter((f) => f.severity === s).length;
    await expect(risk.locator('.risk-card').filter({ hasText: new RegExp(`^${n} ${s}$`) })).toHaveCount(1);
  }
  await expect(risk.getByRole('tab', { name: `Findings (${expected.findings.length})` })).toBeVisible();
  await expect(risk.locator('[data-metric="aws.accessKeysTotal"] td')).toHaveText(String(expected.metrics.aws!.accessKeysTotal));
  await expect(risk.locator('[data-metric="all.nhiTotal"] td')).toHaveText(String(expected.metrics.all!.nhiTotal));
  await expect(risk.getByRole('img', { name: 'Active credentials of non-human identities by age' })).toBeVisible();
  await expect(risk.getByRole('img', { name: 'Findings by OWASP NHI category and provider' })).toBeVisible();
  // The most at risk is an administrator's: its blast score is 100.
  const first = risk.getByRole('region', { name: 'Top identities by risk' }).locator('tbody tr').first();
  await expect(first.locator('td').last()).toHaveText('100');

  await risk.getByRole('tab', { name: /^Findings/ }).click();
  await risk.getByLabel('OWASP category').selectOption('NHI7');
  const nhi7 = expected.findings.filter((f) => f.owasp === 'NHI7').length;
  await expect(risk.getByText(`${nhi7} findings`, { exact: true })).toBeVisible();
  const rows = risk.locator('.finding-row');
  await expect(rows.first()).toContainText('NHI7');
  await risk.getByLabel('Group findings').selectOption('identity');
  await expect(risk.locator('.group-row').first()).toBeVisible();
  // svc-jenkins-deploy's old key: its subject opens the holder's blast radius on the graph.
  await risk.getByLabel('Find in findings').fill('svc-jenkins-deploy access key 1');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Long-lived credential not rotated');
  await rows.first().getByRole('button', { name: 'svc-jenkins-deploy access key 1' }).click();
  await expect(risk).toHaveCount(0);
  await expect(page.getByTestId('details-id')).toHaveText(`arn:aws:iam::${A}:user/service/svc-jenkins-deploy`);
  await expect(page.getByTestId('blast-score')).toBeVisible();
  await expect(page.getByTestId('graph-notice')).toContainText('Blast radius of svc-jenkins-deploy');
  await expect(page.getByTestId('node-findings')).toContainText('Long-lived credential not rotated');
});

test('an analyst\'s classification override removes the NHI findings and is kept with the workspace', async ({ workbench, page }) => {
  await workbench.openDemo();
  await workbench.clickNode(`arn:aws:iam::${A}:user/service/svc-grafana`);
  await expect(page.getByTestId('classification')).toContainText('Non-human');
  await expect(page.getByTestId('node-findings')).toBeVisible();
  await page.getByLabel('Classify as').selectOption('human');
  await expect(page.getByTestId('classification')).toContainText('set by the analyst');
  await expect(page.getByTestId('node-findings')).toHaveCount(0);
  await expect.poll(async () => JSON.stringify((await workbench.storedWorkspaces()).map((w) => w.risk))).toContain('svc-grafana');
  await page.reload();
  await page.waitForFunction(() => window.__blastmap?.idle() === true && window.__blastmap.nodeCount() > 0);
  await workbench.clickNode(`arn:aws:iam::${A}:user/service/svc-grafana`);
  await expect(page.getByTestId('classification')).toContainText('Human');
  await expect(page.getByTestId('node-findings')).toHaveCount(0);
});
