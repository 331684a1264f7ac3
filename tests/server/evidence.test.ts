import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVIDENCE_MAX_BYTES } from '@tiendo/shared/schemas/evidence';
import { createTestApp, type TestApp } from '../helpers/app';

// ---- Small real files, made here ----

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');
/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
/** The start of a Windows program: "MZ", then a DOS header. */
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('This program cannot be run in DOS mode.')]);
/** The start of a Linux program. */
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(56)]);
const TEXT = Buffer.from('Báo cáo tiến độ quý 2: đã hoàn thành 95% kế hoạch.\n');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (data: Buffer) => {
  let c = 0xffffffff;
  for (const b of data) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

/** A ZIP archive with the entries stored (not compressed), with its central directory. */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from(text);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A minimal DOCX: file-type reads the main part's content type from [Content_Types].xml. */
const DOCX = zip({
  '[Content_Types].xml':
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  'word/document.xml': '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Quyết định</w:t></w:r></w:p></w:body></w:document>',
});
const PLAIN_ZIP = zip({ 'ghi-chu.txt': 'không phải tài liệu Office' });
/** An OLE compound file whose directory names a stream (Word: "WordDocument"; none: an installer, say). */
const cfb = (stream: string | null) =>
  Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from(stream ?? 'SummaryInformation', 'utf16le'), Buffer.alloc(512)]);

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A multipart/form-data body with one file, serialised by the platform's own FormData. */
async function form(fileName: string, bytes: Buffer, field = 'file'): Promise<{ body: Buffer; contentType: string }> {
  const fd = new FormData();
  fd.append(field, new Blob([new Uint8Array(bytes)]), fileName);
  const res = new Response(fd);
  return { body: Buffer.from(await res.arrayBuffer()), contentType: res.headers.get('content-type')! };
}

interface Item {
  id: number;
  observationId: number;
  fileName: string;
  sha256: string;
  size: number;
  mediaType: string;
  addedBy: { id: number; name: string } | null;
  addedAt: string;
  downloadUrl: string;
}

