/**
 * Vault ACL policies: `vault policy read NAME` (HCL text, saved as `<root>/sys/policy/NAME.hcl`),
 * the policy write body `{"policy": "<HCL>"}`, the JSON policy form `{"path": {...}}`, and (from
 * read-output.ts) `vault read sys/policy/NAME` / `sys/policies/acl/NAME` whose `data.rules` or
 * `data.policy` holds the HCL. A policy is named by the path it was read from, else by the file
 * name without its extension (what `vault policy read NAME > NAME.hcl` gives).
 */
import type { ImportContext, JsonImporter, TextImporter } from '../../../importers/types';
import { isRecord, own } from '../../../io/safe-object';
import { looksLikeJson } from '../../../io/json-documents';
import { DEFAULT_SCOPE, locate, pathSegments, policyId, PROVIDER } from '../ids';
import { parsePolicyJson, parsePolicyText, type ParsedPolicy } from '../policy';

/** Past comments and blank space, the text starts a `path` block or declares a `name`. */
export function looksLikeHclPolicy(text: string): boolean {
  if (looksLikeJson(text)) return false;
  let i = 0;
  const n = Math.min(text.length, 1024 * 1024);
  while (i < n) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\ufeff') i++;
    else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      const nl = text.indexOf('\n', i);
      if (nl === -1) return false;
      i = nl + 1;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end === -1) return false;
      i = end + 2;
    } else break;
  }
  return /^(path[\s"=]|name\s*=)/.test(text.slice(i, i + 16));
}

/** The scope and name of the policy a file holds. */
export function policyPlace(ctx: ImportContext, declared?: string): { scope: string; name: string; vaultPath: string } {
  const loc = locate(ctx.path, ctx.facts);
  const segs = loc?.segments ?? [];
  const fromPath = segs[0] === 'sys' && (segs[1] === 'policy' || (segs[1] === 'policies' && segs[2] === 'acl')) ? segs.slice(segs[1] === 'policy' ? 2 : 3).join('/') : undefined;
  const stem = pathSegments(ctx.path).pop() ?? ctx.file;
  const name = (declared || fromPath || stem).slice(0, 256);
  return { scope: fromPath !== undefined && loc ? loc.scope : DEFAULT_SCOPE, name, vaultPath: fromPath !== undefined && loc ? loc.vaultPath : `sys/policy/${name}` };
}

/** Write one policy node with its rules; `where` prefixes warning places (`data.rules: `). */
export function writePolicy(ctx: ImportContext, place: { scope: string; name: string; vaultPath: string }, parsed: ParsedPolicy, where: string, format: string): void {
  const { scope, name } = place;
  const prefix = `policy ${JSON.stringify(name)}${where ? ` (${where})` : ''}`;
  if (name === 'root') {
    ctx.b.warn(`${prefix}: the root policy is built in and cannot be read or written; ignored`);
    return;
  }
  for (const w of parsed.warnings) ctx.b.warn(`${prefix} ${w}`);
  ctx.b.node({
    id: policyId(scope, name),
    kind: 'vault.policy',
    name,
    account: scope,
    provider: PROVIDER,
    attributes: {
      policyName: name,
      apiPath: `sys/policies/acl/${name}`,
      rules: parsed.rules,
      ruleCount: parsed.rules.length,
      incomplete: parsed.incomplete || undefined,
      builtin: name === 'default' || undefined,
      sourceFile: ctx.file,
      readFrom: place.vaultPath,
      format,
    },
  });
  ctx.b.count('path block', parsed.rules.length);
}

export const hclPolicyImporter: TextImporter = {
  format: 'vault.policy.hcl',
  label: 'Vault ACL policy (vault policy read, HCL)',
  provider: PROVIDER,
  detect: looksLikeHclPolicy,
  read(text, ctx) {
    const parsed = parsePolicyText(text);
    writePolicy(ctx, policyPlace(ctx), parsed, '', 'hcl');
  },
};

/** The HCL of a policy body: `policy` (write body), or `rules` (`vault policy read -format=json`). */
const bodyText = (doc: unknown): string | undefined => {
  const t = own(doc, 'policy') ?? own(doc, 'rules');
  return typeof t === 'string' ? t : undefined;
};

/**
 * `{"policy": "<HCL>"}` (the body `vault policy write` sends), `{"name", "rules"}` (`vault policy
 * read -format=json`), or the JSON form `{"path": {...}}`.
 */
const isPolicyBody = (doc: unknown): boolean =>
  isRecord(doc) &&
  Object.keys(doc).every((k) => k === 'policy' || k === 'rules' || k === 'name' || k === 'path') &&
  ((bodyText(doc) !== undefined && /\bpath\b/.test(bodyText(doc)!)) || (isRecord(own(doc, 'path')) && bodyText(doc) === undefined));

export const policyBodyImporter: JsonImporter = {
  format: 'vault.policy.json',
  label: 'Vault ACL policy (JSON: {"policy": "<HCL>"} or {"path": {...}})',
  provider: PROVIDER,
  detect: isPolicyBody,
  read(docs, ctx) {
    const doc = docs[0];
    const declared = typeof own(doc, 'name') === 'string' ? (own(doc, 'name') as string) : undefined;
    const body = bodyText(doc);
    if (body !== undefined) writePolicy(ctx, policyPlace(ctx, declared), parsePolicyText(body), own(doc, 'policy') !== undefined ? 'policy' : 'rules', 'json-hcl');
    else writePolicy(ctx, policyPlace(ctx, declared), parsePolicyJson({ path: own(doc, 'path') }), '', 'json');
    if (docs.length > 1) ctx.b.warn(`${docs.length - 1} more document(s) after the first policy: a file holds one policy (the file name names it); not imported`);
  },
};
