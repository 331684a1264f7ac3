import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { cleanText } from '@tiendo/shared/text';
import type { Deps } from '../../deps';
import { systemContext } from '../../lib/context';
import { hashPassword } from '../auth/passwords';
import { createImportService } from '../imports/service';
import { periodDate } from '../indicators/definition';
import { DEMO_ACCOUNTS } from './accounts';

interface SampleTarget {
  code: string;
  baseline?: { value: number; date: string };
  target: { value: number; date: string };
  milestones?: { value: number; date: string }[];
}

/** Reads the four seed files of a directory, those that exist. */
export function readSeedDir(dir: string) {
  const read = (name: string) => (existsSync(path.join(dir, name)) ? readFileSync(path.join(dir, name), 'utf8') : undefined);
  return { units: read('units.csv'), plans: read('plans.csv'), indicators: read('indicators.csv'), observations: read('observations.csv') };
}

/**
 * First start in demo mode: the real seed dataset through the ordinary import, sample targets
 * (marked as samples, since the articles rarely state targets) and one account per role.
 * The data comes only into an empty database, and the accounts only where there are none yet
 * (so a data directory set up with `pnpm cli user create` never gets a known password).
 */
export async function seedDemo(deps: Deps): Promise<boolean> {
  const { repos, transact, audit, config } = deps;
  const ctx = systemContext('demo-seed');
  const needData = (await repos.units.allCodes()).size === 0;
  const needAccounts = (await repos.users.count()) === 0;
  if (!needData && !needAccounts) return false;
  if (needData) await createImportService(deps).run(ctx, readSeedDir(path.join(config.demoDir, 'seed-data')));

  const samples = JSON.parse(readFileSync(path.join(config.demoDir, 'sample-targets.json'), 'utf8')) as SampleTarget[];
  const hashes = await Promise.all(DEMO_ACCOUNTS.map((a) => hashPassword(a.password)));
  await transact(async () => {
    const now = new Date().toISOString();
    for (const s of needData ? samples : []) {
      const ind = await repos.indicators.findByCode(s.code);
      if (!ind) continue;
      const definition = {
        baselineValue: s.baseline?.value ?? ind.baselineValue,
        baselineDate: s.baseline ? periodDate(s.baseline.date) : ind.baselineDate,
        targetValue: s.target.value,
        targetDate: periodDate(s.target.date),
        milestones: (s.milestones ?? []).map((m) => ({ date: periodDate(m.date)!, value: m.value })),
      };
      await repos.indicators.update(ind.id, null, { ...definition, targetPeriod: s.target.date, isSample: true, notes: cleanText(`[Mục tiêu mẫu / sample target] ${ind.notes ?? ''}`) }, now);
      await repos.indicators.setMilestones(ind.id, definition.milestones);
      await repos.status.invalidate([ind.id]);
      await repos.indicators.addRevision(ind.id, { effectiveAt: now, ...definition, reason: 'Mục tiêu mẫu cho bản trình diễn (sample target for the demo; not from the source articles)', legalRef: null, actorId: null });
      await audit(ctx, { action: 'indicator.revise', entity: 'indicator', entityId: s.code, unitId: ind.unitId, after: { ...definition, isSample: true } });
    }
    const units = await repos.units.findByCodes(DEMO_ACCOUNTS.map((a) => a.unitCode));
    for (const [i, a] of (needAccounts ? DEMO_ACCOUNTS : []).entries()) {
      const unit = units.get(a.unitCode);
      if (!unit) throw new Error(`Demo unit ${a.unitCode} is missing from the seed data`);
      const id = await repos.users.insert({ email: a.email, name: a.name, passwordHash: hashes[i]!, role: a.role, unitId: unit.id, searchText: `${a.email} ${a.name}`, now });
      await audit(ctx, { action: 'user.create', entity: 'user', entityId: id, unitId: unit.id, after: { email: a.email, role: a.role, unitCode: a.unitCode, demo: true } });
    }
  });
  return true;
}
