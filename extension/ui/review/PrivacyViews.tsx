import { ImportButton } from './ReviewViews';
import { SNAPSHOT_LIMITS } from '../../../src/session/EvidenceSnapshot';
import { useState } from 'preact/hooks';
import type { AuditTrail } from '../../shared/log/auditTrail';
import type { KeyringMode } from '../../shared/log/LogReader';
import type { NoticeSettings } from '../../shared/noticeSettings';
import { DEFAULT_NOTICE } from '../../../src/consent/noticeText';

export function NoticeEditor({ value, onSave }: { value: NoticeSettings; onSave(v: NoticeSettings): void }) {
  const [company, setCompany] = useState(value.company);
  const [template, setTemplate] = useState(value.template);
  return (
    <form
      data-ig="notice-editor"
      onSubmit={(e) => {
        e.preventDefault();
        onSave({ company, template });
      }}
    >
      <h2>Candidate notice</h2>
      <p class="muted">
        Interviewers copy this from the overlay (“Copy notice”) to read aloud or paste in the chat; the
        session log records when.
        {' {company}'} and {'{retentionDays}'} are filled in; {'{pictures}'} says what is kept of the picture,
        by the evidence snapshots setting (a text without it gets that sentence added when snapshots are on).
      </p>
      <label>
        Company name{' '}
        <input value={company} onInput={(e) => setCompany(e.currentTarget.value)} maxLength={200} />
      </label>
      <textarea
        value={template}
        rows={7}
        style="width:100%;margin-top:8px;font:inherit"
        maxLength={5000}
        onInput={(e) => setTemplate(e.currentTarget.value)}
        aria-label="Notice text"
      />
      <div class="row">
        <button type="submit">Save notice</button>
        <button type="button" onClick={() => setTemplate(DEFAULT_NOTICE)}>
          Reset to the default text
        </button>
      </div>
    </form>
  );
}

