// The validating parser of the import format: the seed dataset, broken files (every problem at
// once, with file, line, column and code), BOM/CRLF, references to the database, and the rules.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  type ExistingCodes,
  type ImportFiles,
  type ImportProblem,
  IMPORT_PROBLEM_CODES,
  NO_EXISTING_CODES,
  parseImport,
} from '../../../server/src/modules/imports/parse';

const SEED_DIR = fileURLToPath(new URL('../../../server/demo/seed-data/', import.meta.url));
const seedFile = (name: string): string => readFileSync(`${SEED_DIR}${name}`, 'utf8');
const seed = (): Required<ImportFiles> => ({
  units: seedFile('units.csv'),
  plans: seedFile('plans.csv'),
  indicators: seedFile('indicators.csv'),
  observations: seedFile('observations.csv'),
});

const U = 'code,name_vi,name_en,type,parent_code';
const P = 'code,province_code,title_vi,title_en,kind,document_ref,issued_on,period_start,period_end,owner_unit_code,source_file';
const I = 'code,plan_code,unit_code,field,name_vi,name_en,measure,unit_label,direction,target_value,target_date,notes';
const O = 'indicator_code,unit_code,value,qualifier,value_to,as_of,source_file,quote_vi';
const csv = (...lines: string[]): string => `${lines.join('\n')}\n`;

/** The problems as [file, line, column, code], for exact comparison. */
const where = (problems: readonly ImportProblem[]): [string, number, string | null, string][] =>
  problems.map((p) => [p.file, p.line, p.column, p.code]);

const BASE_UNITS = csv(U, 'VN,Việt Nam,Viet Nam,nation,', 'HT,tỉnh Hà Tĩnh,Ha Tinh province,province,VN', 'HT-STTTT,Sở TT&TT Hà Tĩnh,Ha Tinh DIC,department,HT');
const existingUnits: ExistingCodes = { units: new Set(['VN', 'HT', 'HT-STTTT']), plans: new Set(), indicators: new Map() };

describe('the seed dataset', () => {
  it('parses with no problems: 27 units, 20 plans, 84 indicators, 76 observations', () => {
    const { data, problems } = parseImport(seed(), NO_EXISTING_CODES);
    expect(problems).toEqual([]);
    expect(data.units).toHaveLength(27);
    expect(data.plans).toHaveLength(20);
    expect(data.indicators).toHaveLength(84);
    expect(data.observations).toHaveLength(76);
  });

  it('has as many records as non-empty lines after the header (no quoted newlines in the seed)', () => {
    const { data } = parseImport(seed(), NO_EXISTING_CODES);
    const records = (name: string): number => seedFile(name).split(/\r?\n/).slice(1).filter((l) => l.trim() !== '').length;
    expect(records('units.csv')).toBe(data.units.length);
    expect(records('plans.csv')).toBe(data.plans.length);
    expect(records('indicators.csv')).toBe(data.indicators.length);
    expect(records('observations.csv')).toBe(data.observations.length);
    // Line numbers are physical lines: the first record is line 2, the last is the file's last line.
    expect(data.units[0]?.line).toBe(2);
    expect(data.units.at(-1)?.line).toBe(28);
    expect(data.observations.at(-1)?.line).toBe(77);
  });

  it('reads values as typed rows', () => {
    const { data } = parseImport(seed(), NO_EXISTING_CODES);
    expect(data.units[0]).toEqual({
      line: 2,
      code: 'VN',
      nameVi: 'Việt Nam',
      nameEn: 'Viet Nam',
      type: 'nation',
      parentCode: null,
      validFrom: null,
      validTo: null,
    });
    const plan = data.plans.find((p) => p.code === 'HD-KH-101-2020');
    expect(plan).toMatchObject({ provinceCode: 'HD', kind: 'plan', documentRef: '101/KH-UBND', issuedOn: '2020-01-10', periodStart: null, periodEnd: '2025' });
    const range = data.observations.find((o) => o.indicatorCode === 'HT-VT-TANGTRUONG');
    expect(range).toMatchObject({ unitCode: 'HT', value: 15, qualifier: 'range', valueTo: 20, period: '2019', quote: 'bình quân đạt từ 15-20%/năm' });
    const more = data.observations.find((o) => o.indicatorCode === 'HD-CNTT-MAYTINH-CQ');
    expect(more).toMatchObject({ value: 3000, qualifier: 'more_than', valueTo: null });
    // A milestone target without target_date is due at the end of its plan (VN-QH-BAOCHI-2025 ends 2025).
    const milestone = data.indicators.find((i) => i.code === 'HD-BC-KH-QHBC');
    expect(milestone).toMatchObject({ planCode: 'VN-QH-BAOCHI-2025', measure: 'boolean', direction: 'achieve', targetValue: 1, targetDate: null });
  });

  it('accepts plans, indicators and observations whose units are already in the database', () => {
    const { units, ...rest } = seed();
    const { data: seedData } = parseImport({ units }, NO_EXISTING_CODES);
    const existing: ExistingCodes = { units: new Set(seedData.units.map((u) => u.code)), plans: new Set(), indicators: new Map() };
    const { data, problems } = parseImport(rest, existing);
    expect(problems).toEqual([]);
    expect(data.units).toEqual([]);
    expect(data.observations).toHaveLength(76);
  });
});

