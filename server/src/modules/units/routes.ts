import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CodeParams } from '@tiendo/shared/schemas/common';
import { CreateSuccessionBody, CreateUnitBody, Unit, UnitList, UnitListQuery, UpdateUnitBody } from '@tiendo/shared/schemas/units';
import { authProblems } from '../../lib/route-schemas';
import { createUnitsService } from './service';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const service = createUnitsService(app.deps);
  const tags = ['units'];

  app.get('/units', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'List units (filter by subtree, type, text, validity)', querystring: UnitListQuery, response: { 200: UnitList, ...authProblems(404) } },
  }, (req) => service.list(req.ctx, req.query));

  app.get('/units/:code', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'One unit with its successions', params: CodeParams, response: { 200: Unit, ...authProblems(404) } },
  }, (req) => service.get(req.ctx, req.params.code));

  app.post('/units', {
    config: { access: ['admin'] },
    schema: { tags, summary: 'Create a unit under a parent in your scope', body: CreateUnitBody, response: { 201: Unit, ...authProblems(404, 409) } },
  }, async (req, reply) => reply.code(201).send(await service.create(req.ctx, req.body)));

  app.patch('/units/:code', {
    config: { access: ['admin'] },
    schema: { tags, summary: 'Rename, re-parent or close a unit (send the version you read)', params: CodeParams, body: UpdateUnitBody, response: { 200: Unit, ...authProblems(404, 409) } },
  }, (req) => service.update(req.ctx, req.params.code, req.body));

  app.post('/unit-successions', {
    config: { access: ['admin'] },
    schema: { tags, summary: 'Record a merger, split, rename or transfer', body: CreateSuccessionBody, response: { 201: Unit, ...authProblems(404) } },
  }, async (req, reply) => reply.code(201).send(await service.addSuccession(req.ctx, req.body)));
};

export default routes;
