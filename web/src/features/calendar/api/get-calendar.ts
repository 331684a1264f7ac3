import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { Calendar, CalendarQuery } from '@tiendo/shared/schemas/calendar';
import { apiClient } from '../../../lib/api-client';
import { toQueryString } from '../../../lib/query-string';

/** GET /api/v1/calendar: the reports due for a unit's subtree in a date range, and where each stands. */
export function getCalendar(query: CalendarQuery, signal?: AbortSignal): Promise<Calendar> {
  return apiClient.get<Calendar>(`/calendar${toQueryString({ ...query })}`, signal ? { signal } : {});
}

export const calendarQueryOptions = (query: CalendarQuery) =>
  queryOptions({
    queryKey: ['calendar', query],
    queryFn: ({ signal }) => getCalendar(query, signal),
    placeholderData: keepPreviousData,
  });

export function useCalendar(query: CalendarQuery) {
  return useQuery(calendarQueryOptions(query));
}
