import { describe, expect, it } from 'vitest';
import { nextInDirection, startNode, type ArrowKey } from './arrow-keys';

// A plus sign around the centre c, with a far node f down and slightly right of c.
const NODES = [
  { id: 'c', x: 0, y: 0 },
  { id: 'r', x: 100, y: 10 },
  { id: 'l', x: -100, y: 0 },
  { id: 'u', x: 0, y: -100 },
  { id: 'd', x: 0, y: 100 },
  { id: 'f', x: 120, y: 300 },
];

describe('arrow keys over a scene', () => {
  it.each<[string, ArrowKey, string | undefined]>([
    ['c', 'ArrowRight', 'r'],
    ['c', 'ArrowLeft', 'l'],
    ['c', 'ArrowUp', 'u'],
    ['c', 'ArrowDown', 'd'],
    ['r', 'ArrowLeft', 'c'],
    ['d', 'ArrowDown', 'f'],
    ['l', 'ArrowLeft', undefined],
    ['u', 'ArrowUp', undefined],
    ['missing', 'ArrowUp', undefined],
  ])('from %s, %s leads to %s', (from, key, to) => {
    expect(nextInDirection(NODES, from, key)).toBe(to);
  });

  it('starts at the source or the first marked node, else nearest the centre', () => {
    expect(startNode(NODES.slice(0, 5))).toBe('c');
    expect(startNode([...NODES, { id: 'a', x: 500, y: 500, mark: 'admin' as const }])).toBe('a');
    expect(startNode([{ id: 'a', x: 0, y: 0, mark: 'admin' as const }, { id: 's', x: 9, y: 9, mark: 'source' as const }])).toBe('s');
    expect(startNode([])).toBeUndefined();
  });
});
