import { copyFile, mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * The data directory's content stores (see lib/content-store.ts): evidence files and the documents
 * of frozen reports, each stored once under `<store>/<2 hex>/<sha256>` and never changed. The
 * database names them by SHA-256, so a database backup needs these directories beside it.
 * `exports/` (downloads that can be made again) and `jwt-secret` are not part of a backup.
 */
export const CONTENT_STORES = ['evidence', 'reports'] as const;

export interface CopiedFiles {
  files: number;
  bytes: number;
}

/**
 * Copies every stored file of one content store into `to` (created as needed), skipping the
 * store's `tmp/` of unfinished uploads and files already present with the same size (stored
 * files never change, so the same name and size is the same content).
 */
export async function copyStore(from: string, to: string): Promise<CopiedFiles> {
  const out: CopiedFiles = { files: 0, bytes: 0 };
  const walk = async (dir: string, rel: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    for (const entry of entries) {
      const relPath = path.join(rel, entry.name);
      if (entry.isDirectory()) {
        if (rel === '' && entry.name === 'tmp') continue;
        await walk(path.join(dir, entry.name), relPath);
      } else if (entry.isFile()) {
        const source = path.join(dir, entry.name);
        const target = path.join(to, relPath);
        const [size, existing] = await Promise.all([stat(source).then((s) => s.size), stat(target).catch(() => null)]);
        if (existing?.isFile() && existing.size === size) continue;
        await mkdir(path.dirname(target), { recursive: true });
        await copyFile(source, target);
        out.files++;
        out.bytes += size;
      }
    }
  };
  await walk(from, '');
  return out;
}

/** Where a content store keeps the file of a SHA-256. */
export const storedPath = (store: string, sha256: string): string => path.join(store, sha256.slice(0, 2), sha256);
