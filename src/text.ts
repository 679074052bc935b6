// The one door through which text from outside (Bird's answers, inputs, saved state, proxies)
// reaches the log, error messages, outputs and the job summary.
//
// How the runner reads a step's output (actions/runner, ActionCommand.cs): it splits stdout into
// lines on CR, LF and CRLF; a line is a command when, after leading whitespace is trimmed, it starts
// with `::name...::`, or (the legacy form) when it contains `##[name...]` ANYWHERE. So outside text
// is made one line with every control, line-separator and invisible format character escaped, may
// not start with `:` (after whitespace), never contains `##[`, and is capped so that a hostile
// answer cannot flood the log.

export const DEFAULT_SHOWN_LENGTH = 300;

// Secrets registered with the runner's mask. The runner masks only exact occurrences, and escaping
// or cutting outside text (an error body that echoes a key) would turn a secret into something it
// no longer recognises; so every secret is replaced before anything else is done to the text.
const secrets = new Set<string>();

/** Registers a secret that must never appear in outside text shown by this action. */
export function registerSecret(secret: string): void {
  if (secret) secrets.add(secret);
}

/** `text` with every registered secret replaced by `***`. */
export function redact(text: string): string {
  let out = text;
  // Longest first: a secret that contains another must not leave its remainder behind.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) if (out.includes(secret)) out = out.split(secret).join('***');
  return out;
}

// Controls (C0, DEL, C1 incl. NEL), surrogates left alone, line/paragraph separators, and format
// characters (zero-width, bidi overrides, BOM, soft hyphen) that would hide or reorder text.
const UNPRINTABLE = /[\p{Cc}\p{Cs}\p{Cf}\p{Zl}\p{Zp}]/gu;

// Most text is printable ASCII, where the Unicode classes here find nothing (in ASCII, \p{L} and
// \p{N} are letters and digits): V8 builds such a class the first time it is used, about 0.5 ms
// each, a cost every step would pay. Text that passes this skips them.
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** True when `text` holds printable ASCII characters only (space included). */
export function isPrintableAscii(text: string): boolean {
  return PRINTABLE_ASCII.test(text);
}

/** Outside text as one printable line: control and line-separator characters escaped, length capped. */
export function shown(value: unknown, max: number = DEFAULT_SHOWN_LENGTH): string {
  let text = redact(typeof value === 'string' ? value : (safeJson(value) ?? String(value)));
  let cut = 0;
  if (text.length > max) {
    // Do not split a surrogate pair at the cut.
    const end = /[\ud800-\udbff]/.test(text[max - 1] ?? '') ? max - 1 : max;
    cut = text.length - end;
    text = text.slice(0, end);
  }
  if (!isPrintableAscii(text)) text = text.replace(UNPRINTABLE, escapeChar);
  text = text
    // Legacy command form, found anywhere in a line.
    .replace(/#\[/g, '#\\[')
    // Modern command form, found at the start of a line (after whitespace), should a caller print
    // the value first.
    .replace(/^(\s*):/, '$1\\:');
  return cut > 0 ? `${text}… (${cut} more characters not shown)` : text;
}

function escapeChar(c: string): string {
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  const code = c.codePointAt(0) ?? 0;
  return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

function safeJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

// In a job summary cell, only these stay as they are; everything else becomes a numeric character
// reference, which renders as the same character but can start neither HTML nor Markdown syntax.
const CELL_SAFE = /[\p{L}\p{N} .,:;=/?+-]/u;
const ASCII_CELL_SAFE = /[A-Za-z0-9 .,:;=/?+-]/;

/**
 * Outside text for one job summary table cell: single line (as shown() makes it), then every
 * character that HTML or Markdown could read as syntax written as a character reference.
 */
export function summaryCell(value: unknown, max: number = DEFAULT_SHOWN_LENGTH): string {
  let cell = '';
  for (const c of shown(value, max)) cell += (c < '\x80' ? ASCII_CELL_SAFE : CELL_SAFE).test(c) ? c : `&#${c.codePointAt(0)};`;
  return cell;
}
