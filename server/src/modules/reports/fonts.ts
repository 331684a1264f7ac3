import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Liberation Serif 2.1.5 (SIL OFL 1.1), metric-compatible with Times New Roman and complete for
 * Vietnamese, shipped in server/assets/fonts so the PDF never depends on the system's fonts.
 */
export interface ReportFonts {
  regular: Buffer;
  bold: Buffer;
  italic: Buffer;
  boldItalic: Buffer;
}

const FILES = { regular: 'LiberationSerif-Regular.ttf', bold: 'LiberationSerif-Bold.ttf', italic: 'LiberationSerif-Italic.ttf', boldItalic: 'LiberationSerif-BoldItalic.ttf' } as const;

/** server/assets/fonts, found from this file both in src/modules/reports/ and in the bundled dist/. */
function fontsDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'assets', 'fonts');
    if (existsSync(path.join(candidate, FILES.regular))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(`The report fonts (${FILES.regular}) are missing: expected in server/assets/fonts`);
}

let cached: ReportFonts | null = null;

/** Reads the fonts once; call it before a transaction, so generating inside one does no file I/O. */
export function loadReportFonts(): ReportFonts {
  if (!cached) {
    const dir = fontsDir();
    cached = {
      regular: readFileSync(path.join(dir, FILES.regular)),
      bold: readFileSync(path.join(dir, FILES.bold)),
      italic: readFileSync(path.join(dir, FILES.italic)),
      boldItalic: readFileSync(path.join(dir, FILES.boldItalic)),
    };
  }
  return cached;
}
