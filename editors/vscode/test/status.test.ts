import { describe, expect, it } from 'vitest';
import { statusView } from '../src/status';

const status = {
  files: 1234, symbols: 1, languages: { python: 1200, go: 34 }, roots: ['/ws'],
  indexing: { done: 1234, total: 1234, complete: true },
};

describe('statusView', () => {
  it('shows the file count when the index is complete, details in the tooltip', () => {
    const view = statusView('running', status, undefined);
    expect(view.text).toBe('$(database) hive-ls 1,234 files');
    expect(view.tooltip).toBe('hive-ls: 1,234 files, 1 symbol\npython 1200, go 34\nroot: /ws\nindex complete');
    expect(view.warning).toBe(false);
  });

  it('shows $/progress while it runs, over hive/status', () => {
    const view = statusView('running', status, { title: 'hive-ls: indexing', message: '10/40 files', percentage: 25 });
    expect(view.text).toBe('$(sync~spin) hive-ls 25%');
    expect(view.tooltip).toBe('hive-ls: indexing (10/40 files)');
  });

  it('computes progress from hive/status when no $/progress came', () => {
    const indexing = { ...status, indexing: { done: 1, total: 3, complete: false } };
    expect(statusView('running', indexing, undefined).text).toBe('$(sync~spin) hive-ls 33%');
  });

  it('warns when the server is missing or stopped', () => {
    expect(statusView('not-installed', undefined, undefined)).toMatchObject({ text: '$(warning) hive-ls', warning: true });
    expect(statusView('stopped', status, undefined)).toMatchObject({ warning: true });
    expect(statusView('starting', undefined, undefined).text).toBe('$(sync~spin) hive-ls');
  });
});
