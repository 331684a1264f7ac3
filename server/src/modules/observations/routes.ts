import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams } from '@tiendo/shared/schemas/common';
import { CorrectionBody, CreateObservationBody, Observation, ObservationHistory, ObservationList, ObservationListQuery, ReturnBody, TransitionBody, UpdateObservationBody } from '@tiendo/shared/schemas/observations';
import { authProblems } from '../../lib/route-schemas';
import { createObservationsService } from './service';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const service = createObservationsService(app.deps);
  const tags = ['observations'];

  app.get('/observations', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'List progress reports in your scope (filter by indicator, unit subtree, plan, field, period, state)', querystring: ObservationListQuery, response: { 200: ObservationList, ...authProblems(404) } },
  }, (req) => service.list(req.ctx, req.query));

  app.get('/observations/:id', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'One progress report version', params: IdParams, response: { 200: Observation, ...authProblems(404) } },
  }, (req) => service.get(req.ctx, req.params.id));

  app.post('/observations', {
    config: { access: ['staff'] },
    schema: { tags, summary: 'Start a draft progress report', body: CreateObservationBody, response: { 201: Observation, ...authProblems(404) } },
  }, async (req, reply) => reply.code(201).send(await service.create(req.ctx, req.body)));

  app.patch('/observations/:id', {
    config: { access: ['staff'] },
    schema: { tags, summary: 'Edit a draft or returned report (send the version you read)', params: IdParams, body: UpdateObservationBody, response: { 200: Observation, ...authProblems(404, 409) } },
  }, (req) => service.update(req.ctx, req.params.id, req.body));

  app.get('/observations/:id/history', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Every version of this report (the original and its corrections)', params: IdParams, response: { 200: ObservationHistory, ...authProblems(404) } },
  }, (req) => service.history(req.ctx, req.params.id));

  app.post('/observations/:id/submit', {
    config: { access: ['staff'] },
    schema: { tags, summary: 'Submit a draft or returned report for review', params: IdParams, body: TransitionBody, response: { 200: Observation, ...authProblems(404, 409) } },
  }, (req) => service.submit(req.ctx, req.params.id, req.body));

  app.post('/observations/:id/accept', {
    config: { access: ['leader'] },
    schema: { tags, summary: 'Accept a submitted report (leaders of its unit or above)', params: IdParams, body: TransitionBody, response: { 200: Observation, ...authProblems(404, 409) } },
  }, (req) => service.accept(req.ctx, req.params.id, req.body));

  app.post('/observations/:id/return', {
    config: { access: ['leader'] },
    schema: { tags, summary: 'Return a submitted report to its author with the reason', params: IdParams, body: ReturnBody, response: { 200: Observation, ...authProblems(404, 409) } },
  }, (req) => service.returnToAuthor(req.ctx, req.params.id, req.body));

  app.post('/observations/:id/corrections', {
    config: { access: ['staff'] },
    schema: { tags, summary: 'Correct an accepted value: a new draft version that needs acceptance again', params: IdParams, body: CorrectionBody, response: { 201: Observation, ...authProblems(404, 409) } },
  }, async (req, reply) => reply.code(201).send(await service.correct(req.ctx, req.params.id, req.body)));
};

export default routes;
