/** Public API of the status method `tiendo-status/1`. */
export * from './types';
export { computeStatus, tryComputeStatus, statusFromPace, type SafeStatusResult } from './compute';
export { rollup, rollupAccumulator, hasData, type RollupAccumulator, type RollupSums } from './rollup';
export { olsForecast, MIN_FORECAST_POINTS, type OlsForecast } from './forecast';
export { expectedValueAt, expectedValueKnots } from './expected-value';
export { readValue } from './read-value';
export { parseInstant, dateOf } from './dates';
export {
  StatusDefinitionError,
  validateTarget,
  checkTargetDefinition,
  type DefinitionProblem,
  type DefinitionProblemCode,
  type TargetDefinition,
} from './definition';
export { roundForDisplay, toApiStatus, toApiRollup, DISPLAY_DECIMALS } from './display';
