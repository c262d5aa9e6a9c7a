import { english, words } from '../text/Phrase';
/**
 * The notice a candidate gets before the call is analysed (BIPA-style: what, why, how long, and that
 * nothing leaves the interviewer's computer), with the accommodation path. Placeholders:
 * {company}, {retentionDays}, {pictures} (what is kept of the picture: it follows the evidence
 * snapshots setting).
 */
export const DEFAULT_NOTICE = `Before we start: {company} uses Interview Guard during this video interview to help confirm that the person on the call is the person who applied. It measures the video and sound of this call on the interviewer's computer (for example head position, mouth movement and whether the voice matches the mouth). {pictures}, and no face template is kept: if you are asked to pass a hand across your face, turn your head or lean in and back, your face just before and just after it is compared on the interviewer's computer, and what that comparison measures of your face is discarded at once. The measurements are kept encrypted on the interviewer's computer for {retentionDays} days and then deleted; they are used only to review this interview and are never sold or shared. If you would rather not take part, or if a request such as turning your head or reading a phrase aloud is difficult for you (for example because of a disability or your equipment), just tell us: we will skip it or arrange another way to verify your identity, and that will not count against you.`;

/** The same notice in German, with the same placeholders. */
export const DEFAULT_NOTICE_DE = `Bevor wir beginnen: {company} verwendet während dieses Videointerviews Interview Guard, um zu bestätigen, dass die Person im Gespräch die Person ist, die sich beworben hat. Es misst Bild und Ton dieses Gesprächs auf dem Computer der interviewenden Person (zum Beispiel Kopfhaltung, Mundbewegung und ob die Stimme zum Mund passt). {pictures}, und keine Gesichtsvorlage wird gespeichert: Wenn Sie gebeten werden, eine Hand vor Ihrem Gesicht vorbeizuführen, den Kopf zu drehen oder sich vor- und zurückzulehnen, wird Ihr Gesicht kurz davor und kurz danach auf dem Computer der interviewenden Person verglichen, und was dieser Vergleich von Ihrem Gesicht misst, wird sofort verworfen. Die Messungen werden {retentionDays} Tage lang verschlüsselt auf dem Computer der interviewenden Person aufbewahrt und dann gelöscht; sie dienen nur der Auswertung dieses Interviews und werden nie verkauft oder weitergegeben. Wenn Sie lieber nicht teilnehmen möchten oder wenn Ihnen eine Bitte wie das Drehen des Kopfes oder das Vorlesen von Wörtern schwerfällt (zum Beispiel wegen einer Behinderung oder Ihrer Ausstattung), sagen Sie es uns einfach: Wir lassen es aus oder vereinbaren einen anderen Weg, Ihre Identität zu bestätigen, und das wird nicht gegen Sie gewertet.`;

export interface NoticeValues {
  company: string;
  retentionDays: number;
  /** Whether evidence snapshots (still pictures of the face at flagged moments) are kept. */
  snapshots: boolean;
  /** At most this many snapshots a call (SNAPSHOT_LIMITS.perSession). */
  snapshotsPerCall: number;
}

/** What a notice says in one language: the default text, the sentence on pictures, the stand-in company. */
interface NoticeLanguage {
  notice: string;
  picturesOff: string;
  picturesOn: (perCall: number) => string;
  ourCompany: string;
}

const NOTICE_LANGUAGES: Readonly<Record<'en' | 'de', NoticeLanguage>> = {
  en: {
    notice: DEFAULT_NOTICE,
    picturesOff: 'No video, picture or sound is recorded or sent anywhere',
    picturesOn: (n) =>
      `No video or sound is recorded or sent anywhere; at most ${n} small still pictures of your face, taken at moments the tool flags, are kept encrypted with the measurements`,
    ourCompany: 'our company',
  },
  de: {
    notice: DEFAULT_NOTICE_DE,
    picturesOff: 'Kein Video, kein Bild und kein Ton wird aufgezeichnet oder irgendwohin gesendet',
    picturesOn: (n) =>
      `Kein Video und kein Ton wird aufgezeichnet oder irgendwohin gesendet; höchstens ${n} kleine Standbilder Ihres Gesichts, aufgenommen in Momenten, die das Werkzeug markiert, werden verschlüsselt mit den Messungen aufbewahrt`,
    ourCompany: 'unser Unternehmen',
  },
};

/** The notice's language for the interface's locale (uiLocale(): undefined for English). */
const language = (locale?: string): NoticeLanguage =>
  locale?.toLowerCase().startsWith('de') ? NOTICE_LANGUAGES.de : NOTICE_LANGUAGES.en;

/** The default notice in the interface's language. */
export const defaultNotice = (locale?: string): string => language(locale).notice;

/** Whether `text` is one of the shipped default notices (in any language). */
export const isDefaultNotice = (text: string): boolean =>
  Object.values(NOTICE_LANGUAGES).some((l) => l.notice === text);

/** What the notice says is kept of the picture, by the snapshots setting. */
export function picturesSentence(
  v: Pick<NoticeValues, 'snapshots' | 'snapshotsPerCall'>,
  locale?: string,
): string {
  const l = language(locale);
  return v.snapshots ? l.picturesOn(v.snapshotsPerCall) : l.picturesOff;
}

/**
 * The notice with its placeholders filled, in the language of `locale` (the shipped German default
 * is always filled in German); unknown placeholders are left as they are. A text without {pictures}
 * gets the snapshot sentence added when snapshots are kept, so it never hides them.
 */
export function fillNotice(template: string, v: NoticeValues, locale?: string): string {
  const l = template === DEFAULT_NOTICE_DE ? NOTICE_LANGUAGES.de : language(locale);
  let filled = template;
  // Texts saved from an earlier default carry its fixed sentence: it follows the setting too.
  for (const x of Object.values(NOTICE_LANGUAGES)) filled = filled.replaceAll(x.picturesOff, '{pictures}');
  filled = filled
    .replaceAll('{company}', v.company.trim() || l.ourCompany)
    .replaceAll('{retentionDays}', String(v.retentionDays));
  const pictures = v.snapshots ? l.picturesOn(v.snapshotsPerCall) : l.picturesOff;
  if (filled.includes('{pictures}')) return filled.replaceAll('{pictures}', pictures);
  return v.snapshots ? `${filled} ${pictures}.` : filled;
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
export const ACCOMMODATION_WORDS = words(
  'A candidate who cannot do a challenge (disability, equipment, setting) can skip it or verify another way; a skipped challenge is never a concern.',
);
export const ACCOMMODATION_NOTE = english(ACCOMMODATION_WORDS);
