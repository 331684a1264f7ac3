/**
 * Administration in the browser: a stale edit meets the 409 conflict, explained with a choice;
 * an import is checked by a dry run that lists every problem before anything can be written.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO, openPage, signIn, visit, type OpenedPage } from '../helpers/e2e-app';
import { launchBrowser, saveScreenshot } from '../helpers/e2e-browser';
import { startServer, type E2eServer } from '../helpers/e2e-server';

describe('administration', () => {
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

  async function adminToken(): Promise<string> {
    const response = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(DEMO.admin),
    });
    return ((await response.json()) as { accessToken: string }).accessToken;
  }

  test('an edit made stale by someone else is refused with the 409 explained, and can overwrite on purpose', async () => {
    const tab = await openPage(browser, server);
    opened.push(tab);
    const { page } = tab;
    await signIn(page, 'admin');
    await visit(page, '/admin/units?q=huong%20khe');
    const row = page.getByRole('row').filter({ hasText: 'HT-HUONGKHE' });
    await row.getByRole('button', { name: /Sửa/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Sửa đơn vị HT-HUONGKHE' });
    await dialog.waitFor();

    // Meanwhile a colleague saves the same unit.
    const token = await adminToken();
    const current = (await (await fetch(`${server.baseUrl}/api/v1/units/HT-HUONGKHE`, { headers: { authorization: `Bearer ${token}` } })).json()) as { version: number };
    const patched = await fetch(`${server.baseUrl}/api/v1/units/HT-HUONGKHE`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ version: current.version, nameEn: 'Huong Khe district (edited elsewhere)' }),
    });
    expect(patched.status).toBe(200);

    await dialog.getByLabel('Tên tiếng Việt').fill('huyện Hương Khê (đã sửa)');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    const conflict = dialog.getByRole('alert').filter({ hasText: 'Có người đã sửa mục này trước bạn' });
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain(`phiên bản ${current.version + 1}`);
    // Nothing typed is lost.
    expect(await dialog.getByLabel('Tên tiếng Việt').inputValue()).toBe('huyện Hương Khê (đã sửa)');
    await saveScreenshot(page, 'admin-conflict-vi-laptop');

    await dialog.getByRole('button', { name: 'Giữ nội dung của tôi, lưu đè' }).click();
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await page.getByRole('status').getByText('Đã lưu.').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('row').filter({ hasText: 'huyện Hương Khê (đã sửa)' }).waitFor();
  });

  test('an import is dry-run first: every problem with its file, line and column; only a clean run can be written', async () => {
    const tab = await openPage(browser, server);
    opened.push(tab);
    const { page } = tab;
    await signIn(page, 'admin');
    await visit(page, '/admin/import');
    const write = page.getByRole('button', { name: 'Ghi vào hệ thống' });
    expect(await write.getAttribute('aria-disabled')).toBe('true');

    const bad = 'code,name_vi,name_en,type,parent_code\nHT-XA-01,Xã Một,Commune One,commune,HT-NOWHERE\nHT-XA-02,,Commune Two,village,HT\n';
    await page.getByLabel('units.csv').setInputFiles({ name: 'units.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByRole('button', { name: 'Chạy thử (kiểm tra)' }).click();
    const problems = page.getByRole('table', { name: 'Các lỗi trong tệp nhập' });
    await problems.waitFor();
    const rows = await problems.getByRole('row').allTextContents();
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.slice(1).every((row) => row.includes('units.csv'))).toBe(true);
    expect(rows.some((row) => row.includes('parent_code'))).toBe(true);
    expect(await write.getAttribute('aria-disabled')).toBe('true');
    await saveScreenshot(page, 'admin-import-problems-vi-laptop');

    const good = 'code,name_vi,name_en,type,parent_code\nHT-XA-01,Xã Một,Commune One,commune,HT\n';
    await page.getByLabel('units.csv').setInputFiles({ name: 'units-fixed.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await page.getByRole('button', { name: 'Chạy thử (kiểm tra)' }).click();
    await page.getByText('Chạy thử không có lỗi. Nếu ghi, hệ thống sẽ:').waitFor();
    expect(await write.getAttribute('aria-disabled')).toBe('false');
    await write.click();
    await page.getByText(/Đã ghi xong \(lần nhập #\d+\)\./).waitFor();
    await visit(page, '/admin/units?q=xa%20mot');
    await page.getByRole('row').filter({ hasText: 'HT-XA-01' }).waitFor();
  });
});
