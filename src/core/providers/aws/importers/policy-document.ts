/**
 * Policy documents arrive as objects, JSON strings or URL-encoded JSON strings, with scalars
 * where lists are usual (`Statement`, `Action`, `Principal.AWS`). This module turns any of them
 * into one normalised shape and keeps the raw text of every condition.
 *
 * Export data is attacker-controlled, and a statement AWS itself would refuse must not be
 * guessed at: a wrong type, an Effect other than exactly `Allow` or `Deny`, no Action, an
 * oversized pattern... The statement is then ignored and the problem listed (importers warn with
 * the place), never read as something it does not say. Compiling a stored document applies the
 * same rules, so the evaluator sees exactly the statements the import accepted.
 */
import { limitDepth, MAX_POLICY_DEPTH } from '../../../io/depth';
import { hasOwn, isRecord, own, ownString, toArray } from '../../../io/safe-object';

export interface PolicyStatement {
  /** Sid, or `#index` when the statement has none. */
  id: string;
  index: number;
  effect: 'Allow' | 'Deny';
  actions: string[];
  notActions: string[];
  resources: string[];
  notResources: string[];
  /** Principal map (`AWS`, `Service`, `Federated`, `CanonicalUser`) or `*`. */
  principals: PrincipalRef[];
  notPrincipals: PrincipalRef[];
  /** Condition block as JSON text; undefined when absent or empty. */
  condition?: string;
  /** The same block as data, for the evaluator. */
  conditionBlock?: Record<string, unknown>;
}

export interface PrincipalRef {
  type: 'AWS' | 'Service' | 'Federated' | 'CanonicalUser' | '*';
  value: string;
}

export interface PolicyDocument {
  version?: string;
  statements: PolicyStatement[];
}

/** Something wrong in a document: `place` is relative to it (`Statement[2]`, or '' for the whole). */
export interface PolicyProblem {
  place: string;
  message: string;
}

export type PolicyParse = { ok: true; document: PolicyDocument; raw: Record<string, unknown>; problems: PolicyProblem[] } | { ok: false; reason: string };

/**
 * The longest single pattern or value read (an ARN is at most 2,048 characters; a whole managed
 * policy at most 6,144): anything longer is not from AWS, and would only make matching slow.
 */
export const MAX_POLICY_STRING = 4096;

const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'] as const;

/** What `checkPolicy` tells: the decoded document and its problems, or why it cannot be read. */
export type PolicyCheck = { ok: true; raw: Record<string, unknown>; problems: PolicyProblem[] } | { ok: false; reason: string };

/** Decode an object, JSON string or URL-encoded JSON string into a policy document. */
export function normalizePolicy(input: unknown): PolicyParse {
  const read = readPolicy(input, true);
  return read.ok ? { ok: true, document: { version: ownString(read.raw, 'Version'), statements: read.statements }, raw: read.raw, problems: read.problems } : read;
}

/**
 * The same decoding and the same problems as `normalizePolicy`, without building the statements:
 * importers store most documents (inline and managed policies) and only warn about them; the
 * evaluator compiles the statements later, with normalizePolicy.
 */
export function checkPolicy(input: unknown): PolicyCheck {
  const read = readPolicy(input, false);
  return read.ok ? { ok: true, raw: read.raw, problems: read.problems } : read;
}

type PolicyRead = { ok: true; raw: Record<string, unknown>; statements: PolicyStatement[]; problems: PolicyProblem[] } | { ok: false; reason: string };

