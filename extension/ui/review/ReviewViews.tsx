import { CHALLENGE_LABEL, type ChallengeKind } from '../../../src/challenges/Challenge';
import { MARK_LABEL, type QuestionMark } from '../../../src/prompts/PromptFlow';
import { useState } from 'preact/hooks';
import { FAIRNESS_CAVEAT } from '../../../src/fusion/signalRows';
import { FACE_SIGNAL_LABEL } from '../../../src/signals/SignalReading';
import { linePath } from '../../../src/plot/linePath';
import { ACCOMMODATION_NOTE } from '../../../src/consent/noticeText';
import { analysisCoverage } from '../../../src/session/analysisCoverage';
import type { SessionFilter } from '../../../src/session/filterSessions';
import type { EvidenceSnapshot } from '../../../src/session/EvidenceSnapshot';
import { isWithdrawal, overallState, type OverallState } from '../../../src/session/overallState';
import { isTechnical, TECHNICAL_EVENTS } from '../../../src/session/technicalEvents';
import type { SecondRecord } from '../../../src/session/SecondRecord';
import type { SessionEvent, SessionRecord } from '../../../src/session/SessionRecord';
import { caveat } from '../components/LiveView';
import { SignalBands } from './SignalBands';
import { InOrder } from './InOrder';
import { SIGNAL_LABEL } from './signalLabels';

const fmtDate = (ms: number) => new Date(ms).toLocaleString();
const fmtDur = (s: number) => `${Math.floor(s / 60)} min ${s % 60} s`;
const fmtNum = (v: number) => (Math.abs(v) >= 10 || v === 0 ? v.toFixed(0) : v.toFixed(2));

import type { ListedSession as Listed } from '../../shared/log/LogReader';

