// Before any write: asks Bird once whether the events and filter keys the built-in table does not
// know exist (GET available-webhooks), and fails on a name Bird does not list. Loaded only when
// there is such a name (needsEventCheck in src/plan/events.ts), so known names cost no request.
// A read, so it runs in dry-run too.
import type { BirdClient } from '../bird/client.js';
import { ActionError, BirdApiError, errorMessage, NetworkError, ResponseError } from '../bird/errors.js';
import type { ActionInputs } from '../plan/inputs.js';
import { namesToConfirm, unknownEventWarning } from '../plan/events.js';
import { judgeNames, type Lookup } from '../plan/confirm-events.js';
import { RetriesExhaustedError } from '../bird/retry.js';
import { shown } from '../text.js';

export interface CheckLog {
  info: (message: string) => void;
  warning: (message: string) => void;
}

export type CheckInputs = Pick<ActionInputs, 'state' | 'service' | 'events' | 'eventsInput' | 'eventFilters'>;

export async function checkEvents(client: Pick<BirdClient, 'availableWebhooks'>, inputs: CheckInputs, log: CheckLog): Promise<void> {
  const input = inputs.eventsInput ?? 'event';
  if (inputs.state === 'absent') {
    // No lookup: a name that does not exist matches no subscription, so nothing is deleted by it.
    for (const event of inputs.events) {
      const warning = unknownEventWarning(inputs.service, event, input);
      if (warning) log.warning(`${warning}; nothing is deleted by a name no subscription has`);
    }
    return;
  }
  const filterKeys = (inputs.eventFilters ?? []).map((f) => f.key);
  const toConfirm = namesToConfirm(inputs.service, inputs.events, filterKeys);
  let lookup: Lookup;
  try {
    lookup = { services: await client.availableWebhooks(inputs.service) };
  } catch (error) {
    // Only Bird's answer (or its absence) is a reason to go on unconfirmed; a bug is not.
    if (!(error instanceof BirdApiError || error instanceof NetworkError || error instanceof ResponseError || error instanceof RetriesExhaustedError)) throw error;
    lookup = { failed: errorMessage(error) };
  }
  const verdict = judgeNames({ service: inputs.service, events: inputs.events, eventsInput: input, filterKeys, toConfirm }, lookup);
  for (const message of verdict.infos) log.info(message);
  for (const message of verdict.warnings) log.warning(message);
  if (verdict.refusals.length > 0) throw new ActionError(verdict.refusals.join('. Also: '));
  if (verdict.confirmed.length > 0) {
    log.info(`Bird lists ${verdict.confirmed.map((n) => `'${shown(n, 80)}'`).join(', ')} for service '${shown(inputs.service, 60)}'`);
  }
}