describe('a broken import', () => {
  const broken: ImportFiles = {
    units: csv(
      U, //                                                                    line 1
      'VN,Việt Nam,Viet Nam,nation,', //                                      line 2
      'HT,tỉnh Hà Tĩnh,Ha Tinh province,province,VN', //                      line 3
      'HT-STTTT,"Sở Thông tin', //                                            line 4 (quoted newline)
      'và Truyền thông Hà Tĩnh",Ha Tinh DIC,department,HT-XYZ', //            line 5: unknown parent
      'HT,Hà Tĩnh (lặp),,province,VN', //                                     line 6: duplicate code
    ),
    plans: csv(
      'code,province_code,title_vi,title_en,document_ref,issued_on,period_start,period_end,owner_unit_code,source_file', // no kind
      'HT-KH-1,HT,"Kế hoạch', //                                              line 2
      'nhiều dòng",Plan,,10/1/2020,2020,2025,HT-STTTT,a.txt', //              line 3: day/month/year date
      'HT-KH-2,HT,Kế hoạch 2,,,2021-02-30,,,,', //                            line 4: no such day
    ),
    indicators: csv(
      I,
      'HT-A,HT-KH-1,HT-STTTT,e_government,Tên A,Name A,count,máy,increase,"3,000",2025,"ghi chú', // line 2
      'dòng 2', //                                                            line 3
      'dòng 3"', //                                                           line 4
      'HT-B,,HT-STTTT,telecom,Tên B,,percent,%,increase,,2025-13,', //        line 5: bad period
      'HT-C,,HT-STTTT,telecom,Tên C,,percent,%,increase,,,', //               line 6: fine
    ),
    observations: csv(
      O,
      'HT-A,HT,5,,,2019,a.txt,"trích', //                                     line 2
      'dẫn"', //                                                              line 3
      'HT-C,HT,50,,,2019,a.txt,x', //                                         line 4
      'HT-C,HT,"60"x,,,2020,a.txt,x', //                                      line 5: CSV syntax error
      'HT-C,HT,abc,,,2021,,', //                                              line 6: not read
    ),
  };

  const expected: [string, number, string | null, string][] = [
    ['units.csv', 4, 'parent_code', 'UNKNOWN_REFERENCE'],
    ['units.csv', 6, 'code', 'DUPLICATE_CODE'],
    ['plans.csv', 1, 'kind', 'MISSING_COLUMN'],
    ['plans.csv', 2, 'issued_on', 'BAD_DATE'],
    ['plans.csv', 4, 'issued_on', 'BAD_DATE'],
    ['indicators.csv', 2, 'target_value', 'BAD_NUMBER'],
    ['indicators.csv', 5, 'target_date', 'BAD_PERIOD'],
    ['observations.csv', 5, null, 'CSV_SYNTAX'],
  ];

  it('reports every problem at once, with file, line, column and code, in file and line order', () => {
    const { problems } = parseImport(broken, NO_EXISTING_CODES);
    expect(where(problems)).toEqual(expected);
    for (const p of problems) expect(IMPORT_PROBLEM_CODES).toContain(p.code);
  });

  it('names the value and the fix in each message', () => {
    const { problems } = parseImport(broken, NO_EXISTING_CODES);
    const message = (file: string, line: number): string => problems.find((p) => p.file === file && p.line === line)?.message ?? '';
    expect(message('units.csv', 4)).toBe(
      'parent_code "HT-XYZ" is not a unit in units.csv or in the database: add it to units.csv or correct the code.',
    );
    expect(message('units.csv', 6)).toMatch(/code "HT" is already used on line 3 of units\.csv/);
    expect(message('plans.csv', 1)).toMatch(/no column "kind"/);
    expect(message('plans.csv', 2)).toMatch(/"10\/1\/2020" is not a date.*YYYY-MM-DD.*write 2020-01-10/);
    expect(message('plans.csv', 4)).toMatch(/"2021-02-30"/);
    expect(message('indicators.csv', 2)).toMatch(/target_value "3,000" is not a number: write decimals with '\.'/);
    expect(message('indicators.csv', 5)).toMatch(/target_date "2025-13" is not a period/);
    expect(message('observations.csv', 5)).toMatch(/line 5.*rest of the file was not read/);
  });

  it('keeps only the records without problems, and none of a file with a broken header or syntax', () => {
    const { data } = parseImport(broken, NO_EXISTING_CODES);
    expect(data.units.map((u) => [u.code, u.line])).toEqual([
      ['VN', 2],
      ['HT', 3],
    ]);
    expect(data.plans).toEqual([]);
    expect(data.indicators.map((i) => [i.code, i.line])).toEqual([['HT-C', 6]]);
    expect(data.observations).toEqual([]);
  });

  it('gives the same problems for a UTF-8 BOM and CRLF line ends', () => {
    const crlf = Object.fromEntries(Object.entries(broken).map(([k, v]) => [k, `\uFEFF${String(v).replace(/\n/g, '\r\n')}`])) as ImportFiles;
    expect(where(parseImport(crlf, NO_EXISTING_CODES).problems)).toEqual(expected);
  });
});

