/**
 * Background service worker. It holds no state in memory that matters: everything lives in
 * storage.session, so an evicted and restarted worker picks up where it was. Listeners are
 * registered synchronously at top level, as MV3 requires.
 */
import type { LiveStatus } from '../../src/status/LiveStatus';
import {
  action,
  activeTabId,
  commands,
  injectContentScript,
  onInstalled,
  onMessage,
  sendToTab,
  sessionStorage,
  sidePanel,
  tabs,
  type Sender,
} from '../shared/browserApi';
import { ANALYZER_PAGE, type LogOp, type RuntimeMessage } from '../shared/protocol';
import type { Bytes } from '../shared/crypto/LogKeyring';
import { openLogDb } from '../shared/log/logDb';
import { applyRetention } from '../shared/log/LogReader';
import { LogWriter, type KeyStash } from '../shared/log/LogWriter';
import { retentionDays } from '../shared/log/retention';

/** How long a registered analyzer nonce stays claimable, ms. */
const NONCE_TTL_MS = 30_000;

const statusKey = (tabId: number) => `status:${tabId}`;

/** The message comes from the analyzer page (an extension frame inside a tab), not from a page or another context. */
const fromAnalyzer = (sender: Sender): boolean =>
  sender.tabId !== undefined && !!sender.url && new URL(sender.url).pathname === `/${ANALYZER_PAGE}`;
const nonceKey = (nonce: string) => `nonce:${nonce}`;

async function expectAnalyzer(nonce: string, sender: Sender): Promise<boolean> {
  // Only a content script in a tab's top frame may register a nonce.
  if (sender.tabId === undefined || sender.frameId !== 0)
    throw new Error('analyzer/expect must come from a tab');
  await sessionStorage.set(nonceKey(nonce), { tabId: sender.tabId, expires: Date.now() + NONCE_TTL_MS });
  return true;
}

async function claimAnalyzer(nonce: string, sender: Sender): Promise<boolean> {
  const entry = await sessionStorage.get<{ tabId: number; expires: number }>(nonceKey(nonce));
  await sessionStorage.remove(nonceKey(nonce)); // single use, valid or not
  return !!entry && fromAnalyzer(sender) && entry.tabId === sender.tabId && entry.expires > Date.now();
}

async function setWatching(tabId: number, on: boolean): Promise<LiveStatus> {
  try {
    return await sendToTab<LiveStatus>(tabId, { kind: 'request', type: 'content/watch', on });
  } catch (e) {
    if (!on) throw e;
    // No content script in this tab (a page outside the call sites): inject it, with the user's click as consent.
    await injectContentScript(tabId);
    return sendToTab<LiveStatus>(tabId, { kind: 'request', type: 'content/watch', on });
  }
}

/** Raw session keys live in storage.session: memory only, survives eviction, gone when the browser closes. */
const keyStash: KeyStash = {
  get: async (id) => {
    const b64 = await sessionStorage.get<string>(`skey:${id}`);
    return b64 ? (Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)) as Bytes) : undefined;
  },
  set: (id, raw) => sessionStorage.set(`skey:${id}`, btoa(String.fromCharCode(...raw))),
  remove: (id) => sessionStorage.remove(`skey:${id}`),
};
const writer = new LogWriter(() => openLogDb(), keyStash);

/** At every worker start: seal rows left by an older version, and delete sessions past retention. */
async function housekeeping(): Promise<void> {
  await writer.migratePending();
  await applyRetention(await openLogDb(), await retentionDays());
}
housekeeping().catch((e) => console.error('Interview Guard: log housekeeping failed:', e));

/** Writes one log record. Only the analyzer frame (an extension page inside a call tab) may write. */
async function writeLog(op: LogOp, sender: Sender): Promise<true> {
  if (!fromAnalyzer(sender)) {
    throw new Error('only the analyzer may write the session log');
  }
  switch (op.op) {
    case 'session-start':
      await writer.startSession(op.session);
      break;
    case 'second':
      await writer.appendSecond(op.record, Date.now());
      break;
    case 'event':
      await writer.appendEvent(op.event);
      break;
    case 'session-end':
      await writer.endSession(op.sessionId, op.endedAt);
      break;
    case 'session-patch':
      await writer.patchSession(op.sessionId, op.patch);
      break;
    case 'snapshot':
      await writer.appendSnapshot(op.snapshot);
      break;
  }
  return true;
}

function handle(msg: RuntimeMessage, sender: Sender): unknown {
  if (msg.kind === 'notice') {
    if (sender.tabId !== undefined) {
      void sessionStorage.set(statusKey(sender.tabId), msg.status);
      const watching = msg.status.phase === 'watching' || msg.status.phase === 'loading';
      action.setBadge(sender.tabId, watching ? 'ON' : '');
    }
    return undefined;
  }
  switch (msg.type) {
    case 'analyzer/expect':
      return expectAnalyzer(msg.nonce, sender);
    case 'analyzer/claim':
      return claimAnalyzer(msg.nonce, sender);
    case 'watch/start':
      return setWatching(msg.tabId, true);
    case 'watch/stop':
      return setWatching(msg.tabId, false);
    case 'log/write':
      return writeLog(msg.op, sender);
    case 'status/get':
      return sessionStorage.get<LiveStatus>(statusKey(msg.tabId)).then((s) => s ?? null);
    default:
      return undefined; // content/watch is for content scripts
  }
}

onMessage(handle);

tabs.onRemoved.addListener((tabId) => {
  void sessionStorage.remove(statusKey(tabId));
});

onInstalled(() => sidePanel.disableActionClick());

// Keyboard shortcuts for the verification card go to the call tab in front.
commands.onCommand((command) => {
  if (command !== 'prompt-asked' && command !== 'prompt-skip') return;
  void activeTabId().then((tabId) =>
    tabId === undefined
      ? undefined
      : sendToTab(tabId, { kind: 'request', type: 'content/command', command }).catch(() => undefined),
  );
});
