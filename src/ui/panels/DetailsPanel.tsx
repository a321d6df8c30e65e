/** Attributes of the selected node and the evidence of its edges. Text only: names are untrusted. */
import { kindInfo } from '../../core';
import { useWorkspace } from '../../state/workspace-store';
import { indexSnapshot } from './snapshot-index';
import { EdgeList } from './EdgeList';
import { BlastSection } from './BlastSection';
import { WhoCanSection } from './WhoCanSection';
import { AgeSection } from './AgeSection';
import { ClusterRename } from './ClusterRename';
import { updateJewels } from '../../queries/workspaces';

const BLAST_CATEGORIES = new Set(['identity', 'credential', 'principal', 'secret']);

function valueText(key: string, v: unknown): string {
  if (typeof v === 'string') return v;
  if (key === 'tags' && Array.isArray(v)) return (v as [string, string][]).map(([k, val]) => `${k} = ${val}`).join('\n');
  const s = JSON.stringify(v, null, 1);
  return s.length > 2000 ? `${s.slice(0, 2000)}…` : s;
}

export function DetailsPanel() {
  const snapshot = useWorkspace((s) => s.snapshot);
  const selectedId = useWorkspace((s) => s.selectedId);
  const showPath = useWorkspace((s) => s.showPath);
  const jewels = useWorkspace((s) => s.crownJewels);
  const rules = useWorkspace((s) => s.jewelRules);
  if (!snapshot || !selectedId) {
    return (
      <aside className="details" data-testid="details-panel" role="region" aria-label="Details">
        <p className="muted">Click a node to see its attributes and why each of its edges exists.</p>
      </aside>
    );
  }
  const index = indexSnapshot(snapshot);
  const jewel = jewels.includes(selectedId);
  const node = index.nodes.get(selectedId);
  if (!node) return <aside className="details" data-testid="details-panel" role="region" aria-label="Details" />;
  const info = kindInfo(node.kind);
  const attrs = Object.entries(node.attributes).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return (
    <aside className="details" data-testid="details-panel" role="region" aria-label="Details">
      <h2 data-testid="details-name">{node.name}</h2>
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
      <table className="attrs">
        <tbody>
          {attrs.map(([k, v]) => (
            <tr key={k}>
              <th>{k}</th>
              <td>
                <pre>{valueText(k, v)}</pre>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {snapshot.asOf && <AgeSection node={node} index={index} asOf={snapshot.asOf} />}
      <div className="actions-row">
        <button type="button" data-testid="path-to-admin" onClick={() => showPath(node.id, 'admin')}>
          Path to admin from here
        </button>
        {node.kind === 'k8s.cluster' && <ClusterRename name={node.name} />}
        <button type="button" data-testid="toggle-jewel" onClick={() => void updateJewels(jewel ? jewels.filter((j) => j !== node.id) : [...jewels, node.id], rules)}>
          {jewel ? 'Unmark crown jewel' : 'Mark as crown jewel'}
        </button>
      </div>
      {BLAST_CATEGORIES.has(info.category) && <BlastSection snapshot={snapshot} node={node.id} />}
      <WhoCanSection snapshot={snapshot} node={node.id} />
      <EdgeList title="Outgoing" edges={index.outgoing.get(node.id) ?? []} index={index} direction="out" />
      <EdgeList title="Incoming" edges={index.incoming.get(node.id) ?? []} index={index} direction="in" />
    </aside>
  );
}
