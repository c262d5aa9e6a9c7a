import { english } from '../../../../src/text/Phrase';
import { describe, expect, it } from 'vitest';
import { rng } from '../../helpers/rng';
import { currentQuestionBank, importQuestionBank } from '../../../../extension/shared/promptSettings';
import {
  cardSummary,
  EMPTY_CARD,
  isTimeZone,
  parseCandidateCard,
  timeZoneEntryProblem,
  type CandidateCard,
} from '../../../../src/prompts/CandidateCard';
import defaultBank from '../../../../src/prompts/defaultBank.json';
import defaultBankDe from '../../../../src/prompts/defaultBank.de.json';
import { checkLocalTime, parseTimeOfDay } from '../../../../src/prompts/localTimeCheck';
import { PromptEngine, type PromptCard } from '../../../../src/prompts/PromptEngine';
import { PromptFlow, type PromptOutcome, type PromptView } from '../../../../src/prompts/PromptFlow';
import { parseQuestionBank, type QuestionBank } from '../../../../src/prompts/QuestionBank';
import { PHRASE_WORDS, randomPhrase } from '../../../../src/prompts/randomPhrase';

const card: CandidateCard = {
  name: 'Alex Example',
  city: 'Austin',
  country: 'United States',
  timeZone: 'America/Chicago',
  employers: [
    { name: 'Acme Cloud', role: 'backend engineer', from: '2021-03', to: 'present' },
    { name: 'Initech', role: 'developer', from: '2018', to: '2021' },
  ],
  schools: [{ name: 'State University', degree: 'BSc Computer Science', to: '2018' }],
};

const bank = (() => {
  const r = parseQuestionBank(defaultBank);
  if (!r.ok) throw new Error(r.error);
  return r.bank;
})();

describe('question banks', () => {
  it('the default bank is valid, cites its sources, and covers every category', () => {
    expect(bank.questions.length).toBeGreaterThanOrEqual(15);
    expect(new Set(bank.questions.map((q) => q.category))).toEqual(
      new Set(['location', 'time-zone', 'resume', 'camera', 'technical']),
    );
    expect(bank.sources.map((s) => s.id)).toContain('fbi-2025');
  });

  it('the German default bank is valid too, and asks the same questions from the same sources', () => {
    const r = parseQuestionBank(defaultBankDe);
    if (!r.ok) throw new Error(r.error);
    expect(r.bank.id).not.toBe(bank.id);
    const shape = (b: QuestionBank) =>
      b.questions.map((q) => ({
        id: q.id,
        category: q.category,
        sources: q.sources,
        parts: [q.followUp !== undefined, q.lookFor !== undefined],
        // The card fills the same values in: a question without its value is never asked ({role} has
        // a stand-in, so a translation may leave it out).
        placeholders: [...q.text.matchAll(/\{(\w+)\}/g)]
          .map((m) => m[1])
          .filter((p) => p !== 'role')
          .sort(),
      }));
    expect(shape(r.bank)).toEqual(shape(bank));
    expect(r.bank.sources).toEqual(bank.sources);
    // Written in German, not a copy.
    for (const [i, q] of r.bank.questions.entries()) expect(q.text).not.toBe(bank.questions[i]!.text);
  });

  const broken = (change: (b: QuestionBank) => void) => {
    const b = structuredClone(defaultBank) as unknown as QuestionBank;
    change(b);
    return parseQuestionBank(JSON.stringify(b));
  };

  it.each([
    ['not JSON', () => parseQuestionBank('{"format": "interview-guard.questions", '), /not JSON/],
    ['another format', () => parseQuestionBank('{"format":"x"}'), /not an Interview Guard question bank/],
    ['a newer version', () => broken((b) => ((b as { version: number }).version = 2)), /version 2/],
    ['no sources', () => broken((b) => (b.sources = [])), /must cite its sources/],
    [
      'an uncited question',
      () => broken((b) => (b.questions[0]!.sources = ['nobody'])),
      /Question 1 \("loc-weather"\) must cite/,
    ],
    [
      'a repeated id',
      () => broken((b) => (b.questions[1]!.id = b.questions[0]!.id)),
      /Question 2 \("loc-weather"\): the id appears twice/,
    ],
    [
      'an unknown placeholder',
      () => broken((b) => (b.questions[0]!.text = 'How is {street}?')),
      /unknown placeholder \{street\}/,
    ],
    [
      'a question on nationality',
      () => broken((b) => (b.questions[2]!.text = 'What is your nationality?')),
      /protected or off-limits topic \("nationality"\)/,
    ],
    [
      'a question reading emotion',
      () => broken((b) => (b.questions[3]!.lookFor = 'Does the candidate seem nervous?')),
      /off-limits topic \("nervous"\)/,
    ],
    [
      'a question on religion in a follow-up',
      () => broken((b) => (b.questions[4]!.followUp = 'Do you go to church there?')),
      /off-limits topic \("church"\)/,
    ],
    [
      'a German question on the mother tongue',
      () => broken((b) => (b.questions[2]!.text = 'Was ist Ihre Muttersprache?')),
      /off-limits topic \("Muttersprache"\)/,
    ],
    [
      'a German hint reading nerves',
      () => broken((b) => (b.questions[3]!.lookFor = 'Wirkt die Person nervös?')),
      /off-limits topic \("nervös"\)/,
    ],
    [
      'a German question on family status',
      () => broken((b) => (b.questions[4]!.followUp = 'Sind Sie verheiratet?')),
      /off-limits topic \("verheiratet"\)/,
    ],
  ])('refuses %s with a clear reason', (_, parse, reason) => {
    const r = parse();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(reason);
  });
});

