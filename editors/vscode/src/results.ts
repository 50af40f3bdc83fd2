/**
 * Turning the answers of `hive/impact`, `hive/testsFor` and `hive/search` into rows a person
 * can pick from. The answers are read leniently (a location as `{uri, range}` or
 * `{location: {uri, range}}`, a name as `name` or `qualifiedName` ...) so that the client keeps
 * working while the server's shapes settle. Pure: no `vscode` import, unit-tested.
 */

export interface Pos {
  line: number;
  character: number;
}

export interface Row {
  /** The symbol or test as a person reads it. */
  name: string;
  /** A file URI, or undefined when the server gave no location. */
  uri: string | undefined;
  start: Pos;
  /** Graph distance from the change (1 = direct), when the server gives one. */
  distance: number | undefined;
  kind: string | undefined;
  /** A score for search hits, a rank for dependents. */
  score: number | undefined;
  isTest: boolean;
  /** How the change reaches it (`calls`, `inherits` ...), when the server says. */
  via: string | undefined;
  /** True when the server could only guess the link (e.g. a receiver of unknown type). */
  guess: boolean;
  /** The id a test runner takes (`tests/test_cart.py::test_total`). */
  testId: string | undefined;
}

export interface ImpactView {
  target: string | undefined;
  dependents: Row[];
  tests: Row[];
}

export interface PickRow {
  label: string;
  description: string;
  detail: string;
  row: Row | undefined;
  separator: boolean;
}

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function pathToUri(file: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(file)) {
    return file;
  }
  return 'file://' + file.split('/').map(encodeURIComponent).join('/').replace(/^\/\//, '/');
}

function startOf(item: Obj): Pos {
  const location = isObj(item['location']) ? item['location'] : item;
  const range = isObj(location['range'])
    ? location['range']
    : isObj(item['selectionRange'])
      ? item['selectionRange']
      : undefined;
  if (range !== undefined && isObj(range['start'])) {
    const start = range['start'];
    return { line: num(start['line']) ?? 0, character: num(start['character']) ?? 0 };
  }
  const line = num(item['line']);
  // a bare `line` is taken as 1-based, as command-line tools print it
  return { line: line !== undefined ? Math.max(0, line - 1) : 0, character: 0 };
}

function uriOf(item: Obj): string | undefined {
  const location = isObj(item['location']) ? item['location'] : item;
  const uri = str(location['uri']) ?? str(item['uri']);
  if (uri !== undefined) {
    return uri;
  }
  const file = str(item['path']) ?? str(item['file']);
  return file === undefined ? undefined : pathToUri(file);
}

const SYMBOL_KINDS = [
  'file', 'module', 'namespace', 'package', 'class', 'method', 'property', 'field',
  'constructor', 'enum', 'interface', 'function', 'variable', 'constant', 'string', 'number',
  'boolean', 'array', 'object', 'key', 'null', 'enumMember', 'struct', 'event', 'operator',
  'typeParameter',
];

function kindOf(item: Obj): string | undefined {
  const kind = item['kind'];
  if (typeof kind === 'number') {
    return SYMBOL_KINDS[kind - 1];
  }
  return str(kind);
}

/** One located thing from any of the answers; undefined when it has no name at all. */
export function toRow(value: unknown, isTest = false): Row | undefined {
  if (typeof value === 'string') {
    return {
      name: value, uri: undefined, start: { line: 0, character: 0 }, distance: undefined,
      kind: undefined, score: undefined, isTest, via: undefined, guess: false, testId: undefined,
    };
  }
  if (!isObj(value)) {
    return undefined;
  }
  const name =
    str(value['qname']) ?? str(value['qualifiedName']) ?? str(value['qualified_name']) ?? str(value['name']) ??
    str(value['id']) ?? str(value['symbol']) ?? str(value['label']) ?? str(value['title']);
  const uri = uriOf(value);
  if (name === undefined && uri === undefined) {
    return undefined;
  }
  return {
    name: name ?? uri ?? '',
    uri,
    start: startOf(value),
    distance: num(value['distance']) ?? num(value['depth']),
    kind: kindOf(value),
    score: num(value['score']),
    isTest: isTest || value['isTest'] === true || value['is_test'] === true || str(value['testId']) !== undefined,
    via: str(value['via']),
    guess: value['guess'] === true,
    testId: str(value['testId']),
  };
}

function rows(value: unknown, isTest = false): Row[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.map((v) => toRow(v, isTest)).filter((r): r is Row => r !== undefined);
}