describe('CSV reading', () => {
  it('accepts a BOM and CRLF line ends in the seed', () => {
    const files = seed();
    const withBom = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, `\uFEFF${v}`])) as ImportFiles;
    expect(files.units).toContain('\r\n'); // the seed files are CRLF already
    const { data, problems } = parseImport(withBom, NO_EXISTING_CODES);
    expect(problems).toEqual([]);
    expect(data.units[0]?.code).toBe('VN');
    const lf = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, v.replace(/\r\n/g, '\n')])) as ImportFiles;
    expect(parseImport(lf, NO_EXISTING_CODES).data).toEqual(data);
  });

  it('counts physical lines across quoted newlines, blank lines and blank records', () => {
    const units = csv(U, '', 'VN,"Việt', 'Nam",,nation,', ',,,,', '', 'HT,"a ""quoted"" name",,province,VN', 'HT-1,x,,department,NOPE');
    const { data, problems } = parseImport({ units }, NO_EXISTING_CODES);
    expect(data.units.map((u) => [u.code, u.line, u.nameVi])).toEqual([
      ['VN', 3, 'Việt Nam'],
      ['HT', 7, 'a "quoted" name'],
    ]);
    expect(where(problems)).toEqual([['units.csv', 8, 'parent_code', 'UNKNOWN_REFERENCE']]);
  });

  it('reports an unclosed quote at the line where its record starts', () => {
    const units = csv(U, 'VN,Việt Nam,,nation,', 'HT,"tỉnh Hà Tĩnh,,province,VN', 'HT-1,x,,department,HT');
    const { problems } = parseImport({ units }, NO_EXISTING_CODES);
    expect(where(problems)).toEqual([['units.csv', 3, null, 'CSV_SYNTAX']]);
    expect(problems[0]?.message).toMatch(/never closed/);
  });

  it('reports a quote inside an unquoted field', () => {
    const { problems } = parseImport({ units: csv(U, 'VN,Việt Nam,,nation,', 'HT,tỉnh "Hà" Tĩnh,,province,VN') }, NO_EXISTING_CODES);
    expect(where(problems)).toEqual([['units.csv', 3, null, 'CSV_SYNTAX']]);
  });

  it('reports records with a wrong cell count, and reads the optional extra columns', () => {
    const units = csv(
      `${U},valid_from,valid_to,remark`,
      'VN,Việt Nam,,nation,,,,note', // an unknown extra column is ignored
      'HT,tỉnh Hà Tĩnh, Hà Tĩnh,Ha Tinh,province,VN,,,', // an unquoted comma: one cell too many
      'HT-1,x,,department', // too few
      'HT-2,y,,department,HT,2004,2008,,', // an extra empty cell is still a wrong count
      'HT-3,y,,department,HT,2004,2008,', // reads valid_from / valid_to
    );
    const { data, problems } = parseImport({ units }, NO_EXISTING_CODES);
    expect(where(problems)).toEqual([
      ['units.csv', 3, null, 'WRONG_COLUMN_COUNT'],
      ['units.csv', 4, null, 'WRONG_COLUMN_COUNT'],
      ['units.csv', 5, null, 'WRONG_COLUMN_COUNT'],
    ]);
    expect(problems[0]?.message).toBe(
      'This record has 9 cells but the header has 8 columns: quote any value containing \',\' ("a, b") and check for missing or extra commas.',
    );
    // HT on line 3 is still known as a code: HT-3's parent is not reported unknown.
    expect(data.units.map((u) => [u.code, u.validFrom, u.validTo])).toEqual([
      ['VN', null, null],
      ['HT-3', '2004', '2008'],
    ]);
  });

  it('reports an empty file, a missing column, a duplicate column and a ";"-separated file', () => {
    expect(where(parseImport({ units: '' }, NO_EXISTING_CODES).problems)).toEqual([['units.csv', 1, null, 'MISSING_HEADER']]);
    expect(where(parseImport({ units: '\uFEFF\r\n' }, NO_EXISTING_CODES).problems)).toEqual([['units.csv', 1, null, 'MISSING_HEADER']]);
    expect(where(parseImport({ units: csv('code,name_vi,type', 'VN,Việt Nam,nation') }, NO_EXISTING_CODES).problems)).toEqual([
      ['units.csv', 1, 'name_en', 'MISSING_COLUMN'],
      ['units.csv', 1, 'parent_code', 'MISSING_COLUMN'],
    ]);
    expect(where(parseImport({ units: csv(`${U},type`, 'VN,Việt Nam,,nation,,nation') }, NO_EXISTING_CODES).problems)).toEqual([
      ['units.csv', 1, 'type', 'DUPLICATE_COLUMN'],
    ]);
    const semi = parseImport({ units: csv(U.replace(/,/g, ';'), 'VN;Việt Nam;;nation;') }, NO_EXISTING_CODES).problems;
    expect(where(semi)).toEqual([['units.csv', 1, null, 'CSV_SYNTAX']]);
    expect(semi[0]?.message).toMatch(/separated by ';'/);
  });

  it('accepts header names in any case and a header with surrounding spaces', () => {
    const { problems, data } = parseImport({ units: csv(' CODE , Name_VI,name_en,Type,parent_code', 'VN,Việt Nam,,nation,') }, NO_EXISTING_CODES);
    expect(problems).toEqual([]);
    expect(data.units).toHaveLength(1);
  });
});

