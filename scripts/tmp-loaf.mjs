import { chromium } from '@playwright/test';
import { startPreview } from './preview-server.mjs';
const { base, stop } = await startPreview(4181);
const files = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
const pre = (process.env.PRE ?? '').split(',').filter(Boolean);
for (const dir of pre) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${base}/?start=empty`);
  await page.getByText('No data yet').waitFor();
  await page.getByTestId('file-input').setInputFiles([dir + '/gaad.json', dir + '/credential-report.json']);
  await page.waitForFunction(() => window.__blastmap?.idle() === true && window.__blastmap.nodeCount() > 0, null, { timeout: 300_000, polling: 50 });
  await page.close();
}
for (let run = 0; run < Number(process.env.RUNS ?? 3); run++) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${base}/?start=empty${process.env.Q ?? ''}`);
  await page.getByText('No data yet').waitFor();
  const input = await page.getByTestId('file-input').elementHandle();
  await page.evaluate(() => {
    window.__loaf = []; window.__lt = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__loaf.push({ start: Math.round(e.startTime), dur: Math.round(e.duration), block: Math.round(e.blockingDuration), render: Math.round(e.renderStart ? e.startTime + e.duration - e.renderStart : 0), style: Math.round(e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0), scripts: e.scripts.map((s) => ({ dur: Math.round(s.duration), fn: s.sourceFunctionName, inv: s.invoker, type: s.invokerType, src: (s.sourceURL || '').split('/').pop() + ':' + s.sourceCharPosition, forced: Math.round(s.forcedStyleAndLayoutDuration) })) }))).observe({ type: 'long-animation-frame', buffered: false });
    new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__lt.push({ start: Math.round(e.startTime), dur: Math.round(e.duration) }))).observe({ type: 'longtask', buffered: false });
    window.__t0 = performance.now();
  });
  await input.setInputFiles(files);
  await page.waitForFunction(() => window.__blastmap?.idle() === true && window.__blastmap.nodeCount() > 0, null, { timeout: 300_000, polling: 50 });
  const idleAt = await page.evaluate(() => Math.round(performance.now()));
  await new Promise((r) => setTimeout(r, 4000));
  const r = await page.evaluate(() => ({ t0: Math.round(window.__t0), now: Math.round(performance.now()), halos: window.__blastmap.nodeCount(), loaf: window.__loaf.filter((x) => x.dur > 50), lt: window.__lt, }));
  console.log(JSON.stringify(r, null, 1));
  await page.close();
}
await browser.close();
stop();
