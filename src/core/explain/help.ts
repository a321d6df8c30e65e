/**
 * What an edge means, for the panel that opens when the analyst clicks it: per edge kind, and per
 * technique for the edges that carry one (`escalatesTo`, and `federatesTo`, whose technique says
 * which federation links the two sides). Provider-neutral: the core registers its own kinds' help
 * here, each provider plugin registers its kinds' and techniques' help when its kinds are declared
 * (providers/<id>/kinds.ts), exactly as kinds are registered, so this module names no provider.
 *
 * Lookups go through Maps: kind and technique names come from imported files and snapshots, and a
 * name such as `__proto__` or `constructor` must find nothing rather than an Object member.
 */
import { CORE_EDGE_HELP, CORE_TECHNIQUE_HELP } from './core-help';

export interface Help {
  title: string;
  /** What the edge says, from the reader's side: "the source can ... the target". */
  meaning: string;
  /** How an attacker uses it: the concrete steps and commands. */
  attack: string;
  /** The concrete change that removes (or narrows) the edge. */
  remediation: string;
  references: { label: string; url: string }[];
}

/** Edge kinds whose `technique` attribute names a help topic of its own. */
const TECHNIQUE_KINDS: ReadonlySet<string> = new Set(['escalatesTo', 'federatesTo']);

const kindHelp = new Map<string, Help>();
const techniqueHelp = new Map<string, Help>();

function put(into: Map<string, Help>, what: string, entries: Record<string, Help>): void {
  for (const [k, v] of Object.entries(entries)) {
    const known = into.get(k);
    // The same entry again (a module evaluated twice) is harmless; two different ones are a clash.
    if (known && known !== v && (known.title !== v.title || known.meaning !== v.meaning)) throw new Error(`help for ${what} ${k} declared twice`);
    into.set(k, v);
  }
}

/** Called by each provider's kinds module: the help of its edge kinds and of its techniques. */
export function registerHelp(edgeKinds: Record<string, Help>, techniques: Record<string, Help>): void {
  put(kindHelp, 'edge kind', edgeKinds);
  put(techniqueHelp, 'technique', techniques);
}

registerHelp(CORE_EDGE_HELP, CORE_TECHNIQUE_HELP);

/**
 * The help for an edge: its technique's when the edge carries a technique with help of its own
 * (escalation and federation edges), else its kind's; undefined for a kind no loaded provider
 * explains. Providers register their help when they load (importing `core/providers` does it).
 */
export function edgeHelp(edgeKind: string, technique?: string): Help | undefined {
  if (typeof edgeKind !== 'string') return undefined;
  if (typeof technique === 'string' && TECHNIQUE_KINDS.has(edgeKind)) {
    const t = techniqueHelp.get(technique);
    if (t) return t;
  }
  return kindHelp.get(edgeKind);
}

/** Every edge kind and technique with help (for tests and a glossary view). */
export function helpTopics(): { edgeKinds: string[]; techniques: string[] } {
  return { edgeKinds: [...kindHelp.keys()], techniques: [...techniqueHelp.keys()] };
}
