import { dateInVietnam } from '@tiendo/shared/periods';
import type { SessionUser } from '@tiendo/shared/schemas/auth';
import type { CreateReportBody, Report } from '@tiendo/shared/schemas/reports';
import type { Unit } from '@tiendo/shared/schemas/units';
import type { RecordValues } from '../../components/ui/record-form';

/** The report form's fields, as typed: multi-line fields one line per line, recipients one per line. */
export const REPORT_FIELDS = ['unitCode', 'period', 'number', 'issuingBody', 'place', 'issuedOn', 'title', 'signerTitle', 'signerName', 'recipients'] as const;

/** The quarter that ended last before `today`: on 22/11/2026, 2026-Q3. */
export function lastQuarter(today: string): string {
  const year = Number(today.slice(0, 4));
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3);
  return quarter === 0 ? `${year - 1}-Q4` : `${year}-Q${quarter}`;
}

const upper = (text: string) => text.toLocaleUpperCase('vi');
/** "tỉnh Hà Tĩnh" → "Hà Tĩnh": the place line names the place, not the unit. */
const placeName = (name: string) => name.replace(/^(tỉnh|thành phố|tp\.?)\s+/i, '').trim();

/**
 * Sensible defaults from the signed-in leader's unit: the last quarter, today's date, the issuing
 * body in capitals under the provincial People's Committee, the usual signing authority.
 */
export function defaultReportValues(user: Pick<SessionUser, 'name' | 'unit'>, units: readonly Pick<Unit, 'code' | 'nameVi' | 'type' | 'parentCode'>[], today = dateInVietnam()): RecordValues {
  const byCode = new Map(units.map((unit) => [unit.code, unit]));
  const unit = byCode.get(user.unit.code);
  const isProvince = unit ? unit.type === 'province' : /^tỉnh|^thành phố/i.test(user.unit.nameVi);
  let province = isProvince ? unit : undefined;
  for (let code = unit?.parentCode; !province && code; code = byCode.get(code)?.parentCode) {
    if (byCode.get(code)?.type === 'province') province = byCode.get(code);
  }
  const provinceName = province?.nameVi ?? (isProvince ? user.unit.nameVi : null);
  const issuingBody = isProvince || !provinceName ? `UBND ${upper(user.unit.nameVi)}` : `UBND ${upper(provinceName)}\n${upper(user.unit.nameVi)}`;
  return {
    unitCode: user.unit.code,
    period: lastQuarter(today),
    number: '',
    issuingBody,
    place: provinceName ? placeName(provinceName) : '',
    issuedOn: today,
    title: '',
    signerTitle: isProvince ? 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH' : 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC',
    signerName: user.name,
    recipients: isProvince ? 'Văn phòng Chính phủ\nBộ Khoa học và Công nghệ\nLưu: VT' : 'UBND tỉnh\nLưu: VT',
  };
}

/** A report's settings as the form shows them. */
export function reportToValues(report: Report): RecordValues {
  return {
    unitCode: report.unitCode,
    period: report.period,
    number: report.number,
    issuingBody: report.issuingBody,
    place: report.place,
    issuedOn: report.issuedOn,
    title: report.title,
    signerTitle: report.signerTitle,
    signerName: report.signerName,
    recipients: report.recipients.join('\n'),
  };
}

/** Lines as typed, trimmed, without empty ones. */
const lines = (text: string | undefined) =>
  (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** What the form sends: trimmed, lines joined with "\n", recipients without the "- " and ";" the document adds. */
export function reportBody(values: RecordValues): CreateReportBody {
  const title = (values.title ?? '').trim();
  return {
    unitCode: (values.unitCode ?? '').trim(),
    period: (values.period ?? '').trim(),
    number: (values.number ?? '').trim(),
    issuingBody: lines(values.issuingBody).join('\n'),
    place: (values.place ?? '').trim(),
    issuedOn: (values.issuedOn ?? '').trim(),
    ...(title ? { title } : {}),
    signerTitle: lines(values.signerTitle).join('\n'),
    signerName: (values.signerName ?? '').trim(),
    recipients: lines(values.recipients).map((line) => line.replace(/^[-–•]\s*/, '').replace(/[;.]$/, '').trim()).filter((line) => line !== ''),
  };
}
