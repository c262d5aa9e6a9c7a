/** A CSS selector the adapter relies on, kept as data with why it is there and when it was last checked. */
export interface SelectorSpec {
  css: string;
  /** What the selector finds on the real page. */
  why: string;
  /** ISO date the selector was last checked against the platform; 'unverified' if never against the live page. */
  checked: string;
}

/**
 * One call platform. Adapters only describe the page; the shared video finder does the picking, so a
 * platform that changes its DOM needs a data change here, not new logic.
 */
export interface PlatformAdapter {
  id: 'meet' | 'zoom' | 'teams' | 'demo' | 'generic';
  label: string;
  /** Whether this adapter is for the page at `url`. */
  matches(url: URL): boolean;
  /** Selectors for elements that contain the local camera (self-view); any video inside one is never analysed. */
  selfView: SelectorSpec[];
}
