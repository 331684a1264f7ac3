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
