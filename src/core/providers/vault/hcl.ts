/**
 * The subset of HCL (version 1, what Vault parses policies with) that policies use: blocks with
 * string labels (`path "secret/*" { ... }`), assignments (`capabilities = ["read"]`), strings,
 * numbers, booleans, bare words, lists and objects (`allowed_parameters = { "k" = [] }`), and
 * `#`, `//` and `/* *\/` comments. Heredocs and interpolation are not read (policies do not use
 * them). One pass over the text, nothing evaluated, nesting capped: policy text is attacker data.
 *
 * A syntax error costs the item it is in, not the file: parsing resumes at the next line that
 * starts a `path` block, so a truncated or damaged policy keeps every block before and after it.
 */

export type HclValue =
  | { t: 'string'; v: string; line: number }
  | { t: 'number'; v: number; line: number }
  | { t: 'bool'; v: boolean; line: number }
  | { t: 'ident'; v: string; line: number }
  | { t: 'list'; items: HclValue[]; line: number }
  | { t: 'object'; items: HclItem[]; line: number };

/** `keys` are the block type and its labels (`['path', 'secret/*']`), or the one attribute name. */
export interface HclItem {
  keys: string[];
  value: HclValue;
  line: number;
}

export interface HclError {
  line: number;
  column: number;
  message: string;
}

export interface HclDocument {
  items: HclItem[];
  errors: HclError[];
}

/** Deeper nesting than any policy needs (control groups nest three levels). */
export const MAX_HCL_DEPTH = 32;
/** Syntax errors reported per text; past this many the rest of the text is left unread. */
const MAX_ERRORS = 20;

type Token =
  | { k: 'str'; v: string; at: number }
  | { k: 'word'; v: string; at: number }
  | { k: 'punct'; v: '{' | '}' | '[' | ']' | '=' | ',' | ':'; at: number }
  | { k: 'eof'; at: number };

class SyntaxError_ extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

const isWordChar = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45 || c === 46 || c === 43;

class Lexer {
  pos: number;
  private peeked: Token | undefined;

  constructor(
    private readonly text: string,
    start: number,
  ) {
    this.pos = start;
  }

  peek(): Token {
    return (this.peeked ??= this.read());
  }

  next(): Token {
    const t = this.peek();
    this.peeked = undefined;
    return t;
  }

  private read(): Token {
    const s = this.text;
    for (;;) {
      const c = s.charCodeAt(this.pos);
      if (this.pos >= s.length) return { k: 'eof', at: this.pos };
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) {
        this.pos++;
      } else if (c === 35 || (c === 47 && s.charCodeAt(this.pos + 1) === 47)) {
        const nl = s.indexOf('\n', this.pos);
        this.pos = nl === -1 ? s.length : nl + 1;
      } else if (c === 47 && s.charCodeAt(this.pos + 1) === 42) {
        const end = s.indexOf('*/', this.pos + 2);
        if (end === -1) throw new SyntaxError_('a /* comment is never closed', this.pos);
        this.pos = end + 2;
      } else break;
    }
    const at = this.pos;
    const c = s[at]!;
    if ('{}[]=,:'.includes(c)) {
      this.pos++;
      return { k: 'punct', v: c as '{', at };
    }
    if (c === '"') return { k: 'str', v: this.string(), at };
    if (c === '<' && s[at + 1] === '<') throw new SyntaxError_('heredoc strings (<<EOF) are not read; write the value as a quoted string', at);
    if (isWordChar(s.charCodeAt(at))) {
      let end = at;
      while (end < s.length && isWordChar(s.charCodeAt(end))) end++;
      this.pos = end;
      return { k: 'word', v: s.slice(at, end), at };
    }
    throw new SyntaxError_(`unexpected character ${JSON.stringify(c)}`, at);
  }

  /** A double-quoted string with HCL's escapes; a line break before the closing quote is an error. */
  private string(): string {
    const s = this.text;
    const start = this.pos;
    let i = start + 1;
    let out = '';
    let run = i;
    for (;;) {
      if (i >= s.length) throw new SyntaxError_('a string is never closed', start);
      const c = s.charCodeAt(i);
      if (c === 34) break;
      if (c === 10) throw new SyntaxError_('a string is not closed on its line', start);
      if (c !== 92) {
        i++;
        continue;
      }
      out += s.slice(run, i);
      const e = s[i + 1];
      if (e === 'u' || e === 'U') {
        const n = e === 'u' ? 4 : 8;
        const hex = s.slice(i + 2, i + 2 + n);
        const code = /^[0-9a-fA-F]+$/.test(hex) && hex.length === n ? parseInt(hex, 16) : NaN;
        if (!Number.isFinite(code) || code > 0x10ffff) throw new SyntaxError_(`bad \\${e} escape in a string`, i);
        out += String.fromCodePoint(code);
        i += 2 + n;
      } else {
        out += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e === undefined ? '' : e;
        i += 2;
      }
      run = i;
    }
    out += s.slice(run, i);
    this.pos = i + 1;
    return out;
  }
}

