import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CodeParams } from '@tiendo/shared/schemas/common';
import { CreateIndicatorBody, Indicator, IndicatorList, IndicatorListQuery, IndicatorRevisionList, UpdateIndicatorBody } from '@tiendo/shared/schemas/indicators';
import { authProblems, problems } from '../../lib/route-schemas';
import { createIndicatorsService } from './service';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const service = createIndicatorsService(app.deps);
  const tags = ['indicators'];

  app.get('/indicators', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'List the indicators (targets) in your scope', querystring: IndicatorListQuery, response: { 200: IndicatorList, ...authProblems(404) } },
  }, (req) => service.list(req.ctx, req.query));

  app.get('/indicators/:code', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'One indicator with its current definition', params: CodeParams, response: { 200: Indicator, ...authProblems(404) } },
  }, (req) => service.get(req.ctx, req.params.code));

  app.get('/indicators/:code/revisions', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Every definition of the target that was in force, with reason and legal reference', params: CodeParams, response: { 200: IndicatorRevisionList, ...authProblems(404) } },
  }, (req) => service.revisions(req.ctx, req.params.code));

  app.post('/indicators', {
    config: { access: ['admin'] },
    schema: { tags, summary: 'Create an indicator for a unit in your scope', body: CreateIndicatorBody, response: { 201: Indicator, ...authProblems(404, 409), ...problems(422) } },
  }, async (req, reply) => reply.code(201).send(await service.create(req.ctx, req.body)));

  app.patch('/indicators/:code', {
    config: { access: ['admin'] },
    schema: {
      tags,
      summary: 'Change an indicator; a changed target needs revisionReason and legalRef (send the version you read)',
      params: CodeParams,
      body: UpdateIndicatorBody,
      response: { 200: Indicator, ...authProblems(404, 409), ...problems(422) },
    },
  }, (req) => service.update(req.ctx, req.params.code, req.body));
};

export default routes;