describe('text, codes, numbers and periods', () => {
  it('normalizes text to NFC, trims it, and reads empty optional cells as null', () => {
    const nfd = 'Việt Nam'.normalize('NFD');
    const { data } = parseImport({ units: csv(U, `VN,"  ${nfd}  ",  ,nation,`) }, NO_EXISTING_CODES);
    expect(data.units[0]?.nameVi).toBe('Việt Nam'.normalize('NFC'));
    expect(data.units[0]?.nameEn).toBeNull();
  });

  it('requires required cells and checks codes', () => {
    const units = csv(U, 'VN,,,nation,', ',tỉnh,,province,VN', 'HT STTTT,x,,department,VN', `${'A'.repeat(65)},x,,department,VN`, '-HT,x,,department,VN', 'HT,x,,,VN');
    const { problems } = parseImport({ units }, NO_EXISTING_CODES);
    expect(where(problems)).toEqual([
      ['units.csv', 2, 'name_vi', 'REQUIRED'],
      ['units.csv', 3, 'code', 'REQUIRED'],
      ['units.csv', 4, 'code', 'BAD_CODE'],
      ['units.csv', 5, 'code', 'BAD_CODE'],
      ['units.csv', 6, 'code', 'BAD_CODE'],
      ['units.csv', 7, 'type', 'REQUIRED'],
    ]);
    expect(problems[3]?.message).toMatch(/65 characters long/);
  });

  it("reads '.' decimals and rejects commas, units, exponents, NaN and Infinity", () => {
    const indicators = csv(I, 'HT-A,,HT-STTTT,telecom,A,,count,,increase,,,');
    const values = ['3.000', '1.44', '-0', '+7', '3,000', '1,44', '85%', '1e3', 'NaN', 'Infinity', '3 000', '.5', '1.'];
    const observations = csv(O, ...values.map((v, i) => `HT-A,HT,"${v}",,,${2000 + i},,`));
    const { data, problems } = parseImport({ indicators, observations }, existingUnits);
    expect(data.observations.map((o) => o.value)).toEqual([3, 1.44, 0, 7]);
    expect(where(problems)).toEqual(values.slice(4).map((_, i) => ['observations.csv', 6 + i, 'value', 'BAD_NUMBER']));
    expect(problems[0]?.message).toMatch(/"3,000".*'\.'.*no thousands separators/);
    expect(problems[2]?.message).toMatch(/"85%".*without units/);
  });

  it('reads period keys and rejects other dates', () => {
    const indicators = csv(I, 'HT-A,,HT-STTTT,telecom,A,,count,,increase,,,');
    const keys = ['2021', '2021-Q1', '2021-q2', '2021-H2', '2021-06', '2021-06-30', '2021-Q5', '2021-6-30', '30/6/2021', '2021-02-29', '21'];
    const observations = csv(O, ...keys.map((k) => `HT-A,HT,1,,,${k},,`));
    const { data, problems } = parseImport({ indicators, observations }, existingUnits);
    expect(data.observations.map((o) => o.period)).toEqual(['2021', '2021-Q1', '2021-Q2', '2021-H2', '2021-06', '2021-06-30']);
    expect(where(problems)).toEqual(keys.slice(6).map((_, i) => ['observations.csv', 8 + i, 'as_of', 'BAD_PERIOD']));
    expect(problems[2]?.message).toMatch(/write 2021-06-30/);
  });
});

