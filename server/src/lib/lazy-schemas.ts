import AjvCompiler from '@fastify/ajv-compiler';
import SerializerSelector from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;

type Compiled = ((data: unknown) => unknown) & { errors?: unknown };
type Factory = (...args: never[]) => (route: never) => Compiled;

/**
 * Wraps one of Fastify's compiler factories so that each route's validator or serializer is built
 * when the route is first called instead of when the server starts: building them all (ajv and
 * fast-json-stringify code for every schema of every route) is most of the start-up time, and a
 * server restarted under load should answer its first request at once. The compilers, their
 * options and their output are Fastify's own; only the moment changes. (The hostile-input tests
 * call every route, so a schema that does not compile still fails the suite.)
 */
function lazily<F extends Factory>(factory: F): F {
  return ((...factoryArgs: Parameters<F>) => {
    const compile = factory(...factoryArgs);
    return (route: Parameters<typeof compile>[0]) => {
      let built: Compiled | undefined;
      // Fastify reads a failed validation's `errors` from the function it was given.
      const run: Compiled = (data) => {
        built ??= compile(route);
        const out = built(data);
        run.errors = built.errors;
        return out;
      };
      return run;
    };
  }) as F;
}

/** Fastify's default compilers (ajv for validation, fast-json-stringify for responses), built on first use. */
export const lazyCompilers = {
  buildValidator: lazily(AjvCompiler() as unknown as Factory),
  buildSerializer: lazily(SerializerSelector() as unknown as Factory),
} as unknown as CompilersFactory;
