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

/** The codes in the first column of a CSV file (the sample files have no quoted newlines). */
function codesOf(csv: string | undefined): string[] {
  return (csv ?? '').split(/\r?\n/).slice(1).map((l) => l.split(',')[0]!.trim()).filter(Boolean);
}

/** One report waiting in the leader's review queue: the third quarter of the sample plan. */
async function submittedSample(deps: Deps, now: string): Promise<void> {
  const { repos, audit } = deps;
  const [indicator, unit, staff] = await Promise.all([repos.indicators.findByCode('HT-MAU-DVC-TT'), repos.units.findByCode('HT'), repos.users.findByEmail('staff@tiendo.demo')]);
  if (!indicator || !unit || !staff) return;
  const id = await repos.observations.insert({
    seriesId: null, versionNo: 1, indicatorId: indicator.id, unitId: unit.id, period: '2026-Q3', periodEnd: '2026-09-30',
    value: 52.4, numerator: null, denominator: null, qualifier: null, valueTo: null,
    comment: 'Số liệu mẫu: tăng nhờ triển khai dịch vụ công toàn trình cấp xã (sample)', source: 'Số liệu mẫu (sample)', quote: null,
    state: 'draft', origin: 'entry', importId: null, createdBy: staff.id, acceptedAt: null, reviewedAt: null, now,
  });
  await repos.observations.update(id, null, { state: 'submitted', submittedBy: staff.id, submittedAt: now }, now);
  const ctx = { actor: { id: staff.id, label: staff.email, name: staff.name, role: 'staff' as const, unitId: staff.unitId, unitCode: staff.unitCode, unitPath: staff.unitPath }, requestId: null, ip: null };
  await audit(ctx, { action: 'observation.create', entity: 'observation', entityId: id, unitId: unit.id, after: { value: 52.4, period: '2026-Q3', demo: true } });
  await audit(ctx, { action: 'observation.submit', entity: 'observation', entityId: id, unitId: unit.id, after: { state: 'submitted', demo: true } });
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
  if (needData) {
    const importer = createImportService(deps);
    await importer.run(ctx, readSeedDir(path.join(config.demoDir, 'seed-data')));
    // A sample plan with recent values, so the dashboards show live statuses; marked as a sample throughout.
    const samples = readSeedDir(path.join(config.demoDir, 'samples'));
    await importer.run(ctx, samples);
    await transact(async () => {
      const now = new Date().toISOString();
      for (const code of codesOf(samples.plans)) {
        const plan = await repos.plans.findByCode(code);
        if (plan) await repos.plans.update(plan.id, plan.version, { isSample: true }, now);
      }
      for (const code of codesOf(samples.indicators)) {
        const ind = await repos.indicators.findByCode(code);
        if (ind) await repos.indicators.update(ind.id, null, { isSample: true }, now);
      }
    });
  }

  const sampleTargets = JSON.parse(readFileSync(path.join(config.demoDir, 'sample-targets.json'), 'utf8')) as SampleTarget[];
  const hashes = await Promise.all(DEMO_ACCOUNTS.map((a) => hashPassword(a.password)));
  await transact(async () => {
    const now = new Date().toISOString();
    for (const s of needData ? sampleTargets : []) {
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
    if (needData && needAccounts) await submittedSample(deps, now);
  });
  return true;
}
