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
// what the receiver's answer means, judged by its status line alone (pass, fail, inconclusive,
// warn or retry, with the message). No I/O; the sending is src/steps/check-receiver.ts.


/**
 * How long Bird retries a failed delivery, keeping its first timestamp: "for a period of 8 hours"
 * (docs.bird.com, Retries). One practitioner reports about 24 hours; the check uses the documented period.
 */
const BIRD_RETRY_PERIOD_MS = 8 * 60 * 60 * 1000;
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
/** What each check's payload asks of the receiver. */
const CHECK_MESSAGES = {
    forged: 'A receiver check, not an event: its signature is deliberately wrong. Refuse it (401) without acting on it.',
    signed: 'A receiver check, not an event: signed with the subscription key. Accept it (2xx) and take no action.',
    retry: "A receiver check, not an event: a retry check, signed with the subscription key and timestamped 8 hours back, as Bird's retries keep their first timestamp. Accept it (2xx) and take no action.",
};
/** The check's body: Bird's envelope, with a payload that says it is a check and how to answer it. */
function checkBody(input) {
    return JSON.stringify({
        service: input.service,
        event: input.event,
        payload: {
            receiverCheck: input.kind,
            sentBy: CHECK_SENDER,
            sentAt: new Date(input.now).toISOString(),
            message: CHECK_MESSAGES[input.kind],
        },
    });
}
/** The whole delivery, headers as Bird sends them; never an Authorization header. */
function buildDelivery(input) {
    const body = checkBody(input);
    // Unix seconds, as Bird's timestamps are; a retry keeps the timestamp of a first attempt 8 hours back.
    const signedAt = input.kind === 'retry' ? input.now - BIRD_RETRY_PERIOD_MS : input.now;
    const timestamp = String(Math.floor(signedAt / 1000));
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
/** 401 or 403: the answers that say "your signature is wrong", the only refusal that proves a check. */
const refusesSignature = (status) => status === 401 || status === 403;
const isSuccess = (status) => status >= 200 && status <= 299;
/** Where the retry check's warnings point: how old a timestamp the receiver must accept. */
const RETRY_FIX = "let the receiver accept timestamps more than 8 hours old (the verification function in this action's docs allows 24 hours)";
/**
 * A delivery signed with the step's key refused at one spelling of a URL while another spelling
 * passed: the receiver verifies over the URL it knows, Bird signs over the subscription's.
 */
function spellingRefusal(passedUrl, status) {
    return (`the receiver refused a delivery signed with the step's key (HTTP ${status}) at this spelling of the URL, but accepted it at '${(0,src_text/* shown */.SP)(passedUrl, 200)}': ` +
        `Bird signs each delivery over the URL as the subscription spells it, so deliveries to this subscription would be refused too; give its subscriptions one spelling (the url input)`);
}
/**
 * What the receiver's answer to one delivery means, by its status line alone. Every kind: 404/405
 * fail (wrong URL or method), a redirect fails (not followed), 408, 429 and 5xx are retried.
 * `forged`: 401/403 pass, a 2xx fails, another 4xx is inconclusive (a receiver that validates the
 * payload before the signature answers so too). `signed`, judged with the forged delivery's status:
 * after a 401/403, a 2xx passes, a 401/403 fails (the keys differ) and another 4xx passes with a
 * note; after another 4xx, only a 2xx passes (the answers differ by signature alone) and any 4xx is
 * inconclusive. `retry` (after a signed 2xx): a 2xx passes, anything else is a warning.
 */
function classifyAnswer(kind, answer, forgedStatus = 401) {
    const { status } = answer;
    const http = `HTTP ${status}`;
    if (status === 408 || status === 429 || (status >= 500 && status <= 599))
        return { outcome: 'retry', message: `the receiver answered ${http}` };
    if (kind === 'retry')
        return classifyRetryCheck(status);
    if (status === 404)
        return { outcome: 'fail', message: `the receiver answered ${http} Not Found: no receiver at this URL; check the path` };
    if (status === 405)
        return { outcome: 'fail', message: `the receiver answered ${http} Method Not Allowed: this URL does not take POST; check the path` };
    if (status >= 300 && status <= 399) {
        const to = answer.location ? ` to '${(0,src_text/* shown */.SP)(answer.location, 200)}'` : '';
        return { outcome: 'fail', message: `the receiver answered ${http}, a redirect${to}, which is not followed: give the subscription the URL that answers itself` };
    }
    if (isSuccess(status)) {
        if (kind === 'forged')
            return { outcome: 'fail', message: `the receiver accepted a delivery with a forged signature (${http}): it must check messagebird-signature before acting` };
        return refusesSignature(forgedStatus)
            ? { outcome: 'pass', message: `accepted the delivery signed with the step's key (${http})` }
            : { outcome: 'pass', message: `accepted the delivery signed with the step's key (${http}) after refusing the forged one (HTTP ${forgedStatus}): the answers differ by signature alone` };
    }
    if (status >= 400 && status <= 499)
        return kind === 'forged' ? classifyForgedRefusal(status) : classifySignedRefusal(status, forgedStatus);
    return { outcome: 'fail', message: `the receiver answered ${http}, which is not an HTTP answer a delivery can get` };
}
function classifyForgedRefusal(status) {
    if (refusesSignature(status))
        return { outcome: 'pass', message: `refused the delivery with a forged signature (HTTP ${status})` };
    return {
        outcome: 'inconclusive',
        message: `refused the delivery with a forged signature with HTTP ${status}, not 401 or 403: a receiver that validates the payload before the signature, or never checks it, answers so too, so this does not show that signatures are checked`,
        fix: 'to make the check conclusive, answer 401 to a bad signature, or use check-receiver: signed',
    };
}
function classifySignedRefusal(status, forgedStatus) {
    const http = `HTTP ${status}`;
    if (!refusesSignature(forgedStatus)) {
        const keys = refusesSignature(status) ? " (or its key differs from this step's signing key)" : '';
        return {
            outcome: 'inconclusive',
            message: `the receiver answered both deliveries alike, refusing the one with a forged signature (HTTP ${forgedStatus}) and the one signed with the step's key (${http}), and may not check signatures${keys}`,
            fix: 'make it answer 401 to a bad signature, or 2xx to a check signed with its key (payload.receiverCheck), without acting on it',
        };
    }
    if (refusesSignature(status)) {
        return { outcome: 'fail', message: `the receiver's key differs from this step's signing key: it refused a delivery signed with that key (${http})` };
    }
    return {
        outcome: 'pass',
        message: `refused the delivery signed with the step's key with ${http}, not 401 or 403: taken as refusing the check's content after verifying its signature`,
        note: `answer 2xx to a check (payload.receiverCheck) to pass without this warning`,
    };
}
/** The retry check comes after the receiver accepted a fresh signed delivery: only the timestamp differs. */
function classifyRetryCheck(status) {
    const http = `HTTP ${status}`;
    if (isSuccess(status))
        return { outcome: 'pass', message: `accepted a delivery signed with the step's key and timestamped 8 hours back, as Bird's retries are (${http})` };
    if (refusesSignature(status)) {
        return {
            outcome: 'warn',
            message: `refused a delivery signed with the step's key but timestamped 8 hours back (${http}): Bird's retries keep their first timestamp, so after an outage its retried deliveries would be refused and lost; ${RETRY_FIX}`,
        };
    }
    return {
        outcome: 'warn',
        message: `answered ${http} to a delivery signed with the step's key and timestamped 8 hours back, after accepting a fresh one: Bird's retried deliveries, which keep their first timestamp, may be refused; ${RETRY_FIX}`,
    };
}

// EXTERNAL MODULE: ./src/plan/same-url.ts
var same_url = __webpack_require__(6773);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
;// CONCATENATED MODULE: ./src/steps/check-receiver.ts
// check-receiver, the sending: after the subscriptions are in place, one check per distinct URL,
// sent the way Bird sends deliveries, through the same transport as Bird's requests (proxy, deadline)
// but never with the access key. Loaded only when check-receiver is not off.









/** What the start of an answer's body may show: enough to read a receiver's error, no more. */
const ANSWER_TEXT_LENGTH = 120;
/** What is read of an answer's body (the status line is the answer): room for the excerpt and an echoed signature. */
const ANSWER_READ_BYTES = 4096;
async function checkReceivers(inputs, outcome, deps) {
    const report = { result: 'passed', deliveries: [], failures: [] };
    const key = outcome.signingKey ?? '';
    const urls = receiverUrls(outcome.items.map((item) => item.subscription?.url ?? inputs.url));
    let inconclusive = false;
    for (const url of urls) {
        // One transport per URL (its proxy and deadline), shared by that URL's deliveries.
        let line;
        const lineFor = () => (line ??= (0,http/* createExchange */.Cc)({ target: new URL(url), timeoutMs: inputs.timeoutMs, env: deps.env, mask: deps.mask }));
        const event = outcome.items.find((item) => (item.subscription?.url ?? inputs.url) === url)?.event ?? inputs.events[0] ?? '';
        const send = async (kind, forgedStatus) => {
            const delivery = await deliver(kind, url, event, kind === 'forged' ? forgedKey(key, () => (0,external_node_crypto_.randomBytes)(32)) : key, lineFor, inputs, deps, forgedStatus);
            report.deliveries.push(delivery);
            return delivery;
        };
        // The forged one goes first: a receiver that accepts it must not also get a valid one.
        const forged = await send('forged');
        if (forged.result === 'failed') {
            report.failures.push(forged.failure ?? forged.message);
            continue;
        }
        if (inputs.checkReceiver !== 'signed') {
            inconclusive ||= forged.result === 'inconclusive';
            continue;
        }
        const signed = await send('signed', forged.status);
        if (signed.result !== 'passed') {
            inconclusive ||= signed.result === 'inconclusive';
            report.failures.push(signed.failure ?? signed.message);
            continue;
        }
        // Bird's retries: only once a fresh signed delivery was accepted, so only the timestamp differs.
        if (signed.status !== undefined && signed.status >= 200 && signed.status <= 299)
            await send('retry');
        else
            deps.info(`Receiver check: retry check not sent to ${(0,src_text/* shown */.SP)(url)}: the delivery signed with the step's key was not accepted with a 2xx`);
    }
    explainSpellings(report);
    const failed = report.deliveries.some((delivery) => delivery.result === 'failed');
    report.result = failed ? 'failed' : inconclusive ? 'inconclusive' : 'passed';
    return report;
}
/**
 * Bird signs each delivery over the URL as its subscription spells it. Where one spelling of a URL
 * passed the signed check and another spelling was refused, the key is not what differs: say so.
 */
function explainSpellings(report) {
    for (const refused of report.deliveries) {
        if (refused.kind !== 'signed' || refused.result !== 'failed' || refused.status === undefined || !refusesSignature(refused.status))
            continue;
        const twin = report.deliveries.find((d) => d.kind === 'signed' && d.result === 'passed' && d.url !== refused.url && (0,same_url/* looseUrl */.sU)(d.url) === (0,same_url/* looseUrl */.sU)(refused.url));
        if (!twin)
            continue;
        const message = spellingRefusal(twin.url, refused.status);
        const at = report.failures.indexOf(refused.failure ?? '');
        refused.message = message;
        refused.failure = `${(0,src_text/* shown */.SP)(refused.url)}: ${message}`;
        if (at >= 0)
            report.failures[at] = refused.failure;
    }
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
async function deliver(kind, url, event, key, lineFor, inputs, deps, forgedStatus) {
    const requestId = (0,external_node_crypto_.randomUUID)();
    // Built once: a retry re-sends the same delivery (same ID and timestamp), as Bird's retries do.
    const delivery = buildDelivery({ kind, url, service: inputs.service, event, key, now: Date.now(), requestId });
    const label = `POST ${(0,src_text/* shown */.SP)(url)}`;
    const record = { kind, url, event, requestId, how: SENT_HOW[kind], attempts: 0, answer: '', result: 'failed', message: '' };
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
                    excerptBytes: ANSWER_READ_BYTES,
                });
            }
            catch (error) {
                record.answer = `no answer: ${error instanceof errors/* NetworkError */.Dr ? error.reason : (0,errors/* errorMessage */.gJ)(error)}`;
                throw error;
            }
            record.answer = describeAnswer(res, delivery.headers['messagebird-signature'] ?? '');
            record.status = res.status;
            const found = classifyAnswer(kind, { status: res.status, location: header(res, 'location') }, forgedStatus);
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
        // The message names the URL already.
        if (kind === 'retry')
            verdict = { outcome: 'warn', message: `could not tell whether Bird's retried deliveries get through: ${message}` };
        else {
            verdict = { outcome: 'fail', message };
            record.failure = message;
        }
    }
    record.result = RESULTS[verdict.outcome];
    // In signed mode an inconclusive forged answer is not the end: the signed one decides.
    const decidedLater = kind === 'forged' && inputs.checkReceiver === 'signed';
    record.message = verdict.outcome === 'inconclusive' ? `${verdict.message}; ${decidedLater ? 'the answer to the signed delivery decides' : verdict.fix}` : verdict.message;
    if (record.result === 'failed' || record.result === 'inconclusive')
        record.failure ??= `${(0,src_text/* shown */.SP)(url)}: ${record.message}`;
    deps.info(`Receiver check: POST ${(0,src_text/* shown */.SP)(url)} ${SENT_HOW[kind]} (request ID ${requestId}, ${record.attempts === 1 ? '1 attempt' : `${record.attempts} attempts`}): ${record.result}, ${verdict.message}`);
    // Said as a warning: what passed with a note, what could not be judged in forged mode (signed mode
    // fails on it), and the retry check's refusals.
    if (verdict.outcome === 'pass' && verdict.note)
        deps.warning(`Receiver check: ${(0,src_text/* shown */.SP)(url)} ${verdict.message}; ${verdict.note}`);
    if (verdict.outcome === 'warn')
        deps.warning(`Receiver check: ${(0,src_text/* shown */.SP)(url)}: ${verdict.message}`);
    if (verdict.outcome === 'inconclusive' && kind === 'forged' && !decidedLater) {
        deps.warning(`Receiver check inconclusive: ${(0,src_text/* shown */.SP)(url)} ${record.message}`);
    }
    return record;
}
const RESULTS = { pass: 'passed', fail: 'failed', inconclusive: 'inconclusive', warn: 'warned' };
/** How each kind was sent, as the log and the job summary say it. */
const SENT_HOW = {
    forged: 'with a forged signature',
    signed: "signed with the step's key",
    retry: "signed with the step's key, timestamped 8 hours back (retry check)",
};
function header(res, name) {
    const value = res.headers[name];
    return Array.isArray(value) ? value[0] : value;
}
function describeAnswer(res, signature) {
    // A receiver may echo what it was sent; the log and the summary never show a signature.
    // Also as a URL or JSON string would carry it.
    let text = res.text;
    if (signature)
        for (const form of new Set([signature, encodeURIComponent(signature), signature.replaceAll('/', '\\/')]))
            text = text.split(form).join('(signature)');
    text = text.trim();
    return text ? `HTTP ${res.status}: ${(0,src_text/* shown */.SP)(text, ANSWER_TEXT_LENGTH)}` : `HTTP ${res.status}`;
}


/***/ })

};
