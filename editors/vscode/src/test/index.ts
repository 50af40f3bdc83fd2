/**
 * Integration tests that run inside a real VS Code extension host (code-server), driven by
 * `scripts/host-test.mjs`, against the real hive-ls on a copy of `tests/fixtures/pyshop`
 * whose `.vscode/settings.json` excludes `app.py` (which proves settings reach the server).
 *
 * A test for a feature the server does not advertise yet is skipped with the name of the
 * missing capability; it runs for real once the server advertises it.
 */

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CommandOutcome, HiveApi } from '../extension';
import * as ext from '../ext';

class Skip extends Error {}

interface Outcome {
  name: string;
  outcome: 'passed' | 'failed' | 'skipped';
  detail: string;
  seconds: number;
}

type Test = (api: HiveApi) => Promise<void>;

const folder = (): vscode.Uri => {
  const first = vscode.workspace.workspaceFolders?.[0];
  assert.ok(first, 'no workspace folder is open');
  return first.uri;
};

const file = (relative: string): vscode.Uri => vscode.Uri.joinPath(folder(), relative);

async function open(relative: string, line: number, character: number): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(file(relative));
  const at = new vscode.Position(line, character);
  editor.selection = new vscode.Selection(at, at);
  return editor;
}

function capabilities(api: HiveApi, client: Awaited<ReturnType<HiveApi['ready']>>): {
  codeLens: boolean; callHierarchy: boolean; methods: string[]; commands: string[];
} {
  const caps = client.initializeResult?.capabilities;
  return {
    codeLens: caps?.codeLensProvider !== undefined && caps.codeLensProvider !== null,
    callHierarchy: caps?.callHierarchyProvider !== undefined && caps.callHierarchyProvider !== false,
    methods: api.served().methods,
    commands: api.served().commands,
  };
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const tests: Record<string, Test> = {
  'the server starts and hive/status reports the index (settings applied: app.py excluded)': async (api) => {
    const status = await until('a complete index', () =>
      api.status()?.indexing.complete === true ? api.status() : undefined);
    assert.deepStrictEqual(status.languages, { python: 5 }, JSON.stringify(status));
    assert.strictEqual(status.files, 5);
    assert.ok(status.symbols > 10, `only ${status.symbols} symbols`);
    const text = await until('the status bar to show the file count', () =>
      api.statusBarText().includes('5 files') ? api.statusBarText() : undefined);
    assert.match(text, /hive-ls 5 files/);
  },

  hover: async () => {
    await open('shop/cart.py', 22, 25);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider', file('shop/cart.py'), new vscode.Position(22, 25));
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    assert.match(text, /with_tax/, text);
    assert.match(text, /Add tax to/, text);
  },

  'document symbols': async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
      'vscode.executeDocumentSymbolProvider', file('shop/cart.py'));
    const cart = symbols.find((s) => s.name === 'Cart');
    assert.ok(cart, `no Cart in ${symbols.map((s) => s.name).join(', ')}`);
    assert.strictEqual(cart.kind, vscode.SymbolKind.Class);
    assert.deepStrictEqual(cart.children.map((c) => c.name), ['__init__', 'add', 'total', 'checkout']);
    assert.strictEqual(cart.children[2]?.range.start.line, 19);
  },

  definition: async () => {
    const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider', file('shop/cart.py'), new vscode.Position(22, 25));
    const targets = found.map((l) => ('targetUri' in l ? l.targetUri : l.uri).path);
    assert.ok(targets.some((p) => p.endsWith('/shop/pricing.py')), targets.join(', '));
  },

  'code lens': async (api) => {
    const client = await api.ready();
    if (!capabilities(api, client).codeLens) {
      throw new Skip('the server does not advertise codeLensProvider');
    }
    await open('shop/pricing.py', 10, 4);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider', file('shop/pricing.py'), 100);
    const onWithTax = lenses.filter((l) => l.range.start.line === 10);
    assert.ok(onWithTax.length > 0, `no lens on with_tax: ${JSON.stringify(lenses.map((l) => l.range.start.line))}`);
    const titles = onWithTax.map((l) => l.command?.title ?? '');
    assert.ok(titles.every((t) => t !== ''), `an unresolved lens: ${JSON.stringify(titles)}`);
    // with_tax has one caller left once app.py is excluded: Cart.total
    assert.ok(titles.some((t) => /\b1\b/.test(t)), `no count of 1 caller in ${JSON.stringify(titles)}`);
    const routed = onWithTax.find((l) => l.command?.command === 'hive-ls.runServerCommand');
    if (routed?.command !== undefined) {
      const outcome = await vscode.commands.executeCommand<CommandOutcome>(
        routed.command.command, ...(routed.command.arguments ?? []));
      assert.ok(outcome.served, outcome.title);
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    }
  },

  'call hierarchy': async (api) => {
    const client = await api.ready();
    if (!capabilities(api, client).callHierarchy) {
      throw new Skip('the server does not advertise callHierarchyProvider');
    }
    const items = await vscode.commands.executeCommand<vscode.CallHierarchyItem[]>(
      'vscode.prepareCallHierarchy', file('shop/pricing.py'), new vscode.Position(10, 5));
    assert.ok(items.length > 0, 'prepareCallHierarchy found nothing on with_tax');
    const incoming = await vscode.commands.executeCommand<vscode.CallHierarchyIncomingCall[]>(
      'vscode.provideIncomingCalls', items[0]);
    assert.ok(incoming.some((c) => c.from.name.includes('total')),
      `callers: ${incoming.map((c) => c.from.name).join(', ')}`);
  },

  'the impact command': async (api) => {
    await api.ready();
    if (!api.served().methods.includes(ext.IMPACT) && !api.served().commands.includes(ext.COMMAND_IMPACT)) {
      throw new Skip(`the server lists neither ${ext.IMPACT} nor ${ext.COMMAND_IMPACT} in capabilities.experimental.hive`);
    }
    await open('shop/pricing.py', 10, 5);
    const outcome = await vscode.commands.executeCommand<CommandOutcome>('hive-ls.showImpact');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.ok(outcome.served, outcome.title);
    const names = outcome.rows.filter((r) => !r.separator).map((r) => r.label);
    assert.ok(names.some((n) => n.includes('total')), `impact of with_tax: ${names.join(', ')}`);
    assert.ok(names.some((n) => n.includes('test_total')), `no test_total among ${names.join(', ')}`);
  },

  'the impact command says when the server does not serve it': async (api) => {
    await api.ready();
    if (api.served().methods.includes(ext.IMPACT) || api.served().commands.includes(ext.COMMAND_IMPACT)) {
      throw new Skip(`the server serves ${ext.IMPACT}: covered by "the impact command"`);
    }
    await open('shop/pricing.py', 10, 5);
    const outcome = await vscode.commands.executeCommand<CommandOutcome>('hive-ls.showImpact');
    assert.strictEqual(outcome.served, false);
    assert.match(outcome.title, /does not serve hive\/impact/);
  },

  'tests for this change': async (api) => {
    await api.ready();
    if (!api.served().methods.includes(ext.TESTS_FOR) && !api.served().commands.includes(ext.COMMAND_TESTS_FOR)) {
      throw new Skip(`the server lists neither ${ext.TESTS_FOR} nor ${ext.COMMAND_TESTS_FOR} in capabilities.experimental.hive`);
    }
    await open('shop/pricing.py', 10, 5);
    // the command form (hive.testsFor) takes a position only; files need the request
    const scopes = api.served().methods.includes(ext.TESTS_FOR) ? (['symbol', 'file'] as const) : (['symbol'] as const);
    for (const scope of scopes) {
      const outcome = await vscode.commands.executeCommand<CommandOutcome>('hive-ls.testsForChange', scope);
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      const names = outcome.rows.map((r) => r.label);
      assert.ok(names.some((n) => n.includes('test_total')), `tests for the ${scope}: ${names.join(', ')}`);
      assert.ok(outcome.rows.some((r) => r.detail.startsWith('tests/test_cart.py:')), JSON.stringify(outcome.rows));
    }
  },

  'search code': async (api) => {
    await api.ready();
    const outcome = await vscode.commands.executeCommand<CommandOutcome>('hive-ls.search', 'with_tax');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    const expected = api.served().methods.includes(ext.SEARCH) || api.served().commands.includes(ext.COMMAND_SEARCH)
      ? [ext.SEARCH, ext.COMMAND_SEARCH] : ['workspace/symbol'];
    assert.ok(expected.includes(outcome.via), `answered via ${outcome.via}`);
    assert.ok(outcome.rows.some((r) => r.label.includes('with_tax') && r.detail.startsWith('shop/pricing.py:11')),
      JSON.stringify(outcome.rows));
  },

  're-index': async (api) => {
    const outcome = await vscode.commands.executeCommand<CommandOutcome>('hive-ls.reindex');
    assert.ok(outcome.served);
    const status = await until('a complete index after re-indexing', () =>
      api.status()?.indexing.complete === true ? api.status() : undefined);
    assert.strictEqual(status.files, 5);
  },
};

