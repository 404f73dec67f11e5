import { z } from 'zod';

import { POLICY_QUEUES } from '../../contract/enums';

export const QUEUE_NAMES = POLICY_QUEUES;
export const LABELS = ['ad', 'commercial', 'sensitive', 'unverified_claim'] as const;

const reason = z.string().trim().min(1).max(200);

/** What each event type asks the product to do, and the parameters it needs. */
export const EVENT_PARAMS = {
  flag: z.object({ queue: z.enum(QUEUE_NAMES), priority: z.number().int().min(0).max(100), reason }).strict(),
  hold: z.object({ reason }).strict(),
  label: z.object({ label: z.enum(LABELS), reason: reason.optional() }).strict(),
  require_disclosure: z.object({ reason }).strict(),
  reputation_evidence: z
    .object({
      component: z.enum(['discussion', 'commerce']),
      weight: z
        .number()
        .min(-5)
        .max(5)
        .refine((w) => w !== 0, 'weight must not be 0'),
      reason: reason.optional(),
    })
    .strict(),
} as const;

export type EventType = keyof typeof EVENT_PARAMS;
export const EVENT_TYPES = Object.keys(EVENT_PARAMS) as EventType[];

export type FlagParams = z.infer<(typeof EVENT_PARAMS)['flag']>;
export type LabelParams = z.infer<(typeof EVENT_PARAMS)['label']>;
export type ReputationEvidenceParams = z.infer<(typeof EVENT_PARAMS)['reputation_evidence']>;

/** An event as json-rules-engine emits it. */
export interface PolicyEvent {
  type: string;
  params?: Record<string, unknown>;
}
