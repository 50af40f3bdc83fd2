/**
 * Which settings go to the server, and how: only the values a person set (user, workspace or
 * folder), nested under their sections, so that `.hive/config.toml` keeps working where the
 * editor says nothing. Pure: no `vscode` import, unit-tested.
 */

import { SETTINGS_SECTION, WORKSPACE_TRUSTED } from './ext';

/** Settings read by the server, as `<section>.<name>` under `hive-ls.` (see package.json). */
export const SERVER_SETTING_KEYS = [
  'index.max_file_bytes',
  'index.exclude',
  'index.gitignore',
  'index.workers',
  'index.follow_symlinks',
  'store.path',
  'store.enabled',
  'embed.model',
  'embed.endpoint',
  'embed.api_key_env',
  'embed.threads',
  'llm.endpoint',
  'llm.api_key_env',
  'llm.models',
] as const;

/**
 * Settings that send code or credentials somewhere, start processes or choose paths outside the
 * workspace (the server's `base/trust.py`): only the user's own settings count for them, never
 * a workspace's `.vscode/settings.json` (package.json scopes them `machine`).
 */
export const USER_ONLY_KEYS: ReadonlySet<string> = new Set([
  'index.follow_symlinks',
  'store.path',
  'embed.endpoint',
  'embed.api_key_env',
  'llm.endpoint',
  'llm.api_key_env',
  'llm.models',
]);

/** Settings only the client reads. */
export const CLIENT_SETTING_KEYS = [
  'server.path',
  'server.python',
  'server.extraArgs',
  'impact.depth',
  'trace.server',
] as const;

/** The scopes of one setting, as `WorkspaceConfiguration.inspect` reports them. */
export interface Inspected {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

export type JsonObject = { [key: string]: unknown };

/**
 * The most specific value a person set for a setting, or undefined when none was set.
 * With `userOnly`, values from workspace and folder settings do not count.
 */
export function explicitValue(inspected: Inspected | undefined, userOnly = false): unknown {
  if (inspected === undefined) {
    return undefined;
  }
  const scopes = userOnly
    ? [inspected.globalValue]
    : [inspected.workspaceFolderValue, inspected.workspaceValue, inspected.globalValue];
  for (const value of scopes) {
    if (value !== undefined && value !== null && value !== '') {
      return value;
    }
  }
  return undefined;
}

/**
 * The server's settings as the person set them: `{index: {workers: 2}, llm: {...}}`.
 * `inspect` answers for a key relative to the `hive-ls` section.
 */
export function explicitServerSettings(
  inspect: (key: string) => Inspected | undefined,
): JsonObject {
  const result: JsonObject = {};
  for (const key of SERVER_SETTING_KEYS) {
    const value = explicitValue(inspect(key), USER_ONLY_KEYS.has(key));
    if (value === undefined) {
      continue;
    }
    const [section, name] = key.split('.') as [string, string];
    const existing = result[section];
    const table: JsonObject =
      typeof existing === 'object' && existing !== null ? (existing as JsonObject) : {};
    table[name] = value;
    result[section] = table;
  }
  return result;
}

/**
 * The `initializationOptions` (and `didChangeConfiguration` settings) hive-ls reads: the
 * settings, and whether VS Code trusts the workspace (then its `.hive/config.toml` may set
 * every key).
 */
export function serverOptions(
  inspect: (key: string) => Inspected | undefined,
  trusted = false,
): JsonObject {
  return { [SETTINGS_SECTION]: explicitServerSettings(inspect), [WORKSPACE_TRUSTED]: trusted };
}
