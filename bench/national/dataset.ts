/**
 * A national dataset, generated deterministically from a seed through the product's own storage
 * code (repositories inside `deps.transact`, every record with its hash-chained audit event, and
 * the status of every target computed and kept as the server keeps it on write).
 *
 * Full size: 34 provinces and 3,321 communes (the country after Resolution 202/2025/QH15),
 * 20 departments per province and 20 national agencies (700), about 71,000 targets and
 * about 4 million accepted values over the five years to October 2026:
 *   - 16 province targets per department, reported quarterly (20 quarters);
 *   - 18 commune targets per commune, reported monthly (60 months);
 *   - 8 province roll-out targets per province that every commune of it contributes to, yearly;
 *   - 10 national targets per national agency, quarterly.
 * `--quick` keeps the shape at a small size (2 provinces, 40 communes, 12 months).
 */
import type { Field } from '@tiendo/shared/domain';
import { periodEnd } from '@tiendo/shared/periods';
import { foldForSearch, vietnameseSortKey } from '@tiendo/shared/text';
import type { Deps } from '../../server/src/deps';
import { nowIso, systemContext } from '../../server/src/lib/context';
import { createStatusService } from '../../server/src/modules/status/service';
import { unitSearchText } from '../../server/src/modules/units/service';
import { createUsersService } from '../../server/src/modules/users/service';
import { prng } from './helpers';

/** The 34 provinces and centrally-run cities from 1 July 2025, with short codes. */
export const PROVINCES: readonly [code: string, nameVi: string][] = [
  ['HNI', 'Thành phố Hà Nội'], ['HUE', 'Thành phố Huế'], ['LCU', 'Tỉnh Lai Châu'], ['DBN', 'Tỉnh Điện Biên'], ['SLA', 'Tỉnh Sơn La'],
  ['LSN', 'Tỉnh Lạng Sơn'], ['QNH', 'Tỉnh Quảng Ninh'], ['THA', 'Tỉnh Thanh Hóa'], ['NAN', 'Tỉnh Nghệ An'], ['HTH', 'Tỉnh Hà Tĩnh'],
  ['CBG', 'Tỉnh Cao Bằng'], ['TQG', 'Tỉnh Tuyên Quang'], ['LCI', 'Tỉnh Lào Cai'], ['TNN', 'Tỉnh Thái Nguyên'], ['PTO', 'Tỉnh Phú Thọ'],
  ['BNH', 'Tỉnh Bắc Ninh'], ['HYN', 'Tỉnh Hưng Yên'], ['HPG', 'Thành phố Hải Phòng'], ['NBH', 'Tỉnh Ninh Bình'], ['QTI', 'Tỉnh Quảng Trị'],
  ['DNG', 'Thành phố Đà Nẵng'], ['QNI', 'Tỉnh Quảng Ngãi'], ['GLI', 'Tỉnh Gia Lai'], ['KHA', 'Tỉnh Khánh Hòa'], ['LDG', 'Tỉnh Lâm Đồng'],
  ['DLK', 'Tỉnh Đắk Lắk'], ['HCM', 'Thành phố Hồ Chí Minh'], ['DNI', 'Tỉnh Đồng Nai'], ['TNH', 'Tỉnh Tây Ninh'], ['CTO', 'Thành phố Cần Thơ'],
  ['VLG', 'Tỉnh Vĩnh Long'], ['DTP', 'Tỉnh Đồng Tháp'], ['CMU', 'Tỉnh Cà Mau'], ['AGG', 'Tỉnh An Giang'],
];

const DEPARTMENTS = [
  'Văn phòng UBND', 'Sở Khoa học và Công nghệ', 'Sở Nội vụ', 'Sở Tài chính', 'Sở Tư pháp', 'Sở Công Thương', 'Sở Giáo dục và Đào tạo', 'Sở Y tế',
  'Sở Xây dựng', 'Sở Nông nghiệp và Môi trường', 'Sở Văn hóa, Thể thao và Du lịch', 'Sở Dân tộc và Tôn giáo', 'Thanh tra tỉnh', 'Trung tâm Phục vụ hành chính công',
  'Công an tỉnh', 'Bảo hiểm xã hội tỉnh', 'Kho bạc Nhà nước khu vực', 'Cục Thuế tỉnh', 'Bưu điện tỉnh', 'Viễn thông tỉnh',
];