export function UnlockForm({
  onUnlock,
  error,
}: {
  onUnlock(passphrase: string): void;
  error: string | null;
}) {
  const [value, setValue] = useState('');
  return (
    <form
      class="card"
      data-ig="unlock"
      onSubmit={(e) => {
        e.preventDefault();
        onUnlock(value);
      }}
    >
      <p>This log is protected by a passphrase.</p>
      <label>
        Passphrase{' '}
        <input
          type="password"
          autocomplete="current-password"
          value={value}
          onInput={(e) => setValue(e.currentTarget.value)}
        />
      </label>{' '}
      <button class="primary" type="submit">
        Open
      </button>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

export function PrivacyPanel(props: {
  mode: KeyringMode;
  retentionDays: number;
  audit: AuditTrail;
  onRetention(days: number): void;
  onSetPassphrase(next: string, current?: string): void;
  onRemovePassphrase(current: string): void;
  onWipe(): void;
  notice: NoticeSettings | null;
  onSaveNotice(v: NoticeSettings): void;
  /** Evidence snapshots on (null while loading). */
  snapshots: boolean | null;
  onSnapshots(on: boolean): void;
  /** The question bank in use (null while loading). */
  bank: { title: string; revision: string; questions: number; isDefault: boolean } | null;
  onImportBank(text: string, name: string): void;
  onDefaultBank(): void;
}) {
  const [days, setDays] = useState(String(props.retentionDays));
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const hasPassphrase = props.mode === 'passphrase';
  return (
    <section class="card" data-ig="privacy">
      <h2>Privacy and retention</h2>
      <p class="muted">
        The log is encrypted on this computer{' '}
        {hasPassphrase
          ? 'with your passphrase: without it no one can open it, including you.'
          : 'with a key this browser profile keeps: it protects the files on disk, but anyone who can use this browser profile can open the log. A passphrase keeps them out.'}{' '}
        It holds numbers and events, never sound, and pictures only if you turn snapshots on below.
      </p>
      {props.snapshots !== null && (
        <label class="row" style="margin-bottom:10px">
          <input
            type="checkbox"
            data-ig="snapshots"
            checked={props.snapshots}
            onChange={(e) => props.onSnapshots(e.currentTarget.checked)}
          />
          Keep evidence snapshots: a few small pictures of the candidate's video at flagged moments (at most{' '}
          {SNAPSHOT_LIMITS.perSession} per call), encrypted like the rest. Off by default; tell the candidate
          if you turn it on.
        </label>
      )}
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          props.onRetention(Number(days));
        }}
      >
        <label>
          Keep sessions for{' '}
          <input
            type="number"
            min={1}
            max={3650}
            value={days}
            style="width:5em"
            onInput={(e) => setDays(e.currentTarget.value)}
          />{' '}
          days
        </label>
        <button type="submit">Save</button>
      </form>
      <form
        class="row"
        style="margin-top:10px"
        onSubmit={(e) => {
          e.preventDefault();
          if (next !== again) return alert('The two new passphrases differ.');
          props.onSetPassphrase(next, hasPassphrase ? current : undefined);
        }}
      >
        {hasPassphrase && (
          <input
            type="password"
            placeholder="current passphrase"
            autocomplete="current-password"
            value={current}
            onInput={(e) => setCurrent(e.currentTarget.value)}
          />
        )}
        <input
          type="password"
          placeholder="new passphrase (8+ characters)"
          autocomplete="new-password"
          value={next}
          onInput={(e) => setNext(e.currentTarget.value)}
        />
        <input
          type="password"
          placeholder="new passphrase again"
          autocomplete="new-password"
          value={again}
          onInput={(e) => setAgain(e.currentTarget.value)}
        />
        <button type="submit">{hasPassphrase ? 'Change passphrase' : 'Protect with a passphrase'}</button>
        {hasPassphrase && (
          <button type="button" onClick={() => props.onRemovePassphrase(current)}>
            Remove passphrase
          </button>
        )}
      </form>
      <p class="muted" style="font-size:12px">
        Forgetting the passphrase means the log cannot be opened by anyone, including you.
      </p>
      <div class="row" style="margin-top:10px">
        <button type="button" data-ig="wipe" onClick={props.onWipe}>
          Delete all sessions…
        </button>
      </div>
      {props.notice && <NoticeEditor value={props.notice} onSave={props.onSaveNotice} />}
      {props.bank && (
        <div data-ig="bank" style="margin-top:12px">
          <h2>Verification questions</h2>
          <p class="muted">
            In use: {props.bank.title} (revision {props.bank.revision}, {props.bank.questions} questions
            {props.bank.isDefault ? ', shipped with the extension' : ', imported'}). A bank (format:
            docs/question-bank-format.md in the project) must cite its sources and is refused whole if it asks
            about protected traits; a refused bank never replaces the one in use.
          </p>
          <div class="row">
            <ImportButton label="Import a question bank…" ig="import-bank" onImport={props.onImportBank} />
            {!props.bank.isDefault && (
              <button type="button" onClick={props.onDefaultBank}>
                Use the default bank
              </button>
            )}
          </div>
        </div>
      )}
      <h2>Audit trail</h2>
      {props.audit.problems.length > 0 ? (
        <div class="error" role="alert" data-ig="audit-problems">
          The audit trail is not whole:
          <ul>
            {props.audit.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : (
        props.audit.entries.length > props.audit.unchecked && (
          <p class="muted" data-ig="audit-whole">
            Each entry is numbered and chained to the one before: none is missing or altered.
          </p>
        )
      )}
      {props.audit.unchecked > 0 && (
        <p class="muted">
          The{' '}
          {props.audit.unchecked === 1 ? 'oldest entry was' : `oldest ${props.audit.unchecked} entries were`}{' '}
          written before entries were chained: nothing can check {props.audit.unchecked === 1 ? 'it' : 'them'}
          .
        </p>
      )}
      {props.audit.entries.length === 0 ? (
        <p class="muted">No exports or deletions yet.</p>
      ) : (
        <table data-ig="audit">
          <tbody>
            {props.audit.entries.map((a, i) => (
              <tr key={i}>
                <td>{new Date(a.at).toLocaleString()}</td>
                <td>{a.action}</td>
                <td>{a.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
