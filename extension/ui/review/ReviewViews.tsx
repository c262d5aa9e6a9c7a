import { CHALLENGE_LABEL, type ChallengeKind } from '../../../src/challenges/Challenge';
import { sayPhrase, t, uiLocale, type MessageKey } from '../../shared/i18n';
import { MARK_LABEL, type QuestionMark } from '../../../src/prompts/PromptFlow';
import { useState } from 'preact/hooks';
import { FAIRNESS_CAVEAT_WORDS } from '../../../src/fusion/signalRows';
import { FACE_SIGNAL_LABEL } from '../../../src/signals/SignalReading';
import { linePath } from '../../../src/plot/linePath';
import { ACCOMMODATION_WORDS } from '../../../src/consent/noticeText';
import { analysisCoverage } from '../../../src/session/analysisCoverage';
import type { SessionFilter } from '../../../src/session/filterSessions';
import type { EvidenceSnapshot } from '../../../src/session/EvidenceSnapshot';
import { isWithdrawal, overallState } from '../../../src/session/overallState';
import type { OverallState } from '../../../src/session/Overall';
import { isTechnical, TECHNICAL_EVENTS } from '../../../src/session/technicalEvents';
import type { SecondRecord } from '../../../src/session/SecondRecord';
import type { SessionEvent, SessionRecord } from '../../../src/session/SessionRecord';
import { caveat } from '../components/LiveView';
import { markName } from '../components/StatusView';
import { SignalBands } from './SignalBands';
import { InOrder } from './InOrder';
import { eventBody, eventText, eventTypeText } from './eventText';
import { SIGNAL_LABEL, signalName } from './signalLabels';

const fmtDate = (ms: number) => new Date(ms).toLocaleString(uiLocale());
const fmtDur = (s: number) => `${Math.floor(s / 60)} min ${s % 60} s`;
const fmtNum = (v: number) => (Math.abs(v) >= 10 || v === 0 ? v.toFixed(0) : v.toFixed(2));

import type { ListedSession as Listed } from '../../shared/log/LogReader';
import { words } from '../../../src/text/Phrase';

/** A button that reads a chosen JSON file as text (a session export, a question bank). */
export function ImportButton({
  onImport,
  label = t('rvImport'),
  ig = 'import',
}: {
  onImport(text: string, name: string): void;
  label?: string;
  ig?: string;
}) {
  return (
    <label class="button-like">
      {label}
      <input
        type="file"
        accept="application/json,.json"
        data-ig={ig}
        style="display:none"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) void file.text().then((t) => onImport(t, file.name));
        }}
      />
    </label>
  );
}

const STATE_WORD_KEY = {
  'no-concerns': 'stateNoConcerns',
  inconclusive: 'stateInconclusive',
  concerns: 'stateConcerns',
  'cannot-judge': 'stateCannotJudge',
} as const satisfies Record<OverallState, MessageKey>;
const stateWord = (st: OverallState) => t(STATE_WORD_KEY[st]);

/** The call as a whole, first thing on the page: the state and why, never a hiring recommendation. */
export function OverallSummary({ seconds, events }: { seconds: SecondRecord[]; events: SessionEvent[] }) {
  const o = overallState(seconds, events);
  return (
    <div class={`card overall state-${o.state}`} data-ig="overall" data-state={o.state}>
      <p style="margin:0;font-weight:700;font-size:16px">{stateWord(o.state)}</p>
      <ul style="margin:4px 0 0;padding-left:18px">
        {o.words.map((r, i) => (
          <li key={i}>{sayPhrase(r)}</li>
        ))}
      </ul>
    </div>
  );
}

