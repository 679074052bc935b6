export const id = 248;
export const ids = [248];
export const modules = {

/***/ 7792:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  N: () => (/* binding */ connect),
  J: () => (/* binding */ retryPolicy)
});

// EXTERNAL MODULE: ./src/bird/errors.ts
var errors = __webpack_require__(8464);
// EXTERNAL MODULE: ./src/bird/gate.ts
var gate = __webpack_require__(5856);
// EXTERNAL MODULE: ./src/bird/ids.ts
var ids = __webpack_require__(9753);
// EXTERNAL MODULE: ./src/bird/retry.ts
var retry = __webpack_require__(2749);
// EXTERNAL MODULE: ./src/plan/match.ts
var match = __webpack_require__(4106);
// EXTERNAL MODULE: ./src/plan/same-url.ts
var same_url = __webpack_require__(6773);
// EXTERNAL MODULE: ./src/plan/signing-key.ts
var signing_key = __webpack_require__(4162);
// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
;// CONCATENATED MODULE: ./src/bird/contract.ts
// Bird's answers checked against its contract before anything uses them. Pure. A value that does
// not fit becomes a one-line problem naming the field ("results[3].createdAt is a number, not a
// string"), so that a hostile or broken answer gives a clear error, never a JavaScript one.





// Bird's statuses are 'active' and 'inactive'; other words are tolerated (Bird may add some), but
// nothing that is not a plain word, since a status is printed and output as it is.
const STATUS = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const REQUIRED = ['service', 'event', 'url'];
const OPTIONAL = ['organizationId', 'workspaceId', 'template', 'signingKey', 'statusReason', 'createdAt', 'updatedAt'];
/** The subscription, or what is wrong with it. `where` names it inside a larger body (results[2]). */
function checkSubscription(value, where) {
    const name = (field) => (where ? `${where}.${field}` : field);
    if (!isObject(value))
        return `${where ?? 'the body'} is ${typeName(value)}, not a subscription object`;
    const missing = ['id', ...REQUIRED].filter((k) => value[k] === undefined || value[k] === null || value[k] === '');
    if (missing.length > 0)
        return `${where ? `${where} is ` : ''}a subscription without ${missing.join(', ')}`;
    if (!(0,ids/* isUuid */.O)(value.id)) {
        return typeof value.id === 'string' ? `${name('id')} '${(0,src_text/* shown */.SP)(value.id, 100)}' is not a UUID` : `${name('id')} is ${typeName(value.id)}, not a UUID`;
    }
    for (const field of REQUIRED) {
        const v = value[field];
        if (typeof v !== 'string')
            return `${name(field)} is ${typeName(v)}, not a string`;
    }
    const copy = { ...value };
    for (const field of OPTIONAL) {
        const v = value[field];
        if (v === null)
            delete copy[field];
        else if (v !== undefined && typeof v !== 'string')
            return `${name(field)} is ${typeName(v)}, not a string`;
    }
    if (value.status !== undefined && value.status !== null) {
        if (typeof value.status !== 'string')
            return `${name('status')} is ${typeName(value.status)}, not a string`;
        if (!STATUS.test(value.status))
            return `${name('status')} '${(0,src_text/* shown */.SP)(value.status, 100)}' is not a status word such as active`;
    }
    else
        delete copy.status;
    // A key that could not be a signing key (white space, control characters, a few characters that
    // masking would blank all over the log) is treated as not shown: it is never masked nor output.
    if (typeof copy.signingKey === 'string' && !(0,signing_key/* isPlausibleSigningKey */.Kh)(copy.signingKey))
        delete copy.signingKey;
    const filters = value.eventFilters;
    if (filters !== undefined && filters !== null) {
        if (!Array.isArray(filters))
            return `${name('eventFilters')} is ${typeName(filters)}, not a list`;
        const bad = filters.findIndex((f) => !isObject(f) || typeof f.key !== 'string' || typeof f.value !== 'string');
        if (bad >= 0)
            return `${name(`eventFilters[${bad}]`)} is not an object with a string key and value`;
    }
    return copy;
}
/** What is wrong with the answer to a create, if it does not describe what was asked for. */
function checkCreated(created, asked) {
    for (const field of REQUIRED) {
        // Scheme and host are case-insensitive: Bird may store the host in lower case.
        if (field === 'url' ? !(0,same_url/* sameUrl */.cl)(created.url, asked.url) : created[field] !== asked[field]) {
            return `the created subscription has ${field} '${(0,src_text/* shown */.SP)(created[field], 100)}', not the '${(0,src_text/* shown */.SP)(asked[field], 100)}' that was asked for`;
        }
    }
    if (!(0,match/* sameFilters */.My)(created.eventFilters, asked.eventFilters)) {
        return 'the created subscription has other eventFilters than were asked for';
    }
    // Never printed: it is a secret.
    if (created.signingKey && created.signingKey !== asked.signingKey)
        return 'the created subscription has another signingKey than was sent';
    return undefined;
}
/** What is wrong with the answer to a PATCH, if it describes another subscription than the one updated. */
function checkUpdated(updated, before, patch) {
    if (updated.id.toLowerCase() !== before.id.toLowerCase())
        return `id ${updated.id} is not the subscription that was updated`;
    for (const field of ['service', 'event']) {
        if (updated[field] !== before[field])
            return `the updated subscription has ${field} '${(0,src_text/* shown */.SP)(updated[field], 100)}', not '${(0,src_text/* shown */.SP)(before[field], 100)}'`;
    }
    const url = patch.url ?? before.url;
    if (!(0,same_url/* sameUrl */.cl)(updated.url, url))
        return `the updated subscription has url '${(0,src_text/* shown */.SP)(updated.url, 100)}', not '${(0,src_text/* shown */.SP)(url, 100)}'`;
    return undefined;
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function typeName(value) {
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return 'a list';
    if (typeof value === 'object')
        return 'an object';
    if (typeof value === 'undefined')
        return 'missing';
    return `a ${typeof value}`;
}

;// CONCATENATED MODULE: ./src/bird/client.ts
// The one way this action talks to Bird: every request goes through `once`, which turns
// statuses into errors and retries what may be retried.






const PAGE_SIZE = 100;
// A guard against a server that keeps handing out page tokens: 1000 pages is 100,000 subscriptions.
const MAX_PAGES = 1000;
/** The access policy that lets a key read the delivery logs of a workspace's subscriptions (per path form). */
const LOGS_PERMISSION = 'View on /workspaces/*/webhook-subscriptions/**';
const ORG_LOGS_PERMISSION = 'View on /organizations/*/workspaces/*/webhook-subscriptions/**';
class BirdClient {
    send;
    policy;
    scope;
    options;
    collectionPath;
    /** What the workspace can subscribe to (Bird's "List available webhook events"), in the same path form. */
    availablePath;
    /** Every request waits its turn here: at most four at once, fewer while Bird answers 429. */
    gate;
    /**
     * Which path form the delivery logs answer on, once one has: Bird's docs show the logs only in the
     * organization form in one copy and only in the workspace form in another.
     */
    logsForm;
    /** Settles when the first reader's probe of the path forms is over. */
    logsProbe;
    constructor(send, policy, scope, options = {}) {
        this.send = send;
        this.policy = policy;
        this.scope = scope;
        this.options = options;
        // The inputs are validated as UUIDs; checked again here because these become the request path.
        for (const id of [scope.workspaceId, scope.organizationId]) {
            if (id !== undefined && !(0,ids/* isUuid */.O)(id))
                throw new Error(`Refusing to build a request path from '${(0,src_text/* shown */.SP)(id)}': not a UUID`);
        }
        const org = scope.organizationId ? `/organizations/${scope.organizationId}` : '';
        this.collectionPath = `${org}/workspaces/${scope.workspaceId}/webhook-subscriptions`;
        this.availablePath = `${org}/workspaces/${scope.workspaceId}/available-webhooks`;
        this.gate = new gate/* Gate */.i(gate/* MAX_IN_FLIGHT */.u, policy.sleep);
    }
    /** How many attempts a request gets; the settling of a refused create gets as many rounds. */
    get maxAttempts() {
        return this.policy.maxAttempts;
    }
    /** Waits before round `round` (from 1) of something outside one request, with the retries' jittered backoff; `signal` ends it early. */
    backoff(round, signal) {
        return this.policy.sleep((0,retry/* backoffDelay */.EY)(round, this.policy), signal);
    }
    /**
     * The Date header of the last page of the last list, as sent (undefined when Bird sent none):
     * Bird's clock, against which its createdAt is judged (plan/limit.ts birdNow).
     */
    lastListDate;
    /** Waits about `ms`, jittered up to `jitterMs` more (the policy's sleep and random, so tests can drive them). */
    pause(ms, jitterMs = 0) {
        return this.policy.sleep(ms + Math.round(this.policy.random() * jitterMs));
    }
    /** Every subscription in the workspace, following nextPageToken to the last page. */
    async listAll() {
        let date;
        const all = [];
        const ids = new Set();
        const seen = new Set();
        let pageToken;
        for (let page = 1; page <= MAX_PAGES; page++) {
            const req = { method: 'GET', path: this.collectionPath, query: { limit: PAGE_SIZE, pageToken }, onAnswer: (res) => (date = header(res, 'date')) };
            const body = await this.retried(req);
            const { results, nextPageToken } = (body ?? {});
            if (!Array.isArray(results))
                throw this.malformed(req, 'a body without a results list');
            results.forEach((item, i) => {
                const checked = checkSubscription(item, `results[${i}]`);
                if (typeof checked === 'string') {
                    // Another team's odd subscription must not stop this step; one it acts on must fit.
                    if (this.options.mustFit?.(item) ?? true)
                        throw this.malformed(req, checked);
                    this.options.debug?.(`Skipped an entry of the list that does not fit Bird's contract (${checked}); this step does not act on it`);
                    return;
                }
                const subscription = checked;
                // Paging while others write can hand out an entry twice; it is still one subscription.
                if (ids.has(subscription.id.toLowerCase()))
                    return;
                ids.add(subscription.id.toLowerCase());
                all.push(subscription);
            });
            if (typeof nextPageToken !== 'string' || nextPageToken === '') {
                this.lastListDate = date;
                return all;
            }
            if (seen.has(nextPageToken))
                throw this.malformed(req, 'a nextPageToken it had already returned');
            seen.add(nextPageToken);
            pageToken = nextPageToken;
        }
        throw this.malformed({ method: 'GET', path: this.collectionPath }, `more than ${MAX_PAGES} pages`);
    }
    /** The events (and their filter keys) Bird lists for `service`, checked against the documented shape. */
    async availableWebhooks(service) {
        const req = { method: 'GET', path: this.availablePath, query: { service }, policyPath: this.availablePath };
        const body = await this.retried(req);
        // Loaded only by a step that asks (src/steps/check-events.ts), like the rest of that check.
        const { checkAvailable } = await __webpack_require__.e(/* import() */ 836).then(__webpack_require__.bind(__webpack_require__, 6836));
        const checked = checkAvailable(body);
        if (typeof checked === 'string')
            throw this.malformed(req, checked);
        return checked;
    }
    /**
     * One page of a subscription's delivery log (newest first). The path form is the step's; when
     * the workspace form answers 404 and the subscription names its organization, the organization
     * form is tried once, and whichever answered is used from then on.
     */
    async logsPage(subscription, limit, pageToken) {
        const own = `${this.itemPath(subscription.id)}/logs`;
        const org = this.scope.organizationId === undefined && (0,ids/* isUuid */.O)(subscription.organizationId ?? '') ? subscription.organizationId?.toLowerCase() : undefined;
        const read = async (path, notFound) => {
            const req = {
                method: 'GET',
                path,
                query: { limit, pageToken },
                hint403: `Check that the access key's access policy allows ${path.startsWith('/organizations/') ? ORG_LOGS_PERMISSION : LOGS_PERMISSION} (the delivery logs)`,
                hint404: `The delivery log of subscription ${subscription.id} was not found${notFound}`,
            };
            const body = await this.retried(req);
            const { results, nextPageToken } = (body ?? {});
            if (typeof body !== 'object' || body === null || !Array.isArray(results))
                throw this.malformed(req, 'a body without a results list');
            // No token (or an empty one) ends the log; a token of another type is not one to guess about.
            if (nextPageToken !== undefined && nextPageToken !== null && typeof nextPageToken !== 'string') {
                throw this.malformed(req, `nextPageToken is ${typeName(nextPageToken)}, not a string`);
            }
            return { results, nextPageToken: typeof nextPageToken === 'string' && nextPageToken !== '' ? nextPageToken : undefined };
        };
        if (org === undefined)
            return read(own, '');
        const orgPath = `/organizations/${org}${own}`;
        // Readers started together wait for the first one's probe instead of each probing the workspace form.
        if (this.logsForm === undefined && this.logsProbe !== undefined)
            await this.logsProbe;
        if (this.logsForm === 'scope')
            return read(own, ' (workspace path form)');
        if (this.logsForm === 'organization')
            return read(orgPath, ' (organization path form)');
        let probed;
        this.logsProbe = new Promise((resolve) => (probed = resolve));
        try {
            try {
                const page = await read(own, '');
                this.logsForm = 'scope';
                return page;
            }
            catch (error) {
                if (!(error instanceof errors/* BirdApiError */.Mp && error.status === 404))
                    throw error;
            }
            const page = await read(orgPath, ' in either path form');
            this.logsForm = 'organization';
            return page;
        }
        finally {
            probed();
        }
    }
    /**
     * POST is not idempotent: after a failure that may have created the subscription,
     * `recover` looks for it, and what it finds is returned instead of posting again.
     */
    async create(body, recover) {
        const req = { method: 'POST', path: this.collectionPath, body, hint404: this.workspaceHint() };
        return (0,retry/* withRetries */.LH)(this.label(req), this.policy, async (n) => {
            const created = this.subscription(req, await this.once(req, n));
            // A 201 that describes some other subscription is not the one asked for.
            const problem = checkCreated(created, body);
            if (problem)
                throw this.malformed(req, problem);
            return { subscription: created, adopted: false };
        }, async () => {
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
            if (error instanceof errors/* BirdApiError */.Mp && error.status === 404) {
                await this.confirmCollection();
                return undefined;
            }
            throw error;
        }
    }
    async update(before, patch) {
        const req = { method: 'PATCH', path: this.itemPath(before.id), body: patch, hint404: `Subscription ${before.id} was not found` };
        const updated = this.subscription(req, await this.retried(req));
        // An answer describing some other subscription is not the one that was updated.
        const problem = checkUpdated(updated, before, patch);
        if (problem)
            throw this.malformed(req, problem);
        return updated;
    }
    /** 404 means already gone; after an attempt that may have deleted it, gone by our hand. */
    async remove(id) {
        const req = { method: 'DELETE', path: this.itemPath(id), statusOnly: true };
        let maybeDeleted = false;
        try {
            await (0,retry/* withRetries */.LH)(this.label(req), this.policy, async (n) => {
                try {
                    return await this.once(req, n);
                }
                catch (error) {
                    if ((0,retry/* isRetryable */.r3)(error) && error.maybeProcessed)
                        maybeDeleted = true;
                    throw error;
                }
            });
            return 'deleted';
        }
        catch (error) {
            if (error instanceof errors/* BirdApiError */.Mp && error.status === 404) {
                if (maybeDeleted)
                    return 'deleted';
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
    async confirmCollection() {
        await this.retried({ method: 'GET', path: this.collectionPath, query: { limit: 1 } });
    }
    itemPath(id) {
        // Only a UUID may become a path segment: '..' or '%2e%2e' would be folded into another path.
        if (!(0,ids/* isUuid */.O)(id))
            throw new errors/* ResponseError */.o3(`Refusing to send a request for subscription ID '${(0,src_text/* shown */.SP)(id)}': not a UUID`);
        return `${this.collectionPath}/${id}`;
    }
    workspaceHint() {
        const org = this.scope.organizationId ? ` in organization ${this.scope.organizationId}` : '';
        // A base path is the other usual cause: Bird's API has none, so '/v1' and the like 404 everywhere.
        const base = this.options.basePath ? `; api-url has the path '${(0,src_text/* shown */.SP)(this.options.basePath)}' (Bird's https://api.bird.com has none): check api-url too` : '';
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
        return (0,retry/* withRetries */.LH)(this.label(req), this.policy, (n) => this.once(req, n));
    }
    /** The exchange itself, traced when step debug logging is on; network errors name the full path. */
    async exchange(req, attempt) {
        const debug = this.options.debug;
        const started = debug ? performance.now() : 0;
        try {
            const res = await this.gate.run(() => this.send(req), (answer) => {
                if (answer.status !== 429)
                    return undefined;
                const retryAfter = (0,retry/* parseRetryAfter */.mu)(header(answer, 'retry-after'));
                return { retryAfterMs: retryAfter === undefined ? undefined : Math.min(retryAfter, this.policy.maxRetryAfterMs) };
            });
            debug?.(this.traceLine(req, String(res.status), started, attempt));
            return res;
        }
        catch (error) {
            if (!(error instanceof errors/* NetworkError */.Dr))
                throw error;
            debug?.(this.traceLine(req, networkCode(error.reason), started, attempt));
            if (!this.options.basePath)
                throw error;
            throw new errors/* NetworkError */.Dr(error.method, this.shownPath(req), error.reason, error.maybeProcessed, error.retryable);
        }
    }
    /** `GET /v1/workspaces/…/webhook-subscriptions?limit=100 → 200 in 35 ms (attempt 1 of 4)`; never headers. */
    traceLine(req, outcome, started, attempt) {
        const query = Object.entries(req.query ?? {})
            .filter(([, value]) => value !== undefined)
            // A page token is opaque and long; its presence is what matters when reading a trace.
            .map(([name, value]) => (name === 'pageToken' ? `${name}=…` : `${name}=${encodeURIComponent(String(value))}`))
            .join('&');
        const target = (0,src_text/* shown */.SP)(`${this.shownPath(req)}${query ? `?${query}` : ''}`, 200);
        const ms = Math.round(performance.now() - started);
        return `${req.method} ${target} → ${(0,src_text/* shown */.SP)(outcome, 100)} in ${ms} ms (attempt ${attempt} of ${this.policy.maxAttempts})`;
    }
    /** One exchange: the parsed JSON body of a 2xx, or an error. */
    async once(req, attempt = 1) {
        const res = await this.exchange(req, attempt);
        if (req.statusOnly && res.status >= 200 && res.status < 300)
            return undefined;
        const body = parseJson(res);
        if (res.status >= 200 && res.status < 300) {
            req.onAnswer?.(res);
            if (body === INVALID)
                throw this.malformed(req, `HTTP ${res.status} with a body that is not valid JSON`);
            return body;
        }
        throw new errors/* BirdApiError */.Mp(res.status, req.method, this.shownPath(req), body === INVALID ? res.text : body, {
            hint: this.hint(res.status, req),
            retryAfterMs: (0,retry/* parseRetryAfter */.mu)(header(res, 'retry-after')),
        });
    }
    hint(status, req) {
        if (status === 401 && this.options.platformKey) {
            return ("access-key looks like a Bird platform API key (it starts with 'bk_'); those work only with Bearer on *.platform.bird.com. " +
                "This action calls api.bird.com's Notifications API, which needs an access key created under Organization settings → Access keys in Bird (sent as 'AccessKey')");
        }
        if (status === 401)
            return 'Check that access-key is a valid Bird access key';
        if (status === 403 && req.hint403)
            return req.hint403;
        if (status === 403) {
            const action = { GET: 'View', POST: 'Create', PATCH: 'Update', DELETE: 'Delete' }[req.method];
            // One subscription's path is covered by the collection's `/**` resource, not by the collection.
            const resource = req.policyPath ?? (req.path === this.collectionPath ? this.collectionPath : `${this.collectionPath}/**`);
            return `Check that the access key's access policy allows ${action} on ${resource}`;
        }
        if (status === 404)
            return req.hint404 ?? (req.path === this.collectionPath ? this.workspaceHint() : undefined);
        return undefined;
    }
    /** A subscription as Bird promises it; anything less is not taken as success. */
    subscription(req, value, where) {
        const checked = checkSubscription(value, where);
        if (typeof checked === 'string')
            throw this.malformed(req, checked);
        return checked;
    }
    malformed(req, problem) {
        // Bird may have created it all the same; say how to pick it up rather than leave it unknown.
        const after = req.method === 'POST' ? `; ${errors/* MAY_HAVE_CREATED */.As}` : '';
        return new errors/* ResponseError */.o3(`Unexpected answer from Bird to ${req.method} ${this.shownPath(req)}: ${problem}${after}`);
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

// EXTERNAL MODULE: ./src/bird/http.ts + 2 modules
var http = __webpack_require__(356);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
;// CONCATENATED MODULE: ./src/bird/connect.ts
// Builds the BirdClient for a run: transport, retry policy and path scope from the inputs.




// Test hook, deliberately not an input: end-to-end tests shrink the backoff to keep the suite fast.
const BASE_DELAY_VARIABLE = 'BIRD_ACTION_TEST_RETRY_BASE_MS';
function connect(options, log, env = process.env) {
    const send = (0,http/* createTransport */.oO)({
        baseUrl: options.apiUrl,
        accessKey: options.accessKey,
        userAgent: `${version/* USER_AGENT */._O} node/${process.versions.node}`,
        timeoutMs: options.timeoutMs,
        env,
        mask: options.mask,
    });
    const policy = retryPolicy(options.maxAttempts, log, env);
    const basePath = (0,http/* basePathOf */.oK)(options.apiUrl);
    return new BirdClient(send, policy, { workspaceId: options.workspaceId, organizationId: options.organizationId }, {
        basePath: basePath || undefined,
        // Only whether it looks like a platform key reaches the client, never the key.
        platformKey: options.accessKey.startsWith('bk_'),
        debug: options.debug,
        mustFit: options.mustFit,
    });
}
/** The step's retry bounds (`max-attempts`, the backoff), for Bird and for a receiver check alike. */
function retryPolicy(maxAttempts, log, env = process.env) {
    const override = env[BASE_DELAY_VARIABLE];
    return {
        maxAttempts,
        baseDelayMs: override && Number(override) >= 0 ? Number(override) : retry/* DEFAULT_BASE_DELAY_MS */.pH,
        maxDelayMs: retry/* DEFAULT_MAX_DELAY_MS */.mU,
        maxRetryAfterMs: retry/* DEFAULT_MAX_RETRY_AFTER_MS */.eo,
        random: Math.random,
        sleep: (ms, signal) => new Promise((resolve) => {
            if (signal?.aborted)
                return resolve();
            // An aborted wait clears its timer, so the process does not stay alive for it at exit.
            const stop = () => (clearTimeout(timer), resolve());
            const timer = setTimeout(() => (signal?.removeEventListener('abort', stop), resolve()), ms);
            signal?.addEventListener('abort', stop, { once: true });
        }),
        log,
    };
}


/***/ }),

/***/ 8464:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   As: () => (/* binding */ MAY_HAVE_CREATED),
/* harmony export */   Dr: () => (/* binding */ NetworkError),
/* harmony export */   Mp: () => (/* binding */ BirdApiError),
/* harmony export */   gJ: () => (/* binding */ errorMessage),
/* harmony export */   lZ: () => (/* binding */ ActionError),
/* harmony export */   o3: () => (/* binding */ ResponseError)
/* harmony export */ });
/* unused harmony exports ERROR_TEXT_LENGTH, formatApiError, describeBody, oneLine, bounded */
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8992);
// Errors the user sees: one line each, naming the request or input that caused them.

/** Bird's own error text (code, message, details) is cut to this many characters per message. */
const ERROR_TEXT_LENGTH = 1024;
/** Any message as a whole; ours are far shorter, so only outside text can reach it. */
const MESSAGE_LENGTH = 4096;
/** Said wherever a create's outcome is unknown: Bird has no idempotency key, so the way back is to adopt it. */
const MAY_HAVE_CREATED = 'the subscription may have been created: a re-run with if-exists: reuse adopts it';
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
class ActionError extends Error {
    name = 'ActionError';
}
function formatApiError(status, method, path, body, hint) {
    // Bird's text is outside text: one line, escaped, and short however long the answer was.
    const described = bounded(describeBody(body), ERROR_TEXT_LENGTH);
    const text = `Bird answered HTTP ${status} to ${method} ${path}${described ? `: ${described}` : ''}`;
    return hint ? `${text.replace(/\.$/, '')}. ${hint}` : text;
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
    return bounded(error instanceof Error ? error.message || error.name : String(error), MESSAGE_LENGTH);
}
/** One escaped line of at most `max` characters of `text`, saying how much was left out. */
function bounded(text, max) {
    // Secrets go first, over the whole text (bodies are capped at 10 MB; this is linear), before any
    // cut could leave a piece the runner's mask no longer recognises; then cut, since collapsing
    // whitespace in megabytes of hostile text would take long; then escape, and cut again, since
    // escaping can make the text several times longer.
    const head = (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .redact */ .E$)(text);
    const line = (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .shown */ .SP)(oneLine(head.length > max ? head.slice(0, max) : head), Infinity);
    if (text.length > max)
        return `${line.slice(0, max)}… (truncated: ${text.length - max} more characters not shown)`;
    return line.length > max ? `${line.slice(0, max)}… (truncated)` : line;
}


/***/ }),

