// Kept in step with package.json by a test; a constant avoids bundling package.json.
export const ACTION_NAME = 'bird-webhook-subscription-action';
export const ACTION_VERSION = '1.0.0';
export const USER_AGENT = `${ACTION_NAME}/${ACTION_VERSION}`;
