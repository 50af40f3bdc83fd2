/**
 * The hive-ls extension: starts `hive-ls serve`, passes the settings, shows index progress in
 * the status bar and adds the commands that render hive-ls's own answers (impact, tests,
 * search, re-index).
 */

import { execFile } from 'child_process';
import * as fs from 'fs';
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest,
  LanguageClient,
  State,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  WorkspaceSymbolRequest,
  type LanguageClientOptions,
  type ServerOptions,
  type StaticFeature,
} from 'vscode-languageclient/node';
import * as ext from './ext';
import {
  impactRows,
  impactSummary,
  listRows,
  parseImpact,
  parseSearch,
  parseTests,
  type PickRow,
} from './results';
import { missingModuleMessage, resolveServer, INSTALL_HINT, type Launch } from './server';
import { explicitServerSettings, serverOptions, type Inspected } from './settings';
import { statusView, type ProgressState, type ServerState } from './status';

/** The languages hive-ls indexes, as VS Code names them. */
export const LANGUAGES = [
  'python', 'javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'go', 'rust',
  'java', 'c', 'cpp', 'csharp', 'ruby', 'php',
];

/** Command ids, as declared in package.json. */
export const COMMANDS = {
  showImpact: 'hive-ls.showImpact',
  testsForChange: 'hive-ls.testsForChange',
  search: 'hive-ls.search',
  reindex: 'hive-ls.reindex',
  restart: 'hive-ls.restart',
  showOutput: 'hive-ls.showOutput',
  runServerCommand: 'hive-ls.runServerCommand',
} as const;

/** What a command did; returned so that tests (and other extensions) can check it. */
export interface CommandOutcome {
  /** False when the server does not serve what the command needs (a message was shown). */
  served: boolean;
  /** How it was answered: the custom request, the server command, or a fallback. */
  via: string;
  rows: PickRow[];
  title: string;
}

/** A document and a position, as the custom requests take them. */
interface CursorParams {
  textDocument: { uri: string };
  position: { line: number; character: number };
}

/** What "Tests for this change" looks at. */
export type ChangeScope = 'symbol' | 'file' | 'diff';

/** What `activate` returns. */
export interface HiveApi {
  /** Resolves once the server has answered initialize; rejects if it cannot start. */
  ready(): Promise<LanguageClient>;
  served(): ext.HiveServed;
  status(): ext.HiveStatus | undefined;
  statusBarText(): string;
}

const STATUS_FAST_MS = 500;
const STATUS_SLOW_MS = 10_000;

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(ext.SETTINGS_SECTION);
}

function inspect(key: string): Inspected | undefined {
  return config().inspect(key);
}

function canImport(python: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(python, ['-c', 'import hive_ls'], { timeout: 20_000 }, (error) => resolve(!error));
  });
}

class Hive implements HiveApi {
  client: LanguageClient | undefined;
  private starting: Promise<LanguageClient> | undefined;
  private readonly output: vscode.OutputChannel;
  private readonly bar: vscode.StatusBarItem;
  private state: ServerState = 'starting';
  private lastStatus: ext.HiveStatus | undefined;
  private progress = new Map<string | number, ProgressState>();
  private timer: NodeJS.Timeout | undefined;
  private hive: ext.HiveServed = { methods: [], commands: [] };

  constructor(context: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('hive-ls');
    this.bar = vscode.window.createStatusBarItem('hive-ls.status', vscode.StatusBarAlignment.Left, 10);
    this.bar.name = 'hive-ls';
    this.bar.command = COMMANDS.showOutput;
    context.subscriptions.push(this.output, this.bar, { dispose: () => this.stopPolling() });
    this.render();
    this.bar.show();
  }

  // ---- the API ------------------------------------------------------------------------------

  ready(): Promise<LanguageClient> {
    return this.starting ?? this.start();
  }

  served(): ext.HiveServed {
    return this.hive;
  }

  status(): ext.HiveStatus | undefined {
    return this.lastStatus;
  }

  statusBarText(): string {
    return this.bar.text;
  }

  showOutput(): void {
    this.output.show(true);
  }

  // ---- starting and stopping ----------------------------------------------------------------

  start(): Promise<LanguageClient> {
    this.starting = this.launch();
    this.starting.catch(() => undefined);
    return this.starting;
  }

