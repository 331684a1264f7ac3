import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CreateReportBody } from '@tiendo/shared/schemas/reports';
import { describe, expect, test, vi } from 'vitest';
import { ReportForm } from '../../../../web/src/features/reports/components/report-form';
import { defaultReportValues, lastQuarter, reportBody } from '../../../../web/src/features/reports/report-values';
import { ApiError } from '../../../../web/src/lib/api-client';
import { renderInApp } from '../../render';

const leader = { name: 'Nguyễn Văn Bình', unit: { code: 'HT', nameVi: 'tỉnh Hà Tĩnh', nameEn: 'Ha Tinh province' } };
const department = { name: 'Trần Thị An', unit: { code: 'HT-STTTT', nameVi: 'Sở Thông tin và Truyền thông', nameEn: null } };
const units = [
  { code: 'HT', nameVi: 'tỉnh Hà Tĩnh', type: 'province', parentCode: 'VN' },
  { code: 'HT-STTTT', nameVi: 'Sở Thông tin và Truyền thông', type: 'department', parentCode: 'HT' },
] as const;
const unitOptions = [
  { code: 'HT', label: 'tỉnh Hà Tĩnh (HT)' },
  { code: 'HT-STTTT', label: 'Sở Thông tin và Truyền thông (HT-STTTT)' },
];

type Submit = (body: CreateReportBody, options: { overrideVersion: number | null }) => Promise<void>;

function setup(onSubmit: Submit, options: { mode?: 'create' | 'edit'; locale?: 'vi' | 'en'; onReload?: () => Promise<Record<string, string>> } = {}) {
  const initial = defaultReportValues(leader, [...units], '2026-11-22');
  renderInApp(
    <ReportForm mode={options.mode ?? 'create'} initial={initial} units={unitOptions} onSubmit={onSubmit} onCancel={() => {}} {...(options.onReload ? { onReload: options.onReload } : {})} />,
    { locale: options.locale ?? 'vi' },
  );
  return { user: userEvent.setup(), initial };
}

describe('report defaults', () => {
  test('the last finished quarter, the issuing body in capitals, the place without "tỉnh"', () => {
    expect(lastQuarter('2026-11-22')).toBe('2026-Q3');
    expect(lastQuarter('2026-02-10')).toBe('2025-Q4');
    const values = defaultReportValues(leader, [...units], '2026-11-22');
    expect(values).toMatchObject({ unitCode: 'HT', period: '2026-Q3', issuingBody: 'UBND TỈNH HÀ TĨNH', place: 'Hà Tĩnh', issuedOn: '2026-11-22', signerName: 'Nguyễn Văn Bình' });
    const dept = defaultReportValues(department, [...units], '2026-11-22');
    expect(dept.issuingBody).toBe('UBND TỈNH HÀ TĨNH\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG');
    expect(dept.signerTitle).toBe('KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC');
  });

  test('the body: lines trimmed, recipients without the bullets and punctuation the document adds, no empty title', () => {
    const body = reportBody({
      unitCode: 'HT',
      period: ' 2026-Q3 ',
      number: '125/BC-STTTT',
      issuingBody: 'UBND TỈNH HÀ TĨNH \n\n SỞ TT&TT',
      place: 'Hà Tĩnh',
      issuedOn: '2026-10-05',
      title: '  ',
      signerTitle: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC',
      signerName: 'Nguyễn Văn Bình',
      recipients: '- UBND tỉnh;\n\nLưu: VT, KHTC.',
    });
    expect(body).toEqual({
      unitCode: 'HT',
      period: '2026-Q3',
      number: '125/BC-STTTT',
      issuingBody: 'UBND TỈNH HÀ TĨNH\nSỞ TT&TT',
      place: 'Hà Tĩnh',
      issuedOn: '2026-10-05',
      signerTitle: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC',
      signerName: 'Nguyễn Văn Bình',
      recipients: ['UBND tỉnh', 'Lưu: VT, KHTC'],
    });
  });
});

