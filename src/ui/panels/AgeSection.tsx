/**
 * Age of the selected node and of the credentials it holds, judged as of the workspace's analysis
 * date: age, last use, rotation due, expiry, and what needs attention.
 */
import type { AgeJudgement, NodeDetails } from '../../core';

function facts(j: AgeJudgement): string {
  const parts: string[] = [];
  if (j.ageDays !== undefined) parts.push(`${j.ageDays.toLocaleString('en-US')} days old`);
  if (j.unusedDays !== undefined) parts.push(`last used ${j.unusedDays.toLocaleString('en-US')} days before`);
  if (j.rotationDue) parts.push(`rotation due ${j.rotationDue.slice(0, 10)}`);
  if (j.expires) parts.push(`expires ${j.expires.slice(0, 10)}`);
  return parts.join(' · ');
}

export function AgeSection({ ages, asOf }: { ages: NodeDetails['ages']; asOf: { ms: number; time: string } }) {
  const rows = ages.map(({ name, judgement }) => ({ name, j: judgement }));
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
