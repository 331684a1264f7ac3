import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { sendProblem } from './errors';

/** Serves the built web app, with index.html for any non-API path (client-side routing). */
export default fp(async function staticSpaPlugin(app: FastifyInstance, opts: { webDir: string; docsDir: string }) {
  // The documents the app links to (the status method behind every status shown), as Markdown.
  app.get('/docs/:name', { schema: { hide: true } }, async (request, reply) => {
    const { name } = request.params as { name: string };
    const file = path.join(opts.docsDir, name);
    if (!/^[a-z0-9-]+\.md$/.test(name) || !existsSync(file)) return sendProblem(reply, 'NOT_FOUND', `There is no document "${name}".`);
    return reply.type('text/markdown; charset=utf-8').header('cache-control', 'no-cache').send(await readFile(file, 'utf8'));
  });

  const hasWeb = existsSync(path.join(opts.webDir, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: opts.webDir, wildcard: false, index: ['index.html'], cacheControl: false,
      setHeaders: (res, file) => {
        res.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '';
    if (url.startsWith('/api/')) return sendProblem(reply, 'NOT_FOUND', `There is no API endpoint ${request.method} ${url}. See /api/docs.`);
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendProblem(reply, 'NOT_FOUND', `Nothing at ${request.method} ${url}.`);
    if (!hasWeb) return reply.code(404).type('text/plain; charset=utf-8').send('The web app is not built. Run `pnpm build` (or `pnpm start`).');
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html');
  });
});
