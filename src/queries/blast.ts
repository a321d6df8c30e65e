/** Blast radius and admin paths of the selected node, computed in the worker. */
import { queryOptions } from '@tanstack/react-query';
import type { Snapshot } from '../core';
import { analysisClient } from './analysis-client';

const versions = new WeakMap<Snapshot, number>();
let counter = 0;
/** A stable number per snapshot object, for query keys. */
export function snapshotVersion(s: Snapshot): number {
  let v = versions.get(s);
  if (v === undefined) versions.set(s, (v = ++counter));
  return v;
}

export const blastQuery = (snapshot: Snapshot, node: string) =>
  queryOptions({
    queryKey: ['analysis', 'blast', snapshotVersion(snapshot), node],
    queryFn: () => analysisClient().blast(node),
    staleTime: Infinity,
  });

export const pathsQuery = (snapshot: Snapshot, from: string, to: string) =>
  queryOptions({
    queryKey: ['analysis', 'paths', snapshotVersion(snapshot), from, to],
    queryFn: () => analysisClient().paths(from, to, 5),
    staleTime: Infinity,
  });

export const whoCanQuery = (snapshot: Snapshot, target: string) =>
  queryOptions({
    queryKey: ['analysis', 'who-can', snapshotVersion(snapshot), target],
    queryFn: () => analysisClient().whoCan(target),
    staleTime: Infinity,
  });
