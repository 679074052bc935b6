// Bird's IDs (subscriptions, workspaces, organizations) are UUIDs. Checking that before an ID goes
// into a request path is what keeps a hostile `..` or `x/../y` from steering the request elsewhere.
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}
