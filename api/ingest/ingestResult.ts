import type { IngestMetrics } from '../metrics/appMetrics';
export interface IngestedItem {
  externalId: string;
  id: number;
  /** false when the platform had sent this item before: nothing was written for it. */
  created: boolean;
}

/** What the platform should do with the item now: the decisions stored for it. */
export interface ItemState {
  status: string;
  held: boolean;
  labels: string[];
  disclosureRequired: boolean;
  flags: Array<{ queue: string; priority: number }>;
}

export type IngestedWithState = IngestedItem & ItemState;

export interface TrustEngine {
  runtime: import('../policies/policyRuntime').PolicyRuntime;
  scorer?: import('../../models/runtime/scorer').Scorer;
  /** The model registry's active and shadow models; when given, the active one scores instead of `scorer`. */
  models?: import('../models/modelRuntime').ModelRuntime;
  /** Where holds and disclosure requirements are announced to the platform's webhooks. */
  outbox?: import('../webhooks/outbox').Outbox;
  /** Slots per board counter bucket (BOARD_COUNTER_SLOTS); 1 keeps one row per bucket. */
  counterSlots?: number;
  /** Counts what a batch stored once it has committed; absent (the demo seed, scripts), nothing is counted. */
  metrics?: IngestMetrics;
}
