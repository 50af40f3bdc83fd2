import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { recorded, reset } from './vscode-stub';

const started: string[] = [];

vi.mock('vscode-languageclient/node', () => ({
  LanguageClient: class {
    constructor(_id: string, _name: string, server: { command: string }) {
      started.push(server.command);
    }
    registerFeature(): void {}
    onDidChangeState(): void {}
    start(): Promise<void> { return Promise.reject(new Error('not in this test')); }
  },
  State: { Stopped: 1, Starting: 3, Running: 2 },
  ExecuteCommandRequest: { type: 'workspace/executeCommand' },
  WorkDoneProgress: { type: '$/progress' },
  WorkDoneProgressCreateRequest: { type: 'window/workDoneProgress/create' },
  WorkspaceSymbolRequest: { type: 'workspace/symbol' },
}));

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  contributes: { commands: { command: string; title: string }[] };
  activationEvents: string[];
};

describe('activate', () => {
  beforeEach(() => {
    reset();
    started.length = 0;
  });

  it('registers exactly the commands package.json declares', async () => {
    const { activate, COMMANDS } = await import('../src/extension');
    recorded.settings.set('server.path', '/definitely/not/here/hive-ls');
    activate({ subscriptions: [] } as never);
    expect([...recorded.commands.keys()].sort()).toEqual(manifest.contributes.commands.map((c) => c.command).sort());
    expect(Object.values(COMMANDS).sort()).toEqual([...recorded.commands.keys()].sort());
  });

  it('activates for every language it serves', async () => {
    const { LANGUAGES } = await import('../src/extension');
    for (const language of LANGUAGES) {
      expect(manifest.activationEvents).toContain(`onLanguage:${language}`);
    }
  });

  it('says clearly when hive-ls is not installed, and starts nothing', async () => {
    const { activate } = await import('../src/extension');
    recorded.settings.set('server.path', '/definitely/not/here/hive-ls');
    const api = activate({ subscriptions: [] } as never);
    await expect(api.ready()).rejects.toThrow(/not an executable file/);
    expect(recorded.errors).toHaveLength(1);
    expect(recorded.errors[0]).toMatch(/hive-ls\.server\.path is "\/definitely\/not\/here\/hive-ls".*pip install hive-ls/);
    expect(started).toEqual([]);
    expect(recorded.statusBar[0]?.text).toBe('$(warning) hive-ls');
  });

  it('starts the server it found', async () => {
    const { activate } = await import('../src/extension');
    recorded.settings.set('server.path', process.execPath);
    const api = activate({ subscriptions: [] } as never);
    await expect(api.ready()).rejects.toThrow('not in this test');
    expect(started).toEqual([process.execPath]);
    expect(recorded.errors).toEqual([]);
  });
});
