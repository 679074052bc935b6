export const id = 170;
export const ids = [170];
export const modules = {

/***/ 6170:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
// EXTERNAL MODULE: ./src/bird/connect.ts + 2 modules
var connect = __webpack_require__(7792);
// EXTERNAL MODULE: ./src/plan/match.ts
var match = __webpack_require__(4106);
// EXTERNAL MODULE: ./src/plan/same-url.ts
var same_url = __webpack_require__(6773);
// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
;// CONCATENATED MODULE: ./src/plan/absent.ts



const MAX_SPELLING_WARNINGS = 5;
/** What `state: absent` deletes: every match of every event, or, for a sweep, what the pattern covers less keep-urls. */
function selectForDeletion(all, inputs) {
    return planDeletion(all, inputs).targets;
}
function planDeletion(all, inputs) {
    if (!inputs.sweep || !inputs.urlPattern) {
        return { targets: inputs.events.flatMap((event) => (0,match/* findMatches */.Np)(all, identity(inputs, event))), warnings: [] };
    }
    const pattern = inputs.urlPattern;
    const covered = all.filter((s) => pattern.matches(s.url));
    const narrowed = covered.filter((s) => (inputs.service === '' || s.service === inputs.service) &&
        (inputs.events.length === 0 || inputs.events.includes(s.event)) &&
        (inputs.eventFilters === undefined || (0,match/* sameFilters */.My)(s.eventFilters, inputs.eventFilters)));
    // Each URL read loosely once: the first keep-urls entry of each loose spelling names it in warnings.
    const looseKeep = inputs.keepUrls.map(same_url/* looseUrl */.sU);
    const keep = new Map();
    looseKeep.forEach((url, i) => {
        if (!keep.has(url))
            keep.set(url, inputs.keepUrls[i]);
    });
    const loose = new Map(covered.map((s) => [s, (0,same_url/* looseUrl */.sU)(s.url)]));
    const warnings = [];
    const warned = new Set();
    for (const s of narrowed) {
        const entry = keep.get(loose.get(s));
        // Only an entry spelt exactly as the subscription has it goes without a warning.
        if (entry === undefined || inputs.keepUrls.includes(s.url))
            continue;
        const pair = `${entry}\n${s.url}`;
        if (warned.has(pair))
            continue;
        warned.add(pair);
        warnings.push(`Keeping ${(0,src_text/* shown */.SP)(s.url, 200)}: keep-urls lists it as '${(0,src_text/* shown */.SP)(entry, 200)}', the same URL spelt differently ` +
            '(trailing slash, letter case, default port or query order); write it as the subscription has it');
    }
    // GitHub shows a step's first few annotations: a script's list spelt differently throughout must
    // not hide the other warnings.
    if (warnings.length > MAX_SPELLING_WARNINGS) {
        const more = warnings.length - MAX_SPELLING_WARNINGS;
        warnings.splice(MAX_SPELLING_WARNINGS, more, `Keeping ${more} more subscription${more === 1 ? '' : 's'} whose keep-urls entr${more === 1 ? 'y is' : 'ies are'} spelt differently from the URL; write them as the subscriptions have them`);
    }
    const coveredUrls = new Set(loose.values());
    for (const [i, entry] of inputs.keepUrls.entries()) {
        if (coveredUrls.has(looseKeep[i]))
            continue;
        const why = pattern.matches(entry) || pattern.matches(looseKeep[i]) ? 'no subscription that url-pattern matches has this URL' : 'url-pattern does not match it';
        warnings.push(`Input 'keep-urls' lists '${(0,src_text/* shown */.SP)(entry, 200)}', which keeps nothing: ${why}; check its spelling`);
    }
    return { targets: narrowed.filter((s) => !keep.has(loose.get(s))).sort(match/* byAge */.jI), warnings };
}
/** The identity one event of the inputs describes. */
function identity(inputs, event) {
    return { service: inputs.service, event, url: inputs.url, eventFilters: inputs.eventFilters };
}

// EXTERNAL MODULE: ./src/bird/errors.ts
var errors = __webpack_require__(8464);
// EXTERNAL MODULE: ./src/plan/limit.ts
var limit = __webpack_require__(4152);
;// CONCATENATED MODULE: ./src/plan/contention.ts




/**
 * The incomplete contending previews, oldest first: URLs matching `url-pattern` (this run's own
 * among them) that hold some but not all of the step's events (same service and filters) and whose
 * every such subscription is fresh (plan/limit.ts isFresh: most likely a deploy still running).
 * Ordered by the createdAt of their oldest subscription, ties by URL, so that whole-second dates
 * still give one order that every run computes alike. Without `url-pattern` or with one event
 * there are none: no preview holds part of its events but this run's own, which then yields as
 * before this rule.
 */
function contenders(list, request) {
    const pattern = request.urlPattern;
    if (!pattern || request.events.length < 2)
        return [];
    const byUrl = new Map();
    for (const s of (0,match/* inCombinations */.Aq)(list, request)) {
        // One preview under one spelling, whichever case Bird stores its scheme and host in.
        const url = (0,same_url/* normalizeUrl */.l2)(s.url);
        if (!pattern.matches(s.url))
            continue;
        byUrl.set(url, [...(byUrl.get(url) ?? []), s]);
    }
    const found = [];
    for (const [url, subs] of byUrl) {
        const events = request.events.filter((e) => subs.some((s) => s.event === e));
        if (events.length === request.events.length || !subs.every((s) => (0,limit/* isFresh */.pL)(s, request.now)))
            continue;
        const at = Math.min(...subs.map((s) => Date.parse(s.createdAt)));
        found.push({ url, since: new Date(at).toISOString(), events, at });
    }
    return found
        .sort((a, b) => a.at - b.at || compareText(a.url, b.url))
        .map(({ url, since, events }) => ({ url, since, events }));
}
/**
 * Bird refused a create for its limit and, on the fresh list, there is nothing this run may evict:
 * does this run give its places back (it is the youngest contender, or holds none of its events),
 * or wait for a younger one to give back its own? A preview that holds part of its events but is
 * no contender (some of them older than FRESH_MS: not a deploy of these minutes) counts as older
 * than every contender: it waits while there are any, and fails as before when there are none.
 */
function decideContention(list, request) {
    const all = contenders(list, request);
    const own = all.findIndex((c) => (0,same_url/* sameUrl */.cl)(c.url, request.url));
    const holdsNone = !(0,match/* inCombinations */.Aq)(list, request).some((s) => (0,same_url/* sameUrl */.cl)(s.url, request.url));
    const yields = own === -1 ? holdsNone || all.length === 0 : own === all.length - 1;
    return { applies: request.events.length > 1 && request.urlPattern !== undefined, yields, holdsNone, contenders: all };
}
/**
 * How many tries after a refusal for the limit a step makes in all, as a multiple of max-attempts:
 * tries that follow a change on the list (an eviction, a preview deploying together that completed
 * or gave its places back), that wait for a younger preview to give back, or that follow a list
 * showing room Bird had just refused (a list behind Bird) do not count against max-attempts, but
 * against this bound (steps/create.ts).
 */
const LIMIT_ROUNDS_PER_ATTEMPT = 3;
/** Code-unit order, the same on every runner whatever its locale. */
function compareText(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
/**
 * The sentence a run that yields adds to the limit message; empty where the rule does not apply
 * (one event, no url-pattern) or this run's preview holds part of its events without contending
 * (some of them old): the limit message as before says it all.
 */
function yieldSentence(contention, ownUrl) {
    if (!contention.applies)
        return '';
    const others = contention.contenders.filter((c) => !(0,same_url/* sameUrl */.cl)(c.url, ownUrl));
    const list = others.map((c) => (0,src_text/* shown */.SP)(c.url)).join(', ');
    const own = (0,src_text/* shown */.SP)(ownUrl);
    if (others.length === contention.contenders.length) {
        if (!contention.holdsNone)
            return '';
        if (others.length === 0) {
            return `This preview (${own}) holds none of these events yet, and no other preview deploying together holds only part of its own, so none gives places back; re-run it once the deploys holding these places are done, or delete some.`;
        }
        return `This preview (${own}) holds none of these events yet, so it counts as the youngest of the ${others.length + 1} previews deploying together that need these places (the others, oldest first: ${list}) and yields them its places; re-run it once they are done.`;
    }
    return `This preview (${own}) was the youngest of the ${others.length + 1} previews deploying together that hold part of their events (the others, oldest first: ${list}), so it yields them its places; re-run it once they are done.`;
}
/** The log line of a run that waits for a younger contender to give its places back. */
function waitingLine(combination, contention, ownUrl) {
    const others = contention.contenders.filter((c) => !(0,same_url/* sameUrl */.cl)(c.url, ownUrl)).length;
    return `Bird's limit of five is reached for ${combination}; ${others} other ${others === 1 ? 'preview' : 'previews'} deploying now ${others === 1 ? 'holds' : 'hold'} part of ${others === 1 ? 'its' : 'their'} events and the youngest of them gives its places back: trying again`;
}
/**
 * Why a run that waited for a younger contender fails when its tries run out: `tries` is how many
 * it made for this event in all, its bound three times max-attempts (steps/create.ts).
 */
function notGivenBack(waited, ownUrl, maxAttempts, tries) {
    const others = waited.contenders.filter((c) => !(0,same_url/* sameUrl */.cl)(c.url, ownUrl));
    const youngest = others[others.length - 1];
    const whom = others.length === 1
        ? 'the other preview deploying together that holds part of its events'
        : `the youngest of the ${others.length} other previews deploying together that hold part of their events`;
    return `This preview (${(0,src_text/* shown */.SP)(ownUrl)}) waited for ${whom}${youngest ? ` (${(0,src_text/* shown */.SP)(youngest.url)})` : ''} to give its places back, and it had not after ${tries} tries for this event (at most ${LIMIT_ROUNDS_PER_ATTEMPT * maxAttempts}: three times max-attempts ${maxAttempts}); re-run this step once the others are done, or raise max-attempts.`;
}

;// CONCATENATED MODULE: ./src/plan/present.ts
// What `state: present` will do for each requested event, decided from one list of the workspace
// before anything is written, so that a refusal (if-exists: fail, a full combination) costs no write. Pure.






function planPresent(existing, request) {
    return wholePreviews(existing, request, planEach(existing, request), (s) => !(0,limit/* isFresh */.pL)(s, request.now));
}
function planEach(existing, request) {
    return request.events.map((event) => {
        const wanted = { service: request.service, event, url: request.url, eventFilters: request.eventFilters };
        const matches = (0,match/* findMatches */.Np)(existing, wanted);
        if (matches.length > 0 && request.ifExists === 'fail') {
            throw new errors/* ActionError */.lZ(`A matching subscription already exists (${matches.map((s) => (0,src_text/* shown */.SP)(s.id)).join(', ')}) for ${describeIdentity(wanted)}, and if-exists is 'fail'`);
        }
        if (matches.length > 0 && request.ifExists === 'reuse') {
            const [target, ...others] = matches;
            return { event, wanted, target, others, evict: [] };
        }
        const room = (0,limit/* planRoom */.HJ)((0,limit/* occupants */.BH)(existing, wanted), request.whenFull, request.urlPattern, (s) => !(0,limit/* isFresh */.pL)(s, request.now));
        if (room.evict === undefined)
            throw new errors/* ActionError */.lZ(fullMessage(wanted, room.occupants, request));
        return { event, wanted, others: [], evict: room.evict };
    });
}
/**
 * With several events and `evict-oldest`, a preview (a URL) is one unit: the evictions are chosen
 * by URL across all the step's events (plan/limit.ts previewsToEvict), and each event's plan
 * deletes that preview's subscription of its event, so no preview is left with part of its events.
 */
function wholePreviews(existing, request, plans, evictable) {
    if (request.events.length < 2 || !request.urlPattern || plans.every((p) => p.evict.length === 0))
        return plans;
    const needs = new Map();
    for (const plan of plans)
        if (plan.evict.length > 0)
            needs.set(plan.event, (0,limit/* occupants */.BH)(existing, plan.wanted).length - (limit/* BIRD_COMBINATION_LIMIT */.ki - 1));
    const previews = (0,limit/* previewsToEvict */.mH)((0,match/* inCombinations */.Aq)(existing, request), needs, request.urlPattern, (url) => (0,same_url/* sameUrl */.cl)(url, request.url), evictable);
    if (!previews) {
        const short = plans.find((p) => needs.has(p.event));
        throw new errors/* ActionError */.lZ((0,limit/* limitMessage */.TY)(describeCombination(short.wanted), (0,limit/* occupants */.BH)(existing, short.wanted), src_text/* shown */.SP, `With several events a preview is evicted whole (all its subscriptions of ${request.events.map((e) => (0,src_text/* shown */.SP)(e)).join(', ')}) or not at all, and the previews matching url-pattern '${(0,src_text/* shown */.SP)(request.urlPattern.text)}' that may go (none created less than ${limit/* FRESH_MS */.k3 / 60000} minutes ago) cannot make room for every event, so none was evicted; delete some or widen url-pattern.`));
    }
    return plans.map((plan) => ({ ...plan, evict: previews.flatMap((p) => p.subscriptions.filter((s) => s.event === plan.event)) }));
}
/**
 * Bird refused a create for its limit although the plan saw room: another run took the slot. From a
 * fresh list, plan that event again: reuse a match that has appeared meanwhile (if-exists: reuse),
 * else make room again, evicting only what `evictable` allows (the subscriptions in this run's
 * first list); a string is the refusal.
 */
function replanAfterRefusal(now, plan, request, evictable) {
    const matches = (0,match/* findMatches */.Np)(now, plan.wanted);
    if (matches.length > 0 && request.ifExists === 'reuse')
        return { ...plan, target: matches[0], others: [], evict: [] };
    const taken = (0,limit/* occupants */.BH)(now, plan.wanted);
    const may = (s) => evictable(s) && !(0,limit/* isFresh */.pL)(s, request.now);
    const room = (0,limit/* planRoom */.HJ)(taken, request.whenFull, request.urlPattern, may);
    if (room.evict === undefined)
        return `Bird refused the create (HTTP 422). ${fullMessage(plan.wanted, taken, request, true)}`;
    const again = { ...plan, target: undefined, others: [], evict: room.evict };
    if (request.events.length < 2 || room.evict.length === 0)
        return again;
    // A whole preview again: its subscriptions of every event of the step go with it.
    const own = taken.length - (limit/* BIRD_COMBINATION_LIMIT */.ki - 1);
    const toEvict = (places) => (0,limit/* previewsToEvict */.mH)((0,match/* inCombinations */.Aq)(now, request), new Map([[plan.event, places]]), request.urlPattern, (url) => (0,same_url/* sameUrl */.cl)(url, request.url), may);
    // Previews deploying together that lack this event need a place too: where old previews can make
    // room for all of them, every run that sees them evicts the same oldest ones at once, rather than
    // one preview a round (plan/contention.ts). Else room for this run alone. Only previews that
    // gained a subscription since this run's first list (not `evictable`) count: one that holds
    // fewer events on purpose and is not deploying now needs no place.
    const moved = new Set((0,match/* inCombinations */.Aq)(now, request).filter((s) => !evictable(s)).map((s) => (0,same_url/* normalizeUrl */.l2)(s.url)));
    const lacking = contenders(now, request).filter((c) => !(0,same_url/* sameUrl */.cl)(c.url, request.url) && !c.events.includes(plan.event) && moved.has(c.url)).length;
    const previews = toEvict(own + lacking) ?? toEvict(own);
    if (!previews)
        return `Bird refused the create (HTTP 422). ${fullMessage(plan.wanted, taken, request, true)}`;
    return { ...again, evict: previews.flatMap((p) => p.subscriptions) };
}
/** Why a create cannot go through: the occupants, and what the user can do about it. */
function fullMessage(wanted, taken, request, 
/** Bird refused although the pre-flight saw room: another run took a slot meanwhile. */
race = false) {
    const pattern = request.whenFull === 'evict-oldest' ? request.urlPattern : undefined;
    let hint = 'Delete one that is no longer needed, or let this step evict the oldest of its own with url-pattern and when-full: evict-oldest.';
    // Occupants the pattern covers, and how many of them are too recent to evict (limit.ts FRESH_MS).
    const matching = taken.filter((s) => pattern?.matches(s.url) === true);
    const fresh = matching.filter((s) => (0,limit/* isFresh */.pL)(s, request.now)).length;
    if (race) {
        hint = `Another run took a slot after this step looked; re-run the step${pattern ? ' to make room again' : ''}.`;
        if (fresh > 0) {
            hint += ` ${fresh} of the occupants matching url-pattern ${fresh === 1 ? 'was' : 'were'} created less than ${limit/* FRESH_MS */.k3 / 60000} minutes ago, most likely by deploys still running, and ${fresh === 1 ? 'is' : 'are'} never evicted: re-run once those deploys are done.`;
        }
    }
    else if (pattern) {
        const ours = matching.length - fresh;
        const excess = taken.length - (limit/* BIRD_COMBINATION_LIMIT */.ki - 1);
        const recent = fresh > 0
            ? ` (${fresh} more ${fresh === 1 ? 'matches but was' : 'match but were'} created less than ${limit/* FRESH_MS */.k3 / 60000} minutes ago, most likely by a deploy still running, and ${fresh === 1 ? 'is' : 'are'} never evicted)`
            : '';
        hint =
            matching.length === 0
                ? `None of them matches url-pattern '${(0,src_text/* shown */.SP)(pattern.text)}', so none was evicted; delete one or widen url-pattern.`
                : `Only ${ours} of them ${ours === 1 ? 'matches' : 'match'} url-pattern '${(0,src_text/* shown */.SP)(pattern.text)}' and may be evicted${recent}, fewer than the ${excess} that would have to go, so none was evicted; delete some${
                // A wider pattern helps only where some occupants lie outside it.
                matching.length < taken.length ? ' or widen url-pattern' : ''}${fresh > 0 ? ', or re-run once those deploys are done' : ''}.`;
    }
    return (0,limit/* limitMessage */.TY)(describeCombination(wanted), taken, src_text/* shown */.SP, hint);
}
function describeCombination(wanted) {
    const filters = wanted.eventFilters?.length ? `filters ${describeFilters(wanted.eventFilters)}` : 'no filters';
    return `${(0,src_text/* shown */.SP)(wanted.service)} ${(0,src_text/* shown */.SP)(wanted.event)} with ${filters}`;
}
function describeIdentity(wanted) {
    const filters = wanted.eventFilters?.length ? ` with filters ${describeFilters(wanted.eventFilters)}` : '';
    return `${(0,src_text/* shown */.SP)(wanted.service)} ${(0,src_text/* shown */.SP)(wanted.event)} -> ${(0,src_text/* shown */.SP)(wanted.url)}${filters}`;
}
function describeFilters(filters) {
    return filters.map((f) => `${(0,src_text/* shown */.SP)(f.key)}=${(0,src_text/* shown */.SP)(f.value)}`).join(', ');
}

;// CONCATENATED MODULE: ./src/steps/outcome.ts
// What `state: present` and `state: absent` hand back: the items, what went besides, and a failure
// part way that still carries what was done. Shared by the flows in steps/present.ts and steps/absent.ts.


/** A failure part way through a set: what was done so far still becomes outputs and cleanup state. */
class PartialFailure extends errors/* ActionError */.lZ {
    outcome;
    constructor(message, outcome) {
        super(message);
        this.outcome = outcome;
    }
}
function withNotes(outcome, note) {
    if (note)
        outcome.notes = [note];
    return outcome;
}
function firstFailure(results, label) {
    const i = results.findIndex((r) => r?.ok === false);
    if (i < 0)
        return undefined;
    return { error: results[i].error, label: label(i) };
}
/**
 * A failure part way: with nothing written yet a plain failure (naming the event in a set);
 * otherwise what was done still becomes outputs, and the message says what it was.
 */
function partialFailure(error, event, outcome) {
    const which = event !== undefined ? `Event ${(0,src_text/* shown */.SP)(event)}: ` : '';
    const doneItems = [...outcome.items, ...(outcome.pruned ?? [])];
    if (doneItems.length === 0 && outcome.evicted.length === 0 && outcome.removed.length === 0) {
        return which ? new errors/* ActionError */.lZ(`${which}${(0,errors/* errorMessage */.gJ)(error)}`) : error;
    }
    outcome.result = sumUp(outcome.items, outcome.pruned);
    const done = doneItems.length > 0
        ? ` (done: ${doneItems.map((i) => `${(0,src_text/* shown */.SP)(i.result === 'deleted' ? `${i.event} (${i.id})` : i.event)} ${i.result}`).join(', ')})`
        : '';
    return new PartialFailure(`${which}${(0,errors/* errorMessage */.gJ)(error)}${done}`, outcome);
}
/**
 * The set's result: created if any was created, else updated if any changed, else unchanged.
 * Pruning what the step no longer lists is a change to the set: at least `updated`.
 */
function sumUp(items, pruned = []) {
    for (const result of ['created', 'updated', 'deleted'])
        if (items.some((i) => i.result === result))
            return result;
    if (pruned.length > 0)
        return 'updated';
    return items.length > 0 && items.every((i) => i.result === 'not-found') ? 'not-found' : 'unchanged';
}

// EXTERNAL MODULE: ./src/steps/parallel.ts
var parallel = __webpack_require__(6708);
;// CONCATENATED MODULE: ./src/steps/absent.ts





async function ensureAbsent(client, inputs, deps) {
    const verb = inputs.dryRun ? 'Dry run: would delete' : 'Deleted';
    const outcome = { result: 'not-found', items: [], evicted: [], removed: [], dryRun: inputs.dryRun };
    let targets;
    if (inputs.subscriptionId !== undefined) {
        if (inputs.dryRun) {
            const found = await client.get(inputs.subscriptionId);
            targets = found ? [found] : [];
        }
        else {
            const gone = await client.remove(inputs.subscriptionId);
            deps.info(gone === 'deleted' ? `Deleted subscription ${inputs.subscriptionId}` : `Subscription ${inputs.subscriptionId} does not exist`);
            if (gone === 'deleted')
                outcome.items.push({ event: '', result: 'deleted', id: inputs.subscriptionId });
            outcome.result = outcome.items.length > 0 ? 'deleted' : 'not-found';
            return outcome;
        }
    }
    else {
        const plan = planDeletion(await client.listAll(), inputs);
        for (const warning of plan.warnings)
            deps.warning(warning);
        targets = plan.targets;
    }
    // The deletes run a few at a time; lines and outputs keep the order of the list.
    const results = await (0,parallel/* inOrder */.a)(targets.map((target) => async (log) => {
        if (!inputs.dryRun && (await client.remove(target.id)) !== 'deleted')
            return undefined;
        log(`${verb} subscription ${(0,src_text/* shown */.SP)(target.id)} (${(0,src_text/* shown */.SP)(target.service)} ${(0,src_text/* shown */.SP)(target.event)} -> ${(0,src_text/* shown */.SP)(target.url)})`);
        return { event: target.event, result: 'deleted', id: target.id, subscription: target };
    }), deps.info);
    for (const result of results)
        if (result?.ok && result.value)
            outcome.items.push(result.value);
    const failure = firstFailure(results, (i) => (targets.length > 1 ? `${targets[i].event} (${targets[i].id})` : undefined));
    if (failure)
        throw partialFailure(failure.error, failure.label, outcome);
    if (outcome.items.length === 0)
        deps.info(`${inputs.dryRun ? 'Dry run: ' : ''}${nothingMatches(inputs)}; nothing to delete`);
    outcome.result = outcome.items.length > 0 ? 'deleted' : 'not-found';
    return outcome;
}
function nothingMatches(inputs) {
    if (inputs.subscriptionId !== undefined)
        return `Subscription ${inputs.subscriptionId} does not exist`;
    if (inputs.sweep && inputs.urlPattern)
        return `No subscription matches url-pattern '${(0,src_text/* shown */.SP)(inputs.urlPattern.text)}' outside keep-urls`;
    return `No subscription matches ${inputs.events.map((event) => describeIdentity(identity(inputs, event))).join('; ')}`;
}

;// CONCATENATED MODULE: ./src/plan/converge.ts
/** The key Bird shows for a subscription, or undefined where list and GET leave it out. */
function shownKey(subscription) {
    const key = subscription.signingKey;
    return typeof key === 'string' && key !== '' ? key : undefined;
}
function planConverge(existing, desired) {
    const patch = {};
    if (existing.status === 'inactive')
        patch.status = 'active';
    if (desired.template !== undefined && desired.template !== existing.template)
        patch.template = desired.template;
    const shown = shownKey(existing);
    if (shown !== desired.signingKey)
        patch.signingKey = desired.signingKey;
    const reassertsKey = patch.signingKey !== undefined && shown === undefined;
    const changes = Object.keys(patch).filter((field) => !(field === 'signingKey' && reassertsKey));
    return { patch: Object.keys(patch).length > 0 ? patch : undefined, reassertsKey, changes };
}

;// CONCATENATED MODULE: ./src/plan/keys.ts
// The one rule for the signing key of a step, the same whether Bird shows keys or hides them. Pure.
//
// The key is, in this order:
//   1. `signing-key` if it is given;
//   2. else, with `signing-key-seed`, the key derived from the seed: the action owns the keys, so a
//      different key is replaced and changing the seed rotates every managed subscription;
//   3. else a key Bird shows on any subscription of the same URL (any event, any step or workflow),
//      so adopting subscriptions never rotates them and every event of a URL shares one key;
//   4. else the key derived from the access key.





/**
 * `targets` are the subscriptions the step reuses (undefined for a create), `existing` the whole
 * list; `derived` the key derived from the seed if one is given, else from the access key.
 */
function chooseSigningKey(inputs, existing, targets, derived) {
    if (inputs.signingKey !== undefined)
        return { key: inputs.signingKey, source: 'signing-key' };
    if (inputs.signingKeySeed !== undefined)
        return { key: derived(), source: 'signing-key-seed' };
    // The step's own subscriptions first: two different keys there cannot both be kept, and
    // settling that by rotating one behind a deploy's back is exactly what the rule forbids.
    const holders = targets.filter((t) => t !== undefined && shownKey(t) !== undefined);
    const keys = new Set(holders.map((t) => shownKey(t)));
    if (keys.size > 1) {
        throw new errors/* ActionError */.lZ(`The subscriptions of this set show different signing keys (${holders.map((t) => `${(0,src_text/* shown */.SP)(t.id)} for ${(0,src_text/* shown */.SP)(t.event)}`).join(', ')}), ` +
            'and one step hands on one key, so none was changed: give signing-key (or signing-key-seed) to set one key on all of them, or manage these events in separate steps');
    }
    if (holders.length > 0)
        return { key: shownKey(holders[0]), source: 'shown' };
    // Then any subscription of the URL, whatever its event: the oldest, so every run picks the same.
    const sibling = existing.filter((s) => (0,same_url/* sameUrl */.cl)(s.url, inputs.url) && shownKey(s) !== undefined).sort(match/* byAge */.jI)[0];
    if (sibling)
        return { key: shownKey(sibling), source: 'shown' };
    return { key: derived(), source: 'access-key' };
}
/**
 * Where Bird hides keys (the list shows none) and no seed is set, the key comes from the access
 * key: rotating the access key then rotates every signing key. Said once, in the job summary.
 */
function hiddenKeysNote(existing, choice) {
    if (choice.source !== 'access-key' || existing.length === 0 || existing.some((s) => shownKey(s) !== undefined))
        return undefined;
    return ('Bird does not show signing keys in this workspace and no signing-key-seed is set, so the signing key is derived from the access key: ' +
        'a new access key changes it on the next run. Set signing-key-seed (a long random secret) to keep signing keys across access-key rotations.');
}

;// CONCATENATED MODULE: ./src/steps/converge.ts


async function converge(run, target, event, log) {
    log(`Found matching subscription ${(0,src_text/* shown */.SP)(target.id)} for ${(0,src_text/* shown */.SP)(event)} (status ${(0,src_text/* shown */.SP)(target.status ?? 'unknown')})`);
    const plan = planConverge(target, { signingKey: run.signingKey, template: run.inputs.template });
    if (!plan.patch)
        return { event, result: 'unchanged', id: target.id, subscription: target };
    if (plan.reassertsKey) {
        log(`Re-asserting the signing key of subscription ${(0,src_text/* shown */.SP)(target.id)}: Bird does not show keys, so setting it is the only way to know it`);
    }
    if (plan.changes.length > 0)
        log(`Updating subscription ${(0,src_text/* shown */.SP)(target.id)}: ${plan.changes.join(', ')}`);
    const updated = await run.client.update(target, plan.patch);
    return { event, result: plan.changes.length > 0 ? 'updated' : 'unchanged', id: updated.id, subscription: updated };
}

;// CONCATENATED MODULE: ./src/steps/create.ts
// Creating one event's subscription: making room under Bird's limit first, adopting a create whose
// answer was lost, and looking again when Bird refuses for its limit after another run took a slot.









/** The step failed for Bird's limit: what it created for its URL in this run is given back. */
class LimitRefusal extends errors/* ActionError */.lZ {
}
/** The evictions of all plans, each subscription once, in the order of the plans. */
function evictionsOf(plans) {
    const seen = new Set();
    return plans.flatMap((plan) => plan.evict.filter((v) => !seen.has(v.id) && seen.add(v.id)).map((victim) => ({ plan, victim })));
}
/** Deletes one victim, recording it when deleted; the log line says what happened. */
async function evictOne(run, { plan, victim }, evicted, log) {
    const gone = await run.client.remove(victim.id);
    if (gone === 'deleted')
        evicted.push(victim);
    log(`Bird's limit of five is reached for ${describeCombination(plan.wanted)}: ` +
        `${gone === 'deleted' ? 'evicted' : 'found already gone'} the oldest subscription matching url-pattern, ${(0,src_text/* shown */.SP)(victim.id)}, so ${(0,src_text/* shown */.SP)(victim.url)} no longer receives these events`);
}
/**
 * Deletes every eviction, a few at a time, each tried even when another fails (so a preview is not
 * left with part of its events); what was deleted, in the order given, and the first failure.
 */
async function evictAll(run, evictions) {
    const done = evictions.map(() => []);
    const results = await (0,parallel/* inOrder */.a)(evictions.map((e, i) => async (log) => {
        try {
            await evictOne(run, e, done[i], log);
            return undefined;
        }
        catch (error) {
            return { error, event: e.plan.event };
        }
    }), run.deps.info);
    const failure = results.map((r) => (r?.ok ? r.value : undefined)).find((f) => f !== undefined);
    return { evicted: done.flat(), failure };
}
/**
 * Deletes the plan's evictions (with several events, whole previews), recording each one deleted.
 * Every one is tried even when one fails, so a preview is not left with part of its events by a
 * failure part way; the first failure is thrown after.
 */
async function evict(run, plan, evicted, log) {
    let failure;
    for (const victim of plan.evict) {
        try {
            await evictOne(run, { plan, victim }, evicted, log);
        }
        catch (error) {
            failure ??= { error };
        }
    }
    if (failure)
        throw failure.error;
}
async function create(run, first, evicted, log) {
    const { client, inputs } = run;
    let plan = first;
    // The contention this run last waited on: younger previews deploying together that were to give places back.
    let waited;
    // Tries since the list last changed (besides this run's own URL), and what it showed then.
    let tries = 0;
    // Rounds in a row spent waiting (for a younger preview to give its places back, or for a list
    // behind Bird): their backoff grows with them up to a ceiling of 4 s (the third), so a wait polls
    // about every 2 s.
    let waits = 0;
    let seen = othersInCombinations(run.firstList, inputs);
    for (let round = 1;; round++) {
        // Another event of this run yielded its places: this one stops too (the step gives back what it created).
        stopIfYielded(run);
        // The first plan's evictions ran before any create (present.ts), all previews at once.
        if (round > 1)
            await evict(run, plan, evicted, log);
        tries++;
        try {
            run.creating++;
            return await createOne(run, plan, log);
        }
        catch (error) {
            if (!isLimitError(error))
                throw error;
            if (tries >= client.maxAttempts || round >= LIMIT_ROUNDS_PER_ATTEMPT * client.maxAttempts)
                throw new LimitRefusal(await limitRefusal(run, plan, waited, round));
        }
        finally {
            run.creating--;
        }
        // Another run took the slot after this one looked: look again, make room again, within the retries' bounds.
        log(`Bird refused the create for ${describeCombination(plan.wanted)} for its limit of five (another run took a slot); looking again`);
        // One wait a round; another event of this run yielding ends it at once.
        await client.backoff(waits > 0 ? Math.min(waits, 3) : tries, run.halt.signal);
        stopIfYielded(run);
        const listed = await client.listAll();
        const now = othersInCombinations(listed, inputs);
        if (now !== seen)
            tries = 0;
        seen = now;
        const request = { ...inputs, now: (0,limit/* birdNow */.KR)(client.lastListDate, Date.now()) };
        const next = replanAfterRefusal(listed, plan, request, (s) => run.firstSeen.has(s.id));
        if (typeof next === 'string') {
            // Nothing this run may evict: of the previews deploying together that hold part of their
            // events, the youngest gives its places back and the others wait for them (plan/contention.ts).
            const contention = decideContention(listed, request);
            // While another create of this run is still on its way, the list cannot show all this run holds.
            if (contention.yields && (run.creating === 0 || !contention.applies)) {
                const sentence = yieldSentence(contention, inputs.url);
                const message = sentence === '' ? next : `Bird refused the create (HTTP 422). ${(0,limit/* limitMessage */.TY)(describeCombination(plan.wanted), (0,limit/* occupants */.BH)(listed, plan.wanted), src_text/* shown */.SP, sentence)}`;
                run.yielding = { event: plan.event, message };
                run.halt.abort();
                throw new LimitRefusal(message);
            }
            if (contention.yields) {
                log(`Bird's limit of five is reached for ${describeCombination(plan.wanted)}; another create of this run is still on its way: trying again`);
            }
            else {
                log(waitingLine(describeCombination(plan.wanted), contention, inputs.url));
                // A younger preview is still to give its places back: waiting for it is not a wasted try
                // (max-attempts); the bound of three times max-attempts tries in all still holds.
                waited = contention;
                tries = 0;
                waits++;
            }
            plan = { ...plan, target: undefined, others: [], evict: [] };
            continue;
        }
        waited = undefined;
        // Bird has just refused, yet this list shows room: it is behind Bird (lists can lag behind
        // writes), or a place was freed meanwhile. Not a wasted try; its waits grow as a wait's do.
        const behind = next.target === undefined && next.evict.length === 0;
        waits = behind ? waits + 1 : 0;
        if (behind)
            tries = Math.max(0, tries - 1);
        // A run started together created this very subscription meanwhile: reuse it.
        if (next.target)
            return converge(run, next.target, plan.event, log);
        plan = next;
    }
}
function stopIfYielded(run) {
    if (run.yielding)
        throw new LimitRefusal(run.yielding.message);
}
/** The step's combinations on a list, but for this run's own URL: what tells that others moved. */
function othersInCombinations(list, inputs) {
    return (0,match/* inCombinations */.Aq)(list, inputs)
        .filter((s) => !(0,same_url/* sameUrl */.cl)(s.url, inputs.url))
        .map((s) => s.id)
        .sort()
        .join(',');
}
async function createOne(run, plan, log) {
    const { client, inputs, signingKey, known } = run;
    const body = { service: inputs.service, event: plan.event, url: inputs.url, signingKey };
    if (inputs.eventFilters)
        body.eventFilters = inputs.eventFilters;
    if (inputs.template !== undefined)
        body.template = inputs.template;
    const { subscription, adopted } = await client.create(body, async () => {
        // Ours is a match that was not there before; a visible key that differs is someone else's.
        let now;
        try {
            now = await client.listAll();
        }
        catch (error) {
            throw new errors/* ActionError */.lZ(`${(0,errors/* errorMessage */.gJ)(error)}; it was listing the workspace after a create whose answer was lost, so the subscription may exist: a re-run with if-exists: reuse adopts it`);
        }
        const fresh = (0,match/* findMatches */.Np)(now, plan.wanted).filter((s) => !known.has(s.id) && (s.signingKey === undefined || s.signingKey === '' || s.signingKey === signingKey));
        if (fresh.length > 0)
            log(`The create went through after all: adopting subscription ${(0,src_text/* shown */.SP)(fresh[0].id)}`);
        return fresh[0];
    });
    known.add(subscription.id);
    run.created.add(subscription.id);
    run.deps.onCreated(subscription.id);
    if (!adopted) {
        log(`Created subscription ${(0,src_text/* shown */.SP)(subscription.id)} for ${(0,src_text/* shown */.SP)(plan.event)}`);
        return { event: plan.event, result: 'created', id: subscription.id, subscription };
    }
    // Make sure the adopted one has the key we output, whatever the list showed.
    const item = await converge(run, subscription, plan.event, log);
    return { ...item, result: 'created' };
}
/** Bird refused the create for its limit although the pre-flight saw room: someone took the slot meanwhile. */
function isLimitError(error) {
    if (!(error instanceof errors/* BirdApiError */.Mp) || error.status !== 422)
        return false;
    const { code, message } = (error.body ?? {});
    return /limit/i.test(`${typeof code === 'string' ? code : ''} ${typeof message === 'string' ? message : ''}`);
}
async function limitRefusal(run, plan, waited, tries) {
    const { client, inputs } = run;
    let taken = [];
    try {
        taken = (0,limit/* occupants */.BH)(await client.listAll(), plan.wanted);
    }
    catch {
        // The message can do without the occupants.
    }
    const request = { ...inputs, now: (0,limit/* birdNow */.KR)(client.lastListDate, Date.now()) };
    if (waited !== undefined) {
        return `Bird refused the create (HTTP 422). ${(0,limit/* limitMessage */.TY)(describeCombination(plan.wanted), taken, src_text/* shown */.SP, notGivenBack(waited, inputs.url, client.maxAttempts, tries))}`;
    }
    // Past the bound in all (tries that followed changes on the list), not max-attempts unchanged lists in a row.
    const bound = LIMIT_ROUNDS_PER_ATTEMPT * client.maxAttempts;
    const spent = tries >= bound ? ` It made ${tries} tries for this event, the most it makes (three times max-attempts ${client.maxAttempts}): the list kept changing, or kept showing room that Bird refused.` : '';
    return `Bird refused the create (HTTP 422). ${fullMessage(plan.wanted, taken, request, true)}${spent}`;
}

;// CONCATENATED MODULE: ./src/plan/prune.ts


/** Oldest first: what `prune: true` deletes, and what a notice names without it. */
function planPrune(existing, request) {
    return existing
        .filter((s) => s.service === request.service &&
        (0,same_url/* sameUrl */.cl)(s.url, request.url) &&
        (0,match/* sameFilters */.My)(s.eventFilters, request.eventFilters) &&
        !request.events.includes(s.event))
        .sort(match/* byAge */.jI);
}

;// CONCATENATED MODULE: ./src/steps/removals.ts


function removalLabel(removal) {
    return `${removal.subscription.event} (${removal.subscription.id})`;
}
/**
 * Subscriptions of the URL, service and filters whose event is no longer requested: deleted with
 * `prune: true`, else each named in a notice (they keep delivering).
 */
function pruning(existing, inputs, deps) {
    const prunable = planPrune(existing, inputs);
    if (inputs.prune)
        return prunable.map((subscription) => ({ kind: 'prune', subscription, reason: pruneReason(subscription) }));
    for (const s of prunable) {
        deps.notice(`Subscription ${(0,src_text/* shown */.SP)(s.id)} (${(0,src_text/* shown */.SP)(s.service)} ${(0,src_text/* shown */.SP)(s.event)} -> ${(0,src_text/* shown */.SP)(s.url)}) has this step's URL, service and filters, but its event is not requested, so it keeps delivering; set prune: true to delete it`);
    }
    return [];
}
function pruneReason(s) {
    return `${(0,src_text/* shown */.SP)(s.service)} ${(0,src_text/* shown */.SP)(s.event)} -> ${(0,src_text/* shown */.SP)(s.url)} is not in this step's events (prune: true)`;
}
/** Copies stay in `removed` (a line each in the summary); pruned ones become items of `subscriptions`. */
function setRemoved(outcome, done) {
    outcome.removed.push(...done.filter((r) => r.kind === 'copy'));
    const pruned = done.filter((r) => r.kind === 'prune');
    if (pruned.length > 0) {
        outcome.pruned = pruned.map((r) => ({ event: r.subscription.event, result: 'deleted', id: r.subscription.id, subscription: r.subscription }));
    }
}
/** With if-exists: reuse, further matches are exact copies of the reused one (left by earlier races): they go. */
function copiesOfTargets(plans) {
    return plans.flatMap((plan) => plan.others.map((copy) => ({ kind: 'copy', subscription: copy, reason: copyReason(plan.target) })));
}
function copyReason(kept) {
    return `an exact copy (same URL, service, event and filters) of ${(0,src_text/* shown */.SP)(kept.id)}, which is older and is kept`;
}
function removalTask(run, removal) {
    return async (log) => {
        const gone = await run.client.remove(removal.subscription.id);
        log(gone === 'deleted'
            ? `Deleted subscription ${(0,src_text/* shown */.SP)(removal.subscription.id)}: ${removal.reason}`
            : `Subscription ${(0,src_text/* shown */.SP)(removal.subscription.id)} was already gone: ${removal.reason}`);
        return gone === 'deleted';
    };
}
function removedOf(removals, results) {
    return removals.filter((_, i) => results[i]?.ok === true && results[i].value === true);
}

;// CONCATENATED MODULE: ./src/plan/settle.ts

/** Of subscriptions that all match one identity, the one to keep and the copies to delete; undefined for none. */
function survivorOf(matches) {
    if (matches.length === 0)
        return undefined;
    const [keep, ...remove] = [...matches].sort(match/* byAge */.jI);
    return { keep, remove };
}
/** The settlement of `wanted` in a list of the workspace. */
function settle(all, wanted) {
    return survivorOf((0,match/* findMatches */.Np)(all, wanted));
}
/**
 * Of the IDs of subscriptions this run created (and did not delete), those `list` does not show: a
 * settling list must show them all, else it is stale (a list that lags behind writes, or leaves an
 * entry out) and the survivor rule would be applied to less than there is.
 */
function missingFrom(list, ids) {
    const listed = new Set(list.map((s) => s.id.toLowerCase()));
    return [...ids].filter((id) => !listed.has(id.toLowerCase()));
}
/**
 * What a settling list may take a signing key from: subscriptions this run did not create and that
 * were created before its first list (`since`, Bird's clock), so entries that list left out count,
 * while copies made by runs started together (some already re-keyed by their run, some not) never
 * do: every run reads the same old subscriptions, and fresh copies cannot disagree it into failing.
 * One without a readable createdAt counts as old.
 */
function keySources(list, created, since) {
    return list.filter((s) => {
        if (created.has(s.id))
            return false;
        const t = typeof s.createdAt === 'string' ? Date.parse(s.createdAt) : NaN;
        return since === undefined || Number.isNaN(t) || t < since;
    });
}

;// CONCATENATED MODULE: ./src/steps/confirm-pause.ts
// The confirming pause on its own, without imports, so the bench (run by Node from the .ts source)
// can read it.
/**
 * How long a run that created waits before its confirming list (plus up to CONFIRM_JITTER_MS, so
 * runs started together do not list at one instant). It must cover what a run started together
 * still has to do after this one settled: its create, its settling list and its deletes, three
 * round trips, at Bird's 150–400 ms about 1.2 s; 1.5 s leaves room for one more. Re-lists for a
 * lagging list are not covered: a run that needed them settles later than a pause can wait for.
 */
const CONFIRM_PAUSE_MS = 1500;
const CONFIRM_JITTER_MS = 500;

;// CONCATENATED MODULE: ./src/steps/settle.ts
// Runs started together each created one: after writing, every run settles on the same
// subscription per event (plan/settle.ts) and deletes the other copies; then, once the others have
// had time to do the same, it looks once more, so that its outputs and cleanup state name what exists.
//
// Why this holds without a lock: every run orders copies alike (oldest createdAt, then ID) and
// deletes only copies that come after the oldest it sees, so the oldest copy of all is never deleted
// by any run; a run that saw less than there was learns of it at the confirming list and adopts it.










/**
 * After creating: a settling list that shows this run's own writes, the survivor rule on it, then
 * the same again after CONFIRM_PAUSE_MS. Returns the last list it settled from.
 */
async function settleCreated(run, plans, outcome, choice) {
    // The items whose event this run created: the ones runs started together may have created too.
    const settling = outcome.items.flatMap((item, index) => (item.result === 'created' && item.id !== undefined && run.created.has(item.id) ? [index] : []));
    const rekeyed = new Set();
    const wanted = settling.map((index) => plans.find((p) => p.event === outcome.items[index].event).wanted);
    const first = await listShowingOwn(run, wanted);
    await settleOn(run, plans, outcome, { indices: settling, list: first, choice, rekeyed });
    await run.client.pause(CONFIRM_PAUSE_MS, CONFIRM_JITTER_MS);
    const confirming = await listShowingOwn(run, wanted);
    await settleOn(run, plans, outcome, { indices: settling, list: confirming, choice, rekeyed });
    return confirming;
}
/**
 * A list showing every subscription this run created and still owns. One it does not show is
 * asked for by ID: gone (another run kept an older copy and deleted it) means it is no longer
 * this run's; there means the list is stale, and it lists again with the retries' backoff, up to
 * max-attempts lists. A subscription the list still leaves out after that is added from its GET:
 * the step proceeds on what it knows, with a warning (it exists and delivers; a copy another run
 * made may then survive as well, which the next run with if-exists: reuse deletes).
 */
async function listShowingOwn(run, wanted) {
    const { client, deps } = run;
    // An own copy found deleted in any round: the run that deleted it had listed the copy it keeps.
    let goneSome = false;
    for (let round = 1;; round++) {
        const list = await client.listAll();
        const missing = missingFrom(list, run.created);
        // An event this run created for with no subscription in the list: the copy another run kept
        // (after deleting this run's) does not show yet either.
        const unseen = wanted.some((w) => settle(list, w) === undefined);
        if (missing.length === 0 && (!unseen || round >= client.maxAttempts))
            return list;
        if (missing.length === 0) {
            deps.info("Bird's list does not show yet the subscription another run keeps in place of this run's (lists can lag behind writes); listing again");
            await client.backoff(round);
            continue;
        }
        const found = [];
        for (const id of missing) {
            const got = await client.get(id);
            if (got) {
                found.push(got);
                continue;
            }
            deps.info(`Subscription ${(0,src_text/* shown */.SP)(id)}, which this run created, is gone: another run started together keeps an older copy`);
            goneSome = true;
            run.created.delete(id);
            deps.onRemoved(id);
        }
        if (found.length === 0 && !unseen)
            return list;
        if (found.length === 0)
            continue;
        const ids = found.map((s) => (0,src_text/* shown */.SP)(s.id)).join(', ');
        // The run that deleted one of this run's copies had listed the copy it keeps: one more list shows
        // it, where this round's list (taken before it showed) would leave the event with none.
        const oneMore = goneSome && unseen && round === client.maxAttempts;
        if (round >= client.maxAttempts && !oneMore) {
            deps.warning(`Bird's list still does not show ${ids}, which this run created and which exists, after ${round} lists; settled on what this run knows, so a copy another run made at the same time may remain (a re-run deletes it), and this run's own outputs may then name a subscription another run deletes`);
            return [...list, ...found];
        }
        deps.info(`Bird's list does not show ${ids} yet, which this run created and which exists (lists can lag behind writes); listing again`);
        await client.backoff(round);
    }
}
async function settleOn(run, plans, outcome, { indices, list, choice, rekeyed }) {
    keyFromSettlingList(run, plans, outcome, list, choice);
    const tasks = [];
    const settled = [];
    for (const index of indices) {
        const item = outcome.items[index];
        const plan = plans.find((p) => p.event === item.event);
        const settlement = settle(list, plan.wanted);
        const ours = item.id;
        if (!settlement) {
            throw new errors/* ActionError */.lZ(`The subscription for ${(0,src_text/* shown */.SP)(item.event)}, ${(0,src_text/* shown */.SP)(ours)}, is gone and no copy of it is left: someone deleted it while this step ran; re-run the step`);
        }
        const keep = settlement.keep;
        const own = run.created.has(keep.id);
        // Created with the first list's key, which a key the settling list showed has replaced.
        const rekey = own && keep.id === ours && run.signingKey !== choice.key && !rekeyed.has(ours);
        if (keep.id === ours && settlement.remove.length === 0 && !rekey)
            continue;
        const entry = { index, removed: [] };
        settled.push(entry);
        tasks.push(async (log) => {
            const reason = copyReason(keep);
            if (keep.id !== ours) {
                log(`Another run created a subscription for ${(0,src_text/* shown */.SP)(item.event)} at the same time: keeping the oldest, ${(0,src_text/* shown */.SP)(keep.id)}, in place of ${(0,src_text/* shown */.SP)(ours)}`);
            }
            const key = keep.signingKey;
            if (typeof key === 'string' && key !== '')
                run.deps.mask(key);
            const lines = [];
            // Settled each on its own: what was done is recorded even when one of them fails.
            const [kept, ...gone] = await Promise.allSettled([
                keep.id === ours && !rekey ? Promise.resolve(item) : converge(run, keep.id === ours ? (item.subscription ?? keep) : keep, item.event, (line) => lines.push(line)),
                ...settlement.remove.map((copy) => run.client.remove(copy.id)),
            ]);
            lines.forEach((line) => log(line));
            // What this item named before is gone when the rule keeps another and its delete did not fail.
            let oursGone = keep.id !== ours;
            settlement.remove.forEach((copy, i) => {
                const result = gone[i];
                if (copy.id === ours && result.status === 'rejected')
                    oursGone = false;
                if (result.status !== 'fulfilled' || result.value !== 'deleted')
                    return;
                log(`Deleted subscription ${(0,src_text/* shown */.SP)(copy.id)}: ${reason}`);
                entry.removed.push({ kind: 'copy', subscription: copy, reason });
            });
            if (oursGone) {
                // Never reported, never cleaned up: it is gone (by this run's hand or another's).
                if (run.created.delete(ours))
                    run.deps.onRemoved(ours);
                outcome.items[index] = kept.status === 'fulfilled' ? kept.value : { event: item.event, result: 'unchanged', id: keep.id, subscription: keep };
            }
            else if (kept.status === 'fulfilled' && rekey) {
                rekeyed.add(ours);
                outcome.items[index] = { ...kept.value, result: item.result };
            }
            const failed = [kept, ...gone].find((r) => r.status === 'rejected');
            if (failed)
                throw failed.reason;
        });
    }
    const results = await (0,parallel/* inOrder */.a)(tasks, run.deps.info);
    outcome.removed.push(...settled.flatMap((s) => s.removed));
    const failure = firstFailure(results, (i) => (plans.length > 1 ? outcome.items[settled[i].index].event : undefined));
    if (failure)
        throw partialFailure(failure.error, failure.label, outcome);
}
/**
 * The key rule again, on what the settling list shows besides this run's own subscriptions: where
 * the first list left out a subscription of the URL that shows a key (an entry left out, a list that
 * lagged), that key is kept and this run's own subscriptions get it; one this run did not create is
 * never given a new key except by signing-key or signing-key-seed.
 */
function keyFromSettlingList(run, plans, outcome, list, choice) {
    if (choice.source === 'signing-key' || choice.source === 'signing-key-seed')
        return;
    // Only what existed before this run's first list: copies runs started together made meanwhile
    // carry either key (re-keyed by their run or not yet) and must neither pick nor refuse one.
    const others = keySources(list, run.created, run.firstListAt);
    const targets = plans.map((p) => settle(others, p.wanted)?.keep);
    const next = chooseSigningKey(run.inputs, others, targets, () => run.deps.derivedKey);
    if (next.source !== 'shown' || next.key === run.signingKey)
        return;
    run.deps.mask(next.key);
    run.deps.info("Bird's list now shows a signing key on a subscription of this URL that the first list did not show: keeping that key, and giving it to this run's own subscriptions");
    run.signingKey = next.key;
    outcome.signingKey = next.key;
}

;// CONCATENATED MODULE: ./src/steps/present.ts












async function ensurePresent(client, inputs, deps) {
    const existing = await client.listAll();
    // `now` keeps subscriptions other runs have just created out of eviction (plan/limit.ts FRESH_MS),
    // judged on Bird's clock, which wrote their createdAt.
    const firstListAt = (0,limit/* birdNow */.KR)(client.lastListDate, Date.now());
    const plans = planPresent(existing, { ...inputs, now: firstListAt });
    for (const plan of plans) {
        const key = plan.target && plan.target.signingKey;
        if (typeof key === 'string' && key !== '')
            deps.mask(key);
    }
    const choice = chooseSigningKey(inputs, existing, plans.map((p) => p.target), () => deps.derivedKey);
    const signingKey = choice.key;
    deps.mask(signingKey);
    const note = hiddenKeysNote(existing, choice);
    // Every deletion `present` makes besides evictions, one list per kind, in the order they are logged.
    const copies = copiesOfTargets(plans);
    const prunes = pruning(existing, inputs, deps);
    if (inputs.dryRun)
        return withNotes(dryRunPresent(plans, [...copies, ...prunes], signingKey, inputs, deps), note);
    const outcome = withNotes({ result: 'unchanged', items: [], signingKey, evicted: [], removed: [], dryRun: false }, note);
    const ids = new Set(existing.map((s) => s.id));
    const run = { client, inputs, deps, signingKey, known: ids, firstList: existing, firstSeen: new Set(ids), created: new Set(), firstListAt, creating: 0, halt: new AbortController() };
    // Every eviction of every event first, as one wave, and no create before it is done: a preview is
    // evicted whole, or (a delete failing) the step stops before creating anything.
    const wave = await evictAll(run, evictionsOf(plans));
    outcome.evicted.push(...wave.evicted);
    if (wave.failure)
        throw partialFailure(wave.failure.error, plans.length > 1 ? wave.failure.event : undefined, outcome);
    const works = plans.map(() => ({ evicted: [] }));
    const eventTasks = plans.map((plan, i) => async (log) => {
        if (!plan.target)
            return void (works[i].item = await create(run, plan, works[i].evicted, log));
        works[i].item = await converge(run, plan.target, plan.event, log);
    });
    const results = await (0,parallel/* inOrder */.a)([...eventTasks, ...copies.map((r) => removalTask(run, r))], deps.info);
    outcome.items = works.flatMap((w) => (w.item ? [w.item] : []));
    outcome.evicted.push(...works.flatMap((w) => w.evicted));
    setRemoved(outcome, removedOf(copies, results.slice(plans.length)));
    const failure = firstFailure(results, (i) => (i < plans.length ? (plans.length > 1 ? plans[i].event : undefined) : removalLabel(copies[i - plans.length])));
    if (failure) {
        // Events stopped because another event of the run yielded report that one's refusal.
        if (failure.error instanceof LimitRefusal && run.yielding)
            Object.assign(failure, { error: new LimitRefusal(run.yielding.message), label: plans.length > 1 ? run.yielding.event : undefined });
        if (failure.error instanceof LimitRefusal && run.created.size > 0)
            failure.error = await giveBack(run, outcome, failure.error);
        throw partialFailure(failure.error, failure.label, outcome);
    }
    // Runs started together each created one: list once more and keep the same one in every run.
    if (run.created.size > 0 && inputs.ifExists !== 'create') {
        let now;
        try {
            now = await settleCreated(run, plans, outcome, choice);
        }
        catch (error) {
            // What was created still becomes outputs and cleanup state.
            throw error instanceof PartialFailure ? error : partialFailure(error, undefined, outcome);
        }
        // In a workspace that was empty, the first list could not tell whether Bird shows keys; this one can.
        if (!outcome.notes)
            withNotes(outcome, hiddenKeysNote(now, choice));
    }
    // Pruned only once every requested event has its subscription: a refused create must not leave
    // the URL with none.
    if (prunes.length > 0) {
        const pruned = await (0,parallel/* inOrder */.a)(prunes.map((r) => removalTask(run, r)), deps.info);
        setRemoved(outcome, removedOf(prunes, pruned));
        const failed = firstFailure(pruned, (i) => removalLabel(prunes[i]));
        if (failed)
            throw partialFailure(failed.error, failed.label, outcome);
    }
    outcome.result = sumUp(outcome.items, outcome.pruned);
    return outcome;
}
/**
 * Failing for Bird's limit, the step deletes what it created in this run for its URL, so a failed
 * preview holds no places others need, and says so; what it could not delete stays in the outputs
 * and the cleanup state.
 */
async function giveBack(run, outcome, error) {
    const ids = [...run.created];
    // All at once: the previews waiting for these places get them sooner.
    const results = await Promise.allSettled(ids.map((id) => run.client.remove(id)));
    const gone = ids.filter((_, i) => results[i].status === 'fulfilled');
    // What could not be deleted stays in the outputs and the cleanup state: the post step or a re-run deletes it.
    for (const id of gone) {
        run.created.delete(id);
        run.deps.onRemoved(id);
    }
    if (gone.length === 0) {
        const which = ids.map((id) => (0,src_text/* shown */.SP)(id)).join(', ');
        return new errors/* ActionError */.lZ(`${error.message} Could not delete the ${ids.length === 1 ? 'subscription' : `${ids.length} subscriptions`} this run had created for ${(0,src_text/* shown */.SP)(run.inputs.url)} (${which}), so this preview still holds its places; ${ids.length === 1 ? 'it stays' : 'they stay'} in the outputs and cleanup state, and the post step or a re-run deletes ${ids.length === 1 ? 'it' : 'them'}`);
    }
    outcome.items = outcome.items.filter((item) => item.id === undefined || !gone.includes(item.id));
    const which = gone.map((id) => (0,src_text/* shown */.SP)(id)).join(', ');
    const kept = ids.length - gone.length;
    // Subscriptions on its first list (reused) are its own from before, not places taken in this run.
    const held = outcome.items.filter((item) => item.id !== undefined && run.firstSeen.has(item.id)).length;
    const places = held > 0 ? `no places it took in this run (it keeps the ${held === 1 ? 'one' : held} it held before)` : 'no places';
    const after = kept > 0 ? `; ${kept} could not be deleted and ${kept === 1 ? 'stays' : 'stay'} in the outputs and cleanup state` : `, so this preview holds ${places}`;
    return new errors/* ActionError */.lZ(`${error.message} Deleted the ${gone.length === 1 ? 'subscription' : `${gone.length} subscriptions`} this run had created for ${(0,src_text/* shown */.SP)(run.inputs.url)} (${which})${after}`);
}
function dryRunPresent(plans, removals, signingKey, inputs, deps) {
    const outcome = { result: 'unchanged', items: [], evicted: [], removed: [], dryRun: true };
    for (const plan of plans) {
        const target = plan.target;
        if (target) {
            const { changes: changed, reassertsKey } = planConverge(target, { signingKey, template: inputs.template });
            if (reassertsKey) {
                deps.info(`Dry run: would set the signing key of subscription ${(0,src_text/* shown */.SP)(target.id)} (Bird does not show keys, so the key it has now cannot be compared)`);
            }
            deps.info(`Dry run: would ${changed.length > 0 ? `update ${changed.join(', ')} of` : 'keep'} subscription ${(0,src_text/* shown */.SP)(target.id)} for ${(0,src_text/* shown */.SP)(plan.event)}`);
            outcome.items.push({ event: plan.event, result: changed.length > 0 ? 'updated' : 'unchanged', id: target.id, subscription: target });
            continue;
        }
        for (const victim of plan.evict) {
            deps.info(`Dry run: would evict ${(0,src_text/* shown */.SP)(victim.id)} (${(0,src_text/* shown */.SP)(victim.url)}) to make room under Bird's limit of five`);
            outcome.evicted.push(victim);
        }
        deps.info(`Dry run: would create a subscription for ${describeIdentity(plan.wanted)}`);
        outcome.items.push({ event: plan.event, result: 'created' });
    }
    for (const removal of removals)
        deps.info(`Dry run: would delete subscription ${(0,src_text/* shown */.SP)(removal.subscription.id)}: ${removal.reason}`);
    setRemoved(outcome, removals);
    outcome.result = sumUp(outcome.items, outcome.pruned);
    return outcome;
}

;// CONCATENATED MODULE: ./src/steps/ensure.ts
// Brings the workspace to the requested state; the flows live in steps/present.ts and
// steps/absent.ts, what they hand back in steps/outcome.ts.




// EXTERNAL MODULE: ./src/plan/inputs.ts + 3 modules
var plan_inputs = __webpack_require__(7018);
// EXTERNAL MODULE: ./src/plan/signing-key.ts
var signing_key = __webpack_require__(4162);
;// CONCATENATED MODULE: ./src/plan/acts-on.ts


/**
 * An entry the step acts on: same URL (host in any case), a URL `url-pattern` matches (eviction,
 * sweeps), or, with `state: present`, one counted against the same limit as a requested event.
 */
function actsOn(raw, inputs) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
        return false;
    const entry = raw;
    if (typeof entry.url === 'string') {
        // A sweep has no url: an entry with an empty one is not "the same URL".
        if (inputs.url !== '' && (0,same_url/* sameUrl */.cl)(entry.url, inputs.url))
            return true;
        if (inputs.urlPattern?.matches(entry.url))
            return true;
    }
    if (inputs.state !== 'present' || entry.service !== inputs.service || typeof entry.event !== 'string')
        return false;
    if (!inputs.events.includes(entry.event))
        return false;
    const filters = entry.eventFilters;
    if (filters === undefined || filters === null)
        return (0,match/* sameFilters */.My)(undefined, inputs.eventFilters);
    if (!Array.isArray(filters))
        return false;
    // A filter that is not a pair of strings cannot equal one of ours: not the same combination.
    if (!filters.every((f) => typeof f === 'object' && f !== null && typeof f.key === 'string' && typeof f.value === 'string'))
        return false;
    return (0,match/* sameFilters */.My)(filters, inputs.eventFilters);
}

// EXTERNAL MODULE: ./src/plan/events.ts
var events = __webpack_require__(654);
// EXTERNAL MODULE: ./src/steps/secrets.ts
var secrets = __webpack_require__(826);
// EXTERNAL MODULE: ./src/steps/state.ts
var state = __webpack_require__(6062);
;// CONCATENATED MODULE: ./src/steps/run.ts








async function runMain(core, deps) {
    // Every secret input is registered before anything at all is printed.
    const mask = (0,secrets/* maskSecrets */.QU)(core);
    try {
        // The runner warns about inputs action.yml does not declare; outside it (local-action, tests) the step does.
        if (process.env.GITHUB_ACTIONS !== 'true')
            for (const m of (await __webpack_require__.e(/* import() */ 901).then(__webpack_require__.bind(__webpack_require__, 3901))).undeclaredInputs(process.env))
                core.warning(m);
        const inputs = (0,plan_inputs/* parseInputs */.TL)((name) => core.getInput(name), (message) => core.warning(message));
        // Without signing-key the key is derived (before any request: an over-long URL is an input
        // error), and masked before anything about a subscription is printed.
        const derivedKey = inputs.state === 'present' && inputs.signingKey === undefined ? (0,signing_key/* deriveSigningKey */.me)(inputs.signingKeySeed ?? inputs.accessKey, inputs) : '';
        mask(derivedKey);
        if (core.isDebug())
            core.debug(await deps.describeRun());
        // Entries of the list the step does not act on may break Bird's contract without stopping it.
        const client = deps.connect({ ...inputs, debug: (0,secrets/* debugLog */.cY)(core), mask, mustFit: (entry) => actsOn(entry, inputs) }, (message) => core.info(message));
        // Names the built-in table cannot vouch for are asked of Bird before anything is written.
        if ((0,events/* needsEventCheck */.u9)(inputs.state, inputs.service, inputs.events, (inputs.eventFilters ?? []).map((f) => f.key))) {
            const { checkEvents } = await __webpack_require__.e(/* import() */ 903).then(__webpack_require__.bind(__webpack_require__, 2284));
            await checkEvents(client, inputs, { info: (m) => core.info(m), warning: (m) => core.warning(m) });
        }
        const created = [];
        let outcome;
        try {
            outcome =
                inputs.state === 'absent'
                    ? await ensureAbsent(client, inputs, { info: (m) => core.info(m), warning: (m) => core.warning(m) })
                    : await ensurePresent(client, inputs, {
                        derivedKey,
                        mask,
                        info: (m) => core.info(m),
                        warning: (m) => core.warning(m),
                        notice: (m) => core.notice(m),
                        onCreated: (id) => {
                            created.push(id);
                            if (inputs.cleanup)
                                core.saveState(state/* CLEANUP_STATE */.Fc, JSON.stringify(cleanupState(created)));
                        },
                        // A run started together keeps an older copy: ours is gone, and the post step must
                        // not delete the copy every run now uses. The last saved value is the one the post step reads.
                        onRemoved: (id) => {
                            const at = created.indexOf(id);
                            if (at < 0)
                                return;
                            created.splice(at, 1);
                            if (inputs.cleanup)
                                core.saveState(state/* CLEANUP_STATE */.Fc, created.length > 0 ? JSON.stringify(cleanupState(created)) : '');
                        },
                    });
        }
        catch (error) {
            // Part of a set was done: hand that over before failing, so later steps and a re-run see it.
            if (error instanceof PartialFailure) {
                writeOutputs(core, error.outcome, mask);
                core.setOutput('receiver', 'off');
                core.setOutput('deliveries', '[]');
                await summarize(core, deps, inputs, error.outcome);
            }
            throw error;
        }
        writeOutputs(core, outcome, mask);
        core.info(outcome.dryRun ? `Result: ${outcome.result} (dry run: nothing was changed)` : `Result: ${outcome.result}`);
        const receiver = await checkReceiver(core, inputs, outcome, mask);
        const deliveries = await checkDeliveryLogs(core, client, inputs, outcome);
        await summarize(core, deps, inputs, { ...outcome, receiver, deliveries });
        const failures = [];
        if (receiver && receiver.failures.length > 0) {
            failures.push(`check-receiver: ${receiver.failures.join('; ')}. The subscriptions stay in place (result: ${outcome.result}); fix the receiver and re-run`);
        }
        if (deliveries?.mode === 'fail' && deliveries.problems.length > 0)
            failures.push(`check-deliveries: ${deliveries.problems.join('; ')}`);
        if (failures.length > 0)
            throw new errors/* ActionError */.lZ(failures.join('. '));
    }
    catch (error) {
        core.setFailed((0,errors/* errorMessage */.gJ)(error));
    }
}
/** check-receiver once the subscriptions are in place; its code is loaded only when it sends something. */
async function checkReceiver(core, inputs, outcome, mask) {
    if (inputs.checkReceiver === 'off' || inputs.state !== 'present' || outcome.dryRun) {
        if (inputs.checkReceiver !== 'off')
            core.info(`Receiver check: nothing sent (${outcome.dryRun ? 'dry run' : 'state: absent'})`);
        core.setOutput('receiver', 'off');
        return undefined;
    }
    const { checkReceivers } = await __webpack_require__.e(/* import() */ 284).then(__webpack_require__.bind(__webpack_require__, 1284));
    const report = await checkReceivers(inputs, outcome, { info: (m) => core.info(m), warning: (m) => core.warning(m), mask });
    core.setOutput('receiver', report.result);
    return report;
}
/** check-deliveries: Bird's delivery logs of the kept subscriptions; its code is loaded only when it reads them. */
async function checkDeliveryLogs(core, client, inputs, outcome) {
    if (inputs.checkDeliveries === 'off' || inputs.state !== 'present') {
        if (inputs.checkDeliveries !== 'off')
            core.info('Deliveries: no log read (state: absent)');
        core.setOutput('deliveries', '[]');
        return undefined;
    }
    const { checkDeliveries, deliveriesOutput } = await __webpack_require__.e(/* import() */ 464).then(__webpack_require__.bind(__webpack_require__, 5464));
    const report = await checkDeliveries(client, inputs, outcome, { info: (m) => core.info(m), warning: (m) => core.warning(m) });
    core.setOutput('deliveries', deliveriesOutput(report));
    return report;
}
async function summarize(core, deps, inputs, outcome) {
    try {
        await deps.writeSummary(inputs, outcome);
    }
    catch (error) {
        core.warning(`Could not write the job summary: ${(0,errors/* errorMessage */.gJ)(error)}`);
    }
}
/** Outputs of the set; IDs are UUIDs checked by the client, so every output is one line. */
function writeOutputs(core, outcome, mask) {
    const items = outcome.items;
    // A key read back from Bird is masked before it goes anywhere; a dry run outputs nothing secret.
    const signingKey = outcome.dryRun ? '' : (outcome.signingKey ?? '');
    mask(signingKey);
    // One place per item, in the order of events, even where a dry run has no ID yet.
    core.setOutput('subscription-id', items.map((i) => i.id ?? '').join(','));
    core.setOutput('signing-key', signingKey);
    core.setOutput('status', items.some((i) => i.result === 'deleted') ? '' : items.map((i) => i.subscription?.status ?? '').join(','));
    core.setOutput('result', outcome.result);
    core.setOutput('evicted', outcome.evicted.map((s) => s.id).join(','));
    core.setOutput('subscriptions', JSON.stringify([...items, ...(outcome.pruned ?? [])].map((i) => ({ event: i.event, id: i.id ?? null, url: i.subscription?.url ?? null, status: i.subscription?.status ?? null, result: i.result }))));
}
function cleanupState(ids) {
    // Only the IDs: the post step takes everything else from its own inputs.
    return { subscriptionIds: [...ids] };
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/steps/summary.ts
// The job summary: what the step did, one row per subscription. Never a key.


async function writeSummary(summary, inputs, outcome) {
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    const head = (text) => ({ data: text, header: true });
    const rows = [...outcome.items, ...(outcome.pruned ?? [])].map((item) => [
        (0,src_text/* summaryCell */.B7)(item.event || item.subscription?.event || '-'),
        (0,src_text/* summaryCell */.B7)(item.result),
        item.id ? (0,src_text/* summaryCell */.B7)(item.id) : outcome.dryRun ? '(would be created)' : '-',
        (0,src_text/* summaryCell */.B7)(item.subscription?.url || inputs.url || '-'),
        (0,src_text/* summaryCell */.B7)(item.subscription?.status || '-'),
    ]);
    const lines = [];
    if (outcome.dryRun)
        lines.push('<strong>Dry run</strong>: only read requests were sent; nothing was created, changed or deleted.');
    lines.push(`Result: <strong>${(0,src_text/* summaryCell */.B7)(outcome.result)}</strong>${inputs.service ? ` for service ${(0,src_text/* summaryCell */.B7)(inputs.service)}` : ''}`);
    const filters = inputs.eventFilters?.map((f) => `${f.key}=${f.value}`).join(', ');
    if (filters)
        lines.push(`Event filters: ${(0,src_text/* summaryCell */.B7)(filters)}`);
    for (const victim of outcome.evicted) {
        lines.push(`${outcome.dryRun ? 'Would evict' : 'Evicted'} ${(0,src_text/* summaryCell */.B7)(victim.id)} to make room under Bird's limit of five: ${(0,src_text/* summaryCell */.B7)(victim.url)} ${outcome.dryRun ? 'would no longer receive' : 'no longer receives'} ${(0,src_text/* summaryCell */.B7)(victim.event)}`);
    }
    for (const removal of outcome.removed) {
        lines.push(`${outcome.dryRun ? 'Would delete' : 'Deleted'} ${(0,src_text/* summaryCell */.B7)(removal.subscription.id)}: ${(0,src_text/* summaryCell */.B7)(removal.reason, 400)}`);
    }
    for (const note of outcome.notes ?? [])
        lines.push((0,src_text/* summaryCell */.B7)(note));
    let s = summary.addHeading('Bird webhook subscription', 3);
    for (const line of lines)
        s = s.addRaw(`<p>${line}</p>`, true);
    if (rows.length > 0)
        s = s.addTable([[head('Event'), head('Result'), head('Subscription ID'), head('URL'), head('Status')], ...rows]);
    const checks = outcome.receiver?.deliveries ?? [];
    if (checks.length > 0) {
        // What was sent (never a key or a signature) and what came back, per delivery.
        const sent = (d) => `POST ${d.how}, event ${d.event}, request ID ${d.requestId}, ${d.attempts === 1 ? '1 attempt' : `${d.attempts} attempts`}`;
        s = s.addRaw(`<p>Receiver check: <strong>${(0,src_text/* summaryCell */.B7)(outcome.receiver?.result)}</strong></p>`, true);
        s = s.addTable([
            [head('Receiver check'), head('URL'), head('Sent'), head('Answer'), head('Result')],
            ...checks.map((d) => [(0,src_text/* summaryCell */.B7)(d.kind), (0,src_text/* summaryCell */.B7)(d.url), (0,src_text/* summaryCell */.B7)(sent(d)), (0,src_text/* summaryCell */.B7)(d.answer), (0,src_text/* summaryCell */.B7)(`${d.result}: ${d.message}`, 600)]),
        ]);
    }
    const logs = outcome.deliveries;
    if (logs && logs.subscriptions.length > 0) {
        // Bird's log fields are outside text: every cell is escaped and capped, at most a few IDs per row.
        const notDelivered = (d) => d.error !== undefined
            ? `log not read: ${d.error}`
            : Object.entries(d.tally?.groups ?? {})
                .map(([group, n]) => `${group}: ${n}`)
                .join(', ') || '0';
        s = s.addRaw(`<p>Deliveries in the last ${(0,src_text/* summaryCell */.B7)(logs.window)} (Bird's delivery logs, check-deliveries: ${(0,src_text/* summaryCell */.B7)(logs.mode)})</p>`, true);
        s = s.addTable([
            [head('Event'), head('URL'), head('Delivered'), head('Not delivered (status / code)'), head('Newest failure'), head('Newest failed request IDs')],
            ...logs.subscriptions.map((d) => [
                (0,src_text/* summaryCell */.B7)(d.event),
                (0,src_text/* summaryCell */.B7)(d.url),
                d.tally ? `${d.tally.delivered}${d.complete ? '' : ' (at least)'}` : '-',
                (0,src_text/* summaryCell */.B7)(notDelivered(d), 600),
                (0,src_text/* summaryCell */.B7)(d.tally?.newestFailureAt ?? '-'),
                (0,src_text/* summaryCell */.B7)(d.tally?.recent.map((r) => `${r.requestId} (${r.code}, ${r.at})`).join(', ') || '-', 800),
            ]),
        ]);
    }
    // Appended synchronously: summary.write() is async and would start libuv's thread pool for
    // this one small write, which measurably slows the step (see CONTRIBUTING, performance).
    (0,external_node_fs_.appendFileSync)(process.env.GITHUB_STEP_SUMMARY, s.stringify());
    summary.emptyBuffer();
}
/**
 * One debug line naming the workflow run. Outside a runner the context has no run ID or attempt
 * (they read as NaN): those are left out rather than printed as NaN.
 */
function describeRun(context, repository = process.env.GITHUB_REPOSITORY) {
    const pr = context.payload.pull_request?.number;
    const event = typeof pr === 'number' ? `${context.eventName} #${pr}` : context.eventName;
    const known = (n) => Number.isInteger(n) && n > 0;
    const run = `${known(context.runId) ? ` run ${context.runId}` : ''}${known(context.runAttempt) ? ` attempt ${context.runAttempt}` : ''}`;
    return `Workflow run: ${repository || '(no repository)'}${run}, ${event || 'no event'} on ${context.ref || 'no ref'} (${context.sha || 'no sha'}) by ${context.actor || 'unknown'}`;
}

;// CONCATENATED MODULE: ./src/main.ts
// The main step, as GitHub's action template has it: run() does the step, the entries call it
// (dist/main.js through the shared bundle, or `npm run local-action`).




function run() {
    return runMain(core, {
        connect: connect/* connect */.N,
        writeSummary: (inputs, outcome) => writeSummary(core.summary, inputs, outcome),
        // @actions/github is heavy to load and only debug logging needs it.
        describeRun: async () => describeRun((await __webpack_require__.e(/* import() */ 413).then(__webpack_require__.bind(__webpack_require__, 2413))).context),
    });
}


/***/ })

};
