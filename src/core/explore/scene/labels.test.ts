/**
 * Label placement over real scenes (the demo's overview, a generated account's grouped overview
 * and a blast view): at every zoom the labels that show never overlap, what matters keeps its
 * label first, and zooming in only ever adds labels.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { WorkspaceEngine } from '../../graph/workspace-engine';
import { demoFiles, textFile } from '../../test-support/public-corpus';
import { realisticAccount } from '../../generate/realistic-account';
import { gaadChunks } from '../../generate/export';
import type { Scene, SceneNode } from '../types';
import { LABEL_HEIGHT, labelWidth, placeLabels } from './labels';

const ZOOMS = [0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 4];

function shownAt(scene: Scene, z: number): SceneNode[] {
  return scene.nodes.filter((n) => n.labelZoom! <= z);
}

function overlaps(a: SceneNode, b: SceneNode, z: number): boolean {
  return Math.abs(a.x - b.x) * z < (labelWidth(a.label) + labelWidth(b.label)) / 2 && Math.abs(a.y - b.y) * z < LABEL_HEIGHT;
}

/** The zoom at which the page fits the scene into a 1440x900 window's graph area. */
function fittedZoom(scene: Scene, width = 1100, height = 790): number {
  const xs = scene.nodes.map((n) => n.x);
  const ys = scene.nodes.map((n) => n.y);
  return Math.min(1.5, width / (Math.max(...xs) - Math.min(...xs) + 120), height / (Math.max(...ys) - Math.min(...ys) + 120));
}

function expectPlacedWell(scene: Scene): void {
  expect(scene.nodes.every((n) => typeof n.labelZoom === 'number' && n.labelZoom >= 0)).toBe(true);
  let before = 0;
  for (const z of ZOOMS) {
    const shown = shownAt(scene, z);
    for (let i = 0; i < shown.length; i++) for (let j = i + 1; j < shown.length; j++) expect(overlaps(shown[i]!, shown[j]!, z), `${shown[i]!.label} / ${shown[j]!.label} at zoom ${z}`).toBe(false);
    expect(shown.length).toBeGreaterThanOrEqual(before);
    before = shown.length;
  }
}

describe('label placement', () => {
  let demo: WorkspaceEngine;
  let generated: WorkspaceEngine;
  beforeAll(async () => {
    demo = new WorkspaceEngine(undefined, Date.UTC(2026, 0, 1));
    demo.addFiles(demoFiles());
    await demo.view();
    const account = realisticAccount({ principals: 3000, seed: 7 });
    generated = new WorkspaceEngine(undefined, Date.UTC(2026, 0, 1));
    generated.addFiles([textFile('gaad.json', [...gaadChunks(account)].join(''))]);
    await generated.view();
  });

  it('never overlaps on the demo overview, and nearly half the labels show at the fitted zoom', async () => {
    const scene = await demo.explore({ type: 'overview', req: { showPolicies: true, hidden: [], expanded: [], jewels: [] } });
    expectPlacedWell(scene);
    // 136 nodes in the demo since it has an Azure subscription: 46% fit apart at the fitted zoom.
    expect(shownAt(scene, fittedZoom(scene)).length / scene.nodes.length).toBeGreaterThan(0.4);
  });

  it('labels the source, admins and groups first on a grouped overview and a blast view', async () => {
    const scene = await generated.explore({ type: 'overview', req: { showPolicies: false, hidden: [], expanded: [], jewels: [] } });
    expectPlacedWell(scene);
    const first = scene.nodes.find((n) => n.mark === 'admin')!;
    // Of all labels, an admin's is among those shown at every zoom; a group's shows at the fitted zoom.
    expect(scene.nodes.filter((n) => n.mark === 'admin').some((n) => n.labelZoom === 0)).toBe(true);
    expect(first).toBeTruthy();
    const z = fittedZoom(scene);
    expect(scene.nodes.filter((n) => n.group && n.labelZoom! <= z).length).toBeGreaterThan(0);
    const blast = await generated.explore({ type: 'blastScene', node: first.id, expanded: [] });
    expectPlacedWell(blast);
    expect(blast.nodes.find((n) => n.mark === 'source')!.labelZoom).toBe(0);
  });

  it('gives a label at the very place of a more important one no zoom to show at', () => {
    const nodes: SceneNode[] = [
      { id: 'a', label: 'admin', kind: 'role', x: 0, y: 0, mark: 'admin' },
      { id: 'b', label: 'same place', kind: 'role', x: 0, y: 0 },
      { id: 'c', label: 'far away', kind: 'role', x: 5000, y: 0 },
    ];
    placeLabels(nodes);
    expect(nodes.map((n) => n.labelZoom).slice(0, 2)).toEqual([0, 1e9]);
    // Far labels part at a small zoom (below it, every label covers every other).
    expect(nodes[2]!.labelZoom).toBeGreaterThan(0);
    expect(nodes[2]!.labelZoom).toBeLessThan(0.05);
  });
});
