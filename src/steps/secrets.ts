// Registering secrets and step debug logging, the same way in the main and the post step.
import type { ActionCore } from './core.js';
import { registerSecret } from '../text.js';

/** Inputs that hold a secret: each is masked before anything else is printed. */
export const SECRET_INPUTS = ['access-key', 'signing-key', 'signing-key-seed'] as const;

/**
 * A function that masks a secret for the runner (once) and for the action's own outside-text
 * escaper; the secret inputs are masked through it at once.
 */
export function maskSecrets(core: ActionCore): (secret: string) => void {
  const masked = new Set<string>();
  const mask = (secret: string) => {
    if (!secret || masked.has(secret)) return;
    masked.add(secret);
    core.setSecret(secret);
    registerSecret(secret);
  };
  for (const name of SECRET_INPUTS) mask(core.getInput(name));
  return mask;
}

/** core.debug when step debug logging is on; undefined otherwise, so nothing is formatted. */
export function debugLog(core: ActionCore): ((message: string) => void) | undefined {
  return core.isDebug() ? (message: string) => core.debug(message) : undefined;
}
