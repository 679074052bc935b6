export const id = 619;
export const ids = [619];
export const modules = {

/***/ 7619:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runCleanupStep: () => (/* binding */ runCleanupStep)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
;// CONCATENATED MODULE: ./src/bird/errors.ts
// Errors the user sees: one line each, naming the request or input that caused them.
/** Bird answered with an HTTP error status. */
class BirdApiError extends Error {
    status;
    method;
    path;
    body;
    /** From a Retry-After header, when Bird sent one. */
    retryAfterMs;
    constructor(status, method, path, body, options = {}) {
        super(formatApiError(status, method, path, body, options.hint));
        this.status = status;
        this.method = method;
        this.path = path;
        this.body = body;
        this.retryAfterMs = options.retryAfterMs;
        this.name = 'BirdApiError';
    }
    /** 429 means "not processed"; 5xx is worth another try. */
    get retryable() {
        return this.status === 429 || this.status >= 500;
    }
    /** A 5xx may come after Bird did the work; a 429 never does. */
    get maybeProcessed() {
        return this.status >= 500;
    }
}
/** The request never got a complete answer (refused, reset, DNS, timeout). */
class NetworkError extends Error {
    method;
    path;
    reason;
    maybeProcessed;
    retryable;
    constructor(method, path, reason, 
    /** False only when the request certainly never reached Bird (connection refused, DNS failure). */
    maybeProcessed, 
    /** False for problems another attempt cannot fix, such as an untrusted certificate. */
    retryable = true) {
        super(`${method} ${path} failed: ${reason}`);
        this.method = method;
        this.path = path;
        this.reason = reason;
        this.maybeProcessed = maybeProcessed;
        this.retryable = retryable;
        this.name = 'NetworkError';
    }
}
/** A 2xx whose body is not what Bird's contract promises; never taken as success. */
class ResponseError extends Error {
    name = 'ResponseError';
}
/** A failure with a message already fit for the user (e.g. if-exists: fail found a match). */
class ActionError extends (/* unused pure expression or super */ null && (Error)) {
    name = 'ActionError';
}
function formatApiError(status, method, path, body, hint) {
    const described = describeBody(body);
    const text = `Bird answered HTTP ${status} to ${method} ${path}${described ? `: ${described}` : ''}`;
    return oneLine(hint ? `${text.replace(/\.$/, '')}. ${hint}` : text);
}
/** "code: message (.body.url: does not match ...; .body.event: ...)" from Bird's error envelope. */
function describeBody(body) {
    if (body === undefined || body === null || body === '')
        return '';
    if (typeof body !== 'object')
        return 'response body is not JSON';
    const { code, message, details } = body;
    const head = [code, message].filter((v) => typeof v === 'string' && v !== '').join(': ');
    const detailText = formatDetails(details);
    if (head && detailText)
        return `${head} (${detailText})`;
    return head || detailText;
}
function formatDetails(details) {
    if (!details || typeof details !== 'object')
        return '';
    return Object.entries(details)
        .map(([field, value]) => `${field}: ${Array.isArray(value) ? value.map(String).join(', ') : String(value)}`)
        .join('; ');
}
function oneLine(text) {
    return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
/** The message to show for any thrown value: ours are already one line; others lose their stack. */
function errorMessage(error) {
    if (error instanceof Error)
        return oneLine(error.message || error.name);
    return oneLine(String(error));
}

// EXTERNAL MODULE: ./src/steps/state.ts
var state = __webpack_require__(6062);
;// CONCATENATED MODULE: ./src/steps/cleanup.ts


async function runPost(core, deps) {
    const accessKey = core.getInput('access-key');
    if (accessKey)
        core.setSecret(accessKey);
    const saved = core.getState(state/* CLEANUP_STATE */.F);
    if (!saved) {
        core.info('Nothing to clean up: this run created no subscription with cleanup enabled');
        return;
    }
    let id = 'unknown';
    try {
        const state = JSON.parse(saved);
        const debug = core.isDebug() ? (message) => core.debug(message) : undefined;
        const client = deps.connect({ ...state, accessKey, apiUrl: new URL(state.apiUrl), debug }, (m) => core.info(m));
        for (id of state.subscriptionIds ?? [state.subscriptionId]) {
            try {
                const outcome = await client.remove(id);
                core.info(outcome === 'deleted' ? `Cleanup: deleted subscription ${id}` : `Cleanup: subscription ${id} was already gone`);
            }
            catch (error) {
                core.warning(`Cleanup of subscription ${id} failed: ${errorMessage(error)}`);
            }
        }
    }
    catch (error) {
        core.warning(`Cleanup of subscription ${id} failed: ${errorMessage(error)}`);
    }
}

;// CONCATENATED MODULE: ./src/bird/retry.ts
// Retries with exponential backoff and full jitter. The loop is pure apart from the injected sleep.

const DEFAULT_BASE_DELAY_MS = 1000;
const DEFAULT_MAX_DELAY_MS = 10_000;
const DEFAULT_MAX_RETRY_AFTER_MS = 30_000;
function isRetryable(error) {
    return error instanceof Error && error.retryable === true;
}
function backoffDelay(retry, policy, retryAfterMs) {
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
    const jittered = Math.round(policy.random() * ceiling);
    if (retryAfterMs === undefined)
        return jittered;
    return Math.max(jittered, Math.min(retryAfterMs, policy.maxRetryAfterMs));
}
/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
function parseRetryAfter(value, now = Date.now()) {
    if (value === undefined)
        return undefined;
    const text = value.trim();
    if (/^\d+(\.\d+)?$/.test(text))
        return Math.round(Number(text) * 1000);
    const date = Date.parse(text);
    if (Number.isNaN(date))
        return undefined;
    return Math.max(0, date - now);
}
class RetriesExhaustedError extends Error {
    name = 'RetriesExhaustedError';
}
/**
 * Runs `attempt` until it succeeds, throws something not retryable, or attempts run out.
 * After a failure that may have taken effect, `recover` looks for that effect (e.g. the
 * subscription a lost POST created) before anything is sent again; what it finds is the result.
 */
async function withRetries(label, policy, attempt, recover) {
    let last;
    for (let n = 1; n <= policy.maxAttempts; n++) {
        try {
            return await attempt(n);
        }
        catch (error) {
            if (!isRetryable(error))
                throw error;
            last = error;
        }
        const more = n < policy.maxAttempts;
        if (!more && !(recover && last.maybeProcessed))
            break;
        const delay = backoffDelay(n, policy, last.retryAfterMs);
        policy.log(more
            ? `${errorMessage(last)}; retrying in ${(delay / 1000).toFixed(1)} s (attempt ${n + 1} of ${policy.maxAttempts})`
            : `${errorMessage(last)}; checking in ${(delay / 1000).toFixed(1)} s whether it took effect`);
        await policy.sleep(delay);
        if (recover && last.maybeProcessed) {
            const found = await recover();
            if (found !== undefined)
                return found;
        }
    }
    const attempts = policy.maxAttempts === 1 ? '1 attempt' : `${policy.maxAttempts} attempts`;
    throw new RetriesExhaustedError(`${label} failed after ${attempts}; last error: ${errorMessage(last)}`);
}

;// CONCATENATED MODULE: ./src/text.ts
// The one door through which text from outside (Bird's answers, inputs, saved state, proxies)
// reaches the log, error messages and outputs. The runner reads a workflow command from any line
// that starts with `::`, and splits lines on CR as well as LF; so outside text is made one line with
// every control character escaped, and capped so a hostile answer cannot flood the log.
const DEFAULT_SHOWN_LENGTH = 300;
/** Outside text as one printable line: control and line-separator characters escaped, length capped. */
function shown(value, max = DEFAULT_SHOWN_LENGTH) {
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
function escapeChar(c) {
    if (c === '\n')
        return '\\n';
    if (c === '\r')
        return '\\r';
    if (c === '\t')
        return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
function safeJson(value) {
    try {
        return JSON.stringify(value);
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/bird/client.ts
// The one way this action talks to Bird: every request goes through `once`, which turns
// statuses into errors and retries what may be retried.



const PAGE_SIZE = 100;
// A guard against a server that keeps handing out page tokens: 1000 pages is 100,000 subscriptions.
const MAX_PAGES = 1000;
class BirdClient {
    send;
    policy;
    scope;
    options;
    collectionPath;
    constructor(send, policy, scope, options = {}) {
        this.send = send;
        this.policy = policy;
        this.scope = scope;
        this.options = options;
        const org = scope.organizationId ? `/organizations/${scope.organizationId}` : '';
        this.collectionPath = `${org}/workspaces/${scope.workspaceId}/webhook-subscriptions`;
    }
    /** Every subscription in the workspace, following nextPageToken to the last page. */
    async listAll() {
        const all = [];
        const seen = new Set();
        let pageToken;
        for (let page = 1; page <= MAX_PAGES; page++) {
            const req = { method: 'GET', path: this.collectionPath, query: { limit: PAGE_SIZE, pageToken } };
            const body = await this.retried(req);
            const { results, nextPageToken } = (body ?? {});
            if (!Array.isArray(results))
                throw this.malformed(req, 'a body without a results list');
            for (const item of results)
                all.push(this.subscription(req, item));
            if (typeof nextPageToken !== 'string' || nextPageToken === '')
                return all;
            if (seen.has(nextPageToken))
                throw this.malformed(req, 'a nextPageToken it had already returned');
            seen.add(nextPageToken);
            pageToken = nextPageToken;
        }
        throw this.malformed({ method: 'GET', path: this.collectionPath }, `more than ${MAX_PAGES} pages`);
    }
    /**
     * POST is not idempotent: after a failure that may have created the subscription,
     * `recover` looks for it, and what it finds is returned instead of posting again.
     */
    async create(body, recover) {
        const req = { method: 'POST', path: this.collectionPath, body, hint404: this.workspaceHint() };
        return withRetries(this.label(req), this.policy, async (n) => ({ subscription: this.subscription(req, await this.once(req, n)), adopted: false }), async () => {
            const found = await recover();
            return found && { subscription: found, adopted: true };
        });
    }
    /** One subscription, or undefined when Bird says it does not exist. */
    async get(id) {
        const req = { method: 'GET', path: this.itemPath(id) };
        try {
            return this.subscription(req, await this.retried(req));
        }
        catch (error) {
            if (error instanceof BirdApiError && error.status === 404)
                return undefined;
            throw error;
        }
    }
    async update(id, patch) {
        const req = { method: 'PATCH', path: this.itemPath(id), body: patch, hint404: `Subscription ${id} was not found` };
        return this.subscription(req, await this.retried(req));
    }
    /** 404 means already gone; after an attempt that may have deleted it, gone by our hand. */
    async remove(id) {
        const req = { method: 'DELETE', path: this.itemPath(id) };
        let maybeDeleted = false;
        try {
            await withRetries(this.label(req), this.policy, async (n) => {
                try {
                    return await this.once(req, n);
                }
                catch (error) {
                    if (isRetryable(error) && error.maybeProcessed)
                        maybeDeleted = true;
                    throw error;
                }
            });
            return 'deleted';
        }
        catch (error) {
            if (error instanceof BirdApiError && error.status === 404)
                return maybeDeleted ? 'deleted' : 'not-found';
            throw error;
        }
    }
    itemPath(id) {
        return `${this.collectionPath}/${encodeURIComponent(id)}`;
    }
    workspaceHint() {
        const org = this.scope.organizationId ? ` in organization ${this.scope.organizationId}` : '';
        // A base path is the other usual cause: Bird's API has none, so '/v1' and the like 404 everywhere.
        const base = this.options.basePath ? `; api-url has the path '${shown(this.options.basePath)}' (Bird's https://api.bird.com has none): check api-url too` : '';
        return `Workspace ${this.scope.workspaceId}${org} was not found; check workspace-id and organization-id${base}`;
    }
    /** The path as sent, base path of api-url included. */
    shownPath(req) {
        return `${this.options.basePath ?? ''}${req.path}`;
    }
    label(req) {
        return `${req.method} ${this.shownPath(req)}`;
    }
    retried(req) {
        return withRetries(this.label(req), this.policy, (n) => this.once(req, n));
    }
    /** The exchange itself, traced when step debug logging is on; network errors name the full path. */
    async exchange(req, attempt) {
        const debug = this.options.debug;
        const started = debug ? performance.now() : 0;
        try {
            const res = await this.send(req);
            debug?.(this.traceLine(req, String(res.status), started, attempt));
            return res;
        }
        catch (error) {
            if (!(error instanceof NetworkError))
                throw error;
            debug?.(this.traceLine(req, networkCode(error.reason), started, attempt));
            if (!this.options.basePath)
                throw error;
            throw new NetworkError(error.method, this.shownPath(req), error.reason, error.maybeProcessed, error.retryable);
        }
    }
    /** `GET /v1/workspaces/…/webhook-subscriptions?limit=100 → 200 in 35 ms (attempt 1 of 4)`; never headers. */
    traceLine(req, outcome, started, attempt) {
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
    async once(req, attempt = 1) {
        const res = await this.exchange(req, attempt);
        const body = parseJson(res);
        if (res.status >= 200 && res.status < 300) {
            if (body === INVALID)
                throw this.malformed(req, `HTTP ${res.status} with a body that is not valid JSON`);
            return body;
        }
        throw new BirdApiError(res.status, req.method, this.shownPath(req), body === INVALID ? res.text : body, {
            hint: this.hint(res.status, req),
            retryAfterMs: parseRetryAfter(header(res, 'retry-after')),
        });
    }
    hint(status, req) {
        if (status === 401 && this.options.platformKey) {
            return ("access-key looks like a Bird platform API key (it starts with 'bk_'); those work only with Bearer on *.platform.bird.com. " +
                "This action calls api.bird.com's Notifications API, which needs an access key created under Organization settings → Access keys in Bird (sent as 'AccessKey')");
        }
        if (status === 401)
            return 'Check that access-key is a valid Bird access key';
        if (status === 403) {
            const action = { GET: 'View', POST: 'Create', PATCH: 'Update', DELETE: 'Delete' }[req.method];
            return `Check that the access key's access policy allows ${action} on ${this.collectionPath}`;
        }
        if (status === 404)
            return req.hint404 ?? (req.path === this.collectionPath ? this.workspaceHint() : undefined);
        return undefined;
    }
    /** A subscription as Bird promises it; anything less is not taken as success. */
    subscription(req, value) {
        const s = value;
        const missing = ['id', 'service', 'event', 'url'].filter((k) => typeof s?.[k] !== 'string' || s[k] === '');
        if (!s || typeof s !== 'object' || missing.length > 0) {
            throw this.malformed(req, `a subscription without ${missing.join(', ') || 'its fields'}`);
        }
        return s;
    }
    malformed(req, problem) {
        // Bird may have created it all the same; say how to pick it up rather than leave it unknown.
        const after = req.method === 'POST' ? '; the subscription may have been created: a re-run with if-exists: reuse adopts it' : '';
        return new ResponseError(`Unexpected answer from Bird to ${req.method} ${this.shownPath(req)}: ${problem}${after}`);
    }
}
const INVALID = Symbol('invalid JSON');
function parseJson(res) {
    if (res.text.trim() === '')
        return undefined;
    try {
        return JSON.parse(res.text);
    }
    catch {
        return INVALID;
    }
}
/** ECONNRESET and the like from a network error's reason; the reason itself (capped) otherwise. */
function networkCode(reason) {
    return /\b(E[A-Z]{3,}|UND_ERR_[A-Z_]+|ERR_[A-Z_]+)\b/.exec(reason)?.[0] ?? reason;
}
function header(res, name) {
    const value = res.headers[name];
    return Array.isArray(value) ? value[0] : value;
}

// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(6752);
;// CONCATENATED MODULE: ./src/bird/http.ts
// One HTTP exchange with Bird over undici: headers, per-request timeout, proxy, JSON.
// Retrying is the caller's business (retry.ts); this module only classifies what went wrong.


// Connection failures where the request cannot have reached Bird, so repeating it is harmless.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
// Certificate problems fail the handshake, before anything is sent, and do not heal by retrying.
const TLS_PROBLEM = /CERT|SELF_SIGNED|UNABLE_TO_(VERIFY|GET)|^ERR_TLS_|^ERR_SSL_/;
const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];
/** A proxy-aware dispatcher only when a proxy is configured; otherwise a direct connection. */
function createDispatcher(env = process.env) {
    return PROXY_VARIABLES.some((name) => env[name]) ? new undici/* EnvHttpProxyAgent */.J2() : new undici/* Agent */.g6();
}
function createTransport(options) {
    const dispatcher = createDispatcher(options.env);
    const basePath = options.baseUrl.pathname.replace(/\/+$/, '');
    const headers = {
        authorization: `AccessKey ${options.accessKey}`,
        accept: 'application/json',
        'user-agent': options.userAgent,
    };
    return async ({ method, path, query, body }) => {
        const url = new URL(basePath + path, options.baseUrl);
        for (const [name, value] of Object.entries(query ?? {})) {
            if (value !== undefined)
                url.searchParams.set(name, String(value));
        }
        const signal = AbortSignal.timeout(options.timeoutMs);
        try {
            const res = await (0,undici/* request */.Em)(url, {
                method,
                dispatcher,
                signal,
                headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
                body: body === undefined ? undefined : JSON.stringify(body),
            });
            return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
        }
        catch (error) {
            if (signal.aborted) {
                throw new NetworkError(method, path, `no complete response within ${options.timeoutMs / 1000} s`, true);
            }
            const { reason, maybeProcessed, retryable } = classifyNetworkError(error);
            throw new NetworkError(method, path, reason, maybeProcessed, retryable);
        }
    };
}
/** What a failed exchange means for retrying: was it (maybe) sent, and is another try worth it. */
function classifyNetworkError(error) {
    const causes = causeChain(error);
    const tls = causes.find((c) => TLS_PROBLEM.test(c.code));
    if (tls) {
        return {
            reason: `TLS certificate not trusted (${tls.code}); behind a TLS-inspecting proxy, point NODE_EXTRA_CA_CERTS at its CA certificate`,
            maybeProcessed: false,
            retryable: false,
        };
    }
    // The system error (ECONNRESET, ENOTFOUND, ...) says most; undici's own codes come next.
    const main = causes.find((c) => /^E[A-Z]/.test(c.code)) ?? causes[0];
    const message = main?.message ?? (error instanceof Error ? error.message : String(error));
    return {
        reason: main && !message.includes(main.code) ? `${main.code} (${message})` : message,
        maybeProcessed: !causes.some((c) => NOT_SENT.has(c.code)),
        retryable: true,
    };
}
/** Codes and messages along undici's `cause` chain (it wraps the socket error). */
function causeChain(error) {
    const chain = [];
    for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
        const { code, message } = current;
        if (typeof code === 'string')
            chain.push({ code, message: typeof message === 'string' ? message : '' });
        current = current.cause;
    }
    return chain;
}

;// CONCATENATED MODULE: ./src/version.ts
// Kept in step with package.json by a test; a constant avoids bundling package.json.
const ACTION_NAME = 'bird-webhook-subscription-action';
const ACTION_VERSION = '1.0.0';
const USER_AGENT = `${ACTION_NAME}/${ACTION_VERSION}`;

;// CONCATENATED MODULE: ./src/bird/connect.ts
// Builds the BirdClient for a run: transport, retry policy and path scope from the inputs.




// Test hook, deliberately not an input: end-to-end tests shrink the backoff to keep the suite fast.
const BASE_DELAY_VARIABLE = 'BIRD_ACTION_TEST_RETRY_BASE_MS';
function connect(options, log, env = process.env) {
    const override = env[BASE_DELAY_VARIABLE];
    const send = createTransport({
        baseUrl: options.apiUrl,
        accessKey: options.accessKey,
        userAgent: `${USER_AGENT} node/${process.versions.node}`,
        timeoutMs: options.timeoutMs,
        env,
    });
    const policy = {
        maxAttempts: options.maxAttempts,
        baseDelayMs: override && Number(override) >= 0 ? Number(override) : DEFAULT_BASE_DELAY_MS,
        maxDelayMs: DEFAULT_MAX_DELAY_MS,
        maxRetryAfterMs: DEFAULT_MAX_RETRY_AFTER_MS,
        random: Math.random,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        log,
    };
    const basePath = options.apiUrl.pathname.replace(/\/+$/, '');
    return new BirdClient(send, policy, { workspaceId: options.workspaceId, organizationId: options.organizationId }, {
        basePath: basePath || undefined,
        // Only whether it looks like a platform key reaches the client, never the key.
        platformKey: options.accessKey.startsWith('bk_'),
        debug: options.debug,
    });
}

;// CONCATENATED MODULE: ./src/steps/cleanup-step.ts
// The post step's real work, wired to the toolkit; loaded only when there is something to clean up.



function runCleanupStep() {
    return runPost(core, { connect: connect });
}


/***/ })

};
