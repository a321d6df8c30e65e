/**
 * The graph without a mouse: Tab reaches it, arrow keys move between the drawn nodes (each one
 * selected, its name announced and its details shown, focus staying on the graph), Enter opens a
 * group.
 */
import { test, expect } from './fixtures';

for (const [width, height] of [
  [1440, 900],
  [1280, 720],
] as const) {
  test(`arrow keys move the selection over the graph (${width}x${height})`, async ({ workbench, page }) => {
    await page.setViewportSize({ width, height });
    await workbench.openDemo();
    await page.getByTestId('graph-canvas').focus();
    await page.keyboard.press('ArrowRight');
    const cursor = page.getByTestId('graph-cursor');
    await expect(cursor).not.toBeEmpty();
    const first = await cursor.textContent();
    await expect(page.getByTestId('details-name')).toHaveText(first!);
    await expect(page.getByTestId('graph-canvas')).toBeFocused();
    // The next arrows land on other nodes; the details follow.
    const seen = new Set([first]);
    for (const key of ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp']) {
      await page.keyboard.press(key);
      seen.add(await cursor.textContent());
    }
    expect(seen.size).toBeGreaterThan(2);
    await expect(page.getByTestId('details-name')).toHaveText((await cursor.textContent())!);
  });
}
