import { describe, expect, it } from 'vitest';
import { SESSION_EVENT_TYPES } from '../../../../src/session/SessionEvent';
import { isTechnical, TECHNICAL_EVENTS } from '../../../../src/session/technicalEvents';

describe('technical events', () => {
  it('every technical event type exists and is explained; findings, checks and consent are never technical', () => {
    for (const [type, words] of Object.entries(TECHNICAL_EVENTS)) {
      expect(SESSION_EVENT_TYPES).toContain(type);
      expect(words!.en.length).toBeGreaterThan(20);
    }
    for (const t of [
      'flag-raised',
      'flag-cleared',
      'observation',
      'challenge-asked',
      'challenge-verdict',
      'question-marked',
      'notice-given',
      'consent-confirmed',
      'watch-start',
      'watch-stop',
    ] as const)
      expect(isTechnical(t), t).toBe(false);
    expect(isTechnical('egress-blocked')).toBe(true);
    expect(TECHNICAL_EVENTS['egress-blocked']!.en).toMatch(/nothing leaves this computer/);
  });
});
