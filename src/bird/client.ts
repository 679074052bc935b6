// The one way this action talks to Bird: every request goes through `once`, which turns
// statuses into errors and retries what may be retried.
import { BirdApiError, MAY_HAVE_CREATED, NetworkError, ResponseError } from './errors.js';
import type { HttpRequest, HttpResponse, Send } from './http.js';
import { Gate, MAX_IN_FLIGHT } from './gate.js';
import { isUuid } from './ids.js';
import { backoffDelay, isRetryable, parseRetryAfter, withRetries, type RetryPolicy } from './retry.js';
import type { CreateBody, Subscription, UpdateBody } from './types.js';
import { checkCreated, checkSubscription, checkUpdated, typeName } from './contract.js';
import type { AvailableService } from './available.js';
import { shown } from '../text.js';

export interface Scope {
  workspaceId: string;
  /** When given, the org-scoped path form is used. */
  organizationId?: string;
}

const PAGE_SIZE = 100;
// A guard against a server that keeps handing out page tokens: 1000 pages is 100,000 subscriptions.
const MAX_PAGES = 1000;

type Call = HttpRequest & {
  hint404?: string;
  /** Said on a 403 instead of the collection's permission (the delivery logs need their own). */
  hint403?: string;
  /** Success is the 2xx status alone (DELETE): whatever body comes with it is not read. */
  statusOnly?: boolean;
  /** The path a 403 hint names; the collection when not given. */
  policyPath?: string;
  /** Called with every 2xx answer (e.g. to read its Date header). */
  onAnswer?: (res: HttpResponse) => void;
};

/** The access policy that lets a key read the delivery logs of a workspace's subscriptions (per path form). */
export const LOGS_PERMISSION = 'View on /workspaces/*/webhook-subscriptions/**';
const ORG_LOGS_PERMISSION = 'View on /organizations/*/workspaces/*/webhook-subscriptions/**';

/** One page of a subscription's delivery log, as Bird answered it (entries unread: see plan/deliveries.ts). */
export interface LogPage {
  results: unknown[];
  nextPageToken?: string;
}

/** What the client is told about its connection, for messages; never the access key itself. */
export interface ClientOptions {
  /** Path of api-url (e.g. '/v1'), shown in front of every request path. */
  basePath?: string;
  /** The access key looks like a Bird platform API key (bk_...), which api.bird.com does not take. */
  platformKey?: boolean;
  /** Step debug logging: one line per request. Undefined when off, so nothing is timed or formatted. */
  debug?: (message: string) => void;
  /**
   * Whether a list entry must fit Bird's contract (the step acts on it); one that need not and
   * does not fit is skipped with a debug line. Undefined: every entry must fit.
   */
  mustFit?: (entry: unknown) => boolean;
}

export class BirdClient {
  readonly collectionPath: string;
  /** What the workspace can subscribe to (Bird's "List available webhook events"), in the same path form. */
  readonly availablePath: string;
  /** Every request waits its turn here: at most four at once, fewer while Bird answers 429. */
  private readonly gate: Gate;
  /**
   * Which path form the delivery logs answer on, once one has: Bird's docs show the logs only in the
   * organization form in one copy and only in the workspace form in another.
   */
  private logsForm: 'scope' | 'organization' | undefined;
  /** Settles when the first reader's probe of the path forms is over. */
  private logsProbe: Promise<void> | undefined;

  constructor(
    private readonly send: Send,
    private readonly policy: RetryPolicy,
    private readonly scope: Scope,
    private readonly options: ClientOptions = {},
  ) {
    // The inputs are validated as UUIDs; checked again here because these become the request path.
    for (const id of [scope.workspaceId, scope.organizationId]) {
      if (id !== undefined && !isUuid(id)) throw new Error(`Refusing to build a request path from '${shown(id)}': not a UUID`);
    }
    const org = scope.organizationId ? `/organizations/${scope.organizationId}` : '';
    this.collectionPath = `${org}/workspaces/${scope.workspaceId}/webhook-subscriptions`;
    this.availablePath = `${org}/workspaces/${scope.workspaceId}/available-webhooks`;
    this.gate = new Gate(MAX_IN_FLIGHT, policy.sleep);
  }

  /** How many attempts a request gets; the settling of a refused create gets as many rounds. */
  get maxAttempts(): number {
    return this.policy.maxAttempts;
  }

  /** Waits before round `round` (from 1) of something outside one request, with the retries' jittered backoff; `signal` ends it early. */
  backoff(round: number, signal?: AbortSignal): Promise<void> {
    return this.policy.sleep(backoffDelay(round, this.policy), signal);
  }

  /**
   * The Date header of the last page of the last list, as sent (undefined when Bird sent none):
   * Bird's clock, against which its createdAt is judged (plan/limit.ts birdNow).
   */
  lastListDate: string | undefined;

