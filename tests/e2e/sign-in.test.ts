/**
 * Signing in and out in a real browser, against the built server and web app in demo mode.
 */
import { ROLE_NAMES } from '@tiendo/shared/roles';
import type { DemoAccountsResponse } from '@tiendo/shared/schemas/auth';
import type { Problem } from '@tiendo/shared/schemas/common';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { LAPTOP_VIEWPORT, launchBrowser, PHONE_VIEWPORT, saveScreenshot } from '../helpers/e2e-browser';
import { startServer, type E2eServer } from '../helpers/e2e-server';

type DemoAccount = DemoAccountsResponse['accounts'][number];

describe('sign-in', () => {
  let server: E2eServer;
  let browser: Browser;
  let staff: DemoAccount;
  const contexts: BrowserContext[] = [];
  const pageErrors: Error[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const response = await fetch(`${server.baseUrl}/api/v1/auth/demo-accounts`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as DemoAccountsResponse;
    const found = body.accounts.find((account) => account.email === 'staff@tiendo.demo');
    if (!found) throw new Error('The demo has no staff@tiendo.demo account');
    staff = found;
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    // Uncaught exceptions in the page fail the test that caused them.
    expect(pageErrors.splice(0).map((error) => error.message)).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openApp(viewport = LAPTOP_VIEWPORT): Promise<Page> {
    const context = await browser.newContext({ viewport, baseURL: server.baseUrl });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.goto('/');
    return page;
  }

  const htmlLang = (page: Page) => page.locator('html').getAttribute('lang');
  const focusedText = async (page: Page) => (await page.locator(':focus').textContent())?.trim();

  test('signs in with a demo account, switches to English, keeps both across a reload, signs out', async () => {
    const page = await openApp();

    await page.getByRole('heading', { level: 1, name: 'Đăng nhập', exact: true }).waitFor();
    expect(await htmlLang(page)).toBe('vi');
    await page.getByRole('heading', { name: 'Tài khoản dùng thử', exact: true }).waitFor();
    await saveScreenshot(page, 'sign-in-vi-laptop');

    const staffItem = page.getByRole('listitem').filter({ hasText: staff.email });
    await staffItem.getByRole('button', { name: 'Dùng tài khoản này' }).click();
    expect(await page.getByLabel('Email').inputValue()).toBe(staff.email);
    expect(await page.getByLabel('Mật khẩu').inputValue()).toBe(staff.password);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();

    await page.getByRole('heading', { level: 1, name: `Xin chào, ${staff.name}`, exact: true }).waitFor();
    await page.getByText(ROLE_NAMES.staff.vi, { exact: true }).waitFor();
    await page.getByText(`(${staff.unitCode})`).waitFor();
    await page.getByRole('banner').getByText('Tiến Độ', { exact: true }).waitFor();
    await saveScreenshot(page, 'home-vi-laptop');

    await page.getByLabel('Ngôn ngữ').selectOption('en');
    await page.getByRole('heading', { level: 1, name: `Hello, ${staff.name}`, exact: true }).waitFor();
    expect(await htmlLang(page)).toBe('en');
    await page.getByText(ROLE_NAMES.staff.en, { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await saveScreenshot(page, 'home-en-laptop');

    // The language is remembered; the session comes back from the refresh cookie.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: `Hello, ${staff.name}`, exact: true }).waitFor();
    expect(await htmlLang(page)).toBe('en');
    expect(await page.getByLabel('Language').inputValue()).toBe('en');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in', exact: true }).waitFor();
    // Signed out for good: a reload does not bring the session back.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Sign in', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    expect(await htmlLang(page)).toBe('en');
  });

  test('a wrong password shows the Vietnamese message for the problem’s code in the alert region', async () => {
    const page = await openApp();
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập', exact: true }).waitFor();

    await page.getByLabel('Email').fill(staff.email);
    await page.getByLabel('Mật khẩu').fill('not-the-password');
    const [response] = await Promise.all([
      page.waitForResponse((candidate) => new URL(candidate.url()).pathname === '/api/v1/auth/login'),
      page.getByRole('button', { name: 'Đăng nhập', exact: true }).click(),
    ]);
    expect(response.status()).toBe(401);
    expect(response.headers()['content-type']).toContain('application/problem+json');
    const problem = (await response.json()) as Problem;
    expect(problem.code).toBe('INVALID_CREDENTIALS');
    expect(problem.detail).not.toBe('');

    // The API's detail is English; the reader gets the message for its stable code, in Vietnamese.
    const alert = page.locator('.form-alert[role="alert"]');
    await expect.poll(() => alert.textContent()).toBe('Email hoặc mật khẩu không đúng.');
    expect(await page.getByLabel('Mật khẩu').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('heading', { level: 1, name: 'Đăng nhập', exact: true }).count()).toBe(1);
    await saveScreenshot(page, 'sign-in-wrong-password');
  });

  test('works with the keyboard alone on a phone-sized screen', async () => {
    const page = await openApp(PHONE_VIEWPORT);
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập', exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Tài khoản dùng thử', exact: true }).waitFor();
    await saveScreenshot(page, 'sign-in-vi-phone');

    // The first Tab reaches the skip link, which leads into the main content.
    await page.keyboard.press('Tab');
    expect(await focusedText(page)).toBe('Bỏ qua, đến nội dung chính');
    await page.keyboard.press('Enter');
    expect(await page.locator(':focus').getAttribute('id')).toBe('main-content');

    // "Use this account" fills the form and puts focus on the submit button.
    await page.getByRole('listitem').filter({ hasText: staff.email }).getByRole('button').focus();
    await page.keyboard.press('Enter');
    expect(await focusedText(page)).toBe('Đăng nhập');
    await page.keyboard.press('Enter');

    // After signing in, focus moves to the new page's heading.
    await page.getByRole('heading', { level: 1, name: `Xin chào, ${staff.name}`, exact: true }).waitFor();
    await expect.poll(() => focusedText(page)).toBe(`Xin chào, ${staff.name}`);
    await saveScreenshot(page, 'home-vi-phone');
  });
});