const COMMUNE_TARGETS: readonly [nameVi: string, field: Field, measure: 'percent' | 'count' | 'boolean' | 'per_100_people', target: number][] = [
  ['Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến toàn trình', 'e_government', 'percent', 80],
  ['Tỷ lệ văn bản điện tử có ký số', 'e_government', 'percent', 95],
  ['Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng', 'e_government', 'percent', 90],
  ['Tỷ lệ thôn, tổ dân phố có sóng di động 4G', 'telecom', 'percent', 100],
  ['Số trạm BTS 5G trên địa bàn', 'telecom', 'count', 12],
  ['Tỷ lệ hộ gia đình có cáp quang băng rộng', 'telecom', 'percent', 90],
  ['Số tổ công nghệ số cộng đồng hoạt động', 'digital_transformation', 'count', 15],
  ['Tỷ lệ người dân trưởng thành có điện thoại thông minh', 'digital_transformation', 'percent', 85],
  ['Tỷ lệ người dân có tài khoản định danh điện tử mức 2', 'digital_transformation', 'percent', 80],
  ['Tỷ lệ hộ sản xuất bán hàng trên sàn thương mại điện tử', 'digital_transformation', 'percent', 40],
  ['Tỷ lệ thanh toán không dùng tiền mặt tại chợ, trường học', 'digital_transformation', 'percent', 70],
  ['Số điểm phục vụ bưu chính có người phục vụ', 'postal', 'count', 6],
  ['Tỷ lệ cán bộ, công chức được bồi dưỡng kỹ năng số', 'it_application', 'percent', 100],
  ['Hoàn thành hệ thống camera giám sát an ninh trật tự', 'cybersecurity', 'boolean', 1],
  ['Số thuê bao băng rộng cố định trên 100 dân', 'telecom', 'per_100_people', 35],
  ['Tỷ lệ hồ sơ được số hóa kết quả giải quyết', 'e_government', 'percent', 100],
  ['Tỷ lệ trường học triển khai sổ điểm điện tử', 'it_application', 'percent', 100],
  ['Tỷ lệ cơ sở y tế sử dụng bệnh án điện tử', 'it_application', 'percent', 90],
];

const ROLLOUT_TARGETS: readonly [nameVi: string, field: Field, measure: 'percent' | 'count' | 'boolean', aggregation: 'sum' | 'ratio' | 'share_done', target: number][] = [
  ['Số xã triển khai hệ thống quản lý văn bản điều hành', 'e_government', 'percent', 'share_done', 100],
  ['Tỷ lệ hồ sơ trực tuyến toàn trình cấp xã (toàn tỉnh)', 'e_government', 'percent', 'ratio', 80],
  ['Tổng số trạm BTS 5G cấp xã', 'telecom', 'count', 'sum', 800],
  ['Số xã có trung tâm giám sát an toàn thông tin kết nối SOC tỉnh', 'cybersecurity', 'percent', 'share_done', 100],
  ['Tổng số tổ công nghệ số cộng đồng', 'digital_transformation', 'count', 'sum', 1500],
  ['Số xã chuyển đổi IPv6 cho cổng thông tin', 'it_application', 'percent', 'share_done', 100],
  ['Tỷ lệ thôn có sóng 4G (toàn tỉnh)', 'telecom', 'percent', 'ratio', 100],
  ['Tổng số điểm phục vụ bưu chính cấp xã', 'postal', 'count', 'sum', 600],
];

export interface DatasetSize {
  provinces: number;
  communes: number;
  departmentsPerProvince: number;
  nationalAgencies: number;
  provinceTargetsPerDepartment: number;
  communeTargetsPerCommune: number;
  rolloutTargetsPerProvince: number;
  nationalTargetsPerAgency: number;
  /** Months of commune values (60 = five years), ending 2026-10. */
  months: number;
}

