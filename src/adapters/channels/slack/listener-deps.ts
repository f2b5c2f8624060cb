/** What every Slack listener needs, and the two habits they share: dedupe deliveries, never throw after ack. */
import type { webApi } from "@slack/bolt";
import type { BotCore } from "../../../app/intake/core-types";
import { errorCode } from "../../../domain/errors";
import type { Clock } from "../../../ports/clock";
import type { Logger } from "../../../ports/logger";
import type { Redactor } from "../../../ports/redactor";
import type { ConversationStore, IdempotencyStore } from "../../../ports/side-stores";

export interface ListenerDeps {
  core: BotCore;
  /** Web API client for replies (Slack's own or SLACK_API_URL). */
  client: webApi.WebClient;
  conversations: ConversationStore;
  idempotency: IdempotencyStore;
  clock: Clock;
  logger: Logger;
  /** For the "Report to IT" modal's prefill (the message redacted); null: the modal starts empty. */
  redactor: Redactor | null;
}

/** True the first time a delivery is seen; Slack's retries of the same event answer false. */
export function firstDelivery(deps: ListenerDeps, deliveryId: string): Promise<boolean> {
  return deps.idempotency.firstTime(`slack:${deliveryId}`, deps.clock.now());
}

const APOLOGY = "Sorry, something went wrong on our side. Please try again in a minute.";

/**
 * Runs the work that follows an ack. Errors are logged (code only, never user text) and the user
 * gets an apology where possible; nothing propagates back into Bolt.
 */
export async function afterAck(
  deps: ListenerDeps,
  what: string,
  work: () => Promise<void>,
  apologise?: { channel: string; user: string },
): Promise<void> {
  try {
    await work();
  } catch (err) {
    deps.logger.error({ what, code: errorCode(err), err: (err as Error).message }, "slack listener failed");
    if (!apologise) return;
    try {
      await deps.client.chat.postEphemeral({ channel: apologise.channel, user: apologise.user, text: APOLOGY });
    } catch {
      // The apology is best effort; the error is already logged.
    }
  }
}
