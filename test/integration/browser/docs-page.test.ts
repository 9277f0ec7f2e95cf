import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startService, type ServiceProcess } from '../process/service-process.ts';

/**
 * The /docs page in a real browser: Debian's Chromium (never a downloaded one) driven by
 * playwright-core, against the real service. Signs in through the page (try-it-out on the login
 * operation, then Authorize with the token it answered), lists users from the page, and checks
 * that the page loaded nothing from another origin and broke no CSP rule on the way.
 */
const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = '.artifacts/docs-page.png';
const STEP = 15_000;
/**
 * For the waits on the service: its sign-in hashes at the OWASP scrypt cost, which on a machine busy
 * with the other suites can take seconds, well past expect.poll's default second.
 */
const PATIENT = { timeout: 20_000, interval: 100 };

describe('the /docs page in Chromium', () => {
  let service: ServiceProcess;
  let browser: Browser;
  let page: Page;
  const requested: string[] = [];
  const console: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`);
    [service, browser] = await Promise.all([
      startService({ DATA_DIR: 'memory' }),
      chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        timeout: STEP,
      }),
    ]);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(STEP);
    page.on('request', (request) => requested.push(request.url()));
    page.on('console', (message) => console.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => console.push(`pageerror: ${error.message}`));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (service) {
      service.child.kill('SIGTERM');
      await service.exit;
    }
  });

  it('signs in through the page, sends GET /api/users from it and shows the 200, loading only from the service', async () => {
    await page.goto(`${service.url}/`); // `/` points to the reference
    expect(new URL(page.url()).pathname).toBe('/docs');
    await page.locator('#operations-Authentication-login').waitFor();
    await expect.poll(() => page.locator('#tags a').allTextContents(), PATIENT).toEqual(expect.arrayContaining(['Users', 'Authentication']));
    expect(await page.locator('.opblock-summary-method').filter({ hasText: /^(HEAD|OPTIONS)$/ }).count()).toBe(0);
    expect(await page.locator('.opblock-summary-method').filter({ hasText: /^GET$/ }).count()).toBeGreaterThan(0);
    expect(await page.locator('.scheme-container button.authorize').count()).toBe(1);
    expect(await page.getByText(/jsonSchemaDialect|Warning/).count()).toBe(0);
    mkdirSync('.artifacts', { recursive: true });
    await page.screenshot({ path: '.artifacts/docs-page-top.png' });

    // Sign in: try-it-out on POST /api/auth/login with the admin's credentials.
    const login = page.locator('#operations-Authentication-login');
    await login.locator('.opblock-summary').click();
    await expect.poll(() => login.locator('textarea.body-param__text').inputValue(), PATIENT).toContain('ada@example.com'); // the body's example
    await login.locator('textarea.body-param__text').fill(JSON.stringify({ email: ADMIN.ADMIN_EMAIL, password: ADMIN.ADMIN_PASSWORD }));
    await login.locator('button.execute').click();
    const answer = login.locator('.live-responses-table .response-col_description pre').first();
    await expect.poll(async () => (await answer.textContent()) ?? '', PATIENT).toContain('accessToken');
    const token = (JSON.parse((await answer.textContent()) as string) as { data: { accessToken: string } }).data.accessToken;
    await login.locator('.opblock-summary').click();

    // Authorize with it.
    await page.locator('.scheme-container button.authorize').click();
    const dialog = page.locator('.modal-ux');
    await dialog.locator('input').first().fill(token);
    await dialog.locator('button.authorize').click();
    await dialog.locator('button.btn-done').click();
    await expect.poll(() => page.locator('.scheme-container button.authorize').getAttribute('class'), PATIENT).toContain('locked');

    // GET /api/users from the page.
    const list = page.locator('#operations-Users-listUsers');
    await list.locator('.opblock-summary').click();
    await list.locator('button.execute').click();
    const status = list.locator('.live-responses-table .response .response-col_status').first();
    await expect.poll(async () => (await status.textContent())?.trim(), PATIENT).toBe('200');
    await expect.poll(async () => (await list.locator('.live-responses-table .response-col_description pre').first().textContent()) ?? '', PATIENT).toContain(ADMIN.ADMIN_EMAIL);
    expect(await list.locator('.request-url pre, .curl').first().textContent()).toContain('/api/users');

    // The screenshot shows the request URL and the answer: the 200 and the listed users.
    await list.locator('.request-url').first().evaluate((node) => node.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: SCREENSHOT, fullPage: false });

    const origin = new URL(service.url).origin;
    expect(requested.length).toBeGreaterThan(0);
    expect(requested.filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin)).toEqual([]);
    expect(requested).toEqual(expect.arrayContaining([`${origin}/openapi.json`, `${origin}/api/auth/login`, expect.stringMatching(/\/api\/users(\?|$)/)]));
    expect(console.filter((line) => /Content Security Policy|Refused to|pageerror/i.test(line))).toEqual([]);
  }, 60_000);
});