export function FilterBar({ value, onChange }: { value: SessionFilter; onChange(f: SessionFilter): void }) {
  const set = (k: keyof SessionFilter) => (e: Event) =>
    onChange({ ...value, [k]: (e.currentTarget as HTMLInputElement).value });
  return (
    <div class="row no-print" data-ig="filter" style="margin-bottom:10px">
      <input
        type="search"
        placeholder={t('rvSearch')}
        aria-label={t('rvSearchSessions')}
        value={value.text}
        onInput={set('text')}
      />
      <select aria-label={t('rvPlatform')} value={value.platform} onChange={set('platform')}>
        <option value="">{t('rvAllPlatforms')}</option>
        <option value="meet">{'Google Meet'}</option>
        <option value="zoom">{'Zoom'}</option>
        <option value="teams">{'Teams'}</option>
        <option value="generic">{t('rvOtherPages')}</option>
        <option value="demo">{t('rvDemo')}</option>
      </select>
      <select aria-label={t('rvState')} data-ig="filter-state" value={value.state} onChange={set('state')}>
        <option value="">{t('rvAnyState')}</option>
        <option value="concerns">{t('stateConcerns')}</option>
        <option value="inconclusive">{t('stateInconclusive')}</option>
        <option value="no-concerns">{t('stateNoConcerns')}</option>
        <option value="cannot-judge">{t('stateCannotJudge')}</option>
      </select>
      <label>
        {t('rvFrom')} <input type="date" value={value.from} onInput={set('from')} />
      </label>
      <label>
        {t('rvTo')} <input type="date" value={value.to} onInput={set('to')} />
      </label>
    </div>
  );
}

