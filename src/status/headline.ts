import { tooBusy } from '../quality/judgeability';
import type { LiveStatus, SignalView } from './LiveStatus';

/** The overlay's first line, and when it is not all clear, why and what to do now, in words. */
export interface Headline {
  text: string;
  /** Why, when the line is not plain "watching" (null otherwise). */
  reason: string | null;
  /** The one thing to do now (null when nothing is needed). */
  next: string | null;
}

/** The rows whose verdicts are about the candidate (Face and Quality are about the picture). */
const JUDGING_ROWS: readonly SignalView['id'][] = ['lipsync', 'faceswap', 'liveness'];
const MOVE = 'ask a profile turn or a hand across the face (Check now)';

/** The rows about the candidate that cannot judge now (or were never measured), most telling first. */
function unableRows(s: LiveStatus): SignalView[] {
  const rows = s.signals.filter((x) => JUDGING_ROWS.includes(x.id));
  return rows
    .filter((x) => x.state === 'cannot-judge' || x.state === 'not-measured')
    .sort((a, b) => Number(b.state === 'cannot-judge') - Number(a.state === 'cannot-judge'));
}

/** Whether most of the signals about the candidate cannot judge now (the prompts then suggest a movement). */
export function mostCannotJudge(s: LiveStatus): boolean {
  return s.phase === 'watching' && s.face === 'found' && unableRows(s).length >= 2;
}

/**
 * What the live status comes to, in one line: never a plain "face found" while most signals cannot
 * judge, and the computer named when it is too busy to analyse enough frames.
 */
export function headline(s: LiveStatus): Headline {
  const line = (text: string, reason: string | null = null, next: string | null = null): Headline => ({
    text,
    reason,
    next,
  });
  switch (s.phase) {
    case 'idle':
      return line('Not watching');
    case 'loading':
      return line(`Loading face model… ${Math.round(s.modelProgress * 100)}%`);
    case 'error':
      return line('Stopped: error');
    case 'watching':
      break;
  }
  if (s.face === 'unknown') return line('Watching…');
  if (s.face === 'none') return line('Watching · no face in the candidate video');
  const rows = s.signals.filter((x) => JUDGING_ROWS.includes(x.id));
  const by = (state: SignalView['state']) => rows.filter((x) => x.state === state);
  const labels = (xs: SignalView[]) => xs.map((x) => x.label).join(', ');
  if (by('concerns').length)
    return line(
      `Check: ${labels(by('concerns'))}`,
      by('concerns')[0]!.detail,
      'ask a verification challenge',
    );
  if (s.quality && tooBusy(s.quality))
    return line(
      `Analysing ${Math.floor(s.quality.measured.fps)} frames/s: this computer may be too busy`,
      'signals that need 10 steady frames/s cannot judge',
      'close other tabs or programs',
    );
  if (by('inconclusive').length)
    return line(
      `Watching · ${labels(by('inconclusive'))} inconclusive`,
      by('inconclusive')[0]!.detail,
      'a verification challenge can settle it',
    );
  if (mostCannotJudge(s)) {
    const why = unableRows(s)[0]!;
    return line('Most signals cannot judge', `${why.label}: ${why.detail}`, MOVE);
  }
  return line('Watching · face found');
}
