import { say, words, type Phrase } from '../text/Phrase';
import { tooBusy } from '../quality/judgeability';
import type { LiveStatus, SignalView } from './LiveStatus';

/**
 * A sentence as data, for views that say it in another language: the name of its message in the
 * extension's locale files, a number it carries, and the rows it names (by id).
 */
export interface Words {
  key: string;
  n?: number;
  ids?: SignalView['id'][];
}

/** The overlay's first line, and when it is not all clear, why and what to do now, in words. */
export interface Headline {
  text: string;
  /** Why, when the line is not plain "watching" (null otherwise). */
  reason: string | null;
  /** The one thing to do now (null when nothing is needed). */
  next: string | null;
  /** The row whose reason `reason` gives (null when it is none's): a view need not repeat it. */
  reasonRow: SignalView['id'] | null;
  /** `text`, `next` and `reason` as data (a message of the locale files, or a signal's reason). */
  words: { text: Words; reason: Words | Phrase | null; next: Words | null };
}

/** The rows whose verdicts are about the candidate (Face and Quality are about the picture). */
const JUDGING_ROWS: readonly SignalView['id'][] = ['lipsync', 'faceswap', 'liveness'];
const MOVE = 'ask a profile turn or a hand across the face (Check now)';
/** The rows' names as data (the locale files name them too: sigFace…). */
const ROW_WORDS: Record<SignalView['id'], Phrase> = {
  face: words('Face'),
  quality: words('Quality'),
  lipsync: words('Lip-sync'),
  faceswap: words('Face-swap'),
  liveness: words('Liveness'),
};
const W = (key: string, more: Omit<Words, 'key'> = {}): Words => ({ key, ...more });

/** The rows about the candidate that cannot judge now (or were never measured), most telling first. */
function unableRows(s: Pick<LiveStatus, 'signals'>): SignalView[] {
  const rows = s.signals.filter((x) => JUDGING_ROWS.includes(x.id));
  return rows
    .filter((x) => x.state === 'cannot-judge' || x.state === 'not-measured')
    .sort((a, b) => Number(b.state === 'cannot-judge') - Number(a.state === 'cannot-judge'));
}

/** Whether most of the signals about the candidate cannot judge now (the prompts then suggest a movement). */
export function mostCannotJudge(s: LiveStatus): boolean {
  return s.phase === 'watching' && mostRowsCannotJudge(s.face === 'found', s.signals);
}

/** The same, from a face in view and the strip's rows (the session, while it watches). */
export function mostRowsCannotJudge(facePresent: boolean, signals: SignalView[]): boolean {
  return facePresent && unableRows({ signals }).length >= 2;
}

/**
 * What the live status comes to, in one line: never a plain "face found" while most signals cannot
 * judge, and the computer named when it is too busy to analyse enough frames.
 */
export function headline(s: LiveStatus): Headline {
  const line = (
    text: [string, Words],
    reason: [string, Words | Phrase | null] | null = null,
    next: [string, Words] | null = null,
    reasonRow: SignalView['id'] | null = null,
  ): Headline => ({
    text: text[0],
    reasonRow,
    reason: reason?.[0] ?? null,
    next: next?.[0] ?? null,
    words: { text: text[1], reason: reason?.[1] ?? null, next: next?.[1] ?? null },
  });
  switch (s.phase) {
    case 'idle':
      return line(['Not watching', W('hlIdle')]);
    case 'loading': {
      const pct = Math.round(s.modelProgress * 100);
      return line([`Loading face model… ${pct}%`, W('hlLoading', { n: pct })]);
    }
    case 'error':
      return line(['Stopped: error', W('hlError')]);
    case 'watching':
      break;
  }
  if (s.face === 'unknown') return line(['Watching…', W('hlStarting')]);
  if (s.face === 'none') return line(['Watching · no face in the candidate video', W('hlNoFace')]);
  const rows = s.signals.filter((x) => JUDGING_ROWS.includes(x.id));
  const by = (state: SignalView['state']) => rows.filter((x) => x.state === state);
  const labels = (xs: SignalView[]) => xs.map((x) => x.label).join(', ');
  const ids = (xs: SignalView[]) => xs.map((x) => x.id);
  if (by('concerns').length)
    return line(
      [`Check: ${labels(by('concerns'))}`, W('hlCheck', { ids: ids(by('concerns')) })],
      [by('concerns')[0]!.detail, by('concerns')[0]!.words ?? null],
      ['ask a verification challenge', W('hlNextChallenge')],
      by('concerns')[0]!.id,
    );
  if (s.quality && tooBusy(s.quality))
    return line(
      [
        `Analysing ${Math.floor(s.quality.measured.fps)} frames/s: this computer may be too busy`,
        W('hlBusy', { n: Math.floor(s.quality.measured.fps) }),
      ],
      ['signals that need 10 steady frames/s cannot judge', W('hlBusyWhy')],
      ['close other tabs or programs', W('hlBusyNext')],
    );
  if (by('inconclusive').length)
    return line(
      [
        `Watching · ${labels(by('inconclusive'))} inconclusive`,
        W('hlInconclusive', { ids: ids(by('inconclusive')) }),
      ],
      [by('inconclusive')[0]!.detail, by('inconclusive')[0]!.words ?? null],
      ['a verification challenge can settle it', W('hlNextSettle')],
      by('inconclusive')[0]!.id,
    );
  if (mostCannotJudge(s)) {
    const why = unableRows(s)[0]!;
    return line(
      ['Most signals cannot judge', W('hlMostCannot')],
      [`${why.label}: ${why.detail}`, say`${ROW_WORDS[why.id]}: ${why.words ?? why.detail}`],
      [MOVE, W('hlNextMove')],
      why.id,
    );
  }
  return line(['Watching · face found', W('hlFaceFound')]);
}
