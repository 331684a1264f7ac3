/**
 * Helpers for browser tests of the web app: signing in a demo account, checking a page with
 * axe-core, and small files to upload.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { LAPTOP_VIEWPORT } from './e2e-browser';
import type { E2eServer } from './e2e-server';

export const DEMO = {
  staff: { email: 'staff@tiendo.demo', password: 'TienDo-Staff-2026' },
  leader: { email: 'leader@tiendo.demo', password: 'TienDo-Leader-2026' },
  auditor: { email: 'auditor@tiendo.demo', password: 'TienDo-Auditor-2026' },
  admin: { email: 'admin@tiendo.demo', password: 'TienDo-Admin-2026' },
} as const;
export type DemoRole = keyof typeof DEMO;

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions in the page; a test expects none. */
  errors: Error[];
}

/** A new browser context (its own cookies, so its own session), in Vietnamese as a Vietnamese user's browser would be. */
export async function openPage(browser: Browser, server: E2eServer, options: { viewport?: { width: number; height: number } } = {}): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport: options.viewport ?? LAPTOP_VIEWPORT,
    baseURL: server.baseUrl,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  return { context, page, errors };
}

/** Signs in through the sign-in form (Vietnamese) and waits for the home page. */
export async function signIn(page: Page, role: DemoRole, path = '/'): Promise<void> {
  await page.goto(path);
  await page.getByLabel('Email').fill(DEMO[role].email);
  await page.getByLabel('Mật khẩu').fill(DEMO[role].password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
}

/** Goes to a page of the app and waits until its heading is there and nothing is loading. */
export async function visit(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.locator('main h1').first().waitFor();
  await waitForIdle(page);
}

/** Until no "loading" line is shown. */
export async function waitForIdle(page: Page, timeoutMs = 15_000): Promise<void> {
  // Polled from here: the page's CSP forbids the eval that waitForFunction would need.
  const deadline = Date.now() + timeoutMs;
  while ((await page.locator('.loading').count()) > 0) {
    if (Date.now() > deadline) throw new Error(`${page.url()} was still loading after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * Runs axe-core in the page (WCAG 2.1 A and AA rules) and returns the serious and critical
 * violations, described for a readable failure. Injected through the DevTools protocol, which
 * the page's Content-Security-Policy does not govern.
 */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate('typeof window.axe !== "undefined"');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) })))`,
  )) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')} (${n.failureSummary ?? ''})`).join('; ')}`);
}

/** The smallest PDF the server's content check accepts as a PDF: a header, one empty page, a trailer. */
export function tinyPdf(text = 'Tien Do evidence'): Buffer {
  const objects = [
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    `3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R >> endobj`,
    `4 0 obj << /Length ${text.length + 24} >> stream\nBT /F1 12 Tf 10 50 Td (${text}) Tj ET\nendstream endobj`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (const object of objects) {
    offsets.push(body.length);
    body += `${object}\n`;
  }
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer << /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
