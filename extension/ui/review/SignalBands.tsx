import { sayPhrase, t } from '../../shared/i18n';
import { VERDICT_WORDS } from '../../../src/challenges/Challenge';
import { eventText } from './eventText';
import { stateBands, type BandState } from '../../../src/plot/stateBands';
import { verdictOf } from '../../../src/session/overallState';
import type { SecondRecord } from '../../../src/session/SecondRecord';
import type { SessionEvent } from '../../../src/session/SessionRecord';
import { SIGNAL_GROUP, type FaceSignalId } from '../../../src/signals/SignalReading';
import { challengeName, signalLabel, stateText } from '../components/StatusView';

/** The signals with a state per second, as lanes: which record field holds each. */
const LANES: {
  id: 'lipsync' | 'faceswap' | 'liveness';
  of(r: SecondRecord): BandState | null | undefined;
}[] = [
  { id: 'lipsync', of: (r) => r.lipSync },
  { id: 'faceswap', of: (r) => r.faceSwap },
  { id: 'liveness', of: (r) => r.liveness },
];

const LEGEND: BandState[] = ['no-concerns', 'inconclusive', 'concerns', 'cannot-judge', 'not-measured'];

/** The legend's marks, each with its words. */
const MARKS = [
  ['mark-flag', 'bandsFlag'],
  ['mark-passed', 'bandsPassed'],
  ['mark-failed', 'bandsFailed'],
  ['mark-other', 'bandsOther'],
] as const;

const LEFT = 110;
const WIDTH = 880;
const LANE_H = 26;
const GAP = 8;
/** Room above the first lane for its flag marks. */
const TOP = 12;

/** The lane a flag belongs to: lip-sync, or the group of a face signal. */
function laneOf(e: SessionEvent): string | null {
  if (!e.signal) return null;
  if (e.signal === 'lipsync' || e.signal === 'faceswap' || e.signal === 'liveness') return e.signal;
  return SIGNAL_GROUP[e.signal as FaceSignalId] ?? null;
}

/** "1:05" for 65 s. */
const clock = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;

/** A tick step (s) that puts 4 to 10 ticks on a call of `n` seconds. */
function tickStep(n: number): number {
  for (const s of [5, 10, 15, 30, 60, 120, 300, 600, 900, 1800]) if (n / s <= 10) return s;
  return 3600;
}

/**
 * Each signal's state over the call as coloured bands (the colours of the overlay's dots, with the
 * state also in each band's tooltip and a legend, so colour is never the only cue), the flags on
 * their signal's lane, and the challenges and questions on a lane of their own. A second not in the
 * log is left empty; a signal the log kept no state for reads "not measured", never a verdict.
 */
