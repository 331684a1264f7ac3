import type { IndicatorStatusItem } from '@tiendo/shared/schemas/status';
import { AppLink } from '../../../components/ui/app-link';
import { Localized, useFieldName } from '../../../components/ui/localized';
import { StatusBadge } from '../../../components/ui/status-badge';
import { useFormat } from '../../../i18n/format';
import { useT } from '../../../i18n/use-t';

interface StatusTableProps {
  items: IndicatorStatusItem[];
  caption: string;
  unitName: (code: string) => string;
  /** Show each target's latest comment (the leadership's at-risk list). */
  showComment?: boolean;
}

/** Targets with their status, pace, latest value and target: the rows behind a roll-up. */
export function StatusTable({ items, caption, unitName, showComment = false }: StatusTableProps) {
  const t = useT();
  const format = useFormat();
  const fieldName = useFieldName();
  return (
    <div className="table-wrap">
      <table className="data-table responsive-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('todo.target')}</th>
            <th scope="col">{t('targets.status')}</th>
            <th scope="col" className="numeric">
              {t('targets.pace')}
            </th>
            <th scope="col">{t('targets.latest')}</th>
            <th scope="col">{t('targets.target')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.code}>
              <th scope="row" data-label={t('todo.target')}>
                <AppLink to={`/targets/${encodeURIComponent(item.code)}`} className="row-title">
                  <Localized vi={item.nameVi} en={item.nameEn} />
                </AppLink>
                <span className="muted small">
                  {' '}
                  {item.code} · {unitName(item.unitCode)} · {fieldName(item.field)}
                </span>
              </th>
              <td data-label={t('targets.status')}>
                <StatusBadge status={item.status} />
              </td>
              <td data-label={t('targets.pace')} className="numeric">
                {format.decimal4(item.pace)}
                {item.progress !== null && (
                  <span className="muted small">
                    {' '}
                    (p {format.decimal4(item.progress)} · e {format.decimal4(item.expectedProgress)})
                  </span>
                )}
              </td>
              <td data-label={t('targets.latest')}>
                {item.latest ? (
                  <>
                    {format.number(item.latest.value, 4)} <span className="muted small">({format.date(item.latest.date)})</span>
                    {showComment && item.latest.comment && <p className="latest-comment">“{item.latest.comment}”</p>}
                    {showComment && !item.latest.comment && <p className="muted small">{t('targets.noComment')}</p>}
                  </>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td data-label={t('targets.target')}>
                {item.target ? (
                  <>
                    {format.number(item.target.value, 4)} <span className="muted small">({format.date(item.target.date)})</span>
                  </>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
