import type { RollupGroup } from '@tiendo/shared/schemas/status';
import { AppLink } from '../../../components/ui/app-link';
import { Localized } from '../../../components/ui/localized';
import { STATUS_KEYS, STATUS_ORDER, StatusBadge, isStatusName } from '../../../components/ui/status-badge';
import { StatusIcon } from '../../../components/ui/status-icon';
import { useFormat } from '../../../i18n/format';
import { useT } from '../../../i18n/use-t';
import { StatusBar } from './status-counts';

interface RollupTableProps {
  groups: RollupGroup[];
  caption: string;
  /** Where each group leads: a plan's page, a unit's dashboard, a field's targets. */
  linkFor: (group: RollupGroup) => string | null;
  groupHeader: string;
}

/** One row per plan, field or unit: its status, its count in each status, P, Ē and R. */
export function RollupTable({ groups, caption, linkFor, groupHeader }: RollupTableProps) {
  const t = useT();
  const format = useFormat();
  return (
    <div className="table-wrap">
      <table className="data-table rollup-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{groupHeader}</th>
            <th scope="col">{t('rollup.status')}</th>
            {STATUS_ORDER.map((status) => (
              <th scope="col" key={status} className={`numeric count-head status-text-${status}`}>
                <StatusIcon status={status} />
                <span className="count-head-label">{t(STATUS_KEYS[status])}</span>
              </th>
            ))}
            <th scope="col" className="numeric">
              {t('rollup.total')}
            </th>
            <th scope="col" className="numeric">
              <abbr title={t('rollup.progressLong')}>P</abbr>
            </th>
            <th scope="col" className="numeric">
              <abbr title={t('rollup.expectedLong')}>Ē</abbr>
            </th>
            <th scope="col" className="numeric">
              <abbr title={t('rollup.paceLong')}>R</abbr>
            </th>
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => {
            const link = linkFor(group);
            const label = <Localized vi={group.label.vi} en={group.label.en} />;
            return (
              <tr key={group.key}>
                <th scope="row">
                  {link ? <AppLink to={link}>{label}</AppLink> : label}
                  <StatusBar counts={group.counts} total={group.total} />
                </th>
                <td>{isStatusName(group.status) ? <StatusBadge status={group.status} /> : group.status}</td>
                {STATUS_ORDER.map((status) => (
                  <td key={status} className={`numeric${group.counts[status] === 0 ? ' muted' : ''}`}>
                    {format.number(group.counts[status])}
                  </td>
                ))}
                <td className="numeric">
                  {format.number(group.total)}
                  <span className="muted small"> ({t('rollup.withData', { count: format.number(group.withData) })})</span>
                </td>
                <td className="numeric">{format.decimal4(group.progress)}</td>
                <td className="numeric">{format.decimal4(group.expectedProgress)}</td>
                <td className="numeric">{format.decimal4(group.pace)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
