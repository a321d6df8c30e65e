/** "Showing N of M": lists are never cut silently; the rest comes in steps. */
export function MoreButton({ shown, total, onMore }: { shown: number; total: number; onMore: () => void }) {
  if (total <= shown) return null;
  return (
    <p className="muted small more">
      Showing {shown.toLocaleString('en')} of {total.toLocaleString('en')}{' '}
      <button type="button" className="link" onClick={onMore} data-testid="show-more">
        show {Math.min(500, total - shown).toLocaleString('en')} more
      </button>
    </p>
  );
}
