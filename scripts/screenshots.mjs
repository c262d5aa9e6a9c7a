// Regenerates the README pictures in docs/: the overlay on the demo call (the candidate's face is
// blurred on screen: the shared clips are third-party), the review page of that session, and the
// dev page with fake data. The blur is page CSS, so the extension still analyses the real frames.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { clickInClosedShadow, launchWithExtension, statuses } from './lib/browser.mjs';
import { MEDIA_DIR, startDemoServer } from './demo-server.mjs';

const out = resolve('docs');
const manifest = join(MEDIA_DIR, 'manifest.json');
const clip = existsSync(manifest)
  ? JSON.parse(readFileSync(manifest, 'utf8')).clips.find(
      (c) => c.kind === 'talking' && c.file.includes('German'),
    )?.file
  : null;
const server = await startDemoServer(0);
const b = await launchWithExtension(resolve('dist'));
try {
  const page = await b.context.newPage();
  await page.goto(
    `http://127.0.0.1:${server.address().port}/call?clip=${encodeURIComponent(clip ?? 'generated/noface.mp4')}`,
  );
  await page.addStyleTag({ content: '#candidate { filter: blur(22px) saturate(0.6); }' });
  await page.waitForFunction(() => document.getElementById('candidate').readyState >= 2);
  await clickInClosedShadow(page, 'data-ig', 'start');
  for (let i = 0; i < 80 && (await statuses(b.worker))[0]?.phase !== 'watching'; i++)
    await page.waitForTimeout(250);
  await page.waitForTimeout(8000);
  await page.screenshot({ path: join(out, 'overlay.png') });
  await clickInClosedShadow(page, 'data-ig', 'stop');
  await page.waitForTimeout(1500);
  const review = await b.context.newPage();
  await review.setViewportSize({ width: 1200, height: 900 });
  await review.goto(`chrome-extension://${b.extensionId}/extension/ui/review/review.html`);
  await review.locator('[data-ig="sessions"] tbody tr a').first().click();
  await review.waitForSelector('[data-ig="timeline"]');
  await review.screenshot({ path: join(out, 'review.png'), fullPage: true });
  const dev = await b.context.newPage();
  await dev.setViewportSize({ width: 1400, height: 900 });
  await dev.goto(`chrome-extension://${b.extensionId}/extension/ui/dev/dev.html`);
  await dev.screenshot({ path: join(out, 'ui-fake-data.png'), fullPage: true });
  console.log(
    `written docs/overlay.png, docs/review.png, docs/ui-fake-data.png (clip ${clip ?? 'generated'})`,
  );
} finally {
  await b.close();
  server.close();
}
