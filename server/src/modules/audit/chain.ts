/**
 * The tamper-evident audit chain, method `tiendo-audit-chain/1` (docs/audit.md spells it out so an
 * auditor can recompute it with any tool):
 *
 *   hash(n) = hex(SHA-256(UTF-8(hash(n-1) ‖ JCS(event n))))    hash(0) = 64 × "0"
 *
 * where JCS is RFC 8785 canonical JSON of the event's thirteen fields below, `before` and `after`
 * as the JSON values stored (not their text).
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

export const CHAIN_METHOD = 'tiendo-audit-chain/1';
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an event that the hash covers, exactly as stored. */
export interface ChainedEvent {
  seq: number;
  at: string;
  actorId: number | null;
  actorLabel: string;
  actorRole: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  unitId: number | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
}

/** RFC 8785 canonical JSON of an event: keys sorted, no whitespace, ECMAScript number form. */
export function canonicalEvent(e: ChainedEvent): string {
  const text = canonicalize({
    seq: e.seq,
    at: e.at,
    actorId: e.actorId,
    actorLabel: e.actorLabel,
    actorRole: e.actorRole,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    unitId: e.unitId,
    before: e.before ?? null,
    after: e.after ?? null,
    requestId: e.requestId,
    ip: e.ip,
  });
  if (text === undefined) throw new Error('audit event has no JSON form');
  return text;
}

export function chainHash(previousHash: string, e: ChainedEvent): string {
  return createHash('sha256').update(previousHash, 'utf8').update(canonicalEvent(e), 'utf8').digest('hex');
}

/** How JSON.stringify writes a lone surrogate; a surrogate pair is written as the characters themselves. */
const LONE_SURROGATE_ESCAPE = /\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text that JCS can encode: a lone UTF-16 surrogate (which no valid UTF-8 can carry, and RFC 8785
 * refuses) becomes U+FFFD. Applied before storing, so what is stored is what is hashed.
 */
export function wellFormed(s: string): string;
export function wellFormed(s: string | null): string | null;
export function wellFormed(s: string | null): string | null {
  return s === null ? null : s.replace(LONE_SURROGATE, '\uFFFD');
}

/** The JSON text stored for `before`/`after` (null for none), with every string well formed. */
export function storedJson(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  // JSON.stringify writes a lone surrogate as an escape (\ud800 … \udfff), and nothing else as one:
  // text without such an escape holds only well-formed strings and is kept as it is. Otherwise
  // every string is made well formed and the value written again.
  const text = JSON.stringify(v);
  if (text === undefined) return null;
  if (!LONE_SURROGATE_ESCAPE.test(text)) return text;
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'string' ? wellFormed(x) : x));
}
