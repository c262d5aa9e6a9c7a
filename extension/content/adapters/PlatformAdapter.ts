/** A CSS selector the adapter relies on, kept as data with why it is there and when it was last checked. */
export interface SelectorSpec {
  css: string;
  /** What the selector finds on the real page, and where the structure is documented. */
  why: string;
  /**
   * ISO date the selector was last checked: against the live platform, or, marked "snapshot", against
   * this project's page snapshots (test/fixtures/pages) built to the structure public sources document.
   */
  checked: string;
  /** A further test on the element found, for what CSS cannot say (as data: see ElementTest). */
  only?: ElementTest;
}

/**
 * What CSS cannot express, kept as data: two attributes whose values differ (Meet's presentation tile
 * carries its presenter's participant id and another media id), or a numeric attribute with any of
 * its low bits set (Zoom's screen-share players).
 */
export type ElementTest = { attrsDiffer: [string, string] } | { lowBitsSet: { attr: string; mask: number } };

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
  /** Selectors for elements holding a shared screen or presentation; a video inside one is not the candidate. */
  screenShare: SelectorSpec[];
  /**
   * Markers of the platform's call layout: when none is on the page, the adapter does not recognise
   * the layout and says so; the generic rules (largest remote, non-mirrored video) still apply.
   * Empty for adapters with nothing to recognise.
   */
  layout: SelectorSpec[];
  /**
   * Participant tiles the platform draws on a shared <canvas> instead of a <video> each (Zoom's web
   * client). The finder weighs them like videos; they are analysed through a tab capture cropped to
   * the tile. Empty for platforms that use <video> elements.
   */
  canvasTiles: SelectorSpec[];
  /** Elements whose open shadow roots hold a participant's <video> or <canvas> (Zoom's <video-player>). */
  shadowHosts: SelectorSpec[];
  /** Same-origin frames the meeting may sit in (Zoom's iframe#webclient): searched like the page. */
  frames: SelectorSpec[];
}
