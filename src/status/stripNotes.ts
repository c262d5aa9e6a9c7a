import type { Phrase } from '../text/Phrase';
import type { SignalView } from './LiveStatus';
import type { SignalState } from './SignalState';

/** One line under the strip: the rows that share a state and a reason, and that reason. */
export interface StripNote {
  labels: string[];
  /** The rows' ids, in the order of `labels` (for views that name them in another language). */
  ids: SignalView['id'][];
  state: SignalState;
  detail: string;
  /** `detail` as data (absent when its row had none). */
  words?: Phrase;
}

/** Most pressing first. */
const ORDER: readonly SignalState[] = ['concerns', 'inconclusive', 'cannot-judge', 'not-measured'];

/**
 * The reasons of every row that is not "no concerns", as text (a tooltip alone is not enough), with
 * rows that share a state and a reason on one line ("Lip-sync, Liveness: cannot judge — analysing 8
 * frames/s (needs 10)"). The Quality row is left out when every reason it gives is already shown,
 * and so is `shownElsewhere`, the row whose reason the view shows already (the headline's).
 */
export function stripNotes(
  signals: readonly SignalView[],
  shownElsewhere: SignalView['id'] | null = null,
): StripNote[] {
  const notes: StripNote[] = [];
  for (const state of ORDER)
    for (const s of signals) {
      if (s.state !== state) continue;
      const same = notes.find((n) => n.state === state && n.detail === s.detail);
      if (same) {
        same.labels.push(s.label);
        same.ids.push(s.id);
      } else
        notes.push({
          labels: [s.label],
          ids: [s.id],
          state,
          detail: s.detail,
          ...(s.words ? { words: s.words } : {}),
        });
    }
  const quality = notes.find((n) => n.labels.includes('Quality'));
  const shown = notes.filter((n) => n !== quality).map((n) => n.detail);
  if (
    quality &&
    quality.labels.length === 1 &&
    quality.detail.split('; ').every((p) => shown.some((d) => p.endsWith(d)))
  )
    notes.splice(notes.indexOf(quality), 1);
  // The row whose reason the view already shows (the headline's): not said twice.
  const i = notes.findIndex((n) => n.ids.includes(shownElsewhere!));
  if (i >= 0) {
    const n = notes[i]!;
    const k = n.ids.indexOf(shownElsewhere!);
    n.ids.splice(k, 1);
    n.labels.splice(k, 1);
    if (n.ids.length === 0) notes.splice(i, 1);
  }
  return notes;
}
