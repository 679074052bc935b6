// The event names Bird documents per service, so that a misspelt `event` (which Bird accepts and
// which then never fires) is caught with a warning. Pure data and string distance; no I/O.
//
// Where the names come from (docs.bird.com, read 2026-11; see /work/shared/bird-api-notes.md §3):
// - channels: "Webhook subscriptions" table (api/notifications-api/api-reference/webhook-subscriptions):
//   inbound, outbound, interaction per platform, channel created, channel updated; the platforms with
//   `<platform>.inbound` from api/channels-api/message-status-and-interactions (sms, whatsapp, email,
//   line, instagram, facebook, viber, linkedin, tiktok, telegram); voice.inbound / voice.outbound from
//   api/voice-api/voice-webhooks. Apple Business Chat is listed there without its event prefix, so it
//   is not in the table (a subscription to it only gets a warning, never a refusal).
// - conversations: api/conversations-api/api-reference/events (conversation.created/updated/deleted).
// - templates: api/touchpoints-api/api-reference/message-templates/template-webhooks.
// - numbers, payments: Bird documents no event names for them, so any event passes without a warning.
// The table only ever produces a warning: Bird may add events before this list learns them.

const CHANNEL_PLATFORMS = ['sms', 'whatsapp', 'email', 'line', 'instagram', 'facebook', 'viber', 'linkedin', 'tiktok', 'telegram'];

export const KNOWN_EVENTS: Readonly<Record<string, readonly string[] | undefined>> = {
  channels: [
    ...CHANNEL_PLATFORMS.flatMap((p) => [`${p}.inbound`, `${p}.outbound`, `${p}.interaction`]),
    'voice.inbound',
    'voice.outbound',
    'channel.created',
    'channel.updated',
  ],
  conversations: ['conversation.created', 'conversation.updated', 'conversation.deleted'],
  templates: ['template.created', 'template.updated', 'template.deleted'],
  numbers: undefined,
  payments: undefined,
};

/**
 * Why `event` does not fit `service`'s documented events, or undefined when it fits (or Bird documents
 * none for the service). `event` is raw input: the caller shows it through shown().
 */
export function eventMismatch(service: string, event: string): { closest?: string; otherService?: string } | undefined {
  const known = KNOWN_EVENTS[service];
  if (!known || known.includes(event)) return undefined;
  const otherService = Object.keys(KNOWN_EVENTS).find((s) => KNOWN_EVENTS[s]?.includes(event));
  return { closest: closest(event, known), otherService };
}

/** The candidate nearest to `word` (case-insensitive edit distance), if it is near enough to be a typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  // A third of the length, at least 2: catches dropped, doubled and swapped letters, not other words.
  const limit = Math.max(2, Math.floor(lower.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0].push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i].push(d);
    }
  }
  return rows[a.length][b.length];
}
