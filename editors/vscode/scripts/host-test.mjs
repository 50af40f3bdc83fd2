#!/usr/bin/env node
// Runs the extension-host tests (out/src/test/index.js) inside a real VS Code (code-server),
// driven by a real Chromium through playwright-core, against the real hive-ls; then checks in
// the UI that the status bar and a hover show what the server answered.
//
// node scripts/host-test.mjs --code-server DIR --chromium PATH --hive-ls PATH --fixture DIR
//   --vsix FILE [--artifacts DIR]
// The extension-host tests load the extension from this folder (extensionDevelopmentPath); the
// UI checks run the packaged .vsix, installed into code-server as a user would.
// Prints one line per test and exits 0 only when none failed.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const extensionDir = path.resolve(here, '..');

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  if (index > 0 && process.argv[index + 1] !== undefined) return process.argv[index + 1];
  if (fallback !== undefined) return fallback;
  throw new Error(`missing --${name}`);
}

const codeServer = path.resolve(option('code-server'));
const chromiumPath = option('chromium', '/usr/bin/chromium');
const hiveLs = path.resolve(option('hive-ls'));
const fixture = path.resolve(option('fixture'));
const vsix = path.resolve(option('vsix'));
const artifacts = path.resolve(option('artifacts', path.join(os.tmpdir(), 'hive-ls-host-test')));

const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
const log = (line) => process.stdout.write(`[${seconds()}s] ${line}\n`);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitForHttp(url, child, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}`);
    try {
      const response = await fetch(url, { redirect: 'manual' });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer at ${url} within ${ms} ms`);
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]);
}

// ---- a workspace, a user data dir and code-server ---------------------------------------------

fs.rmSync(artifacts, { recursive: true, force: true });
fs.mkdirSync(artifacts, { recursive: true });
const run = fs.mkdtempSync(path.join(os.tmpdir(), 'hive-ls-vscode-'));
const workspace = path.join(run, 'pyshop');
fs.cpSync(fixture, workspace, { recursive: true });
fs.mkdirSync(path.join(workspace, '.vscode'));
fs.writeFileSync(
  path.join(workspace, '.vscode', 'settings.json'),
  JSON.stringify({ 'hive-ls.server.path': hiveLs, 'hive-ls.index.exclude': ['app.py'] }, null, 2),
);
const userData = path.join(run, 'user-data');
fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
fs.writeFileSync(
  path.join(userData, 'User', 'settings.json'),
  JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'security.workspace.trust.enabled': false,
    'extensions.autoCheckUpdates': false,
    'telemetry.telemetryLevel': 'off',
    'editor.hover.delay': 100,
  }),
);
fs.writeFileSync(path.join(run, 'config.yaml'), 'auth: none\n');
const results = path.join(run, 'host-results.json');
const extensionsDir = path.join(run, 'extensions');
const codeServerEntry = path.join(codeServer, 'out', 'node', 'entry.js');
{
  const install = spawnSync(
    process.execPath,
    [codeServerEntry, '--config', path.join(run, 'config.yaml'), '--user-data-dir', userData,
      '--extensions-dir', extensionsDir, '--install-extension', vsix],
    { encoding: 'utf8', timeout: 60_000 },
  );
  if (install.status !== 0) {
    log(`FAILED: installing ${vsix} into code-server: ${install.stdout}${install.stderr}`);
    process.exit(1);
  }
  log(`installed ${path.basename(vsix)} into code-server`);
}
const port = await freePort();
const host = `127.0.0.1:${port}`;
const serverLog = fs.openSync(path.join(artifacts, 'code-server.log'), 'w');
const server = spawn(
  process.execPath,
  [
    codeServerEntry,
    '--config', path.join(run, 'config.yaml'),
    '--auth', 'none',
    '--bind-addr', host,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', userData,
    '--extensions-dir', extensionsDir,
    workspace,
  ],
  {
    stdio: ['ignore', serverLog, serverLog],
    env: { ...process.env, HIVE_HOST_RESULTS: results },
    detached: true,
  },
);
const stopServer = () => {
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // already gone
  }
};
process.on('exit', stopServer);