  /** Waits about `ms`, jittered up to `jitterMs` more (the policy's sleep and random, so tests can drive them). */
  pause(ms: number, jitterMs = 0): Promise<void> {
    return this.policy.sleep(ms + Math.round(this.policy.random() * jitterMs));
  }

  /** Every subscription in the workspace, following nextPageToken to the last page. */
  async listAll(): Promise<Subscription[]> {
    let date: string | undefined;
    const all: Subscription[] = [];
    const ids = new Set<string>();
    const seen = new Set<string>();
    let pageToken: string | undefined;
    for (let page = 1; page <= MAX_PAGES; page++) {
      const req: Call = { method: 'GET', path: this.collectionPath, query: { limit: PAGE_SIZE, pageToken }, onAnswer: (res) => (date = header(res, 'date')) };
      const body = await this.retried(req);
      const { results, nextPageToken } = (body ?? {}) as { results?: unknown; nextPageToken?: unknown };
      if (!Array.isArray(results)) throw this.malformed(req, 'a body without a results list');
      results.forEach((item, i) => {
        const checked = checkSubscription(item, `results[${i}]`);
        if (typeof checked === 'string') {
          // Another team's odd subscription must not stop this step; one it acts on must fit.
          if (this.options.mustFit?.(item) ?? true) throw this.malformed(req, checked);
          this.options.debug?.(`Skipped an entry of the list that does not fit Bird's contract (${checked}); this step does not act on it`);
          return;
        }
        const subscription = checked;
        // Paging while others write can hand out an entry twice; it is still one subscription.
        if (ids.has(subscription.id.toLowerCase())) return;
        ids.add(subscription.id.toLowerCase());
        all.push(subscription);
      });
      if (typeof nextPageToken !== 'string' || nextPageToken === '') {
        this.lastListDate = date;
        return all;
      }
      if (seen.has(nextPageToken)) throw this.malformed(req, 'a nextPageToken it had already returned');
      seen.add(nextPageToken);
      pageToken = nextPageToken;
    }
    throw this.malformed({ method: 'GET', path: this.collectionPath }, `more than ${MAX_PAGES} pages`);
  }

  /** The events (and their filter keys) Bird lists for `service`, checked against the documented shape. */
  async availableWebhooks(service: string): Promise<AvailableService[]> {
    const req: Call = { method: 'GET', path: this.availablePath, query: { service }, policyPath: this.availablePath };
    const body = await this.retried(req);
    // Loaded only by a step that asks (src/steps/check-events.ts), like the rest of that check.
    const { checkAvailable } = await import('./available.js');
    const checked = checkAvailable(body);
    if (typeof checked === 'string') throw this.malformed(req, checked);
    return checked;
  }

  /**
   * One page of a subscription's delivery log (newest first). The path form is the step's; when
   * the workspace form answers 404 and the subscription names its organization, the organization
   * form is tried once, and whichever answered is used from then on.
   */
  async logsPage(subscription: Pick<Subscription, 'id' | 'organizationId'>, limit: number, pageToken?: string): Promise<LogPage> {
    const own = `${this.itemPath(subscription.id)}/logs`;
    const org = this.scope.organizationId === undefined && isUuid(subscription.organizationId ?? '') ? subscription.organizationId?.toLowerCase() : undefined;
    const read = async (path: string, notFound: string): Promise<LogPage> => {
      const req: Call = {
        method: 'GET',
        path,
        query: { limit, pageToken },
        hint403: `Check that the access key's access policy allows ${path.startsWith('/organizations/') ? ORG_LOGS_PERMISSION : LOGS_PERMISSION} (the delivery logs)`,
        hint404: `The delivery log of subscription ${subscription.id} was not found${notFound}`,
      };
      const body = await this.retried(req);
      const { results, nextPageToken } = (body ?? {}) as { results?: unknown; nextPageToken?: unknown };
      if (typeof body !== 'object' || body === null || !Array.isArray(results)) throw this.malformed(req, 'a body without a results list');
      // No token (or an empty one) ends the log; a token of another type is not one to guess about.
      if (nextPageToken !== undefined && nextPageToken !== null && typeof nextPageToken !== 'string') {
        throw this.malformed(req, `nextPageToken is ${typeName(nextPageToken)}, not a string`);
      }
      return { results, nextPageToken: typeof nextPageToken === 'string' && nextPageToken !== '' ? nextPageToken : undefined };
    };
    if (org === undefined) return read(own, '');
    const orgPath = `/organizations/${org}${own}`;
    // Readers started together wait for the first one's probe instead of each probing the workspace form.
    if (this.logsForm === undefined && this.logsProbe !== undefined) await this.logsProbe;
    if (this.logsForm === 'scope') return read(own, ' (workspace path form)');
    if (this.logsForm === 'organization') return read(orgPath, ' (organization path form)');
    let probed!: () => void;
    this.logsProbe = new Promise<void>((resolve) => (probed = resolve));
    try {
      try {
        const page = await read(own, '');
        this.logsForm = 'scope';
        return page;
      } catch (error) {
        if (!(error instanceof BirdApiError && error.status === 404)) throw error;
      }
      const page = await read(orgPath, ' in either path form');
      this.logsForm = 'organization';
      return page;
    } finally {
      probed();
    }
  }