/** A button that reads a chosen JSON file as text (a session export, a question bank). */
export function ImportButton({
  onImport,
  label = 'Import a session…',
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

const STATE_WORDS: Record<OverallState, string> = {
  'no-concerns': 'No concerns',
  inconclusive: 'Inconclusive',
  concerns: 'Concerns',
  'cannot-judge': 'Cannot judge',
};

/** The call as a whole, first thing on the page: the state and why, never a hiring recommendation. */
export function OverallSummary({ seconds, events }: { seconds: SecondRecord[]; events: SessionEvent[] }) {
  const o = overallState(seconds, events);
  return (
    <div class={`card overall state-${o.state}`} data-ig="overall" data-state={o.state}>
      <p style="margin:0;font-weight:700;font-size:16px">{STATE_WORDS[o.state]}</p>
      <ul style="margin:4px 0 0;padding-left:18px">
        {o.reasons.map((r, i) => (
          <li key={i}>{r}</li>
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
        placeholder="Search"
        aria-label="Search sessions"
        value={value.text}
        onInput={set('text')}
      />
      <select aria-label="Platform" value={value.platform} onChange={set('platform')}>
        <option value="">All platforms</option>
        <option value="meet">Google Meet</option>
        <option value="zoom">Zoom</option>
        <option value="teams">Teams</option>
        <option value="generic">Other pages</option>
        <option value="demo">Demo</option>
      </select>
      <select aria-label="State" data-ig="filter-state" value={value.state} onChange={set('state')}>
        <option value="">Any state</option>
        <option value="concerns">Concerns</option>
        <option value="inconclusive">Inconclusive</option>
        <option value="no-concerns">No concerns</option>
        <option value="cannot-judge">Cannot judge</option>
      </select>
      <label>
        From <input type="date" value={value.from} onInput={set('from')} />
      </label>
      <label>
        to <input type="date" value={value.to} onInput={set('to')} />
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
        No sessions yet. Watch a call and it will appear here.
      </p>
    );
  return (
    <table data-ig="sessions">
      <thead>
        <tr>
          <th>Started</th>
          <th>Candidate</th>
          <th>State</th>
          <th>Platform</th>
          <th>Page</th>
          <th>Recorded</th>
          <th>Ended</th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((s) =>
          'unreadable' in s ? (
            <tr key={s.id} data-session={s.id}>
              <td>{fmtDate(s.startedAt)}</td>
              <td colSpan={6} class="error">
                This session cannot be opened ({s.unreadable}).
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
                {s.overall ? STATE_WORDS[s.overall.state] : 'not computed'}
              </td>
              <td>{s.platform}</td>
              <td>{s.pageHost}</td>
              <td>{fmtDur(s.seconds)}</td>
              <td>
                {s.endedAt ? (
                  fmtDate(s.endedAt)
                ) : (
                  <span class="muted">cut off (last write {fmtDate(s.lastWrittenAt)})</span>
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
      label: 'Face in view',
      values: at((r) => (r.frames ? r.faceFrames / r.frames : null)),
      yMin: 0,
      yMax: 1,
      unit: 'share',
    },
    { label: 'Frames analysed', values: at((r) => r.frames), yMin: 0, unit: 'per s' },
    { label: 'Yaw', values: at((r) => r.yawDeg), yMin: -60, yMax: 60, unit: '°' },
    { label: 'Pitch', values: at((r) => r.pitchDeg), yMin: -40, yMax: 40, unit: '°' },
    { label: 'Roll', values: at((r) => r.rollDeg), yMin: -40, yMax: 40, unit: '°' },
    { label: 'Mouth opening', values: at((r) => r.mouthAperture), yMin: 0, yMax: 0.8, unit: 'ratio' },
    { label: 'Mouth movement', values: at((r) => r.mouthApertureStd), yMin: 0, yMax: 0.3, unit: 'sd' },
    { label: 'Eye openness', values: at((r) => r.eyeOpenness), yMin: 0, yMax: 0.45, unit: 'ratio' },
    { label: 'Face height', values: at((r) => r.faceHeightPx), yMin: 0, unit: 'px' },
    { label: 'Speech', values: at((r) => r.speechFraction ?? null), yMin: 0, yMax: 1, unit: 'share' },
    {
      label: 'Audio offset',
      values: at((r) => r.avOffsetMs ?? null),
      yMin: -600,
      yMax: 600,
      unit: 'ms, + late',
    },
    {
      label: 'Face-swap/liveness risk',
      values: at((r) => r.faceRisk ?? null),
      yMin: 0,
      yMax: 1,
      unit: 'score',
    },
    {
      label: 'Sync confidence',
      values: at((r) => r.syncConfidence ?? null),
      yMin: 0,
      yMax: 0.8,
      unit: 'score',
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
      aria-label="Timeline of recorded signals"
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
              {fmtNum(lo)} to {fmtNum(hi)} {lane.unit}
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
            <title>{`${(e.evidenceFromMs / 1000).toFixed(0)}–${(e.tMs / 1000).toFixed(0)} s — ${e.detail}`}</title>
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
            <title>{`${(e.tMs / 1000).toFixed(1)} s — ${e.type}: ${e.detail}`}</title>
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
      <h2>Flags</h2>
      {flags.length === 0 ? (
        <p>No signal raised a flag in this session.</p>
      ) : (
        <ul>
          {flags.map((e, i) => (
            <li key={i} data-ig={e.type}>
              <strong>{SIGNAL_LABEL[e.signal ?? ''] ?? 'Signal'}</strong>{' '}
              {e.type !== 'flag-cleared'
                ? `at ${fmtSec(e.tMs)}${e.evidenceFromMs !== undefined ? ` (evidence from ${fmtSec(e.evidenceFromMs)})` : ''}${e.confidence ? `, confidence ${e.confidence}` : ''}: `
                : isWithdrawal(e)
                  ? `withdrawn at ${fmtSec(e.tMs)} (its readings disagreed, so it no longer counts): `
                  : `cleared at ${fmtSec(e.tMs)}: `}
              {withoutPrefix(e.detail, SIGNAL_LABEL[e.signal ?? ''])}
              {e.type === 'flag-raised' && e.signal && e.signal in FACE_SIGNAL_LABEL && (
                <div class="muted" data-ig="fairness">
                  {FAIRNESS_CAVEAT}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      <p class="muted">
        A flag says what a signal measured and when. It may have innocent causes (a slow connection, a headset
        with delay, a poor camera): use it to choose a verification question, not to decide.
      </p>
    </div>
  );
}

const fmtSec = (ms: number) => `${(ms / 1000).toFixed(0)} s`;

/** What the interviewer's candidate card said. */
export function CandidateSummary({ session }: { session: SessionRecord }) {
  const c = session.candidate;
  if (!c) return <p data-ig="candidate">No candidate card was filled in for this call.</p>;
  return (
    <div data-ig="candidate">
      <h2>Candidate card</h2>
      <p>
        <strong>{c.name || 'No name'}</strong> · claims{' '}
        {[c.city, c.country].filter(Boolean).join(', ') || 'no location'}
        {c.timeZone && ` · time zone ${c.timeZone}`}
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
        card: a.detail,
        outcome: v
          ? withoutPrefix(v.detail, CHALLENGE_LABEL[a.data?.challenge as ChallengeKind])
          : 'no verdict recorded (cancelled, or the call ended first)',
        cls: verdict ? `verdict-${verdict}` : '',
        ig: 'challenge-row',
      };
    }),
    ...marks.map((m) => ({
      tMs: m.tMs,
      card: withoutPrefix(m.detail, MARK_LABEL[m.data?.mark as QuestionMark]),
      outcome:
        (MARK_LABEL[m.data?.mark as QuestionMark] ?? 'marked') +
        (m.data?.note ? ` — note: ${String(m.data.note)}` : '') +
        (m.data?.timeCheck ? ` — local time ${String(m.data.timeCheck)}` : ''),
      cls: '',
      ig: 'question-row',
    })),
    ...skipped.map((k) => ({
      tMs: k.tMs,
      card: k.detail,
      outcome: 'not asked',
      cls: 'muted',
      ig: 'skipped-row',
    })),
  ];
  return (
    <div data-ig="challenges">
      <h2>Challenges and questions</h2>
      {asked.length + marks.length + skipped.length === 0 ? (
        <p>No verification card was asked in this session.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Time</th>
              <th>Card</th>
              <th>Outcome</th>
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
      <p class="muted">
        Verdicts are measured from the video; marks and notes are the interviewer’s. A candidate who cannot do
        a challenge (disability, equipment, setting) can be verified another way; a skipped challenge is never
        a concern.
      </p>
    </div>
  );
}
/** "Lip-sync: audio leads…" → "audio leads…" where the signal is already named. */
const withoutPrefix = (detail: string, label: string | undefined) =>
  label && detail.startsWith(`${label}: `) ? detail.slice(label.length + 2) : detail;

/** The consent record: when the candidate notice was given, and whether the candidate agreed. */
export function Consent({ events }: { events: SessionEvent[] }) {
  const given = events.filter((e) => e.type === 'notice-given');
  const agreed = events.find((e) => e.type === 'consent-confirmed');
  const at = (e: SessionEvent) => `at ${(e.tMs / 1000).toFixed(0)} s`;
  return (
    <div data-ig="consent">
      <p>
        <strong>Candidate notice:</strong>{' '}
        {given.length === 0
          ? 'no notice was recorded for this session.'
          : given.map((e) => `${e.detail} (${at(e)})`).join('; ')}
      </p>
      <p data-ig="consent-agreed">
        <strong>Candidate's agreement:</strong>{' '}
        {agreed
          ? `${agreed.detail} (${at(agreed)}); face-recognition comparisons in challenges ran from then on.`
          : 'not confirmed by the interviewer: no face-recognition comparison was made in this session.'}
      </p>
    </div>
  );
}

/** How much of the call could be judged, and why not the rest. */
export function Quality({ seconds }: { seconds: SecondRecord[] }) {
  const c = analysisCoverage(seconds);
  return (
    <p data-ig="coverage">
      <strong>Analysis quality:</strong>{' '}
      {c.seconds === 0 ? 'nothing was recorded.' : `${pct(c.judged)} of the recorded call could be judged`}
      {c.seconds > 0 && c.judged < 1 && (
        <span class="muted">
          {' '}
          (not judged: no face {pct(c.noFace)}, face under 100 px {pct(c.faceTooSmall)}, under 10 frames/s{' '}
          {pct(c.lowFrameRate)}
          {c.notAnalysed > 0 && `, no frame analysed ${pct(c.notAnalysed)}`})
        </span>
      )}
      . This report describes the video, not the person, and is not a hiring recommendation.
    </p>
  );
}

/** Evidence snapshots (only if they were turned on): the picture, when, and why. */
export function Snapshots({ snapshots }: { snapshots: EvidenceSnapshot[] }) {
  if (snapshots.length === 0) return null;
  return (
    <div data-ig="snapshots">
      <h2>Evidence snapshots</h2>
      <div class="row" style="align-items:flex-start">
        {snapshots.map((s, i) => (
          <figure key={i} style="margin:0;max-width:240px">
            <img
              src={`data:image/jpeg;base64,${s.jpegBase64}`}
              alt={`The candidate's video at ${fmtSec(s.tMs)}`}
              style="max-width:240px;border-radius:6px"
            />
            <figcaption class="muted" style="font-size:12px">
              {fmtSec(s.tMs)} — {s.reason}
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
      <summary>
        Technical details ({events.length} events about the tool’s own working, not the candidate)
      </summary>
      <table>
        <thead>
          <tr>
            <th>Time</th>
            <th>Event</th>
            <th>Detail</th>
            <th>What it means</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e, i) => (
            <tr key={i}>
              <td>{(e.tMs / 1000).toFixed(1)} s</td>
              <td>{e.type}</td>
              <td>{e.detail}</td>
              <td>{TECHNICAL_EVENTS[e.type]}</td>
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
        <button onClick={onBack}>← All sessions</button>
        {onExport && (
          <button
            onClick={() => onExport()}
            data-ig="export"
            title="A plain JSON file with the whole session (pictures included): outside the encrypted log, retention and Delete all"
          >
            Export JSON
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
              placeholder="passphrase for the file (8+)"
              aria-label="Passphrase to encrypt the exported file"
              value={exportPassphrase}
              onInput={(e) => setExportPassphrase(e.currentTarget.value)}
            />
            <button
              type="submit"
              data-ig="export-sealed"
              title="The same file, encrypted with this passphrase (AES-GCM, PBKDF2): still outside retention and Delete all"
            >
              Export encrypted
            </button>
          </form>
        )}
        <button onClick={() => print()} data-ig="print">
          Print report
        </button>
        {onDelete && (
          <button onClick={onDelete} data-ig="delete">
            Delete session…
          </button>
        )}
      </div>
      <p class="print-only report-title">Interview Guard — session report</p>
      <h2>
        {session.platform} · {new Date(session.startedAt).toLocaleString()}
      </h2>
      <p class="muted">
        {session.pageHost} · {fmtDur(session.seconds)} recorded · {frames} frames analysed, face found in{' '}
        <span data-ig="face-share">{frames ? Math.round((100 * faceFrames) / frames) : 0}</span>% · model{' '}
        {session.modelVersion} · code {session.codeVersion}
      </p>
      {!session.endedAt && (
        <div class="card warn" data-ig="cut-off">
          <strong>This session was cut off</strong> (the tab or browser closed before Stop): it ends at the
          last thing written, {new Date(session.lastWrittenAt).toLocaleString()}. Everything below covers only
          what was recorded until then.
        </div>
      )}
      {problems.length > 0 && (
        <div class="card warn" role="alert" data-ig="load-problems">
          <strong>Part of this session could not be read.</strong> Everything below is computed without it:
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
        <summary>Raw measures: head pose, mouth, eyes, face size, audio offset, per second</summary>
        <p class="muted">
          One lane per measure, scaled to the range under its name; thin red lines are events (hover for
          which), shaded spans a flag's evidence, from its first evidence to when it was raised. These are
          measurements, not verdicts: the bands above say what the signals made of them.
        </p>
        <TimelinePlot seconds={seconds} events={events} />
      </details>
      <h2>Events</h2>
      <table data-ig="events">
        <thead>
          <tr>
            <th>Time</th>
            <th>Event</th>
            <th>Detail</th>
          </tr>
        </thead>
        <tbody>
          {events
            .filter((e) => !isTechnical(e.type))
            .map((e, i) => (
              <tr key={i}>
                <td>{(e.tMs / 1000).toFixed(1)} s</td>
                <td>{e.type}</td>
                <td>{e.detail}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <TechnicalEvents events={events.filter((e) => isTechnical(e.type))} />
      <p class="caveat">{caveat()}</p>
      <p class="caveat">{ACCOMMODATION_NOTE}</p>
    </div>
  );
}
