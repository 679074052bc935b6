// What a bundled file takes from 'undici', for `npm run build`: tsconfig.json sends every bundled
// import of 'undici' to src/bird/undici.ts, and a name that file does not export would be undefined
// at run time without a word from webpack. Pure: source text in, names out.

export interface UndiciImports {
  /** The names the file takes from 'undici'. */
  names: string[];
  /** True when the file imports 'undici' in a form read here cannot follow (the build then fails). */
  unchecked: boolean;
}

const SPECIFIER = String.raw`['"]undici['"]`;

/** `a, b as c, type D` → a, b, D. */
function namesIn(list: string): string[] {
  return list
    .split(',')
    .map((part) => part.trim().replace(/^type\s+/, '').split(/\s+as\s+|\s*:\s*/)[0].trim())
    .filter((name) => name !== '');
}

/** Property names read off `binding` (`binding.X`, or `(0, binding.X)` as compilers write calls). */
function propertiesOf(source: string, binding: string): string[] {
  return [...source.matchAll(new RegExp(String.raw`(?<![\w$.])${binding.replace(/\$/g, '\\$')}\.([A-Za-z_$][\w$]*)`, 'g'))].map((m) => m[1]);
}

export function undiciImports(source: string): UndiciImports {
  const names: string[] = [];
  let understood = 0;
  const count = (re: RegExp, take: (m: RegExpMatchArray) => string[]) => {
    for (const m of source.matchAll(re)) {
      names.push(...take(m));
      understood++;
    }
  };
  // import { a, b as c } from 'undici'
  count(new RegExp(String.raw`import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*${SPECIFIER}`, 'g'), (m) => namesIn(m[1]));
  // import * as u from 'undici' / import u from 'undici'
  count(new RegExp(String.raw`import\s+(?:\*\s+as\s+)?([A-Za-z_$][\w$]*)\s+from\s*${SPECIFIER}`, 'g'), (m) => propertiesOf(source, m[1]));
  // const { a, b: c } = require('undici')
  count(new RegExp(String.raw`\{([^}]*)\}\s*=\s*require\(\s*${SPECIFIER}\s*\)`, 'g'), (m) => namesIn(m[1]));
  // const u = require('undici')
  count(new RegExp(String.raw`([A-Za-z_$][\w$]*)\s*=\s*require\(\s*${SPECIFIER}\s*\)`, 'g'), (m) => propertiesOf(source, m[1]));
  // Every mention of the specifier as a module (from, require, import()) must be one of the above.
  const mentions = [...source.matchAll(new RegExp(String.raw`(?:from|require\(|import\()\s*${SPECIFIER}`, 'g'))].length;
  return { names: [...new Set(names)].sort(), unchecked: mentions !== understood };
}
