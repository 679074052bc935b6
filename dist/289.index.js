export const id = 289;
export const ids = [289];
export const modules = {

/***/ 289:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
// EXTERNAL MODULE: ./src/bird/connect.ts + 2 modules
var connect = __webpack_require__(7792);
// EXTERNAL MODULE: ./src/bird/errors.ts
var errors = __webpack_require__(8464);
// EXTERNAL MODULE: ./src/plan/inputs.ts + 3 modules
var inputs = __webpack_require__(7018);
// EXTERNAL MODULE: ./src/steps/state.ts
var state = __webpack_require__(6062);
// EXTERNAL MODULE: ./src/steps/secrets.ts
var secrets = __webpack_require__(826);
// EXTERNAL MODULE: ./src/steps/parallel.ts
var parallel = __webpack_require__(6708);
;// CONCATENATED MODULE: ./src/steps/cleanup.ts





async function runPost(core, deps) {
    // Every secret the step was given, registered before anything is printed (an error body from
    // Bird could echo any of them).
    const mask = (0,secrets/* maskSecrets */.QU)(core);
    const saved = core.getState(state/* CLEANUP_STATE */.Fc);
    if (!saved) {
        core.info('Nothing to clean up: this run created no subscription with cleanup enabled');
        return;
    }
    let ids;
    try {
        ids = (0,state/* parseCleanupState */.VO)(saved);
    }
    catch (error) {
        core.warning(`Cleanup skipped: the saved cleanup state was ignored because ${(0,errors/* errorMessage */.gJ)(error)}; nothing was deleted`);
        return;
    }
    const what = `subscription${ids.length > 1 ? 's' : ''} ${ids.join(', ')}`;
    // The state alone never deletes anything: the step must have been asked to clean up.
    if (!(0,inputs/* isTrue */.Hn)(core.getInput('cleanup'))) {
        core.warning(`Cleanup skipped: state asks to delete ${what}, but input 'cleanup' is not true; nothing was deleted`);
        return;
    }
    let connection;
    try {
        connection = (0,inputs/* parseConnection */.C8)((name) => core.getInput(name));
    }
    catch (error) {
        core.warning(`Cleanup of ${what} skipped: ${(0,errors/* errorMessage */.gJ)(error)}`);
        return;
    }
    const client = deps.connect({ ...connection, debug: (0,secrets/* debugLog */.cY)(core), mask }, (m) => core.info(m));
    // A few deletes at a time; each prints its line (or warning) in the order of the saved IDs.
    // A failed delete is a warning, and the others go on.
    await (0,parallel/* inOrder */.a)(ids.map((id) => async (log) => {
        try {
            const outcome = await client.remove(id);
            log({ text: outcome === 'deleted' ? `Cleanup: deleted subscription ${id}` : `Cleanup: subscription ${id} was already gone` });
        }
        catch (error) {
            log({ text: `Cleanup of subscription ${id} failed: ${(0,errors/* errorMessage */.gJ)(error)}`, warning: true });
        }
    }), (line) => (line.warning ? core.warning(line.text) : core.info(line.text)));
}

;// CONCATENATED MODULE: ./src/post.ts
// The post step: run() deletes what the main step created with cleanup on. Saved state is read
// through @actions/core only (core.getState in runPost), so local-action's stand-in works too.
// The runner's entry dist/post.js loads this only when there is saved cleanup state.



function run() {
    return runPost(core, { connect: connect/* connect */.N });
}


/***/ })

};
