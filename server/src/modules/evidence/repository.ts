import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { evidenceFiles, observationEvidence, users } from '../../db/schema/index';

/** A file attached to an observation, with its stored content's facts and who added it. */
export interface EvidenceRecord {
  id: number;
  observationId: number;
  sha256: string;
  fileName: string;
  size: number;
  mediaType: string;
  addedBy: number | null;
  addedByName: string | null;
  addedAt: string;
}

export interface EvidenceFileRecord {
  sha256: string;
  size: number;
  mediaType: string;
  createdAt: string;
}

export interface NewEvidence {
  observationId: number;
  sha256: string;
  fileName: string;
  addedBy: number | null;
  addedAt: string;
}

const selection = {
  id: observationEvidence.id,
  observationId: observationEvidence.observationId,
  sha256: observationEvidence.sha256,
  fileName: observationEvidence.fileName,
  size: evidenceFiles.size,
  mediaType: evidenceFiles.mediaType,
  addedBy: observationEvidence.addedBy,
  addedByName: users.name,
  addedAt: observationEvidence.addedAt,
};

/** Evidence rows only ever get added: there is no update and no delete. */
export function createEvidenceRepository(db: Db) {
  const base = () =>
    db
      .select(selection)
      .from(observationEvidence)
      .innerJoin(evidenceFiles, eq(evidenceFiles.sha256, observationEvidence.sha256))
      .leftJoin(users, eq(users.id, observationEvidence.addedBy));

  return {
    async findById(id: number): Promise<EvidenceRecord | null> {
      return base().where(eq(observationEvidence.id, id)).get() ?? null;
    },
    async listForObservation(observationId: number): Promise<EvidenceRecord[]> {
      return base().where(eq(observationEvidence.observationId, observationId)).orderBy(asc(observationEvidence.addedAt), asc(observationEvidence.id)).all();
    },
    /** The attachment of this content to this observation, if it is attached already. */
    async findAttached(observationId: number, sha256: string): Promise<EvidenceRecord | null> {
      return (
        base()
          .where(and(eq(observationEvidence.observationId, observationId), eq(observationEvidence.sha256, sha256)))
          .orderBy(asc(observationEvidence.id))
          .get() ?? null
      );
    },
    async findFile(sha256: string): Promise<EvidenceFileRecord | null> {
      return db.select().from(evidenceFiles).where(eq(evidenceFiles.sha256, sha256)).get() ?? null;
    },
    async insertFile(file: EvidenceFileRecord): Promise<void> {
      db.insert(evidenceFiles).values(file).onConflictDoNothing().run();
    },
    async insert(e: NewEvidence): Promise<number> {
      return db.insert(observationEvidence).values(e).returning({ id: observationEvidence.id }).get().id;
    },
  };
}

export type EvidenceRepository = ReturnType<typeof createEvidenceRepository>;