/***/ 5856:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ Gate),
/* harmony export */   u: () => (/* binding */ MAX_IN_FLIGHT)
/* harmony export */ });
// How many requests are in flight at once: a small fixed number, down to one while Bird answers
// 429, and none at all until a Retry-After has passed. Every request of a run goes through one gate,
// so a throttled write holds back its siblings too, not only its own retry.
const MAX_IN_FLIGHT = 4;
class Gate {
    max;
    sleep;
    limit;
    active = 0;
    /** Counts 429s: tells answers sent before the last one from those sent after. */
    era = 0;
    waiting = [];
    /** Settles when Bird's Retry-After has passed; requests start only after it. */
    pause;
    constructor(max, sleep) {
        this.max = max;
        this.sleep = sleep;
        this.limit = max;
    }
    /**
     * Runs one exchange when its turn comes. `throttle` reads the answer: a 429 (with its Retry-After)
     * or not. Answers to requests sent before the last 429 do not open up again: only those sent at the
     * slower pace show that Bird has recovered.
     */
    async run(exchange, throttle) {
        await this.acquire();
        const era = this.era;
        try {
            const answer = await exchange();
            const throttled = throttle(answer);
            if (throttled)
                this.throttled(throttled.retryAfterMs);
            else if (era === this.era)
                this.answered();
            return answer;
        }
        finally {
            this.release();
        }
    }
    /** A 429: one request at a time from now on, and none before `retryAfterMs` has passed. */
    throttled(retryAfterMs) {
        this.era++;
        this.limit = 1;
        if (retryAfterMs !== undefined && retryAfterMs > 0) {
            const pause = this.sleep(retryAfterMs).then(() => {
                if (this.pause === pause)
                    this.pause = undefined;
            });
            this.pause = pause;
        }
    }
    /** An answer that is not a 429: one more request may run at once again, up to the maximum. */
    answered() {
        if (this.limit < this.max) {
            this.limit++;
            this.wake();
        }
    }
    async acquire() {
        for (;;) {
            if (this.pause)
                await this.pause;
            if (this.active < this.limit) {
                this.active++;
                return;
            }
            await new Promise((resolve) => this.waiting.push(resolve));
        }
    }
    release() {
        this.active--;
        this.wake();
    }
    wake() {
        const free = this.limit - this.active;
        for (const resolve of this.waiting.splice(0, Math.max(0, free)))
            resolve();
    }
}


/***/ }),

/***/ 356:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  oK: () => (/* binding */ basePathOf),
  Cc: () => (/* binding */ createExchange),
  oO: () => (/* binding */ createTransport)
});

// UNUSED EXPORTS: MAX_BODY_BYTES, classifyNetworkError, describeFailure

// EXTERNAL MODULE: ./src/bird/undici.ts
var undici = __webpack_require__(7827);
// EXTERNAL MODULE: ./src/bird/errors.ts
var errors = __webpack_require__(8464);
// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
;// CONCATENATED MODULE: ./src/bird/proxy.ts
// Which proxy, if any, carries requests to a given URL: read from the usual environment
// variables the way undici's EnvHttpProxyAgent reads them (lower case first; an https URL falls
// back to the http proxy; NO_PROXY exempts hosts), but decided here so that every message can
// name the proxy and the variable it came from. Pure: no I/O.

/** A proxy variable that cannot be used; raised before any request is sent. */
class ProxyConfigError extends Error {
    name = 'ProxyConfigError';
}
const HTTPS_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];
const HTTP_VARIABLES = ['http_proxy', 'HTTP_PROXY'];
const DEFAULT_PORTS = { 'http:': 80, 'https:': 443 };
/** The proxy for `target`, or undefined for a direct connection. Throws ProxyConfigError. */
function proxyFor(target, env) {
    const variables = target.protocol === 'https:' ? HTTPS_VARIABLES : HTTP_VARIABLES;
    const variable = variables.find((name) => env[name]?.trim());
    if (!variable)
        return undefined;
    if (bypassesProxy(target, firstSet(env, ['no_proxy', 'NO_PROXY']) ?? ''))
        return undefined;
    return parseProxy(variable, (env[variable] ?? '').trim());
}
function firstSet(env, names) {
    return names.map((name) => env[name]).find((value) => value !== undefined && value !== '');
}
/** A proxy URL from a variable; a bare host:port (as curl accepts) is taken as http://. */
function parseProxy(variable, value) {
    const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
    let url;
    try {
        url = new URL(text);
    }
    catch {
        url = undefined;
    }
    if (!url || !url.hostname || (url.protocol !== 'http:' && url.protocol !== 'https:') || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
        throw new ProxyConfigError(`Environment variable ${variable} is not a usable proxy URL ('${withoutCredentials(value)}'): ` +
            'expected http://host:port, or http://user:password@host:port for a proxy that wants credentials');
    }
    // undici decodes the credentials: a raw '%' would fail later with a bare 'URI malformed'.
    if (safeDecode(url.username) === null || safeDecode(url.password) === null) {
        throw new ProxyConfigError(`Environment variable ${variable} holds credentials that are not valid percent-encoding; write '%' as %25 (and '@' as %40, ':' as %3A) in the user name and password`);
    }
    const port = url.port || String(DEFAULT_PORTS[url.protocol]);
    const passwords = url.password ? [...new Set([url.password, safeDecode(url.password) ?? url.password])] : [];
    return { variable, url, where: `${url.hostname}:${port}`, passwords };
}
/**
 * Never echo what might be a password: drop everything up to the last '@', and without one,
 * everything after a 'scheme://user:' (a password whose host part is missing).
 */
function withoutCredentials(value) {
    const at = value.lastIndexOf('@');
    if (at >= 0)
        return (0,src_text/* shown */.SP)(`…@${value.slice(at + 1)}`, 200);
    const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(value)?.[0] ?? '';
    // 'user:secret' where 'host:port' should be: a colon not followed by a port.
    const credentials = /^[^/:]*:(?!\d+(\/|$))/.test(value.slice(scheme.length));
    return (0,src_text/* shown */.SP)(credentials ? `${scheme}…` : value, 200);
}
function safeDecode(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return null;
    }
}
/**
 * NO_PROXY as undici reads it: entries split on commas or spaces; `*` exempts everything;
 * `host`, `.host` and `*.host` match the host and its subdomains (`*.host` only subdomains);
 * an entry may carry a port (`host:8080`, `[::1]:443`) and then only exempts that port.
 */
function bypassesProxy(target, noProxy) {
    const host = target.hostname.replace(/^\[(.+)\]$/, '$1').toLowerCase().replace(/(.)\.$/, '$1');
    const port = Number(target.port) || DEFAULT_PORTS[target.protocol] || 0;
    for (const entry of noProxy.split(/[,\s]/)) {
        if (!entry)
            continue;
        const { name, entryPort } = splitEntry(entry);
        if (entryPort && entryPort !== port)
            continue;
        if (name === '*')
            return true;
        const wildcard = entry.startsWith('*');
        const base = name.replace(/^\*?\./, '').replace(/(.)\.$/, '$1').toLowerCase();
        if (!wildcard && host === base)
            return true;
        if (host.endsWith(`.${base}`))
            return true;
    }
    return false;
}
function splitEntry(entry) {
    const v6 = /^\[(.+)\]:(\d+)$/.exec(entry);
    if (v6)
        return { name: v6[1], entryPort: Number(v6[2]) };
    const bare = entry.replace(/^\[(.+)\]$/, '$1');
    const hostPort = (bare.match(/:/g) ?? []).length === 1 ? /^(.+):(\d+)$/.exec(bare) : null;
    return hostPort ? { name: hostPort[1], entryPort: Number(hostPort[2]) } : { name: bare, entryPort: 0 };
}

// EXTERNAL MODULE: external "node:v8"
var external_node_v8_ = __webpack_require__(8877);
;// CONCATENATED MODULE: ./src/bird/wasm-tiering.ts
// undici parses HTTP/1 with llhttp compiled to WebAssembly. After a few answers V8 starts optimising
// its main parse function with TurboFan on a background thread (60-90 ms of work, more on a busy
// machine), and a process cannot exit while that job runs: a step that has its last answer would
// sit out the rest of the compile. The answers of one step are small; the baseline code (Liftoff)
// parses them fast enough, so the tier-up budget is set beyond anything a step spends.
// Read by V8 when a module is compiled: set before undici compiles llhttp (at its first request).

/** Far beyond what parsing a step's answers spends (V8's default budget is about 1.8 million). */
const WASM_TIERING_BUDGET = 2_000_000_000;
let done = false;
/** Keeps undici's WebAssembly parser on V8's baseline compiler for the rest of the process. */
function stayOnBaselineCompiler() {
    if (done)
        return;
    done = true;
    (0,external_node_v8_.setFlagsFromString)(`--wasm-tiering-budget=${WASM_TIERING_BUDGET}`);
}

;// CONCATENATED MODULE: ./src/bird/http.ts
// One HTTP exchange with Bird over undici: headers, proxy, a per-attempt deadline, a size cap.
// Retrying is the caller's business (retry.ts); this module only says what went wrong.




/** Bird's pages are a few hundred KB at most; anything far larger is not Bird talking. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;
// Connection failures where the request cannot have reached Bird, so repeating it is harmless.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
// Certificate problems fail the handshake, before anything is sent, and do not heal by retrying.
// (ERR_SSL_WRONG_VERSION_NUMBER is not among them: it means the other side does not speak TLS.)
const TLS_PROBLEM = /CERT|SELF_SIGNED|UNABLE_TO_(VERIFY|GET)|^ERR_TLS_|^ERR_SSL_(?!WRONG_VERSION_NUMBER)/;
const TUNNEL_BROKE = 'BIRD_TUNNEL_BROKE';
const RESPONSE_TIMEOUT = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
// Sentinels raised inside an exchange and turned into NetworkErrors by `describeFailure`.
const TIMED_OUT = Symbol('deadline');
const TOO_LARGE = Symbol('too large');
/**
 * A dispatcher whose every phase is bounded by `timeoutMs` (undici's own connect, headers and
 * body timeouts, the proxy's CONNECT included) and which records the phase an attempt is in.
 * HTTP/1.1 only, as tested; a proxy always tunnels (CONNECT), as it must for Bird's https.
 */
function openLine(proxy, timeoutMs) {
    const progress = {};
    const timeouts = { headersTimeout: timeoutMs, bodyTimeout: timeoutMs, connectTimeout: timeoutMs, allowH2: false };
    if (!proxy) {
        const connector = (0,undici.buildConnector)({ timeout: timeoutMs, allowH2: false });
        const connect = (options, callback) => {
            progress.stage = 'connect';
            connector(options, (error, socket) => {
                if (!error)
                    progress.stage = undefined;
                callback(error, socket);
            });
        };
        return { dispatcher: new undici.Agent({ ...timeouts, connect }), progress };
    }
    const dispatcher = new undici.ProxyAgent({
        uri: proxy.url.href,
        proxyTunnel: true,
        ...timeouts,
        // undici asks the proxy for the tunnel through this pool: give it the same deadline
        // (its default waits 300 s for an answer) and note how the CONNECT went.
        clientFactory: (origin, options) => {
            const pool = new undici.Pool(origin, { ...options, ...timeouts });
            const tunnel = pool.connect.bind(pool);
            pool.connect = (async (o) => {
                progress.stage = 'proxy';
                // undici opens a new tunnel as soon as one breaks; within one attempt that would loop
                // against a proxy that answers 200 and then closes, so the second is refused unsent.
                progress.tunnels = (progress.tunnels ?? 0) + 1;
                if (progress.tunnels > 1)
                    throw Object.assign(new Error('tunnel broke after the proxy answered 200'), { code: TUNNEL_BROKE });
                const answer = await tunnel(o);
                if (answer.statusCode === 200)
                    progress.stage = undefined;
                else
                    progress.proxyStatus = answer.statusCode;
                return answer;
            });
            return pool;
        },
    });
    return { dispatcher, progress };
}
/** api-url's path without a trailing '/': what goes in front of every request path ('' for Bird's own). */
function basePathOf(apiUrl) {
    return apiUrl.pathname.replace(/\/+$/, '');
}
function createTransport(options) {
    const exchange = createExchange({ target: options.baseUrl, timeoutMs: options.timeoutMs, env: options.env, mask: options.mask });
    const basePath = basePathOf(options.baseUrl);
    const headers = {
        authorization: `AccessKey ${options.accessKey}`,
        accept: 'application/json',
        'user-agent': options.userAgent,
    };
    return async ({ method, path, query, body }) => {
        // Joined as text onto the origin, never resolved against it: a path that read as '//host' would
        // otherwise send the access key to that host. Checked again, in case.
        const url = new URL(`${options.baseUrl.origin}${basePath}${path}`);
        if (url.origin !== options.baseUrl.origin)
            throw new errors/* NetworkError */.Dr(method, path, `refusing to send to ${url.origin}, which is not api-url`, false, false);
        for (const [name, value] of Object.entries(query ?? {})) {
            if (value !== undefined)
                url.searchParams.set(name, String(value));
        }
        return exchange({
            method,
            url,
            label: path,
            headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
            body: body === undefined ? undefined : JSON.stringify(body),
            tooLargeHint: " (is api-url Bird's API?)",
            // An oversized answer to a create is not retried, so say how to pick up what it may have made.
            tooLargeNote: method === 'POST' ? errors/* MAY_HAVE_CREATED */.As : undefined,
        });
    };
}
/** How long an answer judged by its status line waits for the start of its body. */
const EXCERPT_WAIT_MS = 1000;
/**
 * Sends requests to one target over a line bounded by `timeoutMs` in every phase (proxy included),
 * renewed after a timeout; a failure is a NetworkError that says whether to retry. Adds no header
 * of its own: the Bird transport adds the access key, a receiver check never does.
 */
function createExchange(options) {
    // Before undici compiles its parser: the step must not wait at exit for V8 to optimise it.
    stayOnBaselineCompiler();
    // Read (and refused, naming the variable) before any request; its password masked first.
    const proxy = proxyFor(options.target, options.env ?? process.env);
    for (const password of proxy?.passwords ?? [])
        options.mask?.(password);
    let line = openLine(proxy, options.timeoutMs);
    return async ({ method, url, label, headers, body, tooLargeHint, tooLargeNote, excerptBytes }) => {
        const current = line;
        current.progress.stage = undefined;
        current.progress.proxyStatus = undefined;
        current.progress.tunnels = 0;
        // Our own deadline, over every phase, whatever undici does: a library bug cannot park the step.
        const controller = new AbortController();
        let timer;
        const deadline = new Promise((_, reject) => {
            timer = setTimeout(() => {
                controller.abort();
                reject(TIMED_OUT);
            }, options.timeoutMs);
        });
        const startedAt = Date.now();
        const exchange = async () => {
            // undici's request follows no redirect: a 3xx comes back as it is.
            const res = await (0,undici.request)(url, { method, dispatcher: current.dispatcher, signal: controller.signal, headers, body });
            // An excerpt waits for the body at most EXCERPT_WAIT_MS, and never past the attempt's deadline.
            const waitMs = Math.max(0, Math.min(EXCERPT_WAIT_MS, options.timeoutMs - (Date.now() - startedAt) - 50));
            const text = excerptBytes === undefined ? await readCapped(res.body, res.headers['content-length']) : await readExcerpt(res.body, excerptBytes, waitMs);
            return { status: res.statusCode, headers: res.headers, text };
        };
        try {
            return await Promise.race([exchange(), deadline]);
        }
        catch (error) {
            if (error === TIMED_OUT) {
                // Whatever undici still holds for this attempt (a socket, a CONNECT) goes; the next starts afresh.
                line = openLine(proxy, options.timeoutMs);
                current.dispatcher.destroy().catch(() => { });
            }
            const problem = describeFailure(error, { progress: current.progress, proxy, timeoutMs: options.timeoutMs, target: options.target.host, tooLargeHint });
            const reason = problem.tooLarge && tooLargeNote ? `${problem.reason}; ${tooLargeNote}` : problem.reason;
            throw new errors/* NetworkError */.Dr(method, label, reason, problem.maybeProcessed, problem.retryable);
        }
        finally {
            clearTimeout(timer);
        }
    };
}
/** The body as text, refused (without reading the rest) once it passes MAX_BODY_BYTES. */
function readCapped(body, declared) {
    // Plain stream events: an async iterator costs measurably more at startup for two small bodies.
    return new Promise((resolve, reject) => {
        if (Number(declared) > MAX_BODY_BYTES) {
            body.destroy();
            return reject(TOO_LARGE);
        }
        const chunks = [];
        let size = 0;
        body.on('data', (chunk) => {
            size += chunk.length;
            if (size <= MAX_BODY_BYTES)
                return void chunks.push(chunk);
            body.destroy();
            reject(TOO_LARGE);
        });
        body.on('error', reject);
        body.on('end', () => resolve(Buffer.concat(chunks, size).toString('utf8')));
    });
}
/**
 * The first `limit` bytes of the body as text, for answers judged by their status line: the rest is
 * not read (the body is destroyed, closing its connection). Once the status line is in, a body that
 * stalls, drips or breaks off is given at most `waitMs`, then whatever arrived is the excerpt: it
 * never turns an answer into a failure.
 */
function readExcerpt(body, limit, waitMs) {
    return new Promise((resolve) => {
        const chunks = [];
        let size = 0;
        let ended = false;
        let settled = false;
        const finish = () => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            body.removeAllListeners('data');
            // Destroying an unfinished body makes undici close the socket: nothing waits for the rest.
            if (!ended)
                body.destroy();
            resolve(Buffer.concat(chunks).subarray(0, limit).toString('utf8'));
        };
        const timer = setTimeout(finish, waitMs);
        body.on('data', (chunk) => {
            chunks.push(chunk);
            size += chunk.length;
            if (size >= limit)
                finish();
        });
        // A body cut off after the status line still leaves the status as the answer.
        body.on('error', finish);
        body.on('end', () => {
            ended = true;
            finish();
        });
    });
}
/** What a failed exchange means: the message, whether it may have reached Bird, whether to retry. */
function describeFailure(error, context) {
    const within = `within ${context.timeoutMs / 1000} s`;
    if (error === TOO_LARGE) {
        return { reason: `the answer is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB, refused without reading the rest${context.tooLargeHint ?? ''}`, maybeProcessed: true, retryable: false, tooLarge: true };
    }
    const causes = causeChain(error);
    const has = (codes) => causes.some((c) => codes.has(c.code));
    const timedOut = error === TIMED_OUT || has(RESPONSE_TIMEOUT);
    if (context.proxy && context.progress.stage === 'proxy')
        return proxyProblem(context.proxy, context, causes, timedOut);
    if (context.progress.stage === 'connect' && (timedOut || has(new Set(['UND_ERR_CONNECT_TIMEOUT'])))) {
        return { reason: `no connection to ${context.target} ${within}`, maybeProcessed: false, retryable: true };
    }
    if (timedOut)
        return { reason: `no complete response ${within}`, maybeProcessed: true, retryable: true };
    return classifyNetworkError(error);
}
function proxyProblem(proxy, context, causes, timedOut) {
    const name = `the proxy ${proxy.where} (from ${proxy.variable})`;
    const status = context.progress.proxyStatus;
    const notSent = (reason, retryable = true) => ({ reason, maybeProcessed: false, retryable });
    if (status === 407) {
        return notSent(proxy.url.username
            ? `${name} rejected the credentials given in ${proxy.variable} (HTTP 407 Proxy Authentication Required)`
            : `${name} wants credentials (HTTP 407 Proxy Authentication Required); give them in ${proxy.variable} as http://user:password@host:port`, false);
    }
    if (status === 403)
        return notSent(`${name} refused to open a connection to ${context.target} (HTTP 403 to CONNECT)`, false);
    if (status !== undefined)
        return notSent(`${name} answered CONNECT ${context.target} with HTTP ${status}`);
    if (causes.some((c) => c.code === TUNNEL_BROKE)) {
        return { reason: `${name} answered CONNECT ${context.target} with HTTP 200, but the tunnel closed at once`, maybeProcessed: true, retryable: true };
    }
    if (timedOut)
        return notSent(`${name} did not answer within ${context.timeoutMs / 1000} s`);
    const tls = causes.find((c) => TLS_PROBLEM.test(c.code));
    if (tls)
        return notSent(`${name} presented a TLS certificate that is not trusted (${tls.code}); point NODE_EXTRA_CA_CERTS at its CA certificate`, false);
    const system = causes.find((c) => /^E[A-Z]/.test(c.code));
    if (causes.some((c) => NOT_SENT.has(c.code)))
        return notSent(`cannot reach ${name}: ${system?.code ?? causes[0].code}`);
    return notSent(`${name} closed the connection without answering CONNECT ${context.target}${system ? ` (${system.code})` : ''}`);
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


/***/ }),

