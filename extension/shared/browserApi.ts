/**
 * The one door to browser extension APIs. Everything else imports from here, so the Chrome-only
 * pieces (side panel) are in one place and the Firefox build keeps compiling.
 */
import browser from 'webextension-polyfill';
import {
  answer,
  parseRuntimeMessage,
  type Answerers,
  type BackgroundRequestType,
  type ContentRequestType,
  type OffscreenRequestType,
  type Reply,
  type ReplyOf,
  type RequestOf,
  type RequestType,
  type RuntimeNotice,
} from './runtimeProtocol';
import { isPhrase, SaidError } from '../../src/text/Phrase';

export const extensionUrl = (path: string): string => browser.runtime.getURL(path);
export const extensionId = (): string => browser.runtime.id;
/**
 * The origin the extension's own frames run at. In Chrome the analyzer frame is web-accessible only
 * through a per-session dynamic address (use_dynamic_url), which `getURL` gives content scripts;
 * the frame is then served from the extension's fixed origin, chrome-extension://<id>. Firefox has
 * one random address per install, which `getURL` gives everywhere.
 */
export const frameOrigin = (): string => {
  const origin = new URL(browser.runtime.getURL('')).origin;
  return origin.startsWith('chrome-extension:') ? `chrome-extension://${browser.runtime.id}` : origin;
};
export const manifestVersion = (): string => browser.runtime.getManifest().version;

/**
 * Sends a request to the background (or, from the background, to the offscreen document) and unwraps
 * its reply; throws with the answerer's words on error.
 */
export async function request<K extends BackgroundRequestType | OffscreenRequestType>(
  msg: RequestOf<K>,
): Promise<ReplyOf<K>> {
  const reply = (await browser.runtime.sendMessage(msg)) as Reply<ReplyOf<K>> | undefined;
  if (!reply) throw new Error('no reply from the extension background');
  if (!reply.ok) throw replyError(reply);
  return reply.value;
}

/** A refused request's error: a SaidError when the reply said it as a phrase (checked: it is data from another context). */
const replyError = (r: { error: string; words?: unknown }): Error =>
  isPhrase(r.words) ? new SaidError(r.words) : new Error(r.error);

/** Broadcasts a notice to the extension's pages; nobody listening is fine. */
export function notify(msg: RuntimeNotice): void {
  browser.runtime.sendMessage(msg).catch(() => undefined);
}

/** Sends a request to a tab's content script (its top frame) and unwraps the reply. */
export async function sendToTab<K extends ContentRequestType>(
  tabId: number,
  msg: RequestOf<K>,
): Promise<ReplyOf<K>> {
  const reply = (await browser.tabs.sendMessage(tabId, msg, { frameId: 0 })) as Reply<ReplyOf<K>> | undefined;
  if (!reply) throw new Error('the page did not answer; reload the call tab');
  if (!reply.ok) throw replyError(reply);
  return reply.value;
}

export interface Sender {
  tabId: number | undefined;
  frameId: number | undefined;
  /** True when the message comes from this extension (not another extension or a web page). */
  fromSelf: boolean;
  url: string | undefined;
}

/** What a context listens to on the runtime channel: the requests it answers, and status notices. */
export interface Listeners<K extends RequestType> {
  /** One answerer per request this context owns; its value (or promise) is the reply, a throw a refusal. */
  requests?: Answerers<K, Sender>;
  notice?: (msg: RuntimeNotice, sender: Sender) => void;
}

/**
 * Registers runtime listeners that only see valid messages from this extension. Every extension page
 * hears every runtime message: a context answers only the requests in its `requests`, leaving the
 * rest to their owner; errors become `{ok: false}` replies.
 */
export function onMessage<K extends RequestType>(listeners: Listeners<K>, signal?: AbortSignal): void {
  const listener = (raw: unknown, s: browser.Runtime.MessageSender): Promise<Reply> | undefined => {
    const sender: Sender = {
      tabId: s.tab?.id,
      frameId: s.frameId,
      fromSelf: s.id === browser.runtime.id,
      url: s.url,
    };
    if (!sender.fromSelf) return undefined;
    const parsed = parseRuntimeMessage(raw);
    if (!parsed.ok) {
      console.warn(`Interview Guard: dropped a message: ${parsed.error}`);
      // A malformed request still gets an answer, so the sender is not left waiting.
      const wasRequest = (raw as { kind?: unknown } | null)?.kind === 'request';
      return wasRequest ? Promise.resolve({ ok: false, error: parsed.error }) : undefined;
    }
    const msg = parsed.msg;
    if (msg.kind === 'notice') {
      listeners.notice?.(msg, sender);
      return undefined;
    }
    let result: unknown;
    try {
      result = answer(listeners.requests ?? {}, msg, sender);
    } catch (e) {
      result = Promise.reject(e);
    }
    if (result === undefined) return undefined;
    return Promise.resolve(result).then(
      (value): Reply => ({ ok: true, value: value ?? null }),
      (e: unknown): Reply => ({
        ok: false,
        error: e instanceof Error ? e.message : String(e),
        ...(e instanceof SaidError ? { words: e.words } : {}),
      }),
    );
  };
  browser.runtime.onMessage.addListener(listener);
  signal?.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener), { once: true });
}