describe('candidate card', () => {
  it('accepts a complete card and refuses a bad time zone or date with a reason', () => {
    expect(parseCandidateCard(card).ok).toBe(true);
    expect(parseCandidateCard({ ...card, timeZone: 'Mars/Olympus' })).toMatchObject({
      ok: false,
      error: '"Mars/Olympus" is not a time zone name (use one like "America/Chicago").',
    });
    const badDate = { ...card, employers: [{ name: 'Acme', role: '', from: 'last year', to: '' }] };
    expect(parseCandidateCard(badDate)).toMatchObject({ ok: false, error: /Employer 1: dates/ });
  });

  it('keeps only the fields a card has: anything else a stored or sent card carried is dropped', () => {
    const extra = {
      ...card,
      photo: 'data:image/jpeg;base64,AAAA',
      employers: card.employers.map((e) => ({ ...e, salary: 1 })),
      schools: card.schools.map((s) => ({ ...s, grade: 'A' })),
    };
    const r = parseCandidateCard(extra);
    expect(r).toEqual({ ok: true, card });
    expect(r.ok && r.card).not.toBe(extra);
  });

  it('asks for a place name instead of a time-zone abbreviation the runtime accepts but several places share', () => {
    expect(isTimeZone('CST')).toBe(true); // why the check exists: the runtime takes it
    expect(english(timeZoneEntryProblem('CST')!)).toMatch(/several places share.*America\/Chicago/);
    for (const ok of ['', 'UTC', 'America/Chicago', 'Etc/GMT+6']) expect(timeZoneEntryProblem(ok)).toBeNull();
  });

  it('sums a card up in one line for the question "is this the candidate on this call?"', () => {
    expect(cardSummary(card)).toBe(
      `${card.name} · ${card.city}, ${card.country} · ${card.employers[0]!.name}`,
    );
    expect(cardSummary({ ...EMPTY_CARD, country: 'Poland' })).toBe('no name · Poland');
  });
});

describe('local time check', () => {
  // 2026-11-25 15:00 UTC is 09:00 in Chicago (CST, UTC-6), as the IANA database gives it.
  const at = new Date('2026-11-25T15:00:00Z');

  it('reads the usual ways of saying a time', () => {
    expect(parseTimeOfDay('3:40 pm')).toEqual({ minutes: 15 * 60 + 40, twelveHour: false });
    expect(parseTimeOfDay('15.40')).toMatchObject({ minutes: 15 * 60 + 40 });
    expect(parseTimeOfDay('9')).toEqual({ minutes: 540, twelveHour: true });
    expect(parseTimeOfDay('noon-ish')).toBeNull();
  });

  it('matches within 20 minutes, either half of the day for a bare hour, and says how far off otherwise', () => {
    expect(checkLocalTime('9:05 am', 'America/Chicago', at)).toMatchObject({
      matches: true,
      expected: '09:00',
    });
    expect(checkLocalTime('9', 'America/Chicago', at).matches).toBe(true);
    const off = checkLocalTime('11 pm', 'America/Chicago', at);
    expect(off).toMatchObject({ matches: false, differenceMin: 600 });
    expect(off.note).toMatch(
      /^10 h off the claimed time zone \(09:00 in America\/Chicago\): worth a friendly follow-up/,
    );
    expect(checkLocalTime('soon', 'America/Chicago', at).understood).toBe(false);
  });
});

