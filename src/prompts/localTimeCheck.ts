import { english, say, type Phrase } from '../text/Phrase';

const noted = (w: Phrase) => ({ note: english(w), words: w });
/** The candidate's answer to "what time is it for you?" against the clock of the claimed time zone. */
export interface LocalTimeCheck {
  /** The answer could be read as a time of day. */
  understood: boolean;
  /** The local time in the claimed zone at the moment of the answer, "HH:MM". */
  expected: string;
  /** Smallest difference between the answer and the expected time, minutes (12-hour answers: either half of the day). */
  differenceMin: number;
  /** Within `toleranceMin`. */
  matches: boolean;
  /** Plain words for the card and the log; never an accusation (English; `words` the same as data). */
  note: string;
  words: Phrase;
}

/** "3:40 pm", "15:40", "3pm", "3.40", "15h40" → minutes after midnight (and whether am/pm was given). */
export function parseTimeOfDay(answer: string): { minutes: number; twelveHour: boolean } | null {
  const m = /^\s*(\d{1,2})(?:[:.h](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?\s*$/i.exec(answer);
  if (!m) return null;
  let h = Number(m[1]);
  const min = m[2] ? Number(m[2]) : 0;
  if (h > 23 || min > 59) return null;
  const ampm = m[3]?.toLowerCase().replace(/\./g, '');
  if (ampm) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (ampm === 'pm' ? 12 : 0);
    return { minutes: h * 60 + min, twelveHour: false };
  }
  // Without am/pm, "3" could be 03:00 or 15:00; "15" cannot.
  return { minutes: h * 60 + min, twelveHour: h <= 12 && !m[2]?.startsWith('0') && h !== 0 };
}

/** Local time in `timeZone` at `at`, as minutes after midnight. */
export function minutesInZone(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const h = Number(parts.find((p) => p.type === 'hour')?.value);
  const m = Number(parts.find((p) => p.type === 'minute')?.value);
  return h * 60 + m;
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * Compares the stated local time with the claimed zone's clock (default tolerance 20 minutes: people
 * round, and clocks differ). A mismatch is a note for the interviewer — the candidate may be
 * travelling, or have misheard — not a finding.
 */
export function checkLocalTime(
  answer: string,
  timeZone: string,
  at: Date,
  toleranceMin = 20,
): LocalTimeCheck {
  const expectedMin = minutesInZone(at, timeZone);
  const expected = hhmm(expectedMin);
  const parsed = parseTimeOfDay(answer);
  if (!parsed)
    return {
      understood: false,
      expected,
      differenceMin: NaN,
      matches: false,
      ...noted(say`could not read "${answer.slice(0, 40)}" as a time; it is ${expected} in ${timeZone}`),
    };
  const circ = (a: number, b: number) => {
    const d = Math.abs(a - b) % 1440;
    return Math.min(d, 1440 - d);
  };
  let diff = circ(parsed.minutes, expectedMin);
  if (parsed.twelveHour) diff = Math.min(diff, circ(parsed.minutes + 720, expectedMin));
  const matches = diff <= toleranceMin;
  const hours = Math.round(diff / 30) / 2;
  return {
    understood: true,
    expected,
    differenceMin: diff,
    matches,
    ...noted(
      matches
        ? say`matches the claimed time zone (${expected} in ${timeZone})`
        : say`${String(hours)} h off the claimed time zone (${expected} in ${timeZone}): worth a friendly follow-up (travel, a misheard question)`,
    ),
  };
}
