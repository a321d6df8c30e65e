/**
 * Secret material must never be stored, displayed or exported. Exports sometimes carry it
 * (`get-secret-value`, `create-access-key` output, Kubernetes Secret data, Azure secretText):
 * these keys are removed from the parsed data before any importer sees it, and counted.
 */
import { isRecord } from './safe-object';

const SECRET_KEYS = new Set(
  ['SecretString', 'SecretBinary', 'SecretAccessKey', 'SessionToken', 'PrivateKey', 'Password', 'secretText', 'privateKeyData', 'client_secret', 'clientSecret', 'token', 'secret_id'].map((k) => k.toLowerCase()),
);

export interface ScrubResult {
  dropped: number;
  /** Where each dropped value was (first 20). */
  places: string[];
}

export function scrubSecrets(value: unknown, path = ''): ScrubResult {
  const result: ScrubResult = { dropped: 0, places: [] };
  // Iterative walk: a hostile file may nest deeper than the call stack allows.
  const stack: [unknown, string][] = [[value, path]];
  while (stack.length) {
    const [v, p] = stack.pop()!;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (typeof v[i] === 'object' && v[i] !== null) stack.push([v[i], `${p}[${i}]`]);
    } else if (isRecord(v)) {
      for (const key of Object.keys(v)) {
        const child = v[key];
        if (SECRET_KEYS.has(key.toLowerCase()) && child !== null && child !== '' && typeof child !== 'boolean') {
          delete v[key];
          result.dropped++;
          if (result.places.length < 20) result.places.push(p ? `${p}.${key}` : key);
        } else if (typeof child === 'object' && child !== null) stack.push([child, p ? `${p}.${key}` : key]);
      }
    }
  }
  return result;
}
