import { useState } from 'preact/hooks';
import { errorText, sayPhrase, t, uiLocale } from '../../shared/i18n';
import {
  EMPTY_CARD,
  isTimeZone,
  parseCandidateCard,
  timeZoneEntryProblem,
  type CandidateCard,
} from '../../../src/prompts/CandidateCard';

/** Every IANA time zone this browser knows, for the picker (typing filters it). */
const TIME_ZONES: string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
})();

/** The time now in `tz`, in the interviewer's locale ("Tue 14:05"), or null if `tz` is not a zone. */
function nowIn(tz: string): string | null {
  if (!tz || !isTimeZone(tz)) return null;
  return new Intl.DateTimeFormat(uiLocale(), {
    timeZone: tz,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date());
}

/**
 * The optional candidate card: what the application claims. Filled before the call (or during it);
 * it fills the résumé and location questions and the local-time check. One employer or school per
 * line: "Acme Cloud | backend engineer | 2021-03 | present". `onSave` keeps it and answers with
 * what became of it, in words.
 */
export function CandidateCardForm({
  value,
  onSave,
}: {
  value: CandidateCard | null;
  onSave(card: CandidateCard | null): Promise<string>;
}) {
  const v = value ?? EMPTY_CARD;
  const [name, setName] = useState(v.name);
  const [city, setCity] = useState(v.city);
  const [country, setCountry] = useState(v.country);
  const [timeZone, setTimeZone] = useState(v.timeZone);
  const [employers, setEmployers] = useState(
    v.employers.map((e) => [e.name, e.role, e.from, e.to].join(' | ')).join('\n'),
  );
  const [schools, setSchools] = useState(
    v.schools.map((s) => [s.name, s.degree, s.to].join(' | ')).join('\n'),
  );
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const lines = (text: string) =>
    text
      .split('\n')
      .map((l) => l.split('|').map((x) => x.trim()))
      .filter((p) => p[0]);
  /** A line written with commas where the parts are separated by "|": its parts would run together. */
  const commaLine = (text: string, what: string) => {
    const i = text.split('\n').findIndex((l) => l.includes(',') && !l.includes('|'));
    return i < 0 ? null : t('cardCommaLine', what, i + 1);
  };
  const keep = (card: CandidateCard | null) =>
    onSave(card).then(
      (said) => setSaved(said),
      (e: unknown) => {
        setSaved(null);
        setError(t('cardNotKept', errorText(e)));
      },
    );
  const save = () => {
    const card = {
      name: name.trim(),
      city: city.trim(),
      country: country.trim(),
      timeZone: timeZone.trim(),
      employers: lines(employers).map(([n, role = '', from = '', to = '']) => ({ name: n!, role, from, to })),
      schools: lines(schools).map(([n, degree = '', to = '']) => ({ name: n!, degree, to })),
    };
    const parsed = parseCandidateCard(card);
    const problem =
      sayPhrase(timeZoneEntryProblem(card.timeZone)) ||
      commaLine(employers, t('cardEmployersShort')) ||
      commaLine(schools, t('cardSchoolsShort')) ||
      (parsed.ok ? null : sayPhrase(parsed.words, parsed.error));
    if (problem || !parsed.ok) {
      setError(problem);
      setSaved(null);
      return;
    }
    setError(null);
    void keep(parsed.card);
  };
  const field = (label: string, val: string, set: (s: string) => void, ig: string, placeholder = '') => (
    <label class="field">
      {label}
      <input
        value={val}
        data-ig={ig}
        placeholder={placeholder}
        onInput={(e) => set((e.target as HTMLInputElement).value)}
      />
    </label>
  );
  const area = (label: string, val: string, set: (s: string) => void, ig: string, rows: number) => (
    <label class="field">
      {label}
      <textarea
        rows={rows}
        data-ig={ig}
        value={val}
        onInput={(e) => set((e.target as HTMLTextAreaElement).value)}
      />
    </label>
  );
  return (
    <details class="card" data-ig="candidate-card" open={!value}>
      <summary>
        {t('cardTitle')} {value?.name ? `· ${value.name}` : t('cardOptional')}
      </summary>
      <p class="muted">{t('cardIntro')}</p>
      {field(t('cardName'), name, setName, 'card-name')}
      {field(t('cardCity'), city, setCity, 'card-city')}
      {field(t('cardCountry'), country, setCountry, 'card-country')}
      <label class="field">
        {t('cardTimeZone')}
        <input
          value={timeZone}
          data-ig="card-tz"
          list="ig-time-zones"
          placeholder={t('cardTzPlaceholder')}
          onInput={(e) => setTimeZone((e.target as HTMLInputElement).value)}
        />
      </label>
      <datalist id="ig-time-zones">
        {TIME_ZONES.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      {timeZone.trim() && (
        <p class="muted" data-ig="card-tz-now">
          {nowIn(timeZone.trim())
            ? t('cardNowThere', nowIn(timeZone.trim())!)
            : sayPhrase(timeZoneEntryProblem(timeZone.trim())) || t('cardNotTz')}
        </p>
      )}
      {area(t('cardEmployers'), employers, setEmployers, 'card-employers', 3)}
      <Understood
        ig="card-employers-read"
        items={lines(employers).map(([n, role, from, to]) =>
          [n, role, from || to ? `${from || '?'} – ${to || '?'}` : ''].filter(Boolean).join(' · '),
        )}
      />
      {area(t('cardSchools'), schools, setSchools, 'card-schools', 2)}
      <Understood
        ig="card-schools-read"
        items={lines(schools).map(([n, degree, to]) => [n, degree, to].filter(Boolean).join(' · '))}
      />
      <div class="row">
        <button type="button" data-ig="card-save" onClick={save}>
          {t('cardSave')}
        </button>
        <button
          type="button"
          onClick={() => {
            setError(null);
            void keep(null);
          }}
        >
          {t('cardClear')}
        </button>
      </div>
      {error && (
        <p class="error" data-ig="card-error">
          {error}
        </p>
      )}
      {saved && (
        <p class="muted" data-ig="card-saved">
          {saved}
        </p>
      )}
    </details>
  );
}

/** Each line as it was understood (its parts apart), before it is saved. */
function Understood({ items, ig }: { items: string[]; ig: string }) {
  if (items.length === 0) return null;
  return (
    <ul class="muted understood" data-ig={ig} aria-label={t('cardAsUnderstood')}>
      {items.map((t, i) => (
        <li key={i}>{t}</li>
      ))}
    </ul>
  );
}
