/**
 * The secret-value promise in the app: exports whose every secret field holds a canary are
 * imported; the canary is nowhere on the page (text, attributes, the details of a secret), and
 * nowhere in IndexedDB, where the workspace keeps a redacted copy of each such file. (The app has
 * no export of its own yet: snapshots and reports come with their own canary checks.)
 */
import { readdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, repoFixture } from './fixtures';

const CANARIES = ['CANARY-5e3cr3t-9f1d', 'Q0FOQVJZLTVlM2NyM3QtOWYxZA==', 'CANARY-azure-secret-123', 'CANARY-vault-secret-123'];
const FILES = [
  ...readdirSync(repoFixture('canary')).filter((f) => !f.endsWith('.md')).map((f) => repoFixture(`canary/${f}`)),
  ...['applications.json', 'service-principals.json', 'kv-legacy.secret-show.json'].map((f) => repoFixture(`azure/${f}`)),
  // Vault reads dropped one by one lose the path they were read from: their values are dropped all the same.
  ...['secret/data/payments/db.json', 'aws/creds/deploy.json', 'auth/approle/login.json'].map((f) => repoFixture(`vault/acme/${f}`)),
];

/** Every value IndexedDB holds for Blastmap, as text (blobs read). */
async function storedText(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, ko) => {
      const r = indexedDB.open('blastmap');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => ko(r.error);
    });
    const parts: string[] = [];
    for (const store of Array.from(db.objectStoreNames)) {
      const all = await new Promise<unknown[]>((ok, ko) => {
        const r = db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => ok(r.result);
        r.onerror = () => ko(r.error);
      });
      for (const v of all) {
        const blob = (v as { blob?: Blob }).blob;
        parts.push(JSON.stringify(v), blob ? await blob.text() : '');
      }
    }
    db.close();
    return parts.join('\n');
  });
}

test('canaries in every secret field: nowhere on the page, nowhere in IndexedDB', async ({ workbench, page }) => {
  await workbench.openEmpty();
  await workbench.upload(FILES);
  await expect(page.getByTestId('count-secret').or(page.getByTestId('count-k8s.secret')).first()).toBeVisible();
  // Open a secret's details, as an analyst would.
  await page.keyboard.press('/');
  await page.keyboard.type('payments-db');
  await expect(page.getByRole('option').first()).toContainText('payments-db');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('details-name')).toContainText('payments-db');
  const html = await page.content();
  for (const c of CANARIES) expect(html).not.toContain(c);
  const stored = await storedText(page);
  expect(stored).toContain('payments-db');
  for (const c of CANARIES) expect(stored).not.toContain(c);
  // Reopened from what was kept: the same secrets, still no canary.
  await page.reload();
  await page.waitForFunction(() => window.__blastmap?.idle() === true && window.__blastmap.nodeCount() > 0);
  await page.keyboard.press('/');
  await page.keyboard.type('payments-db');
  await expect(page.getByRole('option').first()).toContainText('payments-db');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('details-name')).toContainText('payments-db');
  for (const c of CANARIES) expect(await page.content()).not.toContain(c);
});