  private async launch(): Promise<LanguageClient> {
    this.state = 'starting';
    this.render();
    const launch = await this.findServer();
    // stdio without `transport`: TransportKind.stdio would append `--stdio`, which
    // `hive-ls serve` does not accept
    const options: ServerOptions = { command: launch.command, args: launch.args };
    const clientOptions: LanguageClientOptions = {
      documentSelector: LANGUAGES.flatMap((language) => [
        { scheme: 'file', language },
        { scheme: 'untitled', language },
      ]),
      initializationOptions: serverOptions(inspect, vscode.workspace.isTrusted),
      outputChannel: this.output,
      middleware: {
        workspace: {
          // answer `workspace/configuration` for hive-ls with the explicit settings only
          configuration: async (params, token, next) => {
            const answers = await next(params, token);
            if (!Array.isArray(answers)) {
              return answers;
            }
            return params.items.map((item, index) =>
              item.section === ext.SETTINGS_SECTION ? explicitServerSettings(inspect) : answers[index]);
          },
        },
        provideCodeLenses: async (document, token, next) =>
          (await next(document, token))?.map((lens) => this.routeLens(lens)),
        resolveCodeLens: async (lens, token, next) => {
          const resolved = await next(lens, token);
          return resolved === null || resolved === undefined ? resolved : this.routeLens(resolved);
        },
      },
    };
    this.output.appendLine(`starting ${launch.command} ${launch.args.join(' ')} (found via ${launch.how})`);
    const client = new LanguageClient('hive-ls', 'hive-ls', options, clientOptions);
    client.registerFeature(this.progressFeature(client));
    client.onDidChangeState((event) => {
      if (event.newState === State.Stopped) {
        this.state = 'stopped';
        this.stopPolling();
        this.render();
      } else if (event.newState === State.Running && this.state === 'stopped') {
        // restarted by the client after a crash: read what it serves again
        this.hive = ext.servedBy(client.initializeResult?.capabilities.experimental);
        this.state = 'running';
        this.poll(0);
      }
    });
    this.client = client;
    await client.start();
    this.hive = ext.servedBy(client.initializeResult?.capabilities.experimental);
    this.output.appendLine(
      `hive-ls serves: ${[...this.hive.methods, ...this.hive.commands].join(', ') || 'no custom methods'}`,
    );
    this.state = 'running';
    this.render();
    this.poll(0);
    return client;
  }

  private async findServer(): Promise<Launch> {
    const settings = {
      path: config().get<string>('server.path', ''),
      python: config().get<string>('server.python', ''),
      extraArgs: config().get<string[]>('server.extraArgs', []),
    };
    const resolution = resolveServer(settings, {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
      trusted: vscode.workspace.isTrusted,
      isExecutable,
    });
    let message = resolution.ok ? undefined : resolution.message;
    if (resolution.ok && resolution.launch.pythonModule && !(await canImport(resolution.launch.command))) {
      message = missingModuleMessage(resolution.launch.command);
    }
    if (message !== undefined || !resolution.ok) {
      const text = message ?? 'hive-ls could not be started';
      this.state = 'not-installed';
      this.bar.command = {
        title: 'Open settings',
        command: 'workbench.action.openSettings',
        arguments: ['hive-ls.server'],
      };
      this.render();
      this.output.appendLine(text);
      void vscode.window.showErrorMessage(text, 'Open Settings', 'Copy Install Command').then((choice) => {
        if (choice === 'Open Settings') {
          void vscode.commands.executeCommand('workbench.action.openSettings', 'hive-ls.server');
        } else if (choice === 'Copy Install Command') {
          void vscode.env.clipboard.writeText(INSTALL_HINT);
        }
      });
      throw new Error(text);
    }
    this.bar.command = COMMANDS.showOutput;
    return resolution.launch;
  }

  async stop(): Promise<void> {
    this.stopPolling();
    const client = this.client;
    this.client = undefined;
    this.starting = undefined;
    if (client !== undefined && client.needsStop()) {
      await client.stop();
    }
  }

  async restart(): Promise<LanguageClient> {
    await this.stop();
    this.lastStatus = undefined;
    this.progress.clear();
    return this.start();
  }

