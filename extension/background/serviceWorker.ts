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
  extensionUrl,
  injectContentScript,
  localStorage,
  onInstalled,
  onMessage,
  request,
  sendToTab,
  sessionStorage,
  sidePanel,
  tabCapture,
  tabs,
  type Sender,
} from '../shared/browserApi';
import { ANALYZER_PAGE, newCaptureChannel, OFFSCREEN_PAGE, type LogOp } from '../shared/protocol';
import type { Answerers, BackgroundRequestType, RuntimeNotice } from '../shared/runtimeProtocol';
import type { CandidateCard } from '../../src/prompts/CandidateCard';
import type { Bytes } from '../shared/crypto/LogKeyring';
import { openLogDb } from '../shared/log/logDb';
import { applyRetention } from '../shared/log/LogReader';
import { explainWriteError, LogWriter, type KeyStash } from '../shared/log/LogWriter';
import { retentionDays } from '../shared/log/retention';
import { CandidateDraft } from './candidateDraft';
import { LogOwners } from './logOwners';

/** How long a registered analyzer nonce stays claimable, ms. */
const NONCE_TTL_MS = 30_000;

const statusKey = (tabId: number) => `status:${tabId}`;

/** Whether the sender is this extension's own page at `path` (origin and path: a content script runs with its page's URL). */
const isPage = (sender: Sender, path: string): boolean =>
  !!sender.url && sender.url.startsWith(extensionUrl('')) && new URL(sender.url).pathname === `/${path}`;
/** The message comes from the analyzer page (an extension frame inside a tab), not from a page or another context. */
const fromAnalyzer = (sender: Sender): boolean => sender.tabId !== undefined && isPage(sender, ANALYZER_PAGE);
const nonceKey = (nonce: string) => `nonce:${nonce}`;

async function expectAnalyzer(nonce: string, sender: Sender): Promise<true> {
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
    return await sendToTab(tabId, { kind: 'request', type: 'content/watch', on });
  } catch (e) {
    if (!on) throw e;
    // No content script in this tab (a page outside the call sites): inject it, with the user's click as consent.
    await injectContentScript(tabId);
    return sendToTab(tabId, { kind: 'request', type: 'content/watch', on });
  }
}

// ---------- tab capture (the Zoom web client's canvas video and audio) ----------

const captureKey = (tabId: number) => `capture:${tabId}`;
/** The extension's own UI (popup, side panel): not a content script, which runs with its page's URL. */
const UI_PAGES = ['/extension/ui/popup/popup.html', '/extension/ui/sidepanel/sidepanel.html'];
const fromUi = (sender: Sender): boolean =>
  !!sender.url && sender.url.startsWith(extensionUrl('')) && UI_PAGES.includes(new URL(sender.url).pathname);
const fromOffscreen = (sender: Sender): boolean =>
  sender.tabId === undefined && isPage(sender, OFFSCREEN_PAGE);
/** A content script in a tab's top frame: it runs with its page's URL, never an extension page's. */
const fromContentScript = (sender: Sender): boolean =>
  sender.tabId !== undefined &&
  sender.frameId === 0 &&
  !!sender.url &&
  !sender.url.startsWith(extensionUrl(''));
const REVIEW_PAGE = 'extension/ui/review/review.html';

/**
 * Captures the tab's picture and sound for its analyzer: the offscreen document consumes the capture
 * (and plays the sound back), the content script switches to it. Chrome allows it only after the user
 * invoked the extension on that tab (the popup's button or the keyboard shortcut), so it is never
 * started by a page or a content script. Which captures run is kept in storage.session: an evicted
 * worker can still stop them.
 */
async function startCapture(tabId: number): Promise<LiveStatus> {
  if (await sessionStorage.get<{ channel: string }>(captureKey(tabId))) return setWatching(tabId, true);
  let streamId: string;
  try {
    streamId = await tabCapture.streamIdFor(tabId);
  } catch (e) {
    throw new Error(
      `Chrome did not allow capturing this tab (${e instanceof Error ? e.message : String(e)}): open the Interview Guard button on the call tab and press "Capture tab" there`,
    );
  }
  await tabCapture.ensureOffscreen(
    OFFSCREEN_PAGE,
    "Reads the call tab's picture and sound, which the interviewer asked to capture, for on-device analysis, and plays the sound back.",
  );
  const channel = newCaptureChannel();
  try {
    await request({ kind: 'request', type: 'offscreen/start', tabId, streamId, channel });
  } catch (e) {
    // Nothing is captured then: leave no idle offscreen document behind.
    if (!(await capturing())) await tabCapture.closeOffscreen().catch(() => undefined);
    throw e;
  }
  await sessionStorage.set(captureKey(tabId), { channel });
  const status = await setWatching(tabId, true);
  await sendToTab(tabId, { kind: 'request', type: 'content/capture', channel });
  return status;
}

/** Whether any tab is being captured. */
const capturing = async (): Promise<boolean> =>
  Object.keys(await sessionStorage.getAll()).some((k) => k.startsWith('capture:'));

