import { render } from 'preact';
import { errorText, sayPhrase, t, uiLocale } from '../../shared/i18n';
import { useEffect, useState } from 'preact/hooks';
import { openLogDb, type LogDb } from '../../shared/log/logDb';
import { readAudit, type AuditTrail } from '../../shared/log/auditTrail';
import {
  deleteSession,
  importSession,
  keyringMode,
  LogReader,
  protectWithPassphrase,
  type RekeyResult,
  rekeyNotice,
  removeProtection,
  wipeLog,
  type KeyringMode,
  type ListedSession as Listed,
  type SessionData,
} from '../../shared/log/LogReader';
import { retentionDays, setRetentionDays } from '../../shared/log/retention';
import { localStorage, request } from '../../shared/browserApi';
import {
  BANK_KEY,
  currentQuestionBank,
  defaultBankFor,
  isDefaultBank,
  importQuestionBank,
  SNAPSHOTS_KEY,
} from '../../shared/promptSettings';
import type { QuestionBank } from '../../../src/prompts/QuestionBank';
import { noticeSettings, saveNoticeSettings, type NoticeSettings } from '../../shared/noticeSettings';
import { PrivacyPanel, UnlockForm } from './PrivacyViews';
import { FilterBar, ImportButton, SessionDetail, SessionList } from './ReviewViews';
import { filterSessions, NO_FILTER, type SessionFilter } from '../../../src/session/filterSessions';

/** An error in words: in the interface's language when it was given as a phrase. */
const message = errorText;

/** Said at every export: the file is outside everything the log promises. */
const exportWarning = () => t('rvExportWarning');

