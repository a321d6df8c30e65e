/**
 * Export data is attacker-controlled. Keys such as `__proto__` or `constructor` must never reach
 * an assignment on an ordinary object (that would change its prototype). Everything that copies
 * untrusted keys goes through these helpers, which define own data properties instead.
 */

export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // On a plain object only `__proto__` is an accessor (Object.prototype's): any other key is
  // assigned as an own data property, which is much cheaper than defining one (every attribute
  // and count of a 100,000-principal import goes through here).
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

export function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Read an own property only: `rec.constructor` on a plain object would return a function. */
export function own(rec: unknown, key: string): unknown {
  return isRecord(rec) && hasOwn(rec, key) ? rec[key] : undefined;
}

export function ownString(rec: unknown, key: string): string | undefined {
  const v = own(rec, key);
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

/** AWS exports put scalars where lists are usual, and objects where arrays are usual. */
export function toArray<T = unknown>(x: unknown): T[] {
  if (x === undefined || x === null) return [];
  return (Array.isArray(x) ? x : [x]) as T[];
}

/** Copy the fields of `rec` that are not in `known` into a fresh record (unknown fields kept). */
export function extraFields(rec: Record<string, unknown>, known: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(rec)) if (!known.has(key)) setOwn(out, key, rec[key]);
  return out;
}

/** `extraFields`, or undefined when there are none (most records: nothing is allocated for them). */
export function extraFieldsIfAny(rec: Record<string, unknown>, known: ReadonlySet<string>): Record<string, unknown> | undefined {
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(rec)) if (!known.has(key)) setOwn((out ??= {}), key, rec[key]);
  return out;
}

/** Tags as ordered [key, value] pairs, so no tag key can act as a property name. */
export function readTags(x: unknown): [string, string][] {
  const out: [string, string][] = [];
  for (const t of toArray(x)) {
    const k = ownString(t, 'Key');
    if (k !== undefined) out.push([k, ownString(t, 'Value') ?? '']);
  }
  return out;
}
