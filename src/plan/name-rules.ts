// What an event name or a filter key may hold, judged before any request. An allowlist, not a list
// of what is refused: ASCII letters, digits, '_' and '-', in parts separated by single dots. Every
// name in the table (events.ts) and every event and filter key Bird's docs show fits it
// (sms.outbound, conversation.created, template.updated, channelId, messageStatus); what does not
// fit (a list written `a,b`, `a;b`, `a|b` or `a/b`, a quote, a space, an invisible character pasted
// with the name, a look-alike letter) is no name Bird has, and a subscription to it never fires.
// Pure: no I/O.
import { shown } from '../text.js';

const NAME = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/;
const NAME_CHAR = /[A-Za-z0-9_.-]/;
/** Far above any name Bird documents (about 20 characters); bounds the "did you mean" search too. */
export const MAX_NAME_INPUT_LENGTH = 100;
export const NAME_RULE = "ASCII letters, digits, '_' and '-', in parts separated by dots";

// White space, controls, format characters (zero-width, BOM, bidi) and the blank-looking letters and
// symbols Unicode does not class as space (Hangul fillers, braille blank, Mongolian vowel separator,
// Khmer inherent vowels): all show as nothing, or as a space, in a workflow file.
const INVISIBLE = /[\s\p{C}\p{Z}\u115f\u1160\u180e\u2800\u3164\uffa0]|\u17b4|\u17b5/u;

/** `name` with every character outside printable ASCII written as U+XXXX-style escapes (\u3164), then shown(). */
export function shownName(name: string, max = 80): string {
  return shown(name.replace(/[^\x20-\x7e]/gu, (c) => (hex(c).length > 4 ? `\\u{${hex(c)}}` : `\\u${hex(c).padStart(4, '0')}`)), max);
}

/** What makes `name` unable to be one event name or filter key ('a comma', ...), or undefined when it can be. */
export function nameProblem(name: string): string | undefined {
  const bad = [...name].find((c) => !NAME_CHAR.test(c));
  if (bad !== undefined) return describeChar(bad);
  if (!NAME.test(name)) return name === '' ? 'nothing' : 'an empty part between dots';
  if (name.length > MAX_NAME_INPUT_LENGTH) return `more than ${MAX_NAME_INPUT_LENGTH} characters`;
  return undefined;
}

function describeChar(c: string): string {
  if ('[](){}'.includes(c)) return 'a bracket';
  if (c === ',') return 'a comma';
  if ('\'"`'.includes(c)) return 'a quote';
  if (c === ' ') return 'a space';
  if (/[\x21-\x7e]/.test(c)) return `'${c}'`;
  if (INVISIBLE.test(c)) return `U+${hex(c).toUpperCase().padStart(4, '0')} (an invisible character)`;
  return `U+${hex(c).toUpperCase().padStart(4, '0')} (not an ASCII character)`;
}

function hex(c: string): string {
  return (c.codePointAt(0) ?? 0).toString(16);
}

/** The names a list-like entry holds (`a, b` → a, b), for showing the fix; at most `max`. */
export function namesIn(text: string, max = 5): string[] {
  return text
    .split(/[^A-Za-z0-9_.-]+/)
    .filter((part) => /[A-Za-z0-9]/.test(part))
    .slice(0, max);
}

/** How to turn `entry` (which has a nameProblem) into names: drop a trailing comma, split a list, ... */
function fixOf(entry: string, one: string, several: (names: string[]) => string | undefined): string {
  const names = namesIn(entry);
  const invisible = [...entry].find((c) => INVISIBLE.test(c) && c !== ' ');
  if (/^[-*]\s+\S/.test(entry) && namesIn(entry.replace(/^[-*]\s+/, '')).length === 1) {
    return `drop the leading '${entry[0]} ': each line is one name, not a YAML list item`;
  }
  if (names.length === 1 && /^[^,;|]+[,;|]+$/.test(entry) && nameProblem(entry.replace(/[,;|]+$/, '')) === undefined) {
    return `drop the trailing ${entry.endsWith(',') ? 'comma' : `'${entry.at(-1)}'`}: ${one}`;
  }
  if (/^(?:(['"`]).+\1|\[.+\]|\(.+\)|\{.+\})$/.test(entry) && nameProblem(entry.slice(1, -1)) === undefined) {
    return `drop the ${/^['"`]/.test(entry) ? 'quotes' : 'brackets'}`;
  }
  const split = names.length > 1 ? several(names) : undefined;
  if (split !== undefined) return split;
  if (invisible !== undefined) return `delete the invisible U+${hex(invisible).toUpperCase().padStart(4, '0')} (type the name again rather than paste it)`;
  return `a name holds only ${NAME_RULE}`;
}

/** The message for an entry of `event`/`events` that cannot be one event name (after "Input 'x' "). */
export function eventEntryProblem(entry: string, input: 'event' | 'events', where: string): string | undefined {
  const problem = nameProblem(entry);
  if (problem === undefined) return undefined;
  const fix = fixOf(entry, 'one event a line needs none', (names) => {
    const example = ` (here: ${names.map((n) => shown(n, 40)).join(', then ')}, each on its own line)`;
    return `${input === 'event' ? "'event' takes one event: list several under 'events: |', one event a line" : "put one event a line under 'events: |'"}${example}`;
  });
  return `${where}('${shownName(entry)}') contains ${problem}, so it cannot be one event name; ${fix}`;
}

/** The message for a filter key that cannot be one (after "Input 'event-filters' "). */
export function filterKeyProblem(key: string, where: string): string | undefined {
  const problem = nameProblem(key);
  if (problem === undefined) return undefined;
  // A space or an invisible character inside a key is no list; a separator is.
  const fix = fixOf(key, 'one filter a line needs none', () => (/[,;|/]/.test(key) ? 'put one filter a line, each as key=value' : undefined));
  return `${where} has the key '${shownName(key)}', which contains ${problem}, so it cannot be a filter key; ${fix}`;
}
