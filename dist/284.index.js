export const id = 284;
export const ids = [284];
export const modules = {

/***/ 1284:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  checkReceivers: () => (/* binding */ checkReceivers)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/bird/connect.ts + 2 modules
var connect = __webpack_require__(7792);
// EXTERNAL MODULE: ./src/bird/errors.ts
var errors = __webpack_require__(8464);
// EXTERNAL MODULE: ./src/bird/http.ts + 2 modules
var http = __webpack_require__(356);
// EXTERNAL MODULE: ./src/bird/retry.ts
var retry = __webpack_require__(2749);
// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
;// CONCATENATED MODULE: ./src/plan/receiver.ts
// check-receiver, the pure part: the delivery a check sends (body, headers, Bird's signature) and
// what the receiver's answer means (pass, fail or retry, with the message). No I/O; the sending is
// src/steps/check-receiver.ts.


/** Names the sender in the payload, so that receivers can recognise a check. */
const CHECK_SENDER = 'bird-webhook-subscription-action';
/**
 * Bird's signature (docs/verifying-deliveries.md): base64 HMAC-SHA256, keyed with the signing
 * key's text, over `timestamp\nurl\n` followed by the 32 raw bytes of the body's SHA-256.
 */
function birdSignature(key, timestamp, url, rawBody) {
    const bodyHash = (0,external_node_crypto_.createHash)('sha256').update(rawBody).digest();
    return (0,external_node_crypto_.createHmac)('sha256', key)
        .update(Buffer.concat([Buffer.from(`${timestamp}\n${url}\n`), bodyHash]))
        .digest('base64');
}
/** The check's body: Bird's envelope, with a payload that says it is a check and how to answer it. */
function checkBody(input) {
    return JSON.stringify({
        service: input.service,
        event: input.event,
        payload: {
            receiverCheck: input.kind,
            sentBy: CHECK_SENDER,
            sentAt: new Date(input.now).toISOString(),
            message: input.kind === 'forged'
                ? 'A receiver check, not an event: its signature is deliberately wrong. Refuse it (401) without acting on it.'
                : 'A receiver check, not an event: signed with the subscription key. Accept it (2xx) and take no action.',
        },
    });
}
/** The whole delivery, headers as Bird sends them; never an Authorization header. */
function buildDelivery(input) {
    const body = checkBody(input);
    // Unix seconds, as Bird's timestamps are.
    const timestamp = String(Math.floor(input.now / 1000));
    return {
        body,
        headers: {
            'content-type': 'application/json',
            'messagebird-signature': birdSignature(input.key, timestamp, input.url, body),
            'messagebird-request-timestamp': timestamp,
            'messagebird-request-id': input.requestId,
        },
    };
}
/** A wrong key for `forged`: random bytes as base64, never the step's key. */
function forgedKey(stepKey, random) {
    for (;;) {
        const key = random().toString('base64');
        if (key !== stepKey)
            return key;
    }
}
/** The distinct URLs of a step's subscriptions, in order: one check each, however many events share one. */
function receiverUrls(urls) {
    return [...new Set(urls.filter((url) => url !== ''))];
}
/**
 * What the receiver's answer to one delivery means. Both kinds: 404/405 fail (wrong URL or
 * method), a redirect fails (not followed), 408, 429 and 5xx are retried. `forged` passes on any
 * other 4xx and fails on 2xx; `signed` passes on 2xx, fails on 401/403, and takes any other 4xx
 * as a pass (the receiver refused the check's content, not its signature), with a note.
 */
function classifyAnswer(kind, answer) {
    const { status } = answer;
    const http = `HTTP ${status}`;
    if (status === 404)
        return { outcome: 'fail', message: `the receiver answered ${http} Not Found: no receiver at this URL; check the path` };
    if (status === 405)
        return { outcome: 'fail', message: `the receiver answered ${http} Method Not Allowed: this URL does not take POST; check the path` };
    if (status === 408 || status === 429 || (status >= 500 && status <= 599))
        return { outcome: 'retry', message: `the receiver answered ${http}` };
    if (status >= 300 && status <= 399) {
        const to = answer.location ? ` to '${(0,src_text/* shown */.SP)(answer.location, 200)}'` : '';
        return { outcome: 'fail', message: `the receiver answered ${http}, a redirect${to}, which is not followed: give the subscription the URL that answers itself` };
    }
    if (status >= 200 && status <= 299) {
        return kind === 'forged'
            ? { outcome: 'fail', message: `the receiver accepted a delivery with a forged signature (${http}): it must check messagebird-signature before acting` }
            : { outcome: 'pass', message: `accepted the delivery signed with the step's key (${http})` };
    }
    if (status >= 400 && status <= 499) {
        if (kind === 'forged')
            return { outcome: 'pass', message: `refused the delivery with a forged signature (${http})` };
        if (status === 401 || status === 403) {
            return { outcome: 'fail', message: `the receiver's key differs from this step's signing key: it refused a delivery signed with that key (${http})` };
        }
        return {
            outcome: 'pass',
            message: `refused the delivery signed with the step's key with ${http}, not 401 or 403: taken as refusing the check's content after verifying its signature`,
            note: `answer 2xx to a check (payload.receiverCheck) to pass without this warning`,
        };
    }
    return { outcome: 'fail', message: `the receiver answered ${http}, which is not an HTTP answer a delivery can get` };
}

// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
;// CONCATENATED MODULE: ./src/steps/check-receiver.ts
// check-receiver, the sending: after the subscriptions are in place, one check per distinct URL,
// sent the way Bird sends deliveries, through the same transport as Bird's requests (proxy, deadline)
// but never with the access key. Loaded only when check-receiver is not off.








/** What the start of an answer's body may show: enough to read a receiver's error, no more. */
const ANSWER_TEXT_LENGTH = 120;
async function checkReceivers(inputs, outcome, deps) {
    const report = { result: 'passed', deliveries: [], failures: [] };
    const key = outcome.signingKey ?? '';
    const urls = receiverUrls(outcome.items.map((item) => item.subscription?.url ?? inputs.url));
    for (const url of urls) {
        // One transport per URL (its proxy and deadline), shared by that URL's deliveries.
        let line;
        const lineFor = () => (line ??= (0,http/* createExchange */.Cc)({ target: new URL(url), timeoutMs: inputs.timeoutMs, env: deps.env, mask: deps.mask }));
        const event = outcome.items.find((item) => (item.subscription?.url ?? inputs.url) === url)?.event ?? inputs.events[0] ?? '';
        const kinds = inputs.checkReceiver === 'signed' ? ['forged', 'signed'] : ['forged'];
        for (const kind of kinds) {
            // The forged one goes first: a receiver that accepts it must not also get a valid one.
            const delivery = await deliver(kind, url, event, kind === 'signed' ? key : forgedKey(key, () => (0,external_node_crypto_.randomBytes)(32)), lineFor, inputs, deps);
            report.deliveries.push(delivery);
            if (!delivery.passed) {
                report.failures.push(delivery.failure ?? delivery.message);
                break;
            }
        }
    }
    if (report.failures.length > 0)
        report.result = 'failed';
    return report;
}
/** A retryable answer, for withRetries: another attempt of the same delivery may pass. */
class RetryableAnswer extends Error {
    retryAfterMs;
    retryable = true;
    maybeProcessed = false;
    constructor(message, retryAfterMs) {
        super(message);
        this.retryAfterMs = retryAfterMs;
    }
}
async function deliver(kind, url, event, key, lineFor, inputs, deps) {
    const requestId = (0,external_node_crypto_.randomUUID)();
    // Built once: a retry re-sends the same delivery (same ID and timestamp), as Bird's retries do.
    const delivery = buildDelivery({ kind, url, service: inputs.service, event, key, now: Date.now(), requestId });
    const label = `POST ${(0,src_text/* shown */.SP)(url)}`;
    const record = { kind, url, event, requestId, attempts: 0, answer: '', passed: false, message: '' };
    let verdict;
    try {
        // Chosen (and a bad proxy variable refused) before anything is sent, as for Bird.
        const exchange = lineFor();
        const policy = (0,connect/* retryPolicy */.J)(inputs.maxAttempts, (message) => deps.info(`Receiver check: ${message}`), deps.env);
        verdict = await (0,retry/* withRetries */.LH)(label, policy, async () => {
            record.attempts++;
            let res;
            try {
                // Exactly Bird's headers and ours: no Authorization, whatever the transport does for Bird.
                res = await exchange({
                    method: 'POST',
                    url: new URL(url),
                    label: (0,src_text/* shown */.SP)(url),
                    headers: { ...delivery.headers, 'user-agent': version/* USER_AGENT */._O },
                    body: delivery.body,
                });
            }
            catch (error) {
                record.answer = `no answer: ${error instanceof errors/* NetworkError */.Dr ? error.reason : (0,errors/* errorMessage */.gJ)(error)}`;
                throw error;
            }
            record.answer = describeAnswer(res, delivery.headers['messagebird-signature'] ?? '');
            const found = classifyAnswer(kind, { status: res.status, location: header(res, 'location') });
            if (found.outcome === 'retry')
                throw new RetryableAnswer(`${label} failed: ${found.message}`, (0,retry/* parseRetryAfter */.mu)(header(res, 'retry-after')));
            return found;
        });
    }
    catch (error) {
        // Retries ran out, or a failure no retry fixes (an untrusted certificate, a bad proxy variable).
        const message = (0,errors/* errorMessage */.gJ)(error);
        if (!record.answer)
            record.answer = `not sent: ${message}`;
        verdict = { outcome: 'fail', message };
        // The message names the URL already.
        record.failure = message;
    }
    record.passed = verdict.outcome === 'pass';
    record.message = verdict.message;
    if (!record.passed)
        record.failure ??= `${(0,src_text/* shown */.SP)(url)}: ${verdict.message}`;
    const how = kind === 'forged' ? 'with a forged signature' : "signed with the step's key";
    deps.info(`Receiver check: POST ${(0,src_text/* shown */.SP)(url)} ${how} (request ID ${requestId}, ${record.attempts === 1 ? '1 attempt' : `${record.attempts} attempts`}): ${record.passed ? 'passed' : 'failed'}, ${verdict.message}`);
    if (verdict.outcome === 'pass' && verdict.note)
        deps.warning(`Receiver check: ${(0,src_text/* shown */.SP)(url)} ${verdict.message}; ${verdict.note}`);
    return record;
}
function header(res, name) {
    const value = res.headers[name];
    return Array.isArray(value) ? value[0] : value;
}
function describeAnswer(res, signature) {
    // A receiver may echo what it was sent; the log and the summary never show a signature.
    const text = (signature ? res.text.split(signature).join('(signature)') : res.text).trim();
    return text ? `HTTP ${res.status}: ${(0,src_text/* shown */.SP)(text, ANSWER_TEXT_LENGTH)}` : `HTTP ${res.status}`;
}


/***/ })

};
