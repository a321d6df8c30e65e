/**
 * Age of the selected node and of the credentials it holds, judged as of the workspace's analysis
 * date: age, last use, rotation due, expiry, and what needs attention.
 */
import { judgeAge, type AgeJudgement, type SnapshotNode } from '../../core';
import type { SnapshotIndex } from './snapshot-index';

function facts(j: AgeJudgement): string {
  const parts: string[] = [];
  if (j.ageDays !== undefined) parts.push(`${j.ageDays.toLocaleString('en-US')} days old`);
  if (j.unusedDays !== undefined) parts.push(`last used ${j.unusedDays.toLocaleString('en-US')} days before`);
  if (j.rotationDue) parts.push(`rotation due ${j.rotationDue.slice(0, 10)}`);
  if (j.expires) parts.push(`expires ${j.expires.slice(0, 10)}`);
  return parts.join(' · ');
}

export function AgeSection({ node, index, asOf }: { node: SnapshotNode; index: SnapshotIndex; asOf: { ms: number; time: string } }) {
  const rows: { name: string; j: AgeJudgement }[] = [];
  const own = judgeAge(node.kind, node.attributes, asOf.ms);
  if (own) rows.push({ name: node.name, j: own });
  for (const e of index.incoming.get(node.id) ?? []) {
    if (e.kind !== 'credentialOf') continue;
    const c = index.nodes.get(e.source);
    const j = c && judgeAge(c.kind, c.attributes, asOf.ms);
    if (c && j) rows.push({ name: c.name, j });
  }
  if (!rows.length) return null;
  return (
    <section data-testid="age-section">
      <h3>Age as of {asOf.time.slice(0, 10)}</h3>
      <ul className="age-list">
        {rows.map(({ name, j }) => (
          <li key={name} className={j.issues.length ? 'warning' : ''}>
            <span className="age-name">{name}</span>: {facts(j) || 'no dates known'}
            {j.reasons.map((r) => (
              <div key={r} className="small" data-testid="age-issue">
                ⚠ {r}
              </div>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
