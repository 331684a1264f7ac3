import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { lazyImport } from '../../lib/lazy-require';

/** A file type accepted as evidence. */
export interface EvidenceKind {
  /** Canonical extension, appended to a name that has none. */
  ext: string;
  mediaType: string;
  label: string;
  /** The extensions a name may carry for this content. */
  names: readonly string[];
}

const kind = (ext: string, mediaType: string, label: string, names: readonly string[] = [ext]): EvidenceKind => ({ ext, mediaType, label, names });

/** Accepted types, keyed by the extension `file-type` reports. */
const ACCEPTED = new Map<string, EvidenceKind>(Object.entries({
  pdf: kind('pdf', 'application/pdf', 'a PDF document'),
  png: kind('png', 'image/png', 'a PNG image'),
  apng: kind('png', 'image/apng', 'an animated PNG image', ['png', 'apng']),
  jpg: kind('jpg', 'image/jpeg', 'a JPEG image', ['jpg', 'jpeg', 'jpe', 'jfif']),
  webp: kind('webp', 'image/webp', 'a WebP image'),
  gif: kind('gif', 'image/gif', 'a GIF image'),
  docx: kind('docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'a Word document (DOCX)'),
  xlsx: kind('xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'an Excel workbook (XLSX)'),
  pptx: kind('pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation', 'a PowerPoint presentation (PPTX)'),
  odt: kind('odt', 'application/vnd.oasis.opendocument.text', 'an OpenDocument text (ODT)'),
  ods: kind('ods', 'application/vnd.oasis.opendocument.spreadsheet', 'an OpenDocument spreadsheet (ODS)'),
}));

/** Legacy Office files, which `file-type` reports as `cfb` (OLE compound file). */
const WORD_97 = kind('doc', 'application/msword', 'a Word 97–2003 document (DOC)');
const EXCEL_97 = kind('xls', 'application/vnd.ms-excel', 'an Excel 97–2003 workbook (XLS)');
const ALL_ACCEPTED = [...ACCEPTED.values(), WORD_97, EXCEL_97];

export const ACCEPTED_LIST = 'PDF, PNG, JPEG, WebP, GIF, DOCX, XLSX, PPTX, ODT, ODS, DOC and XLS';

/** Plain words for refused types people are likely to meet; others are named by file-type's answer. */
const REFUSED_LABELS = new Map<string, string>(Object.entries({
  exe: 'a Windows program (EXE)',
  elf: 'a Linux program (ELF)',
  macho: 'a macOS program (Mach-O)',
  zip: 'a ZIP archive',
  rar: 'a RAR archive',
  '7z': 'a 7-Zip archive',
  cfb: 'an OLE compound file that is neither a Word nor an Excel 97–2003 document',
  docm: 'a Word document with macros (DOCM)',
  xlsm: 'an Excel workbook with macros (XLSM)',
  pptm: 'a PowerPoint presentation with macros (PPTM)',
  lnk: 'a Windows shortcut (LNK)',
  jar: 'a Java archive (JAR)',
  apk: 'an Android package (APK)',
  rtf: 'an RTF document',
  xml: 'an XML document',
}));

/** Extensions that say what a file is, besides those file-type knows: a name ending in one makes a claim. */
const OTHER_KNOWN_EXTENSIONS = [
  'txt', 'csv', 'tsv', 'htm', 'html', 'xhtml', 'svg', 'json', 'js', 'mjs', 'md', 'doc', 'xls', 'ppt', 'pps', 'dot', 'xlt',
  'jpeg', 'jpe', 'jfif', 'tiff', 'dll', 'com', 'bat', 'cmd', 'msi', 'scr', 'ps1', 'vbs', 'hta', 'sh', 'php', 'py', 'iso', 'img',
];
/**
 * `file-type` (an ES module of many files) is loaded on the first upload, not when the server
 * starts: most starts never need it.
 */
const loadFileType = lazyImport(() => import('file-type'));

const extensionsThatSayWhatAFileIs = lazyImport(async () => new Set<string>([...(await loadFileType()).supportedExtensions, ...OTHER_KNOWN_EXTENSIONS]));

export type Identified = { accepted: true; kind: EvidenceKind } | { accepted: false; what: string };

const utf16 = (s: string) => Buffer.from(s, 'utf16le');
const WORD_STREAM = utf16('WordDocument');
const EXCEL_STREAM = utf16('Workbook');

/** Which of `needles` occur anywhere in the file (read as a stream, never whole). */
async function findInFile(file: string, needles: Buffer[]): Promise<Set<Buffer>> {
  const found = new Set<Buffer>();
  const overlap = Math.max(...needles.map((n) => n.length)) - 1;
  let carry = Buffer.alloc(0);
  for await (const chunk of createReadStream(file)) {
    const window = Buffer.concat([carry, chunk as Buffer]);
    for (const n of needles) if (!found.has(n) && window.includes(n)) found.add(n);
    if (found.size === needles.length) break;
    carry = window.subarray(Math.max(0, window.length - overlap));
  }
  return found;
}

/** What an unrecognised content looks like: text (valid UTF-8 without NUL bytes) or unknown data. */
async function describeUnknown(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const bytes = head.subarray(0, bytesRead);
    if (!bytes.includes(0)) {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
        return 'plain text';
      } catch {
        // not UTF-8: fall through
      }
    }
    return 'data of an unrecognised type';
  } finally {
    await handle.close();
  }
}

/** Finds what a file is from its content alone: `file-type`'s signatures, then OLE stream names. */
export async function identifyContent(file: string): Promise<Identified> {
  const detected = await (await loadFileType()).fileTypeFromFile(file);
  if (!detected) return { accepted: false, what: await describeUnknown(file) };
  if (detected.ext === 'cfb') {
    // Word and Excel 97–2003 files are OLE compound files, and so are installers and Outlook
    // messages: the name of the main stream in the directory says which one this is.
    const found = await findInFile(file, [WORD_STREAM, EXCEL_STREAM]);
    if (found.has(WORD_STREAM)) return { accepted: true, kind: WORD_97 };
    if (found.has(EXCEL_STREAM)) return { accepted: true, kind: EXCEL_97 };
  }
  const accepted = ACCEPTED.get(detected.ext);
  if (accepted) return { accepted: true, kind: accepted };
  return { accepted: false, what: REFUSED_LABELS.get(detected.ext) ?? `${detected.ext.toUpperCase()} (${detected.mime})` };
}

/** The extension a file name claims, lower-cased, if it is one that says what a file is. */
export async function claimedExtension(fileName: string): Promise<string | null> {
  const dot = fileName.lastIndexOf('.');
  if (dot <= 0 || dot === fileName.length - 1) return null;
  const ext = fileName.slice(dot + 1).toLowerCase();
  return /^[a-z0-9]{1,10}$/.test(ext) && (await extensionsThatSayWhatAFileIs()).has(ext) ? ext : null;
}

/** A description of what an extension claims, for messages. */
export function describeExtension(ext: string): string {
  const accepted = ALL_ACCEPTED.find((k) => k.names.includes(ext));
  return accepted ? `.${ext} (${accepted.label})` : `.${ext}`;
}