describe('evidence for progress reports', () => {
  let t: TestApp;
  let staff: string;
  let leader: string;
  let auditor: string;
  let bgStaff: string;
  let period = 2030;

  const auditCount = () => (t.deps.dbh.sqlite.prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'evidence.add'").get() as { n: number }).n;
  const storedFiles = () => readdirSync(path.join(t.dataDir, 'evidence')).filter((d) => d !== 'tmp').flatMap((d) => readdirSync(path.join(t.dataDir, 'evidence', d)));
  const tempFiles = () => {
    const dir = path.join(t.dataDir, 'evidence', 'tmp');
    return existsSync(dir) ? readdirSync(dir) : [];
  };

  /** A new draft report of the demo staff (a new period each time). */
  async function draft(): Promise<{ id: number; version: number }> {
    const res = await t.api('POST', '/api/v1/observations', { token: staff, body: { indicatorCode: 'HT-CNTT-CB-XA', unitCode: 'HT', period: String(period++), value: 90 } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  async function upload(observationId: number, fileName: string, bytes: Buffer, token = staff) {
    const { body, contentType } = await form(fileName, bytes);
    return t.api('POST', `/api/v1/observations/${observationId}/evidence`, { token, body, headers: { 'content-type': contentType } });
  }

  /** Uploads and expects 415 with exactly one new nothing: no row, no audit event, no file left behind. */
  async function refused(fileName: string, bytes: Buffer) {
    const o = await draft();
    const before = auditCount();
    const res = await upload(o.id, fileName, bytes);
    expect(res.statusCode, res.body).toBe(415);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(auditCount()).toBe(before);
    expect(tempFiles()).toEqual([]);
    return res.json<{ code: string; detail: string }>();
  }

  beforeAll(async () => {
    t = await createTestApp();
    [staff, leader, auditor] = await Promise.all([t.login('staff'), t.login('leader'), t.login('auditor')]);
    const admin = await t.login('admin');
    const created = await t.api('POST', '/api/v1/users', { token: admin, body: { email: 'staff.bg@example.vn', name: 'Cán bộ Bắc Giang', role: 'staff', unitCode: 'BG-STTTT', password: 'Bac-Giang-Staff-2026' } });
    expect(created.statusCode).toBe(201);
    bgStaff = await t.login('staff.bg@example.vn', 'Bac-Giang-Staff-2026');
  });
  afterAll(() => t.close());

  it('staff attach a PDF to their draft; it is listed and downloads byte for byte for the uploader, the provincial leader and the auditor', async () => {
    const o = await draft();
    const before = auditCount();
    const res = await upload(o.id, 'Quyết định số 15.pdf', PDF);
    expect(res.statusCode, res.body).toBe(201);
    const item = res.json<Item>();
    expect(item).toMatchObject({ observationId: o.id, fileName: 'Quyết định số 15.pdf', sha256: sha256(PDF), size: PDF.length, mediaType: 'application/pdf', addedBy: { name: 'Nguyễn Văn An' } });
    expect(item.downloadUrl).toBe(`/api/v1/evidence/${item.id}/content`);
    expect(auditCount()).toBe(before + 1);
    const event = t.deps.dbh.sqlite.prepare("SELECT entity, entity_id AS entityId, actor_label AS actor, after FROM audit_events WHERE action = 'evidence.add' ORDER BY seq DESC LIMIT 1").get() as { entity: string; entityId: string; actor: string; after: string };
    expect(event).toMatchObject({ entity: 'observation', entityId: String(o.id), actor: 'staff@tiendo.demo' });
    expect(JSON.parse(event.after)).toEqual({ evidenceId: item.id, fileName: 'Quyết định số 15.pdf', sha256: sha256(PDF), size: PDF.length, mediaType: 'application/pdf' });

    const list = await t.api('GET', `/api/v1/observations/${o.id}/evidence`, { token: leader });
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: Item[] }>().items).toEqual([item]);

    for (const token of [staff, leader, auditor]) {
      const got = await t.api('GET', item.downloadUrl, { token });
      expect(got.statusCode).toBe(200);
      expect(got.rawPayload.equals(PDF)).toBe(true);
      expect(got.headers['content-type']).toBe('application/pdf');
      expect(got.headers['content-length']).toBe(String(PDF.length));
      expect(got.headers['x-content-type-options']).toBe('nosniff');
      expect(got.headers.etag).toBe(`"${sha256(PDF)}"`);
      const disposition = String(got.headers['content-disposition']);
      expect(disposition).toMatch(/^attachment; filename="Quyet dinh so 15\.pdf"; filename\*=UTF-8''/);
      expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!)).toBe('Quyết định số 15.pdf');
    }
    const again = await t.api('GET', item.downloadUrl, { token: staff, headers: { 'if-none-match': `"${sha256(PDF)}"` } });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
  });

  it('accepts images and office documents, found by their content', async () => {
    const o = await draft();
    const cases: [string, Buffer, string, string][] = [
      ['Ảnh chụp màn hình.png', PNG, 'Ảnh chụp màn hình.png', 'image/png'],
      ['Báo cáo.docx', DOCX, 'Báo cáo.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['Công văn cũ.doc', cfb('WordDocument'), 'Công văn cũ.doc', 'application/msword'],
      // A name without an extension gets the one of its content.
      ['Kế hoạch', Buffer.concat([PDF, Buffer.from('% v2\n')]), 'Kế hoạch.pdf', 'application/pdf'],
    ];
    for (const [name, bytes, stored, mediaType] of cases) {
      const res = await upload(o.id, name, bytes);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(201);
      expect(res.json()).toMatchObject({ fileName: stored, mediaType, size: bytes.length });
    }
    const list = await t.api('GET', `/api/v1/observations/${o.id}/evidence`, { token: staff });
    expect(list.json<{ items: Item[] }>().items.map((i) => i.fileName)).toEqual(cases.map((c) => c[2]));
  });

  it('refuses content of other types, naming what it is', async () => {
    expect(await refused('ghi chú.txt', TEXT)).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', detail: expect.stringContaining('plain text') });
    expect((await refused('hồ sơ.zip', PLAIN_ZIP)).detail).toContain('a ZIP archive');
    expect((await refused('chương trình', ELF)).detail).toContain('a Linux program (ELF)');
    expect((await refused('setup.doc', cfb(null))).detail).toContain('neither a Word nor an Excel');
    expect((await refused('Báo cáo.docx', PLAIN_ZIP)).detail).toMatch(/a ZIP archive, although its name claims \.docx/);
  });

  it('refuses a file whose name contradicts its content', async () => {
    const png = await refused('report.pdf', PNG);
    expect(png.detail).toBe('The content of "report.pdf" is a PNG image, but its name claims .pdf (a PDF document). Rename it to end in .png, or upload the file the name says.');
    const exe = await refused('Quyết định.pdf', EXE);
    expect(exe.detail).toContain('is a Windows program (EXE), although its name claims .pdf (a PDF document)');
    // A right-to-left override cannot hide the real extension: "ảnh‮gnp.exe" shows as "ảnhexe.png".
    expect((await refused('ảnh\u202egnp.exe', PNG)).detail).toContain('its name claims .exe');
  });

  it('refuses a file over the limit with 413, and takes one of exactly the limit', async () => {
    const o = await draft();
    const padded = (size: number) => Buffer.concat([PDF, Buffer.alloc(size - PDF.length, 0x20)]);
    const before = auditCount();
    const tooBig = await upload(o.id, 'quá lớn.pdf', padded(EVIDENCE_MAX_BYTES + 1));
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', detail: expect.stringContaining('20 MiB') });
    expect(auditCount()).toBe(before);
    expect(tempFiles()).toEqual([]);
    const justRight = await upload(o.id, 'vừa đủ.pdf', padded(EVIDENCE_MAX_BYTES));
    expect(justRight.statusCode).toBe(201);
    expect(justRight.json()).toMatchObject({ size: EVIDENCE_MAX_BYTES });
    expect(auditCount()).toBe(before + 1);
  });

  it('answers 400 for an empty file or a form without a file, and 415 for a body that is not a form', async () => {
    const o = await draft();
    const empty = await upload(o.id, 'trống.pdf', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: 'BAD_REQUEST', detail: expect.stringContaining('empty') });
    const fd = new FormData();
    fd.append('comment', 'chỉ có chữ');
    const res = new Response(fd);
    const noFile = await t.api('POST', `/api/v1/observations/${o.id}/evidence`, { token: staff, body: Buffer.from(await res.arrayBuffer()), headers: { 'content-type': res.headers.get('content-type')! } });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json()).toMatchObject({ code: 'BAD_REQUEST', detail: expect.stringContaining('no file') });
    const json = await t.api('POST', `/api/v1/observations/${o.id}/evidence`, { token: staff, body: { file: 'JVBERi0=' } });
    expect(json.statusCode).toBe(415);
    expect(json.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', detail: expect.stringContaining('multipart/form-data') });
    const octets = await t.api('POST', `/api/v1/observations/${o.id}/evidence`, { token: staff, body: PDF, headers: { 'content-type': 'application/pdf' } });
    expect(octets.statusCode).toBe(415);
    expect((await t.api('GET', `/api/v1/observations/${o.id}/evidence`, { token: staff })).json()).toEqual({ items: [] });
  });

  it('cleans the file name: no path, no control characters, NFC, bounded length', async () => {
    const o = await draft();
    const name = async (raw: string, bytes: Buffer) => {
      const res = await upload(o.id, raw, bytes);
      expect(res.statusCode, res.body).toBe(201);
      return res.json<Item>().fileName;
    };
    const variant = (n: number) => Buffer.concat([PDF, Buffer.from(`% ${n}\n`)]);
    expect(await name('../../etc/passwd', variant(1))).toBe('passwd.pdf');
    expect(await name('..\\..\\Windows\\báo cáo.pdf', variant(2))).toBe('báo cáo.pdf');
    expect(await name('Kê\u0301 hoa\u0323ch\u0007\u001b.pdf', variant(3))).toBe('Kế hoạch.pdf');
    const long = await name(`${'Quyết định '.repeat(40)}.pdf`, variant(4));
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(255);
    expect(long.startsWith('Quyết định Quyết định')).toBe(true);
    expect(long.endsWith('.pdf')).toBe(true);
  });

  it('stores the same content once, and does not attach it twice to the same report', async () => {
    const content = Buffer.concat([PDF, Buffer.from('% shared content\n')]);
    const [a, b] = [await draft(), await draft()];
    const before = auditCount();
    const first = await upload(a.id, 'Biên bản.pdf', content);
    const second = await upload(b.id, 'Biên bản (bản sao).pdf', content);
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(storedFiles().filter((f) => f === sha256(content))).toHaveLength(1);
    expect(t.deps.dbh.sqlite.prepare('SELECT count(*) AS n FROM evidence_files WHERE sha256 = ?').get(sha256(content))).toEqual({ n: 1 });
    expect(auditCount()).toBe(before + 2);
    // A second click on "upload" changes nothing: the existing item comes back with 200.
    const repeat = await upload(a.id, 'Biên bản.pdf', content);
    expect(repeat.statusCode).toBe(200);
    expect(repeat.json()).toEqual(first.json());
    expect(auditCount()).toBe(before + 2);
    expect(tempFiles()).toEqual([]);
  });

  it('keeps other provinces out: they can neither upload, list nor download (404), and auditors and leaders cannot upload (403)', async () => {
    const o = await draft();
    const item = (await upload(o.id, 'Quyết định.pdf', PDF)).json<Item>();
    const before = auditCount();
    const up = await upload(o.id, 'x.pdf', PDF, bgStaff);
    expect(up.statusCode).toBe(404);
    expect(up.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect((await t.api('GET', `/api/v1/observations/${o.id}/evidence`, { token: bgStaff })).statusCode).toBe(404);
    const down = await t.api('GET', item.downloadUrl, { token: bgStaff });
    expect(down.statusCode).toBe(404);
    // The same answer as for evidence that does not exist: existence does not leak.
    const missing = await t.api('GET', '/api/v1/evidence/999999/content', { token: bgStaff });
    expect(missing.statusCode).toBe(404);
    expect(down.json<{ detail: string }>().detail).toBe(missing.json<{ detail: string }>().detail.replace('999999', String(item.id)));
    for (const token of [auditor, leader]) {
      const res = await upload(o.id, 'x.pdf', PDF, token);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect((await t.api('GET', item.downloadUrl)).statusCode).toBe(401);
    expect(auditCount()).toBe(before);
  });

  it('refuses evidence for a submitted or accepted report (409), and keeps what it had readable', async () => {
    const o = await draft();
    const item = (await upload(o.id, 'Quyết định.pdf', PDF)).json<Item>();
    const submitted = await t.api('POST', `/api/v1/observations/${o.id}/submit`, { token: staff, body: { version: o.version } });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const whileSubmitted = await upload(o.id, 'Phụ lục.pdf', PNG);
    expect(whileSubmitted.statusCode).toBe(409);
    const accepted = await t.api('POST', `/api/v1/observations/${o.id}/accept`, { token: leader, body: { version: submitted.json<{ version: number }>().version } });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const before = auditCount();
    const res = await upload(o.id, 'Phụ lục.pdf', PDF);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'INVALID_STATE', detail: expect.stringContaining('is accepted; evidence can be added only to a draft or a returned report') });
    expect(auditCount()).toBe(before);
    const got = await t.api('GET', item.downloadUrl, { token: auditor });
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(PDF)).toBe(true);
    expect((await t.api('GET', `/api/v1/observations/${o.id}/evidence`, { token: leader })).json<{ items: Item[] }>().items).toHaveLength(1);
  });

  it('refuses an accepted report even when set directly in the database', async () => {
    const o = await draft();
    t.deps.dbh.sqlite.prepare("UPDATE observations SET state = 'accepted', accepted_at = ? WHERE id = ?").run(new Date().toISOString(), o.id);
    const res = await upload(o.id, 'Quyết định.pdf', PDF);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'INVALID_STATE' });
  });

  it('documents the routes in the OpenAPI document, with no route to delete evidence', async () => {
    const doc = (await t.api('GET', '/api/v1/openapi.json')).json<{ paths: Record<string, Record<string, { tags?: string[]; summary?: string; requestBody?: { content: Record<string, unknown> } }>> }>();
    const upload = doc.paths['/api/v1/observations/{id}/evidence']!;
    expect(Object.keys(upload).sort()).toEqual(['get', 'post']);
    expect(upload.post!.tags).toEqual(['evidence']);
    expect(upload.post!.summary).toBeTruthy();
    expect(Object.keys(upload.post!.requestBody!.content)).toEqual(['multipart/form-data']);
    const content = doc.paths['/api/v1/evidence/{evidenceId}/content']!;
    expect(Object.keys(content)).toEqual(['get']);
    expect(content.get!.tags).toEqual(['evidence']);
    expect(t.app.accessTable.filter((r) => r.url.includes('evidence')).map((r) => `${r.method} ${r.url} ${JSON.stringify(r.access)}`).sort()).toEqual([
      'GET /api/v1/evidence/:evidenceId/content "authenticated"',
      'GET /api/v1/observations/:id/evidence "authenticated"',
      'POST /api/v1/observations/:id/evidence ["staff"]',
    ]);
  });
});
