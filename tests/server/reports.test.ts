import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Observation, ObservationList } from '@tiendo/shared/schemas/observations';
import type { Report, ReportData, ReportList } from '@tiendo/shared/schemas/reports';
import type { RollupGroup, RollupResponse } from '@tiendo/shared/schemas/status';
import { renderDocx } from '../../server/src/modules/reports/docx';
import { loadReportFonts } from '../../server/src/modules/reports/fonts';
import { buildLayout } from '../../server/src/modules/reports/layout';
import { createMeasure } from '../../server/src/modules/reports/metrics';
import { renderPdf } from '../../server/src/modules/reports/pdf';
import { STATUS_LABELS, dateLine, numberVi, periodLabel, shortDate } from '../../server/src/modules/reports/vietnamese';
import { createTestApp, type TestApp } from '../helpers/app';

const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const MOTTO = 'Độc lập - Tự do - Hạnh phúc';
const PLAN = 'HT-KH-CDS-2026-MAU';
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * The text of every page of a PDF (lines joined by single spaces) and its Info dictionary, read
 * by an independent parser (pdf.js), as a viewer would.
 */
async function readPdf(bytes: Buffer): Promise<{ pages: string[]; info: Record<string, unknown> }> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? `${item.str} ` : '')).join('').normalize('NFC').replace(/\s+/g, ' ').trim());
  }
  const { info } = await pdf.getMetadata();
  await pdf.destroy();
  return { pages, info: info as Record<string, unknown> };
}

/**
 * The periodic status report: a leader drafts it for a unit and period, reads the data it shows,
 * downloads it as DOCX and PDF, and freezes it; the frozen report then never changes and its files
 * regenerate byte-identical, whatever is accepted afterwards.
 * Demo data: the sample plan HT-KH-CDS-2026-MAU of Hà Tĩnh has live statuses for 2026.
 */
