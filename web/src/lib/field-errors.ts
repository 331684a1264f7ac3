import type { FieldError } from '@tiendo/shared/errors';

/**
 * The form field a server validation error names: `/body/recipients/0` → `recipients`,
 * `/query/period` → `period`, `units.csv:12:code` stays as it is.
 */
export function fieldKey(pointer: string): string {
  const match = /^\/(?:body|query|params)\/([^/]+)/.exec(pointer);
  return match ? match[1]! : (pointer.split('/').pop() ?? pointer);
}

/** The first message for each field. */
export function fieldErrorMap(errors: readonly FieldError[] | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const item of errors ?? []) {
    const key = fieldKey(item.field);
    if (!map.has(key)) map.set(key, item.message);
  }
  return map;
}
