/**
 * Vietnamese-aware text: stored in NFC, searched without case or diacritics,
 * sorted in Vietnamese alphabetical order.
 */

/**
 * Control characters (C0, DEL and C1: Unicode category Cc) other than the line breaks and tabs,
 * which become spaces below. They have no place in a stored name or comment: NUL truncates it in
 * C tools, ESC sequences repaint a terminal showing the CLI's output or a log.
 */
const CONTROL = /(?![\t\n\v\f\r\u0085])\p{Cc}/gu;

/**
 * One line of stored text: control characters removed, Unicode NFC, surrounding whitespace
 * trimmed and inner runs of whitespace (line breaks, tabs, NEL included) collapsed to one space.
 * Other characters, formatting ones included, are kept. Multi-line texts are cleaned line by line.
 */
export function cleanText(value: string): string {
  return value.replace(CONTROL, '').normalize('NFC').replace(/[\s\u0085]+/g, ' ').trim();
}

/**
 * The search form of a text: lower case, without diacritics, `đ` → `d`.
 * "Hà Tĩnh" and "ha tinh" and "HA TINH" all fold to "ha tinh".
 */
export function foldForSearch(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

// The Vietnamese alphabet, in order; letters outside it (f, j, w, z) sort where Latin puts them.
const ALPHABET = 'aăâbcdđeêfghijklmnoôơpqrstuưvwxyz';
// Tone marks in the order of Vietnamese dictionaries: ngang, huyền, hỏi, ngã, sắc, nặng.
const TONES: Record<string, number> = { '\u0300': 1, '\u0309': 2, '\u0303': 3, '\u0301': 4, '\u0323': 5 };
const LETTER_MARKS: Record<string, string> = { '\u0306': 'ă', '\u0302': '^', '\u031b': '+' };

/**
 * A key whose plain (binary) order is Vietnamese alphabetical order: base letters first
 * (a < ă < â < b ... d < đ ... o < ô < ơ ... u < ư), then tones, then case. Used as a stored
 * sort column so the database can order and paginate by it.
 */
export function vietnameseSortKey(value: string): string {
  const decomposed = value.normalize('NFD').toLowerCase();
  let primary = '';
  let tones = '';
  const chars = [...decomposed];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    if (/[\u0300-\u036f]/.test(ch)) continue;
    let letter = ch;
    let tone = 0;
    for (let j = i + 1; j < chars.length && /[\u0300-\u036f]/.test(chars[j] as string); j++) {
      const mark = chars[j] as string;
      if (TONES[mark] !== undefined) tone = TONES[mark];
      const lm = LETTER_MARKS[mark];
      if (lm === 'ă' && letter === 'a') letter = 'ă';
      else if (lm === '^') letter = letter === 'a' ? 'â' : letter === 'e' ? 'ê' : letter === 'o' ? 'ô' : letter;
      else if (lm === '+') letter = letter === 'o' ? 'ơ' : letter === 'u' ? 'ư' : letter;
    }
    const idx = ALPHABET.indexOf(letter);
    // Letters of the alphabet map into a private range that keeps their order; digits,
    // spaces and punctuation keep their code points, which sort before letters.
    primary += idx >= 0 ? String.fromCharCode(0x0100 + idx) : ch;
    tones += String(tone);
  }
  return `${primary}\u0000${tones}`;
}

/** Compares two texts in Vietnamese order (for sorting in memory). */
export const vietnameseCollator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });
