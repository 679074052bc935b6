// The slice of @actions/core this action uses, as a type, so that the step logic takes it as a
// dependency (tests pass a recorder) without importing the toolkit.
import type * as Core from '@actions/core';

export type ActionCore = Pick<
  typeof Core,
  'getInput' | 'setSecret' | 'setOutput' | 'saveState' | 'getState' | 'info' | 'warning' | 'notice' | 'debug' | 'isDebug' | 'setFailed'
>;

export type Summary = (typeof Core)['summary'];
