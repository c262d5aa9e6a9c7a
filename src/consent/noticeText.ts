/**
 * The notice a candidate gets before the call is analysed (BIPA-style: what, why, how long, and that
 * nothing leaves the interviewer's computer), with the accommodation path. Placeholders:
 * {company}, {retentionDays}.
 */
export const DEFAULT_NOTICE = `Before we start: {company} uses Interview Guard during this video interview to help confirm that the person on the call is the person who applied. It measures the video and sound of this call on the interviewer's computer (for example head position, mouth movement and whether the voice matches the mouth). No video, picture or sound is recorded or sent anywhere, and no face template is kept: if you are asked to pass a hand across your face, turn your head or lean in and back, your face just before and just after it is compared on the interviewer's computer, and what that comparison measures of your face is discarded at once. The measurements are kept encrypted on the interviewer's computer for {retentionDays} days and then deleted; they are used only to review this interview and are never sold or shared. If you would rather not take part, or if a request such as turning your head or reading a phrase aloud is difficult for you (for example because of a disability or your equipment), just tell us: we will skip it or arrange another way to verify your identity, and that will not count against you.`;

export interface NoticeValues {
  company: string;
  retentionDays: number;
}

/** The notice with its placeholders filled; unknown placeholders are left as they are. */
export function fillNotice(template: string, v: NoticeValues): string {
  return template
    .replaceAll('{company}', v.company.trim() || 'our company')
    .replaceAll('{retentionDays}', String(v.retentionDays));
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
