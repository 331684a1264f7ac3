import type { CalendarItem, CalendarQuery, CalendarState } from '@tiendo/shared/schemas/calendar';
import { isIsoDate } from '@tiendo/shared/periods';
import { useId, useMemo } from 'react';
import { EmptyState } from '../../components/ui/empty-state';
import { Loading } from '../../components/ui/loading';
import { PageHeader } from '../../components/ui/page-header';
import { DateInput } from '../../components/ui/date-input';
import { Pagination } from '../../components/ui/pagination';
import { QueryError } from '../../components/ui/query-error';
import { useCurrentUser } from '../../features/auth/current-user';
import { useCalendar } from '../../features/calendar/api/get-calendar';
import { CalendarTable } from '../../features/calendar/components/calendar-table';
import { useUnitNames } from '../../features/units/use-unit-names';
import { useFormat } from '../../i18n/format';
import { useI18n } from '../../i18n/use-t';
import type { PlainMessageKey as MessageKey } from '../../i18n/locale';
import { useSearchState } from '../../lib/url-state';

/** Tabs of the list; "todo" (the default) is everything that still needs the reporting unit. */
const VIEWS = ['todo', 'overdue', 'due', 'drafted', 'returned', 'submitted', 'accepted', 'all'] as const;
type View = (typeof VIEWS)[number];
const VIEW_KEYS: Record<View, MessageKey> = {
  todo: 'todo.viewTodo',
  overdue: 'calendarState.overdue',
  due: 'calendarState.due',
  drafted: 'calendarState.drafted',
  returned: 'calendarState.returned',
  submitted: 'calendarState.submitted',
  accepted: 'calendarState.accepted',
  all: 'todo.viewAll',
};
const NEEDS_ACTION: CalendarState[] = ['returned', 'overdue', 'drafted', 'due'];
const PAGE_SIZE = 50;
/** The "to do" view reads this many at once and sorts them itself (returned first, then overdue...). */
const TODO_LIMIT = 500;

function defaultRange(): { from: string; to: string } {
  const year = new Date().getFullYear();
  return { from: `${year - 1}-01-01`, to: `${year}-12-31` };
}

export default function TodoPage() {
  const { t } = useI18n();
  const format = useFormat();
  const user = useCurrentUser();
  const id = useId();
  const { values, update, page } = useSearchState(['view', 'from', 'to', 'unit'] as const);
  const view: View = (VIEWS as readonly string[]).includes(values.view) ? (values.view as View) : 'todo';
  const range = defaultRange();
  const from = isIsoDate(values.from) ? values.from : range.from;
  const to = isIsoDate(values.to) ? values.to : range.to;
  const isStaff = user.role === 'staff';
  const unit = values.unit || user.unit.code;
  const units = useUnitNames();

  const query: CalendarQuery =
    view === 'todo' || view === 'all'
      ? { unit, from, to, page: view === 'all' ? page : 1, pageSize: view === 'all' ? PAGE_SIZE : TODO_LIMIT }
      : { unit, from, to, state: view, page, pageSize: PAGE_SIZE };
  const calendar = useCalendar(query);

  const todoItems = useMemo(() => {
    if (view !== 'todo' || !calendar.data) return null;
    const rank = (item: CalendarItem) => NEEDS_ACTION.indexOf(item.state);
    return calendar.data.items
      .filter((item) => NEEDS_ACTION.includes(item.state))
      .sort((a, b) => rank(a) - rank(b) || a.dueDate.localeCompare(b.dueDate) || a.indicatorCode.localeCompare(b.indicatorCode));
  }, [calendar.data, view]);

  const counts = calendar.data?.counts;
  const shown = todoItems ? todoItems.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE) : (calendar.data?.items ?? []);
  const total = todoItems ? todoItems.length : (calendar.data?.total ?? 0);
  const title = isStaff ? t('todo.title') : t('todo.titleLeader');

  return (
    <div className="page">
      <PageHeader
        title={title}
        lead={
          <p>
            {t('todo.lead', { unit: units.name(unit), from: format.date(from), to: format.date(to) })}
          </p>
        }
      />

      <section className="card filters" aria-labelledby={`${id}-filters`}>
        <h2 id={`${id}-filters`} className="visually-hidden">
          {t('filters.title')}
        </h2>
        <div className="filter-row">
          <div className="field">
            <label htmlFor={`${id}-from`}>{t('todo.from')}</label>
            <DateInput id={`${id}-from`} value={from} onCommit={(date) => update({ from: date ?? null })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>{t('todo.to')}</label>
            <DateInput id={`${id}-to`} value={to} onCommit={(date) => update({ to: date ?? null })} />
          </div>
          {!isStaff && units.scoped.length > 1 && (
            <div className="field">
              <label htmlFor={`${id}-unit`}>{t('todo.unit')}</label>
              <select id={`${id}-unit`} value={unit} onChange={(e) => update({ unit: e.target.value === user.unit.code ? null : e.target.value })}>
                {units.scoped.map((u) => (
                  <option key={u.code} value={u.code}>
                    {units.name(u.code)}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
      </section>

      <nav className="tabs" aria-label={t('todo.views')}>
        <ul>
          {VIEWS.map((key) => {
            const count =
              key === 'todo'
                ? counts && counts.due + counts.overdue + counts.drafted + counts.returned
                : key === 'all'
                  ? counts && counts.due + counts.overdue + counts.drafted + counts.returned + counts.submitted + counts.accepted
                  : counts?.[key];
            return (
              <li key={key}>
                <button
                  type="button"
                  className={`tab${key === view ? ' tab-current' : ''}`}
                  aria-pressed={key === view}
                  onClick={() => update({ view: key === 'todo' ? null : key })}
                >
                  {t(VIEW_KEYS[key])}
                  {count !== undefined && (
                    <span className="tab-count">
                      {/* Read as "Cần làm: 46", not "Cần làm46". */}
                      <span className="visually-hidden">: </span>
                      {format.number(count)}
                    </span>
                  )}
                </button>
              </li>
            );
          })}
        </ul>
      </nav>

      <section aria-labelledby={`${id}-list`} className="card">
        <h2 id={`${id}-list`}>{t(VIEW_KEYS[view])}</h2>
        {calendar.isPending && <Loading />}
        {calendar.isError && <QueryError error={calendar.error} what={t('todo.what')} onRetry={() => void calendar.refetch()} />}
        {calendar.data && shown.length === 0 && (
          <EmptyState>
            <p>{view === 'todo' ? t('todo.nothingToDo') : t('todo.empty')}</p>
          </EmptyState>
        )}
        {calendar.data && shown.length > 0 && (
          <>
            <CalendarTable items={shown} caption={t(VIEW_KEYS[view])} canReport={isStaff} showUnit={!isStaff || unit !== user.unit.code} unitName={units.name} />
            <Pagination page={page} pageSize={PAGE_SIZE} total={total} label={t('todo.pages')} onPage={(next) => update({ page: String(next) }, { resetPage: false })} />
            {todoItems && calendar.data.total > TODO_LIMIT && <p className="muted">{t('todo.truncated', { limit: TODO_LIMIT })}</p>}
          </>
        )}
      </section>
    </div>
  );
}
