import { describe, expect, it } from 'vitest';
import { DEFAULT_NOTICE, fillNotice, noticeFingerprint } from '../../src/consent/noticeText';

describe('candidate notice', () => {
  it('fills the company and the retention period, and names what is and is not collected', () => {
    const text = fillNotice(DEFAULT_NOTICE, { company: 'Acme', retentionDays: 30 });
    expect(text).toContain('Acme uses Interview Guard');
    expect(text).toContain('for 30 days');
    expect(text).not.toMatch(/\{(company|retentionDays)\}/);
    expect(text).toContain('No video, picture or sound is recorded or sent anywhere');
    // The hand pass compares the face before and after it with a face-recognition network: said.
    expect(text).toMatch(
      /no face template is kept: .*hand across your face, turn your head or lean in and back.* compared .* discarded at once/,
    );
    expect(text).toMatch(/disability/);
    expect(fillNotice('{company}', { company: '  ', retentionDays: 1 })).toBe('our company');
  });
  it('fingerprints texts stably (FNV-1a 32-bit; "" → 811c9dc5, "a" → e40c292c)', () => {
    expect(noticeFingerprint('')).toBe('811c9dc5');
    expect(noticeFingerprint('a')).toBe('e40c292c');
    expect(noticeFingerprint('notice v1')).not.toBe(noticeFingerprint('notice v2'));
  });
});
