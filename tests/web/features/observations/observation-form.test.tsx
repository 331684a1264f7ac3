import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import { ObservationForm, type SaveIntent } from '../../../../web/src/features/observations/components/observation-form';
import { EMPTY_FORM, type ObservationValues } from '../../../../web/src/features/observations/observation-values';
import { ApiError } from '../../../../web/src/lib/api-client';
import { renderInApp } from '../../render';

const percent = { measure: 'percent', unitLabel: '%', direction: 'increase' } as const;
const ratio = { measure: 'ratio', unitLabel: null, direction: 'increase' } as const;
const deliverable = { measure: 'boolean', unitLabel: null, direction: 'increase' } as const;
const count = { measure: 'count', unitLabel: 'xã', direction: 'increase' } as const;

function setup(props: Partial<Parameters<typeof ObservationForm>[0]> = {}, locale: 'vi' | 'en' = 'vi') {
  const onSave = vi.fn<(values: ObservationValues, intent: SaveIntent) => void>();
  renderInApp(
    <ObservationForm indicator={percent} initial={{ ...EMPTY_FORM, period: '2020' }} periodEditable pending={null} onSave={onSave} {...props} />,
    { locale },
  );
  return { onSave, user: userEvent.setup() };
}

describe('ObservationForm', () => {
  test('every control has a label, and a Vietnamese decimal comma is read and shown back', async () => {
    const { onSave, user } = setup({ indicator: count });
    const value = screen.getByLabelText('Giá trị (xã)');
    expect(screen.getByLabelText('Kỳ báo cáo')).toHaveProperty('value', '2020');
    expect(screen.getByText('Hiểu là: Năm 2020')).toBeTruthy();
    for (const label of ['Cách ghi nhận', 'Ghi chú, giải trình', 'Nguồn số liệu']) expect(screen.getByLabelText(label)).toBeTruthy();

    await user.type(value, '1.234,5');
    expect(screen.getByText('Hiểu là: 1.234,5')).toBeTruthy();
    await user.type(screen.getByLabelText('Ghi chú, giải trình'), '  Đã triển khai cho 12 xã.  ');
    await user.click(screen.getByRole('button', { name: 'Lưu nháp' }));

    expect(onSave).toHaveBeenCalledTimes(1);
    expect(onSave).toHaveBeenCalledWith(
      { period: '2020', value: 1234.5, numerator: null, denominator: null, qualifier: null, valueTo: null, comment: 'Đã triển khai cho 12 xã.', source: null },
      'draft',
    );
  });

  test('"Lưu và gửi duyệt" saves with the intent to submit; Enter in a field saves a draft', async () => {
    const { onSave, user } = setup();
    await user.type(screen.getByLabelText('Giá trị (%)'), '93');
    await user.click(screen.getByRole('button', { name: 'Lưu và gửi duyệt' }));
    expect(onSave).toHaveBeenLastCalledWith(expect.objectContaining({ value: 93 }), 'submit');
    await user.type(screen.getByLabelText('Nguồn số liệu'), 'Báo cáo 15/BC-STTTT{Enter}');
    expect(onSave).toHaveBeenLastCalledWith(expect.objectContaining({ value: 93, source: 'Báo cáo 15/BC-STTTT' }), 'draft');
  });

  test('problems are listed with links to their fields, marked invalid and not saved', async () => {
    const { onSave, user } = setup({ initial: { ...EMPTY_FORM, period: '2020-Q5' } });
    await user.type(screen.getByLabelText('Giá trị (%)'), 'abc');
    await user.click(screen.getByRole('button', { name: 'Lưu nháp' }));

    expect(onSave).not.toHaveBeenCalled();
    const summary = screen.getByText('Vui lòng sửa các mục sau rồi lưu lại:').parentElement!;
    expect(summary.getAttribute('role')).toBe('alert');
    const links = within(summary).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual([
      expect.stringContaining('Kỳ báo cáo: Kỳ báo cáo chưa đúng dạng'),
      expect.stringContaining('Giá trị: Không đọc được số này'),
    ]);
    const value = screen.getByLabelText('Giá trị (%)');
    expect(value.getAttribute('aria-invalid')).toBe('true');
    expect(links[1]!.getAttribute('href')).toBe(`#${value.id}`);
    const described = value.getAttribute('aria-describedby')!.split(' ').map((id) => document.getElementById(id)?.textContent);
    expect(described).toContain('Không đọc được số này. Ví dụ đúng: 1,44 hoặc 1.000.');
  });

  test('a ratio is entered as its parts and read as a percentage; a range needs its upper end', async () => {
    const { onSave, user } = setup({ indicator: ratio });
    await user.type(screen.getByLabelText('Số đạt'), '221');
    await user.type(screen.getByLabelText('Tổng số'), '262');
    expect(screen.getByText('Tương đương 84,35 %.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Lưu nháp' }));
    expect(onSave).toHaveBeenLastCalledWith(expect.objectContaining({ value: null, numerator: 221, denominator: 262 }), 'draft');

    await user.type(screen.getByLabelText('Giá trị'), '15');
    await user.selectOptions(screen.getByLabelText('Cách ghi nhận'), 'range');
    await user.click(screen.getByRole('button', { name: 'Lưu nháp' }));
    expect(screen.getByLabelText('Đến giá trị').getAttribute('aria-invalid')).toBe('true');
    await user.type(screen.getByLabelText('Đến giá trị'), '20');
    await user.click(screen.getByRole('button', { name: 'Lưu nháp' }));
    expect(onSave).toHaveBeenLastCalledWith(expect.objectContaining({ value: 15, qualifier: 'range', valueTo: 20 }), 'draft');
  });

  test('the server’s reason is shown in the alert and on the field it names', () => {
    const error = new ApiError({
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: 'The value is not valid.',
      errors: [{ field: '/body/value', message: 'must be at most 100' }],
    });
    setup({ error, initial: { ...EMPTY_FORM, period: '2020', value: '120' } });
    expect(screen.getAllByRole('alert').some((alert) => alert.textContent?.includes('The value is not valid.'))).toBe(true);
    const value = screen.getByLabelText('Giá trị (%)');
    expect(value.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getAllByText('must be at most 100').length).toBeGreaterThan(0);
    // Written in English, and marked so for a screen reader reading Vietnamese.
    expect(document.getElementById(value.getAttribute('aria-describedby')!.split(' ').pop()!)!.getAttribute('lang')).toBe('en');
  });

  test('a field changed after the server’s answer no longer shows its complaint', async () => {
    const error = new ApiError({ status: 400, code: 'VALIDATION_FAILED', detail: 'The value is not valid.', errors: [{ field: '/body/value', message: 'must be at most 100' }] });
    const { user } = setup({ error, initial: { ...EMPTY_FORM, period: '2020', value: '120' } });
    const value = screen.getByLabelText('Giá trị (%)');
    await user.clear(value);
    await user.type(value, '93');
    expect(value.getAttribute('aria-invalid')).toBeNull();
    // The field's message is gone; the alert above the buttons still tells what the last save met.
    expect(screen.getAllByText('must be at most 100')).toHaveLength(1);
    expect(screen.getByText('must be at most 100').closest('details')).toBeTruthy();
  });

  test('the server’s own checks are made first, in the reader’s language', async () => {
    const { onSave, user } = setup();
    await user.type(screen.getByLabelText('Giá trị (%)'), '120');
    await user.click(screen.getByRole('button', { name: 'Lưu nháp' }));
    expect(screen.getAllByText(/Tỷ lệ phần trăm phải từ 0 đến 100\./).length).toBeGreaterThan(0);
    expect(onSave).not.toHaveBeenCalled();
  });

  test('a count is not negative', async () => {
    const first = setup({ indicator: count });
    await first.user.type(screen.getByLabelText('Giá trị (xã)'), '-3');
    await first.user.click(screen.getByRole('button', { name: 'Lưu nháp' }));
    expect(screen.getAllByText(/Không được là số âm\./).length).toBeGreaterThan(0);
    expect(first.onSave).not.toHaveBeenCalled();
  });

  test('a ratio’s part is not more than its total', async () => {
    const { onSave, user } = setup({ indicator: ratio });
    await user.type(screen.getByLabelText('Số đạt'), '300');
    await user.type(screen.getByLabelText('Tổng số'), '262');
    await user.click(screen.getByRole('button', { name: 'Lưu nháp' }));
    expect(screen.getAllByText(/Không được lớn hơn tổng số\./).length).toBeGreaterThan(0);
    expect(onSave).not.toHaveBeenCalled();
  });

  test('while saving, the buttons say so and a second press does nothing', async () => {
    const { onSave, user } = setup({ pending: 'submit', initial: { ...EMPTY_FORM, period: '2020', value: '50' } });
    const button = screen.getByRole('button', { name: 'Đang gửi…' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    await user.click(button);
    expect(onSave).not.toHaveBeenCalled();
  });

  test('in English, labels are English and a decimal point is read', async () => {
    const { onSave, user } = setup({ indicator: count }, 'en');
    await user.type(screen.getByLabelText('Value (xã)'), '1,000.5');
    expect(screen.getByText('Read as: 1,000.5')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(onSave).toHaveBeenLastCalledWith(expect.objectContaining({ value: 1000.5 }), 'draft');
  });

  test('a deliverable says that 1 is read as done, and a partial percentage is not', async () => {
    const { user } = setup({ indicator: deliverable });
    const value = screen.getByLabelText('Mức độ hoàn thành (%)');
    expect(screen.getByText(/Từ 0 đến 100; 100 là đã hoàn thành\./)).toBeTruthy();
    await user.type(value, '1');
    expect(screen.getByText(/Giá trị 1 được tính là đã hoàn thành \(100 %\)/)).toBeTruthy();
    expect(value.getAttribute('aria-describedby')).toContain(screen.getByText(/Giá trị 1 được tính/).id);
    await user.type(value, '5');
    expect(screen.queryByText(/Giá trị 1 được tính/)).toBeNull();
    expect(screen.getByText(/Từ 0 đến 100; 100 là đã hoàn thành\./)).toBeTruthy();
  });

  test('an existing report keeps its period', () => {
    setup({ periodEditable: false, initial: { ...EMPTY_FORM, period: '2021-Q1', value: '3' } });
    const period = screen.getByLabelText('Kỳ báo cáo');
    expect(period).toHaveProperty('readOnly', true);
    expect(period).toHaveProperty('value', 'Quý I/2021');
  });
});
