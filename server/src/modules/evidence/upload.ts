import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { AppError } from '../../lib/errors';

export interface IncomingFile {
  /** The name as the client sent it, not yet cleaned. */
  fileName: string;
  stream: Readable;
}

export interface Received {
  discard(): Promise<void>;
}

const mib = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;

export const tooLarge = (maxBytes: number) =>
  new AppError('PAYLOAD_TOO_LARGE', `The file is larger than the limit of ${mib(maxBytes)} (${maxBytes} bytes); send a smaller or compressed file.`);

/** Multipart parsing failures as client errors; anything else (a disk error) stays a server error. */
function asClientError(err: unknown, maxBytes: number): unknown {
  if (err instanceof AppError) return err;
  const code = (err as { code?: unknown }).code;
  const message = err instanceof Error ? err.message : String(err);
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return tooLarge(maxBytes);
    case 'FST_FILES_LIMIT':
      return new AppError('BAD_REQUEST', 'Send one file per request.');
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return new AppError('PAYLOAD_TOO_LARGE', 'The form has too many fields; send just the file.');
    case 'ERR_STREAM_PREMATURE_CLOSE':
      return new AppError('BAD_REQUEST', 'The upload was cut off before the file was complete.');
    default: {
      // Busboy reports a malformed or cut-off form as a plain Error without a code.
      const fromParser = (typeof code === 'string' && code.startsWith('FST_')) || (code === undefined && err instanceof Error && err.constructor === Error);
      return fromParser ? new AppError('BAD_REQUEST', `The multipart/form-data body could not be read: ${message}.`) : err;
    }
  }
}

/**
 * Reads the one file of a multipart/form-data request, handing its stream to `sink` (which must
 * consume it), and maps the form's failures to problems: not multipart (415), no file (400), more
 * than one file (400), too large (413). Text fields are ignored. What `sink` received is
 * discarded when the request turns out bad after it.
 */
export async function receiveOneFile<T extends Received>(
  req: FastifyRequest,
  maxBytes: number,
  sink: (file: IncomingFile) => Promise<T>,
): Promise<{ fileName: string; received: T }> {
  if (!req.isMultipart()) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Send the file as multipart/form-data with one file field (for example \`curl -F "file=@report.pdf"\`), not as "${req.headers['content-type'] ?? 'no content type'}".`);
  }
  let got: { fileName: string; received: T } | undefined;
  try {
    for await (const part of req.parts()) {
      if (part.type !== 'file') continue;
      if (got) throw new AppError('BAD_REQUEST', 'Send one file per request.');
      got = { fileName: part.filename, received: await sink({ fileName: part.filename, stream: part.file }) };
      // Past the limit busboy stops passing data on and marks the stream truncated.
      if (part.file.truncated) throw tooLarge(maxBytes);
    }
  } catch (err) {
    await got?.received.discard();
    throw asClientError(err, maxBytes);
  }
  if (!got) throw new AppError('BAD_REQUEST', 'The form has no file: send the file as a file field of multipart/form-data (for example "file").');
  return got;
}