/***/ 9753:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ isUuid)
/* harmony export */ });
/* unused harmony export UUID_PATTERN */
// Bird's IDs (subscriptions, workspaces, organizations) are UUIDs. Checking that before an ID goes
// into a request path is what keeps a hostile `..` or `x/../y` from steering the request elsewhere.
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function isUuid(value) {
    return typeof value === 'string' && UUID_PATTERN.test(value);
}


/***/ }),

/***/ 2749:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EY: () => (/* binding */ backoffDelay),
/* harmony export */   LH: () => (/* binding */ withRetries),
/* harmony export */   eo: () => (/* binding */ DEFAULT_MAX_RETRY_AFTER_MS),
/* harmony export */   i5: () => (/* binding */ RetriesExhaustedError),
/* harmony export */   mU: () => (/* binding */ DEFAULT_MAX_DELAY_MS),
/* harmony export */   mu: () => (/* binding */ parseRetryAfter),
/* harmony export */   pH: () => (/* binding */ DEFAULT_BASE_DELAY_MS),
/* harmony export */   r3: () => (/* binding */ isRetryable)
/* harmony export */ });
/* unused harmony export withoutRequest */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8464);
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
            ? `${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(last)}; retrying in ${(delay / 1000).toFixed(1)} s (attempt ${n + 1} of ${policy.maxAttempts})`
            : `${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(last)}; checking in ${(delay / 1000).toFixed(1)} s whether it took effect`);
        await policy.sleep(delay);
        if (recover && last.maybeProcessed) {
            const found = await recover();
            if (found !== undefined)
                return found;
        }
    }
    const attempts = policy.maxAttempts === 1 ? '1 attempt' : `${policy.maxAttempts} attempts`;
    throw new RetriesExhaustedError(`${label} failed after ${attempts}; last error: ${withoutRequest((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(last), label)}`);
}
/** The last error without the request it names, which the summary line names already. */
function withoutRequest(message, label) {
    if (message.startsWith(`${label} failed: `))
        return message.slice(label.length + ' failed: '.length);
    return message.replace(` to ${label}`, '');
}


/***/ }),

/***/ 7827:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Agent: () => (/* binding */ Agent),
/* harmony export */   Pool: () => (/* binding */ Pool),
/* harmony export */   ProxyAgent: () => (/* binding */ ProxyAgent),
/* harmony export */   buildConnector: () => (/* binding */ buildConnector),
/* harmony export */   fetch: () => (/* binding */ fetch),
/* harmony export */   request: () => (/* binding */ request)
/* harmony export */ });
/* harmony import */ var undici_lib_dispatcher_agent_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7405);
/* harmony import */ var undici_lib_dispatcher_agent_js__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(undici_lib_dispatcher_agent_js__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var undici_lib_dispatcher_dispatcher_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(883);
/* harmony import */ var undici_lib_dispatcher_dispatcher_js__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(undici_lib_dispatcher_dispatcher_js__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var undici_lib_dispatcher_pool_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(628);
/* harmony import */ var undici_lib_dispatcher_pool_js__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(undici_lib_dispatcher_pool_js__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var undici_lib_dispatcher_proxy_agent_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6672);
/* harmony import */ var undici_lib_dispatcher_proxy_agent_js__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(undici_lib_dispatcher_proxy_agent_js__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var undici_lib_core_connect_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9136);
/* harmony import */ var undici_lib_core_connect_js__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(undici_lib_core_connect_js__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var undici_lib_api_index_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6615);






// What undici's index does once: every dispatcher gets these five methods (named: a namespace of
// this CommonJS file would also carry `default`). ProxyAgent asks its proxy for a tunnel with connect().
Object.assign((undici_lib_dispatcher_dispatcher_js__WEBPACK_IMPORTED_MODULE_1___default().prototype), { request: undici_lib_api_index_js__WEBPACK_IMPORTED_MODULE_5__.request, stream: undici_lib_api_index_js__WEBPACK_IMPORTED_MODULE_5__.stream, pipeline: undici_lib_api_index_js__WEBPACK_IMPORTED_MODULE_5__.pipeline, upgrade: undici_lib_api_index_js__WEBPACK_IMPORTED_MODULE_5__.upgrade, connect: undici_lib_api_index_js__WEBPACK_IMPORTED_MODULE_5__.connect });
const Agent = (undici_lib_dispatcher_agent_js__WEBPACK_IMPORTED_MODULE_0___default());
const Pool = (undici_lib_dispatcher_pool_js__WEBPACK_IMPORTED_MODULE_2___default());
const ProxyAgent = (undici_lib_dispatcher_proxy_agent_js__WEBPACK_IMPORTED_MODULE_3___default());
const buildConnector = (undici_lib_core_connect_js__WEBPACK_IMPORTED_MODULE_4___default());
/**
 * undici's `request(url, options)` as this action calls it: an http(s) URL, a method and a
 * dispatcher of our own, always (undici's own also takes a path option, guesses a method and falls
 * back to a global dispatcher, none of which the action wants).
 */
function request(url, { dispatcher, ...options }) {
    const target = new URL(url);
    if (target.protocol !== 'http:' && target.protocol !== 'https:')
        throw new TypeError(`not an http(s) URL: ${target.protocol}`);
    return dispatcher.request({ ...options, origin: target.origin, path: `${target.pathname}${target.search}` });
}
/**
 * undici's fetch, for @actions/github (which imports it from 'undici' and only this action's debug
 * logging loads): the whole index then loads, as a chunk of its own, on the first call.
 */
async function fetch(...args) {
    const undici = await __webpack_require__.e(/* import() */ 752).then(__webpack_require__.t.bind(__webpack_require__, 6752, 19));
    return undici.fetch(...args);
}


/***/ }),

/***/ 6163:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CK: () => (/* binding */ emptyTally),
/* harmony export */   Et: () => (/* binding */ parseWindow),
/* harmony export */   H_: () => (/* binding */ CHECK_DELIVERIES_MODES),
/* harmony export */   RR: () => (/* binding */ newLogOrder),
/* harmony export */   TI: () => (/* binding */ LOG_PAGE_SIZE),
/* harmony export */   ng: () => (/* binding */ describeFailures),
/* harmony export */   pv: () => (/* binding */ MAX_LOG_PAGES),
/* harmony export */   t3: () => (/* binding */ countPage)
/* harmony export */ });
/* unused harmony exports DEFAULT_WINDOW, MAX_WINDOW_MS, RECENT_FAILURES, MAX_GROUPS, CLOCK_SKEW_MS, FIELD_LENGTH, isSucceeded, readTime, readCode, describeStatus */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _input_error_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(844);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8992);
// check-deliveries, the pure part: the window input, and the counting of Bird's delivery log
// entries (GET …/webhook-subscriptions/{id}/logs). Every field of an entry is outside text: it is
// read loosely, capped and shown through shown(); no entry can make the tally grow without bound.



const CHECK_DELIVERIES_MODES = ['off', 'warn', 'fail'];
const DEFAULT_WINDOW = '24h';
/** Bird keeps a subscription's log for seven days: a longer window would read nothing more. */
const MAX_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
/** Entries a log page holds (Bird's maximum) and the pages read per subscription at most. */
const LOG_PAGE_SIZE = 100;
const MAX_LOG_PAGES = 10;
/** Failures whose request IDs the summary lists, newest first. */
const RECENT_FAILURES = 5;
/** Distinct (executionStatus, code) groups kept per subscription; the rest are counted under one. */
const MAX_GROUPS = 20;
/** A createdAt this far ahead of the runner's clock still counts (clock skew); further is not believed. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
/** How much of a text field an entry may show. */
const FIELD_LENGTH = 64;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 };
/** `30m`, `6h`, `2d`: a whole number of minutes, hours or days, from 1 minute to 7 days. */
function parseWindow(text) {
    const value = text.trim() || DEFAULT_WINDOW;
    const m = /^([0-9]+)([mhd])$/.exec(value);
    if (!m) {
        throw new _input_error_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .d('deliveries-window', `must be a whole number of minutes, hours or days such as 30m, 6h or 2d; got '${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .shown */ .SP)(value, 40)}'`);
    }
    // A number of many digits is simply too long a window, not an unreadable one.
    const ms = Number(m[1]) * UNIT_MS[m[2]];
    if (ms < 1)
        throw new _input_error_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .d('deliveries-window', `must be at least 1m; got '${value}'`);
    if (ms > MAX_WINDOW_MS)
        throw new _input_error_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .d('deliveries-window', `must be at most 7d (Bird keeps delivery logs for seven days); got '${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .shown */ .SP)(value, 40)}'`);
    return { text: value, ms };
}
function emptyTally() {
    return { delivered: 0, failed: 0, byStatus: {}, groups: {}, newestFailureAt: null, recent: [], skipped: 0 };
}
function newLogOrder() {
    return { disordered: false };
}
/**
 * Counts one page of log entries into `tally`. `since`/`now` bound the window (ms). An entry whose
 * executionStatus is `succeeded` (any case) was delivered; any other value, or none, was not.
 */
function countPage(tally, entries, since, now, seen = new Set(), order = newLogOrder()) {
    let reachedEnd = false;
    for (const entry of entries) {
        if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
            tally.skipped++;
            continue;
        }
        const fields = entry;
        const at = readTime(fields.createdAt);
        if (at === undefined || at > now + CLOCK_SKEW_MS) {
            tally.skipped++;
            continue;
        }
        if (order.last !== undefined && at > order.last)
            order.disordered = true;
        order.last = at;
        if (at < since) {
            reachedEnd = true;
            continue;
        }
        const requestId = typeof fields.requestId === 'string' && fields.requestId !== '' ? fields.requestId : undefined;
        if (requestId !== undefined) {
            // A digest of the whole ID: bounded, so a hostile ID cannot hold megabytes, and two IDs that
            // share a long start stay two.
            const key = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(requestId).digest('base64');
            if (seen.has(key))
                continue;
            seen.add(key);
        }
        if (isSucceeded(fields.executionStatus)) {
            tally.delivered++;
            continue;
        }
        tally.failed++;
        const code = readCode(fields.httpStatusCode);
        tally.byStatus[code] = (tally.byStatus[code] ?? 0) + 1;
        const status = describeStatus(fields.executionStatus);
        let group = `${status} / ${code}`;
        if (!(group in tally.groups) && Object.keys(tally.groups).length >= MAX_GROUPS)
            group = 'other';
        tally.groups[group] = (tally.groups[group] ?? 0) + 1;
        const iso = new Date(at).toISOString();
        if (tally.newestFailureAt === null || iso > tally.newestFailureAt)
            tally.newestFailureAt = iso;
        addRecent(tally.recent, { requestId: requestId === undefined ? '-' : (0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .shown */ .SP)(requestId, FIELD_LENGTH), at: iso, executionStatus: status, code });
    }
    return { reachedEnd: reachedEnd && !order.disordered, entries: entries.length };
}
/** Keeps the newest RECENT_FAILURES, newest first, whatever order the pages came in. */
function addRecent(recent, sample) {
    const at = recent.findIndex((r) => r.at < sample.at);
    recent.splice(at < 0 ? recent.length : at, 0, sample);
    if (recent.length > RECENT_FAILURES)
        recent.length = RECENT_FAILURES;
}
function isSucceeded(value) {
    return typeof value === 'string' && value.trim().toLowerCase() === 'succeeded';
}
/** An ISO 8601 date-time (as Bird's schema says) in ms; anything else is unreadable. */
function readTime(value) {
    if (typeof value !== 'string' || value.length > 40)
        return undefined;
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i.test(value))
        return undefined;
    const ms = Date.parse(value);
    return Number.isFinite(ms) ? ms : undefined;
}
/** An HTTP status from 100 to 599 as text; `no code` when absent, `invalid code` for anything else. */
function readCode(value) {
    if (value === undefined || value === null || value === '')
        return 'no code';
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{3}$/.test(value) ? Number(value) : NaN;
    return Number.isInteger(n) && n >= 100 && n <= 599 ? String(n) : 'invalid code';
}
/** executionStatus as Bird gives it (values besides `succeeded` are undocumented), capped and escaped. */
function describeStatus(value) {
    if (value === undefined || value === null || value === '')
        return '(none)';
    if (typeof value !== 'string')
        return `(${typeof value === 'object' ? (Array.isArray(value) ? 'array' : 'object') : typeof value})`;
    return (0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .shown */ .SP)(value, FIELD_LENGTH);
}
/** `3 not delivered (HTTP 401 ×2, no code ×1)`: the codes, most frequent first. */
function describeFailures(tally) {
    const codes = Object.entries(tally.byStatus)
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([code, n]) => `${/^\d+$/.test(code) ? `HTTP ${code}` : code} ×${n}`)
        .join(', ');
    return `${tally.failed} not delivered (${codes})`;
}


/***/ }),

/***/ 654:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fd: () => (/* binding */ eventMismatch),
/* harmony export */   YC: () => (/* binding */ editDistance),
/* harmony export */   j4: () => (/* binding */ refuseCaseVariants),
/* harmony export */   kp: () => (/* binding */ closest),
/* harmony export */   u9: () => (/* binding */ needsEventCheck),
/* harmony export */   wG: () => (/* binding */ namesToConfirm),
/* harmony export */   x8: () => (/* binding */ unknownEventWarning),
/* harmony export */   y1: () => (/* binding */ knownFilterKeys)
/* harmony export */ });
/* unused harmony exports KNOWN_EVENTS, KNOWN_FILTER_KEYS, knownEvents, caseVariantOf, anyToConfirm, MAX_SEARCH_CELLS, boundedDistance */
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8992);
/* harmony import */ var _input_error_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(844);
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
// - numbers, payments: Bird documents no event names for them.
// The table decides which names cost nothing: a name (or filter key) it holds is taken as it is; one it
// lacks is asked of Bird once per step (GET available-webhooks, src/steps/check-events.ts), and Bird's
// answer decides. The table alone judges only where Bird cannot be asked or cannot answer (a warning),
// and for state: absent (no lookup there: deleting by a misspelt name deletes nothing).


