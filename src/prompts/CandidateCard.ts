import { english, say, words, type Phrase } from '../text/Phrase';
import { isObj, isStr } from '../validate/guards';

/**
 * What the candidate claims, entered by the interviewer before the call or pasted from the
 * application. Stored only in the session log. Nothing here is about protected traits: no
 * nationality, age, religion or the like — only what the résumé and the application already say.
 */
export interface CandidateCard {
  name: string;
  /** Claimed city and country of residence. */
  city: string;
  country: string;
  /** Claimed time zone, IANA name (e.g. "America/Chicago"); '' when unknown. */
  timeZone: string;
  employers: { name: string; role: string; from: string; to: string }[];
  schools: { name: string; degree: string; to: string }[];
}

export const EMPTY_CARD: CandidateCard = {
  name: '',
  city: '',
  country: '',
  timeZone: '',
  employers: [],
  schools: [],
};

/** Whether `tz` is a time zone this runtime knows (IANA names, e.g. "Europe/Berlin"). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * Why a time zone typed by the interviewer should be written otherwise, or null. Abbreviations such
 * as "CST" are accepted by the runtime but name several places (US Central, China, Cuba), so the
 * local-time question could be checked against the wrong one: a new card asks for a place name.
 * Only for entry: a card already stored in a session stays readable whatever it holds.
 */
export function timeZoneEntryProblem(tz: string): Phrase | null {
  if (tz === '' || tz === 'UTC' || tz.includes('/')) return null;
  return say`"${tz}" is an abbreviation that several places share: use a place name like "America/Chicago".`;
}

const YEAR = /^$|^(19|20)\d\d(-(0[1-9]|1[0-2]))?$|^present$/i;

/** Checks a card (from a form or a stored session); returns the card or an error in words. */
export function parseCandidateCard(
  v: unknown,
): { ok: true; card: CandidateCard } | { ok: false; error: string; words: Phrase } {
  const fail = (w: Phrase) => ({ ok: false as const, error: english(w), words: w });
  if (!isObj(v)) return fail(words('The candidate card is not an object.'));
  for (const k of ['name', 'city', 'country', 'timeZone'] as const)
    if (!isStr(v[k], 120)) return fail(say`"${k}" must be text of at most 120 characters.`);
  if (v.timeZone !== '' && !isTimeZone(v.timeZone as string))
    return fail(
      say`"${String(v.timeZone).slice(0, 120)}" is not a time zone name (use one like "America/Chicago").`,
    );
  if (!Array.isArray(v.employers) || v.employers.length > 12)
    return fail(words('"employers" must be a list of at most 12.'));
  if (!Array.isArray(v.schools) || v.schools.length > 6)
    return fail(words('"schools" must be a list of at most 6.'));
  for (const [i, e] of v.employers.entries()) {
    if (!isObj(e) || !isStr(e.name, 120) || e.name.trim() === '' || !isStr(e.role, 120))
      return fail(say`Employer ${i + 1} needs a name (and a role, possibly empty).`);
    if (!isStr(e.from, 16) || !isStr(e.to, 16) || !YEAR.test(e.from) || !YEAR.test(e.to))
      return fail(say`Employer ${i + 1}: dates must be like 2021, 2021-06 or "present".`);
  }
  for (const [i, s] of v.schools.entries()) {
    if (
      !isObj(s) ||
      !isStr(s.name, 120) ||
      s.name.trim() === '' ||
      !isStr(s.degree, 120) ||
      !isStr(s.to, 16) ||
      !YEAR.test(s.to)
    )
      return fail(say`School ${i + 1} needs a name; its year must be like 2019.`);
  }
  // A fresh object with the card's fields only: whatever else the input carried is dropped.
  const e = v.employers as CandidateCard['employers'];
  const sc = v.schools as CandidateCard['schools'];
  return {
    ok: true,
    card: {
      name: v.name as string,
      city: v.city as string,
      country: v.country as string,
      timeZone: v.timeZone as string,
      employers: e.map(({ name, role, from, to }) => ({ name, role, from, to })),
      schools: sc.map(({ name, degree, to }) => ({ name, degree, to })),
    },
  };
}

/**
 * The card in one line, for asking the interviewer whether it is this call's candidate:
 * "Alex Morgan · Austin, United States · Acme Cloud". Empty parts are left out.
 */
export function cardSummary(card: CandidateCard): string {
  const place = [card.city, card.country].filter(Boolean).join(', ');
  return [card.name || 'no name', place, card.employers[0]?.name ?? ''].filter(Boolean).join(' · ');
}
