import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { SecondRecord } from '../../../src/session/SecondRecord';
import type { SessionEvent, SessionRecord } from '../../../src/session/SessionRecord';
import { listSessions, loadSession } from '../../shared/sessionStore';
import { SessionDetail, SessionList } from './ReviewViews';

type Open = { session: SessionRecord; seconds: SecondRecord[]; events: SessionEvent[] };

function Review() {
  const [sessions, setSessions] = useState<SessionRecord[] | null>(null);
  const [open, setOpen] = useState<Open | null>(null);
  const [error, setError] = useState<string | null>(null);
  const show = (id: string) =>
    loadSession(id).then(
      (s) => (s ? setOpen(s) : setError(`Session ${id} is not in the log.`)),
      (e) => setError(String(e)),
    );
  useEffect(() => {
    listSessions().then(setSessions, (e) => setError(`Could not read the session log: ${String(e)}`));
    const id = location.hash.slice(1);
    if (id) void show(id);
  }, []);
  return (
    <div>
      <h1>Interview Guard — sessions</h1>
      {error && <p class="error">{error}</p>}
      {open ? (
        <SessionDetail {...open} onBack={() => ((location.hash = ''), setOpen(null))} />
      ) : sessions ? (
        <SessionList sessions={sessions} onOpen={(id) => void show(id)} />
      ) : (
        <p class="muted">Loading…</p>
      )}
    </div>
  );
}

render(<Review />, document.getElementById('app')!);
