// The one door through which text from outside (Bird's answers, inputs, saved state, proxies)
// reaches the log, error messages and outputs. The runner reads a workflow command from any line
// that starts with `::`, and splits lines on CR as well as LF; so outside text is made one line with
// every control character escaped, and capped so a hostile answer cannot flood the log.

export const DEFAULT_SHOWN_LENGTH = 300;

/** Outside text as one printable line: control and line-separator characters escaped, length capped. */
export function shown(value: unknown, max: number = DEFAULT_SHOWN_LENGTH): string {
  let text = typeof value === 'string' ? value : (safeJson(value) ?? String(value));
  let cut = 0;
  if (text.length > max) {
    cut = text.length - max;
    text = text.slice(0, max);
  }
  // eslint-disable-next-line no-control-regex -- escaping control characters is the point
  text = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, escapeChar);
  return cut > 0 ? `${text}… (${cut} more characters not shown)` : text;
}

function escapeChar(c: string): string {
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

function safeJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}
