/**
 * The Questions tab: the breached marks, and pre-built questions answered in one click (the
 * worker answers, core/explore/questions.ts; this only renders). Each question shows its count;
 * opening one lists its answer and draws it on the graph where a picture helps.
 */
import { useState } from 'react';
import { skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import { QUESTIONS, kindInfo, type NodeRef, type QuestionAnswer, type QuestionInfo, type QuestionRequest, type QuestionRow, type WorkspaceView } from '../../core';
import { questionQuery } from '../../queries/explore';
import { updateBreached } from '../../queries/breached';
import { useWorkspace } from '../../state/workspace-store';

const FIRST = 10;
const MORE = 50;
const NONE = { manual: [] as string[], rules: [] as string[] };

/** The request of one question: only the questions that start from the marks (or reach jewels) carry them. */
function useRequest(q: QuestionInfo, limit: number): QuestionRequest {
  const breached = useWorkspace((s) => s.breached);
  const manual = useWorkspace((s) => s.crownJewels);
  const rules = useWorkspace((s) => s.jewelRules);
  return { question: q.id, breached: q.needsBreached ? breached : [], jewels: q.id === 'breachedPaths' ? { manual, rules } : NONE, limit };
}

function useAnswer(view: WorkspaceView, q: QuestionInfo, limit: number, ask: boolean) {
  const req = useRequest(q, limit);
  return useQuery(view.stats.nodes > 0 && ask ? questionQuery(view, req) : { queryKey: ['explore', 'question', 'none'], queryFn: skipToken });
}

/** What clicking a row draws: its path, or its details. */
function openRow(r: QuestionRow): void {
  const ws = useWorkspace.getState();
  if (r.path) ws.showPath(r.path.from, r.path.to);
  else ws.select(r.id);
}

const nameOf = (refs: Record<string, NodeRef>, id: string) => refs[id]?.name ?? id;

function Rows({ answer }: { answer: QuestionAnswer }) {
  return (
    <ol className="question-rows">
      {answer.rows.map((r, i) => {
        const head = r.section && r.section !== answer.rows[i - 1]?.section ? r.section : undefined;
        const ref = answer.refs[r.id];
        return (
          <li key={`${r.section ?? ''}${r.id}${i}`} data-testid="question-row">
            {head && <h4 className="question-section">{head}</h4>}
            <button type="button" className="link" onClick={() => openRow(r)} title={r.path ? 'Draw this path' : 'Open its details'}>
              {nameOf(answer.refs, r.id)}
            </button>{' '}
            {ref && <span className="kind-tag">{kindInfo(ref.kind).label}</span>}
            <div className="muted small">
              {r.detail}
              {r.conditional && <span className="cond-marker"> · conditional</span>}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

function Question({ view, q, open, onToggle }: { view: WorkspaceView; q: QuestionInfo; open: boolean; onToggle: () => void }) {
  const [limit, setLimit] = useState(FIRST);
  // Closed, only the count is asked (rows can cost: ranking secrets decides access).
  const a = useAnswer(view, q, open ? limit : 0, open || !q.lazy);
  const answer = a.data;
  const focusOn = useWorkspace((s) => s.focusOn);
  const qc = useQueryClient();
  const opened = useRequest(q, limit);
  // Opening a question draws its answer (the same request the list then shows, asked once).
  const draw = () =>
    void qc
      .fetchQuery(questionQuery(view, opened))
      // An answer without a picture leaves the whole graph (not the last answer's picture).
      .then((ans) => (ans.draw.length > 0 ? focusOn(ans.draw) : useWorkspace.getState().clearFocus()))
      .catch(() => undefined);
  const shown = answer?.rows.length ?? 0;
  // Just opened: the count is known, the rows are on their way.
  const waiting = open && a.isPlaceholderData;
  const body = `question-${q.id}`;
  return (
    <li data-testid="question" data-question={q.id} className={open ? 'open' : ''}>
      <button
        type="button"
        className="question-head"
        aria-expanded={open}
        aria-controls={body}
        onClick={() => {
          if (!open) draw();
          onToggle();
        }}
      >
        <span>{q.title}</span>
        <span className={`question-count${answer?.count ? '' : ' zero'}`} data-testid="question-count" aria-label={answer ? `${answer.count} answers` : q.lazy && !open ? 'counted when opened' : 'counting'}>
          {a.error ? '!' : answer ? answer.count.toLocaleString('en') : q.lazy && !open ? 'open to count' : '…'}
        </span>
      </button>
      {open && (
        <div id={body} className="question-body" data-testid="question-answer">
          <p className="muted small">{q.help}</p>
          {a.error && <p className="error">Could not answer: {a.error.message}</p>}
          {answer?.note && (
            <p className="small" data-testid="question-note">
              {answer.note}
            </p>
          )}
          {answer?.sources && answer.sources.length > 1 && (
            <p className="small">
              Nearest mark:{' '}
              {answer.sources.map((s, i) => (
                <span key={s.id}>
                  {i > 0 && ', '}
                  {nameOf(answer.refs, s.id)} ({s.count.toLocaleString('en')})
                </span>
              ))}
            </p>
          )}
          {waiting && <p className="muted small">Answering…</p>}
          {answer && !waiting && <Rows answer={answer} />}
          <div className="actions-row">
            {answer && !waiting && answer.draw.length > 0 && (
              <button type="button" onClick={() => focusOn(answer.draw)}>
                Draw the answer ({answer.draw.length} nodes)
              </button>
            )}
            {answer && !waiting && answer.count > shown && (
              <button type="button" className="link small" onClick={() => setLimit((n) => n + MORE)}>
                Show more ({(answer.count - shown).toLocaleString('en')} left)
              </button>
            )}
          </div>
        </div>
      )}
    </li>
  );
}

/** The marks the questions start from, with how much of the combined blast radius each is nearest to. */
function Marks({ view }: { view: WorkspaceView }) {
  const breached = useWorkspace((s) => s.breached);
  const blast = useAnswer(view, QUESTIONS.find((q) => q.id === 'breachedBlast')!, 0, true).data;
  const select = useWorkspace((s) => s.select);
  if (!breached.length) {
    return (
      <p className="muted small" data-testid="no-breached">
        Nothing is marked as breached. Right-click a node on the graph (a leaked key, a compromised pod, a CI workflow) or use its details to mark it; the questions below then start from every mark at once.
      </p>
    );
  }
  const present = new Set(blast?.sources?.map((s) => s.id) ?? breached);
  const missing = breached.filter((id) => !present.has(id));
  return (
    <>
      <ul className="breached-marks">
        {breached
          .filter((id) => present.has(id))
          .map((id) => {
            const ref = blast?.refs[id];
            const reached = blast?.sources?.find((s) => s.id === id)?.count;
            return (
              <li key={id} data-testid="breached-mark">
                <div className="mark-line">
                  <span className="breached-dot" aria-hidden="true" />
                  <button type="button" className="link" onClick={() => select(id)}>
                    {ref?.name ?? id}
                  </button>
                  <button type="button" className="link small unmark" aria-label={`Unmark ${ref?.name ?? id}`} onClick={() => void updateBreached(breached.filter((m) => m !== id))}>
                    unmark
                  </button>
                </div>
                <div className="muted small">
                  {ref ? kindInfo(ref.kind).label : ''}
                  {reached !== undefined && ` · the nearest mark to ${reached.toLocaleString('en')} reached ${reached === 1 ? 'identity' : 'identities'}`}
                </div>
              </li>
            );
          })}
      </ul>
      {missing.length > 0 && (
        <p className="muted small">
          {missing.length} {missing.length === 1 ? 'mark is' : 'marks are'} not in this workspace.{' '}
          <button type="button" className="link small" onClick={() => void updateBreached(breached.filter((m) => present.has(m)))}>
            Forget {missing.length === 1 ? 'it' : 'them'}
          </button>
        </p>
      )}
    </>
  );
}

export function Questions() {
  const view = useWorkspace((s) => s.view);
  const breached = useWorkspace((s) => s.breached);
  const [open, setOpen] = useState<string | null>(null);
  if (!view) return null;
  if (!view.stats.nodes) return <p className="muted">Questions are answered once exports are loaded.</p>;
  return (
    <section role="region" aria-label="Questions" className="questions">
      <h3>
        Assumed breached <span className="muted">({breached.length})</span>
      </h3>
      <Marks view={view} />
      <h3>Questions</h3>
      <ul className="question-list">
        {QUESTIONS.map((q) => (
          <Question key={q.id} view={view} q={q} open={open === q.id} onToggle={() => setOpen((o) => (o === q.id ? null : q.id))} />
        ))}
      </ul>
    </section>
  );
}
