import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import { IdParams } from '@tiendo/shared/schemas/common';
import { EVIDENCE_MAX_BYTES, EvidenceItem, EvidenceList, EvidenceParams, EvidenceUploadForm } from '@tiendo/shared/schemas/evidence';
import { authProblems } from '../../lib/route-schemas';
import { attachmentDisposition } from './file-name';
import { createEvidenceService } from './service';
import { receiveOneFile } from './upload';

/** True when an If-None-Match header names this entity tag (or any, with `*`). */
const matchesEtag = (header: string | undefined, etag: string): boolean =>
  header !== undefined && header.split(',').some((t) => ['*', etag, `W/${etag}`].includes(t.trim()));

const routes: FastifyPluginAsyncTypebox = async (app) => {
  // Registered here, so only these routes read multipart bodies, with these limits.
  await app.register(multipart, {
    limits: { fileSize: EVIDENCE_MAX_BYTES, files: 1, fields: 10, fieldSize: 1024, fieldNameSize: 100, parts: 12, headerPairs: 100 },
  });
  // Any other body type reaches the handler unread, which answers what to send instead.
  app.addContentTypeParser('*', (_req, _payload, done) => done(null));

  const service = createEvidenceService(app.deps);
  await service.sweep();
  const tags = ['evidence'];

  app.post('/observations/:id/evidence', {
    config: { access: ['staff'] },
    schema: {
      tags,
      summary: `Attach a file to a draft or returned report (multipart/form-data, one file of at most ${EVIDENCE_MAX_BYTES / 1024 / 1024} MiB; the type is checked from the content)`,
      description: '201 with the new item; 200 with the existing item when the same content is already attached to this report.',
      consumes: ['multipart/form-data'],
      params: IdParams,
      body: { content: { 'multipart/form-data': { schema: EvidenceUploadForm } } },
      response: { 200: EvidenceItem, 201: EvidenceItem, ...authProblems(404, 409, 413, 415) },
    },
  }, async (req, reply) => {
    await service.assertMayAdd(req.ctx, req.params.id);
    const upload = await receiveOneFile(req, EVIDENCE_MAX_BYTES, (file) => service.receive(file.stream));
    const { item, created } = await service.add(req.ctx, req.params.id, upload);
    return reply.code(created ? 201 : 200).send(item);
  });

  app.get('/observations/:id/evidence', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'The evidence attached to a progress report', params: IdParams, response: { 200: EvidenceList, ...authProblems(404) } },
  }, (req) => service.list(req.ctx, req.params.id));

  app.get('/evidence/:evidenceId/content', {
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary: 'Download an evidence file (as an attachment, with its media type, size and an ETag of its SHA-256)',
      params: EvidenceParams,
      response: { ...authProblems(404) },
    },
  }, async (req, typedReply) => {
    // The 200 body is the file itself, so no schema types it: send the stream through the untyped reply.
    const reply: FastifyReply = typedReply;
    const file = await service.content(req.ctx, req.params.evidenceId);
    const etag = `"${file.sha256}"`;
    reply.header('etag', etag).header('x-content-type-options', 'nosniff');
    if (matchesEtag(req.headers['if-none-match'], etag)) return reply.code(304).send();
    return reply
      .type(file.mediaType)
      .header('content-length', file.size)
      .header('content-disposition', attachmentDisposition(file.fileName))
      .send(file.open());
  });
};

export default routes;