describe('references and existing codes', () => {
  it('resolves references against the database when the import does not have them', () => {
    const existing: ExistingCodes = {
      units: new Set(['VN', 'HT', 'HT-STTTT']),
      plans: new Set(['HT-KH-OLD']),
      indicators: new Map([
        ['HT-M', { measure: 'boolean', direction: 'achieve' }],
        ['HT-P', { measure: 'percent', direction: 'increase' }],
      ]),
    };
    const files: ImportFiles = {
      plans: csv(P, 'HT-KH-1,HT,Kế hoạch,,plan,,,,,HT-STTTT,'),
      indicators: csv(I, 'HT-N,HT-KH-OLD,HT-STTTT,telecom,N,,count,,increase,10,,'),
      observations: csv(O, 'HT-M,HT,1,,,2020,,', 'HT-M,HT,2,,,2021,,', 'HT-P,HT,101,,,2020,,', 'HT-N,HT,5,,,2020,,', 'HT-Q,HT,5,,,2020,,', 'HT-P,HT-X,5,,,2020,,'),
    };
    const { data, problems } = parseImport(files, existing);
    expect(where(problems)).toEqual([
      ['observations.csv', 3, 'value', 'OUT_OF_RANGE'],
      ['observations.csv', 4, 'value', 'OUT_OF_RANGE'],
      ['observations.csv', 6, 'indicator_code', 'UNKNOWN_REFERENCE'],
      ['observations.csv', 7, 'unit_code', 'UNKNOWN_REFERENCE'],
    ]);
    expect(problems[2]?.message).toBe('indicator_code "HT-Q" is not an indicator in indicators.csv or in the database: add it to indicators.csv or correct the code.');
    expect(problems[3]?.message).toBe(
      'unit_code "HT-X" is not a unit in the database (this import has no units.csv): add it to units.csv or correct the code.',
    );
    // A target without target_date under a plan already in the database: due at that plan's end.
    expect(data.indicators[0]).toMatchObject({ code: 'HT-N', planCode: 'HT-KH-OLD', targetValue: 10, targetDate: null });
  });

  it('prefers the measure of an indicator in the import over the database', () => {
    const existing: ExistingCodes = { ...existingUnits, indicators: new Map([['HT-A', { measure: 'boolean', direction: 'achieve' }]]) };
    const files = { indicators: csv(I, 'HT-A,,HT-STTTT,telecom,A,,count,,increase,,,'), observations: csv(O, 'HT-A,HT,250,,,2020,,') };
    expect(parseImport(files, existing).problems).toEqual([]);
  });

  it('reports unknown references of plans and indicators', () => {
    const files: ImportFiles = {
      units: BASE_UNITS,
      plans: csv(P, 'HT-KH-1,HX,Kế hoạch,,plan,,,,,HT-NOPE,'),
      indicators: csv(I, 'HT-A,HT-KH-9,HT-UBND,telecom,A,,count,,increase,,,'),
    };
    expect(where(parseImport(files, NO_EXISTING_CODES).problems)).toEqual([
      ['plans.csv', 2, 'province_code', 'UNKNOWN_REFERENCE'],
      ['plans.csv', 2, 'owner_unit_code', 'UNKNOWN_REFERENCE'],
      ['indicators.csv', 2, 'plan_code', 'UNKNOWN_REFERENCE'],
      ['indicators.csv', 2, 'unit_code', 'UNKNOWN_REFERENCE'],
    ]);
  });

  it('does not report unknown references into a file that could not be read to its end', () => {
    const files: ImportFiles = {
      units: csv(U, 'VN,Việt Nam,,nation,', 'HT,"tỉnh,,province,VN', 'HT-STTTT,x,,department,HT'),
      plans: csv(P, 'HT-KH-1,HT,Kế hoạch,,plan,,,,,HT-STTTT,'),
    };
    expect(where(parseImport(files, NO_EXISTING_CODES).problems)).toEqual([['units.csv', 3, null, 'CSV_SYNTAX']]);
  });
});

