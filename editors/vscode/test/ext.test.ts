import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as ext from '../src/ext';

const extPy = readFileSync(new URL('../../../server/hive_ls/lsp/ext.py', import.meta.url), 'utf8');

describe('ext.ts mirrors server/hive_ls/lsp/ext.py', () => {
  const python = new Map(
    [...extPy.matchAll(/^([A-Z_]+) = "([^"]+)"$/gm)].map((m) => [m[1] as string, m[2] as string]),
  );

  it('finds the names in ext.py', () => {
    expect(python.size).toBeGreaterThanOrEqual(10);
  });

  it('has every name of ext.py with the same value, and no other', () => {
    const typescript = Object.fromEntries(
      Object.entries(ext).filter(([name, value]) => /^[A-Z_]+$/.test(name) && typeof value === 'string'),
    );
    expect(typescript).toEqual(Object.fromEntries(python));
  });
});

describe('servedBy', () => {
  it('reads experimental.hive', () => {
    expect(ext.servedBy({ hive: { methods: ['hive/status', 7], commands: ['hive.impact'] } })).toEqual({
      methods: ['hive/status'],
      commands: ['hive.impact'],
    });
  });

  it('answers empty lists when the server says nothing', () => {
    expect(ext.servedBy(undefined)).toEqual({ methods: [], commands: [] });
    expect(ext.servedBy({ other: 1 })).toEqual({ methods: [], commands: [] });
    expect(ext.servedBy({ hive: { methods: 'hive/status' } })).toEqual({ methods: [], commands: [] });
  });
});
