// What a user sees of a step: the runner turns workflow commands (`::warning::…`) into annotations
// and hides `::add-mask::` and (without step debug logging) `::debug::` lines, and renders the job
// summary's HTML. `npm run demo` shows runs through these two functions instead of raw output.
// No imports: Node runs it as is, and the tests import it.

/** The step log as the runner shows it; debug lines only when step debug logging is on. */
export function viewLog(stdout: string, { debug = false } = {}): string[] {
  const lines: string[] = [];
  for (const line of stdout.replace(/\r?\n$/, '').split(/\r?\n/)) {
    const command = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(line);
    if (!command) {
      lines.push(line);
      continue;
    }
    const [, name, data] = command;
    const text = unescapeData(data);
    if (name === 'add-mask' || name === 'endgroup' || name === 'save-state' || name === 'set-output') continue;
    if (name === 'debug') {
      if (debug) lines.push(`[debug] ${text}`);
    } else if (name === 'warning' || name === 'error' || name === 'notice') {
      lines.push(`${name[0].toUpperCase()}${name.slice(1)}: ${text}`);
    } else if (name === 'group') {
      lines.push(`> ${text}`);
    } else {
      lines.push(line);
    }
  }
  return lines;
}

// The runner's escaping of command data (@actions/core's escapeData).
function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

/** The job summary (the HTML @actions/core writes) as plain text: headings and aligned tables. */
export function viewSummary(html: string): string[] {
  const lines: string[] = [];
  for (const block of html.match(/<h[1-6]>[\s\S]*?<\/h[1-6]>|<table>[\s\S]*?<\/table>|<p>[\s\S]*?<\/p>|[^<]+|<[^>]*>/g) ?? []) {
    const heading = /^<h[1-6]>([\s\S]*?)<\/h[1-6]>$/.exec(block);
    if (heading) {
      const title = text(heading[1]);
      lines.push(title, '='.repeat(title.length));
    } else if (block.startsWith('<table>')) {
      const rows = [...block.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row]) => [...row.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map(([, cell]) => text(cell)));
      const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
      const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
      const [header, ...body] = rows;
      if (header) lines.push(line(header), line(widths.map((w) => '-'.repeat(w))));
      for (const row of body) lines.push(line(row));
    } else if (block.startsWith('<p>')) {
      lines.push(text(block).trim());
    } else if (!block.startsWith('<') && block.trim()) {
      lines.push(text(block).trim());
    }
  }
  return lines;
}

function text(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, '&');
}
