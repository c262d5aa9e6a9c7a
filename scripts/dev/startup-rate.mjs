// node scripts/dev/startup-rate.mjs [--clip talking/mt_German_20s.mp4] [--seconds 16] [--runs 1] [--load N]
//
// What the frame grabber's rate does in a call's first seconds: the demo call with one clip of
// ../shared/media, the test build (dist-test/) in Debian's Chromium, Start pressed; the live status's
// pipeline figures read every 250 ms and printed whenever the rate the grabber holds changes, with the
// round trip (median) and the landmarker (median, p95) over the latest frames. Each run ends with the
// time of every step down, in seconds from the first analysed frame. A probe for the rate governor
// (src/metrics/RateGovernor.ts), which steps down when the 90th percentile round trip no longer fits
// the interval and steps back up only after 10 s: it prints figures, asserts nothing. `--load N`
// keeps N cores busy meanwhile, as a hiring manager's laptop is during a call.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchWithExtension, statuses } from '../../test/harness/browser.mjs';
import { openWatchedCall } from '../../test/harness/demoCall.mjs';
import { startDemoServer } from '../../test/harness/demoServer.mjs';
import { LOAD_OPTION, startCpuLoad } from '../eval/lib/cpuLoad.mjs';

const { values: args } = parseArgs({
  options: {
    clip: { type: 'string', default: 'talking/mt_German_20s.mp4' },
    seconds: { type: 'string', default: '16' },
    runs: { type: 'string', default: '1' },
    ...LOAD_OPTION,
  },
});
const seconds = Number(args.seconds);
const runs = Number(args.runs);
if (!(seconds > 0) || !(runs >= 1)) throw new Error('--seconds and --runs must be positive numbers');

const load = startCpuLoad(args.load);
const server = await startDemoServer(0);
const b = await launchWithExtension(resolve('dist-test'));
try {
  for (let run = 1; run <= runs; run++) {
    const { page } = await openWatchedCall(b, server.address().port, args.clip);
    let firstMs = null;
    let lastFps = null;
    const steps = [];
    const end = Date.now() + seconds * 1000;
    while (Date.now() < end) {
      const p = (await statuses(b.worker))[0]?.perf;
      if (p && p.targetFps !== null) {
        firstMs ??= Date.now();
        const atS = ((Date.now() - firstMs) / 1000).toFixed(1);
        if (p.targetFps !== lastFps) {
          if (lastFps !== null && p.targetFps < lastFps) steps.push(`${atS} s (${lastFps} → ${p.targetFps})`);
          console.log(
            `run ${run} ${atS.padStart(5)} s  ${p.targetFps} frames/s  after ${p.framesTotal} frames; ` +
              `round trip median ${Math.round(p.roundTripMsMedian)} ms, landmarker median ` +
              `${Math.round(p.landmarkerMsMedian)} ms, p95 ${Math.round(p.landmarkerMsP95)} ms`,
          );
          lastFps = p.targetFps;
        }
      }
      await page.waitForTimeout(250);
    }
    console.log(`run ${run}: ${steps.length ? `stepped down at ${steps.join(', ')}` : 'no step down'}`);
    await page.close();
  }
} finally {
  await b.close();
  server.close();
  load.stop();
}
