/**
 * The reporting workflow in real browsers, one per person: a staff member reports a value with
 * evidence, a leader returns it with a reason, the staff member corrects and resubmits, the leader
 * accepts, and the dashboard's status changes. Also: a session that expires mid-form keeps the form.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPage, signIn, tinyPdf, visit, waitForIdle, type OpenedPage } from '../helpers/e2e-app';
import { launchBrowser, saveScreenshot } from '../helpers/e2e-browser';
import { startServer, type E2eServer } from '../helpers/e2e-server';

const TARGET = 'HT-CNTT-CB-XA';
const TARGET_NAME = 'Tỷ lệ cán bộ cấp xã được trang bị máy tính';
const RETURN_REASON = 'Thiếu quyết định phê duyệt; số liệu 98 % chưa khớp báo cáo tổng hợp của 262 xã.';

describe('reporting workflow', () => {
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

  async function as(role: 'staff' | 'leader'): Promise<Page> {
    const tab = await openPage(browser, server);
    opened.push(tab);
    await signIn(tab.page, role);
    return tab.page;
  }

  /** The number of targets in a status on the dashboard's overall counts. */
  async function overallCount(page: Page, status: string): Promise<number> {
    const text = await page.locator(`.status-counts .status-${status} .status-count-number`).first().textContent();
    return Number(text?.replace(/\D/g, ''));
  }

  test('report with evidence → returned with a reason → corrected and resubmitted → accepted → the dashboard moves', async () => {
    const staff = await as('staff');
    const leader = await as('leader');

    // The leader's dashboard before: the target's deadline has passed short of 100 %.
    await visit(leader, '/dashboard');
    const achievedBefore = await overallCount(leader, 'achieved');
    const missedBefore = await overallCount(leader, 'missed');
    await visit(leader, `/targets/${TARGET}`);
    await leader.getByRole('region', { name: 'Trạng thái và cách tính' }).getByText('Không đạt', { exact: true }).waitFor();

    // Staff: the 2020 report is overdue in their list; enter it with a comment and a PDF.
    await visit(staff, '/todo?from=2020-01-01&to=2020-12-31');
    const row = staff.getByRole('row').filter({ hasText: TARGET });
    await row.getByText('Quá hạn').waitFor();
    await row.getByRole('link', { name: /Nhập số liệu/ }).click();
    await staff.getByRole('heading', { level: 1, name: 'Nhập số liệu: Năm 2020' }).waitFor();
    const newReportUrl = new URL(staff.url());
    await staff.getByLabel('Giá trị (%)').fill('98');
    await staff.getByText('Hiểu là: 98').waitFor();
    await staff.getByLabel('Ghi chú, giải trình').fill('Đã trang bị thêm máy tính cho 12 xã.');
    await staff.getByLabel('Đính kèm tệp minh chứng').setInputFiles({ name: 'quyet-dinh-trang-bi.pdf', mimeType: 'application/pdf', buffer: tinyPdf() });
    await staff.locator('.pending-files .file-name').getByText('quyet-dinh-trang-bi.pdf').waitFor();
    await saveScreenshot(staff, 'report-entry-vi-laptop');
    await staff.getByRole('button', { name: 'Lưu và gửi duyệt' }).click();

    await staff.getByRole('status').getByText('Đã gửi báo cáo để lãnh đạo duyệt.').waitFor();
    await staff.getByRole('heading', { level: 1, name: 'Báo cáo kỳ Năm 2020' }).waitFor();
    await staff.getByText('Đã gửi, chờ duyệt').first().waitFor();
    await staff.getByRole('cell', { name: /quyet-dinh-trang-bi\.pdf/ }).or(staff.getByRole('rowheader', { name: /quyet-dinh-trang-bi\.pdf/ })).first().waitFor();
    const observationUrl = new URL(staff.url()).pathname;

    // Back leads to the to-do list, not to an empty form for a report already sent …
    await staff.goBack();
    await staff.getByRole('heading', { level: 1, name: 'Chỉ tiêu của tôi kỳ này' }).waitFor();
    // … and a form for it opened again says the report exists, and links to it.
    await visit(staff, `${newReportUrl.pathname}${newReportUrl.search}`);
    await staff.getByLabel('Giá trị (%)').fill('97');
    await staff.getByRole('button', { name: 'Lưu nháp' }).click();
    await staff.getByRole('alert').getByText(/Đã có một báo cáo cho chỉ tiêu, đơn vị và kỳ này/).waitFor();
    await staff.getByRole('link', { name: 'Xem báo cáo' }).click();
    await staff.getByRole('heading', { level: 1, name: 'Báo cáo kỳ Năm 2020' }).waitFor();
    expect(new URL(staff.url()).pathname).toBe(observationUrl);

    // Leader: the report is in the review queue with its evidence, which downloads; return it.
    await visit(leader, '/review');
    const card = leader.getByRole('article').filter({ hasText: TARGET_NAME });
    await card.getByText('98 %').waitFor();
    await card.locator('.file-name').getByText('quyet-dinh-trang-bi.pdf').waitFor();
    const [download] = await Promise.all([leader.waitForEvent('download'), card.getByRole('button', { name: /Tải về/ }).click()]);
    expect(download.suggestedFilename()).toBe('quyet-dinh-trang-bi.pdf');
    await saveScreenshot(leader, 'review-queue-vi-laptop');
    await card.getByRole('button', { name: /^Trả lại/ }).click();
    await card.getByLabel('Lý do trả lại').fill(RETURN_REASON);
    await card.getByRole('button', { name: 'Trả lại kèm lý do' }).click();
    await leader.getByRole('status').getByText('Đã trả lại báo cáo kèm lý do.').waitFor();
    // The card has left the queue; focus is still on the page, not lost to its body.
    await expect.poll(() => leader.locator('body').evaluate((body) => body.ownerDocument.activeElement?.tagName)).not.toBe('BODY');

    // Staff: the returned report shows the reason; correct it and resubmit.
    await visit(staff, '/todo?from=2020-01-01&to=2020-12-31&view=returned');
    const returned = staff.getByRole('row').filter({ hasText: TARGET });
    await returned.getByText(RETURN_REASON).waitFor();
    await saveScreenshot(staff, 'todo-returned-vi-laptop');
    await returned.getByRole('link', { name: /Sửa và gửi/ }).click();
    await staff.getByText(RETURN_REASON).waitFor();
    const value = staff.getByLabel('Giá trị (%)');
    expect(await value.inputValue()).toBe('98');
    await value.fill('100');
    await staff.getByLabel('Ghi chú, giải trình').fill('Đã bổ sung quyết định; toàn bộ 262 xã đã trang bị đủ.');
    await staff.getByRole('button', { name: 'Lưu và gửi duyệt' }).click();
    await staff.getByRole('heading', { level: 1, name: 'Báo cáo kỳ Năm 2020' }).waitFor();
    await staff.getByText('Đã gửi, chờ duyệt').first().waitFor();
    expect(new URL(staff.url()).pathname).toBe(observationUrl);

    // Leader: accept from the report's own page.
    await visit(leader, observationUrl);
    await leader.getByText('100 %').first().waitFor();
    await leader.getByRole('button', { name: /^Chấp nhận/ }).click();
    await leader.getByRole('status').getByText('Đã chấp nhận báo cáo.').waitFor();
    await leader.getByText('Đã duyệt', { exact: true }).first().waitFor();
    // The buttons are gone: focus moves to the report's section, whose state now says accepted.
    await expect.poll(() => leader.locator('body').evaluate((body) => body.ownerDocument.activeElement?.textContent)).toBe('Nội dung báo cáo');

    // The dashboard and the target page move: achieved, no longer missed.
    await visit(leader, '/dashboard');
    await expect.poll(() => overallCount(leader, 'achieved')).toBe(achievedBefore + 1);
    expect(await overallCount(leader, 'missed')).toBe(missedBefore - 1);
    await saveScreenshot(leader, 'dashboard-vi-laptop');
    await visit(leader, `/targets/${TARGET}`);
    await leader.getByRole('region', { name: 'Trạng thái và cách tính' }).getByText('Đã đạt', { exact: true }).waitFor();
    await saveScreenshot(leader, 'target-vi-laptop');

    // Staff corrects the accepted value: a new version, the accepted one stays until it is accepted.
    await visit(staff, observationUrl);
    await staff.getByRole('link', { name: 'Sửa số liệu đã duyệt (tạo phiên bản mới)' }).click();
    await staff.getByRole('heading', { level: 1, name: 'Sửa số liệu đã duyệt: Năm 2020' }).waitFor();
    expect(await staff.getByLabel('Giá trị (%)').inputValue()).toBe('100');
    await staff.getByLabel('Giá trị (%)').fill('99,5');
    // Leaving with the change unsaved asks first; staying keeps what was typed.
    await staff.locator('.breadcrumbs').getByRole('link', { name: 'Việc của tôi' }).click();
    const leave = staff.getByRole('dialog', { name: 'Rời trang khi chưa lưu?' });
    await leave.waitFor();
    await leave.getByRole('button', { name: 'Ở lại để lưu' }).click();
    await leave.waitFor({ state: 'hidden' });
    expect(await staff.getByLabel('Giá trị (%)').inputValue()).toBe('99,5');
    await staff.getByRole('button', { name: 'Lưu nháp' }).click();
    await staff.getByRole('status').getByText('Đã lưu bản sửa (bản nháp). Gửi duyệt khi sẵn sàng.').waitFor();
    await staff.getByText('Phiên bản 2').first().waitFor();

    // An auditor reads the full history: both versions, who did what and why, and the audit trail.
    const auditorTab = await openPage(browser, server);
    opened.push(auditorTab);
    const auditor = auditorTab.page;
    await signIn(auditor, 'auditor');
    await visit(auditor, observationUrl);
    const versions = auditor.getByRole('region', { name: 'Các phiên bản' });
    await versions.getByRole('rowheader', { name: 'Phiên bản 1' }).waitFor();
    await versions.getByRole('rowheader', { name: 'Phiên bản 2' }).waitFor();
    await versions.getByText('99,5 %').waitFor();
    const trail = auditor.getByRole('region', { name: 'Nhật ký thao tác' });
    for (const action of ['observation.create', 'observation.submit', 'observation.return', 'observation.accept']) {
      await trail.getByText(action, { exact: true }).first().waitFor();
    }
    // Each action is also said in words, and each person's role by its name.
    for (const words of ['Tạo báo cáo', 'Gửi duyệt', 'Trả lại', 'Chấp nhận']) await trail.getByText(words, { exact: true }).first().waitFor();
    await trail.getByText('(Lãnh đạo)').first().waitFor();
    await trail.getByText(RETURN_REASON).first().waitFor();
    await saveScreenshot(auditor, 'observation-history-vi-laptop');
  });

  test('a session that ends mid-form keeps what was typed and saves after signing in again', async () => {
    const tab = await openPage(browser, server);
    opened.push(tab);
    const { page } = tab;
    await signIn(page, 'staff');
    await visit(page, `/report?indicator=HT-PB-BANKINH&unit=HT-STTTT&period=2020`);
    await page.getByLabel('Giá trị (km/điểm phục vụ)').fill('2,25');
    await page.getByText('Hiểu là: 2,25').waitFor();
    await page.getByLabel('Ghi chú, giải trình').fill('Bán kính phục vụ giảm nhờ thêm điểm bưu điện văn hóa xã.');

    // The access token is refused and the refresh cookie is gone: the session has ended.
    let refused = false;
    await page.route('**/api/v1/observations', async (route) => {
      if (!refused && route.request().method() === 'POST') {
        refused = true;
        await route.fulfill({ status: 401, contentType: 'application/problem+json', body: JSON.stringify({ type: 'about:blank', title: 'Unauthorized', status: 401, code: 'TOKEN_EXPIRED', detail: 'The access token has expired.' }) });
      } else {
        await route.fallback();
      }
    });
    await page.context().clearCookies();
    await page.getByRole('button', { name: 'Lưu nháp' }).click();

    const dialog = page.getByRole('dialog', { name: 'Phiên đăng nhập đã hết hạn' });
    await dialog.waitFor();
    await saveScreenshot(page, 'session-expired-vi-laptop');
    await dialog.getByLabel('Mật khẩu').fill('TienDo-Staff-2026');
    await dialog.getByRole('button', { name: 'Đăng nhập lại' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Everything typed is still there; saving again works.
    expect(await page.getByLabel('Giá trị (km/điểm phục vụ)').inputValue()).toBe('2,25');
    expect(await page.getByLabel('Ghi chú, giải trình').inputValue()).toBe('Bán kính phục vụ giảm nhờ thêm điểm bưu điện văn hóa xã.');
    await page.getByRole('button', { name: 'Lưu nháp' }).click();
    await page.getByRole('status').getByText('Đã lưu bản nháp.').waitFor();
    await expect.poll(() => new URL(page.url()).searchParams.get('id')).not.toBeNull();
    await waitForIdle(page);
    expect(await page.getByLabel('Giá trị (km/điểm phục vụ)').inputValue()).toBe('2,25');
  });
});
