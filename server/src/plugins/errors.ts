import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ERROR_CODES, type ErrorCode, type FieldError } from '@tiendo/shared/errors';
import { AppError } from '../lib/errors';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function sendProblem(
  reply: FastifyReply,
  code: ErrorCode,
  detail: string,
  extra: { errors?: FieldError[]; currentVersion?: number; [k: string]: unknown } = {},
  status: number = ERROR_CODES[code],
): FastifyReply {
  const body: Record<string, unknown> = {
    type: `urn:tiendo:problem:${code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    instance: reply.request.url.split('?')[0],
  };
  for (const [k, v] of Object.entries(extra)) if (k !== 'headers' && v !== undefined) body[k] = v;
  return reply.code(status).type('application/problem+json; charset=utf-8').send(body);
}

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
      const errors = fieldErrors(error.validationContext, error.validation as AjvError[]);
      const detail = `The request is not valid: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}.`;
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
