/**
 * The language switch on a working page, numbers and dates in each language, and the "as of" date
 * kept in the URL so a view of the past can be shared by link.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPage, signIn, visit, type OpenedPage } from '../helpers/e2e-app';
import { launchBrowser, PHONE_VIEWPORT, saveScreenshot } from '../helpers/e2e-browser';
import { startServer, type E2eServer } from '../helpers/e2e-server';

describe('language and dates', () => {
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

  test('a shared link "as of 30/06/2020" shows that date’s statuses; the language switch changes words, numbers and dates', async () => {
    const tab = await openPage(browser, server);
    opened.push(tab);
    const { page } = tab;
    // A link shared by a colleague: signing in leads to it.
    await signIn(page, 'leader', '/targets/HT-CNTT-CB-XA?asOf=2020-06-30');
    await page.getByRole('heading', { level: 1, name: 'Tỷ lệ cán bộ cấp xã được trang bị máy tính' }).waitFor();
    await page.getByText('Đang xem số liệu tính đến ngày 30/06/2020').waitFor();
    const status = page.getByRole('region', { name: 'Trạng thái và cách tính' });
    await status.getByText('Đúng tiến độ', { exact: true }).waitFor();
    // The numbers behind the status, Vietnamese style: decimal comma.
    await status.getByText('1,0604', { exact: true }).waitFor();
    await status.getByText('0,8833').first().waitFor();
    await status.getByText('89,9818 %').waitFor();
    const badge = status.getByRole('link', { name: 'Đúng tiến độ' });
    expect(await badge.getAttribute('href')).toContain('/method#');

    // The date survives moving around the app.
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tổng quan' }).click();
    await page.getByRole('heading', { level: 1, name: /Tổng quan/ }).waitFor();
    expect(new URL(page.url()).searchParams.get('asOf')).toBe('2020-06-30');
    await page.getByText('Tính đến ngày 30/06/2020').first().waitFor();

    await page.getByLabel('Ngôn ngữ').selectOption('en');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('heading', { level: 1, name: 'Overview: Ha Tinh province' }).waitFor();
    await page.getByText('As of 30/06/2020').first().waitFor();
    await page.getByText('Showing figures as of 30/06/2020').waitFor();
    await page.getByRole('link', { name: 'On track' }).first().waitFor();
    await page.getByText('0.9783').first().waitFor();
    await saveScreenshot(page, 'dashboard-en-laptop');

    // Back to today with one button; the URL forgets the date.
    await page.getByRole('button', { name: 'Back to today' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('asOf')).toBeNull();
    await page.getByText('Showing figures up to today').waitFor();
    await page.getByLabel('Language').selectOption('vi');
    await page.getByRole('heading', { level: 1, name: 'Tổng quan: tỉnh Hà Tĩnh' }).waitFor();
  });

  test('targets are found by words typed without their marks; the unit filter offers only the reader\'s own units', async () => {
    const tab = await openPage(browser, server);
    opened.push(tab);
    const { page } = tab;
    await signIn(page, 'leader', '/targets');
    const results = page.getByRole('region', { name: 'Kết quả' });
    const search = page.getByRole('search', { name: 'Tên hoặc mã chỉ tiêu' });
    await search.getByLabel('Tên hoặc mã chỉ tiêu').fill('may tinh');
    await search.getByLabel('Tên hoặc mã chỉ tiêu').press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('may tinh');
    await results.getByText('HT-CNTT-CB-XA').first().waitFor();
    await expect.poll(async () => (await results.getByRole('row').count()) - 1).toBeLessThan(10);
    // Back empties the box with the address.
    await page.goBack();
    await expect.poll(() => search.getByLabel('Tên hoặc mã chỉ tiêu').inputValue()).toBe('');

    const unitOptions = await page.getByLabel('Đơn vị', { exact: true }).locator('option').evaluateAll((options) => options.map((o) => o.getAttribute('value')));
    expect(unitOptions).toContain('HT');
    expect(unitOptions).not.toContain('BG');
  });

  test('on a phone the menu opens from a button and the staff list reads as cards', async () => {
    const tab = await openPage(browser, server, { viewport: PHONE_VIEWPORT });
    opened.push(tab);
    const { page } = tab;
    await signIn(page, 'staff');
    const menu = page.getByRole('button', { name: 'Danh mục' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    // Escape closes it and leaves focus on its button.
    await page.keyboard.press('Escape');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await menu.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await menu.click();
    await page.getByRole('link', { name: 'Việc của tôi' }).click();
    await page.getByRole('heading', { level: 1, name: 'Chỉ tiêu của tôi kỳ này' }).waitFor();
    await visit(page, '/todo');
    // Each view's button is read with its count apart: "Cần làm: 46".
    await page.getByRole('button', { name: /^Cần làm\s*:\s*[\d.]+$/ }).waitFor();
    await saveScreenshot(page, 'todo-vi-phone');
    await visit(page, '/targets/HT-CNTT-CB-XA?asOf=2020-06-30');
    await saveScreenshot(page, 'target-vi-phone');
  });
});
