import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CLIENT_SETTING_KEYS,
  SERVER_SETTING_KEYS,
  explicitServerSettings,
  explicitValue,
  serverOptions,
  type Inspected,
} from '../src/settings';

interface Property { default: unknown; type: string }
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

  it('sends nothing but the section when nothing was set', () => {
    expect(serverOptions(() => undefined)).toEqual({ 'hive-ls': {} });
  });
});

describe('package.json declares the settings', () => {
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