  /** Settings changed: restart for server.*, otherwise tell the running server. */
  async onConfiguration(event: vscode.ConfigurationChangeEvent): Promise<void> {
    if (!event.affectsConfiguration(ext.SETTINGS_SECTION)) {
      return;
    }
    if (event.affectsConfiguration(`${ext.SETTINGS_SECTION}.server`)) {
      await this.restart();
      return;
    }
    const client = this.client;
    if (client !== undefined && client.isRunning()) {
      await client.sendNotification('workspace/didChangeConfiguration', {
        settings: serverOptions(inspect, vscode.workspace.isTrusted),
      });
      this.poll(STATUS_FAST_MS);
    }
  }

  // ---- status bar -----------------------------------------------------------------------------

  private render(): void {
    const latest = [...this.progress.values()].at(-1);
    const view = statusView(this.state, this.lastStatus, latest);
    this.bar.text = view.text;
    this.bar.tooltip = view.tooltip;
    this.bar.backgroundColor = view.warning
      ? new vscode.ThemeColor('statusBarItem.warningBackground')
      : undefined;
  }

  private stopPolling(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  /** Ask `hive/status` after `delayMs`, then again: often while indexing, rarely after. */
  private poll(delayMs: number): void {
    this.stopPolling();
    this.timer = setTimeout(() => void this.refreshStatus(), delayMs);
  }

  private async refreshStatus(): Promise<void> {
    const client = this.client;
    if (client === undefined || !client.isRunning()) {
      return;
    }
    try {
      this.lastStatus = await client.sendRequest<ext.HiveStatus>(ext.STATUS, {});
    } catch (error) {
      this.output.appendLine(`hive/status failed: ${String(error)}`);
    }
    this.render();
    const busy = this.progress.size > 0 || this.lastStatus?.indexing.complete === false;
    this.poll(busy ? STATUS_FAST_MS : STATUS_SLOW_MS);
  }

  /** Takes over `window/workDoneProgress/create` so that `$/progress` feeds the status bar. */
  private progressFeature(client: LanguageClient): StaticFeature {
    return {
      fillClientCapabilities: (capabilities) => {
        capabilities.window = { ...capabilities.window, workDoneProgress: true };
      },
      getState: () => ({ kind: 'static' }),
      initialize: () => {
        // runs after the built-in progress feature, so this handler is the one in force
        client.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
          const listener = client.onProgress(WorkDoneProgress.type, token, (value) => {
            if (value.kind === 'begin') {
              this.progress.set(token, { title: value.title, message: value.message, percentage: value.percentage });
            } else if (value.kind === 'report') {
              const current = this.progress.get(token);
              this.progress.set(token, {
                title: current?.title ?? 'hive-ls',
                message: value.message ?? current?.message,
                percentage: value.percentage ?? current?.percentage,
              });
            } else {
              this.progress.delete(token);
              listener.dispose();
              this.poll(0);
            }
            this.render();
          });
        });
      },
      clear: () => {
        this.progress.clear();
      },
    };
  }

  // ---- code lenses ----------------------------------------------------------------------------

  /** A lens running a hive command is routed through the client so its answer is shown. */
  private routeLens(lens: vscode.CodeLens): vscode.CodeLens {
    const command = lens.command;
    if (command !== undefined && command.command.startsWith('hive.')) {
      lens.command = {
        title: command.title,
        tooltip: command.tooltip,
        command: COMMANDS.runServerCommand,
        arguments: [command.command, ...(command.arguments ?? [])],
      };
    }
    return lens;
  }

  // ---- commands -------------------------------------------------------------------------------

  private notServed(what: string): CommandOutcome {
    const version = this.client?.initializeResult?.serverInfo?.version ?? 'unknown';
    const message =
      `This hive-ls (version ${version}) does not serve ${what} yet ` +
      '(it lists what it serves in experimental.hive of its capabilities).';
    void vscode.window.showInformationMessage(message);
    return { served: false, via: 'none', rows: [], title: message };
  }

  private cursor(): CursorParams | undefined {
    const editor = vscode.window.activeTextEditor;
    const client = this.client;
    if (editor === undefined || client === undefined) {
      return undefined;
    }
    return {
      textDocument: { uri: client.code2ProtocolConverter.asUri(editor.document.uri) },
      position: client.code2ProtocolConverter.asPosition(editor.selection.active),
    };
  }

  /**
   * Runs `method` when served, else the server command `command` (with `commandArgs`, or
   * `[uri, position]` taken from the params); undefined when neither is served.
   */
  private async ask(
    method: string,
    command: string | undefined,
    params: CursorParams | Record<string, unknown>,
  ): Promise<{ via: string; answer: unknown } | undefined> {
    const client = await this.ready();
    if (this.hive.methods.includes(method)) {
      return { via: method, answer: await client.sendRequest(method, params) };
    }
    if (command !== undefined && this.hive.commands.includes(command) && 'textDocument' in params) {
      // the server's commands take the document and the position as two arguments
      const at = params as CursorParams;
      const answer: unknown = await client.sendRequest(ExecuteCommandRequest.type, {
        command,
        arguments: [at.textDocument.uri, at.position],
      });
      return { via: command, answer };
    }
    return undefined;
  }

  async showImpact(): Promise<CommandOutcome> {
    await this.ready();
    const at = this.cursor();
    if (at === undefined) {
      void vscode.window.showWarningMessage('hive-ls: put the cursor on a symbol in an editor first.');
      return { served: true, via: 'none', rows: [], title: 'no editor' };
    }
    const depth = config().get<number>('impact.depth', 5);
    const asked = await this.ask(ext.IMPACT, ext.COMMAND_IMPACT, { ...at, depth });
    if (asked === undefined) {
      return this.notServed(ext.IMPACT);
    }
    return this.renderImpact(asked.answer, asked.via);
  }

  private renderImpact(answer: unknown, via: string): CommandOutcome {
    const view = parseImpact(answer);
    const title = impactSummary(view);
    const rows = impactRows(view, vscode.workspace.workspaceFolders?.[0]?.uri.toString());
    this.showRows(title, rows);
    return { served: true, via, rows, title };
  }

  async testsForChange(scope?: ChangeScope): Promise<CommandOutcome> {
    await this.ready();
    const chosen = scope ?? (await this.pickScope());
    if (chosen === undefined) {
      return { served: true, via: 'none', rows: [], title: 'cancelled' };
    }
    let params: CursorParams | Record<string, unknown>;
    if (chosen === 'diff') {
      params = { gitDiff: 'HEAD' };
    } else {
      const at = this.cursor();
      if (at === undefined) {
        void vscode.window.showWarningMessage('hive-ls: open the changed file (and put the cursor in the change) first.');
        return { served: true, via: 'none', rows: [], title: 'no editor' };
      }
      params = chosen === 'file' ? { uris: [at.textDocument.uri] } : at;
    }
    const command = chosen === 'symbol' ? ext.COMMAND_TESTS_FOR : undefined;
    const asked = await this.ask(ext.TESTS_FOR, command, params);
    if (asked === undefined) {
      return this.notServed(ext.TESTS_FOR);
    }
    return this.renderTests(asked.answer, asked.via);
  }

  private async pickScope(): Promise<ChangeScope | undefined> {
    const choices: (vscode.QuickPickItem & { scope: ChangeScope })[] = [
      { label: 'The symbol at the cursor', scope: 'symbol' },
      { label: 'This file', scope: 'file' },
      { label: 'Uncommitted changes', description: 'git diff HEAD', scope: 'diff' },
    ];
    const picked = await vscode.window.showQuickPick(choices, { title: 'hive-ls: Tests for this change' });
    return picked?.scope;
  }

  private renderTests(answer: unknown, via: string): CommandOutcome {
    const tests = parseTests(answer);
    const title = `${tests.length} test(s) reach this change`;
    const rows = listRows(tests, vscode.workspace.workspaceFolders?.[0]?.uri.toString());
    this.showRows(title, rows);
    return { served: true, via, rows, title };
  }

  async search(query?: string): Promise<CommandOutcome> {
    const client = await this.ready();
    const text = query ?? (await vscode.window.showInputBox({
      title: 'hive-ls: Search code',
      prompt: 'What are you looking for? (words, a name, or a description)',
    }));
    if (text === undefined || text.trim() === '') {
      return { served: true, via: 'none', rows: [], title: 'no query' };
    }
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.toString();
    const asked = await this.ask(ext.SEARCH, ext.COMMAND_SEARCH, { query: text, k: 50 });
    if (asked !== undefined) {
      const rows = listRows(parseSearch(asked.answer), workspace);
      const title = `${rows.length} result(s) for "${text}"`;
      this.showRows(title, rows);
      return { served: true, via: asked.via, rows, title };
    }
    // no semantic search yet: the server's symbol search answers, and the title says so
    const symbols = await client.sendRequest(WorkspaceSymbolRequest.type, { query: text });
    const rows = listRows(parseSearch(symbols), workspace);
    const title = `${rows.length} symbol(s) for "${text}" (symbol search: this server has no ${ext.SEARCH} yet)`;
    this.showRows(title, rows);
    return { served: true, via: 'workspace/symbol', rows, title };
  }

  async reindex(): Promise<CommandOutcome> {
    const client = await this.ready();
    if (this.hive.commands.includes(ext.COMMAND_REINDEX)) {
      await client.sendRequest(ExecuteCommandRequest.type, { command: ext.COMMAND_REINDEX, arguments: [] });
      this.poll(STATUS_FAST_MS);
      return { served: true, via: ext.COMMAND_REINDEX, rows: [], title: 'Re-indexing' };
    }
    // a fresh server indexes everything from scratch
    await this.restart();
    return { served: true, via: 'restart', rows: [], title: 'Re-indexing (server restarted)' };
  }

  async runServerCommand(command: string, ...args: unknown[]): Promise<CommandOutcome> {
    const client = await this.ready();
    const answer: unknown = await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
    if (command === ext.COMMAND_IMPACT) {
      return this.renderImpact(answer, command);
    }
    if (command === ext.COMMAND_TESTS_FOR) {
      return this.renderTests(answer, command);
    }
    if (command === ext.COMMAND_SEARCH) {
      const rows = listRows(parseSearch(answer), vscode.workspace.workspaceFolders?.[0]?.uri.toString());
      this.showRows(`${rows.length} result(s)`, rows);
      return { served: true, via: command, rows, title: `${rows.length} result(s)` };
    }
    return { served: true, via: command, rows: [], title: JSON.stringify(answer ?? null) };
  }

  /** A quick pick of the rows; picking one opens it. Returns at once (it does not wait). */
  private showRows(title: string, rows: PickRow[]): void {
    type Item = vscode.QuickPickItem & { row: PickRow };
    const pick = vscode.window.createQuickPick<Item>();
    pick.title = title;
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    pick.placeholder = rows.length === 0 ? 'Nothing found' : 'Pick one to open it';
    pick.items = rows.map((row) => ({
      label: row.label,
      description: row.description,
      detail: row.detail === '' ? undefined : row.detail,
      kind: row.separator ? vscode.QuickPickItemKind.Separator : vscode.QuickPickItemKind.Default,
      row,
    }));
    pick.onDidAccept(() => {
      const target = pick.selectedItems[0]?.row.row;
      pick.hide();
      if (target?.uri !== undefined) {
        const position = new vscode.Position(target.start.line, target.start.character);
        void vscode.window.showTextDocument(vscode.Uri.parse(target.uri), {
          selection: new vscode.Range(position, position),
        });
      }
    });
    pick.onDidHide(() => pick.dispose());
    pick.show();
  }
}

let current: Hive | undefined;

export function activate(context: vscode.ExtensionContext): HiveApi {
  const hive = new Hive(context);
  current = hive;
  const register = (id: string, run: (...args: never[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, run));
  };
  register(COMMANDS.showImpact, () => hive.showImpact());
  register(COMMANDS.testsForChange, (scope?: ChangeScope) => hive.testsForChange(scope));
  register(COMMANDS.search, (query?: string) => hive.search(query));
  register(COMMANDS.reindex, () => hive.reindex());
  register(COMMANDS.restart, () => hive.restart().then(() => undefined));
  register(COMMANDS.showOutput, () => hive.showOutput());
  register(COMMANDS.runServerCommand, (command: string, ...args: unknown[]) =>
    hive.runServerCommand(command, ...args));
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => void hive.onConfiguration(event)),
    // trusted now: the workspace's .hive/config.toml may set every key, so read it again
    vscode.workspace.onDidGrantWorkspaceTrust(() => void hive.restart()),
  );
  void hive.start();
  return hive;
}

export function deactivate(): Promise<void> | undefined {
  const hive = current;
  current = undefined;
  return hive?.stop();
}
