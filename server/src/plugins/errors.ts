import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ERROR_CODES, type ErrorCode, type FieldError } from '@tiendo/shared/errors';
import { NOT_BLANK } from '@tiendo/shared/schemas/common';
import { AppError } from '../lib/errors';
import { SECURITY_HEADER_VALUES } from '../lib/security-headers';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function problemBody(code: ErrorCode, detail: string, status: number) {
  return { type: `urn:tiendo:problem:${code.toLowerCase().replace(/_/g, '-')}`, title: TITLES[status] ?? STATUS_CODES[status] ?? 'Error', status, detail, code };
}

export function sendProblem(
  reply: FastifyReply,
  code: ErrorCode,
  detail: string,
  extra: { errors?: FieldError[]; currentVersion?: number; [k: string]: unknown } = {},
  status: number = ERROR_CODES[code],
): FastifyReply {
  const body: Record<string, unknown> = { ...problemBody(code, detail, status), instance: reply.request.url.split('?')[0] };
  for (const [k, v] of Object.entries(extra)) if (k !== 'headers' && v !== undefined) body[k] = v;
  return reply.code(status).type('application/problem+json; charset=utf-8').send(body);
}

/**
 * The most field errors one answer lists. The validator reports every error, so a body of many
 * bad items (100,000 unknown keys, a huge array) would otherwise get an answer many times its size.
 */
const MAX_FIELD_ERRORS = 20;

interface AjvError {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

function fieldErrors(context: string | undefined, validation: AjvError[]): FieldError[] {
  return validation.map((v) => {
    let field = `/${context ?? 'body'}${v.instancePath ?? ''}`;
    let message = v.message ?? 'is invalid';
    if (v.keyword === 'required' && typeof v.params?.missingProperty === 'string') {
      field = `${field}/${v.params.missingProperty}`;
      message = 'is required';
    } else if (v.keyword === 'additionalProperties' && typeof v.params?.additionalProperty === 'string') {
      field = `${field}/${v.params.additionalProperty}`;
      message = 'is not a known field; remove it';
    } else if (v.keyword === 'pattern' && v.params?.pattern === NOT_BLANK) {
      message = 'must not be blank: write some text, not only spaces';
    } else if (v.keyword === 'enum' && Array.isArray(v.params?.allowedValues)) {
      message = `must be one of: ${(v.params.allowedValues as unknown[]).join(', ')}`;
    }
    return { field, message };
  });
}

/** One error shape for every failure: RFC 9457 problem+json with a stable code; 5xx details stay in the log. */
export default fp(async function errorsPlugin(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError & { validationContext?: string }, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      if (error.extra.headers) reply.headers(error.extra.headers);
      return sendProblem(reply, error.code, error.message, error.extra);
    }
    if (error.validation) {
      const all = error.validation as AjvError[];
      const errors = fieldErrors(error.validationContext, all.slice(0, MAX_FIELD_ERRORS));
      const more = all.length > errors.length ? `; and ${all.length - errors.length} more` : '';
      const detail = `The request is not valid: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}${more}.`;
      return sendProblem(reply, 'VALIDATION_FAILED', detail, { errors });
    }
    const status = error.statusCode ?? 500;
    if (status === 429) {
      return sendProblem(reply, 'RATE_LIMITED', 'Too many requests; wait a moment and try again.');
    }
    if (status === 413) return sendProblem(reply, 'PAYLOAD_TOO_LARGE', 'The request body is too large.');
    if (status === 415) {
      return sendProblem(reply, 'UNSUPPORTED_MEDIA_TYPE', `Unsupported content type "${request.headers['content-type'] ?? ''}"; send application/json.`);
    }
    if (status >= 400 && status < 500) {
      // Fastify's own client errors (malformed JSON, empty body, bad header): safe messages.
      const detail = error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError ? 'The request body is not valid JSON.' : error.message;
      return sendProblem(reply, 'BAD_REQUEST', detail, {}, status);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, 'INTERNAL', `Something went wrong on the server. The error was logged with request id ${request.id}.`);
  });
});

/**
 * Fastify's `frameworkErrors`: failures found before a route is chosen, which would otherwise be
 * answered in Fastify's own JSON shape. A malformed percent-encoding (`/units/%ff`) is a 400, a
 * path segment over the router's length limit a 414; neither echoes the path back.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  // No hook has run for these requests: the headers every answer carries are set here.
  reply.headers(SECURITY_HEADER_VALUES);
  reply.header('x-request-id', reply.request.id);
  reply.header('cache-control', 'no-store');
  if (error.code === 'FST_ERR_BAD_URL') {
    sendProblem(reply, 'BAD_REQUEST', 'The URL is not valid: it has a malformed percent-encoding (% must be followed by two hex digits of UTF-8).');
  } else if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    sendProblem(reply, 'BAD_REQUEST', 'A part of the URL path is too long.', {}, 414);
  } else {
    reply.log.error({ err: error }, 'routing error');
    sendProblem(reply, 'INTERNAL', `Something went wrong on the server. The error was logged with request id ${reply.request.id}.`);
  }
}

/**
 * Fastify's `clientErrorHandler`: a request the HTTP parser cannot read (a malformed request line
 * or header, headers too large, too slow) is answered as a problem too, then the connection closed.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  // A reset connection is gone already; there is nobody to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const detail =
    status === 408 ? 'The request took too long to arrive; send it again.' : status === 431 ? 'The request headers are too large.' : 'The request is not valid HTTP.';
  const body = JSON.stringify(problemBody('BAD_REQUEST', detail, status));
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
