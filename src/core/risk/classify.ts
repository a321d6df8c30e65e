/**
 * Human or non-human, for every identity, with the reason shown to the analyst. A kind's trait
 * (`nature` in the kind registry) decides most: a service account is a machine. For the kinds
 * whose nature depends on the node (an AWS user, a Kubernetes user) and for the machine kinds
 * people also use (AWS roles behind IAM Identity Center or SAML), the provider's `classify` hook
 * decides from the node's attributes; the analyst's override has the last word.
 */
import type { Analysis } from '../analysis/analysis';
import { kindInfo } from '../model/kinds';
import { PROVIDERS } from '../providers';
import type { RiskNode } from './types';
import { tagPairs } from './tags';

export type Nature = 'human' | 'non-human';

export interface Classification {
  id: string;
  nature: Nature;
  reason: string;
  /** The analyst overrode what the export says (`reason` then says what it said). */
  overridden?: boolean;
}

/** A provider's own decision for one identity, or undefined to leave it to the kind's trait. */
export type ClassifyHook = (node: RiskNode, analysis: Analysis) => { nature: Nature; reason: string } | undefined;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Signs that a node is a person's: an e-mail address as its name or in a tag. */
export function personSign(node: RiskNode): string | undefined {
  if (EMAIL.test(node.name)) return `its name is an e-mail address (${node.name})`;
  for (const [k, v] of tagPairs(node.attributes)) if (/^e-?mail$/i.test(k) && EMAIL.test(v)) return `its ${k} tag is an e-mail address`;
  return undefined;
}

/** Identities are the non-placeholder nodes of category `identity` that are not groups. */
export function isClassified(node: RiskNode): boolean {
  const info = kindInfo(node.kind);
  return info.category === 'identity' && !info.group && !node.placeholder;
}

export function classifyIdentities(analysis: Analysis, overrides: Readonly<Record<string, Nature>> = {}): Map<string, Classification> {
  const hooks = new Map<string, ClassifyHook>();
  for (const p of PROVIDERS) if (p.risk?.classify) hooks.set(p.id, p.risk.classify);
  const out = new Map<string, Classification>();
  analysis.graph.forEachNode((id, a) => {
    const node: RiskNode = { id, ...a };
    if (!isClassified(node)) return;
    const info = kindInfo(a.kind);
    let c: { nature: Nature; reason: string };
    const hook = hooks.get(a.provider)?.(node, analysis);
    if (hook) c = hook;
    else if (info.nature === 'human') c = { nature: 'human', reason: `${info.plural} are people's accounts` };
    else if (info.nature === 'non-human') c = { nature: 'non-human', reason: `${info.plural} are machine identities` };
    else if (info.nature === 'depends') {
      const sign = personSign(node);
      c = sign ? { nature: 'human', reason: sign } : { nature: 'non-human', reason: 'nothing in the export shows a person behind it' };
    } else {
      // A principal of unknown type (an Entra object id no export describes): a person as likely
      // as a machine, so it is not judged unless the analyst says which.
      const o = Object.prototype.hasOwnProperty.call(overrides, id) ? overrides[id] : undefined;
      if (o === 'human' || o === 'non-human') out.set(id, { id, nature: o, reason: 'set by the analyst (the export does not say what it is)', overridden: true });
      return;
    }
    const o = Object.prototype.hasOwnProperty.call(overrides, id) ? overrides[id] : undefined;
    if (o === 'human' || o === 'non-human') out.set(id, { id, nature: o, reason: `set by the analyst (the export suggests ${c.nature}: ${c.reason})`, overridden: true });
    else out.set(id, { id, ...c });
  });
  return out;
}
