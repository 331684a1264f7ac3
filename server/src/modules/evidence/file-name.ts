import { EVIDENCE_FILE_NAME_MAX_BYTES } from '@tiendo/shared/schemas/evidence';

// Control characters, and the bidirectional controls that can make "exe.pdf" read as "fdp.exe".
const INVISIBLE = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu;

const utf8Length = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Shortens a name to `max` UTF-8 bytes, keeping its extension and whole characters. */
function limitLength(name: string, max: number): string {
  if (utf8Length(name) <= max) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 11 ? name.slice(dot) : '';
  const base = [...name.slice(0, name.length - ext.length)].slice(0, max);
  while (base.length > 0 && utf8Length(base.join('') + ext) > max) base.pop();
  return `${base.join('').trimEnd()}${ext}`;
}

/**
 * The name an upload is stored under: Unicode NFC, the last path segment only
 * (`../../etc/passwd` → `passwd`, `C:\tmp\a.pdf` → `a.pdf`), without control characters, spaces
 * collapsed, no leading or trailing dots, at most EVIDENCE_FILE_NAME_MAX_BYTES long. May be empty.
 */
export function cleanFileName(raw: string): string {
  const name = raw.normalize('NFC').replace(INVISIBLE, '');
  const last = name.split(/[/\\]/).pop() ?? '';
  const tidy = last.replace(/\s+/g, ' ').replace(/^[\s.]+|[\s.]+$/g, '');
  return limitLength(tidy, EVIDENCE_FILE_NAME_MAX_BYTES);
}

/** Gives a name its extension when it has none (or has no name at all), within the length limit. */
export function withExtension(name: string, ext: string): string {
  return limitLength(`${name === '' ? 'evidence' : name}.${ext}`, EVIDENCE_FILE_NAME_MAX_BYTES);
}

/** An ASCII stand-in for clients that do not read `filename*`: diacritics dropped, the rest replaced. */
function asciiFallback(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
}

/**
 * `Content-Disposition: attachment` with the name both as an ASCII `filename` and, exactly, as
 * RFC 5987/6266 `filename*=UTF-8''…` (so "Quyết định số 15.pdf" arrives intact).
 */
export function attachmentDisposition(name: string): string {
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiFallback(name)}"; filename*=UTF-8''${encoded}`;
}
