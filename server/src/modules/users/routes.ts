import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams } from '@tiendo/shared/schemas/common';
import { CreateUserBody, UpdateUserBody, User, UserList, UserListQuery } from '@tiendo/shared/schemas/users';
import { authProblems } from '../../lib/route-schemas';
import { createUsersService } from './service';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const service = createUsersService(app.deps);
  const tags = ['users'];

  app.get('/users', {
    config: { access: ['admin', 'leader', 'auditor'] },
    schema: { tags, summary: 'List accounts in your unit subtree', querystring: UserListQuery, response: { 200: UserList, ...authProblems(404) } },
  }, (req) => service.list(req.ctx, req.query));

  app.get('/users/:id', {
    config: { access: ['admin', 'leader', 'auditor'] },
    schema: { tags, summary: 'One account', params: IdParams, response: { 200: User, ...authProblems(404) } },
  }, (req) => service.get(req.ctx, req.params.id));

  app.post('/users', {
    config: { access: ['admin'] },
    schema: { tags, summary: 'Create an account in your unit subtree', body: CreateUserBody, response: { 201: User, ...authProblems(404, 409) } },
  }, async (req, reply) => reply.code(201).send(await service.create(req.ctx, req.body)));

  app.patch('/users/:id', {
    config: { access: ['admin'] },
    schema: { tags, summary: 'Change, disable or reset an account (send the version you read)', params: IdParams, body: UpdateUserBody, response: { 200: User, ...authProblems(404, 409) } },
  }, (req) => service.update(req.ctx, req.params.id, req.body));
};

export default routes;
