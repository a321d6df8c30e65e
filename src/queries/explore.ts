/**
 * The page's questions to the worker, as react-query options keyed by the workspace version: a
 * new import, analysis date or token start point makes every answer stale at once.
 */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { DetailsRequest, FindingsRequest, InventoryRequest, OverviewRequest, RiskSettings, SummaryList, WorkspaceView } from '../core';
import type { QuestionRequest } from '../core';
import { analysisClient } from './analysis-client';

// `view` may be absent while nothing is loaded (the caller then passes skipToken as queryFn).
const key = (view: WorkspaceView | null, ...parts: unknown[]) => ['explore', view?.version ?? -1, ...parts];

export const overviewQuery = (view: WorkspaceView, req: OverviewRequest) =>
  queryOptions({ queryKey: key(view, 'overview', req), queryFn: () => analysisClient().explore({ type: 'overview', req }), staleTime: Infinity, placeholderData: keepPreviousData });

export const blastSceneQuery = (view: WorkspaceView, node: string, expanded: string[]) =>
  queryOptions({ queryKey: key(view, 'blast-scene', node, expanded), queryFn: () => analysisClient().explore({ type: 'blastScene', node, expanded }), staleTime: Infinity });

export const pathSceneQuery = (view: WorkspaceView, from: string, to: string) =>
  queryOptions({ queryKey: key(view, 'path-scene', from, to), queryFn: () => analysisClient().explore({ type: 'pathScene', from, to }), staleTime: Infinity });

export const detailsQuery = (view: WorkspaceView, req: DetailsRequest) =>
  queryOptions({ queryKey: key(view, 'details', req), queryFn: () => analysisClient().explore({ type: 'details', req }), staleTime: Infinity, placeholderData: keepPreviousData });

export const inventoryQuery = (view: WorkspaceView, req: InventoryRequest) =>
  queryOptions({ queryKey: key(view, 'inventory', req), queryFn: () => analysisClient().explore({ type: 'inventory', req }), staleTime: Infinity, placeholderData: keepPreviousData });

export const searchQuery = (view: WorkspaceView, query: string) =>
  queryOptions({ queryKey: key(view, 'search', query), queryFn: () => analysisClient().explore({ type: 'search', query, limit: 20 }), staleTime: Infinity, placeholderData: keepPreviousData });

export const jewelsQuery = (view: WorkspaceView, manual: string[], rules: string[]) =>
  queryOptions({ queryKey: key(view, 'jewels', manual, rules), queryFn: () => analysisClient().explore({ type: 'jewels', manual, rules }), staleTime: Infinity, placeholderData: keepPreviousData });

export const blastQuery = (view: WorkspaceView, node: string, limit: number, offset = 0) =>
  queryOptions({ queryKey: key(view, 'blast', node, limit, offset), queryFn: () => analysisClient().explore({ type: 'blast', node, limit, offset }), staleTime: Infinity });

export const pathsQuery = (view: WorkspaceView, from: string, to: string) =>
  queryOptions({ queryKey: key(view, 'paths', from, to), queryFn: () => analysisClient().explore({ type: 'paths', from, to, k: 5 }), staleTime: Infinity });

export const whoCanQuery = (view: WorkspaceView, target: string, limit: number, offset = 0) =>
  queryOptions({ queryKey: key(view, 'who-can', target, limit, offset), queryFn: () => analysisClient().explore({ type: 'whoCan', target, limit, offset }), staleTime: Infinity, placeholderData: keepPreviousData });

/** Neighbours for "expand neighbours" (asked once, on click). */
export const neighbours = (id: string) => analysisClient().explore({ type: 'neighbours', id });

/** The first `limit` entries of one of the summary's lists (the view holds the first 100). */
export const summaryListQuery = (view: WorkspaceView, list: SummaryList, limit: number) =>
  queryOptions({ queryKey: key(view, 'summaryList', list, limit), queryFn: () => analysisClient().explore({ type: 'summaryList', list, limit }), staleTime: Infinity });

/** The graph edges behind an edge the scene folded (two drawn nodes joined by several). */
export const betweenQuery = (view: WorkspaceView, source: string, target: string) =>
  queryOptions({ queryKey: key(view, 'between', source, target), queryFn: () => analysisClient().explore({ type: 'between', source, target }), staleTime: Infinity });

export const edgeQuery = (view: WorkspaceView, id: string) =>
  queryOptions({ queryKey: key(view, 'edge', id), queryFn: () => analysisClient().explore({ type: 'edge', id }), staleTime: Infinity });

/** One of the pre-built questions (core/explore/questions.ts): its count, first rows and what to draw. */
export const questionQuery = (view: WorkspaceView, req: QuestionRequest) =>
  queryOptions({ queryKey: key(view, 'question', req), queryFn: () => analysisClient().explore({ type: 'question', req }), staleTime: Infinity, placeholderData: keepPreviousData });

/** The risk dashboard under the analyst's thresholds (the assessment runs once per analysis and thresholds). */
export const riskQuery = (view: WorkspaceView, settings: RiskSettings) =>
  queryOptions({ queryKey: key(view, 'risk', settings), queryFn: () => analysisClient().explore({ type: 'risk', settings }), staleTime: Infinity, placeholderData: keepPreviousData });

/** One page of the findings table. */
export const findingsQuery = (view: WorkspaceView, settings: RiskSettings, req: FindingsRequest) =>
  queryOptions({ queryKey: key(view, 'findings', settings, req), queryFn: () => analysisClient().explore({ type: 'findings', settings, req }), staleTime: Infinity, placeholderData: keepPreviousData });

/** The worst finding severity of each drawn node (badges on the graph). */
export const badgesQuery = (view: WorkspaceView, settings: RiskSettings, ids: string[]) =>
  queryOptions({ queryKey: key(view, 'badges', settings, ids), queryFn: () => analysisClient().explore({ type: 'badges', settings, ids }), staleTime: Infinity });

/** Human or non-human, and why, for one node's details. */
export const classificationQuery = (view: WorkspaceView, settings: RiskSettings, id: string) =>
  queryOptions({ queryKey: key(view, 'classification', settings, id), queryFn: () => analysisClient().explore({ type: 'classification', settings, id }), staleTime: Infinity });