/** Ends a tab's capture (the tab's own sound plays again) and closes the offscreen document when none is left. */
async function stopCapture(tabId: number, tellTab = true): Promise<true> {
  if (!(await sessionStorage.get(captureKey(tabId)))) return true;
  await sessionStorage.remove(captureKey(tabId));
  await request({ kind: 'request', type: 'offscreen/stop', tabId }).catch(() => undefined);
  if (tellTab)
    await sendToTab(tabId, { kind: 'request', type: 'content/capture', channel: null }).catch(
      () => undefined,
    );
  if (!(await capturing())) await tabCapture.closeOffscreen().catch(() => undefined);
  return true;
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
const owners = new LogOwners(sessionStorage);
const draft = new CandidateDraft(sessionStorage, localStorage);

/**
 * The side panel's card: kept for the next call and, when the tab in front is watching, used in that
 * call at once (the interviewer edited it with that call in front of them).
 */
async function setCandidate(card: CandidateCard | null, tabId: number | null): Promise<boolean> {
  await draft.set(card);
  if (tabId === null) return false;
  return sendToTab(tabId, { kind: 'request', type: 'content/candidate', card }).catch(() => false);
}

/** At every worker start: seal rows left by an older version, and delete sessions past retention. */
async function housekeeping(): Promise<void> {
  await draft.moveOffDisk();
  await writer.migratePending();
  await applyRetention(await openLogDb(), await retentionDays());
}
housekeeping().catch((e) => console.error('Interview Guard: log housekeeping failed:', e));

/** Writes one log record. Only the analyzer frame (an extension page inside a call tab) may write. */
async function writeLog(op: LogOp, sender: Sender): Promise<true> {
  if (!fromAnalyzer(sender)) {
    throw new Error('only the analyzer may write the session log');
  }
  // Each session is written only by the call tab that started it.
  await owners.admit(op, sender.tabId!);
  try {
    await applyLogOp(op, sender.tabId!);
  } catch (e) {
    throw explainWriteError(e);
  }
  return true;
}

async function applyLogOp(op: LogOp, tabId: number): Promise<void> {
  switch (op.op) {
    case 'session-start':
      try {
        await writer.startSession(op.session);
      } catch (e) {
        await owners.release(op.session.id, tabId);
        throw e;
      }
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
}

/** The content script's live status: kept per tab (the popup and side panel read it) and shown on the badge. */
function onStatus(msg: RuntimeNotice, sender: Sender): void {
  if (sender.tabId === undefined) return;
  void sessionStorage.set(statusKey(sender.tabId), msg.status);
  const watching = msg.status.phase === 'watching' || msg.status.phase === 'loading';
  action.setBadge(sender.tabId, watching ? 'ON' : '');
  // A capture lives only while its tab is watched: Stop in the overlay also gives the tab its sound back.
  if (!watching) void stopCapture(sender.tabId);
}

/** The background's requests, each with the check of who may send it. */
const answerers: Answerers<BackgroundRequestType, Sender> = {
  'analyzer/expect': (msg, sender) => expectAnalyzer(msg.nonce, sender),
  'analyzer/claim': (msg, sender) => claimAnalyzer(msg.nonce, sender),
  'watch/start': (msg) => setWatching(msg.tabId, true),
  'watch/stop': (msg) => setWatching(msg.tabId, false),
  'log/write': (msg, sender) => writeLog(msg.op, sender),
  'status/get': (msg) => sessionStorage.get<LiveStatus>(statusKey(msg.tabId)).then((s) => s ?? null),
  'prompt/mark': (msg, sender) => {
    // Notes are typed in the side panel, never in the call page, which could read the keystrokes.
    if (!fromUi(sender)) throw new Error('only the extension popup or side panel marks a question');
    return sendToTab(msg.tabId, {
      kind: 'request',
      type: 'content/mark',
      mark: msg.mark,
      note: msg.note,
      statedTime: msg.statedTime,
    });
  },
  'capture/start': (msg, sender) => {
    // The user's click in the popup or side panel is the consent (Chrome also insists on it).
    if (!fromUi(sender)) throw new Error('only the extension popup or side panel can start a capture');
    return startCapture(msg.tabId);
  },
  'capture/stop': (msg, sender) => {
    if (!fromUi(sender)) throw new Error('only the extension popup or side panel stops a capture');
    return stopCapture(msg.tabId);
  },
  'capture/ended': (msg, sender) => {
    if (!fromOffscreen(sender)) throw new Error('only the offscreen document reports an ended capture');
    return stopCapture(msg.tabId);
  },
  'candidate/get': (_msg, sender) => {
    if (!fromContentScript(sender) && !fromUi(sender))
      throw new Error('only a call tab or the side panel reads the candidate card');
    return draft.get();
  },
  'candidate/forget': (_msg, sender) => {
    if (!fromContentScript(sender) && !fromUi(sender) && !isPage(sender, REVIEW_PAGE))
      throw new Error('only a call tab, the side panel or the review page forgets the candidate card');
    return draft.set(null).then(() => true as const);
  },
  'candidate/set': (msg, sender) => {
    // Typed in the side panel, never in the call page (which could read the keystrokes).
    if (!fromUi(sender)) throw new Error('only the side panel or popup sets the candidate card');
    return setCandidate(msg.card, msg.tabId);
  },
};

onMessage({ requests: answerers, notice: onStatus });

tabs.onRemoved.addListener((tabId) => {
  void sessionStorage.remove(statusKey(tabId));
  void stopCapture(tabId, false);
});

onInstalled(() => sidePanel.disableActionClick());

// Keyboard shortcuts: capture the call tab in front (the shortcut is the user's consent, as a click
// on the toolbar button is), or act on its verification card.
commands.onCommand((command) => {
  if (command === 'capture-tab') {
    void activeTabId().then((tabId) =>
      tabId === undefined
        ? undefined
        : startCapture(tabId).catch((e) => console.warn('Interview Guard: capture failed:', e)),
    );
    return;
  }
  if (command !== 'prompt-asked' && command !== 'prompt-skip') return;
  void activeTabId().then((tabId) =>
    tabId === undefined
      ? undefined
      : sendToTab(tabId, { kind: 'request', type: 'content/command', command }).catch(() => undefined),
  );
});
