import { describe, expect, it } from 'vitest';
import { pageSpan, spanPages } from './VirtualList';

describe('pageSpan', () => {
  it('names the pages the drawn rows need, with look-ahead, within the list', () => {
    expect(pageSpan(0, 30, 500, 4428)).toEqual([0, 0]);
    expect(pageSpan(460, 490, 500, 4428)).toEqual([0, 1]); // 50 rows ahead reach the next page
    expect(pageSpan(4400, 4427, 500, 4428)).toEqual([8, 8]);
    expect(pageSpan(0, 10, 500, 0)).toEqual([0, -1]);
    expect(spanPages([2, 4])).toEqual([2, 3, 4]);
    expect(spanPages([0, -1])).toEqual([]);
  });

  it('counts pages after the rows already held', () => {
    // 300 edges came with the details: row 300 is on page 0 of the rest.
    expect(pageSpan(250, 280, 300, 459, 20, 300)).toEqual([0, 0]);
    expect(pageSpan(0, 30, 300, 459, 20, 300)).toEqual([0, -1]);
    expect(pageSpan(440, 458, 300, 459, 20, 300)).toEqual([0, 0]);
  });
});
