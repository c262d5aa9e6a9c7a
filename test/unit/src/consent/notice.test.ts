import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NOTICE,
  DEFAULT_NOTICE_DE,
  defaultNotice,
  fillNotice,
  noticeFingerprint,
} from '../../../../src/consent/noticeText';

const values = { company: 'Acme', retentionDays: 30, snapshots: false, snapshotsPerCall: 6 };

describe('candidate notice', () => {
  it('fills the company and the retention period, and names what is and is not collected', () => {
    const text = fillNotice(DEFAULT_NOTICE, values);
    expect(text).toContain('Acme uses Interview Guard');
    expect(text).toContain('for 30 days');
    expect(text).not.toMatch(/\{(company|retentionDays|pictures)\}/);
    expect(text).toContain('No video, picture or sound is recorded or sent anywhere');
    // The hand pass compares the face before and after it with a face-recognition network: said.
    expect(text).toMatch(
      /no face template is kept: .*hand across your face, turn your head or lean in and back.* compared .* discarded at once/,
    );
    expect(text).toMatch(/disability/);
    expect(fillNotice('{company}', { ...values, company: '  ' })).toBe('our company');
  });
  it('with evidence snapshots on, says pictures are kept instead of "no picture", whatever the text', () => {
    const text = fillNotice(DEFAULT_NOTICE, { ...values, snapshots: true });
    expect(text).not.toMatch(/picture or sound is recorded/);
    expect(text).toContain(
      'No video or sound is recorded or sent anywhere; at most 6 small still pictures of your face, taken at moments the tool flags, are kept encrypted with the measurements, and no face template is kept',
    );
    // A company's own text without the placeholder gets the sentence added only when pictures are kept.
    const saved = DEFAULT_NOTICE.replace(
      '{pictures}',
      'No video, picture or sound is recorded or sent anywhere',
    );
    expect(fillNotice(saved, { ...values, snapshots: true })).toBe(text); // saved from the earlier default
    const own = 'We check identity on calls.';
    expect(fillNotice(own, values)).toBe(own);
    expect(fillNotice(own, { ...values, snapshots: true })).toMatch(
      /^We check identity on calls\. No video or sound .* measurements\.$/,
    );
  });
  it('in German: the same notice, the same placeholders, the pictures sentence in German too', () => {
    expect(defaultNotice('de')).toBe(DEFAULT_NOTICE_DE);
    expect(defaultNotice(undefined)).toBe(DEFAULT_NOTICE);
    const names = (x: string) => [...x.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(names(DEFAULT_NOTICE_DE)).toEqual(names(DEFAULT_NOTICE));
    const off = fillNotice(DEFAULT_NOTICE_DE, values, 'de');
    expect(off).toContain('Acme verwendet während dieses Videointerviews Interview Guard');
    expect(off).toContain('30 Tage lang');
    expect(off).toContain('Kein Video, kein Bild und kein Ton wird aufgezeichnet');
    expect(off).toMatch(/Behinderung/);
    // The German default is said in German whatever the interface, and snapshots are never hidden.
    const on = fillNotice(DEFAULT_NOTICE_DE, { ...values, snapshots: true, company: '' });
    expect(on).toContain('unser Unternehmen verwendet');
    expect(on).toContain('höchstens 6 kleine Standbilder Ihres Gesichts');
    expect(on).not.toMatch(/kein Bild und kein Ton/);
    expect(fillNotice('Wir prüfen Identitäten.', { ...values, snapshots: true }, 'de')).toMatch(
      /^Wir prüfen Identitäten\. Kein Video und kein Ton .* aufbewahrt\.$/,
    );
  });
  it('fingerprints texts stably (FNV-1a 32-bit; "" → 811c9dc5, "a" → e40c292c)', () => {
    expect(noticeFingerprint('')).toBe('811c9dc5');
    expect(noticeFingerprint('a')).toBe('e40c292c');
    expect(noticeFingerprint('notice v1')).not.toBe(noticeFingerprint('notice v2'));
  });
});
