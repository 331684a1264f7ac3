import type { IndicatorStatusResponse } from '@tiendo/shared/schemas/status';
import type { StatusName } from '@tiendo/shared/status/types';
import { screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { StatusBadge } from '../../../../web/src/components/ui/status-badge';
import { StatusCounts } from '../../../../web/src/features/status/components/status-counts';
import { StatusGrid } from '../../../../web/src/features/status/components/status-grid';
import { StatusNumbers } from '../../../../web/src/features/status/components/status-numbers';
import { TrendChart, TrendTable, type TrendData } from '../../../../web/src/features/status/components/trend-chart';
import { buildTrendData } from '../../../../web/src/features/status/trend-data';
import { renderInApp } from '../../render';

const VIETNAMESE: Record<StatusName, string> = {
  on_track: 'Đúng tiến độ',
  at_risk: 'Có nguy cơ chậm',
  off_track: 'Chậm tiến độ',
  achieved: 'Đã đạt',
  missed: 'Không đạt',
  no_data: 'Chưa có số liệu',
  no_target: 'Chưa có chỉ tiêu',
};

/** Case A of docs/status-method.md: Hà Tĩnh commune cadres with computers, evaluated mid-2020. */
const caseA: IndicatorStatusResponse = {
  method: 'tiendo-status/1',
  methodDoc: '/docs/status-method.md',
  indicatorCode: 'HT-CNTT-CB-XA',
  asOf: '2020-06-30',
  knownAt: '2020-06-30T10:00:00.000Z',
  status: 'on_track',
  direction: 'increase',
  progress: 0.8833,
  expectedProgress: 0.833,
  pace: 1.0604,
  expectedValue: 89.9818,
  gap: 60,
  baseline: { value: 40, date: '2014-12-31', source: 'explicit', observationId: null },
  target: { value: 100, date: '2020-12-31' },
  milestones: [],
  latest: { value: 93, date: '2019-12-31', observationId: 46 },
  forecast: null,
  slopePerYear: null,
  projectedMet: null,
  forecastPoints: 2,
  thresholds: { onTrack: 0.95, atRisk: 0.75 },
  tolerance: null,
  definitionError: null,
};

describe('StatusBadge', () => {
  test.each(Object.entries(VIETNAMESE) as [StatusName, string][])('%s says “%s” with an icon, and links to the method', (status, words) => {
    renderInApp(<StatusBadge status={status} />);
    const link = screen.getByRole('link', { name: words });
    expect(link.getAttribute('href')).toMatch(/^\/method#/);
    expect(link.className).toContain(`status-${status}`);
    // Not colour alone: a shape that assistive technology skips, and the words.
    const icon = link.querySelector('svg');
    expect(icon?.getAttribute('aria-hidden')).toBe('true');
  });

  test('in English, and without a link where it sits inside another link', () => {
    renderInApp(<StatusBadge status="at_risk" link={false} />, { locale: 'en' });
    expect(screen.getByText('At risk')).toBeTruthy();
    expect(screen.queryByRole('link')).toBeNull();
  });
});

describe('StatusCounts', () => {
  test('lists every status with its count, worst first, zeros included', () => {
    renderInApp(<StatusCounts counts={{ missed: 3, off_track: 0, at_risk: 2, on_track: 1, achieved: 1, no_data: 0, no_target: 20 }} />);
    const items = screen.getAllByRole('listitem').map((item) => item.textContent);
    expect(items).toEqual(['3Không đạt', '0Chậm tiến độ', '2Có nguy cơ chậm', '1Đúng tiến độ', '1Đã đạt', '0Chưa có số liệu', '20Chưa có chỉ tiêu']);
  });
});

describe('StatusGrid', () => {
  test('a cell names how many of its targets are missed, off track or at risk, whatever the set’s own status', () => {
    const group = {
      key: 'HT|cds',
      label: { vi: 'Chuyển đổi số', en: null },
      status: 'on_track',
      counts: { missed: 2, off_track: 0, at_risk: 1, on_track: 9, achieved: 3, no_data: 0, no_target: 0 },
      total: 15,
      withData: 15,
      progress: 0.9,
      expectedProgress: 0.9,
      pace: 1,
      indicatorsUrl: '/api/v1/indicators?under=HT',
    };
    renderInApp(
      <StatusGrid
        rows={[{ code: 'HT', label: 'Hà Tĩnh' }]}
        columns={[{ key: 'cds', label: 'Chuyển đổi số' }, { key: 'bc', label: 'Bưu chính' }]}
        cell={(_row, column) => (column.key === 'cds' ? group : undefined)}
        linkFor={() => '/targets?under=HT'}
        caption="Đơn vị × lĩnh vực"
        corner="Đơn vị"
      />,
    );
    const link = screen.getByRole('link');
    expect(link.textContent).toBe('Đúng tiến độ15 chỉ tiêuKhông đạt: 2Có nguy cơ chậm: 1');
    expect(screen.getByText('Không có chỉ tiêu')).toBeTruthy();
  });
});

describe('StatusNumbers', () => {
  test('shows p, E(tᵥ), e and r of case A in Vietnamese, each worked out and explained', () => {
    renderInApp(<StatusNumbers status={caseA} indicator={{ unitLabel: '%', measure: 'percent' }} />);
    expect(screen.getByRole('link', { name: 'Đúng tiến độ' })).toBeTruthy();
    expect(screen.getByText(/Tính đến ngày 30\/06\/2020/)).toBeTruthy();

    const item = (term: RegExp) => screen.getByText(term, { selector: 'dt' }).parentElement!;
    const progress = item(/^Tiến độ thực tế/);
    expect(progress.textContent).toContain('(p)');
    expect(progress.textContent).toContain('0,8833');
    expect(progress.textContent).toContain('88,33 %');
    expect(progress.textContent).toContain('= (93 − 40) / 60.');
    expect(item(/^Giá trị kế hoạch tại ngày/).textContent).toContain('89,9818 %');
    expect(item(/^Giá trị kế hoạch tại ngày/).textContent).toContain('31/12/2019');
    expect(item(/^Tiến độ kế hoạch/).textContent).toContain('= (89,9818 − 40) / 60.');
    const pace = item(/^Nhịp độ/);
    expect(pace.textContent).toContain('1,0604');
    expect(pace.textContent).toContain('= 0,8833 / 0,8330.');
    expect(item(/^Ngưỡng/).textContent).toContain('0,95 / 0,75');
    expect(item(/^Dự báo/).textContent).toContain('Cần ít nhất 3 số liệu');
    // Every explanation leads to the method.
    expect(screen.getAllByRole('link', { name: 'Đọc phương pháp' }).every((link) => link.getAttribute('href')?.startsWith('/method#'))).toBe(true);
    expect(screen.getByRole('link', { name: 'xem báo cáo' }).getAttribute('href')).toBe('/observations/46');
    expect(screen.getByText('Nhịp độ 1,0604 từ ngưỡng 0,95 trở lên, nên đúng tiến độ.')).toBeTruthy();
  });

  test('a missed target says that its deadline passed (case F)', () => {
    renderInApp(<StatusNumbers status={{ ...caseA, asOf: '2021-06-30', status: 'missed' }} indicator={{ unitLabel: '%', measure: 'percent' }} />);
    expect(screen.getByText('Đã quá hạn 31/12/2020 mà chưa đạt mục tiêu 100 %: số liệu mới nhất được duyệt là 93 % (31/12/2019).')).toBeTruthy();
  });

  test('in English, an at-risk status names both thresholds', () => {
    renderInApp(<StatusNumbers status={{ ...caseA, status: 'at_risk', pace: 0.7503 * 1.2 }} indicator={{ unitLabel: '%', measure: 'percent' }} />, { locale: 'en' });
    expect(screen.getByText('The pace, 0.9004, is below the on-track threshold of 0.95 but at or above 0.75.')).toBeTruthy();
  });

  test('a lower-is-better target works the gap the other way (case B, at risk)', () => {
    renderInApp(
      <StatusNumbers
        status={{
          ...caseA,
          status: 'at_risk',
          direction: 'decrease',
          progress: 0.6,
          expectedProgress: 0.7997,
          pace: 0.7503,
          expectedValue: 2.2801,
          gap: 0.4,
          baseline: { value: 2.6, date: '2015-12-31', source: 'explicit', observationId: null },
          target: { value: 2.2, date: '2020-12-31' },
          latest: { value: 2.36, date: '2019-12-31', observationId: 12 },
        }}
        indicator={{ unitLabel: 'km', measure: 'km' }}
      />,
    );
    expect(screen.getByRole('link', { name: 'Có nguy cơ chậm' })).toBeTruthy();
    expect(screen.getByText('= 2,6 − 2,2.')).toBeTruthy();
    expect(screen.getByText('= (2,6 − 2,36) / 0,4.')).toBeTruthy();
    expect(screen.getByText('0,7503')).toBeTruthy();
  });

  test('a definition error is said in words instead of an invented status', () => {
    renderInApp(
      <StatusNumbers
        status={{ ...caseA, status: 'no_target', progress: null, expectedProgress: null, pace: null, definitionError: { code: 'TARGET_NOT_BEYOND_BASELINE', message: 'The target is not beyond the baseline.' } }}
        indicator={{ unitLabel: '%', measure: 'percent' }}
      />,
    );
    const note = screen.getByRole('note');
    expect(note.textContent).toContain('Chỉ tiêu chưa đánh giá được:');
    expect(within(note).getByRole('link').getAttribute('href')).toBe('/method#when-a-target-cannot-be-evaluated');
  });

  test('in English with a decimal point', () => {
    renderInApp(<StatusNumbers status={caseA} indicator={{ unitLabel: '%', measure: 'percent' }} />, { locale: 'en' });
    expect(screen.getByRole('link', { name: 'On track' })).toBeTruthy();
    expect(screen.getAllByText('1.0604').length).toBeGreaterThan(0);
    expect(screen.getByText(/As of 30\/06\/2020/)).toBeTruthy();
  });
});

describe('TrendChart and its table', () => {
  const accepted = [
    { id: 45, period: '2014', periodEnd: '2014-12-31', value: 40 },
    { id: 46, period: '2019', periodEnd: '2019-12-31', value: 93 },
    { id: 47, period: '2017', periodEnd: '2017-12-31', value: 70, supersededAt: '2020-01-01T00:00:00Z' },
  ].map((o) => ({ numerator: null, denominator: null, state: 'accepted' as const, unitCode: 'HT', acceptedAt: '2020-01-01T00:00:00Z', supersededAt: null, ...o }));

  test('draws the plan, the accepted values (not superseded ones) and says so in words and in a table', () => {
    const data: TrendData = buildTrendData(caseA, accepted as never, 'percent');
    expect(data.actual.map((p) => p.value)).toEqual([40, 93]);
    renderInApp(
      <>
        <TrendChart data={data} unitLabel="%" title="Cán bộ cấp xã có máy tính" />
        <TrendTable data={data} unitLabel="%" caption="Bảng số liệu" />
      </>,
    );
    const chart = screen.getByRole('img', { name: /Diễn biến chỉ tiêu: Cán bộ cấp xã có máy tính/ });
    expect(chart.textContent).toContain('Giá trị gốc 40 ngày 31/12/2014.');
    expect(chart.textContent).toContain('Mục tiêu 100 hạn 31/12/2020.');
    expect(chart.textContent).toContain('2 số liệu được duyệt, mới nhất 93 ngày 31/12/2019.');
    const table = screen.getByRole('table', { name: 'Bảng số liệu' });
    const rows = within(table).getAllByRole('row').slice(1).map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['31/12/2014', 'Giá trị gốc', '40'],
      ['31/12/2014', 'Số liệu được duyệt', '40'],
      ['31/12/2019', 'Số liệu được duyệt', '93'],
      ['31/12/2020', 'Mục tiêu', '100'],
    ]);
    expect(within(table).getAllByRole('link', { name: 'Số liệu được duyệt' })[1]!.getAttribute('href')).toBe('/observations/46');
  });

  test('a forecast is drawn from the least-squares line to the deadline', () => {
    const data = buildTrendData({ ...caseA, forecast: 102.86, slopePerYear: 10.5537, projectedMet: true, forecastPoints: 3 }, accepted as never, 'percent');
    expect(data.forecast?.to).toEqual({ date: '2020-12-31', value: 102.86 });
    expect(data.forecast?.from.date).toBe('2014-12-31');
    expect(data.forecast!.from.value).toBeCloseTo(102.86 - (10.5537 / 365.25) * 2192, 2);
  });
});
