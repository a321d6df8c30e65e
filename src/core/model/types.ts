/** Plain-data records that importers produce and the graph stores. */
import type { EdgeKind, NodeKind, Provider } from './kinds';

/** Why an edge (or a node attribute) exists: the file and the exact place in it. */
export interface Evidence {
  /** Name of the uploaded file. */
  file: string;
  /** Where in the file, e.g. `RoleDetailList[3].AssumeRolePolicyDocument.Statement[0]`. */
  location: string;
  /** The policy (ARN or inline key) or binding that created the edge. */
  policy?: string;
  /** Statement Sid, or `#index` when it has none. */
  statement?: string;
  /** Condition block exactly as written, as JSON text; never dropped silently. */
  condition?: string;
  /** Free text: what the evidence means. */
  note?: string;
}

export type Attributes = Record<string, unknown>;

export interface NodeRecord {
  id: string;
  kind: NodeKind;
  provider: Provider;
  name: string;
  /** Account, project or subscription the node lives in, when known. */
  account?: string;
  attributes: Attributes;
  /** True when a node is only referenced (e.g. a trusted ARN) and no export describes it. */
  placeholder?: boolean;
}

export interface EdgeRecord {
  kind: EdgeKind;
  source: string;
  target: string;
  attributes: Attributes;
  evidence: Evidence[];
}

export type NodeAttributes = Omit<NodeRecord, 'id'>;
export type EdgeAttributes = Omit<EdgeRecord, 'source' | 'target'>;
