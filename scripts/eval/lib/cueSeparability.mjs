// What the lip-sync cue itself allows, whatever the flag rules make of it (npm run eval:lipsync's
// summary.cueSeparability): from each run's readings, the mean lag curve's peak over its median by
// how many windows it held, and how well that figure tells other speakers' voices from the clips' own;
// beside it the mouth-shape cue (visemes against the visible mouth, its z over the last 10 s) read at
// the same moment, and the two summed.
import { aucOf, quantile, round } from './evalKit.mjs';

/**
 * The mean lag curve at the first reading that held each number of windows: its peak over its median
 * and the speech heard by then, keyed by the windows (readings from before the trace carried them: {}).
 */
export function evidenceByWindows(readings) {
  const out = {};
  for (const r of readings) {
    if (!(r.windows > 0) || r.windows in out || !Number.isFinite(r.evidenceConfidence)) continue;
    out[r.windows] = {
      confidence: round(r.evidenceConfidence, 4),
      speechS: round(r.speechMs / 1000, 1),
      shape:
        r.shape?.evidence === 'enough' && Number.isFinite(r.shape.score) ? round(r.shape.score, 3) : null,
    };
  }
  return out;
}

/**
 * Windows of evidence at which the cue's separability is reported: 3, the first reading; 4, the fewest
 * a flag may use; 7, about the 10 s of speech; 8, all that the tracker's default 8 s of
 * evidence holds (one window a second).
 */
export const SEPARABILITY_WINDOWS = [3, 4, 6, 7, 8];

/**
 * How well the cue itself tells another voice from the speaker's own, whatever the flag rules make of
 * it: at the first reading whose mean curve held N windows, the curve's peak over its median for the
 * clips' own voices (the original and every shift: the same voice at another delay still fits a lag)
 * against other speakers' voices. `auc`: the chance that another voice reads flatter than the own one.
 * `otherBelowOwnP05`: the share of other voices flatter than all but 5 % of own voices, i.e. what a
 * threshold on this figure alone would catch at that much speech while sparing 95 % of genuine calls.
 * `shape`: the same for the mouth-shape cue's z, over the runs that had one then; `both`: the two
 * cues summed, each divided by its median over the own voices (so each counts alike), over the runs
 * with both.
 */
export function cueSeparability(genuine, windows = SEPARABILITY_WINDOWS) {
  const own = genuine.filter((r) => r.variant === 'original' || r.variant.startsWith('shift'));
  const other = genuine.filter((r) => r.variant === 'foreign');
  const at = (rs, w) => rs.map((r) => r.evidenceByWindows?.[w]).filter(Boolean);
  const out = [];
  for (const w of windows) {
    const o = at(own, w);
    const f = at(other, w);
    if (o.length < 10 || f.length < 2) continue;
    const loudness = figures(
      o.map((e) => e.confidence),
      f.map((e) => e.confidence),
    );
    const speechS = [...o, ...f].map((e) => e.speechS);
    out.push({
      windows: w,
      medianSpeechS: round(quantile(speechS, 0.5), 1),
      own: o.length,
      other: f.length,
      auc: loudness.auc,
      ownP05: loudness.ownP05,
      otherBelowOwnP05: loudness.otherBelowOwnP05,
      shape: separation(
        o.map((e) => e.shape),
        f.map((e) => e.shape),
      ),
      both: (() => {
        const oBoth = o.filter((e) => Number.isFinite(e.shape));
        const fBoth = f.filter((e) => Number.isFinite(e.shape));
        const mc = quantile(
          oBoth.map((e) => e.confidence),
          0.5,
        );
        const ms = quantile(
          oBoth.map((e) => e.shape),
          0.5,
        );
        if (!(mc > 0 && ms > 0)) return null;
        const sum = (e) => e.confidence / mc + e.shape / ms;
        return separation(oBoth.map(sum), fBoth.map(sum));
      })(),
    });
  }
  return out;
}

/** AUC of own against other, the own values' 5th percentile, and the share of others under it (rounded). */
function figures(own, other) {
  const p05 = quantile(own, 0.05);
  return {
    auc: round(aucOf(own, other), 3),
    ownP05: round(p05, 3),
    otherBelowOwnP05: round(other.filter((c) => c < p05).length / other.length, 3),
  };
}

/** The figures over the finite values, with their counts (null under 10 own or 2 other). */
function separation(own, other) {
  const o = own.filter(Number.isFinite);
  const f = other.filter(Number.isFinite);
  if (o.length < 10 || f.length < 2) return null;
  const { auc, otherBelowOwnP05 } = figures(o, f);
  return { own: o.length, other: f.length, auc, otherBelowOwnP05 };
}
