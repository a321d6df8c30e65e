/** The privacy promise: no request leaves the app's own origin, whatever the analyst does. */
import { test, expect, repoFixture } from './fixtures';

test('loading the demo, importing and clicking make no request outside the app origin', async ({ workbench, page, baseURL }) => {
  const outside: string[] = [];
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(`${baseURL}/`) && !url.startsWith('data:') && !url.startsWith('blob:')) outside.push(url);
  });
  await workbench.openDemo();
  await workbench.upload([repoFixture('aws/hostile-names.json')]);
  await workbench.clickNode('arn:aws:iam::210987654321:role/billing-lambda');
  await expect(page.getByTestId('details-name')).toHaveText('billing-lambda');
  expect(outside).toEqual([]);
});

test('the built page forbids connections to other origins (Content-Security-Policy)', async ({ page }) => {
  await page.goto('/?start=empty');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("connect-src 'self'");
  expect(csp).toContain("default-src 'self'");
});