describe('rules of units and plans', () => {
  it('requires a parent except for the nation, which has none', () => {
    const units = csv(U, 'VN,Việt Nam,,nation,HT', 'HT,tỉnh Hà Tĩnh,,province,');
    expect(where(parseImport({ units }, NO_EXISTING_CODES).problems)).toEqual([
      ['units.csv', 2, 'parent_code', 'NOT_ALLOWED'],
      ['units.csv', 3, 'parent_code', 'REQUIRED'],
    ]);
  });

  it('reports cycles of parents on each unit of the cycle', () => {
    const units = csv(U, 'VN,Việt Nam,,nation,', 'A,a,,agency,B', 'B,b,,agency,C', 'C,c,,agency,A', 'D,d,,agency,A', 'E,e,,agency,E');
    const { problems } = parseImport({ units }, NO_EXISTING_CODES);
    expect(where(problems)).toEqual([
      ['units.csv', 3, 'parent_code', 'CYCLE'],
      ['units.csv', 4, 'parent_code', 'CYCLE'],
      ['units.csv', 5, 'parent_code', 'CYCLE'],
      ['units.csv', 7, 'parent_code', 'CYCLE'],
    ]);
    expect(problems[0]?.message).toMatch(/A → B → C → A/);
    expect(problems[3]?.message).toMatch(/E → E/);
  });

  it('checks unit types, plan kinds, period order and the type of a province_code', () => {
    const files: ImportFiles = {
      units: csv(U, 'VN,Việt Nam,,nation,', 'HT,tỉnh Hà Tĩnh,,provinces,VN', 'HT-STTTT,Sở,,department,VN'),
      plans: csv(
        P,
        'P1,VN,Plan,,Plan,,2020-01-10,2025,2020,,', // kind in any case; end before start
        'P2,HT-STTTT,Plan,,plan,,,2020-Q3,2020,,', // province_code is a department; 2020-Q3..2020 is fine
        'P3,VN,Plan,,law,,2020,2020,2020-06,,', // bad kind; issued_on must be a date
      ),
    };
    expect(where(parseImport(files, NO_EXISTING_CODES).problems)).toEqual([
      ['units.csv', 3, 'type', 'BAD_ENUM'],
      ['plans.csv', 2, 'period_end', 'BAD_RANGE'],
      ['plans.csv', 3, 'province_code', 'WRONG_UNIT_TYPE'],
      ['plans.csv', 4, 'kind', 'BAD_ENUM'],
      ['plans.csv', 4, 'issued_on', 'BAD_DATE'],
    ]);
    const withValidity = csv(`${U},valid_from,valid_to`, 'VN,Việt Nam,,nation,,,', 'X,x,,agency,VN,2010,2005');
    expect(where(parseImport({ units: withValidity }, NO_EXISTING_CODES).problems)).toEqual([['units.csv', 3, 'valid_to', 'BAD_RANGE']]);
  });
});

