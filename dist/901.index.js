export const id = 901;
export const ids = [901];
export const modules = {

/***/ 3901:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  inputVariable: () => (/* binding */ inputVariable),
  undeclaredInputs: () => (/* binding */ undeclaredInputs)
});

;// CONCATENATED MODULE: ./src/plan/declared-inputs.ts
// Generated from action.yml by `npm run docs` (scripts/action-docs.ts); a test fails when it differs.
// The names of the inputs action.yml declares, for the warning about undeclared ones outside the runner.
const DECLARED_INPUTS = [
    'access-key',
    'workspace-id',
    'service',
    'event',
    'events',
    'url',
    'signing-key',
    'signing-key-seed',
    'event-filters',
    'template',
    'organization-id',
    'api-url',
    'if-exists',
    'state',
    'subscription-id',
    'url-pattern',
    'when-full',
    'keep-urls',
    'prune',
    'dry-run',
    'cleanup',
    'check-receiver',
    'check-deliveries',
    'deliveries-window',
    'max-attempts',
    'timeout-seconds',
];

// EXTERNAL MODULE: ./src/plan/events.ts
var events = __webpack_require__(654);
// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
;// CONCATENATED MODULE: ./src/plan/undeclared-inputs.ts
// Inputs the environment passes that action.yml does not declare. The runner warns about those in
// `with:` before the step starts; outside it (local-action, a script setting INPUT_* by hand)
// nobody does, and a misspelt input is silently ignored. Loaded only outside the runner.



/** The runner's variable for an input: INPUT_ and the name upper-cased, spaces (not dashes) as `_`. */
const inputVariable = (name) => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
/** One warning per INPUT_* variable that names no declared input, with the nearest declared name. */
function undeclaredInputs(env, declared = DECLARED_INPUTS) {
    const known = new Set(declared.map(inputVariable));
    return Object.keys(env)
        .filter((variable) => variable.startsWith('INPUT_') && !known.has(variable))
        .sort()
        .map((variable) => {
        const name = variable.slice('INPUT_'.length).toLowerCase();
        // A declared name spelt in the wrong case: @actions/core reads only the upper-case variable.
        if (declared.includes(name))
            return `Input variable ${(0,src_text/* shown */.SP)(variable)} is ignored: the step reads ${inputVariable(name)} (upper case), as the runner sets it`;
        const near = (0,events/* closest */.kp)(name, declared);
        return `Unexpected input '${(0,src_text/* shown */.SP)(name)}' (${(0,src_text/* shown */.SP)(variable)}): action.yml declares no such input, so the step ignores it${near ? `; did you mean '${near}'?` : ''}`;
    });
}


/***/ })

};
