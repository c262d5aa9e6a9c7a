import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { LiveStatus } from '../../../src/status/LiveStatus';
import { parseCandidateCard, type CandidateCard } from '../../../src/prompts/CandidateCard';
import { extensionUrl, localStorage, onMessage, request, tabs } from '../../shared/browserApi';
import { CANDIDATE_KEY } from '../../shared/promptSettings';
import { CandidateCardForm } from '../components/CandidateCardForm';
import { LiveView } from '../components/LiveView';
import { QuestionNoteForm } from '../components/QuestionNoteForm';

function SidePanel() {
  const [tabId, setTabId] = useState<number | undefined>();
  const [status, setStatus] = useState<LiveStatus | null>(null);
  const [card, setCard] = useState<CandidateCard | null | undefined>(undefined);
  useEffect(() => {
    void localStorage.get<unknown>(CANDIDATE_KEY).then((raw) => {
      const p = raw === undefined ? null : parseCandidateCard(raw);
      setCard(p && p.ok ? p.card : null);
    });
  }, []);
  useEffect(() => {
    const ac = new AbortController();
    const refresh = async () => {
      const id = await tabs.activeTabId();
      setTabId(id);
      setStatus(
        id === undefined
          ? null
          : await request<LiveStatus | null>({ kind: 'request', type: 'status/get', tabId: id }),
      );
    };
    void refresh();
    const timer = setInterval(refresh, 3000);
    ac.signal.addEventListener('abort', () => clearInterval(timer));
    onMessage((msg, sender) => {
      if (msg.kind === 'notice' && sender.tabId !== undefined) {
        setTabId((cur) => {
          if (cur === sender.tabId) setStatus(msg.status);
          return cur;
        });
      }
      return undefined;
    }, ac.signal);
    return () => ac.abort();
  }, []);
  return (
    <div>
      <h1>Interview Guard</h1>
      {card !== undefined && (
        <CandidateCardForm
          value={card}
          onSave={(c) => {
            setCard(c);
            void (c ? localStorage.set(CANDIDATE_KEY, c) : localStorage.remove(CANDIDATE_KEY));
          }}
        />
      )}
      {tabId !== undefined && (
        <QuestionNoteForm
          prompt={status?.prompt ?? null}
          onMark={async (mark, note, statedTime) => {
            await request<true>({ kind: 'request', type: 'prompt/mark', tabId, mark, note, statedTime });
          }}
        />
      )}
      <LiveView status={status} tabKnown={tabId !== undefined} />
      <p>
        <a href="#" onClick={() => void tabs.open(extensionUrl('extension/ui/review/review.html'))}>
          Review past sessions
        </a>
      </p>
    </div>
  );
}

render(<SidePanel />, document.getElementById('app')!);
