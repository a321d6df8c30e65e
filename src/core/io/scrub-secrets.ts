/**
 * Secret material must never be stored, displayed or exported. Exports sometimes carry it
 * (`get-secret-value`, `create-access-key` output, Kubernetes Secret data, Azure secretText):
 * these keys are removed from the parsed data before any importer sees it, and counted.
 */
import { isRecord } from './safe-object';
import { placeOf, rootFrame, type Frame } from './walk';

const SECRET_KEYS = new Set(
  ['SecretString', 'SecretBinary', 'SecretAccessKey', 'SessionToken', 'PrivateKey', 'Password', 'secretText', 'privateKeyData', 'client_secret', 'clientSecret', 'token', 'secret_id'].map((k) => k.toLowerCase()),
);

/**
 * Cheap refusals first, from the secret keys themselves: a parsed export holds millions of keys,
 * nearly all of another length or starting with another letter. They are exact: lower-casing
 * changes the length only of `İ` (whose lower case no secret key contains), and turns no
 * character outside ASCII into an ASCII letter but the Kelvin sign (`k`, which no secret key
 * starts with; a key starting outside ASCII still takes the full test).
 */
const SECRET_LENGTHS = new Uint8Array(64);
const SECRET_FIRSTS = new Uint8Array(128);
for (const k of SECRET_KEYS) {
  SECRET_LENGTHS[k.length] = 1;
  SECRET_FIRSTS[k.charCodeAt(0)] = 1;
}

/** Answers by key: an export repeats a few hundred key names millions of times. */
const secretKeyCache = new Map<string, boolean>();
/** Hostile files can hold millions of distinct keys: past this many, answers are not remembered. */
const MAX_CACHED_KEYS = 10_000;

/** Whether values under `key` are secret material (case-insensitive). */
export function isSecretKey(key: string): boolean {
  if (key.length >= SECRET_LENGTHS.length || !SECRET_LENGTHS[key.length]) return false;
  const first = key.charCodeAt(0);
  // ASCII letters fold to lower case by setting 0x20.
  if (first < 128 && !SECRET_FIRSTS[first] && !SECRET_FIRSTS[first | 0x20]) return false;
  let secret = secretKeyCache.get(key);
  if (secret === undefined) {
    secret = SECRET_KEYS.has(key.toLowerCase());
    if (secretKeyCache.size < MAX_CACHED_KEYS) secretKeyCache.set(key, secret);
  }
  return secret;
}

export interface ScrubResult {
  dropped: number;
  /** Where each dropped value was (first 20). */
  places: string[];
  /** The walk stopped after `budget` objects and lists: the rest was not scrubbed (the caller refuses the data). */
  exhausted?: boolean;
}

/**
 * Iterative, with places rendered only for what is dropped (see walk.ts). Parsed JSON is a tree no
 * larger than its text; parsed YAML is a graph whose aliases can share one subtree a billion
 * times, or contain themselves: a YAML caller passes a `budget` (of objects and lists visited)
 * proportional to the text, and refuses the data when it is exhausted.
 */
export function scrubSecrets(value: unknown, path = '', budget = Infinity): ScrubResult {
  const result: ScrubResult = { dropped: 0, places: [] };
  if (typeof value !== 'object' || value === null) return result;
  const stack: Frame[] = [rootFrame(value as Frame['value'])];
  let visited = 0;
  while (stack.length) {
    if (++visited > budget) {
      result.exhausted = true;
      return result;
    }
    const frame = stack.pop()!;
    const v = frame.value;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const child = v[i];
        if (typeof child === 'object' && child !== null) stack.push({ value: child as Frame['value'], depth: frame.depth + 1, parent: frame, key: i });
      }
    } else if (isRecord(v)) {
      for (const key of Object.keys(v)) {
        const child = v[key];
        if (isSecretKey(key) && child !== null && child !== '' && typeof child !== 'boolean') {
          delete v[key];
          result.dropped++;
          if (result.places.length < 20) result.places.push(placeOf(frame, key, path));
        } else if (typeof child === 'object' && child !== null) stack.push({ value: child as Frame['value'], depth: frame.depth + 1, parent: frame, key });
      }
    }
  }
  return result;
}
