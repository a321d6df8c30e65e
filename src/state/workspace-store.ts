/** UI state only: the last workspace summary the worker sent, import progress, selection, view toggles. */
import { create } from 'zustand';
import type { AsOfSettings, FileReport, OidcStart, RiskSettings, SecretMapping, WorkspaceView } from '../core';
import type { Change } from '../core/diff/changes';

export interface ImportProgressState {
  total: number;
  done: number;
  current?: string;
}

export interface SelectedEdge {
  id: string;
  kind: string;
  /** Scene ids of the ends (graph nodes, or group keys). */
  source: string;
  target: string;
  sourceLabel: string;
  targetLabel: string;
  /** Graph edges a folded edge stands for. */
  count?: number;
}

export interface WorkspaceState {
  /** The workspace as the worker summarised it after the last change (the graph stays in the worker). */
  view: WorkspaceView | null;
  progress: ImportProgressState | null;
  /** Reports of the batch being imported, shown live before the summary arrives. */
  liveReports: FileReport[];
  error: string | null;
  selectedId: string | null;
  /** An edge clicked on the graph (its panel replaces the node's); `folded`: it stands for many. */
  selectedEdge: SelectedEdge | null;
  selectEdge(edge: SelectedEdge | null): void;
  showPolicies: boolean;
  /** Graph shows the selected node's blast radius in hop rings instead of the whole graph. */
  blastMode: boolean;
  toggleBlastMode(): void;
  /** Path view: from a node to a node or to 'admin'. */
  pathFrom: string | null;
  pathTo: string | null;
  showPath(from: string, to: string): void;
  closePath(): void;
  /** The open workspace (IndexedDB id), or null when storage is unavailable. */
  workspaceId: string | null;
  workspaceName: string;
  /** Why workspaces cannot be saved; the session then keeps working in memory. */
  storageError: string | null;
  /** Nodes the analyst hid from the explore view. */
  hidden: ReadonlySet<string>;
  /** Groups the analyst opened in the overview and the blast view. */
  expanded: ReadonlySet<string>;
  expand(key: string): void;
  hide(id: string): void;
  unhideAll(): void;
  openBlast(id: string): void;
  /** Explore view narrowed to these nodes (grown by "expand neighbours"); null: whole graph. */
  focus: ReadonlySet<string> | null;
  expandNeighbours(ids: string[]): void;
  /** Narrow the overview to one node and these neighbours (a relationship group of its details). */
  drawAround(id: string, ids: string[]): void;
  clearFocus(): void;
  /** Tokens the analyst asked about, linked by federation (kept with the workspace). */
  starts: OidcStart[];
  setStarts(starts: OidcStart[]): void;
  /** Secrets the analyst mapped to the identity whose credential they hold (kept with the workspace). */
  mappings: SecretMapping[];
  setMappings(mappings: SecretMapping[]): void;
  /** How the open workspace's analysis date is chosen (kept with the workspace). */
  asOfSettings: AsOfSettings;
  setAsOfSettings(s: AsOfSettings): void;
  crownJewels: string[];
  jewelRules: string[];
  setJewels(crownJewels: string[], jewelRules: string[]): void;
  /** Nodes the analyst marked as breached ("assume breached": a leaked key, a compromised pod), kept with the workspace. */
  breached: string[];
  setBreached(breached: string[]): void;
  /** The overview narrowed to exactly these nodes (a question's answer drawn on the graph). */
  focusOn(ids: string[]): void;
  /** Left column tab; an import switches it to the files' results. */
  leftTab: 'Analysis' | 'Questions' | 'Inventory' | 'Crown jewels' | 'Files';
  setLeftTab(tab: WorkspaceState['leftTab']): void;
  /** The risk view over the graph: its dashboard, its findings table, or closed. */
  risk: 'dashboard' | 'findings' | null;
  openRisk(tab: 'dashboard' | 'findings' | null): void;
  /** The findings table narrowed to one node's findings (from a node's details). */
  riskNode: string | null;
  showFindingsOf(id: string): void;
  /** The analyst's thresholds and classification overrides (see core RiskSettings). */
  riskSettings: RiskSettings;
  setRiskSettings(s: RiskSettings): void;
  /** The what-if change set being tried (kept with the workspace). */
  changes: Change[];
  setChanges(changes: Change[]): void;
  /** The first workspace has been opened (URL syncing starts then). */
  started: boolean;
  markStarted(): void;
  openedWorkspace(id: string | null, name: string): void;
  failStorage(message: string): void;
  setView(v: WorkspaceView): void;
  /** `showFiles`: switch the left column to the per-file results (new files, not a reopen). */
  startImport(total: number, showFiles?: boolean): void;
  reading(file: string): void;
  fileDone(report: FileReport): void;
  failImport(message: string): void;
  select(id: string | null): void;
  togglePolicies(): void;
}

