import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { impactRows, impactSummary, parseImpact, parseSearch, parseTests, where } from '../src/results';

const range = (line: number) => ({ start: { line, character: 4 }, end: { line, character: 9 } });

describe('parseImpact', () => {
  const answer = {
    target: { name: 'shop.pricing.with_tax' },
    dependents: [
      { name: 'app.main', uri: 'file:///ws/app.py', range: range(7), distance: 2, kind: 12 },
      { qualifiedName: 'shop.cart.Cart.total', location: { uri: 'file:///ws/shop/cart.py', range: range(19) }, distance: 1 },
      { name: 'tests.test_cart.test_total', uri: 'file:///ws/tests/test_cart.py', range: range(9), distance: 2, isTest: true },
    ],
    tests: [{ name: 'tests.test_cart.test_add', path: '/ws/tests/test_cart.py', line: 4 }],
  };

  it('orders dependents by distance and gathers the tests', () => {
    const view = parseImpact(answer);
    expect(view.target).toBe('shop.pricing.with_tax');
    expect(view.dependents.map((r) => [r.name, r.distance])).toEqual([
      ['shop.cart.Cart.total', 1],
      ['app.main', 2],
    ]);
    expect(view.dependents[1]?.kind).toBe('function');
    expect(view.tests.map((r) => r.name)).toEqual(['tests.test_cart.test_add', 'tests.test_cart.test_total']);
    expect(view.tests[0]).toMatchObject({ uri: 'file:///ws/tests/test_cart.py', start: { line: 3, character: 0 } });
    expect(impactSummary(view)).toBe('Impact of shop.pricing.with_tax: 2 dependent(s), 2 test(s)');
  });

  it('renders quick-pick rows with separators, relative paths and 1-based lines', () => {
    const rows = impactRows(parseImpact(answer), 'file:///ws');
    expect(rows.map((r) => [r.separator, r.label, r.description, r.detail])).toEqual([
      [true, 'Dependents (2)', '', ''],
      [false, 'shop.cart.Cart.total', 'distance 1', 'shop/cart.py:20'],
      [false, 'app.main', 'function · distance 2', 'app.py:8'],
      [true, 'Tests (2)', '', ''],
      [false, '$(beaker) tests.test_cart.test_add', '', 'tests/test_cart.py:4'],
      [false, '$(beaker) tests.test_cart.test_total', 'distance 2', 'tests/test_cart.py:10'],
    ]);
  });

  it('reads nothing from answers it cannot use', () => {
    expect(parseImpact(null)).toEqual({ target: undefined, dependents: [], tests: [] });
    expect(parseImpact({ dependents: [1, null, {}] }).dependents).toEqual([]);
    expect(impactRows(parseImpact({}), undefined)).toEqual([]);
  });
});

describe('a real hive/impact answer (with_tax in tests/fixtures/pyshop)', () => {
  const answer: unknown = JSON.parse(readFileSync(new URL('./fixtures/impact-with_tax.json', import.meta.url), 'utf8'));

  it('shows the callers by distance, how they depend, and the test once', () => {
    const view = parseImpact(answer);
    expect(impactSummary(view)).toBe('Impact of shop.pricing.with_tax: 2 dependent(s), 1 test(s)');
    expect(impactRows(view, 'file:///ws').map((r) => [r.label, r.description, r.detail])).toEqual([
      ['Dependents (2)', '', ''],
      ['shop.cart.Cart.total', 'method · distance 1 · via calls', 'shop/cart.py:20'],
      ['shop.cart.Cart.checkout', 'method · distance 2 · via calls', 'shop/cart.py:25'],
      ['Tests (1)', '', ''],
      ['$(beaker) tests.test_cart.test_total', 'function · distance 2', 'tests/test_cart.py:10'],
    ]);
    expect(view.tests[0]?.testId).toBe('tests/test_cart.py::test_total');
  });
});

describe('parseTests and parseSearch', () => {
  it('reads a list or an object with tests', () => {
    expect(parseTests(['tests/test_cart.py::test_add']).map((r) => [r.name, r.isTest, r.uri])).toEqual([
      ['tests/test_cart.py::test_add', true, undefined],
    ]);
    expect(parseTests({ tests: [{ name: 't', uri: 'file:///ws/t.py', range: range(0) }] })[0]?.uri).toBe('file:///ws/t.py');
  });

  it('reads workspace symbols (the fallback of Search code) and search hits', () => {
    const symbols = [{ name: 'with_tax', kind: 12, location: { uri: 'file:///ws/shop/pricing.py', range: range(10) } }];
    expect(parseSearch(symbols).map((r) => where(r, 'file:///ws/'))).toEqual(['shop/pricing.py:11']);
    const hits = { hits: [{ name: 'price', uri: 'file:///other/p%20q.py', range: range(5), score: 0.8123 }] };
    const [hit] = parseSearch(hits);
    expect(hit?.score).toBeCloseTo(0.8123);
    expect(hit && where(hit, 'file:///ws')).toBe('/other/p q.py:6');
  });
});
