import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cleanText, foldForSearch, vietnameseSortKey } from '../../shared/src/text';

const sortVi = (words: string[]) => [...words].sort((a, b) => (vietnameseSortKey(a) < vietnameseSortKey(b) ? -1 : vietnameseSortKey(a) > vietnameseSortKey(b) ? 1 : 0));

describe('Vietnamese-aware text', () => {
  it('folds case and diacritics for search: "ha tinh" finds "Hà Tĩnh"', () => {
    expect(foldForSearch('tỉnh Hà Tĩnh')).toContain(foldForSearch('ha tinh'));
    expect(foldForSearch('HÀ TĨNH')).toBe('ha tinh');
    expect(foldForSearch('Đắk Lắk')).toBe('dak lak');
    expect(foldForSearch('Sở Thông tin và Truyền thông')).toBe('so thong tin va truyen thong');
    // Decomposed input (as some keyboards and PDFs produce) folds the same way.
    expect(foldForSearch('Hà Tĩnh'.normalize('NFD'))).toBe('ha tinh');
  });

  it('stores NFC with spaces tidied', () => {
    const nfd = '  tỉnh   Hà Tĩnh '.normalize('NFD');
    expect(cleanText(nfd)).toBe('tỉnh Hà Tĩnh'.normalize('NFC'));
  });

  it('removes control characters: C0 other than whitespace, DEL and C1', () => {
    expect(cleanText('Sở\u0000 TT&TT\u0007')).toBe('Sở TT&TT');
    expect(cleanText('tỉnh \u001b[31mHà Tĩnh\u001b[0m')).toBe('tỉnh [31mHà Tĩnh[0m');
    expect(cleanText('a\u0001\u001c\u001fb\u007fc\u0080d\u009b\u009fe')).toBe('abcde');
    // Line breaks, tabs and NEL separate words: they become one space.
    expect(cleanText('Dòng 1\r\n\tDòng 2\u0085Dòng 3\r')).toBe('Dòng 1 Dòng 2 Dòng 3');
    // Removed before composing: a control between a letter and its mark does not keep them apart.
    expect(cleanText('Ha\u0000\u0300 Ti\u0007\u0303nh')).toBe('Hà Tĩnh'.normalize('NFC'));
  });

  it('keeps every other character: Vietnamese text is unchanged and NFC; formatting characters stay', () => {
    const names = ['tỉnh Hà Tĩnh', 'Sở Thông tin và Truyền thông (Sở TT&TT) Bắc Giang', 'huyện Hương Khê', 'Đắk Lắk', 'Tỷ lệ hồ sơ trực tuyến toàn trình ≥ 80% — “dịch vụ công”', 'Nghị quyết số 52-NQ/TW'];
    for (const name of names) {
      const nfc = name.normalize('NFC');
      expect(cleanText(nfc)).toBe(nfc);
      expect(cleanText(nfc.normalize('NFD'))).toBe(nfc);
    }
    // Bidirectional and joiner characters are format characters (Cf), not controls.
    expect(cleanText('\u202Eabc\u202C x\u200Dy')).toBe('\u202Eabc\u202C x\u200Dy');
  });

  it('leaves no control character, always NFC and stable when cleaned again (any string)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        const clean = cleanText(s);
        expect(clean).not.toMatch(/\p{Cc}/u);
        expect(clean.normalize('NFC')).toBe(clean);
        expect(cleanText(clean)).toBe(clean);
      }),
    );
    // With the control characters put in among the letters more often than chance would.
    const controls = [...Array(0x20).keys(), ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i)].map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...controls, ...'aăâđêôơưàảãáạ\u0300\u0301\u0323 '.split('')) }), (s) => {
        const clean = cleanText(s);
        expect(clean).not.toMatch(/\p{Cc}/u);
        expect(clean).toBe(cleanText(s.replace(/\p{Cc}/gu, (c) => (/\s|\u0085/.test(c) ? ' ' : ''))));
      }),
    );
  });

  it('sorts in Vietnamese alphabetical order (a ă â … d đ … o ô ơ … u ư), then by tone', () => {
    expect(sortVi(['Đà Nẵng', 'Dương', 'Điện Biên', 'Cà Mau', 'Ân Thi', 'An Giang', 'Ăn'])).toEqual(['An Giang', 'Ăn', 'Ân Thi', 'Cà Mau', 'Dương', 'Đà Nẵng', 'Điện Biên']);
    expect(sortVi(['Ơn', 'Ôn', 'On', 'Ưu', 'Uy'])).toEqual(['On', 'Ôn', 'Ơn', 'Uy', 'Ưu']);
    expect(sortVi(['má', 'mà', 'ma', 'mạ', 'mã', 'mả'])).toEqual(['ma', 'mà', 'mả', 'mã', 'má', 'mạ']);
    expect(sortVi(['Hà Tĩnh', 'Hải Dương', 'Hà Nội', 'Hưng Yên', 'Hòa Bình'])).toEqual(['Hà Nội', 'Hà Tĩnh', 'Hải Dương', 'Hòa Bình', 'Hưng Yên']);
  });

  it('the sort key is a total order consistent for NFC and NFD input', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ '.split('')) }), (s) => {
        expect(vietnameseSortKey(s.normalize('NFD'))).toBe(vietnameseSortKey(s.normalize('NFC')));
      }),
    );
  });
});
