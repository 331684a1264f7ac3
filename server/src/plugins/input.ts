import { isUtf8 } from 'node:buffer';
import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { FieldError } from '@tiendo/shared/errors';
import { AppError } from '../lib/errors';

/** Query, path and header values the validator turned into numbers that are not finite. */
function nonFinite(part: string, values: unknown): FieldError[] {
  if (values === null || typeof values !== 'object') return [];
  const errors: FieldError[] = [];
  for (const [name, value] of Object.entries(values)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v === 'number' && !Number.isFinite(v)) errors.push({ field: `/${part}/${name}`, message: 'must be a finite number' });
    }
  }
  return errors;
}

/**
 * What the request schemas cannot hold back on their own:
 *
 * - JSON bodies must be UTF-8. Fastify's parser decodes bytes leniently, so a body with invalid
 *   bytes would be stored with U+FFFD in place of what the client sent; this one refuses it (400)
 *   and otherwise parses exactly as Fastify does (no `__proto__` or `constructor` keys).
 * - The validator coerces query, path and header text to numbers, and takes "Infinity", "-Infinity"
 *   and "1e400" as integers, then skips their minimum and maximum (it checks those on finite
 *   numbers only): `?page=Infinity` reached the database as a LIMIT it refused. Refused here, once
 *   validated, for every route.
 */
export default fp(async function inputPlugin(app: FastifyInstance) {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body: Buffer, done) => {
    if (!isUtf8(body)) {
      done(new AppError('BAD_REQUEST', 'The request body is not valid UTF-8; send JSON encoded as UTF-8.'), undefined);
      return;
    }
    parse(request, body.toString('utf8'), done);
  });

  // Only what a schema coerced can be a number: the check is added to the routes whose query,
  // path or header schema has a number in it, and runs for them alone.
  const parts = ['querystring', 'params', 'headers'] as const;
  app.addHook('onRoute', (route) => {
    const schema = route.schema as Partial<Record<(typeof parts)[number], unknown>> | undefined;
    const numeric = parts.filter((part) => hasNumber(schema?.[part]));
    if (!numeric.length) return;
    const check: preHandlerHookHandler = (request, _reply, done) => {
      const errors = numeric.flatMap((part) => nonFinite(part, request[part === 'querystring' ? 'query' : part]));
      if (errors.length) {
        done(new AppError('VALIDATION_FAILED', `The request is not valid: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}.`, { errors }));
        return;
      }
      done();
    };
    route.preHandler = [check, ...(route.preHandler === undefined ? [] : [route.preHandler].flat())];
  });
});

/** Whether a JSON schema, anywhere inside, lets a value be a number (so the validator may coerce one). */
function hasNumber(schema: unknown): boolean {
  if (schema === null || typeof schema !== 'object') return false;
  const type = (schema as { type?: unknown }).type;
  if ([type].flat().some((t) => t === 'number' || t === 'integer')) return true;
  return Object.values(schema).some(hasNumber);
}
