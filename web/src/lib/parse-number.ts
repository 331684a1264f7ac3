/**
 * Reads a number typed by a person. Vietnamese writes `1.000,5` (dot for thousands, comma for
 * decimals), English `1,000.5`; people also paste figures written the other way, so a lone
 * separator that cannot be a thousands separator is read as the decimal mark: `1,44` and `1.44`
 * are both 1.44 in either language, while `1.000` is a thousand in Vietnamese and `1,000` in English.
 */
export function parseLocaleNumber(text: string, locale: 'vi' | 'en'): number | null {
  const compact = text.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (compact === '') return null;
  const [group, decimal] = locale === 'vi' ? ['.', ','] : [',', '.'];
  const g = escape(group);
  const d = escape(decimal);
  let normal: string;
  if (new RegExp(`^[-+]?\\d{1,3}(${g}\\d{3})+(${d}\\d+)?$`).test(compact)) {
    // Grouped thousands, optionally with decimals: the locale's own way of writing.
    normal = compact.split(group).join('').replace(decimal, '.');
  } else if (/^[-+]?\d+([.,]\d+)?$/.test(compact)) {
    // At most one separator and not a thousands grouping: it is the decimal mark.
    normal = compact.replace(',', '.');
  } else if (/^[-+]?[.,]\d+$/.test(compact)) {
    normal = compact.replace(',', '.').replace(/^([-+]?)\./, '$10.');
  } else {
    return Number.NaN;
  }
  const value = Number(normal);
  return Number.isFinite(value) ? value : Number.NaN;
}

function escape(char: string): string {
  return char === '.' ? '\\.' : char;
}
