/**
 * A Vault ACL policy, read from its HCL (or the JSON form, `{"path": {"P": {...}}}`): one rule
 * per `path` block, with the checks Vault's own parser makes (policy/path keys it knows,
 * capabilities it knows, no `+*`, a leading `/` stripped, the legacy `policy = "write"` form mapped
 * to capabilities). What Vault would refuse is skipped with a warning naming the block.
 * Conditions the exports cannot decide (parameter constraints, response wrapping, control groups,
 * MFA, templated paths) are kept on the rule and make its grants conditional.
 */
import { isRecord } from '../../io/safe-object';
import { parseHcl, type HclItem, type HclValue } from './hcl';

/** Capability bits, as Vault numbers them (deny first). */
export const CAP = {
  deny: 1,
  create: 2,
  read: 4,
  update: 8,
  delete: 16,
  list: 32,
  sudo: 64,
  patch: 128,
  scan: 256,
  subscribe: 512,
  recover: 1024,
} as const;
export type Capability = keyof typeof CAP;
export const CAPABILITIES = Object.keys(CAP) as Capability[];
const isCapability = (c: string): c is Capability => Object.prototype.hasOwnProperty.call(CAP, c);

/** The legacy `policy = "..."` field, as Vault maps it. */
const LEGACY: Record<string, Capability[]> = {
  deny: ['deny'],
  read: ['read', 'list'],
  write: ['create', 'read', 'update', 'delete', 'list'],
  sudo: ['create', 'read', 'update', 'delete', 'list', 'sudo'],
};

const PATH_KEYS = new Set([
  'comment', 'policy', 'capabilities', 'allowed_parameters', 'denied_parameters', 'required_parameters', 'min_wrapping_ttl', 'max_wrapping_ttl',
  'mfa_methods', 'pagination_limit', 'expiration', 'list_scan_response_keys_filter_path', 'control_group',
]);

/** Keys whose presence makes a grant depend on the request (what the exports cannot know). */
const CONDITION_KEYS = ['allowed_parameters', 'denied_parameters', 'required_parameters', 'min_wrapping_ttl', 'max_wrapping_ttl', 'control_group', 'mfa_methods'];

/** One path block, as stored on the policy node (plain data: it goes into the graph). */
export interface PolicyRule {
  /** The path as Vault stores it: leading `/` removed, trailing `*` kept. */
  path: string;
  caps: Capability[];
  /** Line of the block in the policy text. */
  line: number;
  /** Conditions written in the block, as text (`allowed_parameters = {...}`). */
  conditions?: string[];
  /** ISO time after which Vault ignores the block (`expiration`). */
  expiration?: string;
}

export interface ParsedPolicy {
  /** The `name` the text declares, if any (Vault names a policy by the path it is written to). */
  declaredName?: string;
  rules: PolicyRule[];
  warnings: string[];
  /** Some of the text could not be read: what is missing may have denied something. */
  incomplete: boolean;
}

export const MAX_POLICY_PATH = 4096;

/** `path "P"` as a location. */
export const blockLocation = (path: string, line: number): string => `line ${line}: path ${JSON.stringify(path.length > 200 ? `${path.slice(0, 200)}…` : path)}`;

export function parsePolicyText(text: string): ParsedPolicy {
  const doc = parseHcl(text);
  const out: ParsedPolicy = { rules: [], warnings: [], incomplete: doc.errors.length > 0 };
  for (const e of doc.errors) out.warnings.push(`line ${e.line}, column ${e.column}: ${e.message}; the block there was not read (a block that does not parse is shown nowhere: it may have denied something)`);
  readItems(doc.items, out);
  return out;
}

/** The JSON form of a policy (what `{"path": {...}}` files hold), through the same checks. */
export function parsePolicyJson(doc: unknown): ParsedPolicy {
  const out: ParsedPolicy = { rules: [], warnings: [], incomplete: false };
  const item = jsonToHcl(doc, 0, 0);
  if (item.t !== 'object') {
    out.warnings.push('the policy is not a JSON object; nothing read');
    out.incomplete = true;
    return out;
  }
  readItems(item.items, out);
  return out;
}

/** A JSON value as the HCL tree the same reader walks (line 0: JSON has no blocks to locate). */
function jsonToHcl(v: unknown, line: number, depth: number): HclValue {
  if (depth > 32) return { t: 'ident', v: '(too deep)', line };
  if (typeof v === 'string') return { t: 'string', v, line };
  if (typeof v === 'number') return { t: 'number', v, line };
  if (typeof v === 'boolean') return { t: 'bool', v, line };
  if (Array.isArray(v)) return { t: 'list', items: v.map((x) => jsonToHcl(x, line, depth + 1)), line };
  if (isRecord(v)) return { t: 'object', items: Object.keys(v).map((k) => ({ keys: [k], value: jsonToHcl(v[k], line, depth + 1), line })), line };
  return { t: 'ident', v: 'null', line };
}

