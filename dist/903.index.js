export const id = 903;
export const ids = [903];
export const modules = {

/***/ 2284:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  checkEvents: () => (/* binding */ checkEvents)
});

// EXTERNAL MODULE: ./src/bird/errors.ts
var errors = __webpack_require__(8464);
// EXTERNAL MODULE: ./src/plan/events.ts
var plan_events = __webpack_require__(654);
// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
;// CONCATENATED MODULE: ./src/plan/confirm-events.ts


/** How many of Bird's names a refusal shows when none is near the one asked for. */
const SAMPLE = 8;
/** `cost` counts the work of the "did you mean" searches (tests bound it; see closest()). */
function judgeNames(asked, lookup, cost = { cells: 0 }) {
    const verdict = { refusals: [], warnings: [], infos: [], confirmed: [] };
    const { service, eventsInput: input } = asked;
    const listed = 'failed' in lookup ? [] : lookup.services.filter((s) => s.service === service).flatMap((s) => s.events);
    const why = 'failed' in lookup ? lookup.failed : listed.length === 0 ? `Bird lists no events for service '${(0,src_text/* shown */.SP)(service, 60)}' in this workspace` : undefined;
    const byName = new Map();
    for (const event of listed)
        if (!byName.has(event.name))
            byName.set(event.name, event);
    const names = [...byName.keys()];
    for (const event of asked.toConfirm.events) {
        if (why !== undefined) {
            // Where the table has nothing to say either (numbers, payments), this is no worse than before: info.
            const warning = (0,plan_events/* unknownEventWarning */.x8)(service, event, input, why);
            if (warning)
                verdict.warnings.push(warning);
            else
                verdict.infos.push(`Input '${input}' ${input === 'events' ? 'lists' : 'is'} '${(0,src_text/* shown */.SP)(event, 80)}', which Bird could not confirm for service '${(0,src_text/* shown */.SP)(service, 60)}' (${why}); it is sent as given`);
        }
        else if (byName.has(event)) {
            verdict.confirmed.push(event);
        }
        else {
            verdict.refusals.push(notListed(asked, event, names, cost));
        }
    }
    // Once Bird's answer is here, it judges every key where it lists the event's keys (no extra
    // request): a key the table holds may still be one this event does not take.
    const unknownKeys = new Set(asked.toConfirm.filterKeys);
    const keys = why === undefined ? [...new Set([...(asked.filterKeys ?? []), ...unknownKeys])] : [...unknownKeys];
    for (const key of keys) {
        const judged = why === undefined ? judgeKey(key, asked.events, byName, cost) : { unconfirmed: why };
        if ('refusal' in judged)
            verdict.refusals.push(judged.refusal);
        else if (!unknownKeys.has(key))
            continue; // the table vouches for it, and Bird did not say otherwise
        else if ('unconfirmed' in judged)
            keyUnconfirmed(verdict, service, key, judged.unconfirmed);
        else
            verdict.confirmed.push(key);
    }
    return verdict;
}
function notListed(asked, event, names, cost) {
    const other = (0,plan_events/* eventMismatch */.Fd)(asked.service, event)?.otherService;
    const near = (0,plan_events/* closest */.kp)(event, names, cost);
    const advice = other
        ? `it is an event of service '${other}'`
        : near !== undefined
            ? `did you mean ${(0,src_text/* shown */.SP)(near, 80)}?`
            : `Bird lists ${sample(names)}`;
    const verb = asked.eventsInput === 'events' ? 'lists' : 'is';
    return `Input '${asked.eventsInput}' ${verb} '${(0,src_text/* shown */.SP)(event, 80)}', which Bird does not list for service '${(0,src_text/* shown */.SP)(asked.service, 60)}' in this workspace; ${advice} (a subscription to it would never fire)`;
}
/**
 * A filter key against the events Bird lists with their filter keys: refused when one of them does
 * not take it; confirmed when one takes it; unconfirmed when Bird names no keys for any of them.
 */
