/**
 * The notice a candidate gets before the call is analysed (BIPA-style: what, why, how long, and that
 * nothing leaves the interviewer's computer), with the accommodation path. Placeholders:
 * {company}, {retentionDays}, {pictures} (what is kept of the picture: it follows the evidence
 * snapshots setting).
 */
export const DEFAULT_NOTICE = `Before we start: {company} uses Interview Guard during this video interview to help confirm that the person on the call is the person who applied. It measures the video and sound of this call on the interviewer's computer (for example head position, mouth movement and whether the voice matches the mouth). {pictures}, and no face template is kept: if you are asked to pass a hand across your face, turn your head or lean in and back, your face just before and just after it is compared on the interviewer's computer, and what that comparison measures of your face is discarded at once. The measurements are kept encrypted on the interviewer's computer for {retentionDays} days and then deleted; they are used only to review this interview and are never sold or shared. If you would rather not take part, or if a request such as turning your head or reading a phrase aloud is difficult for you (for example because of a disability or your equipment), just tell us: we will skip it or arrange another way to verify your identity, and that will not count against you.`;

export interface NoticeValues {
  company: string;
  retentionDays: number;
  /** Whether evidence snapshots (still pictures of the face at flagged moments) are kept. */
  snapshots: boolean;
  /** At most this many snapshots a call (SNAPSHOT_LIMITS.perSession). */
  snapshotsPerCall: number;
}

const PICTURES_OFF = 'No video, picture or sound is recorded or sent anywhere';

/** What the notice says is kept of the picture, by the snapshots setting. */
export function picturesSentence(v: Pick<NoticeValues, 'snapshots' | 'snapshotsPerCall'>): string {
  return v.snapshots
    ? `No video or sound is recorded or sent anywhere; at most ${v.snapshotsPerCall} small still pictures of your face, taken at moments the tool flags, are kept encrypted with the measurements`
    : PICTURES_OFF;
}

/**
 * The notice with its placeholders filled; unknown placeholders are left as they are. A text without
 * {pictures} gets the snapshot sentence added when snapshots are kept, so it never hides them.
 */
export function fillNotice(template: string, v: NoticeValues): string {
  const filled = template
    // Texts saved from the earlier default carry its fixed sentence: it follows the setting too.
    .replaceAll(PICTURES_OFF, '{pictures}')
    .replaceAll('{company}', v.company.trim() || 'our company')
    .replaceAll('{retentionDays}', String(v.retentionDays));
  if (filled.includes('{pictures}')) return filled.replaceAll('{pictures}', picturesSentence(v));
  return v.snapshots ? `${filled} ${picturesSentence(v)}.` : filled;
}

/** A short, stable fingerprint of a notice text (FNV-1a, 32 bit, hex), so the log says which text was given. */
export function noticeFingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Shown beside the live signals and in every report. */
export const ACCOMMODATION_NOTE =
  'A candidate who cannot do a challenge (disability, equipment, setting) can skip it or verify another way; a skipped challenge is never a concern.';
