// Regenerates the README pictures in docs/: the overlay on the demo call (the candidate's face is
// blurred on screen: the shared clips are third-party), the review page of that session, the dev
// page with fake data, and the demo call drawn on a canvas (as Zoom web draws a call) before and
// after "Capture tab". The blur is page CSS, so the extension still analyses the real frames; a capture
// would capture that blur too, so those two pictures are blurred after the screenshot instead.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  boxInClosedShadow,
  clickInClosedShadow,
  launchWithExtension,
  requestFromPopup,
  statuses,
  unpackedExtensionId,
} from '../../test/harness/browser.mjs';
import { MEDIA_DIR, startDemoServer } from '../../test/harness/demoServer.mjs';

const out = resolve('docs');
const manifest = join(MEDIA_DIR, 'manifest.json');
const clip = existsSync(manifest)
  ? JSON.parse(readFileSync(manifest, 'utf8')).clips.find(
      (c) => c.kind === 'talking' && c.file.includes('German'),
    )?.file
  : null;
/**
 * A capture sees the page as shown, so on the canvas demo the face is not blurred on the page; the
 * screenshot is blurred afterwards instead, over the candidate's tile and never over the overlay.
 */
async function blurredShot(page, path) {
  const tile = await page.locator('#candidate-canvas').boundingBox();
  const overlay = await boxInClosedShadow(page, 'data-ig', 'overlay');
  const png = (await page.screenshot()).toString('base64');
  const painter = await page.context().newPage();
  try {
    const out = await painter.evaluate(
      async ({ png, tile, overlay }) => {
        const img = new Image();
        img.src = `data:image/png;base64,${png}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        const g = c.getContext('2d');
        g.drawImage(img, 0, 0);
        g.save();
        g.beginPath();
        g.rect(tile.x, tile.y, tile.width, tile.height);
        g.clip();
        g.filter = 'blur(22px) saturate(0.6)';
        g.drawImage(img, 0, 0);
        g.restore();
        // The overlay stays sharp: it is what the picture is about.
        if (overlay) {
          const [x, y, w, h] = [
            overlay.x - overlay.width / 2,
            overlay.y - overlay.height / 2,
            overlay.width,
            overlay.height,
          ];
          g.drawImage(img, x, y, w, h, x, y, w, h);
        }
        return c.toDataURL('image/png').split(',')[1];
      },
      { png, tile, overlay },
    );
    writeFileSync(path, Buffer.from(out, 'base64'));
  } finally {
    await painter.close();
  }
}

const server = await startDemoServer(0);
const b = await launchWithExtension(resolve('dist-test'), {
  // Stands in for the click Chrome requires before a tab capture.
  args: [`--allowlisted-extension-id=${unpackedExtensionId(resolve('dist-test'))}`],
});
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
  await review.waitForSelector('[data-ig="signal-bands"]');
  await review.screenshot({ path: join(out, 'review.png'), fullPage: true });
  const dev = await b.context.newPage();
  await dev.setViewportSize({ width: 1400, height: 900 });
  await dev.goto(`chrome-extension://${b.extensionId}/extension/ui/dev/dev.html`);
  await dev.screenshot({ path: join(out, 'ui-fake-data.png'), fullPage: true });
  // The demo call drawn on a canvas: the overlay asks for a capture, then analyses the captured tile.
  const zoomLike = await b.context.newPage();
  await zoomLike.goto(
    `http://127.0.0.1:${server.address().port}/call?render=canvas&clip=${encodeURIComponent(clip ?? 'generated/noface.mp4')}`,
  );
  await zoomLike.waitForFunction(() => document.getElementById('candidate').readyState >= 2);
  await zoomLike.bringToFront();
  await clickInClosedShadow(zoomLike, 'data-ig', 'start');
  let tabId;
  for (let i = 0; i < 80; i++) {
    const s = (await statuses(b.worker)).find((x) => x.phase === 'watching' && x.capture === 'needed');
    if (s) {
      tabId = s.tabId;
      break;
    }
    await zoomLike.waitForTimeout(250);
  }
  await zoomLike.waitForTimeout(1000);
  await blurredShot(zoomLike, join(out, 'capture-needed.png'));
  const reply = await requestFromPopup(b, { kind: 'request', type: 'capture/start', tabId });
  if (!reply?.ok) throw new Error(`the capture did not start: ${reply?.error}`);
  await zoomLike.bringToFront();
  await zoomLike.waitForTimeout(10000);
  await blurredShot(zoomLike, join(out, 'capture-on.png'));
  console.log(
    `written docs/overlay.png, docs/review.png, docs/ui-fake-data.png, docs/capture-needed.png, docs/capture-on.png (clip ${clip ?? 'generated'})`,
  );
} finally {
  await b.close();
  server.close();
}
