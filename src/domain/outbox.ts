import { z } from "zod";

/**
 * A message to send later (proactive notifications, triage cards, alerts). Stored first, sent
 * after; a failed send is retried from the store. `key` is unique per event and recipient, so the
 * same event never produces two messages.
 */
export const OutboxMessageSchema = z.object({
  key: z.string().min(1),
  createdAt: z.coerce.date(),
  /**
   * Where to send: a conversation key (reporter) or a destination id (channel). Channel "itsm" is a
   * ticket for the ITSM tool (destination: servicenow / jira; message: { reportId }).
   */
  target: z.object({
    channel: z.enum(["teams", "slack", "webchat", "itsm"]),
    conversationKey: z.string().nullable(),
    destination: z.string().nullable(),
  }),
  /** The channel-neutral message (BotMessage) as stored JSON. */
  message: z.record(z.string(), z.unknown()),
  /** Optional: update this channel message in place instead of posting a new one. */
  replaceRef: z.string().nullable().default(null),
  /**
   * Optional: remember the sent message's ref on this report (e.g. the triage card). Normally the
   * message also replaces the one recorded there. With `onlyIfEmpty` it only fills an empty slot: it
   * is posted as a new message while none is recorded, and dropped (marked sent unsent) once one is
   * (a late acknowledgement that a confirmation already overtook).
   */
  recordRefOn: z
    .object({
      reportId: z.string(),
      field: z.enum(["triageMessageRef", "intakeMessageRef"]),
      onlyIfEmpty: z.boolean().optional(),
      /**
       * An update of a message another outbox entry posts first (a triage card's refresh): while
       * that entry is unsent and no ref is recorded, this one waits instead of posting a second card.
       */
      updatesAfter: z.string().optional(),
    })
    .nullable()
    .default(null),
  state: z.enum(["pending", "sending", "sent", "dead"]),
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: z.coerce.date(),
  leaseUntil: z.coerce.date().nullable().default(null),
  lastError: z.string().nullable().default(null),
  sentAt: z.coerce.date().nullable().default(null),
});
export type OutboxMessage = z.infer<typeof OutboxMessageSchema>;

/** Claimed for sending: the lease is set and `attempts` counts this try. Both stores use these transitions. */
export function claimedOutbox(m: OutboxMessage, now: Date, leaseMs: number): OutboxMessage {
  return { ...m, state: "sending", attempts: m.attempts + 1, leaseUntil: new Date(now.getTime() + leaseMs) };
}

export function sentOutbox(m: OutboxMessage, now: Date): OutboxMessage {
  return { ...m, state: "sent", sentAt: now, leaseUntil: null };
}

export function failedOutbox(m: OutboxMessage, error: string, nextAttemptAt: Date, dead: boolean): OutboxMessage {
  return { ...m, state: dead ? "dead" : "pending", lastError: error, nextAttemptAt, leaseUntil: null };
}

/** A new message waiting to be sent now: the one place the pending-state fields are filled in. */
export function pendingOutbox(
  fields: Pick<OutboxMessage, "key" | "target"> & {
    message: object;
    replaceRef?: string | null;
    recordRefOn?: OutboxMessage["recordRefOn"];
  },
  now: Date,
): OutboxMessage {
  return {
    key: fields.key,
    createdAt: now,
    target: fields.target,
    message: fields.message as Record<string, unknown>,
    replaceRef: fields.replaceRef ?? null,
    recordRefOn: fields.recordRefOn ?? null,
    state: "pending",
    attempts: 0,
    nextAttemptAt: now,
    leaseUntil: null,
    lastError: null,
    sentAt: null,
  };
}
