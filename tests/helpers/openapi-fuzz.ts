/**
 * Requests for every operation of an OpenAPI document, as fast-check arbitraries: valid ones (from
 * the operation's own schemas, steered towards real records by hints) and hostile ones (wrong
 * types, missing and unknown fields, huge and odd values, malformed or mis-typed bodies, path and
 * query tricks, multipart uploads with hostile file names). And the checks every answer must pass,
 * however bad the request was.
 */
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { ERROR_CODES } from '@tiendo/shared/errors';

// ---- The document ----

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
}

interface DocParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
}

interface DocOperation {
  parameters?: DocParameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, DocOperation>>;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface Parameter {
  name: string;
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: Method;
  /** As Fastify and `app.accessTable` write it: `/api/v1/units/:code`. */
  route: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  headerParams: Parameter[];
  body: { contentType: string; schema: JsonSchema; required: boolean } | null;
}

const METHODS = new Set(['get', 'post', 'patch', 'put', 'delete']);

/** The operations of the document, with their parameters sorted by where they go. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const params = (op.parameters ?? []).map((p) => ({ where: p.in, param: { name: p.name, required: p.required === true, schema: p.schema } }));
      const of = (where: string) => params.filter((p) => p.where === where).map((p) => p.param);
      const content = op.requestBody ? Object.entries(op.requestBody.content)[0] : undefined;
      ops.push({
        method: method.toUpperCase() as Method,
        route: path.replace(/\{(\w+)\}/g, ':$1'),
        pathParams: of('path'),
        queryParams: of('query'),
        headerParams: of('header'),
        body: content ? { contentType: content[0], schema: content[1].schema, required: op.requestBody?.required === true } : null,
      });
    }
  }
  return ops;
}

// ---- Requests ----

export interface FuzzRequest {
  method: Method;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** What the request tries, for failure messages. */
  label: string;
}

