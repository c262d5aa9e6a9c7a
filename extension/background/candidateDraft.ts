/**
 * The candidate card for the next call, held by the background. It lives in storage.session (memory
 * only: never written to disk, gone when the browser closes); a call uses it only after the
 * interviewer confirms, at that call's start, that it describes the person on the call. The card a
 * call used is sealed in that call's encrypted log; this draft is never part of any log.
 */
import { parseCandidateCard, type CandidateCard } from '../../src/prompts/CandidateCard';
import type { OwnerStore } from './logOwners';

/** Where the draft lives in storage.session. */
export const DRAFT_KEY = 'candidateDraft';
/** Where versions before the draft kept the card: storage.local, on disk, unencrypted. */
export const LEGACY_CARD_KEY = 'candidateCard';

export class CandidateDraft {
  constructor(
    /** storage.session */
    private readonly memory: OwnerStore,
    /** storage.local, read once to move an older version's card off the disk */
    private readonly disk: OwnerStore,
  ) {}

  /** The draft, or null when there is none or what is kept is not a valid card. */
  async get(): Promise<CandidateCard | null> {
    const raw = await this.memory.get<unknown>(DRAFT_KEY);
    if (raw === undefined) return null;
    const p = parseCandidateCard(raw);
    return p.ok ? p.card : null;
  }

  /** Replaces the draft (null forgets it). */
  async set(card: CandidateCard | null): Promise<void> {
    if (card === null) await this.memory.remove(DRAFT_KEY);
    else await this.memory.set(DRAFT_KEY, card);
  }

  /**
   * Moves a card an older version kept on disk into memory, and deletes it from the disk. A broken
   * one is deleted too: it could never be used, and it is the candidate's data.
   */
  async moveOffDisk(): Promise<void> {
    const raw = await this.disk.get<unknown>(LEGACY_CARD_KEY);
    if (raw === undefined) return;
    const p = parseCandidateCard(raw);
    if (p.ok && (await this.memory.get(DRAFT_KEY)) === undefined) await this.memory.set(DRAFT_KEY, p.card);
    await this.disk.remove(LEGACY_CARD_KEY);
  }
}
