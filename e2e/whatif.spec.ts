/**
 * What-if in the app, as an analyst tries a fix: removing the policy attachment behind
 * svc-jenkins-deploy's escalation changes its blast radius and the workspace's figures exactly as
 * `blastmap whatif` says for the same change; undoing it restores them; the change set is kept
 * with the workspace.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test, expect } from './fixtures';

const A = '210987654321';
const JENKINS = `arn:aws:iam::${A}:user/service/svc-jenkins-deploy`;
const POLICY = `arn:aws:iam::${A}:policy/CIDeployLegacy`;

type Figures = { identities: number; resources: number; score: number };
type Plan = { plan: { metrics: { metric: string; before: number; after: number }[]; identities: { id: string; before?: Figures; after?: Figures }[] } };

function cliWhatIf(): Plan {
  const file = join(mkdtempSync(join(tmpdir(), 'bm-whatif-')), 'plan.json');
  writeFileSync(file, JSON.stringify([{ type: 'policy-attachment', principal: JENKINS, policy: POLICY }]));
  return JSON.parse(execFileSync(process.execPath, [resolve('bin/blastmap.mjs'), 'whatif', resolve('public/demo'), '--changes', file, '--json'], { encoding: 'utf8', maxBuffer: 64 << 20 })) as Plan;
}

test('a what-if removal changes the blast radius and the figures as the CLI says, and undo restores them', async ({ workbench, page }) => {
  const expected = cliWhatIf();
  const jenkins = expected.plan.identities.find((i) => i.id === JENKINS)!;
  expect(jenkins.before!.score).not.toBe(jenkins.after!.score);

  await workbench.openDemo();
  await workbench.clickNode(JENKINS);
  await expect(page.getByTestId('blast-score')).toHaveText(String(jenkins.before!.score));
  await expect(page.getByTestId('blast-identities')).toContainText(`${jenkins.before!.identities} identities reached`);

  const attachment = page.locator('[data-testid="edge-item"][data-kind="hasPolicy"]').filter({ hasText: 'CIDeployLegacy' });
  await attachment.getByRole('button', { name: 'what if removed?' }).click();
  const bar = page.getByTestId('whatif-bar');
  await expect(bar).toContainText('detach policy');
  for (const m of expected.plan.metrics) {
    const row = bar.locator(`[data-testid="whatif-metrics"] tr[data-metric="${m.metric}"]`);
    await expect(row.locator('td').first()).toHaveText(String(m.before));
    await expect(row.locator('td').last()).toHaveText(String(m.after));
  }
  await expect(bar.locator(`[data-testid="whatif-identities"] tr[data-id="${JENKINS}"]`)).toContainText(`${jenkins.before!.identities} → ${jenkins.after!.identities}`);
  // Every view is about the changed workspace: the details panel's blast radius too.
  await expect(page.getByTestId('blast-score')).toHaveText(String(jenkins.after!.score));
  await expect(page.getByTestId('blast-identities')).toContainText(`${jenkins.after!.identities} identities reached`);

  // Kept with the workspace.
  await expect.poll(async () => JSON.stringify((await workbench.storedWorkspaces()).map((w) => w.changes))).toContain('policy-attachment');

  await bar.getByRole('button', { name: 'Undo change 1' }).click();
  await expect(bar).toHaveCount(0);
  await expect(page.getByTestId('blast-score')).toHaveText(String(jenkins.before!.score));
});
