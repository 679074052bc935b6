// A Bird-compatible Notifications API server for tests, the demo, the benchmark and CI.
// Real HTTP on 127.0.0.1 (node:http only). It implements webhook-subscriptions create, list,
// get, PATCH and DELETE in both path forms, and available-webhooks (filtered by service), checks the AccessKey header, validates bodies as
// Bird's docs describe (422 with details), records every request, and injects faults on demand.
//
// Delivery logs (GET …/webhook-subscriptions/{id}/logs) are served from entries a test seeds with
// seedLogs(), newest first as given, with limit/pageToken paging and the executionStatus filter.
//
// Written in erasable TypeScript with no relative imports, so Node 24 runs it as is:
//   node testbed/bird-server.ts [--port 8787]
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { parseArgs } from 'node:util';

export interface EventFilter {
  key: string;
  value: string;
}

export interface StoredSubscription {
  id: string;
  organizationId: string;
  workspaceId: string;
  service: string;
  event: string;
  eventFilters?: EventFilter[] | null;
  template?: string;
  url: string;
  signingKey?: string;
  status: 'active' | 'inactive';
  statusReason?: string;
  createdAt: string;
  updatedAt: string;
}

export interface RecordedRequest {
  method: string;
  /** Path without the query. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
  /** Parsed JSON body, or undefined. */
  body: unknown;
  /** True when a fault answered (or cut) this request. */
  faulted: boolean;
  /** When it arrived and when its answer was sent (performance.now(), ms): for durations only. */
  receivedAt: number;
  answeredAt?: number;
  /**
   * The same two events as places in one count of everything the server saw (arrivals and answers),
   * so tests judge order exactly ("B arrived after A was answered"), whatever the machine's load.
   */
  receivedSeq: number;
  answeredSeq?: number;
}

/** Holds matching requests until `count` of them have arrived, then lets them all through together. */
export interface Barrier {
  method?: string;
  count: number;
  /** Let them through anyway after this long (default 10 s), so a test that sent fewer cannot hang. */
  timeoutMs?: number;
}

export interface Fault {
  /** HTTP method to match; any when omitted. */
  method?: string;
  /** Matches when the request path ends with this text (or matches the RegExp); any when omitted. */
  path?: string | RegExp;
  /** Matches only requests this accepts (e.g. a create for one event, when creates run together). */
  when?: (req: RecordedRequest) => boolean;
  /** How many matching requests it applies to; default 1. */
  times?: number;
  /** Let this many matching requests pass untouched first. */
  skip?: number;
  /** Called when the fault fires, e.g. to let "someone else" change the workspace meanwhile. */
  run?: () => void;
  /** Wait this long before answering (for timeouts); with `process`, the request takes effect first. */
  delayMs?: number;
  /** Hold the request until this settles (e.g. until the step has printed something), then go on. */
  until?: Promise<unknown>;
  /** Destroy the connection without answering, before or after the request takes effect. */
  reset?: 'before' | 'after';
  /** Answer with this status instead of the real one. */
  status?: number;
  /** Send a Retry-After header with this value. */
  retryAfter?: string;
  /** Answer with this raw body (e.g. malformed JSON) instead of the real one. */
  rawBody?: string;
  /** Let the request take effect although the fault answers for it (a lost or garbled success). */
  process?: boolean;
  /**
   * Let the request take effect, then answer with what this returns from the real answer (e.g. a
   * hostile value in a field); `body` is sent as JSON, or `raw` as it is.
   */
  rewrite?: (reply: { status: number; body?: unknown }) => { status: number; body?: unknown; raw?: string };
}

/** One service of Bird's "List available webhook events" answer. */
export interface AvailableService {
  service: string;
  events: { name: string; filterKeys?: string[] }[];
}

const CHANNEL_PLATFORMS = ['sms', 'whatsapp', 'email', 'line', 'instagram', 'facebook', 'viber', 'linkedin', 'tiktok', 'telegram'];

