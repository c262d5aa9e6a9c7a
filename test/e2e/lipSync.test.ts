/**
 * Lip-sync end to end in Debian's Chromium: the demo call plays the candidate as a MediaStream (as
 * WebRTC delivers it), the extension listens to its audio without touching playback, and the
 * analyzer's lip-sync detector runs on the real face and voice. A call whose audio moves 300 ms ahead
 * of the picture part-way through (made here with ffmpeg) must raise a flag that the overlay shows, the
 * log keeps with its evidence time and picture, and the recruiter's review page lists; the same clip in
 * step must not.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { median } from '../../src/stats/quantile';
import * as harness from '../harness/browser.mjs';
import { openDemoCallWatching, restartDemoClip, stopAndReadLog, watchFor } from '../harness/demoCall.mjs';
import { MEDIA_DIR, generatedClip } from '../harness/demoServer.mjs';
import { describe, expect, test, type ExtensionBrowser } from '../harness/fixture';

/** Shorter than the 23 s clip: watched from its first frame, the demo's loop never falls inside a watch. */
const WATCH_S = 19;
/** The longest genuine talking clip: a news anchor whose voice is in step with his lips (measured: within 30 ms). */
const SOURCE = 'talking/mt_German_20s.mp4';
/**
 * Where the in-step clip starts in SOURCE, s. His fourth to ninth seconds are a known hard case for
 * the lip-sync cue (aperture against loudness): their windows fit best 440–570 ms late, and in some
 * runs that held for 8 windows and was flagged although he is in step (docs/evaluations/lipsync.md).
 * This test is about the path from the call's stream to the flag, the log and the review page, so it
 * plays the rest of the clip, twice.
 */
const FROM_S = 8.5;
/** SOURCE's length, s (its picture is 20 s long). */
const SOURCE_S = 20;
/** How the generated clips are written: near-lossless H.264 and AAC. */
const H264_AAC = ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-c:a', 'aac'];
const haveSource = existsSync(join(MEDIA_DIR, SOURCE));
if (!haveSource) console.warn(`\n*** ${MEDIA_DIR}/${SOURCE} is missing: LIP-SYNC E2E SKIPPED ***\n`);

let port: number;
test.beforeAll(({ demo }) => {
  port = demo.port;
});

/** SOURCE from FROM_S to its end, played twice (23 s, picture and sound cut at the same instant). */
function inStepClip(): string {
  return generatedClip(`german-from-${FROM_S}s-twice.mp4`, [
    '-i',
    join(MEDIA_DIR, SOURCE),
    '-filter_complex',
    `[0:v]trim=start=${FROM_S},setpts=PTS-STARTPTS,split[v1][v2];` +
      `[0:a]atrim=start=${FROM_S},asetpts=PTS-STARTPTS,asplit[a1][a2];[v1][a1][v2][a2]concat=n=2:v=1:a=1[v][a]`,
    '-map',
    '[v]',
    '-map',
    '[a]',
    ...H264_AAC,
  ]);
}

/** How long SOURCE plays from FROM_S to its end, s. */
const PART_S = SOURCE_S - FROM_S;
/** How much earlier than the picture the voice comes after the first part of stepThenEarlyClip, ms. */
const SHIFT_MS = 300;
/**
 * The shifted clip is watched this long: its first part in step, then 28.5 s with the voice early. A
 * change of delay mid-call is flagged 9–16 s after the 8 s evidence holds only the new delay
 * (LipSyncOptions.callMemoryWindows); one run here flagged it 18.8 s after the change.
 */
const SHIFT_WATCH_S = 40;

/**
 * SOURCE from FROM_S to its end four times (46 s): the first time in step, then three times with its
 * sound SHIFT_MS early (audio leads video: trimmed at the start of each part, padded with silence at
 * its end, so every part's sound is exactly as long as its picture). One page load sees the call in
 * step and then out of step, so the shift is measured against the same clip in the same load: the
 * demo's captured feed adds its own offset, and that offset differs between page loads by tens of ms
 * (docs/evaluations/lipsync.md, Clock), more than a comparison across two loads could tolerate.
 */
