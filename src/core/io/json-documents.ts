/**
 * Reads one JSON document, or several concatenated ones (`aws ... >> file` loops, NDJSON), and
 * reports errors by line and column rather than by character offset. Documents before a broken
 * one are still returned, so a truncated page loses only itself.
 */

export interface TextPosition {
  line: number;
  column: number;
}

export interface JsonReadError {
  message: string;
  position: TextPosition;
}

export interface JsonDocuments {
  docs: unknown[];
  /** Line on which each document starts (same order as `docs`). */
  startLines: number[];
  error?: JsonReadError;
}

export function positionAt(text: string, offset: number): TextPosition {
  return new LineCounter(text).at(offset);
}

/**
 * Positions of increasing offsets, counting each newline once: asking `positionAt` afresh for
 * each of 150,000 concatenated documents would rescan the text from the start every time.
 */
class LineCounter {
  private line = 1;
  private lineStart = 0;
  /** Newlines before this offset are counted. */
  private scanned = 0;

  constructor(private readonly text: string) {}

  at(offset: number): TextPosition {
    const end = Math.min(offset, this.text.length);
    if (end < this.scanned) return positionFromStart(this.text, end);
    for (let i = this.text.indexOf('\n', this.scanned); i !== -1 && i < end; i = this.text.indexOf('\n', i + 1)) {
      this.line++;
      this.lineStart = i + 1;
    }
    this.scanned = end;
    return { line: this.line, column: end - this.lineStart + 1 };
  }
}

function positionFromStart(text: string, end: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}

const OPEN_BRACE = 123, CLOSE_BRACE = 125, OPEN_BRACKET = 91, CLOSE_BRACKET = 93, QUOTE = 34, BACKSLASH = 92;

/** True for text that starts like JSON (after a BOM and whitespace). */
export function looksLikeJson(text: string): boolean {
  const t = stripBom(text).trimStart();
  return t.startsWith('{') || t.startsWith('[');
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function readJsonDocuments(input: string): JsonDocuments {
  const text = stripBom(input);
  // Fast path: one well-formed document, parsed natively.
  try {
    return { docs: [JSON.parse(text)], startLines: [1] };
  } catch {
    // fall through to the document scanner
  }
  const docs: unknown[] = [];
  const startLines: number[] = [];
  const lines = new LineCounter(text);
  let i = 0;
  const n = text.length;
  while (i < n) {
    i = skipWhitespace(text, i);
    if (i >= n) break;
    const start = i;
    const end = scanValueEnd(text, i);
    const opened = lines.at(start);
    if (end.kind === 'truncated') {
      const last = lines.at(n);
      return {
        docs,
        startLines,
        error: { message: `JSON ends unexpectedly at line ${last.line} (the document that starts at line ${opened.line} is not closed)`, position: last },
      };
    }
    try {
      docs.push(JSON.parse(text.slice(start, end.offset)));
      startLines.push(opened.line);
    } catch (e) {
      return { docs, startLines, error: describeParseError(lines, start, e) };
    }
    i = end.offset;
  }
  if (docs.length === 0) {
    return { docs, startLines, error: { message: 'the file is empty', position: { line: 1, column: 1 } } };
  }
  return { docs, startLines };
}

function skipWhitespace(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) i++;
    // NDJSON exports from some collectors carry `#` comment lines between documents.
    else if (c === 35) {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? text.length : nl + 1;
    } else break;
  }
  return i;
}

type ScanEnd = { kind: 'end'; offset: number } | { kind: 'truncated' };

/** Find where the JSON value starting at `i` ends, tracking nesting and strings only. */
function scanValueEnd(text: string, i: number): ScanEnd {
  const first = text.charCodeAt(i);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    // A scalar document: runs until whitespace.
    let j = i;
    while (j < text.length && !/\s/.test(text[j]!)) j++;
    return { kind: 'end', offset: j };
  }
  let depth = 0;
  let inString = false;
  for (let j = i; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (inString) {
      if (c === BACKSLASH) j++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
    else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
      if (depth === 0) return { kind: 'end', offset: j + 1 };
    }
  }
  return { kind: 'truncated' };
}

function describeParseError(lines: LineCounter, start: number, e: unknown): JsonReadError {
  const raw = e instanceof Error ? e.message : String(e);
  const m = /at position (\d+)/.exec(raw);
  const offset = start + (m ? Number(m[1]) : 0);
  const pos = lines.at(offset);
  // V8 quotes a piece of the (untrusted) input in some messages; keep only its own words.
  const reason = raw.replace(/,\s*".*" is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '');
  const where = m ? `at line ${pos.line}, column ${pos.column}` : `in the document that starts at line ${pos.line}`;
  return { message: `invalid JSON ${where}: ${reason}`, position: pos };
}
