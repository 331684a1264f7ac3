import { useMemo } from 'react';
import type { Locale } from './locale';
import { useI18n } from './use-t';

/** The conventions of each language: `1,44 km` and `30/06/2021` in Vietnamese, `1.44 km` and `30/06/2021` in British English. */
export const INTL_LOCALE: Record<Locale, string> = { vi: 'vi-VN', en: 'en-GB' };

/** Dates and times are shown in Vietnam's time, where the province works, whatever the browser's zone. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

export interface Formatter {
  locale: Locale;
  /** A number with up to `maxDecimals` decimals (default 2), grouped by thousands. */
  number(value: number | null | undefined, maxDecimals?: number): string;
  /** A ratio as a percentage: 0.8833 → `88,33 %` (vi) / `88.33%` (en). */
  percent(ratio: number | null | undefined, maxDecimals?: number): string;
  /** The method's four-decimal figures (progress, pace): 1.0604 → `1,0604`. */
  decimal4(value: number | null | undefined): string;
  /** A calendar date `YYYY-MM-DD` (or the date part of an ISO timestamp) as `30/06/2021`. */
  date(iso: string | null | undefined): string;
  /** A moment as `30/06/2021 14:05` in Vietnam's time. */
  dateTime(iso: string | null | undefined): string;
  /** A byte count as `12,5 KB`. */
  bytes(size: number): string;
}

const DASH = '—';

export function createFormatter(locale: Locale): Formatter {
  const tag = INTL_LOCALE[locale];
  const numberFormats = new Map<number, Intl.NumberFormat>();
  const numberFormat = (maxDecimals: number) => {
    let format = numberFormats.get(maxDecimals);
    if (!format) {
      format = new Intl.NumberFormat(tag, { maximumFractionDigits: maxDecimals });
      numberFormats.set(maxDecimals, format);
    }
    return format;
  };
  const fixed4 = new Intl.NumberFormat(tag, { minimumFractionDigits: 4, maximumFractionDigits: 4 });
  const dateFormat = new Intl.DateTimeFormat(tag, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
  // Date then time in both languages (vi-VN would otherwise put the time first).
  const zonedDate = new Intl.DateTimeFormat(tag, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: TIME_ZONE });
  const zonedTime = new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: TIME_ZONE });

  return {
    locale,
    number: (value, maxDecimals = 2) =>
      value === null || value === undefined || !Number.isFinite(value) ? DASH : numberFormat(maxDecimals).format(value),
    percent: (ratio, maxDecimals = 2) =>
      ratio === null || ratio === undefined || !Number.isFinite(ratio)
        ? DASH
        : `${numberFormat(maxDecimals).format(ratio * 100)}${locale === 'vi' ? ' %' : '%'}`,
    decimal4: (value) => (value === null || value === undefined || !Number.isFinite(value) ? DASH : fixed4.format(value)),
    date: (iso) => {
      if (!iso) return DASH;
      const day = iso.slice(0, 10);
      const time = Date.parse(`${day}T00:00:00Z`);
      return Number.isNaN(time) ? iso : dateFormat.format(time);
    },
    dateTime: (iso) => {
      if (!iso) return DASH;
      const time = Date.parse(iso);
      return Number.isNaN(time) ? iso : `${zonedDate.format(time)} ${zonedTime.format(time)}`;
    },
    bytes: (size) => {
      if (size < 1024) return `${numberFormat(0).format(size)} B`;
      if (size < 1024 * 1024) return `${numberFormat(1).format(size / 1024)} KB`;
      return `${numberFormat(1).format(size / 1024 / 1024)} MB`;
    },
  };
}

export function useFormat(): Formatter {
  const { locale } = useI18n();
  return useMemo(() => createFormatter(locale), [locale]);
}
