export const id = 836;
export const ids = [836];
export const modules = {

/***/ 6836:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   checkAvailable: () => (/* binding */ checkAvailable)
/* harmony export */ });
/* unused harmony exports MAX_SERVICES, MAX_EVENTS_PER_SERVICE, MAX_FILTER_KEYS, MAX_NAME_LENGTH */
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8992);
// Bird's list of what a workspace can subscribe to (GET …/available-webhooks), checked as untrusted:
// the documented shape or nothing. An answer that does not fit is one Bird "could not confirm" with,
// never a crash and never a partial list (a dropped entry could be the very event asked about).

// Far above anything Bird documents (five services, a few dozen events each), far below what would
// make the matching slow; beyond them the answer is not taken.
const MAX_SERVICES = 100;
const MAX_EVENTS_PER_SERVICE = 5000;
const MAX_FILTER_KEYS = 200;
const MAX_NAME_LENGTH = 200;
/** The answer as documented, or what is wrong with it (safe to show: outside text goes through shown()). */
function checkAvailable(body) {
    if (!isObject(body))
        return `a body that is ${kind(body)}, not an object`;
    const results = body.results;
    if (!Array.isArray(results))
        return 'a body without a results list';
    if (results.length > MAX_SERVICES)
        return `${results.length} services (more than ${MAX_SERVICES})`;
    const services = [];
    for (const [i, entry] of results.entries()) {
        const where = `results[${i}]`;
        if (!isObject(entry))
            return `${where} is ${kind(entry)}, not an object`;
        if (!isName(entry.service))
            return `${where}.service is not a name`;
        if (!Array.isArray(entry.events))
            return `${where}.events is not a list`;
        if (entry.events.length > MAX_EVENTS_PER_SERVICE)
            return `${where}.events has ${entry.events.length} entries (more than ${MAX_EVENTS_PER_SERVICE})`;
        const events = [];
        for (const [j, event] of entry.events.entries()) {
            const at = `${where}.events[${j}]`;
            if (!isObject(event))
                return `${at} is ${kind(event)}, not an object`;
            if (!isName(event.name))
                return `${at}.name is not a name`;
            const keys = event.filterKeys;
            if (keys === undefined || keys === null) {
                events.push({ name: event.name });
                continue;
            }
            if (!Array.isArray(keys) || keys.length > MAX_FILTER_KEYS || !keys.every(isName))
                return `${at}.filterKeys is not a list of names`;
            events.push({ name: event.name, filterKeys: keys });
        }
        services.push({ service: entry.service, events });
    }
    return services;
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function isName(value) {
    return typeof value === 'string' && value !== '' && value.length <= MAX_NAME_LENGTH;
}
function kind(value) {
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return 'a list';
    return (0,_text_js__WEBPACK_IMPORTED_MODULE_0__/* .shown */ .SP)(typeof value, 20);
}


/***/ })

};