let browser;
let failures = 0;
try {
  await waitForHttp(`http://${host}/healthz`, server, 60_000);
  log(`code-server is up on ${host}`);
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update',
      '--disable-default-apps', '--disable-sync', '--no-first-run',
    ],
  });

  // ---- 1. the extension-host tests ----------------------------------------------------------
  const remote = (p) => `vscode-remote://${host}${p}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(extensionDir)],
    ['extensionTestsPath', remote(path.join(extensionDir, 'out', 'src', 'test', 'index.js'))],
  ]);
  const page = await browser.newPage();
  const consoleLines = [];
  page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  let exited;
  const exitCode = new Promise((resolve) => {
    exited = resolve;
  });
  await page.exposeFunction('codeAutomationExit', (code) => exited(code));
  const url = `http://${host}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`;
  await page.goto(url);
  let code;
  try {
    code = await withTimeout(exitCode, 180_000, 'the extension-host tests');
  } catch (error) {
    await page.screenshot({ path: path.join(artifacts, 'host-tests-timeout.png') });
    throw error;
  } finally {
    fs.writeFileSync(path.join(artifacts, 'browser-console.log'), consoleLines.join('\n'));
  }
  const outcomes = fs.existsSync(results) ? JSON.parse(fs.readFileSync(results, 'utf8')) : [];
  for (const r of outcomes) {
    const extra = r.outcome === 'passed' ? '' : `: ${r.detail}`;
    log(`${r.outcome.toUpperCase()} extension host: ${r.name} (${r.seconds}s)${extra}`);
  }
  if (outcomes.length === 0) {
    log('FAILED extension host: no test reported (see browser-console.log and code-server.log)');
    failures += 1;
  }
  failures += outcomes.filter((r) => r.outcome === 'failed').length;
  if (code !== 0 && failures === 0) {
    log(`FAILED extension host: run() ended with exit code ${code}`);
    failures += 1;
  }
  await page.close();

  // ---- 2. what a person sees, with the installed .vsix: the status bar and a hover -----------
  const ui = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const uiStarted = Date.now();
  try {
    await ui.goto(`http://${host}/?folder=${encodeURIComponent(workspace)}`);
    await ui.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // open shop/cart.py through Quick Open, as a person would
    await ui.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } });
    await ui.keyboard.press('Control+P');
    await ui.locator('.quick-input-widget input').waitFor({ timeout: 15_000 });
    await ui.keyboard.type('shop/cart.py');
    await ui.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 15_000 });
    await ui.keyboard.press('Enter');
    // the token may be `with_tax` or `pricing.with_tax`: hover over its end
    const word = ui.locator('.view-line span span', { hasText: /with_tax$/ }).first();
    await word.waitFor({ timeout: 30_000 });
    const status = ui.locator('.statusbar-item', { hasText: 'hive-ls 5 files' });
    await status.waitFor({ timeout: 30_000 });
    log(`PASSED ui: the status bar shows "${(await status.innerText()).trim()}" (${((Date.now() - uiStarted) / 1000).toFixed(1)}s)`);
    const hoverStarted = Date.now();
    let shown = '';
    for (let attempt = 0; attempt < 5 && !/Add tax to/.test(shown); attempt += 1) {
      const box = await word.boundingBox();
      if (box === null) throw new Error('with_tax is not visible');
      await word.hover({ position: { x: Math.max(1, box.width - 12), y: box.height / 2 } });
      try {
        const hover = ui.locator('.monaco-hover-content', { hasText: 'Add tax to' }).first();
        await hover.waitFor({ timeout: 4_000 });
        shown = await hover.innerText();
      } catch {
        await ui.mouse.move(5, 5); // move away and try again: the server may still be indexing
      }
    }
    if (!/Add tax to/.test(shown)) throw new Error('no hover with "Add tax to" appeared over with_tax');
    log(`PASSED ui: hovering with_tax shows "${shown.split('\n').slice(0, 2).join(' | ')}" (${((Date.now() - hoverStarted) / 1000).toFixed(1)}s)`);
    await ui.screenshot({ path: path.join(artifacts, 'hover.png') });
  } catch (error) {
    failures += 1;
    log(`FAILED ui: ${error instanceof Error ? error.message : String(error)}`);
    await ui.screenshot({ path: path.join(artifacts, 'ui-failure.png') }).catch(() => undefined);
  }
} catch (error) {
  failures += 1;
  log(`FAILED: ${error instanceof Error ? error.stack : String(error)}`);
} finally {
  await browser?.close().catch(() => undefined);
  stopServer();
  fs.rmSync(run, { recursive: true, force: true });
}
log(failures === 0 ? 'all VS Code tests passed' : `${failures} VS Code test(s) failed (logs in ${artifacts})`);
process.exit(failures === 0 ? 0 : 1);
