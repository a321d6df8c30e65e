/** Edges of the selected node, each with the evidence that created it: every edge, in a scrolling list fetched by pages. */
import { useState } from 'react';
import { useQueries } from '@tanstack/react-query';
import { edgeKindInfo, type DetailEdge, type EdgePage, type Evidence, type WorkspaceView } from '../../core';
import { useWorkspace } from '../../state/workspace-store';
import { detailsQuery } from '../../queries/explore';
import { pageSpan, spanPages, VirtualList } from '../VirtualList';
import { changeForEdge } from '../whatif/edge-change';
import { WhatIfRemove } from '../whatif/WhatIfRemove';

export function EvidenceItem({ ev }: { ev: Evidence }) {
  return (
    <li className="evidence" data-testid="evidence">
      <span className="mono">{ev.file}</span> · <span className="mono">{ev.location}</span>
      {ev.policy && <div>policy: <span className="mono">{ev.policy}</span></div>}
      {ev.statement && <div>statement: <span className="mono">{ev.statement}</span></div>}
      {ev.condition && (
        <div className="condition" data-testid="evidence-condition">
          condition (not evaluated yet): <code>{ev.condition}</code>
        </div>
      )}
      {ev.note && <div className="muted">{ev.note}</div>}
    </li>
  );
}

export function attrSummary(e: Pick<DetailEdge, 'attributes'>): string {
  const parts: string[] = [];
  if (typeof e.attributes.technique === 'string') parts.push(`${e.attributes.technique}: ${String(e.attributes.techniqueName ?? '')}`);
  if (typeof e.attributes.via === 'string') parts.push(e.attributes.via);
  if (Array.isArray(e.attributes.notes)) parts.push(...(e.attributes.notes as string[]));
  if (Array.isArray(e.attributes.actions)) parts.push((e.attributes.actions as string[]).join(', '));
  if (e.attributes.conditional) parts.push('conditional');
  return parts.join(' · ');
}

/** Edges per page asked of the worker after the first (which comes with the node's details). */
const PAGE = 300;

export function EdgeList({ title, view, node, first, incoming = false }: { title: string; view: WorkspaceView; node: string; first: EdgePage; incoming?: boolean }) {
  const select = useWorkspace((s) => s.select);
  const held = first.edges.length;
  // Pages after the first page, by number from `held` on.
  const [span, setSpan] = useState<[number, number]>([0, -1]);
  const pages = spanPages(span);
  const more = useQueries({
    queries: pages.map((p) => ({
      ...detailsQuery(view, incoming ? { id: node, outLimit: 0, inLimit: PAGE, inOffset: held + p * PAGE } : { id: node, outLimit: PAGE, inLimit: 0, outOffset: held + p * PAGE }),
      placeholderData: undefined,
    })),
  });
  if (!first.total) return null;
  const edgeAt = (index: number): DetailEdge | undefined => {
    if (index < held) return first.edges[index];
    const p = Math.floor((index - held) / PAGE);
    const data = more[pages.indexOf(p)]?.data;
    return (incoming ? data?.incoming : data?.outgoing)?.edges[(index - held) % PAGE];
  };
  return (
    <section>
      <h3>
        {title} ({first.total.toLocaleString('en')})
      </h3>
      <VirtualList
        label={`${title} edges`}
        testId={incoming ? 'incoming-edges' : 'outgoing-edges'}
        className="edge-list"
        regionClassName="vlist-panel"
        count={first.total}
        estimateSize={56}
        onRange={(a, b) => {
          const next = b < held - 20 ? ([0, -1] as [number, number]) : pageSpan(a, b, PAGE, first.total, 20, held);
          setSpan((s) => (s[0] === next[0] && s[1] === next[1] ? s : next));
        }}
        renderRow={(index, row) => {
          const e = edgeAt(index);
          if (!e)
            return (
              <li {...row} className="vlist-pending">
                …
              </li>
            );
          return (
            <li {...row} data-testid="edge-item" data-kind={e.kind}>
              {/* Phrased from the reader's side: "this → can assume → X", "X → credential of → this". */}
              <div>
                {incoming && (
                  <>
                    <button type="button" className="link" onClick={() => select(e.other.id)}>
                      {e.other.name}
                    </button>{' '}
                  </>
                )}
                <span className="edge-kind">{edgeKindInfo(e.kind).label}</span>{' '}
                {incoming ? (
                  <span className="muted">this</span>
                ) : (
                  <button type="button" className="link" onClick={() => select(e.other.id)}>
                    {e.other.name}
                  </button>
                )}{' '}
                <span className="muted">{attrSummary(e)}</span>{' '}
                <WhatIfRemove change={changeForEdge(e, node, incoming)} />
              </div>
              <ul>
                {e.evidence.map((ev, i) => (
                  <EvidenceItem key={i} ev={ev} />
                ))}
              </ul>
            </li>
          );
        }}
      />
    </section>
  );
}
