/**
 * The status bar text: index progress from `$/progress` while it runs, the counts from
 * `hive/status` otherwise. Pure: no `vscode` import, unit-tested.
 */

import type { HiveStatus } from './ext';

export interface ProgressState {
  title: string;
  message: string | undefined;
  percentage: number | undefined;
}

export type ServerState = 'starting' | 'running' | 'stopped' | 'not-installed';

export interface StatusView {
  text: string;
  tooltip: string;
  /** True while something is wrong (shown with the warning colour). */
  warning: boolean;
}

function plural(count: number, word: string): string {
  return `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;
}

export function statusView(
  state: ServerState,
  status: HiveStatus | undefined,
  progress: ProgressState | undefined,
): StatusView {
  if (state === 'not-installed') {
    return { text: '$(warning) hive-ls', tooltip: 'hive-ls is not installed: click for help', warning: true };
  }
  if (state === 'stopped') {
    return { text: '$(debug-stop) hive-ls', tooltip: 'hive-ls has stopped: click to restart', warning: true };
  }
  if (state === 'starting' && status === undefined && progress === undefined) {
    return { text: '$(sync~spin) hive-ls', tooltip: 'hive-ls is starting', warning: false };
  }
  if (progress !== undefined) {
    const percent = progress.percentage !== undefined ? ` ${Math.round(progress.percentage)}%` : '';
    const detail = progress.message !== undefined ? ` (${progress.message})` : '';
    return {
      text: `$(sync~spin) hive-ls${percent}`,
      tooltip: `${progress.title}${detail}`,
      warning: false,
    };
  }
  if (status === undefined) {
    return { text: '$(check) hive-ls', tooltip: 'hive-ls is running', warning: false };
  }
  const { done, total, complete } = status.indexing;
  const languages = Object.entries(status.languages)
    .sort((a, b) => b[1] - a[1])
    .map(([name, count]) => `${name} ${count}`)
    .join(', ');
  const tooltip = [
    `hive-ls: ${plural(status.files, 'file')}, ${plural(status.symbols, 'symbol')}`,
    languages === '' ? 'no languages indexed' : languages,
    ...status.roots.map((r) => `root: ${r}`),
    complete ? 'index complete' : `indexing ${done}/${total}`,
  ].join('\n');
  if (!complete) {
    const percent = total > 0 ? Math.floor((100 * done) / total) : 0;
    return { text: `$(sync~spin) hive-ls ${percent}%`, tooltip, warning: false };
  }
  return { text: `$(database) hive-ls ${plural(status.files, 'file')}`, tooltip, warning: false };
}