describe('rules of indicators', () => {
  const plans = csv(P, 'HT-KH-1,HT,Kế hoạch,,plan,,,2020,2025,HT-STTTT,', 'HT-KH-2,HT,Kế hoạch,,plan,,,,,HT-STTTT,');

  it('pairs boolean with achieve, bounds targets by measure and pairs target_value with target_date', () => {
    const indicators = csv(
      I,
      'B1,,HT-STTTT,e_government,b,,boolean,,increase,,,', // 2: boolean must be achieve
      'B2,,HT-STTTT,e_government,b,,percent,,achieve,,,', // 3: achieve only for boolean
      'B3,,HT-STTTT,e_government,b,,boolean,,achieve,0,2025,', // 4: boolean target is 1
      'B4,,HT-STTTT,e_government,b,,percent,%,increase,120,2025,', // 5: percent ≤ 100
      'B5,,HT-STTTT,e_government,b,,count,,increase,-1,2025,', // 6: count ≥ 0
      'B6,,HT-STTTT,e_government,b,,growth_rate_percent,%,decrease,-5,2025,', // 7: fine
      'B7,,HT-STTTT,e_government,b,,count,,increase,10,,', // 8: no date and no plan
      'B8,,HT-STTTT,e_government,b,,count,,increase,,2025,', // 9: date without value
      'B9,HT-KH-1,HT-STTTT,e_government,b,,boolean,,achieve,1,,', // 10: due at the plan's end
      'B10,HT-KH-2,HT-STTTT,e_government,b,,boolean,,achieve,1,,', // 11: the plan has no end
      'B11,,HT-STTTT,culture,b,,count,,up,,,', // 12: field and direction not allowed
    );
    const { data, problems } = parseImport({ plans, indicators }, existingUnits);
    expect(where(problems)).toEqual([
      ['indicators.csv', 2, 'direction', 'BAD_COMBINATION'],
      ['indicators.csv', 3, 'direction', 'BAD_COMBINATION'],
      ['indicators.csv', 4, 'target_value', 'OUT_OF_RANGE'],
      ['indicators.csv', 5, 'target_value', 'OUT_OF_RANGE'],
      ['indicators.csv', 6, 'target_value', 'OUT_OF_RANGE'],
      ['indicators.csv', 8, 'target_date', 'REQUIRED'],
      ['indicators.csv', 9, 'target_value', 'REQUIRED'],
      ['indicators.csv', 11, 'target_date', 'REQUIRED'],
      ['indicators.csv', 12, 'field', 'BAD_ENUM'],
      ['indicators.csv', 12, 'direction', 'BAD_ENUM'],
    ]);
    expect(data.indicators.map((i) => i.code)).toEqual(['B6', 'B9']);
    expect(problems.find((p) => p.line === 11)?.message).toMatch(/plan "HT-KH-2" \(line 3 of plans\.csv\) has no period_end/);
  });

  it('reads the optional columns baseline_value, baseline_date, frequency and data_source', () => {
    const header = `${I},baseline_value,baseline_date,frequency,data_source`;
    const indicators = csv(
      header,
      'A,,HT-STTTT,telecom,a,,percent,%,increase,90,2025,,40,2019,Yearly,Sở TT&TT',
      'B,,HT-STTTT,telecom,b,,percent,%,increase,,,,40,,weekly,',
      'C,,HT-STTTT,telecom,c,,percent,%,increase,,,,,2019,,',
    );
    const { data, problems } = parseImport({ indicators }, existingUnits);
    expect(data.indicators[0]).toMatchObject({ baselineValue: 40, baselineDate: '2019', frequency: 'yearly', dataSource: 'Sở TT&TT' });
    expect(where(problems)).toEqual([
      ['indicators.csv', 3, 'baseline_date', 'REQUIRED'],
      ['indicators.csv', 3, 'frequency', 'BAD_ENUM'],
      ['indicators.csv', 4, 'baseline_value', 'REQUIRED'],
    ]);
  });
});

