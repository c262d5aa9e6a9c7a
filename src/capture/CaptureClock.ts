/**
 * Maps a tab capture's timestamps onto a document's performance clock. Each video frame and audio
 * block says when it was captured, on a clock of its own: the two run at the same rate as the
 * performance clock but from origins no API tells (measured here: the video's and the audio's differ
 * by 40 minutes), so each track needs its own CaptureClock. Every arrival bounds the offset: a frame
 * captured at local time c arrives at c + delay, so (capture time − arrival) = offset − delay, and the
 * largest value seen is the offset less that track's least delay — a few ms — however late most
 * frames arrive on a busy machine, or however full a queue runs.
 */
export class CaptureClock {
  /** The largest (capture time − arrival time) so far, ms; −Infinity before the first arrival. */
  private offsetMs = -Infinity;

  /** Something captured at `capturedMs` (capture clock) arrived at `arrivedMs` (this document's clock). */
  note(capturedMs: number, arrivedMs: number): void {
    const d = capturedMs - arrivedMs;
    if (d > this.offsetMs) this.offsetMs = d;
  }

  /** A capture-clock time on this document's clock (NaN before any arrival). */
  toLocal(capturedMs: number): number {
    return Number.isFinite(this.offsetMs) ? capturedMs - this.offsetMs : NaN;
  }
}
