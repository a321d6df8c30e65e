/**
 * Session facts from a file's beginning, before anything is imported: which project number is
 * which project id (`gcp.project` facts, `NUMBER=ID`). Asset exports and policies name projects by
 * number, gcloud output by id; with these facts every file writes the same node for a project.
 * Regular expressions over the text only: files that mention no `projectNumber` cost one search.
 */
import { PROJECT_FACT } from './importers/common';

const NUMBER = /"projectNumber"\s*:\s*"?(\d{1,20})"?/g;
const ID = /"projectId"\s*:\s*"([a-z][a-z0-9.:-]{2,62})"/g;
/** How far from a projectNumber its projectId may be (both sit in one small object). */
const WINDOW = 600;

/** Both in the same object: no brace between them (a bucket's projectNumber next to another record's projectId is not a pair). */
const sameObject = (text: string, a: number, b: number) => !/[{}]/.test(text.slice(Math.min(a, b), Math.max(a, b)));

export function* prescanProjects(text: string): Iterable<[string, string]> {
  if (!text.includes('"projectNumber"')) return;
  const ids: { at: number; id: string }[] = [];
  for (const m of text.matchAll(ID)) ids.push({ at: m.index, id: m[1]! });
  if (!ids.length) return;
  let j = 0;
  for (const m of text.matchAll(NUMBER)) {
    // The nearest projectId on either side, within the window.
    while (j + 1 < ids.length && ids[j + 1]!.at < m.index) j++;
    const candidates = [ids[j], ids[j + 1]].filter((c): c is { at: number; id: string } => c !== undefined && Math.abs(c.at - m.index) < WINDOW && sameObject(text, c.at, m.index));
    const best = candidates.sort((a, b) => Math.abs(a.at - m.index) - Math.abs(b.at - m.index))[0];
    if (best) yield [PROJECT_FACT, `${m[1]}=${best.id}`];
  }
}