export function SignalBands({ seconds, events }: { seconds: SecondRecord[]; events: SessionEvent[] }) {
  const n = seconds.length === 0 ? 0 : seconds[seconds.length - 1]!.t + 1;
  const x = (tS: number) => LEFT + (n > 0 ? (Math.min(tS, n) / n) * WIDTH : 0);
  const checksY = TOP + LANES.length * (LANE_H + GAP);
  const height = checksY + LANE_H + 30;
  const step = tickStep(n);
  const ticks = Array.from({ length: Math.floor(n / step) + 1 }, (_, i) => i * step);
  const flags = events.filter((e) => e.type === 'flag-raised' && laneOf(e) !== null);
  const checks = events.filter((e) => e.type === 'challenge-verdict' || e.type === 'question-marked');
  return (
    <section class="card" data-ig="signal-bands">
      <h2>{t('bandsTitle')}</h2>
      <ul class="legend" data-ig="bands-legend">
        {LEGEND.map((s) => (
          <li key={s}>
            <svg width="14" height="14" aria-hidden="true">
              <rect width="14" height="14" class={`band band-${s}`} />
            </svg>
            {stateText(s)}
          </li>
        ))}
        {MARKS.map(([mark, key]) => (
          <li key={key}>
            <svg width="14" height="14" aria-hidden="true">
              {mark === 'mark-flag' ? (
                <path d="M1 1 L13 1 L7 12 Z" class={mark} />
              ) : (
                <circle cx="7" cy="7" r="5" class={mark} />
              )}
            </svg>
            {t(key)}
          </li>
        ))}
      </ul>
      <svg
        class="plot bands"
        viewBox={`0 0 ${LEFT + WIDTH + 24} ${height}`}
        width="100%"
        role="img"
        aria-label={t('bandsAria')}
      >
        <defs>
          <pattern
            id="ig-hatch"
            width="6"
            height="6"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <line x1="0" y1="0" x2="0" y2="6" class="hatch-line" stroke-width="2" />
          </pattern>
        </defs>
        {LANES.map((lane, i) => {
          const y = TOP + i * (LANE_H + GAP);
          return (
            <g key={lane.id} data-lane={lane.id}>
              <text x={0} y={y + LANE_H / 2 + 4}>
                {signalLabel(lane.id)}
              </text>
              <rect x={LEFT} y={y} width={WIDTH} height={LANE_H} class="lane-bg" />
              {stateBands(seconds, lane.of).map((b) => (
                <rect
                  key={b.fromS}
                  x={x(b.fromS)}
                  y={y}
                  width={Math.max(1, x(b.toS) - x(b.fromS))}
                  height={LANE_H}
                  class={`band band-${b.state}`}
                  data-state={b.state}
                >
                  <title>{`${signalLabel(lane.id)}: ${stateText(b.state)}, ${clock(b.fromS)}–${clock(b.toS)}`}</title>
                </rect>
              ))}
              {flags
                .filter((f) => laneOf(f) === lane.id)
                .map((f, k) => {
                  const from = f.evidenceFromMs === undefined ? f.tMs : f.evidenceFromMs;
                  return (
                    <g key={k} data-ig="band-flag">
                      <rect
                        x={x(from / 1000)}
                        y={y + 1}
                        width={Math.max(2, x(f.tMs / 1000) - x(from / 1000))}
                        height={LANE_H - 2}
                        class="flag-outline"
                        fill="none"
                      />
                      <path
                        d={`M${x(f.tMs / 1000) - 6} ${y - 4} L${x(f.tMs / 1000) + 6} ${y - 4} L${x(f.tMs / 1000)} ${y + 7} Z`}
                        class="mark-flag"
                      >
                        <title>{`${clock(f.tMs / 1000)} — ${t('bandsFlagTip', eventText(f))}`}</title>
                      </path>
                    </g>
                  );
                })}
            </g>
          );
        })}
        <g data-lane="checks">
          <text x={0} y={checksY + LANE_H / 2 + 4}>
            {t('bandsChecks')}
          </text>
          <rect x={LEFT} y={checksY} width={WIDTH} height={LANE_H} class="lane-bg" />
          {checks.map((e, k) => {
            const v = e.type === 'challenge-verdict' ? verdictOf(e) : null;
            const what =
              e.type === 'challenge-verdict'
                ? `${challengeName(String(e.data?.challenge ?? ''))}: ${v ? sayPhrase(VERDICT_WORDS[v]) : ''}`
                : t('bandsQuestion');
            return (
              <circle
                key={k}
                cx={x(e.tMs / 1000)}
                cy={checksY + LANE_H / 2}
                r={6}
                class={v === 'passed' ? 'mark-passed' : v === 'failed' ? 'mark-failed' : 'mark-other'}
                data-ig="band-check"
              >
                <title>{`${clock(e.tMs / 1000)} — ${what} — ${eventText(e)}`}</title>
              </circle>
            );
          })}
        </g>
        {ticks.map((t) => (
          <text key={t} x={x(t)} y={height - 6} class="range" text-anchor="middle">
            {clock(t)}
          </text>
        ))}
      </svg>
    </section>
  );
}
