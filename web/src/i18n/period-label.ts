import { parsePeriod } from '@tiendo/shared/periods';
import type { Locale } from './locale';

const ROMAN = ['I', 'II', 'III', 'IV'];
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A reporting period as people write it: `2021-Q1` is "Quý I/2021" or "Q1 2021", `2021-H1`
 * "6 tháng đầu năm 2021" or "H1 2021", `2021-06` "Tháng 06/2021" or "June 2021".
 */
export function periodLabel(key: string, locale: Locale): string {
  const period = parsePeriod(key);
  if (!period) return key;
  const year = key.slice(0, 4);
  switch (period.kind) {
    case 'year':
      return locale === 'vi' ? `Năm ${year}` : year;
    case 'half':
      if (locale === 'vi') return key.endsWith('H1') ? `6 tháng đầu năm ${year}` : `6 tháng cuối năm ${year}`;
      return `${key.slice(5)} ${year}`;
    case 'quarter': {
      const q = Number(key.slice(6));
      return locale === 'vi' ? `Quý ${ROMAN[q - 1]}/${year}` : `Q${q} ${year}`;
    }
    case 'month': {
      const month = key.slice(5, 7);
      return locale === 'vi' ? `Tháng ${month}/${year}` : `${EN_MONTHS[Number(month) - 1]} ${year}`;
    }
    case 'day': {
      const [y, m, d] = key.split('-');
      return `${d}/${m}/${y}`;
    }
  }
}
