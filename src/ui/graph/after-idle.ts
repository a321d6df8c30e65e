/** Deferring work until the page has drawn and is idle (the graph's follow-up questions wait for it). */

/**
 * Run `f` once the frame after this one has been drawn and the page is idle (at most a second
 * later); returns a cancel function.
 */
export function afterNextFrameWhenIdle(f: () => void): () => void {
  let cancelled = false;
  let cancelWait = () => {};
  const run = () => void (!cancelled && f());
  const frame = requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      if (cancelled) return;
      if (typeof requestIdleCallback === 'function') {
        const id = requestIdleCallback(run, { timeout: 1000 });
        cancelWait = () => cancelIdleCallback(id);
      } else {
        // Safari has no requestIdleCallback: a short timeout stands in.
        const id = window.setTimeout(run, 200);
        cancelWait = () => clearTimeout(id);
      }
    }),
  );
  return () => {
    cancelled = true;
    cancelAnimationFrame(frame);
    cancelWait();
  };
}
