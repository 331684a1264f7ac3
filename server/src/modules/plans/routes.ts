import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CodeParams } from '@tiendo/shared/schemas/common';
import { CreatePlanBody, Plan, PlanList, PlanListQuery, UpdatePlanBody } from '@tiendo/shared/schemas/plans';
import { authProblems } from '../../lib/route-schemas';
import { createPlansService } from './service';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const service = createPlansService(app.deps);
  const tags = ['plans'];

  app.get('/plans', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'List the plans you may see', querystring: PlanListQuery, response: { 200: PlanList, ...authProblems(404) } },
  }, (req) => service.list(req.ctx, req.query));

  app.get('/plans/:code', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'One plan', params: CodeParams, response: { 200: Plan, ...authProblems(404) } },
  }, (req) => service.get(req.ctx, req.params.code));

  app.post('/plans', {
    config: { access: ['admin'] },
    schema: { tags, summary: 'Create a plan owned by a unit in your scope', body: CreatePlanBody, response: { 201: Plan, ...authProblems(404, 409) } },
  }, async (req, reply) => reply.code(201).send(await service.create(req.ctx, req.body)));

  app.patch('/plans/:code', {
    config: { access: ['admin'] },
    schema: { tags, summary: 'Change a plan (send the version you read)', params: CodeParams, body: UpdatePlanBody, response: { 200: Plan, ...authProblems(404, 409) } },
  }, (req) => service.update(req.ctx, req.params.code, req.body));
};

export default routes;