/**
 * What GET available-webhooks lists by default: the events Bird documents, with `channelId` (and
 * the other channel filters) for channel events, plus `rcs.inbound`, an event the action's built-in
 * table does not know (as an event Bird added later would be).
 */
export function defaultAvailableWebhooks(): AvailableService[] {
  const channelKeys = ['channelId', 'messageStatus', 'interactionType', 'platformId'];
  return [
    {
      service: 'channels',
      events: [
        ...[...CHANNEL_PLATFORMS, 'rcs'].flatMap((p) => [`${p}.inbound`, `${p}.outbound`, `${p}.interaction`]),
        'voice.inbound',
        'voice.outbound',
        'channel.created',
        'channel.updated',
      ].map((name) => ({ name, filterKeys: [...channelKeys] })),
    },
    { service: 'conversations', events: ['conversation.created', 'conversation.updated', 'conversation.deleted'].map((name) => ({ name, filterKeys: [] })) },
    { service: 'templates', events: ['template.created', 'template.updated', 'template.deleted'].map((name) => ({ name, filterKeys: ['platformId'] })) },
    { service: 'numbers', events: [{ name: 'number.purchased' }] },
  ];
}

export interface BirdServerOptions {
  accessKey?: string;
  /** More access keys the server accepts besides accessKey (several keys of one workspace). */
  otherAccessKeys?: string[];
  organizationId?: string;
  workspaceId?: string;
  /** Bird's docs disagree on whether GET and list return signingKey; default true. */
  exposeSigningKeys?: boolean;
  /** Store a created or PATCHed URL with its scheme and host in lower case, as a server may; default false. */
  lowerCaseHosts?: boolean;
  /**
   * Stamp createdAt/updatedAt with the real time (strictly increasing) instead of a fixed clock that
   * starts at 2026-01-01 and ticks a second per write; default false.
   */
  realClock?: boolean;
  port?: number;
  host?: string;
  /**
   * Which path forms serve the delivery logs (Bird's docs show one or the other); the other answers
   * 404. Default 'both'.
   */
  logPaths?: 'both' | 'workspace' | 'organization';
  /**
   * Bird this far away: every answer waits this long, half before the request takes effect and half
   * after (the two ways of a round trip). Default 0.
   */
  delayMs?: number;
  /**
   * A list that lags: a created subscription shows in lists only this long after its create (GET by
   * ID finds it at once), as where lists come from an index. Default 0.
   */
  listLagMs?: number;
  /** Stamp createdAt in whole seconds (no milliseconds), so subscriptions created in one second tie. Default false. */
  wholeSecondCreatedAt?: boolean;
  /**
   * Bird's clock this far ahead of real time (negative: behind): the Date header of every answer
   * and, with realClock, createdAt/updatedAt. Default 0 (Node's own Date header).
   */
  clockSkewMs?: number;
}

export const DEFAULTS = {
  accessKey: 'test-access-key-9f8e7d6c5b4a',
  organizationId: 'cb28a94e-8557-4394-80ea-5bbd2170d434',
  workspaceId: 'b4e02c85-c6d2-4b15-8885-e09671799c61',
};

export const SERVICES = ['channels', 'numbers', 'payments', 'conversations', 'templates'];
const URL_PATTERN = /^https:\/\/([a-zA-Z0-9-]+\.)+[a-zA-Z]{2,}(:[0-9]+)?(\/[^\s]*)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_PER_FILTER_COMBINATION = 5;
const CREATE_FIELDS = ['service', 'event', 'eventFilters', 'template', 'url', 'signingKey'];
const UPDATE_FIELDS = ['template', 'url', 'signingKey', 'status', 'eventFilters'];

interface Reply {
  status: number;
  body?: unknown;
}

type Details = Record<string, string[]>;

