/**
 * "Assume breached" marks and the Questions tab, as a BloodHound user works: mark a leaked key as
 * breached from its right-click menu, find the mark still there after a reload, and ask for the
 * paths from the breached marks in one click: the answer is listed and drawn.
 */
import { test, expect } from './fixtures';

const A = '210987654321';
const KEY = `arn:aws:iam::${A}:user/service/svc-jenkins-deploy#access-key-1`;

test('a leaked key marked as breached from its menu stays marked after a reload; its paths answer in one click', async ({ workbench, page }) => {
  await workbench.openDemo();
  const rightClick = async (id: string) => {
    await page.waitForFunction((nid) => window.__blastmap?.idle() === true && window.__blastmap.nodePagePosition(nid) !== null, id);
    const pos = await page.evaluate((nid) => window.__blastmap!.nodePagePosition(nid), id);
    await page.mouse.click(pos!.x, pos!.y, { button: 'right' });
    return page.getByRole('menu', { name: 'Node actions' });
  };
  await (await rightClick(KEY)).getByRole('button', { name: 'Mark as breached' }).click();
  // Saved with the workspace before the reload (a reload may otherwise outrun the write).
  await expect.poll(async () => (await workbench.storedWorkspaces()).flatMap((w) => (w.breached as string[] | undefined) ?? [])).toEqual([KEY]);

  await page.reload();
  await page.waitForFunction(() => window.__blastmap?.idle() === true && window.__blastmap.nodeCount() > 0);
  const menu = await rightClick(KEY);
  await expect(menu.getByRole('button', { name: 'Unmark as breached' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);

  await page.getByRole('tab', { name: 'Questions' }).click();
  const questions = page.getByRole('region', { name: 'Questions' });
  await expect(questions.getByTestId('breached-mark')).toHaveCount(1);
  await expect(questions.getByTestId('breached-mark')).toContainText('svc-jenkins-deploy access key 1');
  const paths = questions.locator('[data-question="breachedPaths"]');
  await expect(paths.getByTestId('question-count')).toHaveText(/^[1-9]\d*$/);
  const before = await page.evaluate(() => window.__blastmap!.nodeCount());
  await paths.getByRole('button', { name: /Paths from breached marks/ }).click();

  // The answer on screen: the key's shortest path to the account's administrator.
  const first = paths.getByTestId('question-row').first();
  await expect(first).toContainText('svc-jenkins-deploy access key 1');
  await expect(first).toContainText(`to Administrator of account ${A}`);
  // And on the graph: the overview narrowed to the path, from the key to the administrator.
  await page.waitForFunction(
    ([key, admin, all]) => window.__blastmap?.idle() === true && window.__blastmap.nodeCount() < all && window.__blastmap.nodePagePosition(key) !== null && window.__blastmap.nodePagePosition(admin) !== null,
    [KEY, `admin:aws:${A}`, before] as const,
  );
  await expect(page.getByRole('button', { name: 'Show whole graph' })).toBeVisible();

  // A row draws its own path in the path view.
  await first.getByRole('button').first().click();
  await expect(page.getByTestId('graph-notice')).toContainText('shortest path');
});
