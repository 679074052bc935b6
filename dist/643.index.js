export const id = 643;
export const ids = [643];
export const modules = {

/***/ 7643:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
// EXTERNAL MODULE: ./src/bird/connect.ts + 6 modules
var connect = __webpack_require__(5952);
// EXTERNAL MODULE: ./src/bird/errors.ts
var errors = __webpack_require__(8464);
// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
;// CONCATENATED MODULE: ./src/plan/converge.ts
// What to change on an existing subscription so that it ends up as requested. Pure.


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
/**
 * The one key every subscription of this run ends up with (one receiver verifies all its deliveries
 * with one secret): the given key; else a key Bird already shows on them, which is kept as it is
 * rather than rotated behind a deploy's back; else the derived key. Two different shown keys
 * cannot both be kept: that is refused before anything is written, never settled by rotating one.
 */
function chooseKey(given, targets, derived) {
    if (given !== undefined)
        return given;
    const holders = targets.filter((t) => t !== undefined && shownKey(t) !== undefined);
    const keys = new Set(holders.map((t) => shownKey(t)));
    if (keys.size > 1) {
        throw new errors/* ActionError */.lZ(`The subscriptions of this set show different signing keys (${holders.map((t) => `${(0,src_text/* shown */.SP)(t.id)} for ${(0,src_text/* shown */.SP)(t.event)}`).join(', ')}), ` +
            'and one step hands on one key, so none was changed: give signing-key to set one key on all of them, or manage these events in separate steps');
    }
    return holders.length > 0 ? shownKey(holders[0]) : derived();
}

// EXTERNAL MODULE: ./src/plan/match.ts
var match = __webpack_require__(4106);
// EXTERNAL MODULE: ./src/plan/url-pattern.ts
var url_pattern = __webpack_require__(5113);
;// CONCATENATED MODULE: ./src/plan/absent.ts


/** What `state: absent` deletes: every match of every event, or, for a sweep, what the pattern covers less keep-urls. */
function selectForDeletion(all, inputs) {
    if (!inputs.sweep || !inputs.urlPattern) {
        return inputs.events.flatMap((event) => (0,match/* findMatches */.Np)(all, identity(inputs, event)));
    }
    const pattern = inputs.urlPattern;
    // Scheme and host compare without case, as url-pattern does.
    const keep = new Set(inputs.keepUrls.map(url_pattern/* normalizeUrl */.l));
    return all
        .filter((s) => pattern.matches(s.url) &&
        !keep.has((0,url_pattern/* normalizeUrl */.l)(s.url)) &&
        (inputs.service === '' || s.service === inputs.service) &&
        (inputs.events.length === 0 || inputs.events.includes(s.event)) &&
        (inputs.eventFilters === undefined || (0,match/* sameFilters */.My)(s.eventFilters, inputs.eventFilters)))
        .sort(match/* byAge */.jI);
}
/** The identity one event of the inputs describes. */
function identity(inputs, event) {
    return { service: inputs.service, event, url: inputs.url, eventFilters: inputs.eventFilters };
}

// EXTERNAL MODULE: ./src/plan/limit.ts
var limit = __webpack_require__(4152);
;// CONCATENATED MODULE: ./src/plan/present.ts
// What `state: present` will do for each requested event, decided from one list of the workspace
// before anything is written, so that a refusal (if-exists: fail, a full combination) costs no write. Pure.




function planPresent(existing, request) {
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
        const room = (0,limit/* planRoom */.HJ)((0,limit/* occupants */.BH)(existing, wanted), request.whenFull, request.urlPattern);
        if (room.evict === undefined)
            throw new errors/* ActionError */.lZ(fullMessage(wanted, room.occupants, request));
        return { event, wanted, others: [], evict: room.evict };
    });
}
/** Why a create cannot go through: the occupants, and what the user can do about it. */
function fullMessage(wanted, taken, request, 
/** Bird refused although the pre-flight saw room: another run took a slot meanwhile. */
race = false) {
    const pattern = request.whenFull === 'evict-oldest' ? request.urlPattern : undefined;
    let hint = 'Delete one that is no longer needed, or let this step evict the oldest of its own with url-pattern and when-full: evict-oldest.';
    if (race) {
        hint = `Another run took a slot after this step looked; re-run the step${pattern ? ' to make room again' : ''}.`;
    }
    else if (pattern) {
        const ours = taken.filter((s) => pattern.matches(s.url)).length;
        const excess = taken.length - (limit/* BIRD_COMBINATION_LIMIT */.ki - 1);
        hint =
            ours === 0
                ? `None of them matches url-pattern '${(0,src_text/* shown */.SP)(pattern.text)}', so none was evicted; delete one or widen url-pattern.`
                : `Only ${ours} of them match url-pattern '${(0,src_text/* shown */.SP)(pattern.text)}', fewer than the ${excess} that would have to go, so none was evicted; delete some or widen url-pattern.`;
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

;// CONCATENATED MODULE: ./src/steps/ensure.ts







/** A failure part way through a set: what was done so far still becomes outputs and cleanup state. */
class PartialFailure extends errors/* ActionError */.lZ {
    outcome;
    constructor(message, outcome) {
        super(message);
        this.outcome = outcome;
    }
}
async function ensurePresent(client, inputs, deps) {
    const existing = await client.listAll();
    const plans = planPresent(existing, inputs);
    for (const plan of plans) {
        const key = plan.target && plan.target.signingKey;
        if (typeof key === 'string' && key !== '')
            deps.mask(key);
        if (plan.others.length > 0) {
            deps.warning(`${plan.others.length + 1} subscriptions match ${describeIdentity(plan.wanted)}; reusing the oldest, ${(0,src_text/* shown */.SP)(plan.target?.id)}, and leaving ${listIds(plan.others)} alone`);
        }
    }
    const signingKey = chooseKey(inputs.signingKey, plans.map((p) => p.target), () => deps.derivedKey);
    if (inputs.dryRun)
        return dryRunPresent(plans, signingKey, inputs, deps);
    const outcome = { result: 'unchanged', items: [], signingKey, evicted: [], dryRun: false };
    const known = new Set(existing.map((s) => s.id));
    for (const plan of plans) {
        try {
            outcome.items.push(plan.target
                ? await converge(client, plan.target, signingKey, inputs, deps, plan.event)
                : await create(client, plan, signingKey, known, outcome, inputs, deps));
        }
        catch (error) {
            throw partialFailure(error, plans.length > 1 ? plan.event : undefined, outcome);
        }
    }
    outcome.result = sumUp(outcome.items);
    return outcome;
}
async function create(client, plan, signingKey, known, outcome, inputs, deps) {
    for (const victim of plan.evict) {
        const gone = await client.remove(victim.id);
        if (gone === 'deleted')
            outcome.evicted.push(victim);
        deps.info(`Bird's limit of five is reached for ${describeCombination(plan.wanted)}: ` +
            `${gone === 'deleted' ? 'evicted' : 'found already gone'} the oldest subscription matching url-pattern, ${(0,src_text/* shown */.SP)(victim.id)}, so ${(0,src_text/* shown */.SP)(victim.url)} no longer receives these events`);
    }
    const body = { service: inputs.service, event: plan.event, url: inputs.url, signingKey };
    if (inputs.eventFilters)
        body.eventFilters = inputs.eventFilters;
    if (inputs.template !== undefined)
        body.template = inputs.template;
    let created;
    try {
        created = await client.create(body, async () => {
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
                deps.info(`The create went through after all: adopting subscription ${(0,src_text/* shown */.SP)(fresh[0].id)}`);
            return fresh[0];
        });
    }
    catch (error) {
        if (isLimitError(error))
            throw new errors/* ActionError */.lZ(await limitRefusal(client, plan, inputs));
        throw error;
    }
    const { subscription, adopted } = created;
    known.add(subscription.id);
    deps.onCreated(subscription.id);
    if (!adopted) {
        deps.info(`Created subscription ${(0,src_text/* shown */.SP)(subscription.id)} for ${(0,src_text/* shown */.SP)(plan.event)}`);
        return { event: plan.event, result: 'created', id: subscription.id, subscription };
    }
    // Make sure the adopted one has the key we output, whatever the list showed.
    const item = await converge(client, subscription, signingKey, inputs, deps, plan.event);
    return { ...item, result: 'created' };
}
async function converge(client, target, signingKey, inputs, deps, event) {
    deps.info(`Found matching subscription ${(0,src_text/* shown */.SP)(target.id)} for ${(0,src_text/* shown */.SP)(event)} (status ${(0,src_text/* shown */.SP)(target.status ?? 'unknown')})`);
    const plan = planConverge(target, { signingKey, template: inputs.template });
    if (!plan.patch)
        return { event, result: 'unchanged', id: target.id, subscription: target };
    if (plan.reassertsKey) {
        deps.info(`Re-asserting the signing key of subscription ${(0,src_text/* shown */.SP)(target.id)}: Bird does not show keys, so setting it is the only way to know it`);
    }
    if (plan.changes.length > 0)
        deps.info(`Updating subscription ${(0,src_text/* shown */.SP)(target.id)}: ${plan.changes.join(', ')}`);
    const updated = await client.update(target, plan.patch);
    return { event, result: plan.changes.length > 0 ? 'updated' : 'unchanged', id: updated.id, subscription: updated };
}
/** Bird refused the create for its limit although the pre-flight saw room: someone took the slot meanwhile. */
function isLimitError(error) {
    if (!(error instanceof errors/* BirdApiError */.Mp) || error.status !== 422)
        return false;
    const { code, message } = (error.body ?? {});
    return /limit/i.test(`${typeof code === 'string' ? code : ''} ${typeof message === 'string' ? message : ''}`);
}
async function limitRefusal(client, plan, inputs) {
    let taken = [];
    try {
        taken = (0,limit/* occupants */.BH)(await client.listAll(), plan.wanted);
    }
    catch {
        // The message can do without the occupants.
    }
    return `Bird refused the create (HTTP 422). ${fullMessage(plan.wanted, taken, inputs, true)}`;
}
function dryRunPresent(plans, signingKey, inputs, deps) {
    const outcome = { result: 'unchanged', items: [], evicted: [], dryRun: true };
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
    outcome.result = sumUp(outcome.items);
    return outcome;
}
async function ensureAbsent(client, inputs, deps) {
    const verb = inputs.dryRun ? 'Dry run: would delete' : 'Deleted';
    const outcome = { result: 'not-found', items: [], evicted: [], dryRun: inputs.dryRun };
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
        targets = selectForDeletion(await client.listAll(), inputs);
    }
    for (const target of targets) {
        try {
            if (!inputs.dryRun && (await client.remove(target.id)) !== 'deleted')
                continue;
        }
        catch (error) {
            throw partialFailure(error, targets.length > 1 ? `${target.event} (${target.id})` : undefined, outcome);
        }
        deps.info(`${verb} subscription ${(0,src_text/* shown */.SP)(target.id)} (${(0,src_text/* shown */.SP)(target.service)} ${(0,src_text/* shown */.SP)(target.event)} -> ${(0,src_text/* shown */.SP)(target.url)})`);
        outcome.items.push({ event: target.event, result: 'deleted', id: target.id, subscription: target });
    }
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
/**
 * A failure part way: with nothing written yet a plain failure (naming the event in a set);
 * otherwise what was done still becomes outputs, and the message says what it was.
 */
function partialFailure(error, event, outcome) {
    const which = event !== undefined ? `Event ${(0,src_text/* shown */.SP)(event)}: ` : '';
    if (outcome.items.length === 0 && outcome.evicted.length === 0) {
        return which ? new errors/* ActionError */.lZ(`${which}${(0,errors/* errorMessage */.gJ)(error)}`) : error;
    }
    outcome.result = sumUp(outcome.items);
    const done = outcome.items.length > 0
        ? ` (done before it: ${outcome.items.map((i) => `${(0,src_text/* shown */.SP)(i.result === 'deleted' ? `${i.event} (${i.id})` : i.event)} ${i.result}`).join(', ')})`
        : '';
    return new PartialFailure(`${which}${(0,errors/* errorMessage */.gJ)(error)}${done}`, outcome);
}
/** A few IDs, then how many more: a workspace full of duplicates must not flood the log. */
function listIds(subscriptions, max = 5) {
    const shownIds = subscriptions.slice(0, max).map((s) => (0,src_text/* shown */.SP)(s.id)).join(', ');
    return subscriptions.length > max ? `${shownIds} and ${subscriptions.length - max} more` : shownIds;
}
/** The set's result: created if any was created, else updated if any changed, else unchanged. */
function sumUp(items) {
    for (const result of ['created', 'updated', 'deleted'])
        if (items.some((i) => i.result === result))
            return result;
    return items.length > 0 && items.every((i) => i.result === 'not-found') ? 'not-found' : 'unchanged';
}

// EXTERNAL MODULE: ./src/plan/inputs.ts + 2 modules
var plan_inputs = __webpack_require__(9046);
// EXTERNAL MODULE: ./src/plan/signing-key.ts
var signing_key = __webpack_require__(4162);
// EXTERNAL MODULE: ./src/steps/secrets.ts
var secrets = __webpack_require__(826);
// EXTERNAL MODULE: ./src/steps/state.ts
var state = __webpack_require__(6062);
;// CONCATENATED MODULE: ./src/steps/run.ts






async function runMain(core, deps) {
    // Every secret input is registered before anything at all is printed.
    const mask = (0,secrets/* maskSecrets */.QU)(core);
    try {
        const inputs = (0,plan_inputs/* parseInputs */.TL)((name) => core.getInput(name), (message) => core.warning(message));
        // Without signing-key the key is derived (before any request: an over-long URL is an input
        // error), and masked before anything about a subscription is printed.
        const derivedKey = inputs.state === 'present' && inputs.signingKey === undefined ? (0,signing_key/* deriveSigningKey */.me)(inputs.signingKeySeed ?? inputs.accessKey, inputs) : '';
        mask(derivedKey);
        if (core.isDebug())
            core.debug(await deps.describeRun());
        const client = deps.connect({ ...inputs, debug: (0,secrets/* debugLog */.cY)(core), mask }, (message) => core.info(message));
        const created = [];
        let outcome;
        try {
            outcome =
                inputs.state === 'absent'
                    ? await ensureAbsent(client, inputs, { info: (m) => core.info(m) })
                    : await ensurePresent(client, inputs, {
                        derivedKey,
                        mask,
                        info: (m) => core.info(m),
                        warning: (m) => core.warning(m),
                        onCreated: (id) => {
                            created.push(id);
                            if (inputs.cleanup)
                                core.saveState(state/* CLEANUP_STATE */.Fc, JSON.stringify(cleanupState(created)));
                        },
                    });
        }
        catch (error) {
            // Part of a set was done: hand that over before failing, so later steps and a re-run see it.
            if (error instanceof PartialFailure) {
                writeOutputs(core, error.outcome, mask);
                await summarize(core, deps, inputs, error.outcome);
            }
            throw error;
        }
        writeOutputs(core, outcome, mask);
        core.info(outcome.dryRun ? `Result: ${outcome.result} (dry run: nothing was changed)` : `Result: ${outcome.result}`);
        await summarize(core, deps, inputs, outcome);
    }
    catch (error) {
        core.setFailed((0,errors/* errorMessage */.gJ)(error));
    }
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
    core.setOutput('subscriptions', JSON.stringify(items.map((i) => ({ event: i.event, id: i.id ?? null, status: i.subscription?.status ?? null, result: i.result }))));
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
    const rows = outcome.items.map((item) => [
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
    let s = summary.addHeading('Bird webhook subscription', 3);
    for (const line of lines)
        s = s.addRaw(`<p>${line}</p>`, true);
    if (rows.length > 0)
        s = s.addTable([[head('Event'), head('Result'), head('Subscription ID'), head('URL'), head('Status')], ...rows]);
    // Appended synchronously: summary.write() is async and would start libuv's thread pool for
    // this one small write, which measurably slows the step (see CONTRIBUTING, performance).
    (0,external_node_fs_.appendFileSync)(process.env.GITHUB_STEP_SUMMARY, s.stringify());
    summary.emptyBuffer();
}
/**
 * One line that ties this step to its workflow run, for debug logs, from the runner's GITHUB_*
 * variables and event file (what @actions/github's context reads, without loading that package).
 * A run ID or attempt the runner did not give is left out rather than shown as NaN.
 */
function describeRun(env = process.env) {
    const pr = pullRequestNumber(env.GITHUB_EVENT_PATH);
    const name = env.GITHUB_EVENT_NAME ?? '';
    const event = pr === undefined ? name : `${name} #${pr}`;
    const number = (value) => (value !== undefined && /^\d+$/.test(value) ? value : undefined);
    const runId = number(env.GITHUB_RUN_ID);
    const attempt = number(env.GITHUB_RUN_ATTEMPT);
    const run = `${runId === undefined ? '' : ` run ${runId}`}${attempt === undefined ? '' : ` attempt ${attempt}`}`;
    return `Workflow run: ${env.GITHUB_REPOSITORY || '(no repository)'}${run}, ${event || 'no event'} on ${env.GITHUB_REF || 'no ref'} (${env.GITHUB_SHA || 'no sha'}) by ${env.GITHUB_ACTOR || 'unknown'}`;
}
/** The pull request's number from the event file, if the event has one. */
function pullRequestNumber(eventPath) {
    if (!eventPath)
        return undefined;
    try {
        const n = JSON.parse((0,external_node_fs_.readFileSync)(eventPath, 'utf8')).pull_request?.number;
        return typeof n === 'number' ? n : undefined;
    }
    catch {
        return undefined; // no event file, or not JSON: the line goes without the number
    }
}

;// CONCATENATED MODULE: ./src/main.ts
// The main step, as GitHub's action template has it: run() does the step, the entries call it
// (dist/main.js through the shared bundle, or `npm run local-action`).




function run() {
    return runMain(core, {
        connect: connect/* connect */.N,
        writeSummary: (inputs, outcome) => writeSummary(core.summary, inputs, outcome),
        describeRun: async () => describeRun(),
    });
}


/***/ })

};