export const useWorkspace = create<WorkspaceState>((set) => ({
  view: null,
  progress: null,
  liveReports: [],
  error: null,
  selectedId: null,
  selectedEdge: null,
  selectEdge: (selectedEdge) => set({ selectedEdge }),
  showPolicies: true,
  blastMode: false,
  workspaceId: null,
  workspaceName: '',
  storageError: null,
  started: false,
  leftTab: 'Analysis',
  risk: null,
  openRisk: (risk) => set({ risk, riskNode: null }),
  riskNode: null,
  showFindingsOf: (riskNode) => set({ risk: 'findings', riskNode }),
  riskSettings: {},
  setRiskSettings: (riskSettings) => set({ riskSettings }),
  changes: [],
  setChanges: (changes) => set({ changes }),
  hidden: new Set(),
  expanded: new Set(),
  expand: (key) => set((s) => ({ expanded: new Set([...s.expanded, key]) })),
  hide: (id) => set((s) => ({ hidden: new Set([...s.hidden, id]), selectedId: s.selectedId === id ? null : s.selectedId })),
  unhideAll: () => set({ hidden: new Set() }),
  focus: null,
  expandNeighbours: (ids) => set((s) => ({ focus: new Set([...(s.focus ?? []), ...ids]), blastMode: false, pathFrom: null, pathTo: null })),
  drawAround: (id, ids) => set({ focus: new Set([id, ...ids]), selectedId: id, blastMode: false, pathFrom: null, pathTo: null }),
  clearFocus: () => set({ focus: null }),
  openBlast: (id) => set({ selectedId: id, selectedEdge: null, blastMode: true, pathFrom: null, pathTo: null, risk: null }),
  starts: [],
  setStarts: (starts) => set({ starts }),
  mappings: [],
  setMappings: (mappings) => set({ mappings }),
  asOfSettings: { importTime: 0 },
  setAsOfSettings: (asOfSettings) => set({ asOfSettings }),
  crownJewels: [],
  jewelRules: [],
  setJewels: (crownJewels, jewelRules) => set({ crownJewels, jewelRules }),
  breached: [],
  setBreached: (breached) => set({ breached }),
  focusOn: (ids) => set({ focus: new Set(ids), blastMode: false, pathFrom: null, pathTo: null }),
  setLeftTab: (leftTab) => set({ leftTab }),
  markStarted: () => set({ started: true }),
  openedWorkspace: (workspaceId, workspaceName) => set({ workspaceId, workspaceName, selectedId: null, expanded: new Set(), hidden: new Set(), focus: null }),
  failStorage: (storageError) => set({ storageError }),
  toggleBlastMode: () => set((s) => ({ blastMode: !s.blastMode, pathFrom: null, pathTo: null })),
  pathFrom: null,
  pathTo: null,
  showPath: (pathFrom, pathTo) => set({ pathFrom, pathTo, blastMode: false }),
  closePath: () => set({ pathFrom: null, pathTo: null }),
  // The selection stays: the details panel says so when the node is gone from the new workspace.
  setView: (view) => set({ view, progress: null, liveReports: [] }),
  startImport: (total, showFiles = true) => set((s) => ({ progress: { total, done: 0 }, liveReports: [], error: null, leftTab: showFiles ? 'Files' : s.leftTab })),
  reading: (file) => set((s) => ({ progress: s.progress ? { ...s.progress, current: file } : s.progress })),
  fileDone: (report) => set((s) => ({ liveReports: [...s.liveReports, report], progress: s.progress ? { ...s.progress, done: s.progress.done + 1 } : s.progress })),
  // A failed import keeps the workspace already loaded: nothing the analyst had is lost.
  failImport: (message) => set({ progress: null, error: message }),
  select: (selectedId) => set({ selectedId, selectedEdge: null }),
  togglePolicies: () => set((s) => ({ showPolicies: !s.showPolicies })),
}));
