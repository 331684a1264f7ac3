import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ExportJob } from '@tiendo/shared/schemas/exports';
import { describe, expect, test, vi } from 'vitest';
import { ExportProgress } from '../../../../web/src/features/exports/components/export-progress';
import { exportBody } from '../../../../web/src/features/exports/export-body';
import { ApiError } from '../../../../web/src/lib/api-client';
import { renderInApp } from '../../render';

const base: ExportJob = {
  id: 7,
  kind: 'observations',
  format: 'csv',
  filters: { under: 'HT' },
  status: 'running',
  rowsWritten: 40,
  totalRows: 160,
  files: [],
  manifest: null,
  chainHead: null,
  error: null,
  createdBy: 'auditor@tiendo.demo',
  createdAt: '2026-11-22T08:00:00.000Z',
  finishedAt: null,
  expiresAt: null,
  filesRemovedAt: null,
};
const sha = 'a'.repeat(64);
const completed: ExportJob = {
  ...base,
  status: 'completed',
  rowsWritten: 160,
  files: [
    { name: 'observations.csv', contentType: 'text/csv; charset=utf-8', bytes: 20510, sha256: sha, rows: 150 },
    { name: 'observation_steps.csv', contentType: 'text/csv; charset=utf-8', bytes: 900, sha256: 'b'.repeat(64), rows: 10 },
    { name: 'manifest.json', contentType: 'application/json', bytes: 1500, sha256: 'c'.repeat(64), rows: 0 },
  ],
  finishedAt: '2026-11-22T08:00:05.000Z',
  expiresAt: '2026-12-22T08:00:05.000Z',
};

describe('ExportProgress', () => {
  test('a running export shows an accessible progress bar: rows written of the total, in words', () => {
    renderInApp(<ExportProgress job={base} onDownload={vi.fn()} />);
    const bar = screen.getByRole('progressbar', { name: 'Tiến độ lần xuất số 7' });
    expect(bar.tagName).toBe('PROGRESS');
    expect(bar.getAttribute('value')).toBe('40');
    expect(bar.getAttribute('max')).toBe('160');
    expect(bar.getAttribute('aria-valuetext')).toBe('Đang xuất: đã ghi 40 / 160 dòng');
    const status = document.querySelector('.export-status')!;
    expect(status.getAttribute('role')).toBe('status');
    expect(status.textContent).toBe('Đang xuất · đã ghi 40 / 160 dòng');
    expect(screen.getByText('25 %')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  test('before the total is counted the bar is indeterminate', () => {
    renderInApp(<ExportProgress job={{ ...base, status: 'queued', rowsWritten: 0, totalRows: null }} onDownload={vi.fn()} />);
    expect(screen.getByRole('progressbar').hasAttribute('value')).toBe(false);
    expect(document.querySelector('.export-status')?.textContent).toBe('Đang chờ · 0 dòng');
  });

  test('a completed export lists every file with rows, size and SHA-256, the manifest included, each downloadable', async () => {
    const onDownload = vi.fn<(name: string) => Promise<void>>().mockResolvedValue(undefined);
    renderInApp(<ExportProgress job={completed} onDownload={onDownload} />);
    const bar = screen.getByRole('progressbar');
    expect(bar.getAttribute('value')).toBe(bar.getAttribute('max'));
    const table = screen.getByRole('table', { name: 'Các tệp đã xuất' });
    const rows = table.querySelectorAll('tbody tr');
    expect([...rows].map((row) => row.querySelector('th code')?.textContent)).toEqual(['observations.csv', 'observation_steps.csv', 'manifest.json']);
    expect(rows[0]!.textContent).toContain('150');
    expect(rows[0]!.textContent).toContain('20 KB');
    expect(rows[0]!.textContent).toContain(sha);

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /Tải về\s*manifest\.json/ }));
    expect(onDownload).toHaveBeenCalledWith('manifest.json');
    // Until when the server keeps the files, in Vietnam's time.
    expect(screen.getByText('Các tệp được giữ đến 22/12/2026 15:00; sau đó máy chủ xoá chúng, chỉ còn bản kê manifest.json.')).toBeTruthy();
  });

  test('an expired export still lists its files, says when they were removed, and offers only the manifest', async () => {
    const expired: ExportJob = { ...completed, status: 'expired', expiresAt: null, filesRemovedAt: '2026-12-22T09:00:00.000Z' };
    const onDownload = vi.fn<(name: string) => Promise<void>>().mockResolvedValue(undefined);
    renderInApp(<ExportProgress job={expired} onDownload={onDownload} />, { locale: 'en' });
    expect(document.querySelector('.export-status')?.textContent).toBe('Files removed · 160 of 160 rows written');
    expect(screen.getByText(/This export's files were removed on 22\/12\/2026 16:00/)).toBeTruthy();
    const rows = screen.getByRole('table', { name: 'Exported files' }).querySelectorAll('tbody tr');
    expect(rows).toHaveLength(3);
    expect(rows[0]!.textContent).toContain('Removed');
    expect(rows[0]!.textContent).toContain(sha);
    expect(screen.getAllByRole('button')).toHaveLength(1);
    await userEvent.setup().click(screen.getByRole('button', { name: /Download\s*manifest\.json/ }));
    expect(onDownload).toHaveBeenCalledWith('manifest.json');
  });

  test('a failed download and a failed export are said in the reader’s language', async () => {
    const onDownload = vi.fn<(name: string) => Promise<void>>().mockRejectedValue(new ApiError({ status: 404, code: 'NOT_FOUND', detail: 'No such file.' }));
    renderInApp(<ExportProgress job={completed} onDownload={onDownload} />, { locale: 'en' });
    await userEvent.setup().click(screen.getByRole('button', { name: /Download\s*observations\.csv/ }));
    expect((await screen.findByText('This was not found, or it is outside your scope.')).closest('[role="alert"]')).toBeTruthy();

    renderInApp(<ExportProgress job={{ ...base, status: 'failed', error: 'disk full' }} onDownload={vi.fn()} />);
    expect(screen.getByText('Lần xuất này không thành công. Hãy thử lại; nếu vẫn lỗi, hãy báo quản trị viên.')).toBeTruthy();
  });
});

describe('exportBody', () => {
  test('only the filters the kind takes, days as whole Vietnam days', () => {
    const values = { under: 'HT', plan: 'P1', field: '', period: '2026', from: '2026-01-01', to: '2026-03-31', entity: 'observation', actor: '', action: '' };
    expect(exportBody('observations', 'csv', values)).toEqual({
      kind: 'observations',
      format: 'csv',
      filters: { under: 'HT', plan: 'P1', period: '2026', from: '2026-01-01T00:00:00+07:00', to: '2026-03-31T23:59:59.999+07:00' },
    });
    expect(exportBody('units', 'json', values)).toEqual({ kind: 'units', format: 'json', filters: { under: 'HT' } });
  });
});
