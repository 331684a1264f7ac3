import type { IndicatorStatusResponse } from '@tiendo/shared/schemas/status';
import { METHOD_ID, toApiStatus } from '@tiendo/shared/status';
import type { IndicatorStatus } from './service';

export const METHOD_DOC = '/docs/status-method.md';

type Computed = Pick<IndicatorStatus, 'result' | 'definitionError'>;

/** The API answer for one target's status, numbers rounded for display. */
export function statusResponse(code: string, s: Computed): IndicatorStatusResponse {
  const r = toApiStatus(s.result, 4);
  return {
    method: r.method,
    methodDoc: METHOD_DOC,
    indicatorCode: code,
    asOf: r.asOf,
    knownAt: r.knownAt,
    status: r.status,
    direction: r.direction,
    progress: r.progress,
    expectedProgress: r.expectedProgress,
    pace: r.pace,
    expectedValue: r.expectedValue,
    gap: r.gap,
    baseline: r.baseline,
    target: r.target,
    milestones: r.milestones,
    latest: r.latest,
    forecast: r.forecast,
    slopePerYear: r.slopePerYear,
    projectedMet: r.projectedMet,
    forecastPoints: r.forecastPoints,
    thresholds: r.thresholds,
    tolerance: r.tolerance,
    definitionError: s.definitionError,
  };
}

/**
 * What a kept status fixes of its answer, kept beside it: every field but those each request sets
 * (method, code, asOf, knownAt), as a JSON object. Rendered once, when the status is kept. A change
 * to the answer's fields or rounding must come with a migration that clears the kept answers
 * (`UPDATE indicator_status SET answer = NULL`): each is then rendered again on its next read.
 */
export function keptAnswer(s: Computed): string {
  const { method: _method, methodDoc: _doc, indicatorCode: _code, asOf: _asOf, knownAt: _knownAt, ...rest } = statusResponse('', s);
  return JSON.stringify(rest);
}

const HEAD = `{"method":${JSON.stringify(METHOD_ID)},"methodDoc":${JSON.stringify(METHOD_DOC)},"indicatorCode":`;

/** The whole answer, as JSON, from a kept one and the request's own fields: no parse, no rounding. */
export function answerFromKept(code: string, asOf: string, knownAt: string, kept: string): string {
  return `${HEAD}${JSON.stringify(code)},"asOf":${JSON.stringify(asOf)},"knownAt":${JSON.stringify(knownAt)},${kept.slice(1)}`;
}
