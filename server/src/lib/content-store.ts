import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** An upload written to a temporary file, with its hash and size; not yet in the store. */
export interface ReceivedFile {
  tempPath: string;
  sha256: string;
  size: number;
  /** Removes the temporary file (a no-op once it has been committed). */
  discard(): Promise<void>;
}

const SHA256 = /^[0-9a-f]{64}$/;
const STALE_TEMP_MS = 60 * 60 * 1000;

/** Flushes a directory entry (a rename or a new file) to disk; not possible on every platform. */
async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open a directory for fsync; its renames are journaled by NTFS.
  } finally {
    await handle?.close();
  }
}

/**
 * Files stored by content (evidence, frozen report documents), once each under `<root>/<first 2 hex>/<sha256>`. A file is streamed
 * to `<root>/tmp/` while it is hashed, flushed, then renamed into place: a stored path always
 * holds the complete content it is named after. Stored files are never changed or deleted.
 */
export function createContentStore(root: string) {
  const tempDir = path.join(root, 'tmp');
  const pathOf = (sha256: string): string => {
    if (!SHA256.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return path.join(root, sha256.slice(0, 2), sha256);
  };

  return {
    pathOf,

    /** Removes temporary files left by uploads interrupted more than an hour ago (a crash, a kill). */
    async sweep(now = Date.now()): Promise<void> {
      let names: string[];
      try {
        names = await readdir(tempDir);
      } catch {
        return;
      }
      for (const name of names) {
        const file = path.join(tempDir, name);
        const info = await stat(file).catch(() => null);
        if (info && now - info.mtimeMs > STALE_TEMP_MS) await rm(file, { force: true });
      }
    },

    /** Streams `content` to a temporary file, hashing and counting it on the way. */
    async receive(content: Readable): Promise<ReceivedFile> {
      await mkdir(tempDir, { recursive: true });
      const tempPath = path.join(tempDir, `upload-${randomUUID()}`);
      const hash = createHash('sha256');
      let size = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          hash.update(chunk);
          size += chunk.length;
          callback(null, chunk);
        },
      });
      try {
        // flush: the data reaches the disk before the stream reports it closed.
        await pipeline(content, meter, createWriteStream(tempPath, { flags: 'wx', flush: true }));
      } catch (err) {
        await rm(tempPath, { force: true });
        throw err;
      }
      let pending = true;
      return {
        tempPath,
        sha256: hash.digest('hex'),
        size,
        async discard() {
          if (pending) await rm(tempPath, { force: true });
          pending = false;
        },
      };
    },

    /**
     * Moves a received file to its place in the store, durably; when that content is already
     * stored, the stored file is kept as it is and the temporary copy dropped.
     */
    async commit(file: ReceivedFile): Promise<{ written: boolean }> {
      const target = pathOf(file.sha256);
      const dir = path.dirname(target);
      const created = await mkdir(dir, { recursive: true });
      if (created !== undefined) await syncDirectory(root);
      const existing = await stat(target).catch(() => null);
      if (existing?.isFile() && existing.size === file.size) {
        await file.discard();
        return { written: false };
      }
      await rename(file.tempPath, target);
      await syncDirectory(dir);
      await file.discard();
      return { written: true };
    },

    /** The stored file's size, or null when it is missing. */
    async sizeOf(sha256: string): Promise<number | null> {
      const info = await stat(pathOf(sha256)).catch(() => null);
      return info?.isFile() ? info.size : null;
    },

    openRead(sha256: string): ReadStream {
      return createReadStream(pathOf(sha256));
    },
  };
}

export type ContentStore = ReturnType<typeof createContentStore>;