function readItems(items: HclItem[], out: ParsedPolicy): void {
  for (const item of items) {
    const [key, ...labels] = item.keys;
    if (key === 'name' && labels.length === 0) {
      if (item.value.t === 'string') out.declaredName = item.value.v;
      continue;
    }
    if (key !== 'path') {
      out.warnings.push(`line ${item.line}: unknown top-level key ${JSON.stringify(key)} (Vault refuses a policy with it); ignored`);
      continue;
    }
    if (labels.length === 1) {
      readPath(labels[0]!, item.value, item.line, out);
    } else if (labels.length === 0 && (item.value.t === 'object' || item.value.t === 'list')) {
      // `path = { "P" = {...} }` (and the JSON form): each inner key is a path.
      const objects = item.value.t === 'object' ? [item.value] : item.value.items.filter((x): x is Extract<HclValue, { t: 'object' }> => x.t === 'object');
      for (const o of objects) for (const inner of o.items) readPath(inner.keys.join(' '), inner.value, inner.line || item.line, out);
    } else {
      out.warnings.push(`line ${item.line}: a path block needs exactly one path label; ignored`);
    }
  }
}

const str = (v: HclValue | undefined): string | undefined => (v?.t === 'string' || v?.t === 'ident' ? v.v : v?.t === 'number' ? String(v.v) : undefined);

function readPath(raw: string, body: HclValue, line: number, out: ParsedPolicy): void {
  const at = blockLocation(raw, line);
  if (body.t !== 'object') {
    out.warnings.push(`${at}: the block is not an object; ignored`);
    return;
  }
  if (raw.length > MAX_POLICY_PATH) {
    out.warnings.push(`${at}: the path is ${raw.length} characters long (the limit is ${MAX_POLICY_PATH}); ignored`);
    return;
  }
  const path = raw.startsWith('/') ? raw.slice(1) : raw;
  if (path.includes('+*')) {
    out.warnings.push(`${at}: '+*' is forbidden in a policy path (Vault refuses the policy); ignored`);
    return;
  }
  const caps = new Set<Capability>();
  const conditions: string[] = [];
  let expiration: string | undefined;
  for (const field of body.items) {
    const key = field.keys.join(' ');
    if (!PATH_KEYS.has(key)) {
      out.warnings.push(`${at}: unknown key ${JSON.stringify(key.slice(0, 60))} (Vault refuses a policy with it); ignored`);
      continue;
    }
    if (key === 'capabilities') {
      const list = field.value.t === 'list' ? field.value.items : [field.value];
      for (const c of list) {
        const name = str(c);
        if (name !== undefined && isCapability(name)) caps.add(name);
        else out.warnings.push(`${at}: capabilities holds ${name === undefined ? `a ${c.t}` : JSON.stringify(name.slice(0, 40))}, not a capability; ignored`);
      }
    } else if (key === 'policy') {
      const legacy = str(field.value);
      const mapped = legacy !== undefined && Object.prototype.hasOwnProperty.call(LEGACY, legacy) ? LEGACY[legacy] : undefined;
      if (mapped) mapped.forEach((c) => caps.add(c));
      else out.warnings.push(`${at}: policy = ${JSON.stringify((legacy ?? field.value.t).slice(0, 40))} is not deny, read, write or sudo; ignored`);
    } else if (key === 'expiration') {
      expiration = str(field.value);
    } else if (CONDITION_KEYS.includes(key)) {
      conditions.push(`${key} = ${render(field.value, 0).slice(0, 300)}`);
    }
  }
  // `deny` alone survives: Vault drops every other capability of a block that denies.
  const list: Capability[] = caps.has('deny') ? ['deny'] : CAPABILITIES.filter((c) => caps.has(c));
  if (!list.length) out.warnings.push(`${at}: no capabilities; the block grants nothing`);
  out.rules.push({ path, caps: list, line, ...(conditions.length ? { conditions } : {}), ...(expiration ? { expiration } : {}) });
}

/** An HCL value back as short text, for the evidence of a condition. */
function render(v: HclValue, depth: number): string {
  if (depth > 4) return '…';
  switch (v.t) {
    case 'string':
      return JSON.stringify(v.v);
    case 'number':
    case 'bool':
    case 'ident':
      return String(v.v);
    case 'list':
      return `[${v.items.slice(0, 10).map((x) => render(x, depth + 1)).join(', ')}${v.items.length > 10 ? ', …' : ''}]`;
    case 'object':
      return `{ ${v.items.slice(0, 10).map((i) => `${i.keys.map((k) => JSON.stringify(k)).join(' ')} = ${render(i.value, depth + 1)}`).join(', ')}${v.items.length > 10 ? ', …' : ''} }`;
  }
}
