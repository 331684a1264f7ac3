/** The values each measure allows. */
import type { Measure } from '@tiendo/shared/domain';
import type { RowReader } from './row';

/** Measures that cannot be negative (all but growth rates). */
const NON_NEGATIVE: ReadonlySet<Measure> = new Set(['count', 'per_100_people', 'per_100_households', 'km', 'ratio']);

/**
 * Checks a value against its measure (OUT_OF_RANGE): `boolean` is 0 or 1 (a target: 1),
 * `percent` is 0–100, growth rates are any number, the others are ≥ 0.
 */
export function checkMeasureValue(reader: RowReader, column: string, value: number, measure: Measure, role: 'value' | 'target'): void {
  if (measure === 'boolean') {
    if (role === 'target' && value !== 1) {
      reader.report(column, 'OUT_OF_RANGE', `${column} ${value} does not fit measure "boolean": a milestone's target is 1 (done); write 1 or leave it empty.`);
    } else if (value !== 0 && value !== 1) {
      reader.report(column, 'OUT_OF_RANGE', `${column} ${value} does not fit measure "boolean": write 1 (done) or 0 (not yet).`);
    }
  } else if (measure === 'percent') {
    if (value < 0 || value > 100) {
      reader.report(column, 'OUT_OF_RANGE', `${column} ${value} does not fit measure "percent": a percentage is between 0 and 100.`);
    }
  } else if (NON_NEGATIVE.has(measure) && value < 0) {
    reader.report(column, 'OUT_OF_RANGE', `${column} ${value} is negative: measure "${measure}" cannot be below 0.`);
  }
}
