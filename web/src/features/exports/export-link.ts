import type { ExportKind } from '@tiendo/shared/schemas/exports';
import { toQueryString } from '../../lib/query-string';

/** The export page with its form filled in: kind and the filters of the view it was opened from. */
export function exportLink(kind: ExportKind, filters: Record<string, string | undefined | null>): string {
  return `/exports${toQueryString({ kind, ...filters })}`;
}
