/**
 * Every list is complete: the inventory, a node's blast radius and its edges scroll to their last
 * entry (rows fetched from the worker as they come into view, only those in view in the page),
 * with their counts above them; rows stay buttons the keyboard reaches.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';

const ACCOUNT = '911809502695';
const n = (text: string | null) => Number((text ?? '').replace(/,/g, ''));

/** Scroll a list region with the mouse wheel, as an analyst would, until `target` is in view. */
async function scrollUntilVisible(page: Page, region: Locator, target: Locator) {
  await expect(async () => {
    await region.hover();
    await page.mouse.wheel(0, 100_000);
    await expect(target).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
}

async function open(page: Page, name: string) {
  const search = page.getByRole('combobox', { name: 'Search' });
  await search.fill(name);
  await expect(page.getByRole('option').first()).toContainText(name);
  await search.press('Enter');
  await expect(page.getByTestId('details-name')).toHaveText(name);
}

test.describe('the lists of a generated 3,000-principal account', () => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), 'blastmap-lists-'));
  execFileSync(process.execPath, [resolve('bin/blastmap.mjs'), 'generate', '--principals', '3000', '--seed', '7', '--out', dir], { stdio: 'ignore' });

  for (const [width, height] of [
    [1440, 900],
    [1280, 720],
  ] as const) {
    test(`the inventory, a blast radius and a node’s edges each scroll to their last entry (${width}x${height})`, async ({ workbench, page }) => {
      await page.setViewportSize({ width, height });
      await workbench.openEmpty();
      await workbench.upload([join(dir, 'gaad.json'), join(dir, 'credential-report.json')]);
      await page.waitForFunction(() => window.__blastmap?.idle() === true && window.__blastmap.nodeCount() > 0, null, { timeout: 180_000 });

      await test.step('inventory: thousands of rows, a few dozen in the page, the last one reachable', async () => {
        await page.getByRole('tab', { name: 'Inventory' }).click();
        const count = page.getByTestId('inventory-count');
        await expect(count).toHaveText(/^[4-9],\d{3} of [4-9],\d{3}$/);
        const total = n((await count.textContent())!.split(' of ')[0]!);
        const list = page.getByRole('region', { name: 'Listed identities, credentials and secrets' });
        await expect(list).toBeVisible();
        await expect(list.getByRole('table')).toHaveAttribute('aria-rowcount', String(total + 1));
        await expect(page.getByTestId('inventory-row').first()).toBeVisible();
        expect(await page.getByTestId('inventory-row').count()).toBeLessThan(150);
        // The last row (the header is row 1), fetched from the worker's last page.
        const last = list.locator(`[data-testid="inventory-row"][aria-rowindex="${total + 1}"]`);
        await scrollUntilVisible(page, list, last);
        await expect(count).toBeVisible();
        expect(await page.getByTestId('inventory-row').count()).toBeLessThan(150);
        const lastName = await last.locator('td').first().textContent();
        expect(lastName).toBeTruthy();
        // It is the last by name: sorted the other way, it comes first (and the list is back at its top).
        await list.getByRole('button', { name: 'Name ▲' }).click();
        await expect(page.getByTestId('inventory-row').first().locator('td').first()).toHaveText(lastName!);
        await expect(list.locator('[aria-rowindex="2"]')).toBeInViewport();

        // Keyboard: Tab from the filters lands on the list; End scrolls it to its end; a row is a button.
        await list.getByRole('button', { name: 'Name ▼' }).click();
        await page.getByRole('textbox', { name: 'Tag' }).focus();
        await page.keyboard.press('Tab');
        await expect(list).toBeFocused();
        const first = list.locator('[data-testid="inventory-row"][aria-rowindex="2"]');
        await expect(first).toBeVisible();
        const firstName = (await first.locator('td').first().textContent())!;
        await expect(async () => {
          await page.keyboard.press('End');
          await expect(list.locator(`[aria-rowindex="${total + 1}"]`)).toBeInViewport({ timeout: 1_000 });
        }).toPass({ timeout: 30_000 });
        await page.keyboard.press('Home');
        await expect(first).toBeInViewport();
        // Past the six column headers, the first row's button.
        for (let i = 0; i < 7; i++) await page.keyboard.press('Tab');
        await expect(first.getByRole('button')).toBeFocused();
        await page.keyboard.press('Enter');
        await expect(page.getByTestId('details-name')).toHaveText(firstName);
      });

      await test.step('edges: a policy attached to hundreds of roles lists every attachment', async () => {
        await open(page, 'checkout-ssm-params');
        const heading = page.getByRole('heading', { name: /^Incoming \(\d+\)$/ });
        await expect(heading).toBeVisible();
        const total = n((await heading.textContent())!.match(/\((\d+)\)/)![1]!);
        expect(total).toBeGreaterThan(300); // more than the first page the details bring
        const list = page.getByRole('region', { name: 'Incoming edges' });
        expect(await list.getByTestId('edge-item').count()).toBeLessThan(100);
        const last = list.locator(`[data-testid="edge-item"][aria-posinset="${total}"]`);
        await scrollUntilVisible(page, list, last);
        await expect(last).toHaveAttribute('aria-setsize', String(total));
        // The other end's name (each edge also offers "what if removed?").
        await expect(last.getByRole('button').first()).toBeVisible();
        expect(await list.getByTestId('edge-item').count()).toBeLessThan(100);
      });

      await test.step('blast radius: an identity that becomes admin reaches every identity, each listed', async () => {
        await open(page, 'svc-route-resolver-policy-updater');
        const counts = page.getByTestId('blast-identities');
        await expect(counts).toContainText('administrator reached: yes');
        const total = n((await counts.textContent())!.match(/^([\d,]+) identities/)![1]!);
        expect(total).toBeGreaterThan(2000);
        const list = page.getByRole('region', { name: 'Identities reached' });
        const last = list.locator(`[data-testid="blast-identity"][aria-posinset="${total}"]`);
        await scrollUntilVisible(page, list, last);
        await expect(last.getByRole('button')).toBeVisible();
        expect(await list.getByTestId('blast-identity').count()).toBeLessThan(150);
        await expect(page.getByTestId('blast-capped')).toHaveCount(0);
        // Its entries lead on: the last one opens.
        const name = (await last.getByRole('button').textContent())!;
        await last.getByRole('button').click();
        await expect(page.getByTestId('details-name')).toHaveText(name);
        expect(await page.getByTestId('details-id').textContent()).toContain(ACCOUNT);
      });
    });
  }
});
