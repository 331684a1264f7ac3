import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AuditEventList, AuditEventQuery } from '@tiendo/shared/schemas/audit';
import { inScope } from '../../lib/context';
import { notFound, outOfScope } from '../../lib/errors';
import { paging } from '../../lib/paging';
import { authProblems } from '../../lib/route-schemas';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/audit-events', {
    config: { access: ['auditor', 'admin'] },
    schema: { tags: ['audit'], summary: 'Browse audit events in your scope (newest first)', querystring: AuditEventQuery, response: { 200: AuditEventList, ...authProblems(404) } },
  }, async (req) => {
    const { page, pageSize, offset, limit } = paging(req.query);
    let prefix = req.ctx.actor.unitPath;
    if (req.query.under) {
      const unit = await app.deps.repos.units.findByCode(req.query.under);
      if (!unit) throw notFound('Unit', req.query.under);
      if (!inScope(req.ctx.actor, unit.path)) throw outOfScope(`Unit "${req.query.under}"`);
      prefix = unit.path;
    }
    const { rows, total } = await app.deps.repos.audit.list({ ...req.query, unitPathPrefix: prefix, offset, limit });
    return { items: rows, total, page, pageSize };
  });
};

export default routes;
