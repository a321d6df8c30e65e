/**
 * A 10,000-principal generated account in the app, at both window sizes: the overview is grouped
 * and visibly drawn (shapes on the canvas, labels on screen), and no main-thread task while
 * importing and drawing it runs over 200 ms (PerformanceObserver "longtask"): the page stays
 * responsive because the worker imports, analyses and lays out, and the page draws in slices.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test, expect } from './fixtures';

test.describe('a generated 10,000-principal account', () => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), 'blastmap-e2e-10k-'));
  execFileSync(process.execPath, [resolve('bin/blastmap.mjs'), 'generate', '--principals', '10000', '--seed', '7', '--out', dir], { stdio: 'ignore' });

  for (const [width, height] of [
    [1440, 900],
    [1280, 720],
  ] as const) {
    test(`is drawn grouped, never blank, with no main-thread task over 200 ms (${width}x${height})`, async ({ workbench, page }) => {
      await page.setViewportSize({ width, height });
      await workbench.openEmpty();
      await page.evaluate(() => {
        const w = window as unknown as { __longest: number };
        w.__longest = 0;
        new PerformanceObserver((list) => list.getEntries().forEach((e) => (w.__longest = Math.max(w.__longest, e.duration)))).observe({ type: 'longtask' });
      });
      await page.getByTestId('file-input').setInputFiles([join(dir, 'gaad.json'), join(dir, 'credential-report.json')]);
      await expect(page.getByTestId('import-progress')).toHaveCount(0, { timeout: 240_000 });
      await page.waitForFunction(() => window.__blastmap?.idle() === true && window.__blastmap.nodeCount() > 0, null, { timeout: 240_000 });
      await expect(page.getByTestId('graph-notice')).toContainText('groups (click one to open it)');
      // Shapes on the canvas: Cytoscape's layers hold thousands of painted pixels.
      const painted = await page.evaluate(() => {
        let n = 0;
        for (const c of document.querySelectorAll<HTMLCanvasElement>('[data-testid=graph-canvas] canvas')) {
          const ctx = c.getContext('2d');
          if (!ctx || !c.width || !c.height) continue;
          const data = ctx.getImageData(0, 0, c.width, c.height).data;
          for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
        }
        return n;
      });
      expect(painted).toBeGreaterThan(5000);
      // Labels on screen, the groups' among them (they lead with their member count).
      const labels = await page.locator('.graph-label:not([hidden])').allTextContents();
      expect(labels.length).toBeGreaterThan(10);
      expect(labels.some((l) => /^\d[\d,]* (users|roles) · aws/.test(l)), labels.join(" / ")).toBe(true);
      const longest = await page.evaluate(() => (window as unknown as { __longest: number }).__longest);
      expect(longest).toBeLessThan(200);
    });
  }
});
