import { defaultNotice, fillNotice, isDefaultNotice } from '../../src/consent/noticeText';
import { uiLocale } from './i18n';
import { SNAPSHOT_LIMITS } from '../../src/session/EvidenceSnapshot';
import { localStorage } from './browserApi';
import { SNAPSHOTS_KEY } from './promptSettings';
import { retentionDays } from './log/retention';
import { SaidError, words } from '../../src/text/Phrase';

export interface NoticeSettings {
  company: string;
  template: string;
}

export async function noticeSettings(): Promise<NoticeSettings> {
  const v = await localStorage.get<Partial<NoticeSettings>>('notice');
  return {
    company: typeof v?.company === 'string' ? v.company : '',
    template: typeof v?.template === 'string' && v.template.trim() ? v.template : defaultNotice(uiLocale()),
  };
}

export async function saveNoticeSettings(s: NoticeSettings): Promise<void> {
  if (s.template.length > 5000)
    throw new SaidError(words('The notice is too long (5000 characters at most).'));
  if (s.company.length > 200) throw new SaidError(words('The company name is too long.'));
  // A default text is kept as none, so the notice follows the interface's language.
  const template = isDefaultNotice(s.template.trim()) ? '' : s.template.trim();
  await localStorage.set('notice', { company: s.company, template });
}

/** The notice as the candidate will read it, saying what the current settings keep. */
export async function currentNotice(): Promise<string> {
  const s = await noticeSettings();
  return fillNotice(
    s.template,
    {
      company: s.company,
      retentionDays: await retentionDays(),
      snapshots: (await localStorage.get<unknown>(SNAPSHOTS_KEY)) === true,
      snapshotsPerCall: SNAPSHOT_LIMITS.perSession,
    },
    uiLocale(),
  );
}