const clip = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n)}… (${s.length} characters)` : s);

/** A request that prints short (a 1 MB payload would flood a failure message). */
function request(r: FuzzRequest): FuzzRequest {
  const payload = r.payload === undefined ? '' : Buffer.isBuffer(r.payload) ? `<${r.payload.length} bytes: ${clip(r.payload.toString('latin1'), 200)}>` : clip(r.payload);
  return Object.assign(r, { [fc.toStringMethod]: () => `${r.label}: ${r.method} ${clip(r.url)} ${JSON.stringify(r.headers)} ${payload}` });
}

/** A JSON token written as it is: numbers JSON.stringify cannot write (1e309, -0, 1e-400), or text that is not JSON. */
export class RawJson {
  constructor(readonly text: string) {}
  [fc.toStringMethod](): string {
    return `raw(${clip(this.text, 60)})`;
  }
}

/** JSON text of a value that may hold RawJson tokens (and own `__proto__` keys, written as keys). */
export function encodeJson(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(encodeJson).join(',')}]`;
  if (value !== null && typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${encodeJson(v)}`).join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/** Field values steering valid requests towards real records: by parameter or property name. */
export interface Hints {
  path?: (op: Operation, name: string) => fc.Arbitrary<string | number> | undefined;
  query?: Record<string, fc.Arbitrary<unknown>>;
  body?: Record<string, fc.Arbitrary<unknown>>;
  /** Headers every request of the operation carries (the caller's token). */
  headers: (op: Operation) => Record<string, string>;
}

// ---- Hostile values ----

/** Just under the 1 MiB body limit as ASCII; the multi-byte one is over it. */
const HUGE_ASCII = 'a'.repeat(1_000_000);
const HUGE_MULTIBYTE = 'ệ'.repeat(400_000);
const OVER_LIMIT = 'a'.repeat(1_100_000);
const MANY_KEYS = `{${Array.from({ length: 20_000 }, (_, i) => `"k${i}":1`).join(',')}}`;

/** A value made only when it is drawn: big payloads cost nothing until picked. */
const lazy = <T>(make: () => T): fc.Arbitrary<T> => fc.constant(null).map(make);

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(
    '', ' ', 'NaN', 'Infinity', '-Infinity', '1e309', '-1e309', '0x1A', '1_000', '١٢٣', '00012', '-0', 'null', 'true', 'undefined', '[]', '{}',
    '__proto__', 'constructor', 'prototype', '../../etc/passwd', '..\\..\\windows\\win.ini', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', '....//....//etc/passwd',
    'a\u0000b', '\u0000', 'evil\u202Egnp.exe', '\u200B', '\uFEFF', '\uD800', 'x\uDFFFy', 'İ', 'ß', '𝟘', 'e\u0301', 'a\r\nSet-Cookie: x=1', '\t',
    "' OR '1'='1", '"; DROP TABLE units; --', '%s%s%s%n', '{{7*7}}', '${7*7}', '<script>alert(1)</script>', '\\', '/', '*', '?', '#', '&', '=', '%', '%00', '%ff',
    'HT-STTTT\u0000', 'ht-stttt', ' HT-STTTT', 'HT-STTTT ', '2021-02-30', '2021-13', '0000-00-00', '9999-99-99', '1899', '2021-Q5', '2021-H3', '2021-00-01',
  ) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(10_000), 'ệ'.repeat(5_000), 'x'.repeat(10_000), 'ệ'.repeat(5_000), HUGE_ASCII, HUGE_MULTIBYTE) },
);

const hostileNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    new RawJson('1e309'), new RawJson('-1e309'), new RawJson('1e-400'), new RawJson('-0'), new RawJson('123456789012345678901234567890'), new RawJson('1.0e+2'),
    1e308, -1e308, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 0.1, -1, 0, 1.5, 1e15 + 1, -1e15 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 63, 5e-324,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Nested `depth` levels deep: objects, arrays, or both in turn. */
export function nested(depth: number, kind: 'object' | 'array' | 'mixed', inner = '1'): RawJson {
  const open = kind === 'object' ? '{"a":' : kind === 'array' ? '[' : '{"a":[';
  const close = kind === 'object' ? '}' : kind === 'array' ? ']' : ']}';
  return new RawJson(`${open.repeat(depth)}${inner}${close.repeat(depth)}`);
}

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileString },
  { weight: 4, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [1, 2, 3], { a: 1 }, [null], [[]], { '': '' }) },
  { weight: 1, arbitrary: fc.constantFrom(new RawJson('NaN'), new RawJson('Infinity'), new RawJson('undefined'), new RawJson("'single'"), new RawJson('0x10'), new RawJson('.5'), new RawJson('+1'), new RawJson('01')) },
  { weight: 1, arbitrary: fc.constantFrom(100, 1000, 10_000).chain((d) => fc.constantFrom<'object' | 'array' | 'mixed'>('object', 'array', 'mixed').map((k) => nested(d, k))) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.constantFrom(Array.from({ length: 20_000 }, () => 1), Array.from({ length: 5_000 }, () => 'HT')) },
);

// ---- Valid values from a schema ----

function typesOf(schema: JsonSchema): string[] {
  return schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
}

function fromSchema(schema: JsonSchema, hints: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => fromSchema(s, hints)));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const types = typesOf(schema);
  const nonNull = types.filter((x) => x !== 'null');
  if (types.includes('null')) return fc.oneof({ weight: 4, arbitrary: fromSchema({ ...schema, type: nonNull }, hints) }, { weight: 1, arbitrary: fc.constant(null) });
  switch (nonNull[0]) {
    case 'string': {
      const min = schema.minLength ?? 0;
      const max = Math.min(schema.maxLength ?? 40, min + 40);
      if (schema.format === 'binary') return fc.constant('');
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= min && s.length <= (schema.maxLength ?? Infinity));
      return fc.string({ minLength: min, maxLength: max });
    }
    case 'integer': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1000);
      const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1_000_000);
      return fc.integer({ min, max: Math.min(max, min + 1_000_000) });
    }
    case 'number':
      return fc.double({
        min: schema.minimum ?? schema.exclusiveMinimum ?? -1e6,
        max: schema.maximum ?? schema.exclusiveMaximum ?? 1e6,
        minExcluded: schema.exclusiveMinimum !== undefined,
        maxExcluded: schema.exclusiveMaximum !== undefined,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const min = schema.minItems ?? 0;
      return fc.array(schema.items ? valueOf(schema.items, hints) : fc.jsonValue({ maxDepth: 1 }), { minLength: min, maxLength: Math.min(schema.maxItems ?? 4, Math.max(min, 4)) });
    }
    case 'object': {
      const props = schema.properties ?? {};
      if (Object.keys(props).length === 0) return fc.constant({});
      const record = Object.fromEntries(Object.entries(props).map(([k, s]) => [k, valueOf(s, hints, k)]));
      return fc.record(record, { requiredKeys: schema.required ?? [] });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A valid value of the schema; under a hinted name, mostly the hint's real values. */
export function valueOf(schema: JsonSchema, hints: Record<string, fc.Arbitrary<unknown>> = {}, name?: string): fc.Arbitrary<unknown> {
  const own = fromSchema(schema, hints);
  const hint = name === undefined ? undefined : hints[name];
  return hint ? fc.oneof({ weight: 3, arbitrary: hint }, { weight: 1, arbitrary: own }) : own;
}

// ---- Parts of a request ----

const HOSTILE_PATH_SEGMENTS = [
  '..%2F..%2Fetc%2Fpasswd', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', '%252e%252e%252f', '..%5c..%5cwindows', '..', '.', '%2e%2e', '%00', 'a%00b', '%ff', '%', '%E0%A4%A',
  '-1', '0', '1.5', '1e309', '1e3', '99999999999999999999', 'NaN', 'Infinity', '0x10', '%20', '+1', '%D9%A1%D9%A2', 'manifest.json%00.png', '%E2%80%AEgnp.exe',
  'a'.repeat(101), 'a'.repeat(5000), 'con', 'x;y', 'x%3Bpath=%2F', '*', '~', '%22', '%27', '%3Cscript%3E', '%0D%0ASet-Cookie:%20x=1',
];

const hostilePathSegment: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_PATH_SEGMENTS) },
  { weight: 1, arbitrary: hostileString.filter((s) => s.length < 20_000).map((s) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '?')) || '%20') },
);

/** A query string from name → value pairs, each value written as text. */
function queryString(pairs: [string, unknown][]): string {
  const text = (v: unknown) => (typeof v === 'string' ? v : v instanceof RawJson ? v.text : JSON.stringify(v) ?? '');
  const enc = (s: string) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '?'));
  return pairs.map(([k, v]) => `${enc(k)}=${enc(text(v))}`).join('&');
}

interface Parts {
  path: Record<string, string>;
  query: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  label: string;
}

function validQuery(op: Operation, hints: Hints): fc.Arbitrary<[string, unknown][]> {
  if (op.queryParams.length === 0) return fc.constant([]);
  const record = Object.fromEntries(op.queryParams.map((p) => [p.name, valueOf(p.schema, hints.query ?? {}, p.name)]));
  const required = op.queryParams.filter((p) => p.required).map((p) => p.name);
  return fc.record(record, { requiredKeys: required }).map((q) => Object.entries(q).filter(([, v]) => v !== null));
}

/**
 * Valid path parameters: mostly the hinted records. A write goes only to hinted records, so a
 * valid request never changes what the test relies on (the accounts it signs in with).
 */
function validPath(op: Operation, hints: Hints): fc.Arbitrary<Record<string, string>> {
  if (op.pathParams.length === 0) return fc.constant({});
  const record = Object.fromEntries(
    op.pathParams.map((p) => {
      const hint = hints.path?.(op, p.name)?.map((v) => encodeURIComponent(String(v)));
      const own = valueOf(p.schema).map((v) => encodeURIComponent(String(v)));
      if (!hint) return [p.name, own];
      return [p.name, op.method === 'GET' ? fc.oneof({ weight: 4, arbitrary: hint }, { weight: 1, arbitrary: own }) : hint];
    }),
  );
  return fc.record(record) as fc.Arbitrary<Record<string, string>>;
}

function validBody(op: Operation, hints: Hints): fc.Arbitrary<Record<string, unknown> | undefined> {
  if (!op.body || op.body.contentType !== 'application/json') return fc.constant(undefined);
  return valueOf(op.body.schema, hints.body ?? {}) as fc.Arbitrary<Record<string, unknown>>;
}

const UNKNOWN_KEYS = ['role', 'isAdmin', 'id', 'unitPath', '$where', '__proto__', 'constructor', '', 'a'.repeat(300), 'hasOwnProperty', 'toString', 'version '];

/** Mutations of a JSON object body: one field wrong, missing or unknown, or the whole body replaced. */
function bodyMutations(schema: JsonSchema, base: Record<string, unknown> | undefined): fc.Arbitrary<{ body: unknown; label: string }> {
  const obj = base !== null && typeof base === 'object' && !Array.isArray(base) ? base : {};
  const keys = Object.keys(schema.properties ?? {});
  const required = schema.required ?? [];
  const options: fc.Arbitrary<{ body: unknown; label: string }>[] = [
    fc.record({ key: fc.constantFrom(...UNKNOWN_KEYS), value: hostileValue }).map(({ key, value }) => ({ body: { ...obj, [key]: value }, label: `unknown field "${clip(key, 20)}"` })),
    hostileValue.map((value) => ({ body: value, label: 'body replaced' })),
  ];
  if (keys.length) {
    options.push(fc.record({ key: fc.constantFrom(...keys), value: hostileValue }).map(({ key, value }) => ({ body: { ...obj, [key]: value }, label: `field ${key} hostile` })));
    // Nested objects get the same treatment one level down.
    for (const k of keys) {
      const child = schema.properties![k]!;
      if (typesOf(child).includes('object') && child.properties) {
        options.push(bodyMutations(child, obj[k] as Record<string, unknown>).map((m) => ({ body: { ...obj, [k]: m.body }, label: `${k}: ${m.label}` })));
      }
    }
  }
  if (required.length) {
    options.push(fc.constantFrom(...required).map((key) => {
      const { [key]: _dropped, ...rest } = obj;
      return { body: rest, label: `required ${key} missing` };
    }));
  }
  return fc.oneof(...options);
}

/** A body text with its bytes broken: invalid UTF-8 (stray continuation, overlong, lone surrogate, cut sequence). */
function invalidUtf8(text: string, bytes: number[]): Buffer {
  const at = Math.max(text.indexOf('"', 2), 1);
  return Buffer.concat([Buffer.from(text.slice(0, at + 1)), Buffer.from(bytes), Buffer.from(text.slice(at + 1))]);
}

const BAD_UTF8 = [[0xff], [0xfe, 0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe1, 0x80], [0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80]];

/** Whole bodies that are not what the operation reads: malformed, mis-encoded, too deep, too big, poisoned. */
function rawBodies(validText: string): fc.Arbitrary<{ payload: string | Buffer; contentType?: string; label: string }> {
  const withKey = (entry: string) => (validText.length > 2 ? `{${entry},${validText.slice(1)}` : `{${entry}}`);
  // Weighted so the costly ones (a megabyte, 20,000 keys, 10,000 levels) are a few of many.
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('{', '{"a":', '{"a" 1}', "{'a':1}", '[1,]', '{"a":1}}', 'nul', '\u0000', '   ', '{"a":1,}', '"', '{"a":"\\x41"}', '{"a":"\\u00"}', '/* */ {}', '{}{}').map((payload) => ({ payload, label: 'malformed JSON' })) },
    { weight: 4, arbitrary: fc.constantFrom(...BAD_UTF8).map((bytes) => ({ payload: invalidUtf8(validText, bytes), label: `invalid UTF-8 ${bytes.map((b) => b.toString(16)).join(' ')}` })) },
    { weight: 2, arbitrary: fc.constantFrom(1000, 10_000).chain((depth) => fc.constantFrom<'object' | 'array' | 'mixed'>('object', 'array', 'mixed').map((kind) => ({ payload: nested(depth, kind).text, label: `${depth} levels of ${kind}` }))) },
    { weight: 1, arbitrary: lazy(() => ({ payload: withKey(`"deep":${nested(10_000, 'object').text}`), label: 'valid body with a 10,000-level field' })) },
    { weight: 2, arbitrary: lazy(() => ({ payload: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(validText)]), label: 'byte-order mark' })) },
    { weight: 2, arbitrary: fc.constantFrom('{"__proto__":{"polluted":"yes"}}', '{"constructor":{"prototype":{"polluted":"yes"}}}').map((p) => ({ payload: withKey(p.slice(1, -1)), label: 'prototype poisoning' })) },
    { weight: 1, arbitrary: lazy(() => ({ payload: withKey(`"x":"${OVER_LIMIT}"`), label: 'over the body limit' })) },
    { weight: 1, arbitrary: fc.constant({ payload: MANY_KEYS, label: '20,000 unknown keys' }) },
    { weight: 2, arbitrary: lazy(() => ({ payload: validText.length > 2 ? `${validText.slice(0, -1)},${validText.slice(1)}` : validText, label: 'duplicate keys' })) },
    {
      weight: 4,
      arbitrary: fc
        .constantFrom('text/plain', 'application/xml', 'multipart/form-data', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'APPLICATION/JSON', 'application/json;;;', 'application/vnd.api+json', '*/*', 'x', 'application/octet-stream')
        .map((contentType) => ({ payload: validText, contentType, label: `content-type ${contentType}` })),
    },
    { weight: 1, arbitrary: fc.constant({ payload: validText, contentType: '', label: 'no content-type' }) },
  );
}

function queryMutations(op: Operation, base: [string, unknown][]): fc.Arbitrary<{ query: string; label: string }> {
  const names = op.queryParams.map((p) => p.name);
  const qs = queryString(base);
  const join = (extra: string) => (qs ? `${qs}&${extra}` : extra);
  const options: fc.Arbitrary<{ query: string; label: string }>[] = [
    fc.constantFrom('__proto__=1', '__proto__[polluted]=yes', 'constructor[prototype][polluted]=yes', 'toString=1', 'hasOwnProperty=1', 'unknown=1', '%=1', '%ff=%fe', 'a=%E0%A4%A', '&&&=&=', ';', '=')
      .map((extra) => ({ query: join(extra), label: `query ${extra}` })),
  ];
  if (names.length) {
    options.push(
      fc.record({ name: fc.constantFrom(...names), value: hostileString.filter((s) => s.length <= 100_000) }).map(({ name, value }) => ({ query: join(queryString([[name, value]])), label: `query ${name} hostile` })),
      fc.record({ name: fc.constantFrom(...names), a: hostileString.filter((s) => s.length < 100), b: hostileString.filter((s) => s.length < 100) }).map(({ name, a, b }) => ({ query: join(queryString([[name, a], [name, b]])), label: `query ${name} twice` })),
      fc.record({ name: fc.constantFrom(...names), form: fc.constantFrom('[]', '[0]', '[a]', '[__proto__]', '.x') }).map(({ name, form }) => ({ query: join(`${encodeURIComponent(name)}${form}=1`), label: `query ${name}${form}` })),
      fc.constantFrom(...names).map((name) => ({ query: join(`${name}=${'9'.repeat(100_000)}`), label: `query ${name} of 100,000 digits` })),
    );
  }
  return fc.oneof(...options);
}

/**
 * Requests for one operation: valid ones and, mostly, ones with one thing wrong — a hostile path
 * parameter, query, body field, whole body, content type or header.
 */
export function requestsFor(op: Operation, hints: Hints): fc.Arbitrary<FuzzRequest> {
  const parts: fc.Arbitrary<Parts> = fc
    .record({ path: validPath(op, hints), query: validQuery(op, hints), body: validBody(op, hints) })
    .chain(({ path, query, body }) => {
      const validText = body === undefined ? '{}' : encodeJson(body);
      const json = op.body?.contentType === 'application/json';
      const base: Parts = { path, query: queryString(query), headers: json ? { 'content-type': 'application/json' } : {}, payload: json ? validText : undefined, label: 'valid' };
      const kinds: fc.WeightedArbitrary<Parts>[] = [{ weight: 2, arbitrary: fc.constant(base) }];
      if (op.pathParams.length) {
        kinds.push({
          weight: 2,
          arbitrary: fc.record({ name: fc.constantFrom(...op.pathParams.map((p) => p.name)), value: hostilePathSegment }).map(({ name, value }) => ({ ...base, path: { ...path, [name]: value }, label: `path ${name} hostile` })),
        });
      }
      kinds.push({ weight: op.queryParams.length ? 2 : 1, arbitrary: queryMutations(op, query).map((q) => ({ ...base, query: q.query, label: q.label })) });
      if (json) {
        kinds.push(
          { weight: 4, arbitrary: bodyMutations(op.body!.schema, body).map((m) => ({ ...base, payload: encodeJson(m.body), label: m.label })) },
          {
            weight: 2,
            arbitrary: rawBodies(validText).map((r) => {
              const headers: Record<string, string> = r.contentType === undefined ? base.headers : r.contentType === '' ? {} : { 'content-type': r.contentType };
              return { ...base, headers, payload: r.payload, label: r.label };
            }),
          },
        );
      }
      if (op.headerParams.length) {
        kinds.push({
          weight: 1,
          arbitrary: fc.record({ name: fc.constantFrom(...op.headerParams.map((p) => p.name)), value: headerValue }).map(({ name, value }) => ({ ...base, headers: { ...base.headers, [name]: value }, label: `header ${name} hostile` })),
        });
      }
      kinds.push({ weight: 1, arbitrary: fc.record({ name: fc.constantFrom('x-request-id', 'accept', 'accept-language', 'if-none-match', 'x-forwarded-for', 'x-forwarded-proto', 'range'), value: headerValue }).map(({ name, value }) => ({ ...base, headers: { ...base.headers, [name]: value }, label: `header ${name} hostile` })) });
      return fc.oneof(...kinds);
    });
  return parts.map((p) => {
    const url = op.route.replace(/:(\w+)/g, (_m, name: string) => p.path[name] ?? '1');
    return request({ method: op.method, url: p.query ? `${url}?${p.query}` : url, headers: { ...hints.headers(op), ...p.headers }, payload: p.payload, label: p.label });
  });
}

/** Header values a client can actually send: no CR, LF or NUL (Node refuses to send those). */
const headerValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', ' ', '*', 'x'.repeat(8000), '../../etc/passwd', '"', 'W/"x"', '1.2.3.4, 5.6.7.8', 'bytes=0-1,2-3', 'ftp', 'zz;q=oops', '\u00ff\u00fe', 'a\tb'),
  fc.string({ unit: 'binary-ascii', maxLength: 60 }).map((s) => s.replace(/[\r\n\0]/g, '')),
);

// ---- Multipart uploads ----

export interface Part {
  name: string;
  filename?: string;
  /** A raw Content-Disposition line instead of the one made from name and filename. */
  disposition?: string;
  contentType?: string;
  content: Buffer;
}

/** A multipart/form-data body of these parts (file names written as they are, quotes and all). */
export function multipart(parts: Part[], boundary: string): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = p.disposition ?? `form-data; name="${p.name}"${p.filename === undefined ? '' : `; filename="${p.filename}"`}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.contentType ? `Content-Type: ${p.contentType}\r\n` : ''}\r\n`, 'utf8'), p.content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('This program cannot be run in DOS mode.')]);

/** File names that try to leave the evidence directory, hide their type, or break the part header. */
export const HOSTILE_FILE_NAMES = [
  '../../etc/passwd', '..\\..\\windows\\system32\\cmd.exe', '%2e%2e%2fetc%2fpasswd', '/etc/passwd', 'C:\\tmp\\a.pdf', '\\\\server\\share\\a.pdf', 'a\u0000b.pdf', 'a.pdf\u0000.exe',
  '\u0000', `${'x'.repeat(5000)}.pdf`, `${'ệ'.repeat(300)}.pdf`, 'evil\u202Efdp.exe', 'report\u202E\u2066fdp.pdf', '', '.', '..', '...', '.pdf', ' .pdf ', 'a/', '/',
  'con.pdf', 'a"b.pdf', "a'b.pdf", 'a;b.pdf', '%00.pdf', 'a\tb.pdf', 'Quyết định số 15.pdf', 'e\u0301.pdf', '\uFEFF.pdf', 'a\u200Bb.pdf', 'file.PDF', 'file.pdf.exe',
];

/** Contents of a file: each PDF differs (so each upload stores a new item and its name), or a type that is refused. */
const fileContent: fc.Arbitrary<{ content: Buffer; kind: string }> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 20 }).map((tag) => ({ content: Buffer.concat([PDF, Buffer.from(`%${tag.replace(/[\r\n]/g, ' ')}\n`)]), kind: 'pdf' })) },
  { weight: 1, arbitrary: fc.constantFrom({ content: PNG, kind: 'png' }, { content: EXE, kind: 'exe' }, { content: Buffer.alloc(0), kind: 'empty' }, { content: Buffer.from('plain text\n'), kind: 'text' }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => ({ content: Buffer.from(b), kind: 'random bytes' })) },
);

/** Uploads to the evidence route: hostile file names on real files, and forms broken in every way. */
export function uploads(url: string, headers: Record<string, string>): fc.Arbitrary<FuzzRequest> {
  const boundary = 'TienDoFuzzBoundary';
  const ct = `multipart/form-data; boundary=${boundary}`;
  const file = (filename: string, content: Buffer): Part => ({ name: 'file', filename, contentType: 'application/pdf', content });
  const make = (payload: Buffer, label: string, contentType = ct) => request({ method: 'POST', url, headers: { ...headers, ...(contentType ? { 'content-type': contentType } : {}) }, payload, label });
  return fc.oneof(
    { weight: 6, arbitrary: fc.record({ name: fc.oneof(fc.constantFrom(...HOSTILE_FILE_NAMES), fc.string({ unit: 'grapheme', maxLength: 30 })), file: fileContent }).map(({ name, file: f }) => make(multipart([file(name.replace(/[\r\n]/g, ''), f.content)], boundary), `upload ${f.kind} named ${JSON.stringify(clip(name, 40))}`)) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_FILE_NAMES).map((name) => make(multipart([{ name: 'file', disposition: `form-data; name="file"; filename*=UTF-8''${encodeURIComponent(name)}`, content: Buffer.concat([PDF, Buffer.from(`%${name.length}\n`)]) }], boundary), `upload named by filename* ${JSON.stringify(clip(name, 40))}`)) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        make(multipart([file('a.pdf', PDF)], boundary), 'no boundary in the content type', 'multipart/form-data'),
        make(multipart([file('a.pdf', PDF)], boundary), 'another boundary', 'multipart/form-data; boundary=Other'),
        make(multipart([file('a.pdf', PDF)], boundary).subarray(0, 90), 'cut off'),
        make(multipart([file('a.pdf', PDF)], boundary), 'no content type', ''),
        make(multipart([file('a.pdf', PDF)], boundary), 'as JSON', 'application/json'),
        make(multipart([file('a.pdf', PDF)], boundary), 'as text', 'text/plain'),
        make(multipart([file('a.pdf', PDF), file('b.pdf', Buffer.concat([PDF, Buffer.from('%2\n')]))], boundary), 'two files'),
        make(multipart([{ name: 'note', content: Buffer.from('no file here') }], boundary), 'no file'),
        make(multipart(Array.from({ length: 20 }, (_, i) => ({ name: `f${i}`, content: Buffer.from('x') })), boundary), '20 fields'),
        make(multipart([{ name: 'x'.repeat(5000), filename: 'a.pdf', content: PDF }], boundary), 'huge field name'),
        make(multipart([{ name: 'file', disposition: 'attachment', content: PDF }], boundary), 'part without a name'),
        make(multipart([{ name: 'file', disposition: `form-data; name="file"; filename="a.pdf"\r\nX-Injected: 1`, content: PDF }], boundary), 'header injected in the part'),
        make(multipart([{ name: 'note', content: Buffer.from('x'.repeat(5000)) }, file('a.pdf', PDF)], boundary), 'huge text field'),
        make(Buffer.from('garbage\xff\xfe'), 'garbage'),
        make(Buffer.alloc(0), 'empty'),
        make(Buffer.from(`--${boundary}\r\n${'X-Header: y\r\n'.repeat(2000)}\r\n\r\n--${boundary}--\r\n`), '2,000 part headers'),
      ),
    },
  );
}

// ---- Checks on every answer ----

/** What no answer may contain: traces of the server's insides. */
const LEAKS: [RegExp, string][] = [
  [/\n\s+at |\bat (?:async )?[\w$.<>]+ \((?:file:|node:|\/)/, 'a stack trace'],
  [/\/server\/src\//, 'a source path'],
  [/\.ts:\d/, 'a source location'],
  [/node_modules/, 'a dependency path'],
  [/SQLITE_/, 'an SQLite error'],
  [/SELECT /, 'SQL'],
  [/INSERT INTO/, 'SQL'],
  [/\/tmp\//, 'a temporary path'],
  [/\/work\//, 'a path of the installation'],
];

const TEXT_TYPES = /json|text|csv|xml/;

/**
 * The invariants of every answer: no 5xx; every error is problem+json with type, title, code and
 * a status equal to the HTTP status; no stack trace, SQL or internal path anywhere in a text body
 * (unless the request itself sent that text, which the answer may quote back).
 */
export function answerProblems(req: FuzzRequest, res: LightMyRequestResponse, dataDir: string): string[] {
  const problems: string[] = [];
  if (res.statusCode >= 500) problems.push(`answered ${res.statusCode}: ${clip(res.body)}`);
  const type = String(res.headers['content-type'] ?? '');
  if (res.statusCode >= 400) {
    if (!type.startsWith('application/problem+json')) problems.push(`error ${res.statusCode} as "${type}", not application/problem+json: ${clip(res.body)}`);
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(res.body) as Record<string, unknown>;
    } catch {
      problems.push(`error body is not JSON: ${clip(res.body)}`);
    }
    for (const k of ['type', 'title', 'code']) if (typeof body[k] !== 'string') problems.push(`problem without "${k}": ${clip(res.body)}`);
    if (body.status !== res.statusCode) problems.push(`problem status ${String(body.status)} is not the HTTP status ${res.statusCode}`);
    if (typeof body.code === 'string' && !(body.code in ERROR_CODES)) problems.push(`problem code ${body.code} is not a documented code`);
  }
  if (res.statusCode < 400 && type === '' && res.body.length > 0) problems.push(`answer ${res.statusCode} without a content type`);
  if (TEXT_TYPES.test(type) || res.statusCode >= 400) {
    const sent = `${decodeURIComponentSafe(req.url)}\n${req.payload === undefined ? '' : Buffer.isBuffer(req.payload) ? req.payload.toString('utf8') : req.payload}\n${JSON.stringify(req.headers)}`;
    for (const [pattern, what] of [...LEAKS, [new RegExp(dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'the data directory'] as [RegExp, string]]) {
      const m = pattern.exec(res.body);
      if (m && !sent.includes(m[0])) problems.push(`answer contains ${what} ("${clip(res.body.slice(Math.max(0, m.index - 80), m.index + 80), 200)}")`);
    }
  }
  return problems;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Fails with every broken invariant of the answer, naming the request. */
export function checkAnswer(req: FuzzRequest, res: LightMyRequestResponse, dataDir: string): void {
  const problems = answerProblems(req, res, dataDir);
  const polluted = (Object.prototype as Record<string, unknown>).polluted;
  if (polluted !== undefined) problems.push(`Object.prototype was polluted (polluted = ${String(polluted)})`);
  if (problems.length) throw new Error(`${String((req as unknown as Record<symbol, () => string>)[fc.toStringMethod]?.() ?? req.label)}\n  → ${problems.join('\n  → ')}`);
}

// ---- Requests that must be refused ----

/**
 * Requests every one of which the server must refuse before a handler can write anything: bodies
 * that do not parse or do not match the schema, wrong content types, bodies over the limit, path
 * parameters outside their schema. Used to show that a refused request leaves no trace.
 */
export function refusalsFor(op: Operation, hints: Hints): fc.Arbitrary<FuzzRequest> {
  return fc.record({ path: validPath(op, hints), body: validBody(op, hints) }).chain(({ path, body }) => {
    const json = op.body?.contentType === 'application/json';
    const validText = body === undefined ? '{}' : encodeJson(body);
    const kinds: fc.Arbitrary<{ path: Record<string, string>; headers: Record<string, string>; payload?: string | Buffer; label: string }>[] = [];
    const jsonHeaders = { 'content-type': 'application/json' };
    if (json) {
      const schema = op.body!.schema;
      kinds.push(
        fc.constantFrom('{', '{"a":', "{'a':1}", '[1,]', '{"a":1,}').map((payload) => ({ path, headers: jsonHeaders, payload, label: 'malformed JSON' })),
        fc.constantFrom(...BAD_UTF8).map((bytes) => ({ path, headers: jsonHeaders, payload: invalidUtf8(validText, bytes), label: 'invalid UTF-8' })),
        fc.constantFrom('application/xml', 'application/octet-stream', 'multipart/form-data').map((ct) => ({ path, headers: { 'content-type': ct }, payload: validText, label: `content-type ${ct}` })),
        lazy(() => ({ path, headers: jsonHeaders, payload: nested(10_000, 'array').text, label: '10,000 levels of arrays' })),
      );
      if (schema.additionalProperties === false) {
        kinds.push(fc.constantFrom('isAdmin', 'unitPath', 'id', 'zz').map((key) => ({ path, headers: jsonHeaders, payload: encodeJson({ ...(body ?? {}), [key]: true }), label: `unknown field ${key}` })));
      }
      if (schema.required?.length) {
        kinds.push(fc.constantFrom(...schema.required).map((key) => {
          const { [key]: _dropped, ...rest } = body ?? {};
          return { path, headers: jsonHeaders, payload: encodeJson(rest), label: `required ${key} missing` };
        }));
      }
      // The import route takes up to 80 MiB; every other JSON body 1 MiB.
      if (op.route !== '/api/v1/imports') kinds.push(fc.constant({ path, headers: jsonHeaders, payload: `{"x":"${OVER_LIMIT}"}`, label: 'over the body limit' }));
    } else if (op.body) {
      kinds.push(fc.constantFrom('application/json', 'text/plain').map((ct) => ({ path, headers: { 'content-type': ct }, payload: ct === 'application/json' ? '{"file":"x"}' : 'x', label: `upload as ${ct}` })));
    }
    for (const p of op.pathParams) {
      const bad = typesOf(p.schema).includes('integer') ? ['0', '-1', '1.5', 'abc', '1e309'] : ['..%2F..%2Fetc', '%00', 'a%20b', 'a'.repeat(101)];
      kinds.push(fc.constantFrom(...bad).map((v) => ({ path: { ...path, [p.name]: v }, headers: json ? jsonHeaders : {}, payload: json ? validText : undefined, label: `path ${p.name} = ${clip(v, 20)}` })));
    }
    if (kinds.length === 0) throw new Error(`${op.method} ${op.route} has nothing that can be refused`);
    return fc.oneof(...kinds);
  }).map((r) => request({ method: op.method, url: op.route.replace(/:(\w+)/g, (_m, name: string) => r.path[name] ?? '1'), headers: { ...hints.headers(op), ...r.headers }, payload: r.payload, label: r.label }));
}
