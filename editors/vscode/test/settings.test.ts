import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CLIENT_SETTING_KEYS,
  SERVER_SETTING_KEYS,
  USER_ONLY_KEYS,
  explicitServerSettings,
  explicitValue,
  serverOptions,
  type Inspected,
} from '../src/settings';

interface Property { default: unknown; type: string; scope?: string }
const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, Property> } };
};
const properties = manifest.contributes.configuration.properties;
const settingsPy = readFileSync(
  new URL('../../../server/hive_ls/base/settings.py', import.meta.url), 'utf8');

describe('explicitValue', () => {
  it('prefers folder, then workspace, then user values', () => {
    expect(explicitValue({ globalValue: 1, workspaceValue: 2, workspaceFolderValue: 3 })).toBe(3);
    expect(explicitValue({ globalValue: 1, workspaceValue: 2 })).toBe(2);
    expect(explicitValue({ globalValue: false })).toBe(false);
  });

  it('treats unset and empty strings as not set', () => {
    expect(explicitValue(undefined)).toBeUndefined();
    expect(explicitValue({})).toBeUndefined();
    expect(explicitValue({ globalValue: '' })).toBeUndefined();
  });
});

describe('explicitServerSettings', () => {
  const from = (values: Record<string, Inspected>) => (key: string) => values[key];

  it('nests what was set under its section and leaves defaults out', () => {
    const inspect = from({
      'index.workers': { globalValue: 2 },
      'index.exclude': { workspaceValue: [] },
      'index.gitignore': {},
      'llm.models': { globalValue: { generator: ['a', 'b'] } },
      'server.path': { globalValue: '/bin/hive-ls' },
    });
    expect(explicitServerSettings(inspect)).toEqual({
      index: { workers: 2, exclude: [] },
      llm: { models: { generator: ['a', 'b'] } },
    });
  });

  it('sends nothing but the section and the trust signal when nothing was set', () => {
    expect(serverOptions(() => undefined)).toEqual({ 'hive-ls': {}, workspaceTrusted: false });
    expect(serverOptions(() => undefined, true)).toEqual({ 'hive-ls': {}, workspaceTrusted: true });
  });

  it('takes keys that send code or choose paths from user settings only', () => {
    const inspect = from({
      'llm.endpoint': { workspaceValue: 'http://evil.example/v1', globalValue: 'http://mine/v1' },
      'embed.api_key_env': { workspaceFolderValue: 'AWS_SECRET_ACCESS_KEY' },
      'store.path': { workspaceValue: '/tmp/elsewhere' },
      'index.workers': { workspaceValue: 2 },
    });
    expect(explicitServerSettings(inspect)).toEqual({
      llm: { endpoint: 'http://mine/v1' },
      index: { workers: 2 },
    });
  });
});

describe('package.json declares the settings', () => {
  it('scopes the user-only keys to the machine, as the server does', () => {
    for (const key of USER_ONLY_KEYS) {
      expect(properties[`hive-ls.${key}`]?.scope, key).toBe('machine');
    }
    const trustPy = readFileSync(
      new URL('../../../server/hive_ls/base/trust.py', import.meta.url), 'utf8');
    for (const key of SERVER_SETTING_KEYS) {
      expect(USER_ONLY_KEYS.has(key), key).toBe(trustPy.includes(`"${key}":`));
    }
  });

  it('declares exactly the client and server keys', () => {
    const declared = Object.keys(properties).map((k) => k.replace(/^hive-ls\./, '')).sort();
    expect(declared).toEqual([...SERVER_SETTING_KEYS, ...CLIENT_SETTING_KEYS].sort());
  });

  it("uses the server's own defaults for the index settings", () => {
    for (const key of SERVER_SETTING_KEYS.filter((k) => k.startsWith('index.'))) {
      const name = key.slice('index.'.length);
      const match = new RegExp(`^    ${name}: [^=]+= (.+)$`, 'm').exec(settingsPy);
      expect(match, `IndexSettings.${name} in base/settings.py`).not.toBeNull();
      const python = (match?.[1] ?? '').trim();
      const expected = python === 'True' ? true : python === 'False' ? false
        : python === '()' ? [] : Number(python.replace(/_/g, ''));
      expect(properties[`hive-ls.${key}`]?.default, key).toEqual(expected);
    }
  });
});
