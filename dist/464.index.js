export const id = 464;
export const ids = [464];
export const modules = {

/***/ 5464:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   checkDeliveries: () => (/* binding */ checkDeliveries),
/* harmony export */   deliveriesOutput: () => (/* binding */ deliveriesOutput)
/* harmony export */ });
/* harmony import */ var _bird_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8464);
/* harmony import */ var _plan_deliveries_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6163);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8992);
/* harmony import */ var _parallel_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6708);




async function checkDeliveries(client, inputs, outcome, deps) {
    const mode = inputs.checkDeliveries === 'fail' ? 'fail' : 'warn';
    const now = (deps.now ?? Date.now)();
    const since = now - inputs.deliveriesWindow.ms;
    const window = inputs.deliveriesWindow.text;
    // The subscriptions the step keeps; one a dry run would create has no log yet.
    const kept = outcome.items.filter((item) => item.id !== undefined && item.result !== 'deleted');
    const tasks = kept.map((item) => async (log) => {
        const id = item.id ?? '';
        const record = { id, event: item.event, url: item.subscription?.url ?? inputs.url, complete: true };
        const name = `${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .shown */ .SP)(item.event, 100)} (${id})`;
        try {
            const tally = (0,_plan_deliveries_js__WEBPACK_IMPORTED_MODULE_1__/* .emptyTally */ .CK)();
            const seen = new Set();
            const order = (0,_plan_deliveries_js__WEBPACK_IMPORTED_MODULE_1__/* .newLogOrder */ .RR)();
            // Every token used so far: one handed out again would loop.
            const tokens = new Set();
            let pageToken;
            let entries = 0;
            let pages = 0;
            // Why the reading stopped before the window's edge: the counts are then a floor.
            let cut = '';
            for (;;) {
                const answer = await client.logsPage({ id, organizationId: item.subscription?.organizationId }, _plan_deliveries_js__WEBPACK_IMPORTED_MODULE_1__/* .LOG_PAGE_SIZE */ .TI, pageToken);
                pages++;
                const counted = (0,_plan_deliveries_js__WEBPACK_IMPORTED_MODULE_1__/* .countPage */ .t3)(tally, answer.results, since, now, seen, order);
                entries += counted.entries;
                if (counted.reachedEnd || answer.nextPageToken === undefined)
                    break;
                if (pageToken !== undefined)
                    tokens.add(pageToken);
                if (tokens.has(answer.nextPageToken)) {
                    // A token handed out twice would loop: stop, and say the count may be short.
                    cut = `Bird handed out the same page token twice after ${pages} ${pages === 1 ? 'page' : 'pages'} (${entries} log entries)`;
                    break;
                }
                if (pages >= _plan_deliveries_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_LOG_PAGES */ .pv) {
                    cut = `only the newest ${entries} log entries were read (the cap of ${_plan_deliveries_js__WEBPACK_IMPORTED_MODULE_1__/* .MAX_LOG_PAGES */ .pv} pages)`;
                    break;
                }
                pageToken = answer.nextPageToken;
            }
            if (cut !== '')
                record.complete = false;
            record.tally = tally;
            const disorder = order.disordered ? "; Bird's log was not newest first, so it was read to its end or the page cap" : '';
            const floor = cut === '' ? '' : `; ${cut}, so the counts are a floor`;
            const skipped = tally.skipped > 0 ? `; ${tally.skipped} log ${tally.skipped === 1 ? 'entry' : 'entries'} left out (not an entry, or a time that cannot be read or lies ahead)` : '';
            const failures = tally.failed > 0 ? `, ${(0,_plan_deliveries_js__WEBPACK_IMPORTED_MODULE_1__/* .describeFailures */ .ng)(tally)}, newest at ${tally.newestFailureAt}` : '';
            log(`Deliveries of ${name} in the last ${window}: ${tally.delivered} delivered${failures}${floor}${disorder}${skipped}`);
        }
        catch (error) {
            record.error = (0,_bird_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error);
            // Whatever pages were read before, nothing is reported for this log: its count is not complete.
            record.complete = false;
            log(`Deliveries of ${name}: the delivery log could not be read: ${record.error}`);
        }
        return record;
    });
    const settled = await (0,_parallel_js__WEBPACK_IMPORTED_MODULE_3__/* .inOrder */ .a)(tasks, deps.info);
    const subscriptions = settled.map((s, i) => (s?.ok ? s.value : { id: kept[i].id ?? '', event: kept[i].event, url: inputs.url, complete: false, error: (0,_bird_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(s?.error) }));
    const problems = [];
    for (const s of subscriptions) {
        const name = `${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .shown */ .SP)(s.event, 100)} (${s.id}, ${(0,_text_js__WEBPACK_IMPORTED_MODULE_2__/* .shown */ .SP)(s.url, 200)})`;
        if (s.error !== undefined)
            problems.push(`the delivery log of ${name} could not be read: ${s.error}`);
        else if (s.tally && s.tally.failed > 0) {
            problems.push(`${name}: ${(0,_plan_deliveries_js__WEBPACK_IMPORTED_MODULE_1__/* .describeFailures */ .ng)(s.tally)} in the last ${window}${s.complete ? '' : ' (at least: the reading stopped early)'}, newest at ${s.tally.newestFailureAt}`);
        }
    }
    if (mode === 'warn')
        for (const problem of problems)
            deps.warning(`check-deliveries: ${problem}`);
    if (kept.length === 0)
        deps.info('Deliveries: no subscription to read the log of (a dry run would create it)');
    return { mode, window, subscriptions, problems };
}
/** The `deliveries` output: one entry per subscription, in the order of events. */
function deliveriesOutput(report) {
    return JSON.stringify(report.subscriptions.map((s) => ({
        id: s.id,
        event: s.event,
        url: s.url,
        delivered: s.tally?.delivered ?? null,
        failed: s.tally?.failed ?? null,
        byStatus: s.tally?.byStatus ?? {},
        newestFailureAt: s.tally?.newestFailureAt ?? null,
        complete: s.complete,
        ...(s.error === undefined ? {} : { error: s.error }),
    })));
}


/***/ })

};