const CHANNEL_PLATFORMS = ['sms', 'whatsapp', 'email', 'line', 'instagram', 'facebook', 'viber', 'linkedin', 'tiktok', 'telegram'];
const KNOWN_EVENTS = {
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
 * The filter keys Bird documents per service, taken for every event of the service: channels from
 * the "Webhook subscriptions" table and api/channels-api/message-status-and-interactions (channelId,
 * messageStatus, interactionType, platformId, channelStatus) and api/voice-api/voice-webhooks
 * (status); templates from template-webhooks (platformId). A key here costs no lookup; Bird does not
 * say which event takes which, so a documented key on an event that does not take it is not caught.
 */
const KNOWN_FILTER_KEYS = {
    channels: ['channelId', 'messageStatus', 'interactionType', 'platformId', 'channelStatus', 'status'],
    templates: ['platformId'],
};
/** The events the table holds for `service`; undefined when it documents none or is no service (`toString`). */
function knownEvents(service) {
    return Object.hasOwn(KNOWN_EVENTS, service) ? KNOWN_EVENTS[service] : undefined;
}
/** The filter keys the table holds for `service`; none for a name that is no service. */
function knownFilterKeys(service) {
    return (Object.hasOwn(KNOWN_FILTER_KEYS, service) ? KNOWN_FILTER_KEYS[service] : undefined) ?? [];
}
/**
 * The spelling in `known` of a name that differs from it only by letter case (`SMS.Outbound` →
 * sms.outbound), or undefined. Bird's names are case-sensitive: such a name is no name Bird has.
 */
function caseVariantOf(name, known) {
    if (known.includes(name))
        return undefined;
    const lower = name.toLowerCase();
    return known.find((k) => k.toLowerCase() === lower);
}
/**
 * Refuses (before any request) an event or filter key that is a name of the table in other letter
 * case: Bird would take it as another name, which never fires, and when Bird cannot be asked the
 * lookup could only warn. Filter keys are given as `{ key }` entries of event-filters.
 */
function refuseCaseVariants(service, events, input, filters) {
    for (const event of events) {
        const spelt = caseVariantOf(event, knownEvents(service) ?? []);
        if (spelt !== undefined) {
            throw new _input_error_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .d(input, `${input === 'events' ? 'lists' : 'is'} '${(0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .shown */ .SP)(event, 80)}'; did you mean ${spelt}? Bird's event names are case-sensitive, and a subscription to '${(0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .shown */ .SP)(event, 80)}' would never fire`);
        }
    }
    for (const { key } of filters) {
        const spelt = caseVariantOf(key, knownFilterKeys(service));
        if (spelt !== undefined) {
            throw new _input_error_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .d('event-filters', `has the key '${(0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .shown */ .SP)(key, 80)}'; did you mean ${spelt}? Bird's filter keys are case-sensitive, and a subscription filtered by '${(0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .shown */ .SP)(key, 80)}' would never fire`);
        }
    }
}
/**
 * Events not in the table for `service`, and filter keys not documented for it; in input order, once
 * each. None for a service Bird does not document: that already has its own warning, and Bird
 * refuses the create itself if it does not know the service.
 */
function namesToConfirm(service, events, filterKeys) {
    if (!Object.hasOwn(KNOWN_EVENTS, service))
        return { events: [], filterKeys: [] };
    const known = knownEvents(service) ?? [];
    const keys = knownFilterKeys(service);
    return {
        events: events.filter((e) => !known.includes(e)),
        filterKeys: [...new Set(filterKeys)].filter((k) => !keys.includes(k)),
    };
}
/** Whether anything needs asking; false means no lookup and no extra request. */
function anyToConfirm(names) {
    return names.events.length > 0 || names.filterKeys.length > 0;
}
/**
 * Why `event` does not fit `service`'s documented events, or undefined when it fits (or Bird documents
 * none for the service). `event` is raw input: the caller shows it through shown().
 */
function eventMismatch(service, event) {
    const known = knownEvents(service);
    if (!known || known.includes(event))
        return undefined;
    const otherService = Object.keys(KNOWN_EVENTS).find((s) => KNOWN_EVENTS[s]?.includes(event));
    return { closest: closest(event, known), otherService };
}
// The most distance-table cells one search computes. Bird's list is untrusted and may hold up to
// 500,000 names (available.ts); a search past this gives the best name found so far, or none.
// A real list (a few dozen names of about 20 characters) needs a few thousand cells.
const MAX_SEARCH_CELLS = 200_000;
/** The candidate nearest to `word` (case-insensitive edit distance), if it is near enough to be a typo. */
function closest(word, candidates, cost = { cells: 0 }) {
    const lower = word.toLowerCase();
    // A third of the length, at least 2: catches dropped, doubled and swapped letters, not other words.
    const limit = Math.max(2, Math.floor(lower.length / 3));
    const stop = cost.cells + MAX_SEARCH_CELLS;
    let best;
    let bestDistance = limit + 1;
    for (const candidate of candidates) {
        // The length difference is a lower bound of the distance: most candidates cost nothing more.
        if (Math.abs(candidate.length - lower.length) >= bestDistance)
            continue;
        if (cost.cells >= stop)
            break;
        const d = boundedDistance(lower, candidate.toLowerCase(), bestDistance - 1, cost);
        if (d < bestDistance) {
            best = candidate;
            bestDistance = d;
            if (d === 0)
                break;
        }
    }
    return best;
}
/**
 * editDistance(a, b) when it is at most `bound`, else bound + 1, computing only the cells within
 * `bound` of the diagonal and stopping at the first row where every cell is past the bound.
 */
function boundedDistance(a, b, bound, cost = { cells: 0 }) {
    const over = bound + 1;
    if (Math.abs(a.length - b.length) > bound)
        return over;
    let before = [];
    let previous = Array.from({ length: b.length + 1 }, (_, j) => Math.min(j, over));
    for (let i = 1; i <= a.length; i++) {
        const row = new Array(b.length + 1).fill(over);
        row[0] = Math.min(i, over);
        let least = row[0];
        for (let j = Math.max(1, i - bound); j <= Math.min(b.length, i + bound); j++) {
            cost.cells++;
            const substitution = a[i - 1] === b[j - 1] ? 0 : 1;
            let d = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + substitution);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
                d = Math.min(d, before[j - 2] + 1);
            row[j] = Math.min(d, over);
            least = Math.min(least, row[j]);
        }
        if (least > bound)
            return over;
        before = previous;
        previous = row;
    }
    return previous[b.length];
}
/**
 * Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1.
 * The bounded search with a bound no distance of the two can pass: one implementation serves both.
 */
function editDistance(a, b) {
    return boundedDistance(a, b, Math.max(a.length, b.length));
}
/**
 * The table's warning for an event it does not hold for `service`, or undefined when it holds it or
 * documents no events for the service. `why` says why Bird's own list could not settle it.
 */
function unknownEventWarning(service, event, input, why) {
    const mismatch = eventMismatch(service, event);
    if (!mismatch)
        return undefined;
    const advice = mismatch.otherService
        ? `it is an event of service '${mismatch.otherService}'`
        : mismatch.closest
            ? `did you mean ${mismatch.closest}?`
            : `known ones are ${describeEvents(service)}`;
    return (`Input '${input}' ${input === 'events' ? 'lists' : 'is'} '${(0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .shown */ .SP)(event, 80)}', which is not an event Bird documents for service '${service}'; ${advice} ` +
        '(a subscription to an unknown event is accepted but never fires; ignore this if Bird added the event recently)' +
        (why ? `. Bird could not confirm the name: ${why}` : ''));
}
function describeEvents(service) {
    if (service === 'channels')
        return '<platform>.inbound, <platform>.outbound, <platform>.interaction (platform: sms, whatsapp, email, ...), voice.inbound, voice.outbound, channel.created, channel.updated';
    return (knownEvents(service) ?? []).join(', ');
}
/**
 * Whether the step has names to check before it writes: with state: present, any the table cannot
 * vouch for (they are asked of Bird); with state: absent, any the table judges misspelt (a warning
 * only, no lookup: deleting by a misspelt name deletes nothing). False: the check is not even loaded.
 */
function needsEventCheck(state, service, events, filterKeys) {
    if (service === '' || events.length === 0)
        return false;
    if (state === 'absent')
        return events.some((event) => eventMismatch(service, event) !== undefined);
    return anyToConfirm(namesToConfirm(service, events, filterKeys));
}


/***/ }),

/***/ 844:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ InputError)
/* harmony export */ });
// An input problem, raised before any request; the message names the input.
class InputError extends Error {
    input;
    constructor(input, detail) {
        super(`Input '${input}' ${detail}`);
        this.input = input;
        this.name = 'InputError';
    }
}


/***/ }),

/***/ 7018:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Hn: () => (/* binding */ isTrue),
  C8: () => (/* binding */ parseConnection),
  TL: () => (/* binding */ parseInputs)
});

// UNUSED EXPORTS: BIRD_URL_PATTERN, CHECK_RECEIVER_MODES, DEFAULT_API_URL, EMPTY_ACCESS_KEY, IF_EXISTS_MODES, InputError, KNOWN_SERVICES, MAX_ATTEMPTS, MAX_EVENTS, MAX_TIMEOUT_SECONDS, MIN_SEED_LENGTH, STATES, isLoopback, parseAccessKey, parseApiUrl, parseEventFilters, parseEvents, parseSigningKeySeed

// EXTERNAL MODULE: ./src/bird/ids.ts
var ids = __webpack_require__(9753);
// EXTERNAL MODULE: ./src/plan/input-error.ts
var input_error = __webpack_require__(844);
// EXTERNAL MODULE: ./src/plan/limit.ts
var limit = __webpack_require__(4152);
// EXTERNAL MODULE: ./src/plan/same-url.ts
var same_url = __webpack_require__(6773);
;// CONCATENATED MODULE: ./src/plan/url-pattern.ts
// `url-pattern`: a glob naming the receiving URLs a workflow owns, so that eviction and sweeps
// can never touch anybody else's subscription. Pure.


const INPUT = 'url-pattern';
/**
 * `*` matches any run of characters except `/`, `**` any run at all, everything else is literal;
 * the whole URL must match. In the host, `*` matches one or more letters, digits or `-` within one
 * label (never a `.`, an empty label or any other character), as in a TLS certificate, and `**` is refused, so
 * `*.example.com` never reaches `eu.api.example.com`; and the host must end in two literal labels,
 * so a typo cannot reach other people's domains.
 */