describe('periodic status reports', () => {
  let t: TestApp;
  let leader: string;
  let staff: string;
  let auditor: string;
  let admin: string;
  let otherLeader: string;
  let report: Report;
  let frozen: Report;
  let frozenPreview: ReportData;
  const files: { docx?: Buffer; pdf?: Buffer } = {};

  const call = async <T>(method: 'GET' | 'POST' | 'PATCH', url: string, token: string, body?: unknown, status = 200): Promise<T> => {
    const res = await t.api(method, url, { token, body });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
    return res.json<T>();
  };
  const download = async (id: number, format: 'docx' | 'pdf', token = leader) => {
    const res = await t.api('GET', `/api/v1/reports/${id}/document.${format}`, { token });
    expect(res.statusCode, res.body).toBe(200);
    return { bytes: res.rawPayload, headers: res.headers };
  };

  /** Staff report a value with a comment; a leader accepts it. */
  async function acceptValue(create: () => Promise<Observation>) {
    const draft = await create();
    const submitted = await call<Observation>('POST', `/api/v1/observations/${draft.id}/submit`, staff, { version: draft.version });
    return call<Observation>('POST', `/api/v1/observations/${draft.id}/accept`, leader, { version: submitted.version });
  }

  const body = {
    unitCode: 'HT',
    period: '2026-Q3',
    number: '125/BC-STTTT',
    issuingBody: 'UBND TỈNH HÀ TĨNH\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG',
    place: 'Hà Tĩnh',
    issuedOn: '2026-10-05',
    signerTitle: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC',
    signerName: 'Nguyễn Văn Bình',
    recipients: ['UBND tỉnh', 'Sở Khoa học và Công nghệ', 'Lưu: VT, KHTC'],
  };

  beforeAll(async () => {
    t = await createTestApp();
    [leader, staff, auditor, admin] = await Promise.all([t.login('leader'), t.login('staff'), t.login('auditor'), t.login('admin')]);
    await call('POST', '/api/v1/users', admin, { email: 'lanhdao@bacgiang.example.vn', name: 'Lãnh đạo Bắc Giang', role: 'leader', unitCode: 'BG', password: 'Bac-Giang-Leader-2026' }, 201);
    otherLeader = await t.login('lanhdao@bacgiang.example.vn', 'Bac-Giang-Leader-2026');

    // The third-quarter value of the sample e-government target waits for review in the demo: accept it.
    const waiting = await call<ObservationList>('GET', '/api/v1/observations?indicator=HT-MAU-DVC-TT&period=2026-Q3&state=submitted', leader);
    expect(waiting.items).toHaveLength(1);
    await call('POST', `/api/v1/observations/${waiting.items[0]!.id}/accept`, leader, { version: waiting.items[0]!.version });
    // The IPv6 share of the first half is corrected, with the department's explanation.
    const ipv6 = await call<ObservationList>('GET', '/api/v1/observations?indicator=HT-MAU-IPV6&period=2026-H1', staff);
    await acceptValue(() => call<Observation>('POST', `/api/v1/observations/${ipv6.items[0]!.id}/corrections`, staff, { value: 36.8, comment: 'Doanh nghiệp viễn thông chậm nâng cấp mạng lõi; dự kiến hoàn thành trong quý IV năm 2026.' }, 201));
  });
  afterAll(() => t.close());

  it('lets a leader create a draft for a unit in their province, with the title derived from the period', async () => {
    report = await call<Report>('POST', '/api/v1/reports', leader, body, 201);
    expect(report).toMatchObject({
      unitCode: 'HT',
      period: '2026-Q3',
      asOf: '2026-09-30',
      state: 'draft',
      number: '125/BC-STTTT',
      title: 'Tình hình thực hiện các chỉ tiêu chuyển đổi số quý III năm 2026',
      signerTitle: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC',
      docxSha256: null,
      version: 1,
      links: { docx: `/api/v1/reports/${report.id}/document.docx` },
    });
    const events = await call<{ items: { action: string; entityId: string }[] }>('GET', `/api/v1/audit-events?entity=report&entityId=${report.id}`, auditor);
    expect(events.items.map((e) => e.action)).toEqual(['report.create']);

    const duplicate = await t.api('POST', '/api/v1/reports', { token: leader, body });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({ code: 'DUPLICATE_CODE' });
    const tooManyLines = await t.api('POST', '/api/v1/reports', { token: leader, body: { ...body, number: '126/BC-STTTT', issuingBody: 'A\nB\nC' } });
    expect(tooManyLines.statusCode).toBe(400);
    const aDay = await t.api('POST', '/api/v1/reports', { token: leader, body: { ...body, number: '127/BC-STTTT', period: '2026-09-30' } });
    expect(aDay.statusCode).toBe(400);
    const noSuchDate = await t.api('POST', '/api/v1/reports', { token: leader, body: { ...body, number: '127/BC-STTTT', issuedOn: '2026-02-30' } });
    expect(noSuchDate.json()).toMatchObject({ status: 400, errors: [{ field: '/body/issuedOn' }] });
    const elsewhere = await t.api('POST', '/api/v1/reports', { token: leader, body: { ...body, unitCode: 'BG' } });
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json()).toMatchObject({ code: 'OUT_OF_SCOPE' });
  });

  it('previews the data of the documents: the header as Decree 30 writes it, counts equal to the roll-ups', async () => {
    const p = await call<ReportData>('GET', `/api/v1/reports/${report.id}/preview`, leader);
    expect(p).toMatchObject({
      format: 'tiendo-report/1',
      method: 'tiendo-status/1',
      state: 'draft',
      asOf: '2026-09-30',
      period: { key: '2026-Q3', label: 'quý III năm 2026', start: '2026-07-01', end: '2026-09-30' },
      issuingBody: { superior: 'UBND TỈNH HÀ TĨNH', name: 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG' },
      dateLine: 'Hà Tĩnh, ngày 05 tháng 10 năm 2026',
      type: 'BÁO CÁO',
      signer: { title: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'], name: 'Nguyễn Văn Bình' },
      frozen: null,
    });

    // The same roll-up as GET /rollups for the unit as of the period's end, plan by plan.
    const byPlan = await call<RollupResponse>('GET', '/api/v1/rollups?unit=HT&by=plan&asOf=2026-09-30', leader);
    const strip = (g: RollupGroup | ReportData['overall']) => ({ counts: g.counts, total: g.total, withData: g.withData, status: g.status, progress: g.progress, expectedProgress: g.expectedProgress, pace: g.pace });
    expect(p.byPlan.map((g) => g.key)).toEqual([PLAN]);
    expect(strip(p.byPlan[0]!)).toEqual(strip(byPlan.groups.find((g) => g.key === PLAN)!));
    expect(p.byPlan[0]).toMatchObject({ documentRef: '01/KH-MAU', label: expect.stringContaining('Kế hoạch chuyển đổi số tỉnh Hà Tĩnh') });
    expect(strip(p.overall)).toEqual(strip(p.byPlan[0]!));
    // Targets that ended before the period (the 2016–2020 figures outside any plan) are left out, and counted.
    expect(p.excluded).toBe(byPlan.overall.total - p.overall.total);
    expect(p.excluded).toBeGreaterThan(0);
    const byField = await call<RollupResponse>('GET', `/api/v1/rollups?unit=HT&by=field&plan=${PLAN}&asOf=2026-09-30`, leader);
    expect(Object.fromEntries(p.byField.map((g) => [g.key, strip(g)]))).toEqual(Object.fromEntries(byField.groups.map((g) => [g.key, strip(g)])));
    expect(p.byField.map((g) => g.label)).toContain('Viễn thông');

    // The targets at risk, off track or missed, worst first, with their latest values and comments.
    const statuses = await call<{ items: { code: string; status: string }[] }>('GET', `/api/v1/indicator-statuses?under=HT&plan=${PLAN}&asOf=2026-09-30&status=at_risk,off_track,missed`, leader);
    expect(p.attention.map((i) => i.code).sort()).toEqual(statuses.items.map((i) => i.code).sort());
    expect(p.attention.map((i) => [i.code, i.status])).toEqual([
      ['HT-MAU-IPV6', 'off_track'],
      ['HT-MAU-DVC-TT', 'at_risk'],
    ]);
    expect(p.attention[0]).toMatchObject({
      valueUnit: '%',
      planRef: '01/KH-MAU',
      fieldLabel: 'Viễn thông',
      target: { value: 70, date: '2028-12-31' },
      latest: { value: 36.8, date: '2026-06-30', period: '6 tháng đầu năm 2026', comment: expect.stringContaining('chậm nâng cấp mạng lõi') },
    });
    expect(p.attention[1]!.latest).toMatchObject({ value: 52.4, period: 'quý III năm 2026', comment: expect.stringContaining('dịch vụ công toàn trình') });
  });

  it('writes dates, periods and numbers the Vietnamese administrative way', () => {
    expect(dateLine('Hà Tĩnh', '2026-10-05')).toBe('Hà Tĩnh, ngày 05 tháng 10 năm 2026');
    expect(dateLine('Hà Nội', '2027-02-09')).toBe('Hà Nội, ngày 09 tháng 02 năm 2027');
    expect(dateLine('Hà Nội', '2027-03-15')).toBe('Hà Nội, ngày 15 tháng 3 năm 2027');
    expect(shortDate('2026-06-30')).toBe('30/6/2026');
    expect(['2026', '2026-H1', '2026-H2', '2026-Q4', '2026-09'].map(periodLabel)).toEqual(['năm 2026', '6 tháng đầu năm 2026', '6 tháng cuối năm 2026', 'quý IV năm 2026', 'tháng 9 năm 2026']);
    expect([numberVi(3300), numberVi(36.5), numberVi(0.15294, 4), numberVi(null), numberVi(1234567.25)]).toEqual(['3.300', '36,5', '0,1529', '–', '1.234.567,25']);
  });

  it('generates an editable DOCX in Times New Roman with the national title and the numbers of the preview', async () => {
    const { bytes, headers } = await download(report.id, 'docx');
    expect(headers['content-type']).toContain('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(headers['content-disposition']).toBe('attachment; filename="du-thao-bao-cao-125-BC-STTTT-2026-Q3.docx"');
    expect(headers.etag).toBe(`"${sha256(bytes)}"`);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    const zip = unzipSync(new Uint8Array(bytes));
    const xml = strFromU8(zip['word/document.xml']!);
    for (const text of [NATIONAL_TITLE, MOTTO, 'Số: 125/BC-STTTT', 'Hà Tĩnh, ngày 05 tháng 10 năm 2026', 'BÁO CÁO', 'KT. GIÁM ĐỐC', 'Nguyễn Văn Bình', 'Nơi nhận:', '- Lưu: VT, KHTC.', 'DỰ THẢO', 'chậm nâng cấp mạng lõi']) {
      expect(xml, text).toContain(text);
    }
    expect(xml).toContain('w:orient="landscape"'); // the wide tables turn the page
    expect(xml).toContain('<w:titlePg/>'); // no page number on the first page
    const styles = strFromU8(zip['word/styles.xml']!);
    expect(styles).toContain('Times New Roman');
    expect(xml.match(/<w:pgSz [^>]*>/g)![0]).toMatch(/w:w="11906".*w:h="16838"/); // A4 portrait
  });

  it('generates a PDF with Liberation Serif embedded, whose text reads back in Vietnamese', async () => {
    const { bytes, headers } = await download(report.id, 'pdf');
    expect(headers['content-type']).toBe('application/pdf');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const raw = bytes.toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+LiberationSerif/);
    expect(raw).not.toMatch(/Helvetica|Times-Roman/); // no unembedded standard font
    const { pages } = await readPdf(bytes);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const all = pages.join(' ');
    for (const text of [NATIONAL_TITLE, MOTTO, 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG', 'Hà Tĩnh, ngày 05 tháng 10 năm 2026', 'Tình hình thực hiện các chỉ tiêu chuyển đổi số quý III năm 2026', 'Tỷ lệ lưu lượng Internet qua IPv6', 'PHÓ GIÁM ĐỐC', 'Chưa có số liệu']) {
      expect(all, text).toContain(text);
    }
    // Page numbers from the second page, none on the first (they are drawn last on each page).
    expect(pages[0]!.startsWith('DỰ THẢO')).toBe(true);
    expect(pages[0]!.endsWith(' 1')).toBe(false);
    for (let i = 1; i < pages.length; i++) expect(pages[i]!.endsWith(` ${i + 1}`), `page ${i + 1}`).toBe(true);
    keepArtifacts('report-draft', { pdf: bytes });
  });

  it('keeps staff from creating or freezing, and a leader of another province out', async () => {
    for (const [method, url] of [['POST', '/api/v1/reports'], ['POST', `/api/v1/reports/${report.id}/freeze`], ['PATCH', `/api/v1/reports/${report.id}`], ['GET', `/api/v1/reports/${report.id}`]] as const) {
      const res = await t.api(method, url, { token: staff, body: method === 'GET' ? undefined : { ...body, version: 1 } });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
    for (const url of ['', '/preview', '/document.docx', '/document.pdf']) {
      const res = await t.api('GET', `/api/v1/reports/${report.id}${url}`, { token: otherLeader });
      expect(res.statusCode, url).toBe(404);
      expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
    }
    expect((await t.api('POST', `/api/v1/reports/${report.id}/freeze`, { token: otherLeader, body: { version: 1 } })).statusCode).toBe(404);
    expect((await t.api('PATCH', `/api/v1/reports/${report.id}`, { token: otherLeader, body: { version: 1, place: 'Bắc Giang' } })).statusCode).toBe(404);
    expect((await call<ReportList>('GET', '/api/v1/reports', otherLeader)).total).toBe(0);
  });

  it('edits a draft with the version read, and refuses a stale one', async () => {
    const stale = await t.api('PATCH', `/api/v1/reports/${report.id}`, { token: leader, body: { version: 7, place: 'Hà Tĩnh' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 1 });
    report = await call<Report>('PATCH', `/api/v1/reports/${report.id}`, leader, { version: 1, recipients: ['UBND tỉnh', 'Bộ Khoa học và Công nghệ', 'Lưu: VT, KHTC'] });
    expect(report).toMatchObject({ version: 2, recipients: ['UBND tỉnh', 'Bộ Khoa học và Công nghệ', 'Lưu: VT, KHTC'] });
  });

  it('freezes: the snapshot, method, chain head and both hashes are stored, and the freeze is audited', async () => {
    const before = await t.deps.repos.reports.chainHead();
    frozen = await call<Report>('POST', `/api/v1/reports/${report.id}/freeze`, leader, { version: report.version });
    expect(frozen).toMatchObject({ state: 'frozen', methodId: 'tiendo-status/1', version: 3, frozenBy: { name: 'Trần Thị Bình' }, chainHead: before });
    expect(frozen.knownAt).toBe(frozen.frozenAt);
    expect(frozen.docxSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(frozen.pdfSha256).toMatch(/^[0-9a-f]{64}$/);

    frozenPreview = await call<ReportData>('GET', `/api/v1/reports/${report.id}/preview`, leader);
    expect(frozenPreview).toMatchObject({ state: 'frozen', knownAt: frozen.knownAt, frozen: { at: frozen.frozenAt, chainHead: before } });
    expect(frozenPreview.recipients).toContain('Bộ Khoa học và Công nghệ');
    expect(frozenPreview.attention.map((i) => i.code)).toEqual(['HT-MAU-IPV6', 'HT-MAU-DVC-TT']);

    const events = await call<{ items: { action: string; after: Record<string, unknown> }[] }>('GET', `/api/v1/audit-events?entity=report&entityId=${report.id}`, auditor);
    expect(events.items.map((e) => e.action)).toEqual(['report.freeze', 'report.update', 'report.create']);
    expect(events.items[0]!.after).toMatchObject({ knownAt: frozen.knownAt, methodId: 'tiendo-status/1', docxSha256: frozen.docxSha256, pdfSha256: frozen.pdfSha256, chainHead: before });

    const docx = await download(report.id, 'docx');
    const pdf = await download(report.id, 'pdf');
    expect(sha256(docx.bytes)).toBe(frozen.docxSha256);
    expect(sha256(pdf.bytes)).toBe(frozen.pdfSha256);
    expect(docx.headers['content-disposition']).toBe('attachment; filename="bao-cao-125-BC-STTTT-2026-Q3.docx"');
    files.docx = docx.bytes;
    files.pdf = pdf.bytes;
    const read = await readPdf(pdf.bytes);
    const text = read.pages.join(' ');
    expect(text).not.toContain('DỰ THẢO');
    expect(text).toContain('Số liệu của báo cáo được chốt lúc');
    // The metadata carries the freeze time, not the time of generation.
    expect(read.info.CreationDate).toBe(`D:${frozen.frozenAt!.slice(0, 19).replace(/[-T:]/g, '')}Z`);
    expect(read.info.ModDate).toBe(read.info.CreationDate);
    expect(strFromU8(unzipSync(new Uint8Array(docx.bytes))['docProps/core.xml']!)).toContain(`<dcterms:created xsi:type="dcterms:W3CDTF">${frozen.frozenAt!.slice(0, 19)}Z</dcterms:created>`);
    keepArtifacts('report-frozen', { pdf: pdf.bytes, docx: docx.bytes });
  });

  it('refuses every change to a frozen report', async () => {
    for (const [url, payload] of [[`/api/v1/reports/${report.id}`, { version: frozen.version, place: 'Hà Nội' }], [`/api/v1/reports/${report.id}/freeze`, { version: frozen.version }]] as const) {
      const res = await t.api(url.endsWith('freeze') ? 'POST' : 'PATCH', url, { token: leader, body: payload });
      expect(res.statusCode, url).toBe(409);
      expect(res.json()).toMatchObject({ code: 'INVALID_STATE' });
    }
    expect(await call<Report>('GET', `/api/v1/reports/${report.id}`, leader)).toMatchObject({ version: frozen.version, place: 'Hà Tĩnh' });
  });

  it('regenerates byte-identical files from the snapshot after new data is accepted', async () => {
    // The security operations centre gets its first figure, which changes the live statuses.
    await acceptValue(() => call<Observation>('POST', '/api/v1/observations', staff, { indicatorCode: 'HT-MAU-SOC', unitCode: 'HT', period: '2026-Q3', value: 40, comment: 'Đã lắp đặt thiết bị giám sát' }, 201));
    const live = await call<Report>('POST', '/api/v1/reports', leader, { ...body, number: '126/BC-STTTT' }, 201);
    const livePreview = await call<ReportData>('GET', `/api/v1/reports/${live.id}/preview`, leader);
    expect(livePreview.overall.counts.no_data).toBe(frozenPreview.overall.counts.no_data - 1);

    expect(await call<ReportData>('GET', `/api/v1/reports/${report.id}/preview`, leader)).toEqual(frozenPreview);
    const docx = await download(report.id, 'docx');
    const pdf = await download(report.id, 'pdf');
    expect(docx.bytes.equals(files.docx!)).toBe(true);
    expect(pdf.bytes.equals(files.pdf!)).toBe(true);
    expect(docx.headers.etag).toBe(`"${frozen.docxSha256}"`);
    expect(pdf.headers.etag).toBe(`"${frozen.pdfSha256}"`);
  });

  it('keeps the signed files by content and serves them; a lost or damaged copy is regenerated identically', async () => {
    const keptPath = (sha: string) => path.join(t.dataDir, 'reports', sha.slice(0, 2), sha);
    expect(readFileSync(keptPath(frozen.pdfSha256!)).equals(files.pdf!)).toBe(true);
    expect(readFileSync(keptPath(frozen.docxSha256!)).equals(files.docx!)).toBe(true);
    rmSync(keptPath(frozen.pdfSha256!));
    writeFileSync(keptPath(frozen.docxSha256!), 'damaged');
    expect((await download(report.id, 'pdf')).bytes.equals(files.pdf!)).toBe(true);
    expect((await download(report.id, 'docx')).bytes.equals(files.docx!)).toBe(true);
    expect(readFileSync(keptPath(frozen.pdfSha256!)).equals(files.pdf!)).toBe(true);
  });

  it('lets auditors read, list and download, and never write', async () => {
    const list = await call<ReportList>('GET', '/api/v1/reports?unit=HT&period=2026-Q3', auditor);
    expect(list.items.map((r) => [r.number, r.state])).toEqual([
      ['126/BC-STTTT', 'draft'],
      ['125/BC-STTTT', 'frozen'],
    ]);
    expect((await call<ReportList>('GET', '/api/v1/reports?state=frozen', leader)).items.map((r) => r.id)).toEqual([report.id]);
    expect(await call<ReportData>('GET', `/api/v1/reports/${report.id}/preview`, auditor)).toEqual(frozenPreview);
    expect(sha256((await download(report.id, 'pdf', auditor)).bytes)).toBe(frozen.pdfSha256);
    expect(sha256((await download(report.id, 'docx', auditor)).bytes)).toBe(frozen.docxSha256);
    expect((await t.api('POST', '/api/v1/reports', { token: auditor, body })).statusCode).toBe(403);
    expect((await t.api('GET', '/api/v1/reports?unit=BG', { token: leader })).statusCode).toBe(403);
  });
});

/**
 * A frozen report is regenerated from its snapshot for as long as it is kept, so the documents of
 * format tiendo-report/1 must not change at all: not with a layout edit, a library upgrade, the
 * server's time zone or another machine. This pins the exact bytes for a fixed snapshot. If it
 * fails, frozen reports no longer reproduce: see docs/reports.md before changing the hashes.
 */
describe('the documents of format tiendo-report/1', () => {
  const counts = (c: Partial<ReportData['overall']['counts']>) => ({ no_target: 0, no_data: 0, achieved: 0, missed: 0, on_track: 0, at_risk: 0, off_track: 0, ...c });
  const group = (key: string, label: string, c: Partial<ReportData['overall']['counts']>, status: string, p: number | null, e: number | null, r: number | null, documentRef: string | null = null) => {
    const all = counts(c);
    const total = Object.values(all).reduce((a, b) => a + b, 0);
    return { key, label, documentRef, status, counts: all, total, withData: total - all.no_data - all.no_target, progress: p, expectedProgress: e, pace: r };
  };
  const snapshot: ReportData = {
    format: 'tiendo-report/1',
    method: 'tiendo-status/1',
    reportId: 7,
    state: 'frozen',
    unit: { code: 'HT', name: 'tỉnh Hà Tĩnh' },
    period: { key: '2026-Q3', label: 'quý III năm 2026', start: '2026-07-01', end: '2026-09-30' },
    asOf: '2026-09-30',
    knownAt: '2026-10-05T03:15:00.000Z',
    issuingBody: { superior: 'UBND TỈNH HÀ TĨNH', name: 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG' },
    number: '125/BC-STTTT',
    place: 'Hà Tĩnh',
    issuedOn: '2026-10-05',
    dateLine: 'Hà Tĩnh, ngày 05 tháng 10 năm 2026',
    type: 'BÁO CÁO',
    title: 'Tình hình thực hiện các chỉ tiêu chuyển đổi số quý III năm 2026',
    signer: { title: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'], name: 'Nguyễn Văn Bình' },
    recipients: ['UBND tỉnh', 'Lưu: VT, KHTC'],
    thresholds: { onTrack: 0.95, atRisk: 0.75 },
    statusLabels: { ...STATUS_LABELS },
    overall: group('HT', 'tỉnh Hà Tĩnh', { on_track: 2, at_risk: 1, off_track: 1, no_data: 2 }, 'at_risk', 0.1721, 0.1865, 0.9228),
    byField: [
      group('telecom', 'Viễn thông', { on_track: 1, off_track: 1 }, 'off_track', 0.0998, 0.1518, 0.6572),
      group('cybersecurity', 'An toàn, an ninh mạng', { no_data: 1 }, 'no_data', null, null, null),
      group('e_government', 'Chính quyền điện tử', { on_track: 1, at_risk: 1, no_data: 1 }, 'on_track', 0.2444, 0.2211, 1.1052),
    ],
    byPlan: [group(PLAN, 'Kế hoạch chuyển đổi số tỉnh Hà Tĩnh giai đoạn 2026 – 2030', { on_track: 2, at_risk: 1, off_track: 1, no_data: 2 }, 'at_risk', 0.1721, 0.1865, 0.9228, '01/KH-MAU')],
    attention: [
      {
        code: 'HT-MAU-IPV6', name: 'Tỷ lệ lưu lượng Internet qua IPv6', planCode: PLAN, planRef: '01/KH-MAU', field: 'telecom', fieldLabel: 'Viễn thông', unitCode: 'HT-STTTT', valueUnit: '%', direction: 'increase',
        status: 'off_track', baseline: { value: 35, date: '2025-12-31' }, target: { value: 70, date: '2028-12-31' },
        latest: { value: 36.8, date: '2026-06-30', period: '6 tháng đầu năm 2026', comment: 'Doanh nghiệp viễn thông chậm nâng cấp mạng lõi.' }, progress: 0.0514, expectedProgress: 0.1651, pace: 0.3114,
      },
    ],
    excluded: 24,
    frozen: { at: '2026-10-05T03:15:00.000Z', chainHead: { seq: 253, hash: 'd61bbe05ae4c8a59'.repeat(4) } },
  };

  it('renders a fixed snapshot to the same bytes as ever', async () => {
    const fonts = loadReportFonts();
    const layout = buildLayout(snapshot);
    const [docx, pdf] = [await renderDocx(layout, createMeasure(fonts)), await renderPdf(layout, fonts)];
    expect({ docx: sha256(docx), pdf: sha256(pdf) }).toEqual({
      docx: 'fdd9fb874276df44db3e6c02f2e62819b6ae9fcdde11144e916283c6ad77f413',
      pdf: '8b6820182491be74ffe6ae767b0f6d971868afb78c5499cb3f47eb18948e1a5d',
    });
  });
});

/**
 * Keeps the files in tests/artifacts (not versioned) to look at, with the PDF's pages as PNG when
 * poppler's pdftoppm is installed.
 */
function keepArtifacts(name: string, files: { pdf: Buffer; docx?: Buffer }): void {
  const dir = path.resolve(import.meta.dirname, '../artifacts');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${name}.pdf`), files.pdf);
  if (files.docx) writeFileSync(path.join(dir, `${name}.docx`), files.docx);
  if (spawnSync('pdftoppm', ['-v']).error) return;
  spawnSync('pdftoppm', ['-png', '-r', '60', path.join(dir, `${name}.pdf`), path.join(dir, name)]);
  expect(readdirSync(dir).some((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))).toBe(true);
}
