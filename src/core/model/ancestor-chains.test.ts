/** Scope chains: nearest first, cached, and cut at a cycle or at the depth limit (hierarchies come from hostile exports). */
import { describe, expect, it } from 'vitest';
import { AncestorChains } from './ancestor-chains';

describe('AncestorChains', () => {
  it('lists the key and its ancestors, nearest first, and asks each parent once', () => {
    const parents: Record<string, string> = { rg: 'sub', sub: 'mg', mg: '/' };
    let asked = 0;
    const chains = new AncestorChains((k) => (asked++, parents[k]), 10);
    expect(chains.of('rg')).toEqual(['rg', 'sub', 'mg', '/']);
    expect(chains.of('rg')).toBe(chains.of('rg'));
    expect(asked).toBe(4);
  });

  it('stops at a cycle and at the depth limit', () => {
    const cyclic = new AncestorChains((k) => ({ a: 'b', b: 'c', c: 'a' })[k], 10);
    expect(cyclic.of('a')).toEqual(['a', 'b', 'c']);
    const deep = new AncestorChains((k) => `${k}x`, 4);
    expect(deep.of('')).toEqual(['', 'x', 'xx', 'xxx']);
  });
});
