import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { CodeParams } from '@tiendo/shared/schemas/common';
import { IndicatorStatusList, IndicatorStatusListQuery, IndicatorStatusResponse, RollupQuery, RollupResponse, StatusQuery } from '@tiendo/shared/schemas/status';
import { authProblems } from '../../lib/route-schemas';
import { createStatusApi } from './api';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const api = createStatusApi(app.deps);
  const tags = ['status'];

  app.get('/indicators/:code/status', {
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary: 'The status of a target under tiendo-status/1, with every input behind it; asOf and knownAt reproduce a past report',
      params: CodeParams,
      querystring: StatusQuery,
      response: { 200: IndicatorStatusResponse, ...authProblems(404) },
    },
  }, (req, reply) => {
    // A kept answer is already JSON (modules/status/answer.ts): sent as it is, not serialized again.
    // (The text is this route's 200 schema, rendered when the status was kept: hence the plain reply type.)
    const kept = api.keptIndicatorStatus(req.ctx, req.params.code, req.query);
    if (kept === null) return api.computedIndicatorStatus(req.ctx, req.params.code, req.query);
    (reply as FastifyReply).type('application/json; charset=utf-8').send(kept);
    return undefined;
  });

  app.get('/rollups', {
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary: 'Roll-up of the targets in a unit subtree by plan, field or sub-unit: status counts, P, Ē, R and status',
      querystring: RollupQuery,
      response: { 200: RollupResponse, ...authProblems(404) },
    },
  }, (req) => api.rollup(req.ctx, req.query));

  app.get('/indicator-statuses', {
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary: 'Targets in a unit subtree with their statuses (filter by plan, field, sub-unit, status; sort by severity)',
      querystring: IndicatorStatusListQuery,
      response: { 200: IndicatorStatusList, ...authProblems(404) },
    },
  }, (req) => api.list(req.ctx, req.query));
};

export default routes;