/** `build`: also build the statements (otherwise `statements` stays empty). */
function readPolicy(input: unknown, build: boolean): PolicyRead {
  let value = input;
  const problems: PolicyProblem[] = [];
  if (typeof value === 'string') {
    let text = value.trim();
    if (/^%7B/i.test(text) || (text.includes('%22') && !text.startsWith('{'))) {
      try {
        text = decodeURIComponent(text.replace(/\+/g, '%20'));
      } catch {
        return { ok: false, reason: 'URL-encoded policy document could not be decoded' };
      }
    }
    try {
      value = JSON.parse(text);
    } catch {
      return { ok: false, reason: 'policy document is not valid JSON' };
    }
    // Parsed here, so not yet cut to depth by the file import: cut it before it is stored.
    const cut = limitDepth(value, MAX_POLICY_DEPTH);
    for (const place of cut.places) problems.push({ place, message: `nested deeper than ${MAX_POLICY_DEPTH} levels; the deeper part was dropped` });
  }
  if (!isRecord(value)) return { ok: false, reason: 'policy document is not an object' };
  const statementValue = own(value, 'Statement');
  if (statementValue === undefined) problems.push({ place: '', message: 'no Statement; the document grants and denies nothing' });
  else if (!isRecord(statementValue) && !Array.isArray(statementValue)) problems.push({ place: 'Statement', message: 'must be a statement or a list of statements; none read' });
  const statementsRaw = isRecord(statementValue) || Array.isArray(statementValue) ? toArray(statementValue) : [];
  const statements: PolicyStatement[] = [];
  statementsRaw.forEach((s, index) => {
    const place = `Statement[${index}]`;
    const read = readStatement(s, index, build);
    if (typeof read === 'string') problems.push({ place, message: `${read}; statement ignored` });
    else {
      if (read.statement) statements.push(read.statement);
      if (read.note) problems.push({ place, message: read.note });
    }
  });
  return { ok: true, raw: value, statements, problems };
}

/** Report a parsed document's problems, each at its place under `base` (the document's own location, or '' for a file that is one). */
export function warnPolicyProblems(warn: (message: string) => void, base: string, parsed: PolicyCheck): void {
  if (!parsed.ok) return;
  for (const p of parsed.problems) warn(`${base && p.place ? `${base}.${p.place}` : base || p.place || 'policy document'}: ${p.message}`);
}

const describe = (v: unknown): string => {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return JSON.stringify(v.length > 20 ? `${v.slice(0, 20)}…` : v);
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v).slice(0, 20)}`;
};

/** A statement read (built only when asked), or why it cannot be read. */
type StatementRead = { statement?: PolicyStatement; note?: string } | string;

/** A statement checked and found readable, with nothing to note (shared: it is never changed). */
const CHECKED: StatementRead = Object.freeze({});

/** One statement, or why it cannot be read as AWS would read it; `build`: return the statement too. */
function readStatement(s: unknown, index: number, build: boolean): StatementRead {
  if (!isRecord(s)) return `not an object (${describe(s)})`;
  const effect = own(s, 'Effect');
  if (effect === undefined) return 'Effect is missing';
  // AWS accepts exactly these two, case-sensitively; anything else is not an Allow.
  if (effect !== 'Allow' && effect !== 'Deny') return `Effect is ${describe(effect)}, not "Allow" or "Deny"`;

  const action = pair(s, 'Action', 'NotAction', true);
  if (typeof action === 'string') return action;
  const resource = pair(s, 'Resource', 'NotResource', false);
  if (typeof resource === 'string') return resource;
  if (hasOwn(s, 'Principal') && hasOwn(s, 'NotPrincipal')) return 'has both Principal and NotPrincipal';
  const principalList = principals(own(s, 'Principal'), 'Principal', build);
  if (typeof principalList === 'string') return principalList;
  const notPrincipalList = principals(own(s, 'NotPrincipal'), 'NotPrincipal', build);
  if (typeof notPrincipalList === 'string') return notPrincipalList;
  const cond = own(s, 'Condition');
  const condProblem = checkCondition(cond);
  if (condProblem) return condProblem;

  const sidRaw = ownString(s, 'Sid');
  const sidTooLong = sidRaw !== undefined && sidRaw.length > MAX_POLICY_STRING;
  const note = sidTooLong ? `Sid is ${sidRaw.length} characters long; the statement is named #${index} instead` : undefined;
  if (!build) return note ? { note } : CHECKED;
  const sid = sidTooLong ? undefined : sidRaw;
  const hasCond = isRecord(cond) && Object.keys(cond).length > 0;
  const statement: PolicyStatement = {
    id: sid ? sid : `#${index}`,
    index,
    effect,
    actions: action.list,
    notActions: action.notList,
    resources: resource.list,
    notResources: resource.notList,
    principals: principalList,
    notPrincipals: notPrincipalList,
    condition: hasCond ? JSON.stringify(cond) : undefined,
    conditionBlock: hasCond ? cond : undefined,
  };
  return note ? { statement, note } : { statement };
}

