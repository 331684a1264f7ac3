import type { CalendarItem } from '@tiendo/shared/schemas/calendar';
import { AppLink } from '../../../components/ui/app-link';
import { Localized, useFieldName } from '../../../components/ui/localized';
import { CalendarStateBadge } from '../../../components/ui/state-badge';
import { useFormat } from '../../../i18n/format';
import { periodLabel } from '../../../i18n/period-label';
import { useI18n } from '../../../i18n/use-t';

interface CalendarTableProps {
  items: CalendarItem[];
  caption: string;
  /** Staff get the action that moves each report on; others a link to read it. */
  canReport: boolean;
  /** Show the reporting unit (a leader's "who has not reported"). */
  showUnit?: boolean;
  unitName?: (code: string) => string;
}

/** Reports due, one row each: the target, the period, when it is due, where it stands and what to do. */
export function CalendarTable({ items, caption, canReport, showUnit = false, unitName = (code) => code }: CalendarTableProps) {
  const { t, locale } = useI18n();
  const format = useFormat();
  const fieldName = useFieldName();
  return (
    <div className="table-wrap">
      <table className="data-table calendar-table responsive-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('todo.target')}</th>
            {showUnit && <th scope="col">{t('todo.unit')}</th>}
            <th scope="col">{t('todo.period')}</th>
            <th scope="col">{t('todo.dueDate')}</th>
            <th scope="col">{t('todo.state')}</th>
            <th scope="col">{t('todo.action')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const key = `${item.indicatorCode}|${item.unitCode}|${item.period}`;
            const reportLink = item.observationId
              ? item.state === 'drafted' || item.state === 'returned'
                ? `/report?id=${item.observationId}`
                : `/observations/${item.observationId}`
              : `/report?indicator=${encodeURIComponent(item.indicatorCode)}&unit=${encodeURIComponent(item.unitCode)}&period=${encodeURIComponent(item.period)}`;
            const action = !canReport
              ? item.observationId
                ? t('todo.view')
                : null
              : item.state === 'due' || item.state === 'overdue'
                ? t('todo.enter')
                : item.state === 'drafted' || item.state === 'returned'
                  ? t('todo.continue')
                  : t('todo.view');
            const target = !canReport && !item.observationId ? null : canReport ? reportLink : `/observations/${item.observationId}`;
            return (
              <tr key={key} className={item.state === 'returned' ? 'row-attention' : undefined}>
                <th scope="row" data-label={t('todo.target')}>
                  <AppLink to={`/targets/${encodeURIComponent(item.indicatorCode)}`} className="row-title">
                    <Localized vi={item.indicatorName.vi} en={item.indicatorName.en} />
                  </AppLink>
                  <span className="muted small">
                    {' '}
                    {item.indicatorCode} · {fieldName(item.field)}
                  </span>
                  {item.state === 'returned' && item.returnReason && (
                    <p className="return-reason">
                      <strong>{t('todo.returnReason')}</strong> {item.returnReason}
                    </p>
                  )}
                </th>
                {showUnit && <td data-label={t('todo.unit')}>{unitName(item.unitCode)}</td>}
                <td data-label={t('todo.period')}>{periodLabel(item.period, locale)}</td>
                <td data-label={t('todo.dueDate')}>{format.date(item.dueDate)}</td>
                <td data-label={t('todo.state')}>
                  <CalendarStateBadge state={item.state} late={item.late} />
                </td>
                <td data-label={t('todo.action')}>
                  {action && target && (
                    <AppLink to={target} className={`button button-small ${canReport && item.state !== 'submitted' && item.state !== 'accepted' ? 'button-primary' : 'button-secondary'}`}>
                      {action}
                      <span className="visually-hidden">
                        {' '}
                        {item.indicatorCode} {periodLabel(item.period, locale)}
                      </span>
                    </AppLink>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
