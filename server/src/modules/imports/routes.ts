import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ImportBody, ImportRejected, ImportResult } from '@tiendo/shared/schemas/imports';
import { authProblems } from '../../lib/route-schemas';
import { createImportService } from './service';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const service = createImportService(app.deps);

  app.post('/imports', {
    config: { access: ['admin'] },
    bodyLimit: 60 * 1024 * 1024,
    schema: {
      tags: ['imports'],
      summary: 'Import units, plans, indicators and observations in the seed-data CSV format (all or nothing; dryRun previews)',
      body: ImportBody,
      response: { 200: ImportResult, 422: ImportRejected, ...authProblems() },
    },
  }, (req) => service.run(req.ctx, req.body.files, { dryRun: req.body.dryRun ?? false }));
};

export default routes;
