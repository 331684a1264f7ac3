import { Type, type Static } from 'typebox';

/** Printable ASCII (space to tilde), 1–255 characters: what an `Idempotency-Key` may hold. */
export const IDEMPOTENCY_KEY_PATTERN = '^[\\x20-\\x7E]{1,255}$';

/**
 * The optional `Idempotency-Key` request header of writes that create or move a progress report.
 * Header names are matched in lower case.
 */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 255,
      pattern: IDEMPOTENCY_KEY_PATTERN,
      description:
        'Optional. 1–255 printable ASCII characters, unique per write (e.g. a UUID). A retry with the same key by the same user on the same route gets the first answer again ' +
        '(same status and body, with `Idempotency-Replayed: true`) and writes nothing; the same key with a different request is refused with 422 IDEMPOTENCY_KEY_REUSED. ' +
        'Only successful answers are kept (for at least 24 hours): after an error the same key may be used again for the corrected request.',
    }),
  ),
});
export type IdempotencyHeaders = Static<typeof IdempotencyHeaders>;
