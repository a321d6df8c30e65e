/** A small "what if it were removed?" button: adds the removal to the workspace's what-if change set. */
import type { Change } from '../../core/diff/changes';
import { addChange } from '../../queries/whatif';

export function WhatIfRemove({ change, label = 'what if removed?' }: { change: Change | undefined; label?: string }) {
  if (!change) return null;
  return (
    <button type="button" className="link small whatif-remove" title="Simulate removing it: every view then shows the workspace without it" onClick={() => void addChange(change)}>
      {label}
    </button>
  );
}
