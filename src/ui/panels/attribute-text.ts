/**
 * Attribute names and values as people read them: "Password last used: 3 days before the analysis
 * date (2026-11-21)" rather than `passwordLastUsed: 2026-11-21T08:30:00.000Z`.
 */
const ACRONYMS: Record<string, string> = { arn: 'ARN', mfa: 'MFA', oidc: 'OIDC', kms: 'KMS', ip: 'IP', id: 'id', cidrs: 'CIDRs', oauth2: 'OAuth2', aws: 'AWS', gcp: 'GCP', api: 'API', url: 'URL' };

/** `passwordLastUsed` → "Password last used"; `mfaActive` → "MFA active". */
export function attributeLabel(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_]+/)
    .filter(Boolean)
    .map((w) => ACRONYMS[w.toLowerCase()] ?? w.toLowerCase());
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY = 86_400_000;

/** A time relative to the analysis date, with the date itself: "3 years before (2023-03-14)". */
export function relativeDate(iso: string, asOf: number | undefined): string {
  const t = Date.parse(iso);
  const date = iso.slice(0, 10);
  if (Number.isNaN(t) || asOf === undefined) return date;
  const days = Math.round((asOf - t) / DAY);
  const n = Math.abs(days);
  const span = n >= 730 ? `${Math.floor(n / 365)} years` : n >= 60 ? `${Math.floor(n / 30)} months` : n === 1 ? '1 day' : `${n} days`;
  return `${days === 0 ? 'on the analysis date' : days > 0 ? `${span} before` : `${span} after`} (${date})`;
}

/** A value as text; dates relative to the analysis date, booleans as yes/no. */
export function attributeValue(key: string, v: unknown, asOf: number | undefined): string {
  if (typeof v === 'string') return ISO.test(v) ? relativeDate(v, asOf) : v;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (key === 'tags' && Array.isArray(v)) return (v as [string, string][]).map(([k, val]) => `${k} = ${val}`).join('\n');
  const s = JSON.stringify(v, null, 1);
  return s.length > 2000 ? `${s.slice(0, 2000)}…` : s;
}
