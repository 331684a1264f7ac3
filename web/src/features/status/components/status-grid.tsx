import type { RollupGroup } from '@tiendo/shared/schemas/status';
import { AppLink } from '../../../components/ui/app-link';
import { STATUS_KEYS, isStatusName } from '../../../components/ui/status-badge';
import { StatusIcon } from '../../../components/ui/status-icon';
import { useFormat } from '../../../i18n/format';
import { useT } from '../../../i18n/use-t';

export interface GridRow {
  code: string;
  label: string;
}

export interface GridColumn {
  key: string;
  label: string;
}

interface StatusGridProps {
  rows: GridRow[];
  columns: GridColumn[];
  /** The roll-up of one unit in one field, or undefined when the unit has no target there. */
  cell: (row: GridRow, column: GridColumn) => RollupGroup | undefined;
  linkFor: (row: GridRow, column: GridColumn) => string;
  caption: string;
  corner: string;
}

/** Statuses a cell names with their counts, so a summary never hides a target that is behind. */
const FLAGGED = ['missed', 'off_track', 'at_risk'] as const;

/**
 * Units down, fields across; each cell coloured by its status and saying it in words, with its
 * target count and how many of them are missed, off track or at risk.
 */
export function StatusGrid({ rows, columns, cell, linkFor, caption, corner }: StatusGridProps) {
  const t = useT();
  const format = useFormat();
  return (
    <div className="table-wrap">
      <table className="status-grid">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{corner}</th>
            {columns.map((column) => (
              <th scope="col" key={column.key}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.code}>
              <th scope="row">{row.label}</th>
              {columns.map((column) => {
                const group = cell(row, column);
                if (!group || group.total === 0) {
                  return (
                    <td key={column.key} className="grid-empty">
                      <span className="visually-hidden">{t('grid.noTargets')}</span>
                      <span aria-hidden="true">·</span>
                    </td>
                  );
                }
                const status = isStatusName(group.status) ? group.status : 'no_data';
                return (
                  <td key={column.key} className={`grid-cell status-${status}`}>
                    <AppLink to={linkFor(row, column)} className="grid-link">
                      <StatusIcon status={status} />
                      <span className="grid-status">{t(STATUS_KEYS[status])}</span>
                      <span className="grid-count">{t('grid.targets', { count: format.number(group.total) })}</span>
                      {FLAGGED.filter((flag) => group.counts[flag] > 0).map((flag) => (
                        <span key={flag} className="grid-flag">
                          {t('grid.statusCount', { status: t(STATUS_KEYS[flag]), count: format.number(group.counts[flag]) })}
                        </span>
                      ))}
                    </AppLink>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