/** Said at an encrypted export. */
const sealedExportNotice = () => t('rvSealedNotice');

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function Review() {
  const [db, setDb] = useState<LogDb | null>(null);
  const [mode, setMode] = useState<KeyringMode | null>(null);
  const [reader, setReader] = useState<LogReader | null>(null);
  const [sessions, setSessions] = useState<Listed[] | null>(null);
  const [open, setOpen] = useState<SessionData | null>(null);
  const [audit, setAudit] = useState<AuditTrail>({ entries: [], problems: [], unchecked: 0 });
  const [days, setDays] = useState<number>(30);
  const [noticeText, setNoticeText] = useState<NoticeSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState<SessionFilter>(NO_FILTER);
  const [notice, setNotice] = useState<string | null>(null);
  const [snapshots, setSnapshots] = useState<boolean | null>(null);
  const [bank, setBank] = useState<QuestionBank | null>(null);
  const [importPassphrase, setImportPassphrase] = useState('');

  const refresh = async (r: LogReader, d: LogDb) => {
    setSessions(await r.listSessions());
    setAudit(await readAudit(d));
    setMode(await keyringMode(d));
  };
  const unlock = async (d: LogDb, passphrase?: string) => {
    const r = await LogReader.open(d, passphrase);
    setReader(r);
    await refresh(r, d);
    const id = location.hash.slice(1);
    if (id) setOpen(await r.loadSession(id));
  };

  useEffect(() => {
    (async () => {
      const d = await openLogDb();
      setDb(d);
      setDays(await retentionDays());
      setNoticeText(await noticeSettings());
      setSnapshots((await localStorage.get<unknown>(SNAPSHOTS_KEY)) === true);
      const current = await currentQuestionBank(localStorage, uiLocale());
      setBank(current.bank);
      if (current.problem) setError(sayPhrase(current.problem));
      const m = await keyringMode(d);
      setMode(m);
      if (m !== 'passphrase') await unlock(d);
    })().catch((e) => setError(t('rvReadFailed', message(e))));
  }, []);

  const fail = (e: unknown) => setError(message(e));
  const act = (what: () => Promise<unknown>, done?: string) =>
    what().then(() => {
      setError(null);
      setNotice(done ?? null);
      if (reader && db) return refresh(reader, db);
    }, fail);

  /**
   * A passphrase set, changed or removed: the log has a new key pair, so the page reads on with the
   * re-key's reader (the old one opens none of the re-keyed sessions).
   */
  const rekey = (what: () => Promise<RekeyResult>, done: string) =>
    what().then(async ({ report, reader: r }) => {
      setReader(r);
      setError(null);
      setNotice(`${done} ${rekeyNotice(report)}`);
      await refresh(r, db!);
    }, fail);

  if (!db || !mode) return <p class="muted">{error ?? t('rvLoading')}</p>;
  if (!reader)
    return (
      <div>
        <h1>{t('rvPageTitle')}</h1>
        <UnlockForm onUnlock={(p) => act(() => unlock(db, p))} error={error} />
      </div>
    );
  return (
    <div>
      <h1>{t('rvPageTitle')}</h1>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {notice && <p class="notice">{notice}</p>}
      {open ? (
        <SessionDetail
          {...open}
          onBack={() => ((location.hash = ''), setOpen(null))}
          onExport={(passphrase) =>
            act(
              async () => {
                const file = await reader.exportFile(open.session.id, passphrase);
                download(file.name, file.text);
              },
              passphrase === undefined ? exportWarning() : sealedExportNotice(),
            )
          }
          onDelete={() => {
            if (!confirm(t('rvConfirmDelete'))) return;
            void act(async () => {
              await deleteSession(db, open.session.id);
              setOpen(null);
              location.hash = '';
            }, t('rvDeleted'));
          }}
        />
      ) : sessions ? (
        <>
          <div class="row no-print" style="margin-bottom:10px">
            <ImportButton
              onImport={(text, name) =>
                act(
                  () =>
                    importSession(db, text, importPassphrase || undefined).catch((e) =>
                      Promise.reject(new Error(t('rvNotImported', name, message(e)))),
                    ),
                  t('rvImported', name),
                )
              }
            />
            <input
              type="password"
              data-ig="import-passphrase"
              autocomplete="off"
              placeholder={t('rvImportPassPlaceholder')}
              aria-label={t('rvImportPassAria')}
              value={importPassphrase}
              onInput={(e) => setImportPassphrase(e.currentTarget.value)}
            />
          </div>
          <FilterBar value={filter} onChange={setFilter} />
          {sessions.length > 0 && filterSessions(sessions, filter).length === 0 && (
            <p class="muted">{t('rvNoMatch')}</p>
          )}
          <SessionList
            sessions={filterSessions(sessions, filter)}
            filtered={sessions.length > 0}
            onOpen={(id) =>
              void reader.loadSession(id).then(
                (data) => (setError(null), setNotice(null), setOpen(data)),
                (e) => setError(message(e)),
              )
            }
          />
        </>
      ) : (
        <p class="muted">{t('rvLoading')}</p>
      )}
      {!open && (
        <PrivacyPanel
          mode={mode}
          retentionDays={days}
          audit={audit}
          onRetention={(d) => act(async () => (await setRetentionDays(d), setDays(d)), t('rvKeptDays', d))}
          onSetPassphrase={(next, current) =>
            rekey(() => protectWithPassphrase(db, next, current), t('rvPassSaved'))
          }
          onRemovePassphrase={(current) => rekey(() => removeProtection(db, current), t('rvPassRemoved'))}
          notice={noticeText}
          onSaveNotice={(v) =>
            act(async () => (await saveNoticeSettings(v), setNoticeText(v)), t('rvNoticeSaved'))
          }
          snapshots={snapshots}
          onSnapshots={(on) =>
            act(
              async () => (await localStorage.set(SNAPSHOTS_KEY, on), setSnapshots(on)),
              on ? t('rvSnapOn') : t('rvSnapOff'),
            )
          }
          bank={
            bank && {
              title: bank.title,
              revision: bank.revision,
              questions: bank.questions.length,
              isDefault: isDefaultBank(bank),
            }
          }
          onImportBank={(text, name) =>
            act(async () => setBank(await importQuestionBank(localStorage, text)), t('rvBankImported', name))
          }
          onDefaultBank={() =>
            act(
              async () => (await localStorage.remove(BANK_KEY), setBank(defaultBankFor(uiLocale()))),
              t('rvDefaultBankUsed'),
            )
          }
          onWipe={() => {
            if (!confirm(t('rvConfirmWipe'))) return;
            // The card kept for the next call goes too: "delete all" leaves nothing of a candidate.
            void act(
              async () => (await wipeLog(db), await request({ kind: 'request', type: 'candidate/forget' })),
              t('rvWiped'),
            );
          }}
        />
      )}
    </div>
  );
}

render(<Review />, document.getElementById('app')!);
