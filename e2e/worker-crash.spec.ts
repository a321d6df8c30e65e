/**
 * The analysis worker crashes (a bug on hostile input, or killed for memory): the app restarts it,
 * tells the analyst, keeps the workspace (the new worker answers about the same nodes), and goes on
 * importing. The crash is made from the test through Playwright's handle on the worker, so the app
 * carries no crash switch of its own.
 */
import type { Page, Worker } from '@playwright/test';
import { test, expect, repoFixture } from './fixtures';

const A = '210987654321';
const KEY = `arn:aws:iam::${A}:user/service/svc-jenkins-deploy#access-key-1`;

/** The analysis worker now running (the page's only dedicated worker; a terminated one leaves the list). */
async function analysisWorker(page: Page, not?: Worker): Promise<Worker> {
  await expect.poll(() => page.workers().filter((w) => w !== not).length).toBeGreaterThan(0);
  return page.workers().filter((w) => w !== not).at(-1)!;
}

test('a crashed worker is restarted with the workspace kept; blast radius and imports still work', async ({ workbench, page }) => {
  await workbench.openDemo();
  await expect(workbench.count('user')).toHaveText('9 users');
  const first = await analysisWorker(page);

  // An uncaught error, thrown asynchronously in the worker: the Worker's `error` event.
  await first.evaluate(() => {
    setTimeout(() => {
      throw new Error('simulated crash');
    }, 0);
  });
  const banner = page.getByTestId('worker-restarted');
  await expect(banner).toHaveAttribute('data-state', 'restored');
  await expect(banner).toContainText('The analysis worker stopped (out of memory?) and was restarted; your workspace is kept.');
  await expect(banner).toContainText('simulated crash');
  await expect(workbench.count('user')).toHaveText('9 users');

  // The new worker holds the demo: it computes a blast radius never asked before the crash.
  await workbench.clickNode(KEY);
  await expect(page.getByTestId('blast-score')).toHaveText('100');

  // A new import is answered by the new worker with the demo still in it (9 users + 1).
  await workbench.upload([repoFixture('aws/hostile-names.json')]);
  await expect(workbench.fileReport('hostile-names.json')).toHaveAttribute('data-status', 'imported');
  await expect(workbench.count('user')).toHaveText('10 users');

  await banner.getByRole('button', { name: 'Dismiss' }).click();
  await expect(banner).toHaveCount(0);

  // Dying without an error event (closed; as when killed for memory) is noticed too.
  const second = await analysisWorker(page, first);
  await second.evaluate(() => {
    setTimeout(() => self.close(), 0);
  });
  await expect(banner).toHaveAttribute('data-state', 'restored');
  await expect(banner).toContainText('ended without an error');
  await workbench.upload([repoFixture('aws/gaad-page-1.json')]);
  await expect(workbench.fileReport('gaad-page-1.json')).toHaveAttribute('data-status', /imported|partial/);
  // The demo, the hostile file imported after the first crash, and the page's two users.
  await expect(workbench.count('user')).toHaveText('12 users');
});