/**
 * An element and its `Not` form (Action / NotAction): at most one, each a string or a non-empty
 * list of strings. `required`: one of them must be there (an empty list would otherwise read as
 * "no restriction", the opposite of what it says).
 */
function pair(s: Record<string, unknown>, key: string, notKey: string, required: boolean): { list: string[]; notList: string[] } | string {
  const has = hasOwn(s, key);
  const hasNot = hasOwn(s, notKey);
  if (has && hasNot) return `has both ${key} and ${notKey}`;
  if (!has && !hasNot) return required ? `has no ${key} or ${notKey}` : { list: [], notList: [] };
  const k = has ? key : notKey;
  const list = stringList(s[k], k);
  if (typeof list === 'string') return list;
  return has ? { list, notList: [] } : { list: [], notList: list };
}

/** A string or a non-empty list of strings, each of a sane length. */
function stringList(x: unknown, what: string): string[] | string {
  const list: unknown[] | undefined = typeof x === 'string' ? [x] : Array.isArray(x) ? x : undefined;
  if (!list) return `${what} must be a string or a list of strings, not ${describe(x)}`;
  if (list.length === 0) return `${what} is an empty list`;
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    const at = Array.isArray(x) ? `${what}[${i}]` : what;
    if (typeof v !== 'string') return `${at} is ${describe(v)}, not a string`;
    if (v.length > MAX_POLICY_STRING) return `${at} is ${v.length} characters long (the limit is ${MAX_POLICY_STRING})`;
  }
  return list as string[];
}

/** The principals named, checked (and listed when `build`). */
function principals(x: unknown, what: string, build: boolean): PrincipalRef[] | string {
  if (x === undefined) return [];
  if (x === '*') return [{ type: '*', value: '*' }];
  if (!isRecord(x)) return `${what} must be "*" or a map of principal types, not ${describe(x)}`;
  const keys = Object.keys(x);
  if (keys.length === 0) return `${what} is an empty map`;
  const unknown = keys.find((k) => !(PRINCIPAL_TYPES as readonly string[]).includes(k));
  if (unknown !== undefined) return `${what} has an unknown principal type ${describe(unknown)} (AWS, Service, Federated or CanonicalUser)`;
  const out: PrincipalRef[] = [];
  for (const type of PRINCIPAL_TYPES) {
    if (!hasOwn(x, type)) continue;
    const list = stringList(x[type], `${what}.${type}`);
    if (typeof list === 'string') return list;
    if (build) for (const v of list) out.push({ type, value: v.trim() });
  }
  return out;
}

/** `{ Operator: { key: value or list of values } }`, values scalars: anything else is not a condition AWS would evaluate. */
function checkCondition(cond: unknown): string | undefined {
  if (cond === undefined) return undefined;
  if (!isRecord(cond)) return `Condition must be a map of operators, not ${describe(cond)}`;
  for (const op of Object.keys(cond)) {
    const entries = cond[op];
    if (op.length > MAX_POLICY_STRING) return `Condition has an operator of ${op.length} characters`;
    if (!isRecord(entries)) return `Condition operator ${describe(op)} must map condition keys to values, not ${describe(entries)}`;
    for (const key of Object.keys(entries)) {
      if (key.length > MAX_POLICY_STRING) return `Condition ${describe(op)} has a key of ${key.length} characters`;
      const raw = entries[key];
      const values = Array.isArray(raw) ? raw : [raw];
      for (const v of values) {
        if (typeof v === 'string' ? v.length > MAX_POLICY_STRING : typeof v !== 'number' && typeof v !== 'boolean') {
          return `Condition ${describe(op)} ${describe(key)} must be a value or a list of values of at most ${MAX_POLICY_STRING} characters, not ${describe(v)}`;
        }
      }
    }
  }
  return undefined;
}

/** Location string for a statement inside a record, used in evidence. */
export const statementLocation = (base: string, st: PolicyStatement): string => `${base}.Statement[${st.index}]`;
