/**
 * A complete list in a scrolling region of bounded height: every row is reachable by scrolling,
 * and only the rows in view (and a few around them) are in the DOM (@tanstack/react-virtual);
 * a list of at most DRAW_WHOLE_BELOW rows is drawn whole.
 * The list knows its length from the start; the parent fetches the rows of the range in view
 * from the worker (`onRange`) and renders a placeholder for a row still on its way. Rows are
 * measured once drawn, so they may wrap or hold evidence.
 */
import { Fragment, useEffect, useLayoutEffect, useRef, type CSSProperties, type ReactNode } from 'react';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';

/** Spread onto a row's root element (`<li>` or `<tr>`): measures it and gives its place in the list. */
export interface RowProps {
  ref: (el: HTMLElement | null) => void;
  'data-index': number;
  'aria-posinset'?: number;
  'aria-setsize'?: number;
  'aria-rowindex'?: number;
}

export interface VirtualListProps {
  /** Names the scrolling region (it is focusable, so the keyboard can scroll it). */
  label: string;
  /** Rows in the whole list, fetched or not. */
  count: number;
  /** Expected height of a row in px, until it is measured. */
  estimateSize: number;
  /** `list`: rows are `<li>` of a `<ul className>`; `table`: `<tr>` of a `<table className>` headed by `head` (its `<thead>`). */
  kind?: 'list' | 'table';
  className?: string;
  /** Style of the `<ul>` or `<table>` (a table's width, say). */
  style?: CSSProperties;
  head?: ReactNode;
  /** Columns of the table (for the spacer rows). */
  columns?: number;
  renderRow: (index: number, row: RowProps) => ReactNode;
  /** The rows drawn (in view, plus the overscan): first and last index. */
  onRange?: (first: number, last: number) => void;
  /** When this changes (a new filter or sort), the list goes back to its top. */
  resetKey?: string;
  testId?: string;
  /** Extra class of the scrolling region (its height is set in CSS). */
  regionClassName?: string;
}

const OVERSCAN = 12;
/** A list this short is drawn whole (the browser's find-in-page sees all of it); longer ones by what is in view. */
export const DRAW_WHOLE_BELOW = 100;

const rangeOf = (range: Range): number[] => (range.count <= DRAW_WHOLE_BELOW ? Array.from({ length: range.count }, (_, i) => i) : defaultRangeExtractor(range));

export function VirtualList({ label, count, estimateSize, kind = 'list', className, style, head, columns = 1, renderRow, onRange, resetKey, testId, regionClassName }: VirtualListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  // The React Compiler (not used here) would leave this component unmemoised: it re-renders on scroll by design.
  // eslint-disable-next-line react-hooks/incompatible-library -- see above
  const v = useVirtualizer<HTMLDivElement, HTMLElement>({ count, getScrollElement: () => scroller.current, estimateSize: () => estimateSize, overscan: OVERSCAN, rangeExtractor: rangeOf });
  const items = v.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;

  // The parent's callback may be a new function each render: the effect follows the range only.
  const rangeRef = useRef(onRange);
  useLayoutEffect(() => {
    rangeRef.current = onRange;
  });
  useEffect(() => {
    if (last >= first) rangeRef.current?.(first, last);
  }, [first, last]);

  const reset = useRef(resetKey);
  useEffect(() => {
    if (reset.current === resetKey) return;
    reset.current = resetKey;
    v.scrollToOffset(0);
  }, [resetKey, v]);

  // A focused row scrolled far out of view leaves the DOM: focus then stays with the region (so
  // the arrow keys go on scrolling it) instead of falling back to the page.
  const focusInside = useRef(false);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || !focusInside.current || el.contains(document.activeElement)) return;
    if (document.activeElement === document.body || document.activeElement === null) el.focus({ preventScroll: true });
  });

  const before = items[0]?.start ?? 0;
  const after = Math.max(0, v.getTotalSize() - (items.at(-1)?.end ?? 0));
  const rows = items.map((item) => (
    <Fragment key={item.key}>
      {renderRow(item.index, {
        ref: v.measureElement,
        'data-index': item.index,
        ...(kind === 'table' ? { 'aria-rowindex': item.index + 2 } : { 'aria-posinset': item.index + 1, 'aria-setsize': count }),
      })}
    </Fragment>
  ));
  return (
    <div
      ref={scroller}
      className={`vlist${regionClassName ? ` ${regionClassName}` : ''}`}
      role="region"
      aria-label={label}
      tabIndex={0}
      data-testid={testId}
      onFocus={() => (focusInside.current = true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget)) focusInside.current = false;
      }}
    >
      {kind === 'table' ? (
        <table className={className} style={style} aria-rowcount={count + 1}>
          {head}
          <tbody>
            {before > 0 && <Spacer height={before} columns={columns} />}
            {rows}
            {after > 0 && <Spacer height={after} columns={columns} />}
          </tbody>
        </table>
      ) : (
        <ul className={className} style={{ ...style, paddingTop: before, paddingBottom: after }}>
          {rows}
        </ul>
      )}
    </div>
  );
}

function Spacer({ height, columns }: { height: number; columns: number }) {
  return (
    <tr aria-hidden="true" className="vlist-spacer">
      <td colSpan={columns} style={{ height }} />
    </tr>
  );
}

/**
 * The pages of `size` rows that the drawn range needs, with `ahead` rows of look-ahead, as
 * `[firstPage, lastPage]`; `offset` rows before the first page are held already.
 */
export function pageSpan(first: number, last: number, size: number, count: number, ahead = 50, offset = 0): [number, number] {
  const lo = Math.max(0, first - offset);
  const hi = Math.min(count - 1, last + ahead) - offset;
  if (hi < 0) return [0, -1];
  return [Math.floor(lo / size), Math.floor(hi / size)];
}

/** Page numbers from a span, inclusive. */
export function spanPages([a, b]: [number, number]): number[] {
  const out: number[] = [];
  for (let p = a; p <= b; p++) out.push(p);
  return out;
}