export function SessionList({
  sessions,
  onOpen,
  filtered = false,
}: {
  sessions: Listed[];
  onOpen(id: string): void;
  /** The list is a filtered view: an empty one says nothing about the log. */
  filtered?: boolean;
}) {
  if (sessions.length === 0 && filtered) return null;
  if (sessions.length === 0)
    return (
      <p class="muted" data-ig="no-sessions">
        {t('rvNoSessions')}
      </p>
    );
  return (
    <table data-ig="sessions">
      <thead>
        <tr>
          <th>{t('rvStarted')}</th>
          <th>{t('rvCandidate')}</th>
          <th>{t('rvState')}</th>
          <th>{t('rvPlatform')}</th>
          <th>{t('rvPage')}</th>
          <th>{t('rvRecorded')}</th>
          <th>{t('rvEnded')}</th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((s) =>
          'unreadable' in s ? (
            <tr key={s.id} data-session={s.id}>
              <td>{fmtDate(s.startedAt)}</td>
              <td colSpan={6} class="error">
                {t('rvUnreadable', s.unreadable)}
              </td>
            </tr>
          ) : (
            <tr key={s.id} data-session={s.id}>
              <td>
                <a href={`#${s.id}`} onClick={() => onOpen(s.id)}>
                  {fmtDate(s.startedAt)}
                </a>
              </td>
              <td>{s.candidate?.name || <span class="muted">—</span>}</td>
              <td class={s.overall ? `state-${s.overall.state}` : 'muted'} data-ig="state">
                {s.overall ? stateWord(s.overall.state) : t('rvNotComputed')}
              </td>
              <td>{s.platform}</td>
              <td>{s.pageHost}</td>
              <td>{fmtDur(s.seconds)}</td>
              <td>
                {s.endedAt ? (
                  fmtDate(s.endedAt)
                ) : (
                  <span class="muted">{t('rvCutOffList', fmtDate(s.lastWrittenAt))}</span>
                )}
              </td>
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}

interface Lane {
  label: string;
  values: (number | null)[];
  yMin?: number;
  yMax?: number;
  unit: string;
}

const LANE_H = 46;
const PLOT_W = 880;
const LEFT = 130;

/** Every recorded feature over the call, one lane each, with events as vertical marks. */
export function TimelinePlot({ seconds, events }: { seconds: SecondRecord[]; events: SessionEvent[] }) {
  const n = seconds.length === 0 ? 0 : seconds[seconds.length - 1]!.t + 1;
  const at = (pick: (r: SecondRecord) => number | null): (number | null)[] => {
    const out: (number | null)[] = new Array(n).fill(null);
    for (const r of seconds) out[r.t] = pick(r);
    return out;
  };
  const lanes: Lane[] = [
    {
      label: t('rawFace'),
      values: at((r) => (r.frames ? r.faceFrames / r.frames : null)),
      yMin: 0,
      yMax: 1,
      unit: t('unitShare'),
    },
    { label: t('rawFrames'), values: at((r) => r.frames), yMin: 0, unit: t('unitPerS') },
    { label: t('rawYaw'), values: at((r) => r.yawDeg), yMin: -60, yMax: 60, unit: '°' },
    { label: t('rawPitch'), values: at((r) => r.pitchDeg), yMin: -40, yMax: 40, unit: '°' },
    { label: t('rawRoll'), values: at((r) => r.rollDeg), yMin: -40, yMax: 40, unit: '°' },
    { label: t('rawMouth'), values: at((r) => r.mouthAperture), yMin: 0, yMax: 0.8, unit: t('unitRatio') },
    {
      label: t('rawMouthMove'),
      values: at((r) => r.mouthApertureStd),
      yMin: 0,
      yMax: 0.3,
      unit: t('unitSd'),
    },
    { label: t('rawEyes'), values: at((r) => r.eyeOpenness), yMin: 0, yMax: 0.45, unit: t('unitRatio') },
    { label: t('rawFaceHeight'), values: at((r) => r.faceHeightPx), yMin: 0, unit: 'px' },
    {
      label: t('rawSpeech'),
      values: at((r) => r.speechFraction ?? null),
      yMin: 0,
      yMax: 1,
      unit: t('unitShare'),
    },
    {
      label: t('rawOffset'),
      values: at((r) => r.avOffsetMs ?? null),
      yMin: -600,
      yMax: 600,
      unit: t('unitMsLate'),
    },
    {
      label: t('rawRisk'),
      values: at((r) => r.faceRisk ?? null),
      yMin: 0,
      yMax: 1,
      unit: t('unitScore'),
    },
    {
      label: t('rawSync'),
      values: at((r) => r.syncConfidence ?? null),
      yMin: 0,
      yMax: 0.8,
      unit: t('unitScore'),
    },
  ];
  const height = lanes.length * LANE_H + 24;
  const xOf = (tS: number) => LEFT + (n > 1 ? (tS / (n - 1)) * PLOT_W : 0);
  return (
    <svg
      class="plot"
      data-ig="timeline"
      viewBox={`0 0 ${LEFT + PLOT_W + 10} ${height}`}
      width="100%"
      role="img"
      aria-label={t('rvTimelineAria')}
    >
      {lanes.map((lane, i) => {
        const y0 = i * LANE_H + 4;
        const finite = lane.values.filter((v): v is number => v !== null && Number.isFinite(v));
        const lo = lane.yMin ?? (finite.length ? Math.min(...finite) : 0);
        const hi = lane.yMax ?? (finite.length ? Math.max(...finite) : 1);
        const d = linePath(lane.values, {
          widthPx: PLOT_W,
          heightPx: LANE_H - 12,
          yMin: lo,
          yMax: hi,
          xMax: n - 1,
        });
        return (
          <g key={lane.label} transform={`translate(0,${y0})`}>
            <text x={0} y={12}>
              {lane.label}
            </text>
            <text x={0} y={26} class="range">
              {t('rvRange', fmtNum(lo), fmtNum(hi), lane.unit)}
            </text>
            <rect x={LEFT} y={0} width={PLOT_W} height={LANE_H - 12} class="lane-bg" />
            <path d={d} transform={`translate(${LEFT},0)`} fill="none" class="lane-line" stroke-width={1.5} />
          </g>
        );
      })}
      {events.map((e, i) =>
        e.type === 'flag-raised' && e.evidenceFromMs !== undefined ? (
          // A flag: its evidence span shaded, from the first evidence to when it was raised.
          <rect
            key={i}
            x={xOf(e.evidenceFromMs / 1000)}
            width={Math.max(2, xOf(e.tMs / 1000) - xOf(e.evidenceFromMs / 1000))}
            y={0}
            height={height - 20}
            class="flag-span"
            fill-opacity={0.25}
            data-ig="flag-span"
          >
            <title>{`${(e.evidenceFromMs / 1000).toFixed(0)}–${(e.tMs / 1000).toFixed(0)} s — ${eventText(e)}`}</title>
          </rect>
        ) : (
          <line
            key={i}
            x1={xOf(e.tMs / 1000)}
            x2={xOf(e.tMs / 1000)}
            y1={0}
            y2={height - 20}
            class="event-line"
            stroke-opacity={0.35}
          >
            <title>{`${(e.tMs / 1000).toFixed(1)} s — ${eventTypeText(e.type)}: ${eventText(e)}`}</title>
          </line>
        ),
      )}
      <text x={LEFT} y={height - 4}>
        0 s
      </text>
      <text x={LEFT + PLOT_W - 30} y={height - 4}>
        {Math.max(0, n - 1)} s
      </text>
    </svg>
  );
}

const pct = (x: number) => `${Math.round(x * 100)} %`;

/** Flags raised during the call: which signal, since when, how sure, and why; never a verdict on the person. */
export function Flags({ events }: { events: SessionEvent[] }) {
  const flags = events.filter(
    (e) =>
      e.type === 'flag-raised' ||
      e.type === 'flag-cleared' ||
      (e.type === 'challenge-verdict' && e.data?.verdict === 'failed'),
  );
  return (
    <div data-ig="flags">
      <h2>{t('rvFlags')}</h2>
      {flags.length === 0 ? (
        <p>{t('rvNoFlags')}</p>
      ) : (
        <ul>
          {flags.map((e, i) => (
            <li key={i} data-ig={e.type}>
              <strong>{e.signal ? signalName(e.signal) : t('rvSignal')}</strong>{' '}
              {e.type !== 'flag-cleared'
                ? `${t('rvFlagAt', fmtSec(e.tMs))}${e.evidenceFromMs !== undefined ? ` ${t('rvEvidenceFrom', fmtSec(e.evidenceFromMs))}` : ''}${e.confidence ? `, ${t('rvConfidence', sayPhrase(CONFIDENCE_WORDS[e.confidence]))}` : ''}: `
                : isWithdrawal(e)
                  ? `${t('rvWithdrawn', fmtSec(e.tMs))} `
                  : `${t('rvCleared', fmtSec(e.tMs))} `}
              {eventBody(e, SIGNAL_LABEL[e.signal ?? ''])}
              {e.type === 'flag-raised' && e.signal && e.signal in FACE_SIGNAL_LABEL && (
                <div class="muted" data-ig="fairness">
                  {sayPhrase(FAIRNESS_CAVEAT_WORDS)}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <p class="muted">{t('rvFlagsNote')}</p>
    </div>
  );
}

/** A flag's confidence in words (the core's 'medium' and 'high'). */
const CONFIDENCE_WORDS = { medium: words('medium'), high: words('high') };

const fmtSec = (ms: number) => `${(ms / 1000).toFixed(0)} s`;

/** What the interviewer's candidate card said. */
export function CandidateSummary({ session }: { session: SessionRecord }) {
  const c = session.candidate;
  if (!c) return <p data-ig="candidate">{t('rvNoCard')}</p>;
  return (
    <div data-ig="candidate">
      <h2>{t('cardTitle')}</h2>
      <p>
        <strong>{c.name || t('rvNoName')}</strong> {t('rvClaims')}{' '}
        {[c.city, c.country].filter(Boolean).join(', ') || t('rvNoLocation')}
        {c.timeZone && ` · ${t('rvTimeZone', c.timeZone)}`}
      </p>
      {c.employers.length > 0 && (
        <p class="muted">
          {c.employers.map((e) => `${e.name}${e.role ? ` (${e.role})` : ''} ${e.from}–${e.to}`).join('; ')}
        </p>
      )}
      {c.schools.length > 0 && (
        <p class="muted">{c.schools.map((s) => `${s.name} ${s.degree} ${s.to}`).join('; ')}</p>
      )}
    </div>
  );
}

/** Challenges with the machine's verdicts, and questions with the interviewer's marks and notes. */
export function ChallengesAndQuestions({ events }: { events: SessionEvent[] }) {
  const verdicts = events.filter((e) => e.type === 'challenge-verdict');
  const asked = events.filter((e) => e.type === 'challenge-asked');
  const marks = events.filter((e) => e.type === 'question-marked');
  const skipped = events.filter((e) => e.type === 'prompt-skipped');
  const rows: { tMs: number; card: string; outcome: string; cls: string; ig: string }[] = [
    ...asked.map((a) => {
      const v = verdicts.find((x) => x.data?.cardId === a.data?.cardId);
      const verdict = typeof v?.data?.verdict === 'string' ? v.data.verdict : null;
      return {
        tMs: a.tMs,
        card: eventText(a),
        outcome: v ? eventBody(v, CHALLENGE_LABEL[a.data?.challenge as ChallengeKind]) : t('rvNoVerdict'),
        cls: verdict ? `verdict-${verdict}` : '',
        ig: 'challenge-row',
      };
    }),
    ...marks.map((m) => ({
      tMs: m.tMs,
      card: eventBody(m, MARK_LABEL[m.data?.mark as QuestionMark]),
      outcome:
        (m.data?.mark ? markName(String(m.data.mark)) : t('rvMarked')) +
        (m.data?.note ? ` — ${t('rvNote', String(m.data.note))}` : '') +
        (m.data?.timeCheck ? ` — ${t('rvLocalTime', String(m.data.timeCheck))}` : ''),
      cls: '',
      ig: 'question-row',
    })),
    ...skipped.map((k) => ({
      tMs: k.tMs,
      card: eventText(k),
      outcome: t('rvNotAsked'),
      cls: 'muted',
      ig: 'skipped-row',
    })),
  ];
  return (
    <div data-ig="challenges">
      <h2>{t('rvChallenges')}</h2>
      {asked.length + marks.length + skipped.length === 0 ? (
        <p>{t('rvNoCards')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('rvTime')}</th>
              <th>{t('rvCard')}</th>
              <th>{t('rvOutcome')}</th>
            </tr>
          </thead>
          <tbody>
            {rows
              .sort((x, y) => x.tMs - y.tMs)
              .map((r, i) => (
                <tr key={i} data-ig={r.ig}>
                  <td>{fmtSec(r.tMs)}</td>
                  <td>{r.card}</td>
                  <td class={r.cls}>{r.outcome}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
      <p class="muted">{t('rvChallengesNote')}</p>
    </div>
  );
}
/** The consent record: when the candidate notice was given, and whether the candidate agreed. */
export function Consent({ events }: { events: SessionEvent[] }) {
  const given = events.filter((e) => e.type === 'notice-given');
  const agreed = events.find((e) => e.type === 'consent-confirmed');
  const at = (e: SessionEvent) => t('rvAt', (e.tMs / 1000).toFixed(0));
  return (
    <div data-ig="consent">
      <p>
        <strong>{t('rvNotice')}</strong>{' '}
        {given.length === 0 ? t('rvNoNotice') : given.map((e) => `${eventText(e)} (${at(e)})`).join('; ')}
      </p>
      <p data-ig="consent-agreed">
        <strong>{t('rvAgreement')}</strong>{' '}
        {agreed ? t('rvAgreed', eventText(agreed), at(agreed)) : t('rvNotAgreed')}
      </p>
    </div>
  );
}

/** How much of the call could be judged, and why not the rest. */
export function Quality({ seconds }: { seconds: SecondRecord[] }) {
  const c = analysisCoverage(seconds);
  return (
    <p data-ig="coverage">
      <strong>{t('rvQuality')}</strong>{' '}
      {c.seconds === 0 ? t('rvNothingRecorded') : t('rvJudged', pct(c.judged))}
      {c.seconds > 0 && c.judged < 1 && (
        <span class="muted">
          {' '}
          {t('rvNotJudged', pct(c.noFace), pct(c.faceTooSmall), pct(c.lowFrameRate))}
          {c.notAnalysed > 0 && `, ${t('rvNoFrame', pct(c.notAnalysed))}`})
        </span>
      )}
      {t('rvNotAVerdict')}
    </p>
  );
}

/** Evidence snapshots (only if they were turned on): the picture, when, and why. */
export function Snapshots({ snapshots }: { snapshots: EvidenceSnapshot[] }) {
  if (snapshots.length === 0) return null;
  return (
    <div data-ig="snapshots">
      <h2>{t('rvSnapshots')}</h2>
      <div class="row" style="align-items:flex-start">
        {snapshots.map((s, i) => (
          <figure key={i} style="margin:0;max-width:240px">
            <img
              src={`data:image/jpeg;base64,${s.jpegBase64}`}
              alt={t('rvSnapshotAlt', fmtSec(s.tMs))}
              style="max-width:240px;border-radius:6px"
            />
            <figcaption class="muted" style="font-size:12px">
              {fmtSec(s.tMs)} — {sayPhrase(s.words, s.reason)}
            </figcaption>
          </figure>
        ))}
      </div>
    </div>
  );
}

/** The tool's own events (which video, faces and sound coming and going, blocked requests), explained. */
function TechnicalEvents({ events }: { events: SessionEvent[] }) {
  if (events.length === 0) return null;
  return (
    <details data-ig="technical-events">
      <summary>{t('rvTechnical', events.length)}</summary>
      <table>
        <thead>
          <tr>
            <th>{t('rvTime')}</th>
            <th>{t('rvEvent')}</th>
            <th>{t('rvDetail')}</th>
            <th>{t('rvMeaning')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e, i) => (
            <tr key={i}>
              <td>{(e.tMs / 1000).toFixed(1)} s</td>
              <td>{eventTypeText(e.type)}</td>
              <td>{eventText(e)}</td>
              <td>{sayPhrase(TECHNICAL_EVENTS[e.type])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

export function SessionDetail({
  session,
  seconds,
  events,
  snapshots = [],
  problems = [],
  onBack,
  onExport,
  onDelete,
}: {
  session: SessionRecord;
  seconds: SecondRecord[];
  events: SessionEvent[];
  snapshots?: EvidenceSnapshot[];
  /** What of the session could not be read or is missing (LogReader.loadSession). */
  problems?: string[];
  onBack(): void;
  /** Exports the session: encrypted with `passphrase` when one is given. */
  onExport?(passphrase?: string): void;
  onDelete?(): void;
}) {
  const [exportPassphrase, setExportPassphrase] = useState('');
  const frames = seconds.reduce((a, r) => a + r.frames, 0);
  const faceFrames = seconds.reduce((a, r) => a + r.faceFrames, 0);
  return (
    <div data-ig="session-detail" data-session={session.id}>
      <div class="row">
        <button onClick={onBack}>{t('rvBack')}</button>
        {onExport && (
          <button onClick={() => onExport()} data-ig="export" title={t('rvExportTitle')}>
            {t('rvExport')}
          </button>
        )}
        {onExport && (
          <form
            class="row"
            onSubmit={(e) => {
              e.preventDefault();
              onExport(exportPassphrase);
            }}
          >
            <input
              type="password"
              data-ig="export-passphrase"
              autocomplete="new-password"
              minLength={8}
              required
              placeholder={t('rvExportPassPlaceholder')}
              aria-label={t('rvExportPassAria')}
              value={exportPassphrase}
              onInput={(e) => setExportPassphrase(e.currentTarget.value)}
            />
            <button type="submit" data-ig="export-sealed" title={t('rvExportSealedTitle')}>
              {t('rvExportSealed')}
            </button>
          </form>
        )}
        <button onClick={() => print()} data-ig="print">
          {t('rvPrint')}
        </button>
        {onDelete && (
          <button onClick={onDelete} data-ig="delete">
            {t('rvDelete')}
          </button>
        )}
      </div>
      <p class="print-only report-title">{t('rvReportTitle')}</p>
      <h2>
        {session.platform} · {fmtDate(session.startedAt)}
      </h2>
      <p class="muted">
        {t('rvSessionFacts', session.pageHost, fmtDur(session.seconds), frames)}{' '}
        <span data-ig="face-share">{frames ? Math.round((100 * faceFrames) / frames) : 0}</span>
        {t('rvModel', session.modelVersion, session.codeVersion)}
      </p>
      {!session.endedAt && (
        <div class="card warn" data-ig="cut-off">
          <strong>{t('rvCutOff')}</strong> {t('rvCutOffText', fmtDate(session.lastWrittenAt))}
        </div>
      )}
      {problems.length > 0 && (
        <div class="card warn" role="alert" data-ig="load-problems">
          <strong>{t('rvProblems')}</strong> {t('rvProblemsText')}
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}.</li>
            ))}
          </ul>
        </div>
      )}
      <OverallSummary seconds={seconds} events={events} />
      <InOrder events={events} />
      <Quality seconds={seconds} />
      <Consent events={events} />
      <CandidateSummary session={session} />
      <Flags events={events} />
      <Snapshots snapshots={snapshots} />
      <ChallengesAndQuestions events={events} />
      <SignalBands seconds={seconds} events={events} />
      <details class="raw-measures" data-ig="raw-measures">
        <summary>{t('rvRaw')}</summary>
        <p class="muted">{t('rvRawNote')}</p>
        <TimelinePlot seconds={seconds} events={events} />
      </details>
      <h2>{t('rvEvents')}</h2>
      <table data-ig="events">
        <thead>
          <tr>
            <th>{t('rvTime')}</th>
            <th>{t('rvEvent')}</th>
            <th>{t('rvDetail')}</th>
          </tr>
        </thead>
        <tbody>
          {events
            .filter((e) => !isTechnical(e.type))
            .map((e, i) => (
              <tr key={i}>
                <td>{(e.tMs / 1000).toFixed(1)} s</td>
                <td>{eventTypeText(e.type)}</td>
                <td>{eventText(e)}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <TechnicalEvents events={events.filter((e) => isTechnical(e.type))} />
      <p class="caveat">{caveat()}</p>
      <p class="caveat">{sayPhrase(ACCOMMODATION_WORDS)}</p>
    </div>
  );
}
