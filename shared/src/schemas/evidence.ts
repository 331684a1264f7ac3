import { Type, type Static } from 'typebox';
import { DateTime, Nullable } from './common';

/** The largest evidence file accepted, in bytes (20 MiB). */
export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

/** The longest stored file name, in UTF-8 bytes (what common file systems allow). */
export const EVIDENCE_FILE_NAME_MAX_BYTES = 255;

/**
 * The file types accepted as evidence, by the extension their name may carry. The server checks
 * the content itself; the web app uses this list for the file picker's `accept`.
 */
export const EVIDENCE_EXTENSIONS = ['pdf', 'png', 'jpg', 'jpeg', 'webp', 'gif', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'doc', 'xls'] as const;

const Actor = Nullable(Type.Object({ id: Type.Integer(), name: Type.String() }));

export const EvidenceItem = Type.Object({
  id: Type.Integer(),
  observationId: Type.Integer(),
  fileName: Type.String({ description: 'The name it was uploaded with (NFC, without any path)' }),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the content, lower-case hex' }),
  size: Type.Integer({ description: 'Size in bytes' }),
  mediaType: Type.String({ description: 'Media type found from the content' }),
  addedBy: Actor,
  addedAt: DateTime,
  downloadUrl: Type.String({ description: 'Where to download the content (GET, same access token)' }),
});
export type EvidenceItem = Static<typeof EvidenceItem>;

export const EvidenceList = Type.Object({ items: Type.Array(EvidenceItem) });
export type EvidenceList = Static<typeof EvidenceList>;

export const EvidenceParams = Type.Object({ evidenceId: Type.Integer({ minimum: 1 }) });
export type EvidenceParams = Static<typeof EvidenceParams>;

/**
 * The upload form, for the API document. The file is read from the multipart stream, so there is
 * no parsed body to validate: `nullable` (understood by the validator, ignored by OpenAPI 3.1)
 * lets the absent body through.
 */
export const EvidenceUploadForm = Type.Unsafe<{ file: unknown } | null>({
  type: 'object',
  nullable: true,
  properties: {
    file: {
      type: 'string',
      format: 'binary',
      description: `One file of at most ${EVIDENCE_MAX_BYTES / 1024 / 1024} MiB: PDF, PNG, JPEG, WebP, GIF, DOCX, XLSX, PPTX, ODT, ODS, DOC or XLS. Its type is checked from its content, and its name's extension must agree.`,
    },
  },
  required: ['file'],
});
