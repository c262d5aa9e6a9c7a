import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { LiveStatus } from '../../../src/status/LiveStatus';
import type { CandidateCard } from '../../../src/prompts/CandidateCard';
import { extensionUrl, localStorage, onMessage, request, tabs } from '../../shared/browserApi';
import { CandidateCardForm } from '../components/CandidateCardForm';
import { LiveView } from '../components/LiveView';
import { QuestionNoteForm } from '../components/QuestionNoteForm';
import { Welcome } from '../components/Welcome';
import { t } from '../../shared/i18n';

/** Set once the interviewer has read the welcome (a later visit opens it only on request). */
const WELCOME_SEEN_KEY = 'welcomeSeen';

function SidePanel() {
  const [tabId, setTabId] = useState<number | undefined>();
  const [status, setStatus] = useState<LiveStatus | null>(null);
  const [card, setCard] = useState<CandidateCard | null | undefined>(undefined);
  const [welcome, setWelcome] = useState(false);
  useEffect(() => {
    localStorage.get<unknown>(WELCOME_SEEN_KEY).then(
      (seen) => setWelcome(seen !== true),
      () => setWelcome(true),
    );
  }, []);
  useEffect(() => {
    request({ kind: 'request', type: 'candidate/get' }).then(setCard, () => setCard(null));
  }, []);
  useEffect(() => {
    const ac = new AbortController();
    const refresh = async () => {
      const id = await tabs.activeTabId();
      setTabId(id);
      setStatus(id === undefined ? null : await request({ kind: 'request', type: 'status/get', tabId: id }));
    };
    void refresh();
    const timer = setInterval(refresh, 3000);
    ac.signal.addEventListener('abort', () => clearInterval(timer));
    onMessage(
      {
        notice: (msg, sender) => {
          if (sender.tabId === undefined) return;
          setTabId((cur) => {
            if (cur === sender.tabId) setStatus(msg.status);
            return cur;
          });
        },
      },
      ac.signal,
    );
    return () => ac.abort();
  }, []);
  return (
    <div>
      <h1>{t('extName')}</h1>
      {welcome && (
        <Welcome
          onDone={() => {
            setWelcome(false);
            void localStorage.set(WELCOME_SEEN_KEY, true);
          }}
        />
      )}
      {card !== undefined && (
        <CandidateCardForm
          value={card}
          onSave={async (c) => {
            const watching = status?.phase === 'watching' && tabId !== undefined;
            const inCall = await request({
              kind: 'request',
              type: 'candidate/set',
              card: c,
              tabId: watching ? tabId : null,
            });
            setCard(c);
            if (inCall) return c ? t('cardSavedInCall') : t('cardClearedInCall');
            return c ? t('cardSavedNext') : t('cardCleared');
          }}
        />
      )}
      {tabId !== undefined && (
        <QuestionNoteForm
          prompt={status?.prompt ?? null}
          onMark={async (mark, note, statedTime) => {
            await request({ kind: 'request', type: 'prompt/mark', tabId, mark, note, statedTime });
          }}
        />
      )}
      <LiveView status={status} tabKnown={tabId !== undefined} />
      {!welcome && (
        <p>
          <a href="#" data-ig="welcome-open" onClick={() => setWelcome(true)}>
            {t('linkStates')}
          </a>
        </p>
      )}
      <p>
        <a href="#" onClick={() => void tabs.open(extensionUrl('extension/ui/review/review.html'))}>
          {t('linkReview')}
        </a>
      </p>
    </div>
  );
}

render(<SidePanel />, document.getElementById('app')!);