function firstList(value: Obj, keys: string[]): unknown {
  for (const key of keys) {
    if (Array.isArray(value[key])) {
      return value[key];
    }
  }
  return undefined;
}

/** The answer of `hive/impact` (or the `hive.impact` command). */
export function parseImpact(result: unknown): ImpactView {
  if (Array.isArray(result)) {
    const all = rows(result);
    return { target: undefined, dependents: all.filter((r) => !r.isTest), tests: all.filter((r) => r.isTest) };
  }
  if (!isObj(result)) {
    return { target: undefined, dependents: [], tests: [] };
  }
  const target = isObj(result['target'])
    ? toRow(result['target'])?.name
    : str(result['target']) ?? str(result['symbol']);
  const dependents = rows(firstList(result, ['dependents', 'impacted', 'callers', 'items', 'nodes']));
  const tests = rows(firstList(result, ['tests']), true);
  // a test that depends on the target is listed once, among the tests
  const testNames = new Set(tests.map((t) => t.name));
  const byDistance = (a: Row, b: Row): number =>
    (a.distance ?? Number.MAX_SAFE_INTEGER) - (b.distance ?? Number.MAX_SAFE_INTEGER);
  return {
    target,
    dependents: dependents.filter((r) => !r.isTest && !testNames.has(r.name)).sort(byDistance),
    tests: [...tests, ...dependents.filter((r) => r.isTest)],
  };
}

/** The answer of `hive/testsFor`: the tests, as rows. */
export function parseTests(result: unknown): Row[] {
  if (Array.isArray(result)) {
    return rows(result, true);
  }
  if (!isObj(result)) {
    return [];
  }
  return rows(firstList(result, ['tests', 'items']), true);
}

/** The answer of `hive/search` (or of `workspace/symbol` used in its place). */
export function parseSearch(result: unknown): Row[] {
  if (Array.isArray(result)) {
    return rows(result);
  }
  if (!isObj(result)) {
    return [];
  }
  return rows(firstList(result, ['hits', 'results', 'items']));
}

/** `path:line` relative to the workspace folder when inside it. */
export function where(row: Row, workspaceUri: string | undefined): string {
  if (row.uri === undefined) {
    return '';
  }
  let shown = row.uri;
  if (workspaceUri !== undefined && shown.startsWith(workspaceUri.replace(/\/$/, '') + '/')) {
    shown = shown.slice(workspaceUri.replace(/\/$/, '').length + 1);
  } else if (shown.startsWith('file://')) {
    shown = decodeURIComponent(shown.slice('file://'.length));
  }
  return `${decodeURIComponent(shown)}:${row.start.line + 1}`;
}

function pick(row: Row, workspaceUri: string | undefined): PickRow {
  const parts: string[] = [];
  if (row.kind !== undefined) {
    parts.push(row.kind);
  }
  if (row.distance !== undefined) {
    parts.push(`distance ${row.distance}`);
  }
  if (row.via !== undefined) {
    parts.push(`via ${row.via}`);
  }
  if (row.guess) {
    parts.push('guessed');
  }
  if (row.score !== undefined) {
    parts.push(`score ${row.score.toFixed(2)}`);
  }
  return {
    label: row.isTest ? `$(beaker) ${row.name}` : row.name,
    description: parts.join(' · '),
    detail: where(row, workspaceUri) || (row.testId ?? ''),
    row,
    separator: false,
  };
}

function separator(label: string): PickRow {
  return { label, description: '', detail: '', row: undefined, separator: true };
}

/** Quick-pick rows for an impact answer: dependents by distance, then the tests. */
export function impactRows(view: ImpactView, workspaceUri: string | undefined): PickRow[] {
  const out: PickRow[] = [];
  if (view.dependents.length > 0) {
    out.push(separator(`Dependents (${view.dependents.length})`));
    out.push(...view.dependents.map((r) => pick(r, workspaceUri)));
  }
  if (view.tests.length > 0) {
    out.push(separator(`Tests (${view.tests.length})`));
    out.push(...view.tests.map((r) => pick(r, workspaceUri)));
  }
  return out;
}

/** Quick-pick rows for a plain list (tests or search hits). */
export function listRows(found: Row[], workspaceUri: string | undefined): PickRow[] {
  return found.map((r) => pick(r, workspaceUri));
}

/** A one-line summary, also used as the quick pick's title. */
export function impactSummary(view: ImpactView): string {
  const what = view.target ?? 'this symbol';
  return `Impact of ${what}: ${view.dependents.length} dependent(s), ${view.tests.length} test(s)`;
}