describe('rules of observations', () => {
  const indicators = csv(
    I,
    'CNT,,HT-STTTT,telecom,c,,count,,increase,,,',
    'PCT,,HT-STTTT,telecom,p,,percent,%,increase,,,',
    'BOOL,,HT-STTTT,e_government,b,,boolean,,achieve,,,',
  );

  it('checks qualifiers, ranges, measure bounds and duplicates', () => {
    const observations = csv(
      O,
      'CNT,HT,15,range,20,2019,,', // 2: fine
      'CNT,HT,15,range,,2020,,', // 3: range without upper bound
      'CNT,HT,15,range,15,2021,,', // 4: upper bound not above
      'CNT,HT,3000,more_than,4000,2022,,', // 5: value_to only with range
      'CNT,HT,-3,,,2023,,', // 6: negative count
      'PCT,HT,100.5,,,2019,,', // 7: percent above 100
      'BOOL,HT,1,more_than,,2019,,', // 8: qualifier on a milestone
      'BOOL,HT,0.5,,,2020,,', // 9: milestone is 0 or 1
      'CNT,HT,10,about,,2024,,', // 10: unknown qualifier
      'CNT,HT,16,,,2019,,', // 11: same indicator, unit and as_of as line 2
      'CNT,HT-STTTT,16,,,2019,,', // 12: another unit: fine
    );
    const { data, problems } = parseImport({ indicators, observations }, existingUnits);
    expect(where(problems)).toEqual([
      ['observations.csv', 3, 'value_to', 'REQUIRED'],
      ['observations.csv', 4, 'value_to', 'BAD_RANGE'],
      ['observations.csv', 5, 'value_to', 'NOT_ALLOWED'],
      ['observations.csv', 6, 'value', 'OUT_OF_RANGE'],
      ['observations.csv', 7, 'value', 'OUT_OF_RANGE'],
      ['observations.csv', 8, 'qualifier', 'NOT_ALLOWED'],
      ['observations.csv', 9, 'value', 'OUT_OF_RANGE'],
      ['observations.csv', 10, 'qualifier', 'BAD_ENUM'],
      ['observations.csv', 11, null, 'DUPLICATE_CODE'],
    ]);
    expect(problems.find((p) => p.line === 11)?.message).toMatch(/already have a value on line 2/);
    expect(data.observations.map((o) => o.line)).toEqual([2, 12]);
  });

  it('reads numerator, denominator and comment, and checks them', () => {
    const header = `${O},numerator,denominator,comment`;
    const observations = csv(
      header,
      'PCT,HT,84.35,,,2019,a.txt,221/262 xã,221,262, 221 of 262 communes ',
      'CNT,HT,5,,,2019,,,5,,',
      'CNT,HT,5,,,2020,,,,10,',
      'CNT,HT,5,,,2021,,,5,0,',
      'PCT,HT,50,,,2020,,,300,200,',
      'CNT,HT,7405,,,2022,,,300,200,',
    );
    const { data, problems } = parseImport({ indicators, observations }, existingUnits);
    expect(data.observations[0]).toMatchObject({ numerator: 221, denominator: 262, comment: '221 of 262 communes', source: 'a.txt', quote: '221/262 xã' });
    expect(where(problems)).toEqual([
      ['observations.csv', 3, 'denominator', 'REQUIRED'],
      ['observations.csv', 4, 'numerator', 'REQUIRED'],
      ['observations.csv', 5, 'denominator', 'OUT_OF_RANGE'],
      ['observations.csv', 6, 'numerator', 'OUT_OF_RANGE'],
    ]);
    expect(data.observations.map((o) => o.line)).toEqual([2, 7]);
  });
});
