/**
 * Policy documents arrive as objects, JSON strings or URL-encoded JSON strings, with scalars
 * where lists are usual (`Statement`, `Action`, `Principal.AWS`). This module turns any of them
 * into one normalised shape and keeps the raw text of every condition.
 */
import { isRecord, own, ownString, toArray } from '../../../io/safe-object';

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

export type PolicyParse = { ok: true; document: PolicyDocument; raw: Record<string, unknown> } | { ok: false; reason: string };

/** Decode an object, JSON string or URL-encoded JSON string into a policy document. */
export function normalizePolicy(input: unknown): PolicyParse {
  let value = input;
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
  }
  if (!isRecord(value)) return { ok: false, reason: 'policy document is not an object' };
  const statementsRaw = toArray(own(value, 'Statement'));
  const statements: PolicyStatement[] = [];
  statementsRaw.forEach((s, index) => {
    if (!isRecord(s)) return;
    const effect = ownString(s, 'Effect');
    const sid = ownString(s, 'Sid');
    const cond = own(s, 'Condition');
    statements.push({
      id: sid ? sid : `#${index}`,
      index,
      effect: effect === 'Deny' ? 'Deny' : 'Allow',
      actions: strings(own(s, 'Action')),
      notActions: strings(own(s, 'NotAction')),
      resources: strings(own(s, 'Resource')),
      notResources: strings(own(s, 'NotResource')),
      principals: principals(own(s, 'Principal')),
      notPrincipals: principals(own(s, 'NotPrincipal')),
      condition: isRecord(cond) && Object.keys(cond).length > 0 ? JSON.stringify(cond) : undefined,
      conditionBlock: isRecord(cond) && Object.keys(cond).length > 0 ? cond : undefined,
    });
  });
  return { ok: true, document: { version: ownString(value, 'Version'), statements }, raw: value };
}

function strings(x: unknown): string[] {
  return toArray(x).filter((v): v is string => typeof v === 'string');
}

function principals(x: unknown): PrincipalRef[] {
  if (x === undefined) return [];
  if (x === '*') return [{ type: '*', value: '*' }];
  const out: PrincipalRef[] = [];
  if (!isRecord(x)) return out;
  for (const type of ['AWS', 'Service', 'Federated', 'CanonicalUser'] as const) {
    for (const v of strings(own(x, type))) out.push({ type, value: v.trim() });
  }
  return out;
}

/** Location string for a statement inside a record, used in evidence. */
export const statementLocation = (base: string, st: PolicyStatement): string => `${base}.Statement[${st.index}]`;
