/**
 * `Idempotency-Key` for writes: a client that did not see the answer (a dropped connection, a
 * timeout) sends the same request with the same key again and gets the first answer back, and
 * nothing is written twice.
 *
 * The key and the answer are stored in the same unit of work as the write, so there is never a
 * write without its key nor a key without its write. Lookup, write and store all happen inside one
 * unit of work of `transact` (a SAVEPOINT in a transaction shared with other writes, committed
 * before any of them is answered; see db/transaction.ts). Units of work run one after another, so
 * concurrent requests with the same key do too, and every one after the first finds the stored
 * answer and replays it.
 *
 * Only successful answers are kept. A request that fails (a 4xx from the service, or a 5xx) rolls
 * back with its write and leaves no key behind, so the client may correct the request and send it
 * again with the same key.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { and, eq, lt } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IDEMPOTENCY_KEY_PATTERN } from '@tiendo/shared/schemas/idempotency';
import { idempotencyKeys } from '../db/schema/index';
import type { Deps } from '../deps';
import { AppError } from './errors';

/** How long an answer is kept for replay; older keys are removed and may be used afresh. */
export const IDEMPOTENCY_KEEP_MS = 24 * 60 * 60 * 1000;
export const REPLAYED_HEADER = 'idempotency-replayed';

const VALID_KEY = new RegExp(IDEMPOTENCY_KEY_PATTERN);

/** The request's key, or null when it has none; a malformed key is refused. */
export function idempotencyKeyOf(request: FastifyRequest): string | null {
  const raw = request.headers['idempotency-key'];
  if (raw === undefined) return null;
  if (typeof raw !== 'string' || !VALID_KEY.test(raw)) {
    throw new AppError('INVALID_IDEMPOTENCY_KEY', 'The Idempotency-Key header must be 1–255 printable ASCII characters (for example a UUID), sent once.');
  }
  return raw;
}

const isPrimaryKeyClash = (err: unknown): boolean => (err as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY';

export function createIdempotency(deps: Pick<Deps, 'dbh' | 'transact'>) {
  const { db } = deps.dbh;

  return {
    /**
     * A route's preValidation hook: a malformed key is refused with INVALID_IDEMPOTENCY_KEY before
     * the schema check would report it as a generic validation failure.
     */
    async checkKey(request: FastifyRequest): Promise<void> {
      idempotencyKeyOf(request);
    },

    /**
     * Runs a write answered with `status` and returns its body for the route to send; with an
     * Idempotency-Key, returns the stored answer of an earlier identical request instead of writing
     * again (and marks the reply `Idempotency-Replayed: true`).
     */
    async run<T>(request: FastifyRequest, reply: FastifyReply, status: number, write: () => Promise<T>): Promise<T> {
      const key = idempotencyKeyOf(request);
      const userId = request.ctx.actor.id;
      if (key === null || userId === null) {
        const body = await write();
        reply.code(status);
        return body;
      }

      const route = `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`;
      const requestHash = createHash('sha256')
        .update(canonicalize({ params: request.params ?? {}, body: request.body ?? null }) ?? '')
        .digest('hex');
      const at = (ms: number) => new Date(ms).toISOString();

      const answer = await deps.transact(async () => {
        const now = Date.now();
        const cutoff = at(now - IDEMPOTENCY_KEEP_MS);
        const stored = db
          .select()
          .from(idempotencyKeys)
          .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.route, route), eq(idempotencyKeys.key, key)))
          .get();
        if (stored && stored.createdAt >= cutoff) {
          if (stored.requestHash !== requestHash) {
            throw new AppError(
              'IDEMPOTENCY_KEY_REUSED',
              `This Idempotency-Key was already used on ${route} for a different request (at ${stored.createdAt}). Use a new key for a new request.`,
            );
          }
          // The answer this route gave (and serialized with the same schema) the first time.
          return { replayed: true, status: stored.status, body: JSON.parse(stored.body) as T };
        }
        // Expired keys (this one too, if it was used more than a day ago) make way.
        db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, cutoff)).run();
        const body = await write();
        try {
          db.insert(idempotencyKeys).values({ userId, route, key, requestHash, status, body: JSON.stringify(body), createdAt: at(now) }).run();
        } catch (err) {
          // Only possible if another writer stored the key since the lookup; this write rolls back.
          if (isPrimaryKeyClash(err)) throw new AppError('IDEMPOTENCY_KEY_IN_PROGRESS', 'Another request with this Idempotency-Key was answered at the same moment; send it again to get that answer.');
          throw err;
        }
        return { replayed: false, status, body };
      });
      if (answer.replayed) reply.header(REPLAYED_HEADER, 'true');
      reply.code(answer.status);
      return answer.body;
    },
  };
}

export type Idempotency = ReturnType<typeof createIdempotency>;