export const tabs = {
  activeTabId: async (): Promise<number | undefined> =>
    (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id,
  currentTabId: async (): Promise<number | undefined> => (await browser.tabs.getCurrent())?.id,
  open: (url: string) => browser.tabs.create({ url }),
  // A getter: content scripts import this module but have no tabs API.
  get onRemoved() {
    return browser.tabs.onRemoved;
  },
};

/** Session-scoped storage: survives service-worker eviction, cleared when the browser closes. */
export const sessionStorage = {
  get: async <T>(key: string): Promise<T | undefined> =>
    ((await browser.storage.session.get(key)) as Record<string, T>)[key],
  set: (key: string, value: unknown) => browser.storage.session.set({ [key]: value }),
  remove: (key: string) => browser.storage.session.remove(key),
  getAll: () => browser.storage.session.get(null),
};

/** Settings that persist (retention and the like). Never the log itself, which is in IndexedDB. */
export const localStorage = {
  get: async <T>(key: string): Promise<T | undefined> =>
    ((await browser.storage.local.get(key)) as Record<string, T>)[key],
  set: (key: string, value: unknown) => browser.storage.local.set({ [key]: value }),
  remove: (key: string) => browser.storage.local.remove(key),
  /** Calls `fn` with the new value whenever `key` changes, until `signal` aborts. */
  onChanged: (key: string, fn: (value: unknown) => void, signal: AbortSignal): void => {
    const listener = (changes: Record<string, browser.Storage.StorageChange>, area: string) => {
      if (area === 'local' && key in changes) fn(changes[key]!.newValue);
    };
    browser.storage.onChanged.addListener(listener);
    signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener));
  },
};

/** Keyboard shortcuts declared in the manifest ("commands"). */
export const commands = {
  onCommand: (fn: (command: string) => void): void => browser.commands.onCommand.addListener(fn),
};

/** The active tab of the focused window, if any. */
export async function activeTabId(): Promise<number | undefined> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tab?.id;
}

/** Chrome's side panel; undefined where the browser has none (Firefox uses sidebar_action). */
export const sidePanel = {
  available: (): boolean => typeof chrome !== 'undefined' && !!chrome.sidePanel,
  open: async (tabId: number): Promise<void> => {
    if (typeof chrome !== 'undefined' && chrome.sidePanel) await chrome.sidePanel.open({ tabId });
    else await (browser as unknown as { sidebarAction?: { open(): Promise<void> } }).sidebarAction?.open();
  },
  disableActionClick: (): void => {
    if (typeof chrome !== 'undefined' && chrome.sidePanel)
      chrome.sidePanel.setPanelBehavior({ openPanelOnActionClick: false }).catch(() => undefined);
  },
};

export const action = {
  setBadge: (tabId: number, text: string): void => {
    browser.action.setBadgeText({ tabId, text }).catch(() => undefined);
    browser.action.setBadgeBackgroundColor({ tabId, color: '#1a73e8' }).catch(() => undefined);
  },
};

/** Injects the content script into a tab the user chose (generic fallback; needs activeTab or host access). */
export async function injectContentScript(tabId: number): Promise<void> {
  const files = browser.runtime.getManifest().content_scripts?.[0]?.js ?? [];
  if (files.length === 0) throw new Error('the extension has no content script to inject');
  await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files });
}

export const onInstalled = (fn: () => void): void => browser.runtime.onInstalled.addListener(fn);

/**
 * Chrome's tab capture and offscreen documents (MV3). Firefox has neither: `available()` is false
 * there and the capture path says so instead of failing silently.
 */
export const tabCapture = {
  available: (): boolean =>
    typeof chrome !== 'undefined' && !!chrome.tabCapture?.getMediaStreamId && !!chrome.offscreen,
  /**
   * A stream id for the tab's picture and sound, usable by this extension's pages. Chrome grants it
   * only after the user invoked the extension on that tab (toolbar button, popup, keyboard shortcut).
   */
  streamIdFor: (tabId: number): Promise<string> => {
    if (!tabCapture.available()) throw new Error('this browser cannot capture a tab for the extension');
    return chrome.tabCapture.getMediaStreamId({ targetTabId: tabId });
  },
  /** Opens the offscreen document at `path` unless it is already open. */
  ensureOffscreen: async (path: string, justification: string): Promise<void> => {
    if (!tabCapture.available()) throw new Error('this browser has no offscreen documents');
    if (await chrome.offscreen.hasDocument()) return;
    try {
      await chrome.offscreen.createDocument({
        url: path,
        reasons: [chrome.offscreen.Reason.USER_MEDIA, chrome.offscreen.Reason.AUDIO_PLAYBACK],
        justification,
      });
    } catch (e) {
      // Two starts racing: the other one opened it.
      if (!(await chrome.offscreen.hasDocument())) throw e;
    }
  },
  closeOffscreen: async (): Promise<void> => {
    if (tabCapture.available() && (await chrome.offscreen.hasDocument()))
      await chrome.offscreen.closeDocument();
  },
};

/**
 * A message of the extension's locale files (public/_locales) in the browser's language, with its
 * $1…$9 filled from `subs`; '' when the key is missing. See i18n.ts for the typed form.
 */
export const localeMessage = (key: string, subs: string[]): string => browser.i18n.getMessage(key, subs);
