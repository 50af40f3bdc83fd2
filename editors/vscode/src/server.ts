/**
 * Finding the hive-ls executable from the settings, with a message a person can act on when
 * it is not there. Pure apart from the injected file checks; unit-tested.
 */

import * as path from 'path';

export interface ServerSettings {
  /** `hive-ls.server.path`: the executable; `${workspaceFolder}` and `~` are expanded. */
  path: string;
  /** `hive-ls.server.python`: an interpreter with hive-ls installed (`python -m hive_ls`). */
  python: string;
  /** `hive-ls.server.extraArgs`: arguments before `serve`, such as `-vv`. */
  extraArgs: string[];
}

export interface Launch {
  command: string;
  args: string[];
  /** How it was found, for the log. */
  how: string;
  /** When set, `<python> -c "import hive_ls"` must succeed before starting. */
  pythonModule: boolean;
}

export type Resolution = { ok: true; launch: Launch } | { ok: false; message: string };

export interface Environment {
  PATH: string;
  HOME: string;
  /** The first workspace folder's path, if any. */
  workspaceFolder: string | undefined;
  /** Whether VS Code trusts the workspace: only then may its `.venv/bin/hive-ls` run. */
  trusted: boolean;
  isExecutable: (file: string) => boolean;
}

export const INSTALL_HINT = 'pip install hive-ls';

/** `${workspaceFolder}` and a leading `~` expanded. */
export function expand(value: string, env: Environment): string {
  let result = value.trim();
  if (env.workspaceFolder !== undefined) {
    result = result.split('${workspaceFolder}').join(env.workspaceFolder);
  }
  if (result === '~' || result.startsWith('~/')) {
    result = path.join(env.HOME, result.slice(1));
  }
  return result;
}

/** The first executable named `name` on PATH, or undefined. */
export function which(name: string, env: Environment): string | undefined {
  if (name.includes('/')) {
    return env.isExecutable(name) ? name : undefined;
  }
  for (const dir of env.PATH.split(path.delimiter)) {
    if (dir === '') {
      continue;
    }
    const candidate = path.join(dir, name);
    if (env.isExecutable(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

/** How to start `hive-ls serve` given the settings, or why it cannot be started. */
export function resolveServer(settings: ServerSettings, env: Environment): Resolution {
  const tail = [...settings.extraArgs, 'serve'];
  if (settings.path.trim() !== '') {
    const file = expand(settings.path, env);
    const found = which(file, env);
    if (found === undefined) {
      return {
        ok: false,
        message:
          `hive-ls.server.path is "${settings.path}", which is not an executable file. ` +
          `Install the server (${INSTALL_HINT}) or correct the setting.`,
      };
    }
    return {
      ok: true,
      launch: { command: found, args: tail, how: 'hive-ls.server.path', pythonModule: false },
    };
  }
  if (settings.python.trim() !== '') {
    const python = which(expand(settings.python, env), env);
    if (python === undefined) {
      return {
        ok: false,
        message: `hive-ls.server.python is "${settings.python}", which is not an executable file.`,
      };
    }
    return {
      ok: true,
      launch: {
        command: python,
        args: ['-m', 'hive_ls', ...tail],
        how: 'hive-ls.server.python',
        pythonModule: true,
      },
    };
  }
  const local =
    env.workspaceFolder === undefined || !env.trusted
      ? undefined
      : which(path.join(env.workspaceFolder, '.venv', 'bin', 'hive-ls'), env);
  if (local !== undefined) {
    return {
      ok: true,
      launch: { command: local, args: tail, how: "the workspace's .venv", pythonModule: false },
    };
  }
  const onPath = which('hive-ls', env);
  if (onPath !== undefined) {
    return { ok: true, launch: { command: onPath, args: tail, how: 'PATH', pythonModule: false } };
  }
  return {
    ok: false,
    message:
      'hive-ls is not installed: no hive-ls on PATH or in the workspace .venv. ' +
      `Install it with "${INSTALL_HINT}", or set hive-ls.server.path (the executable) ` +
      'or hive-ls.server.python (an interpreter that has it).',
  };
}

/** The message when `<python> -c "import hive_ls"` failed. */
export function missingModuleMessage(python: string): string {
  return (
    `hive-ls is not installed for ${python}: run "${python} -m ${INSTALL_HINT}", ` +
    'or change hive-ls.server.python.'
  );
}
