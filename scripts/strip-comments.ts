// Removes the comments from a bundled third-party chunk, keeping the code exactly as it was
// (same lines, same layout) and licence comments (/*! ... */, @license, @preserve). Comments are
// a third of undici's gzipped size; the code in dist/ stays readable in review (no minifier).
import { parse } from 'acorn';

export function stripComments(source: string): string {
  const comments: [number, number][] = [];
  parse(source, {
    ecmaVersion: 'latest',
    sourceType: 'module',
    onComment: (_block, text, start, end) => {
      if (!/^!|@license|@preserve/.test(text)) comments.push([start, end]);
    },
  });
  let out = '';
  let pos = 0;
  for (const [start, end] of comments) {
    out += source.slice(pos, start);
    // A line that held only the comment goes with it; a comment cannot stand inside a string,
    // so a line left blank by its removal is never part of a template literal's text.
    const lineStart = out.lastIndexOf('\n') + 1;
    const lineEnd = source.indexOf('\n', end);
    if (out.slice(lineStart).trim() === '' && source.slice(end, lineEnd === -1 ? undefined : lineEnd).trim() === '') {
      out = out.slice(0, lineStart);
      pos = lineEnd === -1 ? source.length : lineEnd + 1;
    } else {
      // Trailing comment: the blanks before it go too (they cannot be inside a string either).
      if (source.slice(end, lineEnd === -1 ? undefined : lineEnd).trim() === '') out = out.replace(/[ \t]+$/, '');
      pos = end;
    }
  }
  return out + source.slice(pos);
}
