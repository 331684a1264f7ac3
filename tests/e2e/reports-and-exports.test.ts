/**
 * Periodic reports and exports in the browser: a leader drafts the HT 2026-Q3 report, reads its
 * preview, downloads the PDF and freezes it; an auditor exports the observations under HT as CSV,
 * follows the progress and downloads the CSV and the manifest; both pages pass axe.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPage, seriousAxeViolations, signIn, visit, waitForIdle, type OpenedPage } from '../helpers/e2e-app';
import { launchBrowser, saveScreenshot } from '../helpers/e2e-browser';
import { startServer, type E2eServer } from '../helpers/e2e-server';

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { download, bytes: await readFile(path) };
}

describe('periodic reports and exports', () => {
  let server: E2eServer;
  let browser: Browser;
  const opened: OpenedPage[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const { context, errors } of opened) {
      await context.close();
      expect(errors.map((error) => error.message)).toEqual([]);
    }
    await browser?.close();
    await server?.stop();
  });

  test('a leader drafts the HT 2026-Q3 report, previews it, downloads the PDF and freezes it', async () => {
    const tab = await openPage(browser, server);
    opened.push(tab);
    const { page } = tab;
    await signIn(page, 'leader');
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Báo cáo định kỳ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Báo cáo định kỳ' }).waitFor();
    await waitForIdle(page);
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Tạo báo cáo' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tạo báo cáo' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Đơn vị').inputValue()).toBe('HT');
    await dialog.getByLabel('Kỳ báo cáo').fill('2026-Q3');
    expect(await dialog.getByLabel('Cơ quan ban hành').inputValue()).toBe('UBND TỈNH HÀ TĨNH');
    await dialog.getByLabel('Số, ký hiệu').fill('125/BC-UBND');
    await dialog.getByLabel('Ngày ban hành').fill('2026-10-05');
    await dialog.getByRole('button', { name: 'Tạo bản dự thảo' }).click();

    await page.getByRole('heading', { level: 1, name: 'Báo cáo số 125/BC-UBND' }).waitFor();
    await page.getByRole('heading', { name: 'I. Kết quả chung' }).waitFor();
    await page.getByRole('heading', { name: '1. Theo lĩnh vực' }).waitFor();
    await page.getByText('Hà Tĩnh, ngày 05 tháng 10 năm 2026').waitFor();
    await page.getByText('DỰ THẢO', { exact: true }).waitFor();
    await waitForIdle(page);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'report-preview-vi-laptop');

    const pdf = await downloaded(page, () => page.getByRole('button', { name: 'Tải PDF' }).click());
    expect(pdf.download.suggestedFilename()).toBe('bao-cao-HT-2026-Q3-125-BC-UBND-du-thao.pdf');
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    await page.getByRole('button', { name: 'Chốt báo cáo' }).click();
    const confirm = page.getByRole('dialog', { name: 'Chốt báo cáo?' });
    await confirm.getByText(/không thể hoàn tác/).waitFor();
    await confirm.getByRole('button', { name: 'Chốt báo cáo' }).click();
    await page.getByRole('heading', { name: 'Thông tin chốt báo cáo' }).waitFor();
    await page.getByText('Đã chốt', { exact: true }).first().waitFor();
    const facts = page.locator('.report-frozen-facts');
    expect(await facts.locator('code.hash').count()).toBe(3);
    for (const hash of await facts.locator('code.hash').allTextContents()) expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await facts.textContent()).toContain('tiendo-status/1');
    expect(await page.getByRole('button', { name: 'Chốt báo cáo' }).count()).toBe(0);
    await page.getByRole('heading', { name: 'Nội dung báo cáo (số liệu đã chốt)' }).waitFor();
    await saveScreenshot(page, 'report-frozen-vi-laptop');

    const frozenPdf = await downloaded(page, () => page.getByRole('button', { name: 'Tải PDF' }).click());
    expect(frozenPdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  test('an auditor exports the observations under HT as CSV, follows it to the end and downloads the CSV and the manifest', async () => {
    const tab = await openPage(browser, server);
    opened.push(tab);
    const { page } = tab;
    await signIn(page, 'auditor');
    // The search box follows the address on Back.
    await visit(page, '/records');
    const search = page.getByLabel('Tên hoặc mã chỉ tiêu', { exact: true });
    for (const q of ['ha tinh', 'bac giang']) {
      await search.fill(q);
      await page.getByRole('main').getByRole('button', { name: 'Tìm', exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('q') === q);
    }
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('q') === 'ha tinh');
    await waitForIdle(page);
    // The box is refilled on the render after the address changes: give it a moment.
    for (let i = 0; i < 50 && (await search.inputValue()) !== 'ha tinh'; i++) await page.waitForTimeout(100);
    expect(await search.inputValue()).toBe('ha tinh');
    // From the records page, the export opens with the view's filters.
    await visit(page, '/records?under=HT');
    await page.getByRole('link', { name: 'Xuất', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Xuất dữ liệu' }).waitFor();
    await waitForIdle(page);
    expect(await page.getByLabel('Dữ liệu').inputValue()).toBe('observations');
    expect(await page.getByLabel('Đơn vị (gồm các đơn vị trực thuộc)').inputValue()).toBe('HT');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByLabel('CSV (UTF-8, mở được bằng Excel)').check();
    await page.getByRole('button', { name: 'Bắt đầu xuất' }).click();
    await page.getByRole('progressbar').waitFor();
    const files = page.getByRole('table', { name: 'Các tệp đã xuất' });
    await files.waitFor({ timeout: 20_000 });
    expect(await page.locator('.export-status').textContent()).toContain('Đã xong');
    const progress = page.getByRole('progressbar');
    expect(await progress.getAttribute('value')).toBe(await progress.getAttribute('max'));
    await files.getByRole('rowheader', { name: 'observations.csv' }).waitFor();
    await files.getByRole('rowheader', { name: /^manifest\.json/ }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'export-completed-vi-laptop');

    const csv = await downloaded(page, () => files.getByRole('button', { name: /Tải về\s*observations\.csv/ }).click());
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.bytes.subarray(3, 200).toString('utf8')).toMatch(/^"?id"?,/);

    const manifest = await downloaded(page, () => files.getByRole('button', { name: /Tải về\s*manifest\.json/ }).click());
    const parsed = JSON.parse(manifest.bytes.toString('utf8')) as { method: string; filters: Record<string, string>; files: { name: string; sha256: string }[] };
    expect(parsed.method).toBe('tiendo-export/1');
    expect(parsed.filters.under).toBe('HT');
    const listed = await files.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: 'observations.csv' }) }).locator('code.hash').textContent();
    expect(parsed.files.find((file) => file.name === 'observations.csv')?.sha256).toBe(listed);

    // The export is listed among the auditor's exports.
    await page.getByRole('heading', { name: /Các lần xuất của bạn/ }).waitFor();
    expect(await page.getByRole('table', { name: 'Các lần xuất của bạn' }).locator('tbody tr').count()).toBeGreaterThanOrEqual(1);
  });

  test('the audit page checks the hash chain and says it is intact', async () => {
    const tab = await openPage(browser, server);
    opened.push(tab);
    const { page } = tab;
    await signIn(page, 'auditor');
    await visit(page, '/audit');
    await page.getByRole('button', { name: 'Kiểm tra tính toàn vẹn' }).click();
    await page.getByText('Nhật ký toàn vẹn').waitFor();
    expect(await page.locator('.chain-intact code.hash').textContent()).toMatch(/^[0-9a-f]{64}$/);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
