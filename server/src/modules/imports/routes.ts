import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ImportBody, ImportRejected, ImportResult } from '@tiendo/shared/schemas/imports';
import { authProblems } from '../../lib/route-schemas';
import { createImportService } from './service';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const service = createImportService(app.deps);

  app.post('/imports', {
    config: { access: ['admin'] },
    bodyLimit: 80 * 1024 * 1024,
    schema: {
      tags: ['imports'],
      summary: 'Import units, plans, indicators and observations in the seed-data format, as CSV texts or an XLSX workbook (base64) with a sheet per table (all or nothing; dryRun previews)',
      body: ImportBody,
      response: { 200: ImportResult, 422: ImportRejected, ...authProblems() },
    },
  }, (req) => {
    const { workbook, workbookName, ...csv } = req.body.files;
    const workbooks = workbook === undefined ? [] : [{ name: workbookName ?? 'workbook.xlsx', data: Buffer.from(workbook, 'base64') }];
    // On the writer thread when the server has one: the main thread goes on answering meanwhile.
    return (app.deps.writer?.imports ?? service).run(req.ctx, csv, { dryRun: req.body.dryRun ?? false, workbooks });
  });
};

export default routes;
