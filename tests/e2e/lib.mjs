// Shared helpers of the browser scenarios (tests/e2e/*.mjs): each scenario starts its own
// portal on a free port with a throwaway data folder and a real SMTP server
// (tests/support/smtp-sink.mjs), drives Debian's Chromium (a 1280 × 720 window, or a phone's
// 375 × 667), and checks every page it visits with axe-core (no serious or critical
// violation), for CSP violations, for console errors and for a State brand block shown
// whole; a screenshot of each step is kept under $EXAMENS_ARTIFACTS.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const bin = process.env.EXAMENS_BIN ?? path.join(root, 'build/examens');
let artifacts = process.env.EXAMENS_ARTIFACTS ?? path.join(root, 'build/e2e');
const work = mkdtempSync(path.join(tmpdir(), 'examens-e2e-'));
const mailDir = path.join(work, 'mail-received');
const children = [];

export function log(message) { process.stdout.write(`e2e: ${message}\n`); }

// Screenshots go to $EXAMENS_ARTIFACTS, or to a sub-folder of it when given.
export function useArtifacts(subfolder) {
  if (subfolder) artifacts = path.join(artifacts, subfolder);
  mkdirSync(artifacts, { recursive: true });
  return artifacts;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

// Starts a child and resolves with the first stdout line matching `ready`.
export function start(command, args, env, ready) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, cwd: root });
    children.push(child);
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${command} not ready: ${out}`)), 120000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(ready);
      if (m) { clearTimeout(timer); resolve({ child, match: m }); }
    });
    child.stderr.on('data', (chunk) => {
      if (process.env.E2E_VERBOSE) process.stderr.write(chunk);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited with ${code}: ${out}`));
    });
  });
}

export function run(command, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, cwd: root, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args} exited ${code}`))));
  });
}

// The SMTP sink, then `examens <initArgs>` and `examens serve` on a free port; resolves
// with the portal's base address, and the instants (ms) between which `serve` was started
// and said it listens: its demo clock read 2026-11-23 10:00 at some instant in between.
export async function startPortal(initArgs) {
  const smtp = await start('node', [path.join(root, 'tests/support/smtp-sink.mjs'), '0', mailDir,
    '--exit-with-stdin'], {}, /SMTP_PORT=(\d+)/);
  const smtpPort = smtp.match[1];
  const port = await freePort();
  const env = {
    EXAMENS_PORT: String(port),
    EXAMENS_DATA_DIR: path.join(work, 'var'),
    EXAMENS_MAIL: `smtp://127.0.0.1:${smtpPort}`,
    EXAMENS_BASE_URL: `http://127.0.0.1:${port}`,
    EXAMENS_ROOT: root,
    // The demo clock keeps the demo windows in the states the scenarios expect.
    EXAMENS_DEMO_NOW: '2026-11-23 10:00',
  };
  await run(bin, initArgs, env);
  const startedAt = Date.now();
  await start(bin, ['serve'], env, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
  const readyAt = Date.now();
  const base = `http://127.0.0.1:${port}`;
  log(`portal on ${base}, SMTP on ${smtpPort}`);
  return { base, startedAt, readyAt };
}

// The messages received so far whose subject contains `subjectPart`, in arrival order.
export function mails(subjectPart) {
  if (!existsSync(mailDir)) return [];
  return readdirSync(mailDir).filter((f) => f.endsWith('.json'))
    .sort((a, b) => parseInt(a, 10) - parseInt(b, 10))
    .map((f) => JSON.parse(readFileSync(path.join(mailDir, f), 'utf8')))
    .filter((m) => m.subject.includes(subjectPart));
}

export async function waitForMail(subjectPart, count) {
  for (let i = 0; i < 300; i++) {
    const found = mails(subjectPart);
    if (found.length >= count) return found[count - 1];
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail "${subjectPart}" received`);
}

export function launchBrowser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
    args: ['--disable-background-networking', '--disable-component-update', '--no-first-run',
           '--disable-sync'] });
}

let step = 0;
const consoleErrors = [];

// The window of a desktop browser, and a phone's screen.
export const DESKTOP = { width: 1280, height: 720 };
export const PHONE = { width: 375, height: 667 };

// A context whose pages report CSP refusals on their console.
export async function newContext(browser, options = {}) {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: DESKTOP, ...options });
  // A CSP refusal names the script and line that caused it, so a failure says who.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP ${e.violatedDirective} by ${e.sourceFile}:${e.lineNumber} ` +
                    `sample=${e.sample}`);
    });
  });
  return context;
}

