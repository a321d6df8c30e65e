/**
 * Shared e2e helpers: a page object for the workbench, and the paths of the exports the tests
 * upload (the public corpus is read in place from ../shared and skipped when absent).
 */
import { test as base, expect, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export const PUBLIC_CORPUS = resolve(here, '../../shared/fixtures/public');
export const hasPublicCorpus = existsSync(PUBLIC_CORPUS);
export const publicPath = (rel: string) => resolve(PUBLIC_CORPUS, rel);
export const repoFixture = (rel: string) => resolve(here, '../fixtures', rel);

export class Workbench {
  constructor(readonly page: Page) {}

  async openEmpty() {
    await this.page.goto('/?start=empty');
    await expect(this.page.getByText('No data yet')).toBeVisible();
  }

  async openDemo() {
    await this.page.goto('/');
    await expect(this.page.getByTestId('count-user')).toBeVisible();
    await this.page.waitForFunction(() => window.__blastmap?.idle() === true && window.__blastmap.nodeCount() > 0);
  }

  async upload(paths: string[]) {
    await this.page.getByTestId('file-input').setInputFiles(paths);
    // Large generated accounts take seconds to import and analyse in the worker.
    await expect(this.page.getByTestId('import-progress')).toHaveCount(0, { timeout: 240_000 });
  }

  /** The workspace records as IndexedDB holds them (to wait for a save before a reload). */
  storedWorkspaces(): Promise<Record<string, unknown>[]> {
    return this.page.evaluate(
      () =>
        new Promise<Record<string, unknown>[]>((resolve, reject) => {
          const open = indexedDB.open('blastmap');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const req = open.result.transaction('workspaces').objectStore('workspaces').getAll();
            req.onsuccess = () => resolve(req.result as Record<string, unknown>[]);
            req.onerror = () => reject(req.error);
          };
        }),
    );
  }

  count(kind: string) {
    return this.page.getByTestId(`count-${kind}`);
  }

  fileReport(name: string) {
    return this.page.locator(`[data-testid="file-report"][data-file="${name}"]`);
  }

  /** Click a node where Cytoscape drew it, as an analyst would. */
  /**
   * Click a drawn node where it is on the page. The position is read when the graph is idle, but a
   * late redraw (a scene replaced, the viewport fitted again) can move the node between reading
   * and clicking: then the details do not open, and the click is made again at the new position.
   */
  async clickNode(id: string) {
    const details = this.page.getByTestId('details-id');
    for (let attempt = 1; ; attempt++) {
      await this.page.waitForFunction((nid) => window.__blastmap?.idle() === true && window.__blastmap.nodePagePosition(nid) !== null, id);
      const pos = await this.page.evaluate((nid) => window.__blastmap!.nodePagePosition(nid), id);
      await this.page.mouse.click(pos!.x, pos!.y);
      if (attempt === 3) break;
      try {
        await expect(details).toHaveText(id, { timeout: 2000 });
        return;
      } catch {
        // Clicked where the node no longer was: read its position again.
      }
    }
    await expect(details).toHaveText(id);
  }
}

/**
 * The browser's clock in every test: months after the demo's exports were taken, so a result that
 * used "today" instead of the workspace's analysis date would show. Time flows from there.
 */
export const E2E_NOW = new Date('2027-03-01T09:00:00Z');

export const test = base.extend<{ workbench: Workbench }>({
  page: async ({ page }, use) => {
    await page.clock.install({ time: E2E_NOW });
    await use(page);
  },
  workbench: async ({ page }, use) => {
    await use(new Workbench(page));
  },
});
export { expect };
