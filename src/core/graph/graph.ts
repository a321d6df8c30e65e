/** The graph: graphology, directed, several edges of different kinds between two nodes allowed. */
import { MultiDirectedGraph } from 'graphology';
import type { EdgeAttributes, NodeAttributes } from '../model/types';

export type BlastGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes>;

export function createGraph(): BlastGraph {
  return new MultiDirectedGraph<NodeAttributes, EdgeAttributes>({ allowSelfLoops: true });
}