function parseUrlPattern(text) {
    if (!/^https:\/\//i.test(text))
        throw new input_error/* InputError */.d(INPUT, `must start with https://; got '${text}'`);
    const rest = text.slice('https://'.length);
    const slash = rest.indexOf('/');
    // Scheme and host are case-insensitive: both sides are compared in lower case.
    const authority = (slash < 0 ? rest : rest.slice(0, slash)).toLowerCase();
    const path = slash < 0 ? '' : rest.slice(slash);
    if (/\s/.test(text))
        throw new input_error/* InputError */.d(INPUT, 'must not contain spaces');
    if (authority.includes('**')) {
        throw new input_error/* InputError */.d(INPUT, `must not use '**' in the host ('${authority}'): in the host '*' matches within one label, so write one '*' per label ('*.example.com', 'pr-*.preview.example.com'); '**' may only stand in the path`);
    }
    const portMatch = /:(\d+|\*)$/.exec(authority);
    const host = portMatch ? authority.slice(0, portMatch.index) : authority;
    // Bird accepts only letters, digits and '-' in a host label: a pattern holding anything else
    // (a userinfo '@', a '_', a ':' that is not the port) could never match, and is a mistake.
    if (!/^[a-z0-9.*-]*$/.test(host)) {
        throw new input_error/* InputError */.d(INPUT, `may hold only letters, digits, '-', '.' and '*' in the host, as Bird's URLs do; got '${host}'`);
    }
    const labels = host.split('.');
    // Below a suffix that many unrelated owners share (vercel.app, co.uk), one more label is needed.
    let needed = 2;
    const shared = sharedSuffixes();
    for (let i = 0; i < labels.length; i++) {
        if (shared.has(labels.slice(i).join('.')))
            needed = Math.max(needed, labels.length - i + 1);
    }
    const literal = labels.length >= needed && labels.slice(-needed).every((label) => /^[a-z0-9-]+$/.test(label));
    if (!literal || !/^[a-z]{2,}$/.test(labels[labels.length - 1])) {
        const example = needed > 2 ? `'my-team.${labels.slice(1 - needed).join('.')}'` : "'preview.example.com' or '*.example.com'";
        throw new input_error/* InputError */.d(INPUT, `must name its host down to at least ${needed} literal labels such as ${example} ('${host}' could match hosts of other organisations)`);
    }
    // In the host, `*` stands for one or more of the characters a host label may hold (Bird's URL
    // rule: letters, digits, '-'): never a dot, nor an empty label, nor a percent-encoded character.
    // A `*` port is digits only.
    const port = portMatch?.[1];
    const portRegex = port === undefined ? '' : port === '*' ? ':\\d+' : `:${port}`;
    const regex = new RegExp(`^https://${glob(host, '[a-z0-9-]+', undefined)}${portRegex}${glob(path, '[^/]*', '.*')}$`);
    return {
        text,
        matches: (url) => typeof url === 'string' && regex.test((0,same_url/* normalizeUrl */.l2)(url)),
    };
}
// Domains under which anybody can get a host name: hosting platforms whose preview URLs are
// exactly what this input is for, and common two-label country suffixes. Built per call (a pattern is
// parsed once per run), not at load: mutation testing then runs only the tests that parse a pattern
// against each entry, instead of every unit test (see CONTRIBUTING.md, "Mutation testing").
const sharedSuffixes = () => new Set([
    'vercel.app', 'netlify.app', 'github.io', 'gitlab.io', 'herokuapp.com', 'pages.dev', 'workers.dev', 'web.app',
    'firebaseapp.com', 'appspot.com', 'run.app', 'azurewebsites.net', 'azurestaticapps.net', 'cloudfront.net',
    'amplifyapp.com', 'onrender.com', 'fly.dev', 'railway.app', 'deno.dev', 'ngrok.io', 'ngrok.app', 'ngrok-free.app',
    'app.github.dev', 'githubpreview.dev', 'trycloudflare.com', 'loca.lt', 'surge.sh', 'glitch.me', 'repl.co', 'codesandbox.io',
    'a.run.app', 'up.railway.app', 'cloudfunctions.net', 'azurecontainerapps.io', 'eu.ngrok.io', 'ngrok.dev',
    's3.amazonaws.com', 'elasticbeanstalk.com', 'blob.core.windows.net', 'web.core.windows.net', 'on.aws',
    'co.uk', 'org.uk', 'ac.uk', 'com.au', 'net.au', 'co.nz', 'co.jp', 'co.za', 'co.in', 'com.br', 'com.mx', 'com.cn', 'com.tr', 'com.sg',
]);
function glob(part, star, doubleStar) {
    let out = '';
    for (let i = 0; i < part.length; i++) {
        if (part[i] !== '*') {
            out += part[i].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
        }
        else if (part[i + 1] === '*' && doubleStar !== undefined) {
            out += doubleStar;
            i++;
        }
        else {
            out += star;
        }
    }
    return out;
}

// EXTERNAL MODULE: ./src/plan/events.ts
var plan_events = __webpack_require__(654);
// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
;// CONCATENATED MODULE: ./src/plan/name-rules.ts
// What an event name or a filter key may hold, judged before any request. An allowlist, not a list
// of what is refused: ASCII letters, digits, '_' and '-', in parts separated by single dots. Every
// name in the table (events.ts) and every event and filter key Bird's docs show fits it
// (sms.outbound, conversation.created, template.updated, channelId, messageStatus); what does not
// fit (a list written `a,b`, `a;b`, `a|b` or `a/b`, a quote, a space, an invisible character pasted
// with the name, a look-alike letter) is no name Bird has, and a subscription to it never fires.
// Pure: no I/O.

const NAME = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/;
const NAME_CHAR = /[A-Za-z0-9_.-]/;
/** Far above any name Bird documents (about 20 characters); bounds the "did you mean" search too. */
const MAX_NAME_INPUT_LENGTH = 100;
const NAME_RULE = "ASCII letters, digits, '_' and '-', in parts separated by dots";
// White space, controls, format characters (zero-width, BOM, bidi) and the blank-looking letters and
// symbols Unicode does not class as space (Hangul fillers, braille blank, Mongolian vowel separator,
// Khmer inherent vowels): all show as nothing, or as a space, in a workflow file.
const INVISIBLE = /[\s\p{C}\p{Z}\u115f\u1160\u180e\u2800\u3164\uffa0]|\u17b4|\u17b5/u;
/** `name` with every character outside printable ASCII written as U+XXXX-style escapes (\u3164), then shown(). */
function shownName(name, max = 80) {
    return (0,src_text/* shown */.SP)(name.replace(/[^\x20-\x7e]/gu, (c) => (hex(c).length > 4 ? `\\u{${hex(c)}}` : `\\u${hex(c).padStart(4, '0')}`)), max);
}
/** What makes `name` unable to be one event name or filter key ('a comma', ...), or undefined when it can be. */
function nameProblem(name) {
    const bad = [...name].find((c) => !NAME_CHAR.test(c));
    if (bad !== undefined)
        return describeChar(bad);
    if (!NAME.test(name))
        return name === '' ? 'nothing' : 'an empty part between dots';
    if (name.length > MAX_NAME_INPUT_LENGTH)
        return `more than ${MAX_NAME_INPUT_LENGTH} characters`;
    return undefined;
}
function describeChar(c) {
    if ('[](){}'.includes(c))
        return 'a bracket';
    if (c === ',')
        return 'a comma';
    if ('\'"`'.includes(c))
        return 'a quote';
    if (c === ' ')
        return 'a space';
    if (/[\x21-\x7e]/.test(c))
        return `'${c}'`;
    if (INVISIBLE.test(c))
        return `U+${hex(c).toUpperCase().padStart(4, '0')} (an invisible character)`;
    return `U+${hex(c).toUpperCase().padStart(4, '0')} (not an ASCII character)`;
}
function hex(c) {
    return (c.codePointAt(0) ?? 0).toString(16);
}
/** The names a list-like entry holds (`a, b` → a, b), for showing the fix; at most `max`. */
function namesIn(text, max = 5) {
    return text
        .split(/[^A-Za-z0-9_.-]+/)
        .filter((part) => /[A-Za-z0-9]/.test(part))
        .slice(0, max);
}
/** How to turn `entry` (which has a nameProblem) into names: drop a trailing comma, split a list, ... */
function fixOf(entry, one, several) {
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
    if (split !== undefined)
        return split;
    if (invisible !== undefined)
        return `delete the invisible U+${hex(invisible).toUpperCase().padStart(4, '0')} (type the name again rather than paste it)`;
    return `a name holds only ${NAME_RULE}`;
}
/** The message for an entry of `event`/`events` that cannot be one event name (after "Input 'x' "). */
function eventEntryProblem(entry, input, where) {
    const problem = nameProblem(entry);
    if (problem === undefined)
        return undefined;
    const fix = fixOf(entry, 'one event a line needs none', (names) => {
        const example = ` (here: ${names.map((n) => (0,src_text/* shown */.SP)(n, 40)).join(', then ')}, each on its own line)`;
        return `${input === 'event' ? "'event' takes one event: list several under 'events: |', one event a line" : "put one event a line under 'events: |'"}${example}`;
    });
    return `${where}('${shownName(entry)}') contains ${problem}, so it cannot be one event name; ${fix}`;
}
/** The message for a filter key that cannot be one (after "Input 'event-filters' "). */
function filterKeyProblem(key, where) {
    const problem = nameProblem(key);
    if (problem === undefined)
        return undefined;
    // A space or an invisible character inside a key is no list; a separator is.
    const fix = fixOf(key, 'one filter a line needs none', () => (/[,;|/]/.test(key) ? 'put one filter a line, each as key=value' : undefined));
    return `${where} has the key '${shownName(key)}', which contains ${problem}, so it cannot be a filter key; ${fix}`;
}

;// CONCATENATED MODULE: ./src/plan/webhook-url.ts
// Says in words why a `url` fails Bird's URL rule. Whether it fails is decided by the pattern alone
// (BIRD_URL_PATTERN in inputs.ts); this only explains, naming the offending part, so the user never
// has to read a regular expression. Pure; input text is shown through shown().

const DNS_NAME = "Bird needs a DNS name with a letters-only top-level domain";
/** Why `url` does not match Bird's pattern, as the rest of "Input 'url' ...". Call only for a URL that fails it. */
function explainUrl(url) {
    const space = /\s/.exec(url);
    if (space) {
        return `contains ${whitespaceName(space[0])} at position ${space.index + 1}; Bird's URL rule allows no whitespace anywhere (write a space in a path as %20)`;
    }
    if (!url.startsWith('https://'))
        return schemeProblem(url);
    const rest = url.slice('https://'.length);
    const end = rest.search(/[/?#]/);
    const authority = end < 0 ? rest : rest.slice(0, end);
    const separator = end < 0 ? '' : rest[end];
    if (authority.includes('@'))
        return 'must not contain a user name or password before the host';
    if (authority.startsWith('['))
        return `host '${(0,src_text/* shown */.SP)(authority.replace(/\](:.*)?$/, ']'))}' is an IP address; ${DNS_NAME}`;
    const colon = authority.lastIndexOf(':');
    const host = colon < 0 ? authority : authority.slice(0, colon);
    const hostProblem = explainHost(host);
    if (hostProblem)
        return hostProblem;
    if (colon >= 0) {
        const port = authority.slice(colon + 1);
        if (port === '')
            return `has ':' after host '${(0,src_text/* shown */.SP)(host)}' but no port number`;
        if (!/^[0-9]+$/.test(port))
            return `port '${(0,src_text/* shown */.SP)(port)}' must be digits only`;
    }
    if (separator === '?' || separator === '#') {
        const fixed = `https://${authority}/${rest.slice(end)}`;
        return `needs a '/' between the host and '${separator}': Bird's rule allows a query or fragment only after a path; write '${(0,src_text/* shown */.SP)(fixed)}'`;
    }
    return `does not match Bird's URL rule (https://, a DNS host name with a letters-only top-level domain, an optional :port and /path, no whitespace); got '${(0,src_text/* shown */.SP)(url)}'`;
}
function schemeProblem(url) {
    const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/*/.exec(url);
    if (!scheme)
        return `must start with https://; got '${(0,src_text/* shown */.SP)(url, 80)}'`;
    if (scheme[1].toLowerCase() === 'https')
        return `must start with https:// written in lower case and with two slashes; it starts with '${(0,src_text/* shown */.SP)(scheme[0])}'`;
    if (scheme[1].toLowerCase() === 'http')
        return "must start with https://, not http:// (Bird delivers events only over HTTPS)";
    return `must start with https://; it starts with '${(0,src_text/* shown */.SP)(scheme[0], 40)}'`;
}
function explainHost(host) {
    if (host === '')
        return 'has no host name after https://';
    if (/^[0-9.]+$/.test(host) && host.includes('.'))
        return `host '${(0,src_text/* shown */.SP)(host)}' is an IP address; ${DNS_NAME}`;
    if (host.toLowerCase() === 'localhost') {
        return "host 'localhost' is not accepted: Bird must reach the URL from the internet, so it needs a public DNS name (for a local server, use a tunnel that gives one)";
    }
    const bad = /[^a-zA-Z0-9.-]/.exec(host);
    if (bad) {
        const idn = bad[0].charCodeAt(0) > 0x7f ? ' (write an internationalised name in its xn-- form)' : '';
        return `host '${(0,src_text/* shown */.SP)(host)}' contains '${(0,src_text/* shown */.SP)(bad[0])}'; Bird allows only letters, digits, '-' and '.' in a host name${idn}`;
    }
    const labels = host.split('.');
    if (labels.length === 1)
        return `host '${(0,src_text/* shown */.SP)(host)}' has no top-level domain such as .com; ${DNS_NAME}`;
    if (labels.some((label) => label === ''))
        return `host '${(0,src_text/* shown */.SP)(host)}' has an empty part between dots (or a dot at its start or end)`;
    const tld = labels[labels.length - 1];
    if (!/^[a-zA-Z]{2,}$/.test(tld))
        return `host '${(0,src_text/* shown */.SP)(host)}' ends in '${(0,src_text/* shown */.SP)(tld)}'; ${DNS_NAME} of two or more letters`;
    return undefined;
}
function whitespaceName(c) {
    if (c === ' ')
        return 'a space';
    if (c === '\t')
        return 'a tab';
    if (c === '\n' || c === '\r')
        return 'a line break';
    return `a whitespace character (U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`;
}

// EXTERNAL MODULE: ./src/plan/signing-key.ts
var signing_key = __webpack_require__(4162);
// EXTERNAL MODULE: ./src/plan/deliveries.ts
var deliveries = __webpack_require__(6163);
;// CONCATENATED MODULE: ./src/plan/inputs.ts
// Parses and validates the step's inputs. Pure: no I/O, no logging; every problem is an
// InputError that names the input, raised before any request is sent.











const KNOWN_SERVICES = ['channels', 'numbers', 'payments', 'conversations', 'templates'];
const IF_EXISTS_MODES = ['reuse', 'create', 'fail'];
const STATES = ['present', 'absent'];
/** What check-receiver sends after a deploy (src/plan/receiver.ts). */
const CHECK_RECEIVER_MODES = ['off', 'forged', 'signed'];
const DEFAULT_API_URL = 'https://api.bird.com';
const MAX_EVENTS = 50;
const MAX_ATTEMPTS = 10;
const MAX_TIMEOUT_SECONDS = 600;
// Bird's Url schema (the OpenAPI copy that allows a port).
const BIRD_URL_PATTERN = /^https:\/\/([a-zA-Z0-9-]+\.)+[a-zA-Z]{2,}(:[0-9]+)?(\/[^\s]*)?$/;
function parseInputs(read, warn = () => { }) {
    const state = oneOf(read, 'state', STATES, 'present');
    const subscriptionIdRaw = optional(read('subscription-id'));
    // Lower-cased like the other UUID inputs, so the request path and the log show one spelling.
    const subscriptionId = subscriptionIdRaw === undefined ? undefined : uuid('subscription-id', subscriptionIdRaw);
    if (subscriptionId !== undefined && state === 'present') {
        throw new input_error/* InputError */.d('subscription-id', "is only used with 'state: absent'; remove it or set state to absent");
    }
    const patternText = optional(read('url-pattern'));
    const urlPattern = patternText === undefined ? undefined : parseUrlPattern(patternText);
    const url = optional(read('url')) ?? '';
    // A sweep deletes by pattern; deleting by ID needs no description either.
    const sweep = state === 'absent' && subscriptionId === undefined && urlPattern !== undefined && url === '';
    const describe = !(state === 'absent' && subscriptionId !== undefined) && !sweep;
    const { accessKey, workspaceId, organizationId, apiUrl, maxAttempts, timeoutMs } = parseConnection(read);
    const service = describe ? required(read, 'service') : read('service').trim();
    // Only a warning: Bird's list of services has grown before, and Bird itself decides (a 422 with
    // its details reaches the user as any other refusal).
    if (service)
        warnOnUnknownService(service, warn);
    const events = parseEvents(read('event'), read('events'), describe);
    // Whether an event is one Bird has is asked of Bird (src/steps/check-events.ts), not judged here.
    const eventsInput = optional(read('events')) === undefined ? 'event' : 'events';
    if (describe && url === '')
        throw new input_error/* InputError */.d('url', 'is required and was empty');
    if (url && !BIRD_URL_PATTERN.test(url))
        throw new input_error/* InputError */.d('url', explainUrl(url));
    if (url && urlPattern && !urlPattern.matches(url)) {
        throw new input_error/* InputError */.d('url', `'${url}' does not match url-pattern '${urlPattern.text}'; the pattern must cover the URL this step manages`);
    }
    const whenFull = oneOf(read, 'when-full', limit/* WHEN_FULL_MODES */.ov, 'fail');
    if (whenFull === 'evict-oldest' && !urlPattern) {
        throw new input_error/* InputError */.d('when-full', "'evict-oldest' needs url-pattern, so that only subscriptions of this workflow can be evicted");
    }
    const keepUrls = lines(read('keep-urls'));
    if (keepUrls.length > 0 && !sweep) {
        throw new input_error/* InputError */.d('keep-urls', "is only used by a sweep: 'state: absent' with url-pattern and without url or subscription-id");
    }
    // Whether each entry keeps something is told by the sweep, which sees the list (absent.ts).
    const signingKey = optional(read('signing-key'));
    // The same rule as for a key Bird shows, so that a key given once is recognised when shown later.
    if (signingKey !== undefined && !(0,signing_key/* isPlausibleSigningKey */.Kh)(signingKey)) {
        throw new input_error/* InputError */.d('signing-key', `must be at least ${signing_key/* MIN_SIGNING_KEY_LENGTH */.sN} printable characters without white space`);
    }
    const signingKeySeed = parseSigningKeySeed(read('signing-key-seed'));
    if (signingKey !== undefined && signingKeySeed !== undefined) {
        warn("Input 'signing-key-seed' is ignored: 'signing-key' is given, and a given key is used as it is");
    }
    const prune = parseBoolean(read, 'prune', false);
    if (prune && state !== 'present') {
        throw new input_error/* InputError */.d('prune', "is only used with 'state: present' (it deletes the subscriptions of the URL whose event is no longer listed)");
    }
    const eventFilters = parseEventFilters(read('event-filters'));
    // A known name in other letter case is refused here, before any request, even if Bird cannot be asked.
    if (state === 'present')
        (0,plan_events/* refuseCaseVariants */.j4)(service, events, eventsInput, eventFilters ?? []);
    return {
        accessKey,
        workspaceId,
        organizationId,
        service,
        events,
        eventsInput,
        url,
        signingKey,
        signingKeySeed,
        eventFilters,
        template: optional(read('template')),
        apiUrl,
        ifExists: oneOf(read, 'if-exists', IF_EXISTS_MODES, 'reuse'),
        state,
        subscriptionId,
        urlPattern,
        whenFull,
        sweep,
        keepUrls,
        dryRun: parseBoolean(read, 'dry-run', false),
        prune,
        cleanup: parseBoolean(read, 'cleanup', false),
        checkReceiver: oneOf(read, 'check-receiver', CHECK_RECEIVER_MODES, 'off'),
        checkDeliveries: oneOf(read, 'check-deliveries', deliveries/* CHECK_DELIVERIES_MODES */.H_, 'off'),
        deliveriesWindow: (0,deliveries/* parseWindow */.Et)(read('deliveries-window')),
        maxAttempts,
        timeoutMs,
    };
}
/** The connection inputs, validated the same way for the main and the post step. */
function parseConnection(read) {
    const accessKey = parseAccessKey(required(read, 'access-key', EMPTY_ACCESS_KEY));
    const workspaceId = uuid('workspace-id', required(read, 'workspace-id'));
    const orgRaw = optional(read('organization-id'));
    const organizationId = orgRaw === undefined ? undefined : uuid('organization-id', orgRaw);
    return {
        accessKey,
        workspaceId,
        organizationId,
        apiUrl: parseApiUrl(optional(read('api-url')) ?? DEFAULT_API_URL),
        maxAttempts: positiveInteger(read, 'max-attempts', 4, MAX_ATTEMPTS),
        timeoutMs: timeoutMs(read, 'timeout-seconds', 30, MAX_TIMEOUT_SECONDS),
    };
}
/**
 * `event` (one) or `events` (one a line): exactly one of the two where the step needs events; a
 * sweep may narrow by either or neither. Blank lines are skipped; a repeated event is refused.
 */
function parseEvents(eventText, eventsText, needed) {
    const single = optional(eventText);
    // `event: |` with several lines reads as one name with line breaks in it; say where they go.
    if (single !== undefined && /[\r\n]/.test(single)) {
        const count = single.split(/\r?\n|\r/).filter((line) => line.trim() !== '').length;
        throw new input_error/* InputError */.d('event', `('${(0,src_text/* shown */.SP)(single, 80)}') has ${count} lines, and 'event' takes one event; list several under 'events: |', one event a line`);
    }
    // Entries, not lines: the runner trims the input, so leading blank lines are gone before this.
    const events = lines(eventsText);
    if (single !== undefined && events.length > 0) {
        throw new input_error/* InputError */.d('events', "cannot be combined with 'event'; list every event under 'events', or give just one as 'event'");
    }
    if (single !== undefined)
        events.push(single);
    if (needed && events.length === 0)
        throw new input_error/* InputError */.d('event', "is required and was empty (or give several under 'events')");
    // One step's cleanup state holds at most 100 IDs; a receiver with more events than this is unusual.
    if (events.length > MAX_EVENTS)
        throw new input_error/* InputError */.d('events', `lists ${events.length} events; at most ${MAX_EVENTS} fit one step`);
    const seen = new Set();
    events.forEach((event, index) => {
        const name = single !== undefined ? 'event' : 'events';
        const problem = eventEntryProblem(event, name, name === 'events' ? `entry ${index + 1} ` : '');
        if (problem)
            throw new input_error/* InputError */.d(name, problem);
        if (seen.has(event))
            throw new input_error/* InputError */.d(name, `lists '${(0,src_text/* shown */.SP)(event, 80)}' twice (entry ${index + 1})`);
        seen.add(event);
    });
    return events;
}
/** Non-blank lines, trimmed. */
function lines(text) {
    return text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== '');
}
const MIN_SEED_LENGTH = 16;
/** Never sent anywhere, but kept printable like the other secrets; the value is never echoed. */
function parseSigningKeySeed(text) {
    const seed = optional(text);
    if (seed === undefined)
        return undefined;
    if (/[\s\p{C}]/u.test(seed)) {
        throw new input_error/* InputError */.d('signing-key-seed', 'contains whitespace or a control character; use printable characters only');
    }
    // Anyone who guesses the seed can compute the signing keys. The seed is masked before this runs,
    // and the runner masks it too, so the message avoids words a short placeholder seed could be
    // ("is shorter than" read "is ***er than" for the seed 'short').
    if ([...seed].length < MIN_SEED_LENGTH) {
        throw new input_error/* InputError */.d('signing-key-seed', `must be at least ${MIN_SEED_LENGTH} characters long; generate a random value (openssl rand -base64 32)`);
    }
    return seed;
}
/**
 * The key travels in the Authorization header, so only visible ASCII will do: a pasted
 * zero-width space, BOM, control or non-Latin character would fail every attempt. The message
 * never shows the key nor the character (both are secret).
 */