describe('ReportForm', () => {
  test('every field is labelled, filled with the defaults, and saves the report body', async () => {
    const onSubmit = vi.fn<Submit>().mockResolvedValue(undefined);
    const { user } = setup(onSubmit);
    expect(screen.getByLabelText(/^Đơn vị/)).toHaveProperty('value', 'HT');
    expect(screen.getByLabelText(/^Kỳ báo cáo/)).toHaveProperty('value', '2026-Q3');
    expect(screen.getByLabelText(/^Cơ quan ban hành/)).toHaveProperty('value', 'UBND TỈNH HÀ TĨNH');
    expect(screen.getByLabelText(/^Họ tên người ký/)).toHaveProperty('value', 'Nguyễn Văn Bình');
    for (const label of [/^Số, ký hiệu/, /^Ngày ban hành/, /^Địa danh/, /^Trích yếu/, /^Quyền hạn, chức vụ người ký/, /^Nơi nhận/]) expect(screen.getByLabelText(label)).toBeTruthy();

    await user.type(screen.getByLabelText(/^Số, ký hiệu/), '125/BC-STTTT');
    await user.clear(screen.getByLabelText(/^Nơi nhận/));
    await user.type(screen.getByLabelText(/^Nơi nhận/), 'UBND tỉnh{Enter}Lưu: VT, KHTC');
    await user.click(screen.getByRole('button', { name: 'Tạo bản dự thảo' }));

    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({ unitCode: 'HT', period: '2026-Q3', number: '125/BC-STTTT', recipients: ['UBND tỉnh', 'Lưu: VT, KHTC'] });
    expect(onSubmit.mock.calls[0]![1]).toEqual({ overrideVersion: null });
  });

  test('server validation errors appear in Vietnamese at their fields, with the detail available in English', async () => {
    const onSubmit = vi.fn<Submit>().mockRejectedValue(
      new ApiError({ status: 400, code: 'VALIDATION_FAILED', detail: 'body/number must match pattern', errors: [{ field: '/body/number', message: 'must match pattern "^[0-9]{1,7}/\\S{1,50}$"' }] }),
    );
    const { user } = setup(onSubmit);
    await user.type(screen.getByLabelText(/^Số, ký hiệu/), 'BC-STTTT');
    await user.click(screen.getByRole('button', { name: 'Tạo bản dự thảo' }));

    const number = screen.getByLabelText(/^Số, ký hiệu/);
    expect(number.getAttribute('aria-invalid')).toBe('true');
    const described = number.getAttribute('aria-describedby')!.split(' ').map((id) => document.getElementById(id)?.textContent ?? '');
    expect(described.join(' ')).toContain('Giá trị chưa hợp lệ.');
    const alert = screen.getAllByRole('alert').find((element) => element.textContent?.includes('Một số thông tin chưa hợp lệ'));
    expect(alert).toBeTruthy();
    const technical = screen.getByText('Chi tiết kỹ thuật').closest('details')!;
    expect(technical.querySelector('[lang="en"]')?.textContent).toContain('body/number must match pattern');
  });

  test('a version conflict is explained, and "keep mine" saves over it with the current version', async () => {
    const onSubmit = vi
      .fn<Submit>()
      .mockRejectedValueOnce(new ApiError({ status: 409, code: 'VERSION_CONFLICT', detail: 'The report changed.', currentVersion: 4 }))
      .mockResolvedValueOnce(undefined);
    const { user } = setup(onSubmit, { mode: 'edit', onReload: async () => ({}) });
    await user.type(screen.getByLabelText(/^Số, ký hiệu/), '125/BC-STTTT');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText(/phiên bản 4|version 4/i)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /Giữ|Keep/ }));
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(onSubmit).toHaveBeenLastCalledWith(expect.objectContaining({ number: '125/BC-STTTT' }), { overrideVersion: 4 });
  });

  test('in English, the labels are English', () => {
    setup(vi.fn<Submit>(), { locale: 'en' });
    expect(screen.getByLabelText(/^Number and code/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Create draft' })).toBeTruthy();
  });
});
