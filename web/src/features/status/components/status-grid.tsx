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

/** Units down, fields across; each cell coloured by its status and saying it in words, with its target count. */
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
