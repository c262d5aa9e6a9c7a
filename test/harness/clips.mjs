// @ts-check
// Clips the tests and evaluations make with ffmpeg: the runner and the filter graphs that stand in
// for a hand across the face or a lean towards the camera.
import { spawnSync } from 'node:child_process';

/**
 * Runs ffmpeg quietly; throws with its own words on failure.
 * @param {string[]} argv
 */
export function ffmpeg(argv) {
  const r = spawnSync('ffmpeg', ['-v', 'error', '-y', ...argv], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ffmpeg ${argv.join(' ')} failed: ${r.stderr}`);
}

/**
 * ffmpeg filter graph (output [v]): a skin-toned block a third of `input`'s width and 70 % of its
 * height, at 20 % from the top, sweeping left to right across it in `spanS` seconds whenever the
 * ffmpeg expression `phase` (in t) runs from 0 to `spanS`: the stand-in for a hand across the face.
 * @param {{ input: string, width: number, height: number, durationS: number, phase: string, spanS?: number }} o
 */
export function handSweepGraph({ input, width, height, durationS, phase, spanS = 0.9 }) {
  const bw = 2 * Math.round(width / 6);
  const bh = 2 * Math.round((0.7 * height) / 2);
  const x = `if(between(${phase},0,${spanS}),-w+(${phase})/${spanS}*(W+w),-w)`;
  return (
    `color=c=0xC68E6E:s=${bw}x${bh}:r=25:d=${durationS}[hand];` +
    `[${input}][hand]overlay=x='${x}':y=H*0.2:eval=frame:shortest=1[v]`
  );
}

/**
 * ffmpeg filter graph (output [v]) of two inputs of the same footage: `first` shown for `everyS`
 * seconds, then `second`, and so on, each switch made while the block of {@link handSweepGraph}
 * crosses the middle of the picture (its centre there exactly at the switch).
 * @param {{ first: string, second: string, width: number, height: number, durationS: number, everyS: number, spanS?: number }} o
 */
export function switchBehindHandGraph({ first, second, width, height, durationS, everyS, spanS = 0.9 }) {
  return (
    `[${second}][${first}]overlay=enable='eq(mod(floor(t/${everyS}),2),0)':shortest=1[sw];` +
    handSweepGraph({ input: 'sw', width, height, durationS, phase: `mod(t+${spanS / 2},${everyS})`, spanS })
  );
}

/**
 * ffmpeg filter graph (output [v]) of a lean, closer then back, every `periodS`: the picture zooms
 * around its centre, z(t') for t' in the period: 1 → 1.45 (0.2–0.3 P), held to 0.45 P → 0.7
 * (0.55 P), held to 0.75 P → 1 (0.85 P), on black.
 * @param {{ input: string, width: number, height: number, durationS: number, periodS: number }} o
 */
export function leanGraph({ input, width, height, durationS, periodS }) {
  const tt = `mod(t,${periodS.toFixed(3)})`;
  const f = (/** @type {number} */ share) => (share * periodS).toFixed(3);
  const z =
    `if(lt(${tt},${f(0.2)}),1,if(lt(${tt},${f(0.3)}),1+0.45*(${tt}-${f(0.2)})/${f(0.1)},if(lt(${tt},${f(0.45)}),1.45,` +
    `if(lt(${tt},${f(0.55)}),1.45-0.75*(${tt}-${f(0.45)})/${f(0.1)},if(lt(${tt},${f(0.75)}),0.7,` +
    `if(lt(${tt},${f(0.85)}),0.7+0.3*(${tt}-${f(0.75)})/${f(0.1)},1))))))`;
  return (
    `color=c=black:s=${width}x${height}:r=25:d=${durationS}[bg];` +
    `[${input}]scale=w='trunc(iw*(${z})/2)*2':h='trunc(ih*(${z})/2)*2':eval=frame[fg];` +
    `[bg][fg]overlay=x='(W-w)/2':y='(H-h)/2':shortest=1:eval=frame[v]`
  );
}

/**
 * ffmpeg filter graph (output [v]) of two inputs of the same footage under the lean of
 * {@link leanGraph}: `first` shown until 0.65 of the first period (the hold at 70 % zoom), then
 * `second` until 0.65 of the next, and so on: each lean ends on another face than it began with.
 * @param {{ first: string, second: string, width: number, height: number, durationS: number, periodS: number }} o
 */
export function switchAtLeanGraph({ first, second, width, height, durationS, periodS }) {
  const shift = (0.35 * periodS).toFixed(3);
  return (
    `[${second}][${first}]overlay=enable='eq(mod(floor((t+${shift})/${periodS.toFixed(3)}),2),0)':shortest=1[sw];` +
    leanGraph({ input: 'sw', width, height, durationS, periodS })
  );
}