describe('random phrase', () => {
  it('gives the asked number of distinct words from the list, different per seed', () => {
    const a = randomPhrase(rng(1), 5);
    expect(a).toHaveLength(5);
    expect(new Set(a).size).toBe(5);
    for (const w of a) expect(PHRASE_WORDS).toContain(w);
    expect(randomPhrase(rng(2), 5)).not.toEqual(a);
    expect(randomPhrase(rng(1), 5)).toEqual(a); // same seed, same words (for tests only)
  });
});

describe('prompt engine', () => {
  /** Takes every card the engine offers over a long call, a minute apart. */
  function drain(engine: PromptEngine): PromptCard[] {
    const cards: PromptCard[] = [];
    for (let t = 0; t < 60 * 60_000; t += 60_000) {
      const c = engine.next(t);
      if (!c) continue;
      engine.consume(c);
      cards.push(c);
    }
    return cards;
  }

  it('never repeats a question within a call, and fills placeholders from the candidate card', () => {
    const cards = drain(new PromptEngine(bank, card, rng(5)));
    const qs = cards.filter((c) => c.kind === 'question');
    expect(new Set(qs.map((c) => c.kind === 'question' && c.questionId)).size).toBe(qs.length);
    expect(qs.length).toBeGreaterThanOrEqual(12);
    for (const c of cards) expect(c.text).not.toMatch(/\{\w+\}/);
    expect(qs.some((c) => /Austin/.test(c.text))).toBe(true);
    expect(qs.some((c) => /Acme Cloud|Initech/.test(c.text))).toBe(true);
    // Challenges are mixed in.
    expect(cards.some((c) => c.kind === 'challenge')).toBe(true);
  });

  it('is randomised: two calls with different seeds ask in a different order', () => {
    const ids = (seed: number) =>
      drain(new PromptEngine(bank, card, rng(seed))).map((c) => c.id.replace(/-\d+$/, ''));
    expect(ids(1)).not.toEqual(ids(2));
  });

  it('paces itself: one card, then nothing until the gap has passed', () => {
    const e = new PromptEngine(bank, card, rng(3), { minGapMs: 60_000 });
    const first = e.next(0)!;
    e.consume(first);
    expect(e.next(30_000)).toBeNull();
    expect(e.next(61_000)).not.toBeNull();
  });

  it('skips what the card cannot fill: no employer questions without employers, no time check without a zone', () => {
    const bare: CandidateCard = { ...card, employers: [], schools: [], timeZone: '' };
    const cards = drain(new PromptEngine(bank, bare, rng(9)));
    expect(cards.some((c) => c.kind === 'question' && /\{|Acme/.test(c.text))).toBe(false);
    expect(cards.some((c) => c.kind === 'question' && c.questionId === 'tz-now')).toBe(false);
    expect(cards.some((c) => c.kind === 'question' && c.category === 'location')).toBe(true);
  });

  it('escalates at once: lip-sync doubt → random phrase; face-swap doubt → profile turn, then hand pass', () => {
    const e = new PromptEngine(bank, card, rng(4));
    const q = e.next(0)!;
    e.consume(q);
    const phrase = e.next(5_000, { lipsync: 'concerns' })!;
    expect(phrase).toMatchObject({ kind: 'challenge', challenge: 'random-phrase' });
    expect(phrase.kind === 'challenge' && phrase.phrase).toHaveLength(5);
    expect(phrase.why).toMatch(/voice and the lips did not clearly agree/);
    e.consume(phrase);
    const turn = e.next(6_000, { faceswap: 'inconclusive' })!;
    expect(turn).toMatchObject({ kind: 'challenge', challenge: 'profile-turn' });
    e.consume(turn);
    e.consume(e.next(7_000, { faceswap: 'inconclusive' })!); // a second profile turn is allowed
    expect(e.next(8_000, { faceswap: 'inconclusive' })).toMatchObject({ challenge: 'hand-pass' });
  });

  it('when most signals cannot judge, suggests a movement challenge at the usual pace, each once', () => {
    const e = new PromptEngine(bank, card, rng(4));
    const q = e.next(0)!;
    e.consume(q);
    // Paced: not within a minute of the last card, even though the picture cannot be judged.
    expect(e.next(30_000, { mostCannotJudge: true })).toBeNull();
    // Nor as the call's very first card: a fresh engine suggests its plan's first card.
    const fresh = new PromptEngine(bank, card, rng(4)).next(0, { mostCannotJudge: true });
    expect(fresh?.why ?? '').not.toMatch(/most signals cannot judge/);
    const turn = e.next(61_000, { mostCannotJudge: true })!;
    expect(turn).toMatchObject({ kind: 'challenge', challenge: 'profile-turn' });
    expect(turn.why).toMatch(/most signals cannot judge the picture now/);
    e.consume(turn);
    const hand = e.next(122_000, { mostCannotJudge: true })!;
    expect(hand).toMatchObject({ kind: 'challenge', challenge: 'hand-pass' });
    e.consume(hand);
    // Both asked once: the plan goes on as usual.
    const after = e.next(183_000, { mostCannotJudge: true });
    expect(after?.why ?? '').not.toMatch(/most signals cannot judge/);
  });
});

describe('prompt flow (the card on screen)', () => {
  function setup(c: CandidateCard = card) {
    const logged: { type: string; detail: string; data: Record<string, unknown> }[] = [];
    const started: string[] = [];
    const cancelled: string[] = [];
    const confirmed: [string, boolean][] = [];
    let shown: PromptView | null = null;
    let history: readonly PromptOutcome[] = [];
    const flow = new PromptFlow(
      new PromptEngine(bank, c, rng(8)),
      {
        log: (type, detail, data) => logged.push({ type, detail: english(detail), data }),
        startChallenge: (pc) => started.push(pc.challenge),
        cancelChallenge: (id) => cancelled.push(id),
        confirmChallenge: (id, said) => confirmed.push([id, said]),
        show: (v, h) => {
          shown = v;
          history = h;
        },
      },
      c,
    );
    return { flow, logged, started, cancelled, confirmed, shown: () => shown, history: () => history };
  }

  it('question: suggested → asked → marked, logged with the mark and note; then the next card waits for the pace', () => {
    const t = setup();
    t.flow.tick(0, {});
    const first = t.shown()!;
    expect(first.phase).toBe('suggested');
    t.flow.asked(1000);
    expect(t.shown()!.phase).toBe('asked');
    expect(t.logged[0]).toMatchObject({ type: 'question-asked' });
    t.flow.mark('evasive', '  vague about the commute  ', 20_000);
    expect(t.shown()).toBeNull();
    expect(t.logged[1]).toMatchObject({
      type: 'question-marked',
      data: { mark: 'evasive', note: 'vague about the commute' },
    });
    expect(t.history()[0]).toMatchObject({ outcome: 'Evasive' });
    t.flow.tick(30_000, {});
    expect(t.shown()).toBeNull(); // paced
    t.flow.tick(61_000, {});
    expect(t.shown()).not.toBeNull();
  });

  it('challenge on request: asked starts the verifier; the verdict shows; Next files it', () => {
    const t = setup();
    t.flow.tick(0, {});
    t.flow.requestChallenge('profile-turn', 500);
    const card = t.shown()!.card;
    expect(card).toMatchObject({ kind: 'challenge', challenge: 'profile-turn' });
    t.flow.asked(1000);
    expect(t.started).toEqual(['profile-turn']);
    expect(t.shown()).toMatchObject({ phase: 'asked', askedAtMs: 1000, deadlineMs: 21_000 });
    t.flow.verdict(card.id, {
      kind: 'profile-turn',
      verdict: 'passed',
      reasons: ['performed both ways and held'],
      feedBroke: false,
      fromMs: 1000,
      toMs: 9000,
      measured: {},
    });
    expect(t.shown()).toMatchObject({ phase: 'verdict', result: { verdict: 'passed' } });
    t.flow.skip(10_000);
    expect(t.shown()).toBeNull();
    expect(t.history()[0]!.outcome).toMatch(/^passed: performed both ways/);
  });

  it("random phrase: the machine's part holds → the card asks the interviewer; their word goes to the verifier, and the verdict follows", () => {
    const t = setup();
    t.flow.requestChallenge('random-phrase', 0);
    const id = t.shown()!.card.id;
    t.flow.confirm(true); // nothing to confirm yet: ignored
    expect(t.confirmed).toEqual([]);
    t.flow.asked(100);
    const machine = {
      kind: 'random-phrase' as const,
      verdict: 'passed' as const,
      reasons: [
        'a reading began 1.2 s after the ask, after a pause, and lasted 2.1 s',
        'the mouth moved with the voice',
      ],
      feedBroke: false,
      fromMs: 100,
      toMs: 4000,
      measured: {},
    };
    t.flow.awaiting('another-card', machine);
    expect(t.shown()!.phase).toBe('asked');
    t.flow.awaiting(id, machine);
    expect(t.shown()).toMatchObject({ phase: 'confirm', result: { reasons: machine.reasons } });
    t.flow.confirm(false);
    expect(t.confirmed).toEqual([[id, false]]);
    t.flow.verdict(id, {
      ...machine,
      verdict: 'not-performed',
      reasons: ['you did not hear the words read'],
    });
    expect(t.shown()).toMatchObject({ phase: 'verdict', result: { verdict: 'not-performed' } });
  });

  it('cancelling an asked challenge cancels its verification and logs the skip', () => {
    const t = setup();
    t.flow.requestChallenge('hand-pass', 0);
    const id = t.shown()!.card.id;
    t.flow.asked(100);
    t.flow.skip(2000);
    expect(t.cancelled).toEqual([id]);
    expect(t.logged.at(-1)).toMatchObject({ type: 'prompt-skipped' });
  });

  it('the local-time question compares the stated time with the claimed zone, and logs the note', () => {
    const tzOnly: CandidateCard = { ...card, city: '', employers: [], schools: [] };
    const t = setup(tzOnly);
    // Walk cards until the time question comes up (location needs a city: skipped).
    for (
      let now = 0;
      now < 20 * 60_000 &&
      !(t.shown()?.card.kind === 'question' && t.shown()!.card.text.includes('What time'));
      now += 61_000
    ) {
      if (t.shown()) t.flow.skip(now);
      t.flow.tick(now + 1, {});
    }
    expect(t.shown()!.card.text).toMatch(/What time is it for you/);
    t.flow.asked(0);
    t.flow.mark('answered-well', '', 1, '9:10 am', new Date('2026-11-25T15:00:00Z'));
    expect(t.logged.at(-1)!.data).toMatchObject({
      statedTime: '9:10 am',
      timeCheck: 'matches the claimed time zone (09:00 in America/Chicago)',
    });
  });
});

describe('importing a question bank (settings store)', () => {
  function store() {
    const m = new Map<string, unknown>();
    return {
      m,
      get: async <T>(k: string) => m.get(k) as T | undefined,
      set: async (k: string, v: unknown) => void m.set(k, structuredClone(v)),
      remove: async (k: string) => void m.delete(k),
    };
  }

  it('a valid bank replaces the one in use; a broken one is refused and changes nothing', async () => {
    const s = store();
    expect((await currentQuestionBank(s)).bank.id).toBe('interview-guard-default');
    const custom = { ...structuredClone(defaultBank), id: 'acme-2026', title: 'ACME checks' };
    await importQuestionBank(s, JSON.stringify(custom));
    expect((await currentQuestionBank(s)).bank.id).toBe('acme-2026');
    const bad = {
      ...custom,
      id: 'acme-bad',
      questions: [{ ...custom.questions[0], text: 'What is your religion?' }],
    };
    await expect(importQuestionBank(s, JSON.stringify(bad))).rejects.toThrow(
      /not imported \(the current one stays in use\): .*off-limits topic \("religion"\)/,
    );
    await expect(importQuestionBank(s, '{"format":')).rejects.toThrow(/not JSON/);
    expect((await currentQuestionBank(s)).bank.id).toBe('acme-2026');
  });

  it('a stored bank that no longer passes the checks falls back to the default, with the reason', async () => {
    const s = store();
    s.m.set('questionBank', { format: 'interview-guard.questions', version: 9 });
    const current = await currentQuestionBank(s);
    expect(current.bank.id).toBe('interview-guard-default');
    expect(english(current.problem!)).toMatch(/version 9/);
  });
});