export async function run(): Promise<void> {
  const report = process.env['HIVE_HOST_RESULTS'] ?? path.join(folder().fsPath, '..', 'host-results.json');
  const extension = vscode.extensions.getExtension<HiveApi>('hive-ls.hive-ls');
  assert.ok(extension, 'the hive-ls extension is not installed in this extension host');
  const results: Outcome[] = [];
  const api = await extension.activate();
  try {
    await api.ready();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    results.push({ name: 'the server starts', outcome: 'failed', detail, seconds: 0 });
    fs.writeFileSync(report, JSON.stringify(results, null, 2));
    throw error;
  }
  for (const [name, test] of Object.entries(tests)) {
    const started = Date.now();
    let outcome: Outcome['outcome'] = 'passed';
    let detail = '';
    try {
      await test(api);
    } catch (error) {
      outcome = error instanceof Skip ? 'skipped' : 'failed';
      detail = error instanceof Error ? (error instanceof Skip ? error.message : error.stack ?? error.message) : String(error);
    }
    results.push({ name, outcome, detail, seconds: (Date.now() - started) / 1000 });
    fs.writeFileSync(report, JSON.stringify(results, null, 2));
  }
  const failed = results.filter((r) => r.outcome === 'failed');
  if (failed.length > 0) {
    throw new Error(`${failed.length} extension-host test(s) failed: ${failed.map((f) => f.name).join(', ')}`);
  }
}