  /**
   * POST is not idempotent: after a failure that may have created the subscription,
   * `recover` looks for it, and what it finds is returned instead of posting again.
   */
  async create(body: CreateBody, recover: () => Promise<Subscription | undefined>): Promise<{ subscription: Subscription; adopted: boolean }> {
    const req: Call = { method: 'POST', path: this.collectionPath, body, hint404: this.workspaceHint() };
    return withRetries<{ subscription: Subscription; adopted: boolean }>(
      this.label(req),
      this.policy,
      async (n) => {
        const created = this.subscription(req, await this.once(req, n));
        // A 201 that describes some other subscription is not the one asked for.
        const problem = checkCreated(created, body);
        if (problem) throw this.malformed(req, problem);
        return { subscription: created, adopted: false };
      },
      async () => {
        const found = await recover();
        return found && { subscription: found, adopted: true };
      },
    );
  }

  /** One subscription, or undefined when Bird says it does not exist. */
  async get(id: string): Promise<Subscription | undefined> {
    const req: Call = { method: 'GET', path: this.itemPath(id) };
    try {
      return this.subscription(req, await this.retried(req));
    } catch (error) {
      if (error instanceof BirdApiError && error.status === 404) {
        await this.confirmCollection();
        return undefined;
      }
      throw error;
    }
  }

  async update(before: Subscription, patch: UpdateBody): Promise<Subscription> {
    const req: Call = { method: 'PATCH', path: this.itemPath(before.id), body: patch, hint404: `Subscription ${before.id} was not found` };
    const updated = this.subscription(req, await this.retried(req));
    // An answer describing some other subscription is not the one that was updated.
    const problem = checkUpdated(updated, before, patch);
    if (problem) throw this.malformed(req, problem);
    return updated;
  }

  /** 404 means already gone; after an attempt that may have deleted it, gone by our hand. */
  async remove(id: string): Promise<'deleted' | 'not-found'> {
    const req: Call = { method: 'DELETE', path: this.itemPath(id), statusOnly: true };
    let maybeDeleted = false;
    try {
      await withRetries(this.label(req), this.policy, async (n) => {
        try {
          return await this.once(req, n);
        } catch (error) {
          if (isRetryable(error) && error.maybeProcessed) maybeDeleted = true;
          throw error;
        }
      });
      return 'deleted';
    } catch (error) {
      if (error instanceof BirdApiError && error.status === 404) {
        if (maybeDeleted) return 'deleted';
        await this.confirmCollection();
        return 'not-found';
      }
      throw error;
    }
  }

  /**
   * A 404 for one subscription means "gone" only if the workspace itself answers: with a wrong
   * workspace-id or api-url path every item is a 404 too, and "already gone" would hide that.
   */
  private async confirmCollection(): Promise<void> {
    await this.retried({ method: 'GET', path: this.collectionPath, query: { limit: 1 } });
  }

  private itemPath(id: string): string {
    // Only a UUID may become a path segment: '..' or '%2e%2e' would be folded into another path.
    if (!isUuid(id)) throw new ResponseError(`Refusing to send a request for subscription ID '${shown(id)}': not a UUID`);
    return `${this.collectionPath}/${id}`;
  }

  private workspaceHint(): string {
    const org = this.scope.organizationId ? ` in organization ${this.scope.organizationId}` : '';
    // A base path is the other usual cause: Bird's API has none, so '/v1' and the like 404 everywhere.
    const base = this.options.basePath ? `; api-url has the path '${shown(this.options.basePath)}' (Bird's https://api.bird.com has none): check api-url too` : '';
    return `Workspace ${this.scope.workspaceId}${org} was not found; check workspace-id and organization-id${base}`;
  }

  /** The path as sent, base path of api-url included. */
  private shownPath(req: HttpRequest): string {
    return `${this.options.basePath ?? ''}${req.path}`;
  }

  private label(req: HttpRequest): string {
    return `${req.method} ${this.shownPath(req)}`;
  }

  private retried(req: Call): Promise<unknown> {
    return withRetries(this.label(req), this.policy, (n) => this.once(req, n));
  }