class Parser {
  constructor(
    private readonly lx: Lexer,
    private readonly lineOf: (at: number) => number,
  ) {}

  /** One item: keys, then `= value` or `{ body }`. */
  item(depth: number): HclItem {
    const first = this.lx.next();
    if (first.k !== 'str' && first.k !== 'word') throw new SyntaxError_(`expected a name, found ${describe(first)}`, first.at);
    const keys = [first.v];
    for (;;) {
      const t = this.lx.peek();
      if (t.k === 'str' || t.k === 'word') {
        keys.push(t.v);
        this.lx.next();
        continue;
      }
      if (t.k === 'punct' && (t.v === '=' || t.v === ':')) {
        this.lx.next();
        return { keys, value: this.value(depth), line: this.lineOf(first.at) };
      }
      if (t.k === 'punct' && t.v === '{') return { keys, value: this.value(depth), line: this.lineOf(first.at) };
      throw new SyntaxError_(`expected "=" or "{" after ${JSON.stringify(keys.join(' ')).slice(0, 80)}, found ${describe(t)}`, t.at);
    }
  }

  value(depth: number): HclValue {
    if (depth >= MAX_HCL_DEPTH) throw new SyntaxError_(`nested more than ${MAX_HCL_DEPTH} levels deep`, this.lx.peek().at);
    const t = this.lx.next();
    const line = this.lineOf(t.at);
    if (t.k === 'str') return { t: 'string', v: t.v, line };
    if (t.k === 'word') {
      if (t.v === 'true' || t.v === 'false') return { t: 'bool', v: t.v === 'true', line };
      if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(t.v)) return { t: 'number', v: Number(t.v), line };
      return { t: 'ident', v: t.v, line };
    }
    if (t.k === 'punct' && t.v === '[') {
      const items: HclValue[] = [];
      for (;;) {
        const p = this.lx.peek();
        if (p.k === 'punct' && p.v === ']') {
          this.lx.next();
          return { t: 'list', items, line };
        }
        if (p.k === 'punct' && p.v === ',') {
          this.lx.next();
          continue;
        }
        if (p.k === 'eof') throw new SyntaxError_('a list [ is never closed', t.at);
        items.push(this.value(depth + 1));
      }
    }
    if (t.k === 'punct' && t.v === '{') {
      const items: HclItem[] = [];
      for (;;) {
        const p = this.lx.peek();
        if (p.k === 'punct' && p.v === '}') {
          this.lx.next();
          return { t: 'object', items, line };
        }
        if (p.k === 'punct' && p.v === ',') {
          this.lx.next();
          continue;
        }
        if (p.k === 'eof') throw new SyntaxError_('a block { is never closed', t.at);
        items.push(this.item(depth + 1));
      }
    }
    throw new SyntaxError_(`expected a value, found ${describe(t)}`, t.at);
  }
}

function describe(t: Token): string {
  if (t.k === 'eof') return 'the end of the text';
  if (t.k === 'punct') return `"${t.v}"`;
  return JSON.stringify(t.v.length > 40 ? `${t.v.slice(0, 40)}…` : t.v);
}

/** Line starts, for line numbers of positions (binary search: positions come in any order). */
function lineIndex(text: string): (at: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (at) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** The next line after `from` whose first word is `path` (where parsing resumes after an error). */
function nextPathLine(text: string, from: number): number {
  const re = /^[ \t]*path[\s"=]/gm;
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? m.index : -1;
}

export function parseHcl(text: string): HclDocument {
  const lineOf = lineIndex(text);
  const items: HclItem[] = [];
  const errors: HclError[] = [];
  let lx = new Lexer(text, 0);
  let parser = new Parser(lx, lineOf);
  for (;;) {
    try {
      const t = lx.peek();
      if (t.k === 'eof') break;
      if (t.k === 'punct' && t.v === ',') {
        lx.next();
        continue;
      }
      items.push(parser.item(0));
    } catch (e) {
      if (!(e instanceof SyntaxError_)) throw e;
      const line = lineOf(e.at);
      const lineStart = text.lastIndexOf('\n', e.at - 1) + 1;
      errors.push({ line, column: e.at - lineStart + 1, message: e.message });
      // Resume after the line the error is on, at the next `path` block.
      const nl = text.indexOf('\n', Math.max(e.at, lx.pos - 1));
      const resume = nl === -1 || errors.length >= MAX_ERRORS ? -1 : nextPathLine(text, nl + 1);
      if (resume === -1) break;
      lx = new Lexer(text, resume);
      parser = new Parser(lx, lineOf);
    }
  }
  return { items, errors };
}
