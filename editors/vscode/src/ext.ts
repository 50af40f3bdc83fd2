/**
 * hive-ls's own protocol names, mirrored from `server/hive_ls/lsp/ext.py` (a unit test keeps
 * the two files equal). The server lists the ones it really serves in its initialize result
 * under `capabilities.experimental.hive.methods` and `.commands`.
 */

/** request -> {files, symbols, languages, roots, indexing: {done, total, complete}} */
export const STATUS = 'hive/status';
/** request {textDocument, position, depth?, direction?} -> dependents with distance and tests */
export const IMPACT = 'hive/impact';
/** request {textDocument, position} | {files} | {gitDiff} -> the tests that reach the change */
export const TESTS_FOR = 'hive/testsFor';
/** request {query, k?, mode?, language?, kind?, path?} -> {results, embedded, pending, notes} */
export const SEARCH = 'hive/search';
/** request {textDocument, position, budget?} -> {target, items, tokens, budget, dropped, text} */
export const CONTEXT = 'hive/context';

/** workspace/executeCommand names, for clients without custom-request support */
export const COMMAND_IMPACT = 'hive.impact';
export const COMMAND_TESTS_FOR = 'hive.testsFor';
export const COMMAND_SEARCH = 'hive.search';
export const COMMAND_REINDEX = 'hive.reindex';
/** run an AI action: arguments [the action's data, instruction?] */
export const COMMAND_AI = 'hive.ai';

/** the section of workspace settings hive-ls reads (`{"hive-ls": {"index": {...}}}`) */
export const SETTINGS_SECTION = 'hive-ls';
/** initializationOptions key beside the settings section: VS Code's workspace trust */
export const WORKSPACE_TRUSTED = 'workspaceTrusted';
/** initializationOptions key carrying the token a TCP server was started with */
export const TOKEN = 'token';

/** What `hive/status` answers. */
export interface HiveStatus {
  files: number;
  symbols: number;
  languages: Record<string, number>;
  roots: string[];
  indexing: { done: number; total: number; complete: boolean };
}

/** What the server says it serves, from `capabilities.experimental.hive`. */
export interface HiveServed {
  methods: string[];
  commands: string[];
}

/** Reads `experimental.hive` from server capabilities; empty lists when absent or malformed. */
export function servedBy(experimental: unknown): HiveServed {
  const hive =
    typeof experimental === 'object' && experimental !== null
      ? (experimental as Record<string, unknown>)['hive']
      : undefined;
  const list = (value: unknown): string[] =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  if (typeof hive !== 'object' || hive === null) {
    return { methods: [], commands: [] };
  }
  const record = hive as Record<string, unknown>;
  return { methods: list(record['methods']), commands: list(record['commands']) };
}
