import path from 'node:path';
import type { Readable } from 'node:stream';
import type { EvidenceItem, EvidenceList } from '@tiendo/shared/schemas/evidence';
import type { Deps } from '../../deps';
import { nowIso, type RequestContext } from '../../lib/context';
import { AppError, notFound, outOfScope } from '../../lib/errors';
import type { ObservationRecord } from '../observations/repository';
import { mayReport, observationVisible } from '../observations/service';
import { ACCEPTED_LIST, claimedExtension, describeExtension, identifyContent, type EvidenceKind } from './file-kind';
import { cleanFileName, withExtension } from './file-name';
import type { EvidenceRecord } from './repository';
import { createContentStore, type ReceivedFile } from '../../lib/content-store';

export function toEvidenceDto(e: EvidenceRecord): EvidenceItem {
  return {
    id: e.id,
    observationId: e.observationId,
    fileName: e.fileName,
    sha256: e.sha256,
    size: e.size,
    mediaType: e.mediaType,
    addedBy: e.addedBy === null ? null : { id: e.addedBy, name: e.addedByName ?? '' },
    addedAt: e.addedAt,
    downloadUrl: `/api/v1/evidence/${e.id}/content`,
  };
}

/** Evidence may be added while the report can still be edited. */
const OPEN_STATES = ['draft', 'returned'];

/** The name to store, checked against the content: a name whose extension says otherwise is refused. */
async function nameFor(kind: EvidenceKind, rawName: string): Promise<string> {
  const name = cleanFileName(rawName);
  const claimed = await claimedExtension(name);
  if (claimed === null) return withExtension(name, kind.ext);
  if (!kind.names.includes(claimed)) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `The content of "${name}" is ${kind.label}, but its name claims ${describeExtension(claimed)}. Rename it to end in .${kind.ext}, or upload the file the name says.`,
    );
  }
  return name;
}

/** A file to download: its facts, and its content opened only when asked for. */
export interface EvidenceContent {
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  open(): Readable;
}

export function createEvidenceService(deps: Deps) {
  const { repos, transact, audit } = deps;
  const store = createContentStore(path.join(deps.config.dataDir, 'evidence'));

  async function requireVisible(ctx: RequestContext, observationId: number): Promise<ObservationRecord> {
    const o = await repos.observations.findById(observationId);
    if (!o || !observationVisible(ctx, o)) throw notFound('Observation', observationId);
    return o;
  }

  /** The observation, if the caller may attach evidence to it now. */
  async function requireOpen(ctx: RequestContext, observationId: number): Promise<ObservationRecord> {
    const o = await requireVisible(ctx, observationId);
    const indicator = await repos.indicators.findById(o.indicatorId);
    if (!indicator || !mayReport(ctx, indicator, o.unitPath)) throw outOfScope(`Observation ${observationId}`);
    if (!OPEN_STATES.includes(o.state)) {
      throw new AppError(
        'INVALID_STATE',
        `Observation ${observationId} is ${o.state}; evidence can be added only to a draft or a returned report. Its evidence stays as it is; to add more to an accepted value, create a correction and attach it there.`,
      );
    }
    return o;
  }

  return {
    /** Removes temporary files of uploads interrupted by a crash. */
    sweep: () => store.sweep(),

    /** Checked before the upload is read, so a refused request costs no disk space. */
    async assertMayAdd(ctx: RequestContext, observationId: number): Promise<void> {
      await requireOpen(ctx, observationId);
    },

    /** Streams an uploaded file to a temporary file, hashing it. */
    receive: (content: Readable): Promise<ReceivedFile> => store.receive(content),

    /**
     * Attaches a received file: checks its content and name, stores it (once per content, durably),
     * then records it and its audit event in one transaction. The same content attached to the same
     * observation again is not added twice: the existing item comes back with `created: false`.
     */
    async add(ctx: RequestContext, observationId: number, upload: { fileName: string; received: ReceivedFile }): Promise<{ item: EvidenceItem; created: boolean }> {
      const { received } = upload;
      try {
        if (received.size === 0) throw new AppError('BAD_REQUEST', 'The file is empty; choose the file again.');
        const identified = await identifyContent(received.tempPath);
        if (!identified.accepted) {
          const shown = cleanFileName(upload.fileName);
          const claimed = await claimedExtension(shown);
          const claim = claimed ? `, although its name claims ${describeExtension(claimed)}` : '';
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', `The content of ${shown ? `"${shown}"` : 'the file'} is ${identified.what}${claim}. Accepted as evidence: ${ACCEPTED_LIST}.`);
        }
        const { kind } = identified;
        const fileName = await nameFor(kind, upload.fileName);
        await requireOpen(ctx, observationId);
        await store.commit(received);
        return await transact(async () => {
          const o = await requireOpen(ctx, observationId);
          const attached = await repos.evidence.findAttached(o.id, received.sha256);
          if (attached) return { item: toEvidenceDto(attached), created: false };
          const now = nowIso();
          if (!(await repos.evidence.findFile(received.sha256))) {
            await repos.evidence.insertFile({ sha256: received.sha256, size: received.size, mediaType: kind.mediaType, createdAt: now });
          }
          const id = await repos.evidence.insert({ observationId: o.id, sha256: received.sha256, fileName, addedBy: ctx.actor.id, addedAt: now });
          const item = toEvidenceDto((await repos.evidence.findById(id))!);
          await audit(ctx, {
            action: 'evidence.add',
            entity: 'observation',
            entityId: o.id,
            unitId: o.unitId,
            after: { evidenceId: id, fileName, sha256: item.sha256, size: item.size, mediaType: item.mediaType },
          });
          return { item, created: true };
        });
      } finally {
        await received.discard();
      }
    },

    async list(ctx: RequestContext, observationId: number): Promise<EvidenceList> {
      const o = await requireVisible(ctx, observationId);
      return { items: (await repos.evidence.listForObservation(o.id)).map(toEvidenceDto) };
    },

    /** A file for download, to whoever may read its observation; to anyone else it does not exist. */
    async content(ctx: RequestContext, evidenceId: number): Promise<EvidenceContent> {
      const e = await repos.evidence.findById(evidenceId);
      const o = e ? await repos.observations.findById(e.observationId) : null;
      if (!e || !o || !observationVisible(ctx, o)) throw notFound('Evidence', evidenceId);
      const size = await store.sizeOf(e.sha256);
      if (size !== e.size) throw new Error(`evidence content ${e.sha256} is ${size === null ? 'missing' : `${size} bytes, not ${e.size}`} in the data directory`);
      return { fileName: e.fileName, mediaType: e.mediaType, size: e.size, sha256: e.sha256, open: () => store.openRead(e.sha256) };
    },
  };
}
