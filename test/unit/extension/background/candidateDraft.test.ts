import { describe, expect, it } from 'vitest';
import { CandidateDraft, DRAFT_KEY, LEGACY_CARD_KEY } from '../../../../extension/background/candidateDraft';
import type { OwnerStore } from '../../../../extension/background/logOwners';
import type { CandidateCard } from '../../../../src/prompts/CandidateCard';

function mapStore(): OwnerStore & { map: Map<string, unknown> } {
  const map = new Map<string, unknown>();
  return {
    map,
    get: async <T>(k: string) => map.get(k) as T | undefined,
    set: async (k, v) => void map.set(k, v),
    remove: async (k) => void map.delete(k),
  };
}
const card: CandidateCard = {
  name: 'Alex Example',
  city: 'Austin',
  country: 'United States',
  timeZone: 'America/Chicago',
  employers: [{ name: 'Acme Cloud', role: 'backend engineer', from: '2021-03', to: 'present' }],
  schools: [],
};

describe('CandidateDraft: the card for the next call is kept in memory, never on disk', () => {
  it('keeps, replaces and forgets the draft in memory only', async () => {
    const memory = mapStore();
    const disk = mapStore();
    const draft = new CandidateDraft(memory, disk);
    expect(await draft.get()).toBeNull();
    await draft.set(card);
    expect(await draft.get()).toEqual(card);
    expect(disk.map.size).toBe(0);
    await draft.set(null);
    expect(await draft.get()).toBeNull();
    expect(memory.map.has(DRAFT_KEY)).toBe(false);
  });

  it("moves an older version's card off the disk into memory, and deletes a broken one from the disk", async () => {
    const memory = mapStore();
    const disk = mapStore();
    disk.map.set(LEGACY_CARD_KEY, { ...card, extra: 'dropped' });
    disk.map.set('retentionDays', 30);
    const draft = new CandidateDraft(memory, disk);
    await draft.moveOffDisk();
    expect(disk.map.has(LEGACY_CARD_KEY)).toBe(false);
    expect(disk.map.get('retentionDays')).toBe(30); // other settings stay
    expect(await draft.get()).toEqual(card);

    const broken = mapStore();
    broken.map.set(LEGACY_CARD_KEY, { name: 42 });
    const d2 = new CandidateDraft(mapStore(), broken);
    await d2.moveOffDisk();
    expect(broken.map.has(LEGACY_CARD_KEY)).toBe(false);
    expect(await d2.get()).toBeNull();
  });

  it('a draft already in memory wins over an old card on disk, which is still deleted', async () => {
    const memory = mapStore();
    const disk = mapStore();
    const draft = new CandidateDraft(memory, disk);
    await draft.set({ ...card, name: 'Newer' });
    disk.map.set(LEGACY_CARD_KEY, card);
    await draft.moveOffDisk();
    expect((await draft.get())?.name).toBe('Newer');
    expect(disk.map.has(LEGACY_CARD_KEY)).toBe(false);
  });

  it('reads a corrupt draft as none', async () => {
    const memory = mapStore();
    memory.map.set(DRAFT_KEY, 'not a card');
    expect(await new CandidateDraft(memory, mapStore()).get()).toBeNull();
  });
});
