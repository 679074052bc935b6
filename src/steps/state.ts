// What the main step saves for the post step. Holds no secret: the post step reads the access
// key from its input again.
import type { ConnectOptions } from '../bird/connect.js';

export const CLEANUP_STATE = 'cleanup';

export interface CleanupState extends Omit<ConnectOptions, 'accessKey' | 'apiUrl'> {
  subscriptionId: string;
  /** Every subscription this run created, when it created several (events). */
  subscriptionIds?: string[];
  apiUrl: string;
}
