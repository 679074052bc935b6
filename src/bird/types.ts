// Shapes of Bird's Notifications API (webhook subscriptions) as this action uses them.

export interface EventFilter {
  key: string;
  value: string;
}

export interface Subscription {
  id: string;
  organizationId?: string;
  workspaceId?: string;
  service: string;
  event: string;
  eventFilters?: EventFilter[] | null;
  template?: string;
  url: string;
  /** GET and list may leave it out. */
  signingKey?: string;
  status?: string;
  statusReason?: string;
  createdAt?: string;
  updatedAt?: string;
}

export interface CreateBody {
  service: string;
  event: string;
  url: string;
  signingKey: string;
  eventFilters?: EventFilter[];
  template?: string;
}

/** PATCH accepts only these fields (additionalProperties: false, minProperties: 1). */
export interface UpdateBody {
  template?: string;
  url?: string;
  signingKey?: string;
  status?: 'active' | 'inactive';
  eventFilters?: EventFilter[] | null;
}

export type Result = 'created' | 'updated' | 'unchanged' | 'deleted' | 'not-found';
