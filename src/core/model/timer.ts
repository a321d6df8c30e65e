/**
 * Durations (import and analysis times shown to the analyst, bench figures) are measured with a
 * millisecond counter the host passes in (`performance.now` in the worker and the CLI): the core
 * never reads a clock, so nothing it computes can depend on when it runs. Without a timer,
 * durations are not measured and stay undefined.
 */
export type Timer = () => number;

/** Run `fn` and return its result with the time it took, when a timer is given. */
export function timed<T>(timer: Timer | undefined, fn: () => T): { value: T; millis: number | undefined } {
  const start = timer?.();
  const value = fn();
  return { value, millis: timer && start !== undefined ? timer() - start : undefined };
}
