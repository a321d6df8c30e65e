/**
 * The explorer as an analyst uses it: the overview of a large account is grouped (never blank,
 * never an arbitrary slice) and opens by click; edges can be clicked for their evidence; lists say
 * how many they hold and scroll to their last entry.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test, expect } from './fixtures';

const A = '210987654321';

for (const [width, height] of [
  [1440, 900],
  [1280, 720],
] as const) {
  test(`clicking an escalation edge opens its panel with the policy statement behind it (${width}x${height})`, async ({ workbench, page }) => {
    await page.setViewportSize({ width, height });
    await workbench.openDemo();
    // Click escalation edges where they are drawn until one is hit (at a small size another edge
    // may lie on top of the first one's midpoint).
    const ids = await page.evaluate(() => window.__blastmap!.edgeIds('escalatesTo'));
    expect(ids.length).toBeGreaterThan(0);
    const panel = page.getByTestId('edge-panel');
    for (const id of ids) {
      const pos = await page.evaluate((e) => window.__blastmap!.edgePagePosition(e), id);
      await page.mouse.click(pos!.x, pos!.y);
      // A midpoint under a node or another panel opens something else: try the next edge.
      const opened = await panel.locator('h2').waitFor({ timeout: 3000 }).then(() => true, () => false);
      if (opened && (await panel.getByTestId('evidence').allTextContents()).some((t) => t.includes('statement'))) break;
    }
    await expect(panel.getByTestId('evidence').first()).toContainText('statement');
    // Our own help for the technique: how it is used, how to remediate it.
    await expect(panel.getByTestId('edge-help')).toContainText('How an attacker uses it');
    await expect(panel.getByTestId('edge-remediation')).not.toBeEmpty();
    // The ends are links: following one selects that node.
    await panel.getByRole('button').first().click();
    await expect(page.getByTestId('details-id')).toBeVisible();
  });
}

for (const [width, height] of [
  [1440, 900],
  [1280, 720],
] as const) {
  test(`the demo overview carries labels that do not overlap, admins' among them (${width}x${height})`, async ({ workbench, page }) => {
    await page.setViewportSize({ width, height });
    await workbench.openDemo();
    const labels = await page.evaluate(() => window.__blastmap!.nodeLabels());
    expect(labels).toContain('svc-jenkins-deploy');
    expect(labels.filter((l) => l.length > 0).length).toBe(labels.length);
    await expect(page.getByTestId('graph-notice')).toContainText('All');
    // The labels on screen: most nodes', the administrators' included, none covering another.
    const shown = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.graph-label:not([hidden])')].map((el) => {
        const r = el.getBoundingClientRect();
        return { text: el.textContent ?? '', x0: r.left, x1: r.right, y0: r.top, y1: r.bottom };
      }),
    );
    // At the fitted zoom of a 1280x720 window, about a third of the demo's 125 labels fit apart.
    expect(shown.length).toBeGreaterThan(labels.length / 4);
    expect(shown.map((l) => l.text)).toContain('alice.ng');
    for (let i = 0; i < shown.length; i++)
      for (let j = i + 1; j < shown.length; j++) {
        const [a, b] = [shown[i]!, shown[j]!];
        const overlap = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 1 && Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > 1;
        expect(overlap, `${a.text} / ${b.text}`).toBe(false);
      }
  });
}

test.describe('a generated 3,000-principal account', () => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), 'blastmap-e2e-'));
  execFileSync(process.execPath, [resolve('bin/blastmap.mjs'), 'generate', '--principals', '3000', '--seed', '7', '--out', dir], { stdio: 'ignore' });

  test('opens as groups that expand on click, with admins drawn one by one', async ({ workbench, page }) => {
    await workbench.openEmpty();
    await workbench.upload([join(dir, 'gaad.json'), join(dir, 'credential-report.json')]);
    await page.waitForFunction(() => window.__blastmap?.idle() === true && window.__blastmap.nodeCount() > 0, null, { timeout: 180_000 });
    const notice = page.getByTestId('graph-notice');
    await expect(notice).toContainText('groups (click one to open it)');
    const before = await page.evaluate(() => window.__blastmap!.nodeCount());
    expect(before).toBeGreaterThan(10);
    expect(before).toBeLessThan(200);
    const group = await page.evaluate(() => window.__blastmap!.nodeIds('role').find((id) => id.startsWith('group:')));
    expect(group).toBeTruthy();
    const pos = await page.evaluate((g) => window.__blastmap!.nodePagePosition(g!), group);
    await page.mouse.click(pos!.x, pos!.y);
    await page.waitForFunction((g) => window.__blastmap?.idle() === true && window.__blastmap.nodePagePosition(g!) === null, group);
    expect(await page.evaluate(() => window.__blastmap!.nodeCount())).toBeGreaterThan(before);
    // Every list says how many it holds, and scrolls to its last entry (e2e/lists.spec.ts: every list).
    await page.getByRole('tab', { name: 'Inventory' }).click();
    // Identities, credentials and secrets: more rows than principals.
    const count = page.getByTestId('inventory-count');
    await expect(count).toHaveText(/^[4-9],\d{3} of [4-9],\d{3}$/);
    const total = Number((await count.textContent())!.split(' of ')[0]!.replace(/,/g, ''));
    const list = page.getByTestId('inventory-list');
    const last = list.locator(`[data-testid="inventory-row"][aria-rowindex="${total + 1}"]`);
    await expect(async () => {
      await list.hover();
      await page.mouse.wheel(0, 100_000);
      await expect(last).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    // Only the rows in view are in the page.
    expect(await page.getByTestId('inventory-row').count()).toBeLessThan(150);
  });
});

test('an account administrator node is marked on the demo overview', async ({ workbench, page }) => {
  await workbench.openDemo();
  const admin = `arn:aws:iam::${A}:role/OrganizationAccountAccessRole`;
  await workbench.clickNode(admin);
  await expect(page.getByTestId('details-name')).toHaveText('OrganizationAccountAccessRole');
});

for (const [width, height] of [
  [1440, 900],
  [1280, 720],
] as const) {
  test(`keyboard: search, Enter, focus lands in the details; Escape closes them; the node menu closes on Escape (${width}x${height})`, async ({ workbench, page }) => {
    await page.setViewportSize({ width, height });
    await workbench.openDemo();
    await page.keyboard.press('/');
    await page.keyboard.type('svc-jenkins-dep');
    await expect(page.getByRole('option').first()).toContainText('svc-jenkins-deploy');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('details-name')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('details-panel')).toHaveCount(0);
    const pos = await page.evaluate((id) => window.__blastmap!.nodePagePosition(id), `arn:aws:iam::${A}:user/service/svc-jenkins-deploy`);
    await page.mouse.click(pos!.x, pos!.y, { button: 'right' });
    const menu = page.getByRole('menu', { name: 'Node actions' });
    await expect(menu).toBeVisible();
    await expect(menu.getByRole('button').first()).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
  });
}

test('tabs move with the arrow keys; hovering a node names it in a tooltip', async ({ workbench, page }) => {
  await workbench.openDemo();
  await page.getByRole('tab', { name: 'Analysis' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Questions' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: 'Questions' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.getByRole('tab', { name: 'Files' })).toHaveAttribute('aria-selected', 'true');
  const pos = await page.evaluate((id) => window.__blastmap!.nodePagePosition(id), `arn:aws:iam::${A}:user/service/svc-jenkins-deploy`);
  await page.mouse.move(pos!.x, pos!.y);
  await expect(page.getByRole('tooltip')).toContainText('svc-jenkins-deploy');
});
