import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { IdParams } from '@tiendo/shared/schemas/common';
import { IdempotencyHeaders } from '@tiendo/shared/schemas/idempotency';
import { CorrectionBody, CreateObservationBody, Observation, ObservationHistory, ObservationList, ObservationListQuery, ReturnBody, TransitionBody, UpdateObservationBody } from '@tiendo/shared/schemas/observations';
import { createIdempotency } from '../../lib/idempotency';
import { authProblems } from '../../lib/route-schemas';
import { createObservationsService } from './service';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const service = createObservationsService(app.deps);
  const tags = ['observations'];
  // Writes that create or move a report take an optional Idempotency-Key (see lib/idempotency).
  const once = createIdempotency(app.deps);
  const headers = IdempotencyHeaders;
  const preValidation = once.checkKey;
  /**
   * Who runs a write: the server's writer thread when it has one (db/writer-thread.ts), else this
   * thread. A request with an Idempotency-Key runs here: its key is kept in the same unit of work
   * as its write, and that unit of work is this thread's.
   */
  const writes = (req: FastifyRequest) => (app.deps.writer !== null && req.headers['idempotency-key'] === undefined ? app.deps.writer.observations : service);

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
    preValidation,
    schema: { tags, summary: 'Start a draft progress report', headers, body: CreateObservationBody, response: { 201: Observation, ...authProblems(404, 409, 422) } },
  }, (req, reply) => once.run(req, reply, 201, async () => writes(req).createChecked(req.ctx, req.body, await service.checkCreate(req.ctx, req.body))));

  app.patch('/observations/:id', {
    config: { access: ['staff'] },
    schema: { tags, summary: 'Edit a draft or returned report (send the version you read)', params: IdParams, body: UpdateObservationBody, response: { 200: Observation, ...authProblems(404, 409) } },
  }, (req) => writes(req).update(req.ctx, req.params.id, req.body));

  app.get('/observations/:id/history', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Every version of this report (the original and its corrections)', params: IdParams, response: { 200: ObservationHistory, ...authProblems(404) } },
  }, (req) => service.history(req.ctx, req.params.id));

  app.post('/observations/:id/submit', {
    config: { access: ['staff'] },
    preValidation,
    schema: { tags, summary: 'Submit a draft or returned report for review', params: IdParams, headers, body: TransitionBody, response: { 200: Observation, ...authProblems(404, 409, 422) } },
  }, (req, reply) => once.run(req, reply, 200, () => writes(req).submit(req.ctx, req.params.id, req.body)));

  app.post('/observations/:id/accept', {
    config: { access: ['leader'] },
    preValidation,
    schema: { tags, summary: 'Accept a submitted report (leaders of its unit or above)', params: IdParams, headers, body: TransitionBody, response: { 200: Observation, ...authProblems(404, 409, 422) } },
  }, (req, reply) => once.run(req, reply, 200, () => writes(req).accept(req.ctx, req.params.id, req.body)));

  app.post('/observations/:id/return', {
    config: { access: ['leader'] },
    preValidation,
    schema: { tags, summary: 'Return a submitted report to its author with the reason', params: IdParams, headers, body: ReturnBody, response: { 200: Observation, ...authProblems(404, 409, 422) } },
  }, (req, reply) => once.run(req, reply, 200, () => writes(req).returnToAuthor(req.ctx, req.params.id, req.body)));

  app.post('/observations/:id/corrections', {
    config: { access: ['staff'] },
    preValidation,
    schema: { tags, summary: 'Correct an accepted value: a new draft version that needs acceptance again', params: IdParams, headers, body: CorrectionBody, response: { 201: Observation, ...authProblems(404, 409, 422) } },
  }, (req, reply) => once.run(req, reply, 201, () => writes(req).correct(req.ctx, req.params.id, req.body)));
};

export default routes;
