import { STATE_SYMBOL } from './StatusView';

/**
 * The side panel's first-run welcome: what the tool does, what its states mean, what it never does,
 * and the notice to give. Shown until dismissed; "What do the states mean?" opens it again.
 */
export function Welcome({ onDone }: { onDone(): void }) {
  return (
    <section class="card" data-ig="welcome" aria-labelledby="ig-welcome-title">
      <h2 id="ig-welcome-title" style="margin-top:0">
        Welcome
      </h2>
      <p>
        Interview Guard watches the candidate’s video on this call, on this computer only, for signs that the
        face or voice is not the person’s own (a live face swap, another voice, a replayed picture). It
        suggests questions and movement checks, and measures the movements itself.
      </p>
      <ul class="ig-welcome-states">
        <li>
          <strong>{STATE_SYMBOL['no-concerns']} No concerns</strong> — the signals that can judge this call
          found nothing.
        </li>
        <li>
          <strong>{STATE_SYMBOL.inconclusive} Inconclusive</strong> — something is worth checking: ask the
          movement check it suggests.
        </li>
        <li>
          <strong>{STATE_SYMBOL.concerns} Concerns</strong> — more than one signal agrees; confirm the
          person’s identity by other means.
        </li>
        <li>
          <strong>{STATE_SYMBOL['cannot-judge']} Cannot judge</strong> — the picture is too small or poor, or
          the computer too busy; it says why.
        </li>
      </ul>
      <p class="muted">
        It never decides about a candidate, never reads emotions or honesty, and sends nothing off this
        computer. Before you start, give the candidate the notice (“Copy notice” in the overlay) and press
        “Candidate agreed” once they agree.
      </p>
      <button type="button" class="primary" data-ig="welcome-done" onClick={onDone}>
        Got it
      </button>
    </section>
  );
}
