import { describe, expect, it } from 'vitest';
import { LogOwners, sessionOfOp, type OwnerStore } from '../../../../extension/background/logOwners';
import type { LogOp } from '../../../../extension/shared/protocol';
import type { SessionRecord } from '../../../../src/session/SessionRecord';

function mapStore(): OwnerStore & { map: Map<string, unknown> } {
  const map = new Map<string, unknown>();
  return {
    map,
    get: async <T>(k: string) => map.get(k) as T | undefined,
    set: async (k, v) => void map.set(k, v),
    remove: async (k) => void map.delete(k),
  };
}
const session = (id: string): SessionRecord => ({
  id,
  platform: 'meet',
  pageHost: 'meet.google.com',
  startedAt: 1,
  endedAt: null,
  lastWrittenAt: 1,
  seconds: 0,
  modelVersion: 'm',
  codeVersion: 'c',
});
const start = (id: string): LogOp => ({ op: 'session-start', session: session(id) });
const event = (sessionId: string): LogOp => ({
  op: 'event',
  event: { sessionId, tMs: 0, type: 'observation', detail: 'x' },
});

describe('LogOwners: each session is written only by the call tab that started it', () => {
  it('lets the starting tab write, and refuses every other tab', async () => {
    const owners = new LogOwners(mapStore());
    await owners.admit(start('s1'), 7);
    await expect(owners.admit(event('s1'), 7)).resolves.toBeUndefined();
    await expect(owners.admit(event('s1'), 8)).rejects.toThrow('belongs to another call tab');
    await expect(owners.admit({ op: 'session-end', sessionId: 's1', endedAt: 2 }, 8)).rejects.toThrow(
      'another call tab',
    );
  });

  it('admits writes sent right after their start, before the start was stored (in arrival order)', async () => {
    // storage.session answers asynchronously: without an order, the event's lookup ran before the
    // start's binding was stored, and the call's first writes were refused.
    const store = mapStore();
    const slow: OwnerStore = {
      get: async (k) => {
        await new Promise((r) => setTimeout(r, 5));
        return store.get(k);
      },
      set: async (k, v) => {
        await new Promise((r) => setTimeout(r, 20));
        return store.set(k, v);
      },
      remove: store.remove,
    };
    const owners = new LogOwners(slow);
    const results = await Promise.allSettled([
      owners.admit(start('s1'), 7),
      owners.admit(event('s1'), 7),
      owners.admit(event('s1'), 7),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
  });

  it('refuses a second start of the same session, from any tab', async () => {
    const owners = new LogOwners(mapStore());
    await owners.admit(start('s1'), 7);
    await expect(owners.admit(start('s1'), 8)).rejects.toThrow('already started');
    await expect(owners.admit(start('s1'), 7)).rejects.toThrow('already started');
    // The refused start did not move the session to the other tab.
    await expect(owners.admit(event('s1'), 7)).resolves.toBeUndefined();
  });

  it('refuses writes to a session no tab started in this browser session', async () => {
    const owners = new LogOwners(mapStore());
    await expect(owners.admit(event('old-session'), 7)).rejects.toThrow('no call tab started');
  });

  it('survives the worker: a new instance on the same storage keeps the binding', async () => {
    const store = mapStore();
    await new LogOwners(store).admit(start('s1'), 7);
    await expect(new LogOwners(store).admit(event('s1'), 8)).rejects.toThrow('another call tab');
  });

  it('forgets a start the log refused, only for the tab that made it', async () => {
    const store = mapStore();
    const owners = new LogOwners(store);
    await owners.admit(start('s1'), 7);
    await owners.release('s1', 8);
    expect(store.map.size).toBe(1);
    await owners.release('s1', 7);
    expect(store.map.size).toBe(0);
  });

  it('reads the session of every kind of write', () => {
    expect(sessionOfOp(start('a'))).toBe('a');
    expect(sessionOfOp(event('b'))).toBe('b');
    expect(sessionOfOp({ op: 'session-patch', sessionId: 'c', patch: {} })).toBe('c');
  });
});