function judgeKey(key, events, byName, cost) {
    let taken = false;
    for (const event of events) {
        const keys = byName.get(event)?.filterKeys;
        if (!keys || keys.length === 0)
            continue;
        if (keys.includes(key)) {
            taken = true;
            continue;
        }
        const near = (0,plan_events/* closest */.kp)(key, keys, cost);
        const advice = near !== undefined ? `did you mean ${(0,src_text/* shown */.SP)(near, 80)}?` : `Bird lists ${sample(keys)}`;
        return {
            refusal: `Input 'event-filters' has the key '${(0,src_text/* shown */.SP)(key, 80)}', which Bird does not list as a filter key of event '${(0,src_text/* shown */.SP)(event, 80)}'; ${advice} (a subscription filtered by it would never fire)`,
        };
    }
    return taken ? { ok: true } : { unconfirmed: `Bird lists no filter keys for ${events.map((e) => `'${(0,src_text/* shown */.SP)(e, 80)}'`).join(', ')}` };
}
function keyUnconfirmed(verdict, service, key, why) {
    const near = (0,plan_events/* closest */.kp)(key, (0,plan_events/* knownFilterKeys */.y1)(service));
    const head = `Input 'event-filters' has the key '${(0,src_text/* shown */.SP)(key, 80)}'`;
    if (near !== undefined) {
        verdict.warnings.push(`${head}, which is not a filter key Bird documents for service '${(0,src_text/* shown */.SP)(service, 60)}'; did you mean ${near}? ` +
            `(a subscription filtered by an unknown key may never fire). Bird could not confirm the key: ${why}`);
    }
    else {
        verdict.infos.push(`${head}, which Bird could not confirm (${why}); it is sent as given`);
    }
}
function sample(names) {
    if (names.length === 0)
        return 'none';
    const shownNames = names.slice(0, SAMPLE).map((n) => (0,src_text/* shown */.SP)(n, 60));
    return names.length > SAMPLE ? `${shownNames.join(', ')}, … (${names.length} in all)` : shownNames.join(', ');
}

// EXTERNAL MODULE: ./src/bird/retry.ts
var retry = __webpack_require__(2749);
;// CONCATENATED MODULE: ./src/steps/check-events.ts





async function checkEvents(client, inputs, log) {
    const input = inputs.eventsInput ?? 'event';
    if (inputs.state === 'absent') {
        // No lookup: a name that does not exist matches no subscription, so nothing is deleted by it.
        for (const event of inputs.events) {
            const warning = (0,plan_events/* unknownEventWarning */.x8)(inputs.service, event, input);
            if (warning)
                log.warning(`${warning}; nothing is deleted by a name no subscription has`);
        }
        return;
    }
    const filterKeys = (inputs.eventFilters ?? []).map((f) => f.key);
    const toConfirm = (0,plan_events/* namesToConfirm */.wG)(inputs.service, inputs.events, filterKeys);
    let lookup;
    try {
        lookup = { services: await client.availableWebhooks(inputs.service) };
    }
    catch (error) {
        // Only Bird's answer (or its absence) is a reason to go on unconfirmed; a bug is not.
        if (!(error instanceof errors/* BirdApiError */.Mp || error instanceof errors/* NetworkError */.Dr || error instanceof errors/* ResponseError */.o3 || error instanceof retry/* RetriesExhaustedError */.i5))
            throw error;
        lookup = { failed: (0,errors/* errorMessage */.gJ)(error) };
    }
    const verdict = judgeNames({ service: inputs.service, events: inputs.events, eventsInput: input, filterKeys, toConfirm }, lookup);
    for (const message of verdict.infos)
        log.info(message);
    for (const message of verdict.warnings)
        log.warning(message);
    if (verdict.refusals.length > 0)
        throw new errors/* ActionError */.lZ(verdict.refusals.join('. Also: '));
    if (verdict.confirmed.length > 0) {
        log.info(`Bird lists ${verdict.confirmed.map((n) => `'${(0,src_text/* shown */.SP)(n, 80)}'`).join(', ')} for service '${(0,src_text/* shown */.SP)(inputs.service, 60)}'`);
    }
}


/***/ })

};