  /** The exchange itself, traced when step debug logging is on; network errors name the full path. */
  private async exchange(req: Call, attempt: number): Promise<HttpResponse> {
    const debug = this.options.debug;
    const started = debug ? performance.now() : 0;
    try {
      const res = await this.gate.run(
        () => this.send(req),
        (answer) => {
          if (answer.status !== 429) return undefined;
          const retryAfter = parseRetryAfter(header(answer, 'retry-after'));
          return { retryAfterMs: retryAfter === undefined ? undefined : Math.min(retryAfter, this.policy.maxRetryAfterMs) };
        },
      );
      debug?.(this.traceLine(req, String(res.status), started, attempt));
      return res;
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
      debug?.(this.traceLine(req, networkCode(error.reason), started, attempt));
      if (!this.options.basePath) throw error;
      throw new NetworkError(error.method, this.shownPath(req), error.reason, error.maybeProcessed, error.retryable);
    }
  }

  /** `GET /v1/workspaces/…/webhook-subscriptions?limit=100 → 200 in 35 ms (attempt 1 of 4)`; never headers. */
  private traceLine(req: HttpRequest, outcome: string, started: number, attempt: number): string {
    const query = Object.entries(req.query ?? {})
      .filter(([, value]) => value !== undefined)
      // A page token is opaque and long; its presence is what matters when reading a trace.
      .map(([name, value]) => (name === 'pageToken' ? `${name}=…` : `${name}=${encodeURIComponent(String(value))}`))
      .join('&');
    const target = shown(`${this.shownPath(req)}${query ? `?${query}` : ''}`, 200);
    const ms = Math.round(performance.now() - started);
    return `${req.method} ${target} → ${shown(outcome, 100)} in ${ms} ms (attempt ${attempt} of ${this.policy.maxAttempts})`;
  }

  /** One exchange: the parsed JSON body of a 2xx, or an error. */
  private async once(req: Call, attempt = 1): Promise<unknown> {
    const res = await this.exchange(req, attempt);
    if (req.statusOnly && res.status >= 200 && res.status < 300) return undefined;
    const body = parseJson(res);
    if (res.status >= 200 && res.status < 300) {
      req.onAnswer?.(res);
      if (body === INVALID) throw this.malformed(req, `HTTP ${res.status} with a body that is not valid JSON`);
      return body;
    }
    throw new BirdApiError(res.status, req.method, this.shownPath(req), body === INVALID ? res.text : body, {
      hint: this.hint(res.status, req),
      retryAfterMs: parseRetryAfter(header(res, 'retry-after')),
    });
  }

  private hint(status: number, req: Call): string | undefined {
    if (status === 401 && this.options.platformKey) {
      return (
        "access-key looks like a Bird platform API key (it starts with 'bk_'); those work only with Bearer on *.platform.bird.com. " +
        "This action calls api.bird.com's Notifications API, which needs an access key created under Organization settings → Access keys in Bird (sent as 'AccessKey')"
      );
    }
    if (status === 401) return 'Check that access-key is a valid Bird access key';
    if (status === 403 && req.hint403) return req.hint403;
    if (status === 403) {
      const action = { GET: 'View', POST: 'Create', PATCH: 'Update', DELETE: 'Delete' }[req.method];
      // One subscription's path is covered by the collection's `/**` resource, not by the collection.
      const resource = req.policyPath ?? (req.path === this.collectionPath ? this.collectionPath : `${this.collectionPath}/**`);
      return `Check that the access key's access policy allows ${action} on ${resource}`;
    }
    if (status === 404) return req.hint404 ?? (req.path === this.collectionPath ? this.workspaceHint() : undefined);
    return undefined;
  }

  /** A subscription as Bird promises it; anything less is not taken as success. */
  private subscription(req: HttpRequest, value: unknown, where?: string): Subscription {
    const checked = checkSubscription(value, where);
    if (typeof checked === 'string') throw this.malformed(req, checked);
    return checked;
  }

  private malformed(req: HttpRequest, problem: string): ResponseError {
    // Bird may have created it all the same; say how to pick it up rather than leave it unknown.
    const after = req.method === 'POST' ? `; ${MAY_HAVE_CREATED}` : '';
    return new ResponseError(`Unexpected answer from Bird to ${req.method} ${this.shownPath(req)}: ${problem}${after}`);
  }
}

const INVALID = Symbol('invalid JSON');

function parseJson(res: HttpResponse): unknown {
  if (res.text.trim() === '') return undefined;
  try {
    return JSON.parse(res.text) as unknown;
  } catch {
    return INVALID;
  }
}

/** ECONNRESET and the like from a network error's reason; the reason itself (capped) otherwise. */
function networkCode(reason: string): string {
  return /\b(E[A-Z]{3,}|UND_ERR_[A-Z_]+|ERR_[A-Z_]+)\b/.exec(reason)?.[0] ?? reason;
}

function header(res: HttpResponse, name: string): string | undefined {
  const value = res.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