// A page whose console errors, script errors and failed sub-resources fail the next check.
export async function newPage(context) {
  const page = await context.newPage();
  // A refused form answers 4xx by design, which Chromium logs: judge sub-resources
  // by their responses instead, and every other console error (CSP, scripts) as is.
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource'))
      consoleErrors.push(msg.text());
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && response.request().resourceType() !== 'document')
      consoleErrors.push(`${response.status()} ${response.url()}`);
  });
  page.on('pageerror', (err) => consoleErrors.push(String(err)));
  return page;
}

// The text of the header's State brand block ("Ministère de l'Éducation nationale") is shown
// whole: no box around it that clips its overflow cuts it (it once read "DE L'ÉDUCATIC" when
// the header's links crowded it), and it stays inside the window.
export async function expectBrandVisible(page, name) {
  const cut = await page.locator('.fr-header .fr-header__logo .fr-logo').evaluate((logo) => {
    const range = document.createRange();
    range.selectNodeContents(logo);
    const text = range.getBoundingClientRect();
    if (text.width === 0) return 'the brand text has no box';
    for (let box = logo.parentElement; box; box = box.parentElement) {
      const style = getComputedStyle(box);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      const r = box.getBoundingClientRect();
      if (text.left < r.left - 0.5 || text.right > r.right + 0.5)
        return `text ${Math.round(text.left)}–${Math.round(text.right)} px clipped by ` +
               `.${box.className.split(' ').join('.')} (${Math.round(r.left)}–${Math.round(r.right)} px)`;
    }
    if (text.left < 0 || text.right > window.innerWidth) return 'text outside the window';
    return '';
  });
  if (cut) throw new Error(`brand block on ${name} (${page.url()}): ${cut}`);
}

// Nothing on the page is wider than the window, and no table scrolls sideways.
export async function expectNoHorizontalScroll(page, name) {
  const wide = await page.evaluate(() => {
    const out = [];
    if (document.documentElement.scrollWidth > window.innerWidth)
      out.push(`page ${document.documentElement.scrollWidth} px wide`);
    for (const c of document.querySelectorAll('.fr-table__container, .fr-table__content'))
      if (c.scrollWidth > c.clientWidth) out.push(`table ${c.scrollWidth} px in ${c.clientWidth} px`);
    return out.join(', ');
  });
  if (wide) throw new Error(`horizontal scroll on ${name} (${page.url()}): ${wide}`);
}

export async function check(page, name) {
  step += 1;
  const file = path.join(artifacts, `${String(step).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  // Errors of the page itself, before axe-core injects its own scripts into it.
  if (consoleErrors.length) throw new Error(`console errors on ${name}: ${consoleErrors.join(' | ')}`);
  await expectBrandVisible(page, name);
  const results = await new AxeBuilder({ page }).analyze();
  consoleErrors.length = 0;
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length) {
    throw new Error(`axe on ${name} (${page.url()}): ` +
      bad.map((v) => `${v.id} [${v.impact}] ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('; '));
  }
  log(`${name}: ok (${results.violations.length} minor axe finding(s))`);
  if (process.env.E2E_VERBOSE) {
    for (const v of results.violations)
      log(`  ${v.id} [${v.impact}] ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }
}

export async function expectText(page, text) {
  await page.getByText(text, { exact: false }).first().waitFor({ timeout: 10000 });
}

// Logs a staff member in through the office's login form; resolves on the office's home.
export async function staffLogin(page, base, email, password) {
  await page.goto(base + '/gestion/connexion');
  await page.getByLabel('Adresse mail', { exact: false }).fill(email);
  await page.locator('#mot_de_passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(base + '/gestion/');
}

// Runs a scenario: a hung step fails the run after `seconds`, and the servers it
// started are stopped and its data folder removed whatever happens.
export function runScenario(main, seconds = 300) {
  const deadline = setTimeout(() => {
    console.error(`e2e: FAILED: no result after ${seconds} s`);
    for (const child of children) child.kill('SIGKILL');
    process.exit(1);
  }, seconds * 1000);
  deadline.unref();

  main().then(() => {
    log(`passed; screenshots in ${artifacts}`);
  }, (err) => {
    console.error(`e2e: FAILED: ${err.stack ?? err}`);
    process.exitCode = 1;
  }).finally(() => {
    for (const child of children) child.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  });
}