export const FULL: DatasetSize = { provinces: 34, communes: 3321, departmentsPerProvince: 20, nationalAgencies: 20, provinceTargetsPerDepartment: 16, communeTargetsPerCommune: 18, rolloutTargetsPerProvince: 8, nationalTargetsPerAgency: 10, months: 60 };
export const QUICK: DatasetSize = { provinces: 2, communes: 40, departmentsPerProvince: 5, nationalAgencies: 3, provinceTargetsPerDepartment: 6, communeTargetsPerCommune: 18, rolloutTargetsPerProvince: 8, nationalTargetsPerAgency: 4, months: 12 };


/** Month keys ending with 2026-10, oldest first. */
function monthsBack(n: number): string[] {
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const m = 2026 * 12 + 9 - i;
    out.push(`${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}
const quartersOf = (months: string[]) => [...new Set(months.filter((m) => ['03', '06', '09', '12'].includes(m.slice(5))).map((m) => `${m.slice(0, 4)}-Q${Number(m.slice(5)) / 3}`))];
const yearsOf = (months: string[]) => [...new Set(months.filter((m) => m.endsWith('-12')).map((m) => m.slice(0, 4)))];

/** What the benchmark needs to know about the generated data. */
export interface DatasetInfo {
  seed: number;
  size: DatasetSize;
  counts: { units: number; provinces: number; communes: number; departments: number; plans: number; indicators: number; observations: number; auditEvents: number };
  provinceCodes: string[];
  /** Every target code (for reads). */
  indicatorCodes: string[];
  /** Commune targets not yet reported for 2026-11, by province: what staff can submit during the benchmark. */
  openCommuneTargets: Record<string, { indicatorCode: string; unitCode: string }[]>;
  accounts: { email: string; password: string; role: string; unitCode: string }[];
  seconds: { units: number; indicators: number; observations: number; statuses: number; total: number };
}

const PASSWORD = 'Bench-National-2026!';
const BATCH = 5000;

/** Runs `work` over `items` in transactions of `BATCH` items. */
async function inBatches<T>(deps: Deps, items: readonly T[], work: (item: T, index: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += BATCH) {
    await deps.transact(async () => {
      for (let k = i; k < Math.min(items.length, i + BATCH); k++) await work(items[k]!, k);
    });
  }
}

export async function generateDataset(deps: Deps, size: DatasetSize, seed: number, log: (msg: string) => void): Promise<DatasetInfo> {
  const rnd = prng(seed);
  const ctx = systemContext('bench-generator');
  const { repos, audit } = deps;
  const t0 = performance.now();
  const now = nowIso();
  const lap = () => (performance.now() - t0) / 1000;

  // Units: the nation, its agencies, the provinces, their departments and communes.
  interface U { code: string; nameVi: string; type: string; parent: string | null }
  const unitRows: U[] = [{ code: 'VN', nameVi: 'Việt Nam', type: 'nation', parent: null }];
  for (let a = 1; a <= size.nationalAgencies; a++) unitRows.push({ code: `VN-CQ${String(a).padStart(2, '0')}`, nameVi: `Cơ quan trung ương số ${a}`, type: 'agency', parent: 'VN' });
  const provinces = PROVINCES.slice(0, size.provinces);
  const communesOf = new Map<string, string[]>();
  const departmentsOf = new Map<string, string[]>();
  const perProvince = Math.floor(size.communes / provinces.length);
  const extra = size.communes % provinces.length;
  provinces.forEach(([code, name], p) => {
    unitRows.push({ code, nameVi: name, type: 'province', parent: 'VN' });
    const depts: string[] = [];
    for (let d = 0; d < size.departmentsPerProvince; d++) {
      const dc = `${code}-S${String(d + 1).padStart(2, '0')}`;
      depts.push(dc);
      unitRows.push({ code: dc, nameVi: `${DEPARTMENTS[d % DEPARTMENTS.length]} ${name.replace(/^(Tỉnh|Thành phố) /, '')}`, type: 'department', parent: code });
    }
    departmentsOf.set(code, depts);
    const communes: string[] = [];
    for (let c = 0; c < perProvince + (p < extra ? 1 : 0); c++) {
      const cc = `${code}-X${String(c + 1).padStart(3, '0')}`;
      communes.push(cc);
      unitRows.push({ code: cc, nameVi: `${c % 5 === 0 ? 'Phường' : 'Xã'} ${['Hòa', 'Tân', 'Phú', 'Đông', 'Thạch', 'Quảng', 'Nghĩa', 'Hưng'][c % 8]} ${['An', 'Bình', 'Lộc', 'Sơn', 'Thủy', 'Mỹ', 'Hải', 'Trung', 'Đức', 'Phước'][Math.floor(c / 8) % 10]} ${c + 1}`, type: 'commune', parent: code });
    }
    communesOf.set(code, communes);
  });
  const unitIds = new Map<string, number>();
  await inBatches(deps, unitRows, async (u) => {
    const id = await repos.units.insert({ code: u.code, nameVi: u.nameVi, nameEn: null, type: u.type, parentId: u.parent ? unitIds.get(u.parent)! : null, validFrom: u.type === 'commune' ? '2025-07-01' : null, validTo: null, searchText: unitSearchText(u.code, u.nameVi, null), sortKey: vietnameseSortKey(u.nameVi), now });
    unitIds.set(u.code, id);
    await audit(ctx, { action: 'unit.create', entity: 'unit', entityId: u.code, unitId: id, after: { code: u.code, nameVi: u.nameVi, type: u.type, parentCode: u.parent } });
  });
  const tUnits = lap();
  log(`units: ${unitRows.length} in ${tUnits.toFixed(1)} s`);

  // Plans: two national, three per province.
  interface P { code: string; titleVi: string; kind: string; province: string; start: string; end: string }
  const planRows: P[] = [
    { code: 'VN-CDS-2030', titleVi: 'Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030', kind: 'program', province: 'VN', start: '2020-06-03', end: '2030-12-31' },
    { code: 'VN-CPDT-2025', titleVi: 'Chiến lược phát triển Chính phủ điện tử hướng tới Chính phủ số giai đoạn 2021–2025', kind: 'plan', province: 'VN', start: '2021-01-01', end: '2025-12-31' },
  ];
  for (const [code, name] of provinces) {
    const short = name.replace(/^(Tỉnh|Thành phố) /, '');
    planRows.push({ code: `${code}-CDS-2026-2030`, titleVi: `Kế hoạch chuyển đổi số ${short} giai đoạn 2026–2030`, kind: 'plan', province: code, start: '2021-01-01', end: '2030-12-31' });
    planRows.push({ code: `${code}-CQS-2025`, titleVi: `Kế hoạch phát triển chính quyền số ${short} đến năm 2025`, kind: 'plan', province: code, start: '2021-01-01', end: '2025-12-31' });
    planRows.push({ code: `${code}-HTVT-2030`, titleVi: `Quy hoạch hạ tầng viễn thông thụ động ${short} đến năm 2030`, kind: 'masterplan', province: code, start: '2021-01-01', end: '2030-12-31' });
  }
  const planIds = new Map<string, number>();
  await inBatches(deps, planRows, async (p) => {
    const provinceUnitId = unitIds.get(p.province)!;
    const id = await repos.plans.insert({ code: p.code, provinceUnitId, titleVi: p.titleVi, titleEn: null, kind: p.kind, documentRef: null, issuedOn: p.start, issuingBody: null, periodStart: p.start.slice(0, 4), periodEnd: p.end.slice(0, 4), startDate: p.start, endDate: p.end, ownerUnitId: provinceUnitId, onTrackThreshold: null, atRiskThreshold: null, graceDays: 15, source: null, isSample: true, searchText: foldForSearch(`${p.code} ${p.titleVi}`), sortKey: vietnameseSortKey(p.titleVi) }, now);
    planIds.set(p.code, id);
    await audit(ctx, { action: 'plan.create', entity: 'plan', entityId: p.code, unitId: provinceUnitId, after: { code: p.code, titleVi: p.titleVi, kind: p.kind } });
  });

  // Targets.
  const months = monthsBack(size.months);
  const quarters = quartersOf(months);
  const years = yearsOf(months);
  interface I {
    code: string; nameVi: string; unit: string; plan: string; field: Field; measure: string; frequency: 'monthly' | 'quarterly' | 'yearly';
    baseline: number; target: number; targetDate: string; aggregation: 'none' | 'sum' | 'ratio' | 'share_done'; contributors: string[]; periods: string[];
    /** How fast this target moves relative to its plan (below 1: behind). */
    speed: number;
  }
  const indicatorRows: I[] = [];
  const speed = () => 0.45 + rnd() * 0.9;
  for (const [code] of provinces) {
    const plansOf = [`${code}-CDS-2026-2030`, `${code}-CQS-2025`, `${code}-HTVT-2030`];
    for (const dept of departmentsOf.get(code)!) {
      for (let k = 0; k < size.provinceTargetsPerDepartment; k++) {
        const [nameVi, field, measure, target] = COMMUNE_TARGETS[(k + dept.length) % COMMUNE_TARGETS.length]!;
        const plan = plansOf[k % 3]!;
        indicatorRows.push({ code: `${dept}-CT${String(k + 1).padStart(2, '0')}`, nameVi: `${nameVi} (${dept})`, unit: dept, plan, field, measure, frequency: 'quarterly', baseline: measure === 'boolean' ? 0 : Math.round(target * (0.1 + rnd() * 0.3)), target: measure === 'count' ? target * 10 : target, targetDate: plan.endsWith('2025') ? '2025-12-31' : '2030-12-31', aggregation: 'none', contributors: [], periods: quarters, speed: speed() });
      }
    }
    for (const commune of communesOf.get(code)!) {
      for (let k = 0; k < size.communeTargetsPerCommune; k++) {
        const [nameVi, field, measure, target] = COMMUNE_TARGETS[k % COMMUNE_TARGETS.length]!;
        indicatorRows.push({ code: `${commune}-CT${String(k + 1).padStart(2, '0')}`, nameVi, unit: commune, plan: plansOf[k % 2 === 0 ? 0 : 2]!, field, measure, frequency: 'monthly', baseline: measure === 'boolean' ? 0 : Math.round(target * (0.1 + rnd() * 0.3)), target, targetDate: '2030-12-31', aggregation: 'none', contributors: [], periods: months, speed: speed() });
      }
    }
    for (let k = 0; k < size.rolloutTargetsPerProvince; k++) {
      const [nameVi, field, measure, aggregation, target] = ROLLOUT_TARGETS[k % ROLLOUT_TARGETS.length]!;
      const communes = communesOf.get(code)!;
      indicatorRows.push({ code: `${code}-TK${String(k + 1).padStart(2, '0')}`, nameVi, unit: code, plan: plansOf[0]!, field, measure, frequency: 'yearly', baseline: 0, target: measure === 'count' ? Math.round((target * communes.length) / 98) : target, targetDate: '2030-12-31', aggregation, contributors: communes, periods: years, speed: speed() });
    }
  }
  for (let a = 1; a <= size.nationalAgencies; a++) {
    const agency = `VN-CQ${String(a).padStart(2, '0')}`;
    for (let k = 0; k < size.nationalTargetsPerAgency; k++) {
      const [nameVi, field, measure, target] = COMMUNE_TARGETS[(k + a) % COMMUNE_TARGETS.length]!;
      indicatorRows.push({ code: `${agency}-CT${String(k + 1).padStart(2, '0')}`, nameVi: `${nameVi} (toàn quốc)`, unit: agency, plan: k % 2 ? 'VN-CPDT-2025' : 'VN-CDS-2030', field, measure, frequency: 'quarterly', baseline: Math.round(target * 0.2), target: measure === 'count' ? target * 1000 : target, targetDate: k % 2 ? '2025-12-31' : '2030-12-31', aggregation: 'none', contributors: [], periods: quarters, speed: speed() });
    }
  }
  const indicatorIds = new Map<string, number>();
  await inBatches(deps, indicatorRows, async (r) => {
    const unitId = unitIds.get(r.unit)!;
    const id = await repos.indicators.insert({
      code: r.code, planId: planIds.get(r.plan)!, unitId, field: r.field, nameVi: r.nameVi, nameEn: null, measure: r.measure, unitLabel: r.measure === 'count' ? 'đơn vị' : r.measure === 'percent' ? '%' : null,
      direction: r.measure === 'boolean' ? 'achieve' : 'increase', baselineValue: r.baseline, baselineDate: '2020-12-31', targetValue: r.target, targetDate: r.targetDate, targetPeriod: r.targetDate.slice(0, 4),
      tolerance: null, frequency: r.frequency, dataSource: null, notes: null, weight: 1, aggregation: r.aggregation, isSample: true, searchText: foldForSearch(`${r.code} ${r.nameVi}`), sortKey: vietnameseSortKey(r.nameVi),
    }, now);
    indicatorIds.set(r.code, id);
    await repos.indicators.addRevision(id, { effectiveAt: now, baselineValue: r.baseline, baselineDate: '2020-12-31', targetValue: r.target, targetDate: r.targetDate, milestones: [], reason: 'Kế hoạch được ban hành', legalRef: null, actorId: null });
    if (r.contributors.length) await repos.indicators.setContributors(id, r.contributors.map((c) => unitIds.get(c)!));
    await audit(ctx, { action: 'indicator.create', entity: 'indicator', entityId: r.code, unitId, after: { code: r.code, planCode: r.plan, unitCode: r.unit, field: r.field, measure: r.measure, baselineValue: r.baseline, targetValue: r.target, targetDate: r.targetDate, aggregation: r.aggregation } });
  });
  const tIndicators = lap();
  log(`plans: ${planRows.length}, targets: ${indicatorRows.length} in ${(tIndicators - tUnits).toFixed(1)} s`);

  // Accepted values, period by period (so the audit trail runs in time order), as an import writes them.
  const importId = await deps.transact(() => repos.imports.insert({ at: now, actorId: null, actorLabel: ctx.actor.label, files: ['bench-national'] }));
  const start = Date.parse('2021-01-01');
  const span = Date.parse('2030-12-31') - start;
  const valueAt = (r: I, end: string, unitCode: string, salt: number): number => {
    const frac = Math.min(1, ((Date.parse(end) - start) / span) * r.speed * (r.targetDate === '2025-12-31' ? 2 : 1));
    const noise = 1 + ((((salt * 2654435761) >>> 0) % 1000) / 1000 - 0.5) * 0.06;
    if (r.aggregation === 'share_done' || r.measure === 'boolean') return frac * (0.8 + ((unitCode.length + salt) % 5) * 0.1) > 0.5 ? 1 : 0;
    const v = (r.baseline + (r.target - r.baseline) * frac) * noise;
    if (r.measure === 'percent') return Math.round(Math.min(100, Math.max(0, v)) * 10) / 10;
    return Math.max(0, Math.round(r.aggregation === 'sum' ? v / Math.max(1, r.contributors.length) : v));
  };
  interface O { r: I; indicatorId: number; unitCode: string; period: string; salt: number }
  const byPeriodEnd = new Map<string, O[]>();
  let salt = 0;
  for (const r of indicatorRows) {
    const indicatorId = indicatorIds.get(r.code)!;
    for (const period of r.periods) {
      const end = periodEnd(period);
      const list = byPeriodEnd.get(end) ?? [];
      if (r.contributors.length) for (const c of r.contributors) list.push({ r, indicatorId, unitCode: c, period, salt: salt++ });
      else list.push({ r, indicatorId, unitCode: r.unit, period, salt: salt++ });
      byPeriodEnd.set(end, list);
    }
  }
  const all: O[] = [...byPeriodEnd.keys()].sort().flatMap((k) => byPeriodEnd.get(k)!);
  byPeriodEnd.clear();
  let written = 0;
  await inBatches(deps, all, async (o) => {
    const end = periodEnd(o.period);
    const unitId = unitIds.get(o.unitCode)!;
    const ratio = o.r.aggregation === 'ratio';
    const value = valueAt(o.r, end, o.unitCode, o.salt);
    const denominator = ratio ? 40 + (o.salt % 160) : null;
    const acceptedAt = `${end}T10:00:00.000Z`;
    const id = await repos.observations.insert({
      seriesId: null, versionNo: 1, indicatorId: o.indicatorId, unitId, period: o.period, periodEnd: end,
      value: ratio ? null : value, numerator: ratio ? Math.round((denominator! * Math.min(100, value)) / 100) : null, denominator,
      qualifier: null, valueTo: null, comment: o.salt % 7 === 0 ? 'Số liệu tổng hợp từ báo cáo định kỳ của xã' : null, source: 'Báo cáo định kỳ', quote: null,
      state: 'accepted', origin: 'import', importId, createdBy: null, acceptedAt, reviewedAt: acceptedAt, now,
    });
    await audit(ctx, { action: 'observation.import', entity: 'observation', entityId: id, unitId, after: { id, indicatorCode: o.r.code, unitCode: o.unitCode, period: o.period, periodEnd: end, value: ratio ? null : value, state: 'accepted', origin: 'import', importId } });
    if (++written % 500_000 === 0) log(`values: ${written.toLocaleString('en')} of ${all.length.toLocaleString('en')} (${lap().toFixed(0)} s)`);
  });
  const tObservations = lap();
  log(`values: ${all.length} in ${(tObservations - tIndicators).toFixed(1)} s`);

  // Every target's status, kept as the server keeps it after each accepted value.
  const status = createStatusService(deps);
  const ids = [...indicatorIds.values()];
  for (let i = 0; i < ids.length; i += 1000) await deps.transact(() => status.refresh(ids.slice(i, i + 1000)));
  const tStatuses = lap();
  log(`statuses: ${ids.length} in ${(tStatuses - tObservations).toFixed(1)} s`);

  // Accounts: national leader, auditor, admin; a leader and a staff member in each province.
  const users = createUsersService(deps);
  const accounts: DatasetInfo['accounts'] = [
    { email: 'lanhdao@bench.gov.vn', password: PASSWORD, role: 'leader', unitCode: 'VN' },
    { email: 'kiemtoan@bench.gov.vn', password: PASSWORD, role: 'auditor', unitCode: 'VN' },
    { email: 'quantri@bench.gov.vn', password: PASSWORD, role: 'admin', unitCode: 'VN' },
  ];
  for (const [code] of provinces) {
    accounts.push({ email: `lanhdao.${code.toLowerCase()}@bench.gov.vn`, password: PASSWORD, role: 'leader', unitCode: code });
    accounts.push({ email: `canbo.${code.toLowerCase()}@bench.gov.vn`, password: PASSWORD, role: 'staff', unitCode: code });
  }
  for (const a of accounts) await users.create(ctx, { email: a.email, name: a.email.split('@')[0]!, role: a.role as 'staff', unitCode: a.unitCode, password: a.password });

  const openCommuneTargets: DatasetInfo['openCommuneTargets'] = {};
  for (const r of indicatorRows) if (r.frequency === 'monthly') (openCommuneTargets[r.unit.slice(0, 3)] ??= []).push({ indicatorCode: r.code, unitCode: r.unit });
  deps.dbh.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const count = (table: string) => (deps.dbh.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    seed,
    size,
    counts: {
      units: count('units'), provinces: provinces.length, communes: size.communes, departments: provinces.length * size.departmentsPerProvince + size.nationalAgencies,
      plans: count('plans'), indicators: count('indicators'), observations: count('observations'), auditEvents: count('audit_events'),
    },
    provinceCodes: provinces.map(([c]) => c),
    indicatorCodes: indicatorRows.map((r) => r.code),
    openCommuneTargets,
    accounts,
    seconds: { units: tUnits, indicators: tIndicators - tUnits, observations: tObservations - tIndicators, statuses: tStatuses - tObservations, total: lap() },
  };
}

