/** The details panel groups a node's relationships with counts; "draw" puts exactly those on the graph. */
import { test, expect } from './fixtures';

test('relationship groups with counts, each drawable on the graph', async ({ workbench, page }) => {
  await workbench.openDemo();
  await page.keyboard.press('/');
  await page.keyboard.type('Developers');
  await expect(page.getByRole('option').first()).toContainText('Developers');
  await page.keyboard.press('Enter');
  const section = page.getByTestId('relationships');
  await expect(section).toContainText('Members');
  const count = Number((await section.locator('li', { hasText: 'Members' }).locator('.muted').first().textContent())!.replace(/,/g, ''));
  expect(count).toBeGreaterThan(0);
  await section.getByTestId('draw-in:memberOf').click();
  await expect(page.getByTestId('graph-notice')).toContainText(`${count + 1} nodes around the selection`);
  await page.waitForFunction(() => window.__blastmap?.idle() === true);
  expect(await page.evaluate(() => window.__blastmap!.nodeCount())).toBe(count + 1);
});
