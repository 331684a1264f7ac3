import type { CalendarState } from '@tiendo/shared/schemas/calendar';
import type { ObservationState } from '@tiendo/shared/roles';
import { useT } from '../../i18n/use-t';
import type { PlainMessageKey as MessageKey } from '../../i18n/locale';

const OBSERVATION_STATE_KEYS: Record<ObservationState, MessageKey> = {
  draft: 'state.draft',
  submitted: 'state.submitted',
  accepted: 'state.accepted',
  returned: 'state.returned',
};

const CALENDAR_STATE_KEYS: Record<CalendarState, MessageKey> = {
  due: 'calendarState.due',
  overdue: 'calendarState.overdue',
  drafted: 'calendarState.drafted',
  submitted: 'calendarState.submitted',
  accepted: 'calendarState.accepted',
  returned: 'calendarState.returned',
};

/** Where a progress report is in its review: words and a marker shape, not colour alone. */
export function ObservationStateBadge({ state, superseded = false }: { state: ObservationState; superseded?: boolean }) {
  const t = useT();
  return (
    <span className={`state-badge state-${state}`}>
      <span className="state-marker" aria-hidden="true" />
      {t(OBSERVATION_STATE_KEYS[state])}
      {superseded && <span className="state-note"> · {t('state.superseded')}</span>}
    </span>
  );
}

export function CalendarStateBadge({ state, late }: { state: CalendarState; late: boolean }) {
  const t = useT();
  return (
    <span className={`state-badge state-${state}`}>
      <span className="state-marker" aria-hidden="true" />
      {t(CALENDAR_STATE_KEYS[state])}
      {late && state !== 'overdue' && <span className="state-note"> · {t('calendarState.late')}</span>}
    </span>
  );
}

export function useObservationStateName(): (state: ObservationState) => string {
  const t = useT();
  return (state) => t(OBSERVATION_STATE_KEYS[state]);
}

export function useCalendarStateName(): (state: CalendarState) => string {
  const t = useT();
  return (state) => t(CALENDAR_STATE_KEYS[state]);
}
