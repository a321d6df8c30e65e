/** The search box: `/` focuses it, arrows move through results, Enter selects. */
import { useEffect, useRef, useState } from 'react';
import { skipToken, useQuery } from '@tanstack/react-query';
import { kindInfo } from '../../core';
import { useWorkspace } from '../../state/workspace-store';
import { searchQuery } from '../../queries/explore';

export function SearchBox() {
  const view = useWorkspace((s) => s.view);
  const select = useWorkspace((s) => s.select);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  // Searched in the worker, where the graph is; the previous answer stays while the next comes.
  const q = useQuery(view && query.trim() ? searchQuery(view, query.trim()) : { queryKey: ['explore', 'search', 'none'], queryFn: skipToken });
  const results = query.trim() ? (q.data?.matches ?? []) : [];

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key === '/' && target?.tagName !== 'INPUT' && target?.tagName !== 'TEXTAREA') {
        e.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const choose = (id: string) => {
    select(id);
    setQuery('');
    input.current?.blur();
  };

  return (
    <div className="search">
      <input
        ref={input}
        type="search"
        aria-label="Search"
        placeholder="Search  /"
        role="combobox"
        aria-expanded={results.length > 0}
        aria-controls="search-results"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, results.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter' && results[active]) choose(results[active]!.id);
          else if (e.key === 'Escape') setQuery('');
          else return;
          e.preventDefault();
        }}
      />
      {results.length > 0 && (
        <ul id="search-results" role="listbox" className="search-results" aria-label="Search results">
          {results.map((n, i) => (
            <li key={n.id} role="option" aria-selected={i === active} className={i === active ? 'active' : ''} onMouseDown={(e) => e.preventDefault()} onClick={() => choose(n.id)}>
              <span>{n.name}</span> <span className="muted small">{kindInfo(n.kind).label}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
