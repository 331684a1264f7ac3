import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AuditEventList, AuditEventQuery, AuditHistory, AuditHistoryQuery, AuditVerification } from '@tiendo/shared/schemas/audit';
import { nowIso } from '../../lib/context';
import { paging } from '../../lib/paging';
import { authProblems } from '../../lib/route-schemas';
import { CHAIN_METHOD } from './chain';
import { changesOf } from './history';
import { resolveScope } from './scope';
import { verifyChain } from './verify';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const { repos } = app.deps;

  app.get('/audit-events', {
    config: { access: ['auditor', 'admin'] },
    schema: { tags: ['audit'], summary: 'Browse audit events in your scope (newest first)', querystring: AuditEventQuery, response: { 200: AuditEventList, ...authProblems(404) } },
  }, async (req) => {
    const { page, pageSize, offset, limit } = paging(req.query);
    const scope = await resolveScope(app.deps, req.ctx.actor, req.query.under);
    const { rows, total } = await repos.audit.list({ ...req.query, ...scope, offset, limit });
    return { items: rows, total, page, pageSize };
  });

  app.get('/audit-events/history', {
    config: { access: ['auditor', 'admin'] },
    schema: {
      tags: ['audit'],
      summary: 'The history of one record (e.g. entity=observation&entityId=12), oldest first, with what each step changed',
      querystring: AuditHistoryQuery,
      response: { 200: AuditHistory, ...authProblems() },
    },
  }, async (req) => {
    const { page, pageSize, offset, limit } = paging(req.query);
    const scope = await resolveScope(app.deps, req.ctx.actor);
    const { rows, total } = await repos.audit.history(req.query.entity, req.query.entityId, scope, { offset, limit });
    return { entity: req.query.entity, entityId: req.query.entityId, items: rows.map((r) => ({ ...r, changes: changesOf(r.before, r.after) })), total, page, pageSize };
  });

  app.get('/audit/verify', {
    config: { access: ['auditor', 'admin'] },
    schema: {
      tags: ['audit'],
      summary: 'Verify the whole audit hash chain (and the chain heads recorded by exports); names the first broken event',
      response: { 200: AuditVerification, ...authProblems() },
    },
  }, async () => {
    const anchors = await repos.exports.anchors();
    const result = await verifyChain(repos.audit, anchors);
    return { ...result, method: CHAIN_METHOD, anchors: anchors.length, checkedAt: nowIso() };
  });
};

export default routes;