export class BirdServer {
  readonly accessKey: string;
  otherAccessKeys: string[];
  readonly organizationId: string;
  readonly workspaceId: string;
  exposeSigningKeys: boolean;
  lowerCaseHosts: boolean;
  /** See BirdServerOptions.realClock. */
  realClock: boolean;
  /** See BirdServerOptions.delayMs; settable between runs. */
  delayMs: number;
  /** See BirdServerOptions.listLagMs; settable between runs. */
  listLagMs: number;
  /** See BirdServerOptions.wholeSecondCreatedAt. */
  wholeSecondCreatedAt: boolean;
  /** See BirdServerOptions.clockSkewMs. */
  clockSkewMs: number;
  readonly requests: RecordedRequest[] = [];
  /**
   * What GET available-webhooks lists (filtered by its `service` query); undefined: the route does
   * not exist (404), as on a Bird without it. Faults on the path 'available-webhooks' fail it otherwise.
   */
  availableWebhooks: AvailableService[] | undefined = defaultAvailableWebhooks();
  /** When (performance.now()) each lagging subscription starts to show in lists. */
  private readonly listedFrom = new Map<string, number>();
  /** Entries the next lists leave out, as an offset-paged list can while others delete. */
  private readonly leftOut: { id: string; times: number }[] = [];
  readonly subscriptions = new Map<string, StoredSubscription>();
  /** Delivery log entries per subscription ID, newest first; anything a test seeds, odd shapes included. */
  readonly logs = new Map<string, unknown[]>();
  /** See BirdServerOptions.logPaths; settable between runs. */
  logPaths: 'both' | 'workspace' | 'organization';
  private readonly faults: Fault[] = [];
  private readonly barriers: { method?: string; wait: () => Promise<void> }[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;
  private clock = Date.parse('2026-01-01T00:00:00.000Z');
  /** Counts arrivals and answers together: RecordedRequest.receivedSeq / answeredSeq. */
  private events = 0;
  url = '';

  constructor(options: BirdServerOptions = {}) {
    this.accessKey = options.accessKey ?? DEFAULTS.accessKey;
    this.otherAccessKeys = options.otherAccessKeys ?? [];
    this.organizationId = options.organizationId ?? DEFAULTS.organizationId;
    this.workspaceId = options.workspaceId ?? DEFAULTS.workspaceId;
    this.exposeSigningKeys = options.exposeSigningKeys ?? true;
    this.lowerCaseHosts = options.lowerCaseHosts ?? false;
    this.realClock = options.realClock ?? false;
    this.delayMs = options.delayMs ?? 0;
    this.listLagMs = options.listLagMs ?? 0;
    this.wholeSecondCreatedAt = options.wholeSecondCreatedAt ?? false;
    this.clockSkewMs = options.clockSkewMs ?? 0;
    this.logPaths = options.logPaths ?? 'both';
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  static async start(options: BirdServerOptions = {}): Promise<BirdServer> {
    const server = new BirdServer(options);
    await server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
    return server;
  }

  async listen(port: number, host: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    const address = this.server.address() as AddressInfo;
    this.url = `http://${host}:${address.port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Adds a fault; faults are matched in the order they were added. */
  inject(fault: Fault): this {
    this.faults.push({ times: 1, ...fault });
    return this;
  }

  /**
   * Holds the next `count` matching requests until all have arrived, then lets them take effect
   * together: runs started together then all see the same workspace, as they would with Bird far away.
   */
  barrier(barrier: Barrier): this {
    let waiting: (() => void)[] = [];
    const open = () => {
      this.barriers.splice(this.barriers.indexOf(entry), 1);
      clearTimeout(timer);
      for (const release of waiting) release();
      waiting = [];
    };
    const timer = setTimeout(open, barrier.timeoutMs ?? 10_000);
    const entry = {
      method: barrier.method,
      wait: () =>
        new Promise<void>((resolve) => {
          waiting.push(resolve);
          if (waiting.length >= barrier.count) open();
        }),
    };
    this.barriers.push(entry);
    return this;
  }

  /** Stores a subscription as if it had been created earlier. */
  seed(fields: Partial<StoredSubscription> & Pick<StoredSubscription, 'service' | 'event' | 'url'>): StoredSubscription {
    const now = this.tick();
    const sub: StoredSubscription = {
      id: randomUUID(),
      organizationId: this.organizationId,
      workspaceId: this.workspaceId,
      status: 'active',
      signingKey: randomUUID(),
      createdAt: now,
      updatedAt: now,
      ...fields,
    };
    this.subscriptions.set(sub.id, sub);
    return sub;
  }

  /** The next `times` lists (pages) leave subscription `id` out, though it exists. */
  leaveOutOfList(id: string, times = 1): this {
    this.leftOut.push({ id, times });
    return this;
  }

  /** Appends entries (newest first, after those seeded before) to a subscription's delivery log. */
  seedLogs(subscriptionId: string, entries: unknown[]): this {
    this.logs.set(subscriptionId, [...(this.logs.get(subscriptionId) ?? []), ...entries]);
    return this;
  }

  /** Paths of the collection in both forms. */
  get collectionPaths(): { workspace: string; organization: string } {
    const workspace = `/workspaces/${this.workspaceId}/webhook-subscriptions`;
    return { workspace, organization: `/organizations/${this.organizationId}${workspace}` };
  }

  private tick(): string {
    this.clock = this.realClock ? Math.max(Date.now() + this.clockSkewMs, this.clock + 1) : this.clock + 1000;
    const stamp = new Date(this.clock).toISOString();
    return this.wholeSecondCreatedAt ? stamp.replace(/\.\d{3}Z$/, 'Z') : stamp;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://localhost');
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      rawBody,
      body: undefined,
      faulted: false,
      receivedAt: performance.now(),
      receivedSeq: ++this.events,
    };
    res.on('finish', () => {
      recorded.answeredAt = performance.now();
      recorded.answeredSeq = ++this.events;
    });
    if (this.clockSkewMs !== 0) {
      // Bird's clock, not this machine's: every answer carries it, as an HTTP server's Date header does.
      res.sendDate = false;
      res.setHeader('date', new Date(Date.now() + this.clockSkewMs).toUTCString());
    }
    try {
      recorded.body = rawBody ? JSON.parse(rawBody) : undefined;
    } catch {
      recorded.body = undefined;
    }
    this.requests.push(recorded);
    const half = this.delayMs / 2;
    if (half > 0) await sleep(half);
    const barrier = this.barriers.find((b) => b.method === undefined || b.method === recorded.method);
    if (barrier) await barrier.wait();
    if (half > 0) {
      // The answer's way back: whatever writes it below, it leaves `half` later.
      const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
      res.end = ((...args: unknown[]) => {
        setTimeout(() => end(...args), half);
        return res;
      }) as typeof res.end;
    }

    const fault = this.takeFault(recorded);
    if (!fault) return this.reply(res, this.route(recorded, rawBody));
    recorded.faulted = true;
    // `process` takes effect at once (a success whose answer is then delayed, cut or garbled);
    // a fault that only delays lets the request through after the delay; others answer for it.
    let real = fault.process ? this.route(recorded, rawBody) : undefined;
    if (fault.delayMs || fault.until) {
      if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      await fault.until;
      if (res.destroyed || req.socket.destroyed) return;
    }
    if (fault.reset === 'before') return void req.socket.destroy();
    const takesEffect = fault.reset === 'after' || (fault.status === undefined && fault.rawBody === undefined);
    if (!real && takesEffect) real = this.route(recorded, rawBody);
    if (fault.reset === 'after') return void req.socket.destroy();
    const headers: Record<string, string> = fault.retryAfter ? { 'retry-after': fault.retryAfter } : {};
    if (fault.rewrite) {
      const answer = fault.rewrite(structuredClone(real ?? { status: 500 }));
      if (answer.raw === undefined) return this.reply(res, answer, headers);
      res.writeHead(answer.status, { 'content-type': 'application/json', ...headers });
      return void res.end(answer.raw);
    }
    if (fault.rawBody !== undefined) {
      res.writeHead(fault.status ?? real?.status ?? 200, { 'content-type': 'application/json', ...headers });
      return void res.end(fault.rawBody);
    }
    if (fault.status !== undefined) {
      const body = { code: statusCode(fault.status), message: `Injected fault: HTTP ${fault.status}` };
      return this.reply(res, { status: fault.status, body }, headers);
    }
    return this.reply(res, real ?? { status: 500 }, headers);
  }

  private takeFault(req: RecordedRequest): Fault | undefined {
    const index = this.faults.findIndex(
      (f) =>
        (f.method === undefined || f.method === req.method) &&
        (f.path === undefined || (typeof f.path === 'string' ? req.path.endsWith(f.path) : f.path.test(req.path))) &&
        (f.when === undefined || f.when(req)),
    );
    if (index < 0) return undefined;
    const fault = this.faults[index];
    if (fault.skip) {
      fault.skip--;
      return undefined;
    }
    fault.run?.();
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) this.faults.splice(index, 1);
    return fault;
  }

  private reply(res: ServerResponse, reply: Reply, headers: Record<string, string> = {}): void {
    if (reply.body === undefined) {
      res.writeHead(reply.status, headers);
      res.end();
      return;
    }
    res.writeHead(reply.status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(reply.body));
  }

  private route(req: RecordedRequest, rawBody: string): Reply {
    const auth = req.headers.authorization;
    if (![this.accessKey, ...this.otherAccessKeys].some((key) => auth === `AccessKey ${key}`)) {
      return error(401, 'Unauthorized', 'The access key is missing or invalid');
    }
    const available = /^(?:\/organizations\/([^/]+))?\/workspaces\/([^/]+)\/available-webhooks\/?$/.exec(req.path);
    if (available && this.availableWebhooks) {
      const [, org, workspace] = available;
      if ((org !== undefined && org !== this.organizationId) || workspace !== this.workspaceId) return error(404, 'NotFound', 'The workspace was not found');
      if (req.method !== 'GET') return error(405, 'MethodNotAllowed', `${req.method} is not allowed here`);
      const service = req.query.service;
      if (service !== undefined && !SERVICES.includes(service)) {
        return error(422, 'InvalidPayload', 'One or more query parameters are malformed', { '.query.service': [`must be one of ${SERVICES.join(', ')}`] });
      }
      return { status: 200, body: { results: structuredClone(this.availableWebhooks.filter((s) => service === undefined || s.service === service)) } };
    }
    const match = /^(?:\/organizations\/([^/]+))?\/workspaces\/([^/]+)\/webhook-subscriptions(?:\/([^/]+)(\/logs)?)?\/?$/.exec(req.path);
    if (!match) return error(404, 'NotFound', `No route for ${req.method} ${req.path}`);
    const [, org, workspace, id, logs] = match;
    if (logs && (this.logPaths === 'workspace' ? org !== undefined : this.logPaths === 'organization' ? org === undefined : false)) {
      return error(404, 'NotFound', `No route for ${req.method} ${req.path}`);
    }
    if ((org !== undefined && org !== this.organizationId) || workspace !== this.workspaceId) {
      return error(404, 'NotFound', 'The workspace was not found');
    }
    let body: unknown;
    if (req.method === 'POST' || req.method === 'PATCH') {
      if (!/^application\/json\b/.test(String(req.headers['content-type'] ?? ''))) {
        return error(415, 'UnsupportedMediaType', 'Request bodies must be application/json');
      }
      try {
        body = JSON.parse(rawBody);
      } catch {
        return error(400, 'InvalidJSON', 'The request body is not valid JSON');
      }
    }
    if (id === undefined) {
      if (req.method === 'GET') return this.list(req.query);
      if (req.method === 'POST') return this.create(body);
      return error(405, 'MethodNotAllowed', `${req.method} is not allowed here`);
    }
    if (!UUID.test(id)) return error(422, 'InvalidPayload', 'One or more path parameters are malformed', { '.path.webhookSubscriptionId': ['must be a UUID'] });
    const sub = this.subscriptions.get(id);
    if (!sub) return error(404, 'NotFound', 'The webhook subscription was not found');
    if (logs) return req.method === 'GET' ? this.logList(id, req.query) : error(405, 'MethodNotAllowed', `${req.method} is not allowed here`);
    if (req.method === 'GET') return { status: 200, body: this.view(sub) };
    if (req.method === 'PATCH') return this.update(sub, body);
    if (req.method === 'DELETE') {
      this.subscriptions.delete(id);
      return { status: 204 };
    }
    return error(405, 'MethodNotAllowed', `${req.method} is not allowed here`);
  }

  private list(query: Record<string, string>): Reply {
    const page = pageOf(query);
    if ('status' in page) return page;
    const now = performance.now();
    const all = [...this.subscriptions.values()].filter((s) => (this.listedFrom.get(s.id) ?? 0) <= now && !this.takeLeftOut(s.id));
    return pageReply(all.slice(page.start, page.start + page.limit).map((s) => this.view(s)), page, all.length, 'page');
  }

  private takeLeftOut(id: string): boolean {
    const entry = this.leftOut.find((e) => e.id === id);
    if (!entry) return false;
    if (--entry.times <= 0) this.leftOut.splice(this.leftOut.indexOf(entry), 1);
    return true;
  }

  private logList(id: string, query: Record<string, string>): Reply {
    const page = pageOf(query, 'logs');
    if ('status' in page) return page;
    const status = query.executionStatus;
    const all = (this.logs.get(id) ?? []).filter(
      (entry) => status === undefined || (typeof entry === 'object' && entry !== null && (entry as { executionStatus?: unknown }).executionStatus === status),
    );
    return pageReply(all.slice(page.start, page.start + page.limit), page, all.length, 'logs');
  }

  private create(body: unknown): Reply {
    const details = validate(body, CREATE_FIELDS, { required: ['service', 'event', 'url'] });
    if (details) return error(422, 'InvalidPayload', 'One or more fields provided in the request body are malformed', details);
    const fields = body as Record<string, unknown>;
    const filters = (fields.eventFilters as EventFilter[] | null | undefined) ?? undefined;
    const sameCombination = [...this.subscriptions.values()].filter(
      (s) => s.service === fields.service && s.event === fields.event && sameFilters(s.eventFilters, filters),
    );
    if (sameCombination.length >= MAX_PER_FILTER_COMBINATION) {
      return error(422, 'SubscriptionLimitExceeded', `At most ${MAX_PER_FILTER_COMBINATION} webhook subscriptions may share the same filter combination`);
    }
    const now = this.tick();
    const sub: StoredSubscription = {
      id: randomUUID(),
      organizationId: this.organizationId,
      workspaceId: this.workspaceId,
      service: fields.service as string,
      event: fields.event as string,
      eventFilters: (fields.eventFilters as EventFilter[] | null | undefined) ?? [],
      url: this.storedUrl(fields.url as string),
      status: 'active',
      createdAt: now,
      updatedAt: now,
    };
    if (typeof fields.template === 'string') sub.template = fields.template;
    if (typeof fields.signingKey === 'string') sub.signingKey = fields.signingKey;
    this.subscriptions.set(sub.id, sub);
    if (this.listLagMs > 0) this.listedFrom.set(sub.id, performance.now() + this.listLagMs);
    // The create answer always carries the key (it is the caller's own).
    return { status: 201, body: { ...sub } };
  }

  private update(sub: StoredSubscription, body: unknown): Reply {
    const details = validate(body, UPDATE_FIELDS, { required: [], minProperties: 1 });
    if (details) return error(422, 'InvalidPayload', 'One or more fields provided in the request body are malformed', details);
    const fields = body as Partial<StoredSubscription>;
    if (fields.status !== undefined) sub.statusReason = undefined;
    if (typeof fields.url === 'string') fields.url = this.storedUrl(fields.url);
    Object.assign(sub, fields, { updatedAt: this.tick() });
    return { status: 200, body: this.view(sub) };
  }

  private storedUrl(url: string): string {
    if (!this.lowerCaseHosts) return url;
    return url.replace(/^([^/]*\/\/[^/]*)/, (head) => head.toLowerCase());
  }

  private view(sub: StoredSubscription): StoredSubscription {
    const copy = { ...sub };
    if (!this.exposeSigningKeys) delete copy.signingKey;
    if (copy.statusReason === undefined) delete copy.statusReason;
    return copy;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The page a list's query asks for: `limit` (1 to 100, 10 by default) and the position its
 * `pageToken` names (base64 JSON `[start, tag]`; with `tag`, only a token of that list). A malformed
 * one is Bird's 422.
 */
function pageOf(query: Record<string, string>, tag?: string): { start: number; limit: number } | Reply {
  const limit = query.limit === undefined ? 10 : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    return error(422, 'InvalidPayload', 'One or more query parameters are malformed', { '.query.limit': ['must be an integer from 1 to 100'] });
  }
  if (query.pageToken === undefined) return { start: 0, limit };
  try {
    const decoded = JSON.parse(Buffer.from(query.pageToken, 'base64').toString('utf8')) as unknown;
    if (!Array.isArray(decoded) || typeof decoded[0] !== 'number' || (tag !== undefined && decoded[1] !== tag)) throw new Error('bad token');
    return { start: decoded[0], limit };
  } catch {
    return error(422, 'InvalidPayload', 'One or more query parameters are malformed', { '.query.pageToken': ['is not a valid page token'] });
  }
}

/** One page of `total` entries, with a `nextPageToken` while more follow. */
function pageReply(results: unknown[], page: { start: number; limit: number }, total: number, tag: string): Reply {
  const end = page.start + page.limit;
  const next = end < total ? Buffer.from(JSON.stringify([end, tag])).toString('base64') : undefined;
  return { status: 200, body: next ? { results, nextPageToken: next } : { results } };
}

function error(status: number, code: string, message: string, details?: Details): Reply {
  return { status, body: details ? { code, message, details } : { code, message } };
}

function statusCode(status: number): string {
  if (status === 429) return 'TooManyRequests';
  if (status >= 500) return 'InternalServerError';
  return 'Error';
}

function validate(body: unknown, allowed: string[], rules: { required: string[]; minProperties?: number }): Details | undefined {
  const details: Details = {};
  const add = (field: string, message: string) => (details[`.body${field ? `.${field}` : ''}`] ??= []).push(message);
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    add('', 'must be an object');
    return details;
  }
  const fields = body as Record<string, unknown>;
  for (const name of Object.keys(fields)) if (!allowed.includes(name)) add(name, 'is not allowed');
  for (const name of rules.required) if (fields[name] === undefined) add(name, 'is required');
  if (rules.minProperties && Object.keys(fields).length < rules.minProperties) add('', `must have at least ${rules.minProperties} property`);
  if (fields.service !== undefined && !SERVICES.includes(fields.service as string)) add('service', `must be one of ${SERVICES.join(', ')}`);
  if (fields.event !== undefined && (typeof fields.event !== 'string' || fields.event === '')) add('event', 'must be a non-empty string');
  if (fields.url !== undefined && (typeof fields.url !== 'string' || !URL_PATTERN.test(fields.url))) add('url', `does not match pattern ${URL_PATTERN.source}`);
  for (const name of ['signingKey', 'template']) {
    if (fields[name] !== undefined && typeof fields[name] !== 'string') add(name, 'must be a string');
  }
  if (fields.status !== undefined && fields.status !== 'active' && fields.status !== 'inactive') add('status', 'must be one of active, inactive');
  if (fields.eventFilters !== undefined && fields.eventFilters !== null) {
    if (!Array.isArray(fields.eventFilters)) add('eventFilters', 'must be an array');
    else
      fields.eventFilters.forEach((f: unknown, i: number) => {
        const filter = f as Partial<EventFilter> | null;
        if (!filter || typeof filter.key !== 'string' || typeof filter.value !== 'string' || Object.keys(filter).length !== 2) {
          add(`eventFilters[${i}]`, 'must be an object with string key and value');
        }
      });
  }
  return Object.keys(details).length > 0 ? details : undefined;
}

function sameFilters(a: EventFilter[] | null | undefined, b: EventFilter[] | null | undefined): boolean {
  const canon = (f: EventFilter[] | null | undefined) => (f ?? []).map((x) => JSON.stringify([x.key, x.value])).sort().join('\n');
  return canon(a) === canon(b);
}

// Run directly: `node testbed/bird-server.ts [--port N] [--hide-signing-keys] [--delay-ms N] [--real-clock]`
// serves until stopped (--real-clock stamps createdAt with the real time, so the five-minute rule of
// evictions can be seen locally),
// printing one JSON line with its URL and credentials for scripts (the CI workflow uses it).
// import.meta.main, not a file:// URL built from argv[1]: that comparison never matches on Windows.
if (import.meta.main) {
  // Strict: a misspelt flag or a value that is not a number stops it with one line, not silently.
  let flags: { port?: string; 'delay-ms'?: string; 'hide-signing-keys'?: boolean; 'real-clock'?: boolean };
  try {
    flags = parseArgs({
      options: { port: { type: 'string' }, 'delay-ms': { type: 'string' }, 'hide-signing-keys': { type: 'boolean' }, 'real-clock': { type: 'boolean' } },
      strict: true,
    }).values;
  } catch (error) {
    console.error(`bird-server: ${(error as Error).message}; usage: [--port N] [--delay-ms N] [--hide-signing-keys] [--real-clock]`);
    process.exit(2);
  }
  const number = (name: 'port' | 'delay-ms'): number => {
    const value = flags[name] ?? '0';
    if (!/^\d+$/.test(value)) {
      console.error(`bird-server: --${name} takes a whole number, not '${value}'`);
      process.exit(2);
    }
    return Number(value);
  };
  let server: BirdServer;
  try {
    server = await BirdServer.start({
      port: number('port'),
      delayMs: number('delay-ms'),
      exposeSigningKeys: !flags['hide-signing-keys'],
      realClock: flags['real-clock'] === true,
    });
  } catch (error) {
    console.error(`bird-server: cannot listen: ${(error as Error).message}`);
    process.exit(1);
  }
  console.log(JSON.stringify({ url: server.url, accessKey: server.accessKey, workspaceId: server.workspaceId, organizationId: server.organizationId }));
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/**
 * Round trips waited one after another: the longest chain of requests each of which arrived only after
 * the one before it was answered (from the server's own order of events, not its clock). Requests in
 * flight together count once.
 */
export function sequentialRoundTrips(requests: Pick<RecordedRequest, 'receivedSeq' | 'answeredSeq'>[]): number {
  const sorted = [...requests].sort((a, b) => a.receivedSeq - b.receivedSeq);
  const depth: number[] = [];
  sorted.forEach((r, j) => {
    let before = 0;
    for (let i = 0; i < j; i++) {
      const answered = sorted[i].answeredSeq;
      if (answered !== undefined && answered < r.receivedSeq) before = Math.max(before, depth[i]);
    }
    depth.push(before + 1);
  });
  return Math.max(0, ...depth);
}
