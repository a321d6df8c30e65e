/**
 * The CLI's output boundary. Names, file paths and messages come from attacker-controlled exports:
 * printed raw, an ESC sequence could recolour the terminal, retitle the window or move the cursor,
 * and a newline could forge a line of the report ("ADMIN: ..."). Text output is therefore built as
 * lines and each line passes through `safe`; JSON output through `jsonText`.
 */

/**
 * C0 controls (newline, carriage return and tab included), DEL, C1 controls (0x9b is a one-byte
 * CSI to some terminals), line/paragraph separators and the bidirectional overrides and isolates
 * (which reorder what a reader sees: "Trojan Source").
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** What JSON.stringify leaves raw (it escapes C0 itself). */
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  return NAMED[c] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/** One line of terminal text: every control character shown as an escape (`\x1b`, `\n`). */
export function safe(text: string): string {
  return text.replace(CONTROL, escapeChar);
}

/** Lines of text output, each made safe, joined by the only raw newlines printed. */
export function textLines(lines: readonly string[]): string {
  return lines.map(safe).join('\n');
}

/**
 * One JSON document. The same value as JSON.stringify, with the characters it leaves raw written as
 * \u escapes. A structure too deep or too large to serialise becomes a plain error message (the
 * caller reports it as an internal error) rather than a stack trace.
 */
export function jsonText(value: unknown, indent?: number): string {
  let text: string;
  try {
    text = JSON.stringify(value, null, indent);
  } catch (e) {
    if (e instanceof RangeError && /call stack/i.test(e.message)) throw new Error('the result is nested too deeply to print as JSON (some export holds a structure nested thousands of levels deep)', { cause: e });
    if (e instanceof RangeError && /string length/i.test(e.message)) throw new Error('the JSON result is larger than one JavaScript string can hold (about 512 MB): analyse fewer exports at a time', { cause: e });
    throw e;
  }
  return text.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
