import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { imports } from '../../db/schema/index';

export type ImportSummary = Record<string, { created: number; updated: number; unchanged: number }>;

export function createImportsRepository(db: Db) {
  return {
    async insert(row: { at: string; actorId: number | null; actorLabel: string; files: string[] }): Promise<number> {
      return db.insert(imports).values({ ...row, summary: {} }).returning({ id: imports.id }).get().id;
    },
    async setSummary(id: number, summary: ImportSummary): Promise<void> {
      db.update(imports).set({ summary }).where(eq(imports.id, id)).run();
    },
  };
}

export type ImportsRepository = ReturnType<typeof createImportsRepository>;
