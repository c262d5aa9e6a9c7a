/** Every UI surface rendered from fake data, with no extension APIs: for development and UI tests. */
import { render } from 'preact';
import { LiveView } from '../components/LiveView';
import { QuestionNoteForm } from '../components/QuestionNoteForm';
import { Welcome } from '../components/Welcome';
import { BASE_CSS } from '../components/StatusView';
import { Overlay, OVERLAY_CSS } from '../overlay/Overlay';
import { SessionDetail } from '../review/ReviewViews';
import { fakeSession, fakeStatuses } from './fakeData';

const noop = () => undefined;
const actions = {
  onStart: noop,
  onStop: noop,
  onNotice: noop,
  onConsent: noop,
  onCandidate: noop,
  onDragStart: noop,
  onPromptAsked: noop,
  onPromptSkip: noop,
  onPromptMark: noop,
  onChallenge: noop,
  onPromptConfirm: noop,
  onCompact: noop,
};
const overlayCss = OVERLAY_CSS.replace(':host{all:initial}', '').replace(
  'position:fixed;',
  'position:relative;',
);

function Dev() {
  const statuses = fakeStatuses();
  const session = fakeSession();
  return (
    <div>
      <style>{overlayCss + BASE_CSS}</style>
      <h1>Interview Guard — UI with fake data</h1>
      <h2>Overlay</h2>
      <div class="row" style="align-items:flex-start;background:#202124;padding:16px;border-radius:10px">
        {statuses.map(({ label, status }) => (
          <div key={label} data-dev={label}>
            <Overlay status={status} actions={actions} />
          </div>
        ))}
      </div>
      <h2>Overlay, compact</h2>
      <div class="row" style="align-items:flex-start;background:#202124;padding:16px;border-radius:10px">
        {statuses.map(({ label, status }) => (
          <div key={label} data-dev={`compact-${label}`}>
            <Overlay status={status} actions={actions} compact />
          </div>
        ))}
      </div>
      <h2>Side panel</h2>
      <div class="row" style="align-items:flex-start">
        {statuses.slice(1, 5).map(({ label, status }) => (
          <div key={label} class="card" style="width:320px">
            <LiveView status={status} tabKnown />
          </div>
        ))}
      </div>
      <h2>Side panel: the first-run welcome</h2>
      <div style="width:340px">
        <Welcome onDone={noop} />
      </div>
      <h2>Side panel: a note for the question asked</h2>
      <div class="card" style="width:320px">
        <QuestionNoteForm
          prompt={statuses.find((s) => s.status.prompt?.card.kind === 'question')?.status.prompt ?? null}
          onMark={async () => {
            throw new Error(
              'No question on this call is waiting for a mark: press “Asked” on its card first.',
            );
          }}
        />
      </div>
      <h2>Session review</h2>
      <SessionDetail {...session} onBack={noop} />
    </div>
  );
}

render(<Dev />, document.getElementById('app')!);
