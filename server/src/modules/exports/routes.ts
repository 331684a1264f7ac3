import { createReadStream } from 'node:fs';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { IdParams } from '@tiendo/shared/schemas/common';
import { CreateExportBody, ExportCreated, ExportFileParams, ExportJob, ExportList, ExportListQuery } from '@tiendo/shared/schemas/exports';
import { paging } from '../../lib/paging';
import { authProblems } from '../../lib/route-schemas';
import { createExportRetention } from './retention';
import { createExportService, toExportDto } from './service';

/** `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266 / 8187). */
const disposition = (name: string) => `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const service = createExportService(app.deps);
  const retention = createExportRetention(app.deps);
  const keepDays = app.deps.config.exportKeepDays;
  app.addHook('onReady', async () => {
    await service.recoverInterrupted();
    retention.start((err) => app.log.warn({ err }, 'removing expired exports failed; the next sweep tries again'));
  });
  app.addHook('onClose', async () => {
    await retention.stop();
    await service.close();
  });

  app.post('/exports', {
    config: { access: ['auditor', 'admin'] },
    schema: {
      tags: ['exports'],
      summary: 'Start an export (runs in the background): observations with their workflow, indicators with target revisions, plans, units or audit events, as CSV, XLSX or JSON Lines, with a manifest',
      body: CreateExportBody,
      response: { 202: ExportCreated, ...authProblems(404) },
    },
  }, async (req, reply) => {
    const job = await service.create(req.ctx, req.body);
    return reply.code(202).header('location', `/api/v1/exports/${job.id}`).send({ id: job.id, status: job.status });
  });

  app.get('/exports', {
    config: { access: ['auditor', 'admin'] },
    schema: { tags: ['exports'], summary: 'Your exports, newest first', querystring: ExportListQuery, response: { 200: ExportList, ...authProblems() } },
  }, async (req) => {
    const { page, pageSize, offset, limit } = paging(req.query);
    const { rows, total } = await service.list(req.ctx, { offset, limit });
    return { items: rows.map((j) => toExportDto(j, keepDays)), total, page, pageSize };
  });

  app.get('/exports/:id', {
    config: { access: ['auditor', 'admin'] },
    schema: { tags: ['exports'], summary: 'An export: its progress, and once completed its files and manifest', params: IdParams, response: { 200: ExportJob, ...authProblems(404) } },
  }, async (req) => toExportDto(await service.get(req.ctx, req.params.id), keepDays));

  app.get('/exports/:id/files/:name', {
    config: { access: ['auditor', 'admin'] },
    schema: { tags: ['exports'], summary: 'Download a file of a completed export, or its manifest.json (which an expired export keeps)', params: ExportFileParams, response: { ...authProblems(404, 409) } },
  }, async (req, typedReply) => {
    // The 200 body is the file itself, so no schema types it: send the stream through the untyped reply.
    const reply: FastifyReply = typedReply;
    const file = await service.file(req.ctx, req.params.id, req.params.name);
    return reply
      .type(file.contentType)
      .header('content-disposition', disposition(file.name))
      .header('content-length', String(file.bytes))
      .send('path' in file ? createReadStream(file.path) : file.text);
  });
};

export default routes;
