import { describe, expect, it } from 'vitest';
import { resolveServer, type Environment, type ServerSettings } from '../src/server';

function env(
  executables: string[],
  workspaceFolder: string | undefined = '/ws',
  trusted = true,
): Environment {
  return {
    PATH: '/usr/local/bin:/usr/bin',
    HOME: '/home/ann',
    workspaceFolder,
    trusted,
    isExecutable: (file) => executables.includes(file),
  };
}

const none: ServerSettings = { path: '', python: '', extraArgs: [] };

describe('resolveServer', () => {
  it('finds hive-ls on PATH and runs `serve`', () => {
    expect(resolveServer(none, env(['/usr/bin/hive-ls']))).toEqual({
      ok: true,
      launch: { command: '/usr/bin/hive-ls', args: ['serve'], how: 'PATH', pythonModule: false },
    });
  });

  it("prefers the workspace's .venv", () => {
    const found = resolveServer(none, env(['/usr/bin/hive-ls', '/ws/.venv/bin/hive-ls']));
    expect(found.ok && found.launch.command).toBe('/ws/.venv/bin/hive-ls');
  });

  it("never runs an untrusted workspace's .venv/bin/hive-ls", () => {
    const executables = ['/usr/bin/hive-ls', '/ws/.venv/bin/hive-ls'];
    const found = resolveServer(none, env(executables, '/ws', false));
    expect(found.ok && found.launch.command).toBe('/usr/bin/hive-ls');
    expect(resolveServer(none, env(['/ws/.venv/bin/hive-ls'], '/ws', false)).ok).toBe(false);
  });

  it('expands ${workspaceFolder} and ~ in server.path, with the extra arguments first', () => {
    const settings = { ...none, path: '${workspaceFolder}/bin/hive-ls', extraArgs: ['-vv'] };
    expect(resolveServer(settings, env(['/ws/bin/hive-ls']))).toMatchObject({
      ok: true, launch: { command: '/ws/bin/hive-ls', args: ['-vv', 'serve'] },
    });
    const home = resolveServer({ ...none, path: '~/.local/bin/hive-ls' }, env(['/home/ann/.local/bin/hive-ls']));
    expect(home.ok && home.launch.command).toBe('/home/ann/.local/bin/hive-ls');
  });

  it('runs `python -m hive_ls serve` for server.python, found on PATH by name', () => {
    expect(resolveServer({ ...none, python: 'python3' }, env(['/usr/bin/python3']))).toEqual({
      ok: true,
      launch: {
        command: '/usr/bin/python3', args: ['-m', 'hive_ls', 'serve'],
        how: 'hive-ls.server.python', pythonModule: true,
      },
    });
  });

  it('says how to install it when it is nowhere', () => {
    const found = resolveServer(none, env([]));
    expect(found.ok).toBe(false);
    expect(!found.ok && found.message).toMatch(/hive-ls is not installed.*pip install hive-ls.*hive-ls\.server\.path/);
  });

  it('names the setting that points nowhere', () => {
    const found = resolveServer({ ...none, path: '/opt/missing' }, env(['/usr/bin/hive-ls']));
    expect(!found.ok && found.message).toMatch(/hive-ls\.server\.path is "\/opt\/missing"/);
    const python = resolveServer({ ...none, python: '/opt/py' }, env(['/usr/bin/hive-ls']));
    expect(!python.ok && python.message).toMatch(/hive-ls\.server\.python is "\/opt\/py"/);
  });
});
