/** What a provider plugin adds to the risk findings: its rules, its metrics, its view of people. */
import type { Attributes } from '../model/types';
import type { BlastGraph } from '../graph/graph';
import type { ClassifyHook } from './classify';
import type { RiskContext, RuleSet } from './types';

export interface ProviderRisk {
  /** Decides human or non-human where the kind's trait does not (or a machine kind people use). */
  classify?: ClassifyHook;
  /** The provider's rules (the neutral ones in rules/ run for every provider). */
  rules?: readonly RuleSet[];
  /** Lifecycle metrics of this provider's part of the graph (names in docs/findings.md). */
  metrics?(ctx: RiskContext): Record<string, number>;
  /**
   * Where this provider names an identity's owner when tags or labels do not (an Entra app's
   * owners): the owner in words, or undefined.
   */
  ownerOf?(id: string, attributes: Attributes, ctx: RiskContext): string | undefined;
  /**
   * Credential nodes that describe the same credential as another node (two exports, two ids,
   * nothing in the graph joining them): duplicate id → the id that stands for both. The neutral
   * rules judge only the latter.
   */
  duplicateCredentials?(graph: BlastGraph): ReadonlyMap<string, string>;
}
