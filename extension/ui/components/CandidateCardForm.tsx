import { useState } from 'preact/hooks';
import { EMPTY_CARD, parseCandidateCard, type CandidateCard } from '../../../src/prompts/CandidateCard';

/**
 * The optional candidate card: what the application claims. Filled before the call (or pasted in
 * during it); it fills the résumé and location questions and the local-time check, and goes into the
 * session log. One employer or school per line: "Acme Cloud | backend engineer | 2021-03 | present".
 */
export function CandidateCardForm({
  value,
  onSave,
}: {
  value: CandidateCard | null;
  onSave(card: CandidateCard | null): void;
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
  const [saved, setSaved] = useState(false);
  const lines = (t: string) =>
    t
      .split('\n')
      .map((l) => l.split('|').map((x) => x.trim()))
      .filter((p) => p[0]);
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
    if (!parsed.ok) {
      setError(parsed.error);
      setSaved(false);
      return;
    }
    setError(null);
    setSaved(true);
    onSave(parsed.card);
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
      <summary>Candidate card {value?.name ? `· ${value.name}` : '(optional)'}</summary>
      <p class="muted">
        What the application claims. It shapes the questions and is kept in the session log only.
      </p>
      {field('Name', name, setName, 'card-name')}
      {field('City', city, setCity, 'card-city')}
      {field('Country', country, setCountry, 'card-country')}
      {field('Time zone', timeZone, setTimeZone, 'card-tz', 'e.g. America/Chicago')}
      {area(
        'Employers (one per line: name | role | from | to)',
        employers,
        setEmployers,
        'card-employers',
        3,
      )}
      {area('Schools (one per line: name | degree | year)', schools, setSchools, 'card-schools', 2)}
      <div class="row">
        <button type="button" data-ig="card-save" onClick={save}>
          Save card
        </button>
        <button
          type="button"
          onClick={() => {
            onSave(null);
            setSaved(false);
          }}
        >
          Clear
        </button>
      </div>
      {error && (
        <p class="error" data-ig="card-error">
          {error}
        </p>
      )}
      {saved && <p class="muted">Saved. It is used from the next card on.</p>}
    </details>
  );
}
