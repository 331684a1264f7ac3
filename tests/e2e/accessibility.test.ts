/**
 * Every main page, for the role that uses it, checked with axe-core in Chromium (WCAG 2.1 A and
 * AA): no serious or critical violation. Screenshots of each go to tests/artifacts/.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPage, seriousAxeViolations, signIn, visit, type DemoRole, type OpenedPage } from '../helpers/e2e-app';
import { launchBrowser, saveScreenshot } from '../helpers/e2e-browser';
import { startServer, type E2eServer } from '../helpers/e2e-server';

const PAGES: Record<DemoRole, [name: string, path: string][]> = {
  staff: [
    ['home-staff', '/'],
    ['todo', '/todo'],
    ['report-entry', '/report?indicator=HT-CNTT-CB-XA&unit=HT-STTTT&period=2020'],
    ['targets', '/targets'],
  ],
  leader: [
    ['home-leader', '/'],
    ['dashboard', '/dashboard?asOf=2020-06-30'],
    ['dashboard-by-unit', '/dashboard?by=unit&unit=HT-UBND'],
    ['dashboard-department-by-field', '/dashboard?by=field&unit=HT-STTTT&asOf=2020-06-30'],
    ['reporting', '/todo'],
    ['review', '/review'],
    ['plan', '/plans/HT-KH-CDS-2026-MAU'],
    ['target', '/targets/HT-CNTT-CB-XA?asOf=2020-06-30'],
    ['method', '/method'],
  ],
  auditor: [
    ['records', '/records?q=may%20tinh'],
    ['observation', '/observations/1'],
    ['audit', '/audit'],
  ],
  admin: [
    ['admin-units', '/admin/units'],
    ['admin-users', '/admin/users'],
    ['admin-plans', '/admin/plans'],
    ['admin-targets', '/admin/targets'],
    ['admin-import', '/admin/import'],
  ],
};

describe('accessibility of the main pages', () => {
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

  test('the sign-in page', async () => {
    const tab = await openPage(browser, server);
    opened.push(tab);
    await tab.page.goto('/');
    await tab.page.getByRole('heading', { level: 2, name: 'Tài khoản dùng thử' }).waitFor();
    expect(await seriousAxeViolations(tab.page)).toEqual([]);
  });

  for (const role of Object.keys(PAGES) as DemoRole[]) {
    test(`pages of the ${role}`, async () => {
      const tab = await openPage(browser, server);
      opened.push(tab);
      const { page } = tab;
      await signIn(page, role);
      const problems: string[] = [];
      for (const [name, path] of PAGES[role]) {
        await visit(page, path);
        problems.push(...(await seriousAxeViolations(page)).map((problem) => `${path}: ${problem}`));
        await saveScreenshot(page, `${name}-vi-laptop`);
      }
      expect(problems).toEqual([]);
    });
  }

  test('an admin dialog and the session dialog are accessible too', async () => {
    const tab = await openPage(browser, server);
    opened.push(tab);
    const { page } = tab;
    await signIn(page, 'admin');
    await visit(page, '/admin/units');
    await page.getByRole('button', { name: /^Sửa/ }).first().click();
    await page.getByRole('dialog').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'admin-unit-dialog-vi-laptop');
  });
});
