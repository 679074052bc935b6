export const id = 691;
export const ids = [691];
export const modules = {

/***/ 2691:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runPost: () => (/* binding */ runPost)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2462);


async function runPost(core, deps) {
    const accessKey = core.getInput('access-key');
    if (accessKey)
        core.setSecret(accessKey);
    const saved = core.getState(_state_js__WEBPACK_IMPORTED_MODULE_1__/* .CLEANUP_STATE */ .F);
    if (!saved) {
        core.info('Nothing to clean up: this run created no subscription with cleanup enabled');
        return;
    }
    let id = 'unknown';
    try {
        const state = JSON.parse(saved);
        id = state.subscriptionId;
        const client = deps.connect({ ...state, accessKey, apiUrl: new URL(state.apiUrl) }, (m) => core.info(m));
        const outcome = await client.remove(id);
        core.info(outcome === 'deleted' ? `Cleanup: deleted subscription ${id}` : `Cleanup: subscription ${id} was already gone`);
    }
    catch (error) {
        core.warning(`Cleanup of subscription ${id} failed: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error)}`);
    }
}


/***/ }),

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dr: () => (/* binding */ NetworkError),
/* harmony export */   Mp: () => (/* binding */ BirdApiError),
/* harmony export */   gJ: () => (/* binding */ errorMessage),
/* harmony export */   o3: () => (/* binding */ ResponseError)
/* harmony export */ });
/* unused harmony exports ActionError, formatApiError, describeBody, oneLine */
// Errors the user sees: one line each, naming the request or input that caused them.
/** Bird answered with an HTTP error status. */
class BirdApiError extends Error {
    status;
    method;
    path;
    body;
    constructor(status, method, path, body, options = {}) {
        super(formatApiError(status, method, path, body, options.hint));
        this.status = status;
        this.method = method;
        this.path = path;
        this.body = body;
        this.retryAfterMs = options.retryAfterMs;
        this.name = 'BirdApiError';
    }
    retryAfterMs;
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
    constructor(method, path, reason, 
    /** False only when the request certainly never reached Bird (connection refused, DNS failure). */
    maybeProcessed) {
        super(`${method} ${path} failed: ${reason}`);
        this.method = method;
        this.path = path;
        this.reason = reason;
        this.maybeProcessed = maybeProcessed;
        this.name = 'NetworkError';
    }
    retryable = true;
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


/***/ })

};
