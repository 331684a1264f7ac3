import { Problem } from '@tiendo/shared/schemas/common';

/** The problem responses a route can give, for its declared schema (and the OpenAPI document). */
export function problems(...statuses: number[]): Record<number, typeof Problem> {
  const out: Record<number, typeof Problem> = {};
  for (const s of [400, ...statuses]) out[s] = Problem;
  return out;
}

/** Problem responses of every authenticated route: bad input, not signed in, not allowed. */
export const authProblems = (...statuses: number[]) => problems(401, 403, ...statuses);
