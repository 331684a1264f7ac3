/**
 * How the report writes dates, numbers, periods and statuses in Vietnamese administrative style
 * (Decree 30/2020/NĐ-CP). Pure functions: the documents are made only from their results.
 */
import { parsePeriod } from '@tiendo/shared/periods';
import type { StatusName } from '@tiendo/shared/status';

export const STATUS_LABELS: Record<StatusName, string> = {
  achieved: 'Đã đạt',
  on_track: 'Đúng tiến độ',
  at_risk: 'Có nguy cơ chậm',
  off_track: 'Chậm tiến độ',
  missed: 'Không đạt',
  no_data: 'Chưa có số liệu',
  no_target: 'Chưa có chỉ tiêu',
};

/** Column order of the status counts in the report's tables and sentences. */
export const STATUS_ORDER: readonly StatusName[] = ['achieved', 'on_track', 'at_risk', 'off_track', 'missed', 'no_data', 'no_target'];

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
const roman = (n: number): string => ROMAN[n - 1] ?? String(n);

const parts = (iso: string): [number, number, number] => {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return [y!, m!, d!];
};

/** Decree 30: a leading zero for days 1–9 and for months 1 and 2 ("ngày 05 tháng 02", "tháng 10"). */
const day2 = (d: number): string => String(d).padStart(2, '0');
const month30 = (m: number): string => (m <= 2 ? `0${m}` : String(m));

/** "Hà Tĩnh, ngày 05 tháng 10 năm 2026". */
export function dateLine(place: string, isoDate: string): string {
  const [y, m, d] = parts(isoDate);
  return `${place}, ngày ${day2(d)} tháng ${month30(m)} năm ${y}`;
}

/** "30/6/2026", "05/02/2026": the short form in running text, with the same leading zeros. */
export function shortDate(isoDate: string): string {
  const [y, m, d] = parts(isoDate);
  return `${day2(d)}/${month30(m)}/${y}`;
}

/** An instant as Vietnam time, "14 giờ 05 ngày 05/10/2026". */
export function momentVi(iso: string): string {
  const local = new Date(Date.parse(iso) + 7 * 3_600_000).toISOString();
  return `${Number(local.slice(11, 13))} giờ ${local.slice(14, 16)} ngày ${shortDate(local.slice(0, 10))}`;
}

/** "quý III năm 2026", "6 tháng đầu năm 2026", "năm 2026", "tháng 9 năm 2026", "ngày 30/6/2026". */
export function periodLabel(key: string): string {
  const p = parsePeriod(key);
  if (!p) return key;
  const year = key.slice(0, 4);
  switch (p.kind) {
    case 'year':
      return `năm ${year}`;
    case 'half':
      return key.endsWith('H1') ? `6 tháng đầu năm ${year}` : `6 tháng cuối năm ${year}`;
    case 'quarter':
      return `quý ${roman(Number(key.slice(-1)))} năm ${year}`;
    case 'month':
      return `tháng ${Number(key.slice(5, 7))} năm ${year}`;
    case 'day':
      return `ngày ${shortDate(p.end)}`;
  }
}

export const defaultTitle = (periodKey: string): string => `Tình hình thực hiện các chỉ tiêu chuyển đổi số ${periodLabel(periodKey)}`;

/**
 * A number the Vietnamese way: "." between thousands, "," before decimals ("3.300", "36,5").
 * `decimals` fixes the number of decimals (for P, Ē, R); otherwise up to 4, trailing zeros dropped.
 */
export function numberVi(x: number | null, decimals?: number): string {
  if (x === null || !Number.isFinite(x)) return '–';
  const fixed = decimals === undefined ? String(Number(x.toFixed(4))) : x.toFixed(decimals);
  const negative = fixed.startsWith('-');
  const [int, frac] = (negative ? fixed.slice(1) : fixed).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}${grouped}${frac ? `,${frac}` : ''}`;
}

/** A value with its unit: "36,5%", "350 trạm", "2,36 km/điểm". */
export function valueVi(x: number, unit: string): string {
  const n = numberVi(x);
  if (unit === '') return n;
  return unit === '%' ? `${n}%` : `${n} ${unit}`;
}

/** Sentence case for a status used inside a sentence ("đánh giá chung: có nguy cơ chậm"). */
export const lowerFirst = (s: string): string => (s === '' ? s : s[0]!.toLocaleLowerCase('vi') + s.slice(1));

/** ASCII-only, for file names: "125/BC-STTTT" → "125-BC-STTTT". */
export function asciiSlug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9.-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
