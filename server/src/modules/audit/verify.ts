/**
 * Walks the whole audit chain in sequence order, page by page (flat memory, and the event loop
 * gets a turn between pages so a server stays responsive), and names the first broken event.
 */
import { chainHash, GENESIS_HASH } from './chain';
import { toChained, type AuditRepository, type StoredAuditRow } from './repository';

export type BreakReason = 'gap' | 'missing_hash' | 'reordered' | 'hash_mismatch' | 'anchor_mismatch';

export interface ChainBreak {
  seq: number;
  reason: BreakReason;
  detail: string;
}

export interface ChainVerification {
  intact: boolean;
  /** Events checked (up to the first break, or all). */
  events: number;
  /** The last event's sequence number and stored hash. */
  head: { seq: number; hash: string | null } | null;
  firstBroken: ChainBreak | null;
}

/** A chain head recorded elsewhere (an export's manifest), which the chain must still contain. */
export interface ChainAnchor {
  seq: number;
  hash: string;
  /** Where it was recorded, for the message ("export 12"). */
  source: string;
}

const PAGE = 2000;
/** How far from a bad event to look for the place its content belongs (reorder detection). */
const WINDOW = 8;

/**
 * A bad event whose content hashes correctly at another position nearby (with that position's
 * predecessor hash, wherever that now lies) was moved, not edited.
 */
async function belongsElsewhere(repo: AuditRepository, row: StoredAuditRow): Promise<number | null> {
  const near = await repo.range(Math.max(1, row.seq - WINDOW - 1), row.seq + WINDOW);
  const hashes = new Set<string>([GENESIS_HASH]);
  for (const r of near) if (r.hash) hashes.add(r.hash);
  const storedAt = new Map(near.map((r) => [r.seq, r.hash]));
  const content = toChained(row);
  for (let seq = Math.max(1, row.seq - WINDOW); seq <= row.seq + WINDOW; seq++) {
    if (seq === row.seq) continue;
    const wanted = new Set([row.hash, storedAt.get(seq)].filter((h): h is string => !!h));
    for (const prev of hashes) {
      if (wanted.has(chainHash(prev, { ...content, seq }))) return seq;
    }
  }
  return null;
}

export async function verifyChain(repo: AuditRepository, anchors: readonly ChainAnchor[] = []): Promise<ChainVerification> {
  const head = await repo.head();
  if (!head) return { intact: true, events: 0, head: null, firstBroken: null };
  const anchorAt = new Map<number, ChainAnchor[]>();
  for (const a of anchors) anchorAt.set(a.seq, [...(anchorAt.get(a.seq) ?? []), a]);

  let prevHash = GENESIS_HASH;
  let expected = 1;
  let events = 0;
  const broken = (b: ChainBreak): ChainVerification => ({ intact: false, events, head, firstBroken: b });

  for (;;) {
    const page = await repo.page(expected - 1, head.seq, PAGE);
    if (page.length === 0) break;
    for (const row of page) {
      if (row.seq !== expected) {
        const missing = row.seq - expected === 1 ? `sequence number ${expected} is missing` : `sequence numbers ${expected}–${row.seq - 1} are missing`;
        return broken({ seq: expected, reason: 'gap', detail: `${missing} (an event was deleted); the next event present is ${row.seq}.` });
      }
      if (!row.hash) return broken({ seq: row.seq, reason: 'missing_hash', detail: `event ${row.seq} has no chain hash.` });
      const hash = chainHash(prevHash, toChained(row));
      if (hash !== row.hash) {
        const home = await belongsElsewhere(repo, row);
        return broken(
          home !== null
            ? { seq: row.seq, reason: 'reordered', detail: `event ${row.seq} holds the content of event ${home}: events were moved out of their order.` }
            : { seq: row.seq, reason: 'hash_mismatch', detail: `event ${row.seq} does not match its hash: its content or hash was changed after it was written (or an earlier hash was).` },
        );
      }
      for (const a of anchorAt.get(row.seq) ?? []) {
        if (a.hash !== hash) {
          return broken({ seq: row.seq, reason: 'anchor_mismatch', detail: `event ${row.seq} has hash ${hash}, but ${a.source} recorded ${a.hash} for it: the chain was rewritten from this event on.` });
        }
      }
      prevHash = hash;
      expected++;
      events++;
    }
    // Let other work run between pages.
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (expected <= head.seq) {
    return broken({ seq: expected, reason: 'gap', detail: `sequence numbers ${expected}–${head.seq} are missing.` });
  }
  const beyond = anchors.filter((a) => a.seq > head.seq).sort((a, b) => a.seq - b.seq)[0];
  if (beyond) {
    return broken({ seq: head.seq + 1, reason: 'gap', detail: `${beyond.source} recorded event ${beyond.seq}, but the trail ends at ${head.seq}: events were removed from its end.` });
  }
  return { intact: true, events, head, firstBroken: null };
}