function parseAccessKey(accessKey) {
    if (/\s/.test(accessKey)) {
        throw new input_error/* InputError */.d('access-key', 'contains whitespace; paste the access key exactly as Bird showed it');
    }
    const bad = accessKey.search(/[^\x21-\x7e]/);
    if (bad >= 0) {
        throw new input_error/* InputError */.d('access-key', `contains a character that cannot be sent in an HTTP header (an invisible, control or non-ASCII character, at position ${bad + 1}); paste the access key exactly as Bird showed it`);
    }
    return accessKey;
}
/**
 * One `key=value` a line, split at the first '='; blank lines are skipped. Entries are counted, not
 * lines: the runner trims the input, so leading blank lines are gone before this.
 */
function parseEventFilters(text) {
    const filters = [];
    lines(text).forEach((line, index) => {
        const at = line.indexOf('=');
        const where = `entry ${index + 1} ('${shownName(line)}')`;
        if (at < 0)
            throw new input_error/* InputError */.d('event-filters', `${where} is not of the form key=value`);
        const key = line.slice(0, at).trim();
        const value = line.slice(at + 1).trim();
        if (key === '')
            throw new input_error/* InputError */.d('event-filters', `${where} has an empty key`);
        if (value === '')
            throw new input_error/* InputError */.d('event-filters', `${where} has an empty value`);
        const problem = filterKeyProblem(key, where);
        if (problem)
            throw new input_error/* InputError */.d('event-filters', problem);
        filters.push({ key, value });
    });
    return filters.length > 0 ? filters : undefined;
}
// The usual reasons a secret reads as empty; nothing about the secret itself is printed.
const EMPTY_ACCESS_KEY = "is empty: the secret it is set from has no value in this run. Usual causes: a pull request from a fork (GitHub passes no secrets to it), " +
    'a Dependabot run (it sees only Dependabot secrets: add the secret there too), or a misspelt secret name (an unknown secret reads as empty)';
/** A warning naming the nearest known service when `service` is not one Bird documents. */
function warnOnUnknownService(service, warn) {
    if (KNOWN_SERVICES.includes(service))
        return;
    const near = (0,plan_events/* closest */.kp)(service, KNOWN_SERVICES) ?? nearest(service, KNOWN_SERVICES);
    warn(`Input 'service' is '${(0,src_text/* shown */.SP)(service, 60)}', which is not a service Bird documents (${KNOWN_SERVICES.join(', ')}); did you mean ${near}? ` +
        'It is sent as given and Bird decides (ignore this if Bird added the service recently)');
}
/** The candidate with the smallest edit distance, however far. */
function nearest(word, candidates) {
    const lower = word.toLowerCase();
    return candidates.reduce((best, c) => ((0,plan_events/* editDistance */.YC)(lower, c) < (0,plan_events/* editDistance */.YC)(lower, best) ? c : best));
}
/** HTTPS anywhere; plain HTTP only to a loopback host, so the access key never crosses a network in clear text. */
function parseApiUrl(text) {
    let url;
    try {
        url = new URL(text);
    }
    catch {
        throw new input_error/* InputError */.d('api-url', `is not a URL: '${text}'`);
    }
    if (url.username || url.password)
        throw new input_error/* InputError */.d('api-url', 'must not contain credentials');
    if (url.search || url.hash)
        throw new input_error/* InputError */.d('api-url', 'must not contain a query or fragment');
    // A path starting with '//' (or holding a backslash) would be read as another host when request
    // paths are joined to it: the access key would go there.
    if (/^\/\/|\\/.test(url.pathname) || /\\/.test(text))
        throw new input_error/* InputError */.d('api-url', "must not have a path that starts with '//' or contains a backslash");
    if (url.protocol === 'https:')
        return url;
    if (url.protocol === 'http:' && isLoopback(url.hostname))
        return url;
    throw new input_error/* InputError */.d('api-url', `must use https:// (plain http:// is allowed only for a loopback host such as 127.0.0.1); got '${url.origin}'`);
}
function isLoopback(hostname) {
    const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (host === 'localhost' || host === '::1')
        return true;
    const octets = host.split('.');
    return (octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255));
}
function optional(value) {
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
}
function required(read, name, whenEmpty = 'is required and was empty') {
    const value = optional(read(name));
    if (value === undefined)
        throw new input_error/* InputError */.d(name, whenEmpty);
    return value;
}
function uuid(name, value) {
    if (!(0,ids/* isUuid */.O)(value))
        throw new input_error/* InputError */.d(name, `must be a UUID such as b4e02c85-c6d2-4b15-8885-e09671799c61; got '${value}'`);
    return value.toLowerCase();
}
function oneOf(read, name, allowed, fallback) {
    const value = optional(read(name)) ?? fallback;
    if (!allowed.includes(value)) {
        throw new input_error/* InputError */.d(name, `must be one of ${allowed.join(', ')}; got '${value}'`);
    }
    return value;
}
/** The spellings of true that boolean inputs accept. */
function isTrue(value) {
    return /^(true|yes|on|1)$/i.test(value.trim());
}
function parseBoolean(read, name, fallback) {
    const value = optional(read(name));
    if (value === undefined)
        return fallback;
    if (isTrue(value))
        return true;
    if (/^(false|no|off|0)$/i.test(value))
        return false;
    throw new input_error/* InputError */.d(name, `must be true or false; got '${value}'`);
}
function positiveInteger(read, name, fallback, max) {
    const value = optional(read(name));
    if (value === undefined)
        return fallback;
    if (!/^\d+$/.test(value) || Number(value) < 1)
        throw new input_error/* InputError */.d(name, `must be a positive whole number; got '${value}'`);
    if (Number(value) > max)
        throw new input_error/* InputError */.d(name, `must be at most ${max}; got '${value}'`);
    return Number(value);
}
/** Seconds as a positive decimal, in whole milliseconds (timers take integers), at most `max`. */
function timeoutMs(read, name, fallback, max) {
    const value = optional(read(name));
    if (value === undefined)
        return fallback * 1000;
    const ms = Math.round(Number(value) * 1000);
    if (!/^\d*\.?\d+$/.test(value) || !(ms >= 1))
        throw new input_error/* InputError */.d(name, `must be a positive number of seconds (at least 0.001); got '${value}'`);
    if (ms > max * 1000)
        throw new input_error/* InputError */.d(name, `must be at most ${max} seconds; got '${value}'`);
    return ms;
}


/***/ }),

/***/ 4152:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BH: () => (/* binding */ occupants),
/* harmony export */   HJ: () => (/* binding */ planRoom),
/* harmony export */   KR: () => (/* binding */ birdNow),
/* harmony export */   TY: () => (/* binding */ limitMessage),
/* harmony export */   k3: () => (/* binding */ FRESH_MS),
/* harmony export */   ki: () => (/* binding */ BIRD_COMBINATION_LIMIT),
/* harmony export */   mH: () => (/* binding */ previewsToEvict),
/* harmony export */   ov: () => (/* binding */ WHEN_FULL_MODES),
/* harmony export */   pL: () => (/* binding */ isFresh)
/* harmony export */ });
/* unused harmony export MAX_CLOCK_SKEW_MS */
/* harmony import */ var _match_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4106);

const BIRD_COMBINATION_LIMIT = 5;
/**
 * A subscription created this recently is never evicted: it most likely belongs to a deploy that
 * is still running (another pull request's run started a moment earlier), and evicting it would
 * leave that deploy's URL without deliveries although its run reports success.
 */
const FRESH_MS = 5 * 60 * 1000;
/**
 * Created less than FRESH_MS before `now` (by `createdAt`). Not fresh: one without a readable date,
 * or dated more than FRESH_MS ahead of `now` (no clock is that far off: the date is wrong, and it
 * must not protect the subscription for ever).
 */
function isFresh(s, now) {
    if (now === undefined || typeof s.createdAt !== 'string')
        return false;
    const created = Date.parse(s.createdAt);
    return !Number.isNaN(created) && Math.abs(now - created) < FRESH_MS;
}
/**
 * "Now" on Bird's clock, which its createdAt is written by: the Date header of its answer to the
 * list. The header has whole seconds, so the time it names is the earliest the answer can have been
 * written: judged from it, a subscription looks at most a second younger, never older (a fresh one is
 * never evicted for the header's rounding). The runner's clock only without a usable header.
 */
function birdNow(dateHeader, runnerNow) {
    const bird = typeof dateHeader === 'string' ? Date.parse(dateHeader) : NaN;
    // A header further off than any clock Bird keeps (1970, a day away) is not Bird's clock but a
    // broken one (a proxy's, a cache's): judged by it, fresh previews would look old and be evicted.
    return Number.isNaN(bird) || Math.abs(bird - runnerNow) > MAX_CLOCK_SKEW_MS ? runnerNow : bird;
}
/** How far Bird's Date header may be from the runner's clock and still be taken as Bird's clock. */
const MAX_CLOCK_SKEW_MS = 60 * 60 * 1000;
const WHEN_FULL_MODES = ['fail', 'evict-oldest'];
/** Every subscription that counts against the same limit as `wanted`, oldest first. */
function occupants(all, wanted) {
    return all
        .filter((s) => s.service === wanted.service && s.event === wanted.event && (0,_match_js__WEBPACK_IMPORTED_MODULE_0__/* .sameFilters */ .My)(s.eventFilters, wanted.eventFilters))
        .sort(_match_js__WEBPACK_IMPORTED_MODULE_0__/* .byAge */ .jI);
}
/**
 * Whether one more subscription fits next to `taken`, and if not, which to evict: with
 * `evict-oldest`, the oldest occupants whose URL matches the pattern, as many as it takes; never
 * one outside it, nor one `evictable` rules out (after a refused create: one this run did not see
 * in its first list, which another run has just created). `evict` is undefined when there is no room
 * and none may go.
 */
function planRoom(taken, whenFull, pattern, evictable = () => true) {
    const excess = taken.length - (BIRD_COMBINATION_LIMIT - 1);
    if (excess <= 0)
        return { full: false, evict: [] };
    if (whenFull !== 'evict-oldest' || !pattern)
        return { full: true, occupants: taken };
    const ours = taken.filter((s) => pattern.matches(s.url) && evictable(s));
    if (ours.length < excess)
        return { full: true, occupants: taken };
    return { full: true, evict: ours.slice(0, excess), occupants: taken };
}
/** The one-line refusal, for the pre-flight and for Bird's own 422 alike. */
function limitMessage(combination, taken, show, hint) {
    const list = taken.map((s) => `${show(s.id)} (${show(s.url)})`).join(', ');
    const occupied = taken.length > 0 ? `; occupied by, oldest first: ${list}` : '';
    return `Bird allows at most ${BIRD_COMBINATION_LIMIT} subscriptions for ${combination} (same service, event and filters, whatever the URL)${occupied}. ${hint}`;
}
/**
 * With several events a preview (a URL) is one unit: which previews to evict so that each event in
 * `needs` (event -> how many places it must free) gets them, oldest preview first (by its oldest
 * subscription). Candidates are URLs other than the step's own whose every subscription among the
 * step's combinations matches the pattern and may go (`evictable`); a preview is taken only where it
 * frees a place still needed. Undefined when the previews that may go cannot free enough.
 */
function previewsToEvict(inCombinations, needs, pattern, isOwnUrl, evictable) {
    const byUrl = new Map();
    for (const s of inCombinations)
        byUrl.set(s.url, [...(byUrl.get(s.url) ?? []), s]);
    const candidates = [...byUrl.entries()]
        .filter(([url, subs]) => !isOwnUrl(url) && pattern.matches(url) && subs.every(evictable))
        .map(([url, subs]) => ({ url, subscriptions: [...subs].sort(_match_js__WEBPACK_IMPORTED_MODULE_0__/* .byAge */ .jI) }))
        .sort((a, b) => (0,_match_js__WEBPACK_IMPORTED_MODULE_0__/* .byAge */ .jI)(a.subscriptions[0], b.subscriptions[0]));
    const left = new Map(needs);
    const chosen = [];
    for (const preview of candidates) {
        if ([...left.values()].every((n) => n <= 0))
            break;
        if (!preview.subscriptions.some((s) => (left.get(s.event) ?? 0) > 0))
            continue;
        chosen.push(preview);
        for (const s of preview.subscriptions)
            if (left.has(s.event))
                left.set(s.event, left.get(s.event) - 1);
    }
    return [...left.values()].every((n) => n <= 0) ? chosen : undefined;
}


/***/ }),

/***/ 4106:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Aq: () => (/* binding */ inCombinations),
/* harmony export */   My: () => (/* binding */ sameFilters),
/* harmony export */   Np: () => (/* binding */ findMatches),
/* harmony export */   jI: () => (/* binding */ byAge)
/* harmony export */ });
/* unused harmony export sameSubscription */
/* harmony import */ var _same_url_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6773);

/**
 * Same service, event and URL (exact but for the case of scheme and host, which Bird may store
 * in lower case), and the same multiset of filters in any order.
 * No filters, `null` and `[]` all mean "no filters" to Bird, so they match each other.
 */
