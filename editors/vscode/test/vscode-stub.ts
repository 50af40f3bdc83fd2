/**
 * A small stand-in for the `vscode` module (which exists only inside an extension host):
 * enough for `activate` to run, recording what the extension asked of the editor.
 */

export const recorded = {
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  errors: [] as string[],
  infos: [] as string[],
  settings: new Map<string, unknown>(),
  statusBar: [] as StatusBarItem[],
};

export function reset(): void {
  recorded.commands.clear();
  recorded.errors.length = 0;
  recorded.infos.length = 0;
  recorded.settings.clear();
  recorded.statusBar.length = 0;
}

export class ThemeColor {
  constructor(readonly id: string) {}
}

export class Position {
  constructor(readonly line: number, readonly character: number) {}
}

export class Range {
  constructor(readonly start: Position, readonly end: Position) {}
}

export enum StatusBarAlignment { Left = 1, Right = 2 }
export enum QuickPickItemKind { Separator = -1, Default = 0 }

export class StatusBarItem {
  text = '';
  tooltip: unknown = '';
  name = '';
  command: unknown;
  backgroundColor: ThemeColor | undefined;
  visible = false;
  constructor(readonly id: string) {}
  show(): void { this.visible = true; }
  hide(): void { this.visible = false; }
  dispose(): void { this.visible = false; }
}

const disposable = { dispose: (): void => undefined };

export const window = {
  createOutputChannel: (name: string) => ({
    name, lines: [] as string[],
    appendLine(line: string): void { this.lines.push(line); },
    show: (): void => undefined,
    dispose: (): void => undefined,
  }),
  createStatusBarItem: (id: string): StatusBarItem => {
    const item = new StatusBarItem(id);
    recorded.statusBar.push(item);
    return item;
  },
  showErrorMessage: (message: string): Promise<undefined> => {
    recorded.errors.push(message);
    return Promise.resolve(undefined);
  },
  showInformationMessage: (message: string): Promise<undefined> => {
    recorded.infos.push(message);
    return Promise.resolve(undefined);
  },
  showWarningMessage: (message: string): Promise<undefined> => {
    recorded.infos.push(message);
    return Promise.resolve(undefined);
  },
  activeTextEditor: undefined,
};

export const commands = {
  registerCommand: (id: string, run: (...args: unknown[]) => unknown) => {
    recorded.commands.set(id, run);
    return disposable;
  },
  executeCommand: (): Promise<undefined> => Promise.resolve(undefined),
};

export const workspace = {
  workspaceFolders: undefined,
  getConfiguration: () => ({
    get: <T>(key: string, fallback: T): T =>
      (recorded.settings.has(key) ? recorded.settings.get(key) : fallback) as T,
    inspect: (key: string) =>
      recorded.settings.has(key) ? { key, globalValue: recorded.settings.get(key) } : { key },
  }),
  onDidChangeConfiguration: () => disposable,
  onDidGrantWorkspaceTrust: () => disposable,
  isTrusted: false,
};

export const env = { clipboard: { writeText: (): Promise<void> => Promise.resolve() } };
