import { ImportButton } from './ReviewViews';
import { sayPhrase, t, uiLocale, type MessageKey } from '../../shared/i18n';
import { SNAPSHOT_LIMITS } from '../../../src/session/EvidenceSnapshot';
import { useState } from 'preact/hooks';
import type { AuditTrail } from '../../shared/log/auditTrail';
import type { AuditAction } from '../../shared/log/logDb';
import type { KeyringMode } from '../../shared/log/LogReader';
import type { NoticeSettings } from '../../shared/noticeSettings';
import { defaultNotice } from '../../../src/consent/noticeText';

/** The audit trail's actions, named in the interface's language. */
const AUDIT_KEY = {
  export: 'auExport',
  import: 'auImport',
  delete: 'auDelete',
  wipe: 'auWipe',
  retention: 'auRetention',
  'passphrase-set': 'auPassphraseSet',
  'passphrase-removed': 'auPassphraseRemoved',
  migrated: 'auMigrated',
} as const satisfies Record<AuditAction, MessageKey>;

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
      <h2>{t('pvNotice')}</h2>
      <p class="muted">{t('pvNoticeHelp')}</p>
      <label>
        {t('pvCompany')}{' '}
        <input value={company} onInput={(e) => setCompany(e.currentTarget.value)} maxLength={200} />
      </label>
      <textarea
        value={template}
        rows={7}
        style="width:100%;margin-top:8px;font:inherit"
        maxLength={5000}
        onInput={(e) => setTemplate(e.currentTarget.value)}
        aria-label={t('pvNoticeText')}
      />
      <div class="row">
        <button type="submit">{t('pvSaveNotice')}</button>
        <button type="button" onClick={() => setTemplate(defaultNotice(uiLocale()))}>
          {t('pvResetNotice')}
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
      <p>{t('pvProtected')}</p>
      <label>
        {t('pvPassphrase')}{' '}
        <input
          type="password"
          autocomplete="current-password"
          value={value}
          onInput={(e) => setValue(e.currentTarget.value)}
        />
      </label>{' '}
      <button class="primary" type="submit">
        {t('pvOpen')}
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
      <h2>{t('pvTitle')}</h2>
      <p class="muted">
        {t('pvEncrypted')} {hasPassphrase ? t('pvWithPassphrase') : t('pvWithDeviceKey')} {t('pvHolds')}
      </p>
      {props.snapshots !== null && (
        <label class="row" style="margin-bottom:10px">
          <input
            type="checkbox"
            data-ig="snapshots"
            checked={props.snapshots}
            onChange={(e) => props.onSnapshots(e.currentTarget.checked)}
          />
          {t('pvSnapshots', SNAPSHOT_LIMITS.perSession)}
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
          {t('pvKeepFor')}{' '}
          <input
            type="number"
            min={1}
            max={3650}
            value={days}
            style="width:5em"
            onInput={(e) => setDays(e.currentTarget.value)}
          />{' '}
          {t('pvDays')}
        </label>
        <button type="submit">{t('pvSave')}</button>
      </form>
      <form
        class="row"
        style="margin-top:10px"
        onSubmit={(e) => {
          e.preventDefault();
          if (next !== again) return alert(t('pvDiffer'));
          props.onSetPassphrase(next, hasPassphrase ? current : undefined);
        }}
      >
        {hasPassphrase && (
          <input
            type="password"
            placeholder={t('pvCurrent')}
            autocomplete="current-password"
            value={current}
            onInput={(e) => setCurrent(e.currentTarget.value)}
          />
        )}
        <input
          type="password"
          placeholder={t('pvNew')}
          autocomplete="new-password"
          value={next}
          onInput={(e) => setNext(e.currentTarget.value)}
        />
        <input
          type="password"
          placeholder={t('pvAgain')}
          autocomplete="new-password"
          value={again}
          onInput={(e) => setAgain(e.currentTarget.value)}
        />
        <button type="submit">{hasPassphrase ? t('pvChange') : t('pvProtect')}</button>
        {hasPassphrase && (
          <button type="button" onClick={() => props.onRemovePassphrase(current)}>
            {t('pvRemove')}
          </button>
        )}
      </form>
      <p class="muted" style="font-size:12px">
        {t('pvForget')}
      </p>
      <div class="row" style="margin-top:10px">
        <button type="button" data-ig="wipe" onClick={props.onWipe}>
          {t('pvWipe')}
        </button>
      </div>
      {props.notice && <NoticeEditor value={props.notice} onSave={props.onSaveNotice} />}
      {props.bank && (
        <div data-ig="bank" style="margin-top:12px">
          <h2>{t('pvQuestions')}</h2>
          <p class="muted">
            {t(
              'pvBankInUse',
              props.bank.title,
              props.bank.revision,
              props.bank.questions,
              props.bank.isDefault ? t('pvShipped') : t('pvImported'),
            )}
          </p>
          <div class="row">
            <ImportButton label={t('pvImportBank')} ig="import-bank" onImport={props.onImportBank} />
            {!props.bank.isDefault && (
              <button type="button" onClick={props.onDefaultBank}>
                {t('pvDefaultBank')}
              </button>
            )}
          </div>
        </div>
      )}
      <h2>{t('pvAudit')}</h2>
      {props.audit.problems.length > 0 ? (
        <div class="error" role="alert" data-ig="audit-problems">
          {t('pvAuditBroken')}
          <ul>
            {props.audit.problems.map((p, i) => (
              <li key={i}>{sayPhrase(p)}</li>
            ))}
          </ul>
        </div>
      ) : (
        props.audit.entries.length > props.audit.unchecked && (
          <p class="muted" data-ig="audit-whole">
            {t('pvAuditWhole')}
          </p>
        )
      )}
      {props.audit.unchecked > 0 && (
        <p class="muted">
          {props.audit.unchecked === 1 ? t('pvUncheckedOne') : t('pvUncheckedMany', props.audit.unchecked)}
        </p>
      )}
      {props.audit.entries.length === 0 ? (
        <p class="muted">{t('pvNoAudit')}</p>
      ) : (
        <table data-ig="audit">
          <tbody>
            {props.audit.entries.map((a, i) => (
              <tr key={i}>
                <td>{new Date(a.at).toLocaleString(uiLocale())}</td>
                <td>{a.action in AUDIT_KEY ? t(AUDIT_KEY[a.action]) : a.action}</td>
                <td>{sayPhrase(a.words, a.detail)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