function sameSubscription(existing, wanted) {
    return (existing.service === wanted.service &&
        existing.event === wanted.event &&
        (0,_same_url_js__WEBPACK_IMPORTED_MODULE_0__/* .sameUrl */ .cl)(existing.url, wanted.url) &&
        sameFilters(existing.eventFilters, wanted.eventFilters));
}
function sameFilters(a, b) {
    const left = canonical(a);
    const right = canonical(b);
    return left.length === right.length && left.every((entry, i) => entry === right[i]);
}
function canonical(filters) {
    // JSON of the pair keeps '=' or ',' inside keys and values from colliding.
    return (filters ?? []).map((f) => JSON.stringify([f.key, f.value])).sort();
}
/** The subscriptions in the step's combinations: its service and filters, any of its events. */
function inCombinations(all, step) {
    return all.filter((s) => s.service === step.service && step.events.includes(s.event) && sameFilters(s.eventFilters, step.eventFilters));
}
/** Matches, oldest first, so that "the" match is stable across runs. */
function findMatches(all, wanted) {
    return all
        .filter((s) => sameSubscription(s, wanted))
        .sort(byAge);
}
/**
 * Oldest first by `createdAt` as a point in time (offsets and fractions read as such); one without
 * a readable date sorts last, so it is never taken for the oldest; then by ID, so the order is
 * stable across runs.
 */
function byAge(a, b) {
    const ta = time(a);
    const tb = time(b);
    if (ta !== tb)
        return ta - tb;
    return String(a.id).localeCompare(String(b.id));
}
function time(s) {
    const t = typeof s.createdAt === 'string' ? Date.parse(s.createdAt) : NaN;
    return Number.isNaN(t) ? Number.MAX_SAFE_INTEGER : t;
}


/***/ }),

/***/ 6773:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cl: () => (/* binding */ sameUrl),
/* harmony export */   l2: () => (/* binding */ normalizeUrl),
/* harmony export */   sU: () => (/* binding */ looseUrl)
/* harmony export */ });
// When two spellings name the same receiving URL. Pure.
//
// Two strengths: `sameUrl` is what matching, adoption and the key rule use (scheme and host are
// case-insensitive, everything else exact, since Bird stores and signs the URL as given); `looseUrl`
// is what `keep-urls` uses, where a list built by a script must not lose a live subscription to
// a trailing slash, letter case, a default port or the order of query parameters.
/** A URL with scheme and host in lower case (they are case-insensitive), the rest as it is. */
function normalizeUrl(url) {
    const parts = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/]*)(.*)$/s.exec(url);
    return parts ? `${parts[1].toLowerCase()}${parts[2].toLowerCase()}${parts[3]}` : url;
}
/** The same URL up to the case of scheme and host. */
function sameUrl(a, b) {
    return typeof a === 'string' && typeof b === 'string' && normalizeUrl(a) === normalizeUrl(b);
}
/**
 * A comparison key under which spellings of one URL agree: all in lower case, without a default
 * port, without trailing slashes on the path, query parameters sorted; the fragment dropped.
 */
function looseUrl(url) {
    let parsed;
    try {
        parsed = new URL(url.trim());
    }
    catch {
        return url.trim().toLowerCase().replace(/\/+$/, '');
    }
    parsed.searchParams.sort();
    const query = parsed.search === '' ? '' : `?${parsed.searchParams.toString()}`;
    // URL already drops a default port (:443 for https) and lower-cases scheme and host.
    return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}${query}`.toLowerCase();
}


/***/ }),

/***/ 4162:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Kh: () => (/* binding */ isPlausibleSigningKey),
/* harmony export */   me: () => (/* binding */ deriveSigningKey),
/* harmony export */   sN: () => (/* binding */ MIN_SIGNING_KEY_LENGTH)
/* harmony export */ });
/* unused harmony exports SIGNING_KEY_SCHEME, SIGNING_KEY_BYTES, MAX_INFO_BYTES, endpointInfo */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _input_error_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(844);
/* harmony import */ var _same_url_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6773);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8992);
// The signing key used when `signing-key` is not given: derived, not random, so every re-run
// computes the same key for a receiving endpoint whether or not Bird shows keys. Pure.
//
// HKDF-SHA256 (RFC 5869): the access key (or `signing-key-seed`) is the input keying material;
// the salt names this action's scheme and version, so the output is unrelated to any other use of
// the same secret; info is the receiving endpoint. The organization ID is left out on purpose: it
// only selects Bird's other path form, and both forms must give the same key.




/** Changing this changes every derived key: bump the version only for a deliberate new scheme. */
const SIGNING_KEY_SCHEME = 'bird-webhook-subscription-action/signing-key/v1';
const SIGNING_KEY_BYTES = 32;
/** node's hkdfSync refuses a longer info. */
const MAX_INFO_BYTES = 1024;
/**
 * What can be a signing key, given or shown by Bird: printable, no white space, and long enough
 * that masking it does not blank ordinary words all over the log.
 */
const MIN_SIGNING_KEY_LENGTH = 8;
function isPlausibleSigningKey(key) {
    // Printable ASCII without a space passes at once: the Unicode class costs ~0.5 ms on first use (text.ts).
    return key.length >= MIN_SIGNING_KEY_LENGTH && (((0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .isPrintableAscii */ .Jn)(key) && !key.includes(' ')) || !/[\s\p{C}]/u.test(key));
}
/**
 * The HKDF info for an endpoint. A UUID has no newline, so the two parts cannot run into each other.
 * Scheme and host in lower case: one receiving URL, however its host is spelt, gets one key.
 */
function endpointInfo(endpoint) {
    return `${endpoint.workspaceId.toLowerCase()}\n${(0,_same_url_js__WEBPACK_IMPORTED_MODULE_3__/* .normalizeUrl */ .l2)(endpoint.url)}`;
}
/** 32 bytes, base64. `secret` is the access key or `signing-key-seed`. */
function deriveSigningKey(secret, endpoint) {
    const info = Buffer.from(endpointInfo(endpoint), 'utf8');
    if (info.length > MAX_INFO_BYTES) {
        throw new _input_error_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .d('url', `is too long to derive a signing key from (at most ${MAX_INFO_BYTES - 37} bytes); give 'signing-key' instead`);
    }
    return Buffer.from((0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.hkdfSync)('sha256', secret, SIGNING_KEY_SCHEME, info, SIGNING_KEY_BYTES)).toString('base64');
}


/***/ }),

/***/ 6708:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ inOrder)
/* harmony export */ });
/* harmony import */ var _bird_gate_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5856);
// Runs the writes of a set a few at a time, and prints what each did in the order of the set, as if
// they had run one after another: each item logs into its own buffer, printed once every item before
// it is done. After a failure no further item starts; those already running finish.

/** Settled results in item order; undefined for an item that never started (after a failure). */
async function inOrder(tasks, print, limit = _bird_gate_js__WEBPACK_IMPORTED_MODULE_0__/* .MAX_IN_FLIGHT */ .u) {
    const results = tasks.map(() => undefined);
    const logs = tasks.map(() => []);
    const finished = tasks.map(() => false);
    let next = 0;
    let printed = 0;
    let failed = false;
    const flush = () => {
        while (printed < tasks.length && finished[printed]) {
            for (const line of logs[printed])
                print(line);
            printed++;
        }
    };
    const worker = async () => {
        while (!failed && next < tasks.length) {
            const i = next++;
            try {
                results[i] = { ok: true, value: await tasks[i]((line) => logs[i].push(line)) };
            }
            catch (error) {
                results[i] = { ok: false, error };
                failed = true;
            }
            finished[i] = true;
            flush();
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
    // Items that never started are done too: print what the rest logged.
    for (let i = 0; i < tasks.length; i++)
        finished[i] = true;
    flush();
    return results;
}


/***/ }),

/***/ 826:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   QU: () => (/* binding */ maskSecrets),
/* harmony export */   cY: () => (/* binding */ debugLog)
/* harmony export */ });
/* unused harmony export SECRET_INPUTS */
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8992);

/** Inputs that hold a secret: each is masked before anything else is printed. */
const SECRET_INPUTS = ['access-key', 'signing-key', 'signing-key-seed'];
/**
 * A function that masks a secret for the runner (once) and for the action's own outside-text
 * escaper; the secret inputs are masked through it at once.
 */
function maskSecrets(core) {
    const masked = new Set();
    const mask = (secret) => {
        if (!secret || masked.has(secret))
            return;
        masked.add(secret);
        core.setSecret(secret);
        (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .registerSecret */ .cl)(secret);
    };
    for (const name of SECRET_INPUTS)
        mask(core.getInput(name));
    return mask;
}
/** core.debug when step debug logging is on; undefined otherwise, so nothing is formatted. */
function debugLog(core) {
    return core.isDebug() ? (message) => core.debug(message) : undefined;
}


/***/ }),

/***/ 6062:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fc: () => (/* binding */ CLEANUP_STATE),
/* harmony export */   VO: () => (/* binding */ parseCleanupState)
/* harmony export */ });
/* unused harmony export StateError */
/* harmony import */ var _bird_ids_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9753);
// What the main step saves for the post step, and how the post step reads it back. Holds no
// secret. Saved state is outside text: a step earlier in the job that can write $GITHUB_ENV can set
// STATE_cleanup. So the post step takes nothing from it but subscription IDs, checked as UUIDs;
// where to send requests, and how, comes from its own inputs.

const CLEANUP_STATE = 'cleanup';
// More than one run could ever create; a longer list is not ours.
const MAX_SAVED_IDS = 100;
class StateError extends Error {
    name = 'StateError';
}
/** The subscription IDs to delete, lower-cased and without repeats; StateError when the state does not fit. */
function parseCleanupState(text) {
    let state;
    try {
        state = JSON.parse(text);
    }
    catch {
        throw new StateError('it is not JSON');
    }
    if (typeof state !== 'object' || state === null || Array.isArray(state))
        throw new StateError('it is not a JSON object');
    const { subscriptionId, subscriptionIds } = state;
    const ids = [];
    if (subscriptionId !== undefined)
        ids.push(subscriptionId);
    if (subscriptionIds !== undefined) {
        if (!Array.isArray(subscriptionIds))
            throw new StateError('subscriptionIds is not a list');
        if (subscriptionIds.length > MAX_SAVED_IDS)
            throw new StateError(`subscriptionIds holds more than ${MAX_SAVED_IDS} IDs`);
        ids.push(...subscriptionIds);
    }
    if (ids.length === 0)
        throw new StateError('it holds no subscription ID');
    // One ID that does not fit means the state is not what the main step wrote: none is trusted.
    const bad = ids.findIndex((id) => !(0,_bird_ids_js__WEBPACK_IMPORTED_MODULE_0__/* .isUuid */ .O)(id));
    if (bad >= 0)
        throw new StateError(`subscription ID #${bad + 1} is not a UUID`);
    return [...new Set(ids.map((id) => id.toLowerCase()))];
}


/***/ }),

/***/ 8992:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B7: () => (/* binding */ summaryCell),
/* harmony export */   E$: () => (/* binding */ redact),
/* harmony export */   Jn: () => (/* binding */ isPrintableAscii),
/* harmony export */   SP: () => (/* binding */ shown),
/* harmony export */   cl: () => (/* binding */ registerSecret)
/* harmony export */ });
/* unused harmony export DEFAULT_SHOWN_LENGTH */
// The one door through which text from outside (Bird's answers, inputs, saved state, proxies)
// reaches the log, error messages, outputs and the job summary.
//
// How the runner reads a step's output (actions/runner, ActionCommand.cs): it splits stdout into
// lines on CR, LF and CRLF; a line is a command when, after leading whitespace is trimmed, it starts
// with `::name...::`, or (the legacy form) when it contains `##[name...]` ANYWHERE. So outside text
// is made one line with every control, line-separator and invisible format character escaped, may
// not start with `:` (after whitespace), never contains `##[`, and is capped so that a hostile
// answer cannot flood the log.
const DEFAULT_SHOWN_LENGTH = 300;
// Secrets registered with the runner's mask. The runner masks only exact occurrences, and escaping
// or cutting outside text (an error body that echoes a key) would turn a secret into something it
// no longer recognises; so every secret is replaced before anything else is done to the text.
const secrets = new Set();
/** Registers a secret that must never appear in outside text shown by this action. */
function registerSecret(secret) {
    if (secret)
        secrets.add(secret);
}
/** `text` with every registered secret replaced by `***`. */
function redact(text) {
    let out = text;
    // Longest first: a secret that contains another must not leave its remainder behind.
    for (const secret of [...secrets].sort((a, b) => b.length - a.length))
        if (out.includes(secret))
            out = out.split(secret).join('***');
    return out;
}
// Controls (C0, DEL, C1 incl. NEL), surrogates left alone, line/paragraph separators, and format
// characters (zero-width, bidi overrides, BOM, soft hyphen) that would hide or reorder text.
const UNPRINTABLE = /[\p{Cc}\p{Cs}\p{Cf}\p{Zl}\p{Zp}]/gu;
// Most text is printable ASCII, where the Unicode classes here find nothing (in ASCII, \p{L} and
// \p{N} are letters and digits): V8 builds such a class the first time it is used, about 0.5 ms
// each, a cost every step would pay. Text that passes this skips them.
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/** True when `text` holds printable ASCII characters only (space included). */
function isPrintableAscii(text) {
    return PRINTABLE_ASCII.test(text);
}
/** Outside text as one printable line: control and line-separator characters escaped, length capped. */
function shown(value, max = DEFAULT_SHOWN_LENGTH) {
    let text = redact(typeof value === 'string' ? value : (safeJson(value) ?? String(value)));
    let cut = 0;
    if (text.length > max) {
        // Do not split a surrogate pair at the cut.
        const end = /[\ud800-\udbff]/.test(text[max - 1] ?? '') ? max - 1 : max;
        cut = text.length - end;
        text = text.slice(0, end);
    }
    if (!isPrintableAscii(text))
        text = text.replace(UNPRINTABLE, escapeChar);
    text = text
        // Legacy command form, found anywhere in a line.
        .replace(/#\[/g, '#\\[')
        // Modern command form, found at the start of a line (after whitespace), should a caller print
        // the value first.
        .replace(/^(\s*):/, '$1\\:');
    return cut > 0 ? `${text}… (${cut} more characters not shown)` : text;
}
function escapeChar(c) {
    if (c === '\n')
        return '\\n';
    if (c === '\r')
        return '\\r';
    if (c === '\t')
        return '\\t';
    const code = c.codePointAt(0) ?? 0;
    return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
}
function safeJson(value) {
    try {
        return JSON.stringify(value);
    }
    catch {
        return undefined;
    }
}
// In a job summary cell, only these stay as they are; everything else becomes a numeric character
// reference, which renders as the same character but can start neither HTML nor Markdown syntax.
const CELL_SAFE = /[\p{L}\p{N} .,:;=/?+-]/u;
const ASCII_CELL_SAFE = /[A-Za-z0-9 .,:;=/?+-]/;
/**
 * Outside text for one job summary table cell: single line (as shown() makes it), then every
 * character that HTML or Markdown could read as syntax written as a character reference.
 */
function summaryCell(value, max = DEFAULT_SHOWN_LENGTH) {
    let cell = '';
    for (const c of shown(value, max))
        cell += (c < '\x80' ? ASCII_CELL_SAFE : CELL_SAFE).test(c) ? c : `&#${c.codePointAt(0)};`;
    return cell;
}


/***/ }),

/***/ 311:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _O: () => (/* binding */ USER_AGENT)
/* harmony export */ });
/* unused harmony exports ACTION_NAME, ACTION_VERSION */
// Kept in step with package.json by a test; a constant avoids bundling package.json.
const ACTION_NAME = 'bird-webhook-subscription-action';
const ACTION_VERSION = '1.0.0';
const USER_AGENT = `${ACTION_NAME}/${ACTION_VERSION}`;


/***/ })

};
