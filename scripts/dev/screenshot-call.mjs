// npm run screenshot:call -- --clip talking/vr_face1_man_suit.mp4 [--seconds 30] [--load N]
//                             [--dark] [--compact] [--blur] [--out test-results/call.png]
//
// One picture of the overlay on the demo call after watching `--clip` for `--seconds`, through the
// test build (dist-test/) in Debian's Chromium: what a hiring manager sees at that moment, on a
// computer kept busy by `--load N` processes. Prints the live status (each signal's state and
// reason, frames/s) beside the picture, so what the picture shows can be checked in words.
// `--blur` blurs the candidate's tile on the page (the clips are third-party: for pictures that are
// shared); the extension still analyses the real frames.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { clickInClosedShadow, launchWithExtension, statuses } from '../../test/harness/browser.mjs';
import { openDemoCallWatching } from '../../test/harness/demoCall.mjs';
import { startDemoServer } from '../../test/harness/demoServer.mjs';
import { LOAD_OPTION, startCpuLoad } from '../eval/lib/cpuLoad.mjs';

const { values: args } = parseArgs({
  options: {
    clip: { type: 'string', default: 'generated/noface.mp4' },
    seconds: { type: 'string', default: '30' },
    out: { type: 'string', default: 'test-results/call.png' },
    dark: { type: 'boolean', default: false },
    compact: { type: 'boolean', default: false },
    blur: { type: 'boolean', default: false },
    ...LOAD_OPTION,
  },
});

const load = startCpuLoad(args.load);
const server = await startDemoServer(0);
const b = await launchWithExtension(resolve('dist-test'));
try {
  const page = await openDemoCallWatching(b, server.address().port, args.clip);
  await page.emulateMedia({ colorScheme: args.dark ? 'dark' : 'light' });
  if (args.blur) await page.addStyleTag({ content: '#candidate { filter: blur(22px) saturate(0.6); }' });
  if (args.compact) await clickInClosedShadow(page, 'data-ig', 'compact-toggle');
  await page.waitForTimeout(Number(args.seconds) * 1000);
  const out = resolve(args.out);
  mkdirSync(dirname(out), { recursive: true });
  await page.screenshot({ path: out });
  const s = (await statuses(b.worker))[0];
  console.info(`${out}  (load ${load.count}, ${args.clip}, ${args.seconds} s)`);
  console.info(`phase ${s?.phase}, ${typeof s?.fps === 'number' ? s.fps.toFixed(1) : '?'} frames/s`);
  for (const sig of s?.signals ?? []) console.info(`  ${sig.label}: ${sig.state} — ${sig.detail}`);
} finally {
  await b.close();
  server.close();
  load.stop();
}