function stepThenEarlyClip(): string {
  const shiftS = SHIFT_MS / 1000;
  return generatedClip(`german-from-${FROM_S}s-then-audio-lead-${SHIFT_MS}ms.mp4`, [
    '-i',
    join(MEDIA_DIR, SOURCE),
    '-filter_complex',
    `[0:v]trim=start=${FROM_S}:end=${SOURCE_S},setpts=PTS-STARTPTS,split=4[v1][v2][v3][v4];` +
      `[0:a]atrim=start=${FROM_S}:end=${SOURCE_S},asetpts=PTS-STARTPTS[a1];` +
      `[0:a]atrim=start=${FROM_S + shiftS}:end=${SOURCE_S},asetpts=PTS-STARTPTS,apad=whole_dur=${PART_S},asplit=3[a2][a3][a4];` +
      '[v1][a1][v2][a2][v3][a3][v4][a4]concat=n=4:v=1:a=1[v][a]',
    '-map',
    '[v]',
    '-map',
    '[a]',
    ...H264_AAC,
  ]);
}

/** Opens the demo call on `clip`, presses Start, watches `seconds`, stops; returns the live status and the log. */
async function watch(b: ExtensionBrowser, clip: string, seconds: number, extraQuery = '') {
  const page = await openDemoCallWatching(b, port, clip, extraQuery);
  // From the clip's first frame: its loop (a jump in picture and sound, the shifted clip's padded
  // silence) is not what this test is about, and once made the flag read "voice without mouth" at the end.
  await restartDemoClip(page);
  const states: string[] = [];
  /**
   * The detector's own state each second, as the authority gates it: what the strip shows before it
   * holds a row long enough to read ("no concerns" waits 3 s there, so this is what the call measured).
   */
  const detected: string[] = [];
  /** Whether the quality authority let lip-sync judge the video, each second. */
  const judgeable: boolean[] = [];
  /** The live offset each second, ms (negative: audio leads video); null while there is none. */
  const offsets: (number | null)[] = [];
  /** Each change of the reason, with the second it was read (printed, so a failure says why). */
  const reasons: string[] = [];
  for (let s = 0; s < seconds; s++) {
    const st = await watchFor(b, 1);
    // What the interviewer sees: the strip's row, which the quality authority gates.
    states.push(st?.signals.find((x) => x.id === 'lipsync')?.state ?? 'none');
    judgeable.push(st?.quality?.signals.lipsync.ok ?? false);
    detected.push(judgeable.at(-1) ? (st?.lipsync?.state ?? 'none') : 'cannot-judge');
    // Whenever the authority cannot judge the video, the row says so, in its words.
    if (st?.quality && !st.quality.signals.lipsync.ok && st.lipsync)
      expect(st.signals.find((x) => x.id === 'lipsync')).toMatchObject({
        state: 'cannot-judge',
        detail: st.quality.signals.lipsync.reason,
      });
    offsets.push(st?.lipsync?.offsetMs ?? null);
    const why = st?.lipsync?.reason ?? 'none';
    if (!reasons.at(-1)?.endsWith(why)) reasons.push(`${s + 1} s: ${why}`);
  }
  const [live] = await harness.statuses(b.worker);
  // The candidate still hears the call: our tap changed nothing about the tile's playback.
  const tile = await page.evaluate(() => {
    const v = document.getElementById('candidate') as HTMLVideoElement;
    // How much the demo delayed the captured sound to play it in step with the picture (test/demo/call.js).
    const audioDelayMs = (window as { demoClip?: { audioDelayMs?: number } }).demoClip?.audioDelayMs;
    return { muted: v.muted, paused: v.paused, volume: v.volume, audioDelayMs };
  });
  const log = await stopAndReadLog(b, page);
  await page.close();
  return { live: live!, states, detected, judgeable, offsets, reasons, tile, log };
}

