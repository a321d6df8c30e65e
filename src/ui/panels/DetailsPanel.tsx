/** Attributes of the selected node and the evidence of its edges. Text only: names are untrusted. */
import { useEffect, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { kindInfo, type WorkspaceView } from '../../core';
import { useWorkspace } from '../../state/workspace-store';
import { detailsQuery } from '../../queries/explore';
import { EdgeList } from './EdgeList';
import { attributeLabel, attributeValue } from './attribute-text';
import { EdgePanel } from './EdgePanel';
import { BlastSection } from './BlastSection';
import { WhoCanSection } from './WhoCanSection';
import { AgeSection } from './AgeSection';
import { RelationshipsSection } from './RelationshipsSection';
import { SecretMappingSection } from './SecretMappingSection';
import { FindingsSection } from './FindingsSection';
import { ClassificationLine } from './ClassificationLine';
import { WhatIfRemove } from '../whatif/WhatIfRemove';
import { ClusterRename } from './ClusterRename';
import { updateJewels } from '../../queries/workspaces';
import { toggleBreached } from '../../queries/breached';

const BLAST_CATEGORIES = new Set(['identity', 'credential', 'principal', 'secret']);
const TARGET_CATEGORIES = new Set(['resource', 'secret']);


const EDGE_PAGE = 300;

function Empty({ text }: { text: string }) {
  return (
    <aside className="details" data-testid="details-panel" role="region" aria-label="Details">
      <p className="muted">{text}</p>
    </aside>
  );
}

export function DetailsPanel() {
  const view = useWorkspace((s) => s.view);
  const selectedId = useWorkspace((s) => s.selectedId);
  const selectedEdge = useWorkspace((s) => s.selectedEdge);
  if (view && selectedEdge) {
    return (
      <aside className="details" data-testid="details-panel" role="region" aria-label="Details">
        <EdgePanel key={selectedEdge.id} view={view} edge={selectedEdge} />
      </aside>
    );
  }
  if (!view || !selectedId || !view.stats.nodes) return null;
  return <Details key={selectedId} view={view} id={selectedId} />;
}

function Details({ view, id }: { view: WorkspaceView; id: string }) {
  const close = () => useWorkspace.getState().select(null);
  const showPath = useWorkspace((s) => s.showPath);
  const jewels = useWorkspace((s) => s.crownJewels);
  const rules = useWorkspace((s) => s.jewelRules);
  const marks = useWorkspace((s) => s.breached);
  const q = useQuery(detailsQuery(view, { id, outLimit: EDGE_PAGE, inLimit: EDGE_PAGE }));
  const heading = useRef<HTMLHeadingElement>(null);
  const loadedId = q.data?.node.id;
  // Focus moves to what was opened (from search, a list or a click); Escape closes it. Arrow keys
  // on the graph keep the focus there, so the next arrow moves on.
  useEffect(() => {
    if (loadedId && !document.activeElement?.closest('.graph-canvas')) heading.current?.focus();
  }, [loadedId]);
  if (q.isPending) return <Empty text="Loading…" />;
  if (q.error) return <Empty text={`Could not load this node: ${q.error.message}`} />;
  const details = q.data;
  if (!details) return <Empty text="This node is not in the workspace any more." />;
  const node = details.node;
  const jewel = jewels.includes(node.id);
  const info = kindInfo(node.kind);
  const attrs = Object.entries(node.attributes).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return (
    <aside className="details" data-testid="details-panel" role="region" aria-label="Details" onKeyDown={(e) => e.key === 'Escape' && close()}>
      <button type="button" className="close" aria-label="Close details" onClick={close}>
        ×
      </button>
      <h2 data-testid="details-name" ref={heading} tabIndex={-1}>
        {node.name}
      </h2>
      <p>
        <span className="kind-badge" data-testid="details-kind">
          {info.label}
        </span>{' '}
        <span className="muted">{node.provider}{node.account ? ` · account ${node.account}` : ''}</span>
      </p>
      <p className="mono small" data-testid="details-id">
        {node.id}
      </p>
      {node.placeholder && <p className="note">Referenced by a policy or trust, but no imported file describes it.</p>}
      <p className="muted small">{info.description}</p>
      {info.category === 'identity' && !node.placeholder && <ClassificationLine view={view} node={node.id} />}
      {/* A resource or secret leads with who can reach it; an identity with what it can reach (below). */}
      {TARGET_CATEGORIES.has(info.category) && <WhoCanSection view={view} node={node.id} initiallyOpen />}
      <table className="attrs">
        <tbody>
          {attrs.map(([k, v]) => (
            <tr key={k}>
              <th title={k}>{attributeLabel(k)}</th>
              <td>
                <pre>{attributeValue(k, v, view.asOf?.ms)}</pre>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {info.category === 'secret' && <SecretMappingSection view={view} secret={node.id} details={details} />}
      {view.asOf && <AgeSection ages={details.ages} asOf={view.asOf} />}
      <FindingsSection view={view} node={node.id} />
      <div className="actions-row">
        <button type="button" data-testid="path-to-admin" onClick={() => showPath(node.id, 'admin')}>
          Path to admin from here
        </button>
        {node.kind === 'k8s.cluster' && <ClusterRename name={node.name} />}
        <button type="button" data-testid="toggle-jewel" onClick={() => void updateJewels(jewel ? jewels.filter((j) => j !== node.id) : [...jewels, node.id], rules)}>
          {jewel ? 'Unmark crown jewel' : 'Mark as crown jewel'}
        </button>
        <button type="button" data-testid="toggle-breached" onClick={() => void toggleBreached(node.id)}>
          {marks.includes(node.id) ? 'Unmark as breached' : 'Mark as breached'}
        </button>
        {!node.placeholder && (info.category === 'identity' || info.category === 'credential') && (
          <WhatIfRemove change={info.category === 'credential' ? { type: 'credential', node: node.id } : { type: 'identity', node: node.id }} label="What if it were removed?" />
        )}
      </div>
      {BLAST_CATEGORIES.has(info.category) && <BlastSection view={view} node={node.id} />}
      {!TARGET_CATEGORIES.has(info.category) && <WhoCanSection view={view} node={node.id} />}
      <RelationshipsSection details={details} />
      {/* The first page of each comes with the details; each list fetches the rest as it scrolls. */}
      <EdgeList title="Outgoing" view={view} node={node.id} first={details.outgoing} />
      <EdgeList title="Incoming" incoming view={view} node={node.id} first={details.incoming} />
    </aside>
  );
}