describe('lip-sync in Chromium', () => {
  test.skipIf(!haveSource)(
    'a voice 300 ms ahead of the lips is flagged live, logged with its evidence, and listed for the recruiter; in step is not',
    async ({ launch }) => {
      const b = await launch();
      // The recruiter turned evidence snapshots on (off by default): a flag keeps one small picture.
      await b.worker.evaluate(() => chrome.storage.local.set({ evidenceSnapshots: true }));
      const inStep = await watch(b, inStepClip(), WATCH_S);
      const early = await watch(b, stepThenEarlyClip(), SHIFT_WATCH_S);
      console.info(
        `in step: ${inStep.states.join(' ')}\n  ${inStep.reasons.join('\n  ')}\n` +
          `in step, then audio ${SHIFT_MS} ms early from ${PART_S} s: ${early.states.join(' ')}\n  ${early.reasons.join('\n  ')}`,
      );
      // Audio was heard from the candidate's stream, and the tile kept playing unmuted.
      expect(inStep.live.audio?.tracks).toBeGreaterThanOrEqual(1);
      expect(inStep.tile).toMatchObject({ muted: false, paused: false });
      expect(early.tile).toMatchObject({ muted: false, paused: false });
      // The demo played its captured sound in step with its picture, as a WebRTC receiver does.
      expect(inStep.tile.audioDelayMs).toBeGreaterThan(0);

      // What follows depends on the rate this machine held: lip-sync judges only the seconds the
      // quality authority allowed (a steady 10 frames/s or more), and says "cannot judge" otherwise.
      const judgedS = (run: { judgeable: boolean[] }, from = 0, to = Infinity) =>
        run.judgeable.slice(from, to).filter(Boolean).length;
      console.info(
        `lip-sync judgeable: in step ${judgedS(inStep)} of ${WATCH_S} s; shifted call ${judgedS(early)} of ${SHIFT_WATCH_S} s (${judgedS(early, Math.ceil(PART_S))} after the shift)`,
      );
      // In step: never concerns, whatever the rate.
      expect(inStep.states).not.toContain('concerns');
      expect(early.states.slice(0, Math.floor(PART_S))).not.toContain('concerns');
      if (judgedS(early, 0, Math.floor(PART_S)) < 3 || judgedS(early, Math.ceil(PART_S)) < 20) {
        // Too busy to judge most of it: no second showed a concern the video could not support.
        early.states.forEach((st, k) => {
          if (st === 'concerns') expect(early.judgeable[k]).toBe(true);
        });
        console.info(
          'this machine held under 10 even frames/s for most of the run: the flag checks are not applicable',
        );
        return;
      }
      // The in-step call, where it was judged for most of its watch: in step most of the judged time,
      // offset small. Within what the product calls in step (ITU-R BT.1359: 90 ms leading, 185 ms
      // lagging). This clip read −64 to +70 ms across runs on this machine before the tracker took off
      // the mouth's 50 ms lead, −10 to +50 ms in two runs after (the demo's own offset differs per
      // page load).
      if (judgedS(inStep) >= WATCH_S / 2) {
        expect(inStep.detected.filter((s) => s === 'no-concerns').length).toBeGreaterThan(
          judgedS(inStep) / 3,
        );
        const offset = inStep.live.lipsync!.offsetMs!;
        expect(offset).toBeGreaterThan(-90);
        expect(offset).toBeLessThan(185);
      }

      // The same call: in step while its first part plays (judged, never concerns), then concerns once the
      // voice moved, with the reason in words, and the overlay's strip says so too.
      const firstPart = early.states.slice(0, Math.floor(PART_S));
      expect(firstPart).not.toContain('concerns');
      expect(early.detected.slice(0, Math.floor(PART_S))).toContain('no-concerns');
      expect(early.states).toContain('concerns');
      // The flag's reason in words, while it showed (the last second may be one the machine was too
      // busy to judge: then the row says "cannot judge", as checked second by second above).
      expect(
        early.reasons.some((r) =>
          /^\d+ s: audio leads video by \d+ ms for the last \d+ s, confidence/.test(r),
        ),
      ).toBe(true);
      // What was read in step over the first part's judged seconds, and while flagged.
      const inStepPart = early.offsets
        .slice(0, Math.floor(PART_S))
        .filter((o, i): o is number => o !== null && early.detected[i] === 'no-concerns');
      expect(inStepPart.length).toBeGreaterThanOrEqual(2);
      const flaggedPart = early.offsets.filter(
        (o, i): o is number => o !== null && early.states[i] === 'concerns',
      );
      expect(flaggedPart.length).toBeGreaterThanOrEqual(2);
      console.info(
        `offsets, ms: in step ${inStepPart.map(Math.round).join(' ')}; flagged ${flaggedPart.map(Math.round).join(' ')}`,
      );
      // Every reading while flagged is beyond the lead limit.
      expect(Math.max(...flaggedPart)).toBeLessThan(-90);
      if (early.judgeable.at(-1))
        expect(early.live.signals.find((s) => s.id === 'lipsync')).toMatchObject({ state: 'concerns' });

      // The log (read as the recruiter's export): the offset flag, with evidence before it was raised.
      // (The clip repeats its 11.5 s part: the replay signal may rightly flag the repeat, so this test
      // counts lip-sync's own flags and pictures; each signal gets its own picture.)
      const flags = early.log.events.filter((e) => e.type === 'flag-raised' && e.signal === 'lipsync');
      console.info('lip-sync flags raised:', JSON.stringify(flags));
      const offsetFlags = flags.filter((f) => /^Lip-sync: audio leads video by/.test(f.detail));
      expect(offsetFlags).toHaveLength(1);
      // While the evidence holds both delays it can match neither, and the change may first read as a
      // voice that matches no offset (LipSyncOptions.recentMs; 2 of 21 recorded calls whose voice moved
      // 300 ms later, none of 21 whose voice moved earlier): then that flag comes first, logged as its
      // own, and the offset flag after it. Nothing else.
      expect(flags.length).toBeLessThanOrEqual(2);
      // The shift the flag states is the one made, within 70 ms, against the offset read in step in the
      // same page load (the demo's own offset differs between loads): 249–327 ms in ten runs. The bound
      // is the reading's own drift within one load (the same clip in step, read for 88 s, went +30 →
      // +129 ms), likely this machine's audio clock: headless Chromium's stand-in output lost 1.2 s
      // against the page clock over a minute (docs/evaluations/lipsync.md, "The e2e's shift"). The in-step part is
      // read 20 s before the flag.
      // The flag's words, not the readings after it, which keep drifting: their median moved with when
      // the flag came (249–308 ms in ten runs).
      const statedMs = -Number(/audio leads video by (\d+) ms/.exec(offsetFlags[0]!.detail)![1]);
      console.info(`in step ${median(inStepPart)} ms; the flag says ${statedMs} ms`);
      expect(Math.abs(statedMs - median(inStepPart) + SHIFT_MS)).toBeLessThan(70);
      expect(flags.at(-1)).toBe(offsetFlags[0]);
      if (flags.length === 2) expect(flags[0]!.detail).toMatch(/^Lip-sync: the voice has not followed/);
      for (const f of flags) {
        expect(f.evidenceFromMs!).toBeLessThan(f.tMs);
        // Its evidence starts after the voice moved: the in-step part is not counted against the candidate.
        // (The session starts before the watch restarts the clip, so the clip's PART_S falls a little later.)
        expect(f.evidenceFromMs!).toBeGreaterThan(PART_S * 1000);
      }
      expect(early.log.events.some((e) => e.type === 'audio-found')).toBe(true);
      const judged = early.log.seconds.filter((r) => r.lipSync && r.lipSync !== 'cannot-judge');
      expect(judged.length).toBeGreaterThan(5);
      expect(early.log.seconds.some((r) => r.lipSync === 'concerns' && (r.avOffsetMs ?? 0) < -200)).toBe(
        true,
      );

      // The review page lists the flag under Flags and shades its evidence on the timeline.
      const url = `chrome-extension://${b.extensionId}/extension/ui/review/review.html`;
      const review = await b.context.newPage();
      await review.goto(url);
      await review.waitForSelector('[data-ig="sessions"] tbody tr');
      const ids = await review
        .locator('[data-ig="sessions"] tbody tr[data-session]')
        .evaluateAll((rows: Element[]) => rows.map((r) => r.getAttribute('data-session')));
      expect(ids).toHaveLength(2);
      const pages: { flags: string; spans: number; pictures: number }[] = [];
      for (const id of ids) {
        const detail = await b.context.newPage();
        await detail.goto(`${url}#${id}`);
        await detail.waitForSelector('[data-ig="flags"]');
        pages.push({
          flags: await detail.locator('[data-ig="flags"]').innerText(),
          spans: await detail.locator('[data-ig="flag-span"]').count(),
          pictures: await detail.locator('[data-ig="snapshots"] img').count(),
        });
        // The recruiter's printable report of the flagged call (looked at by hand: test-results/).
        if (/Lip-sync at/.test(pages.at(-1)!.flags)) {
          const pdf = resolve('test-results', 'lipsync-report.pdf');
          await detail.pdf({ path: pdf, format: 'A4', printBackground: true });
          expect(readFileSync(pdf, 'latin1')).toContain('/Type /Page');
        }
        await detail.close();
      }
      const flagged = pages.filter((p) =>
        /Lip-sync at \d+ s \(evidence from \d+ s\).*audio leads video/s.test(p.flags),
      );
      const clean = pages.filter((p) => !/Lip-sync at/.test(p.flags));
      expect(flagged).toHaveLength(1);
      expect(clean).toHaveLength(1);
      expect(flagged[0]!.spans).toBeGreaterThanOrEqual(1);

      // A lip-sync snapshot at the first flag, sealed in the log and shown on the review page (a second
      // flag gets its own only 10 s or more after the first); none for the call in step.
      const lipSyncPictures = (log: typeof early.log) =>
        log.snapshots.filter((p) => p.reason.startsWith('Lip-sync'));
      expect(lipSyncPictures(early.log).length).toBeGreaterThanOrEqual(1);
      expect(lipSyncPictures(early.log).length).toBeLessThanOrEqual(flags.length);
      expect(lipSyncPictures(early.log)[0]!.reason).toBe(flags[0]!.detail);
      expect(lipSyncPictures(early.log)[0]!.jpegBase64.startsWith('/9j/')).toBe(true);
      expect(lipSyncPictures(inStep.log)).toHaveLength(0);
      expect(flagged[0]!.pictures).toBeGreaterThanOrEqual(1);
      expect(clean[0]!.pictures).toBe(inStep.log.snapshots.length);
    },
  );

  test('a page whose audio is not a media stream: lip-sync says it cannot judge, and why', async ({
    launch,
  }) => {
    const b = await launch();
    const run = await watch(b, 'generated/noface.mp4', 8, '&stream=0');
    expect(run.live.audio).toMatchObject({ tracks: 0 });
    expect(run.live.audio!.note).toMatch(/no candidate audio found/);
    expect(run.states).not.toContain('concerns');
    expect(run.live.signals.find((s) => s.id === 'lipsync')?.state).toBe('cannot-judge');
    expect(run.log.events.some((e) => e.type === 'audio-lost')).toBe(true);
  });
});
