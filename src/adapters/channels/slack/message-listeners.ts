/**
 * Chat entry points: DMs to the app, @mentions in channels, the /itreport slash command and the
 * App Home "Messages" tab (welcome once).
 *
 * Chat events are taken in durably: the core stores the message first, then Slack gets its 200
 * (IntakeAck), then the event id is marked as seen and the replies go out. A message that could not
 * be stored is refused (503) so Slack delivers it again — except on Slack's last retry, where the
 * person gets the apology instead of silence. Slash commands: the core runs before the ack too
 * (Slack does not retry commands); a slow store lets the receiver's deadline ack, and the reply
 * still comes by DM.
 */
import type { App } from "@slack/bolt";
import { z } from "zod";
import type { CoreResponse, InboundMessage } from "../../../app/intake/core-types";
import { saveConversation } from "./conversation-ref";
import { LAST_SLACK_RETRY, intakeAckOf, type IntakeAck } from "./intake-ack";
import { afterAck, firstDelivery, type ListenerDeps } from "./listener-deps";
import { fixedChannel, once, sendReplies } from "./reply-sender";
import { openDm } from "./slack-sender";
import type { UserNames } from "./user-names";

const envelopeSchema = z.object({ event_id: z.string().min(1), team_id: z.string().default("") });

const chatEventSchema = z.object({
  channel: z.string().min(1),
  channel_type: z.string().optional(),
  user: z.string().min(1),
  text: z.string().default(""),
  ts: z.string(),
  thread_ts: z.string().optional(),
  team: z.string().optional(),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
  files: z.array(z.unknown()).optional(),
});

const commandSchema = z.object({
  team_id: z.string(),
  channel_id: z.string(),
  user_id: z.string(),
  text: z.string().default(""),
  trigger_id: z.string(),
});

const homeOpenedSchema = z.object({ user: z.string(), channel: z.string(), tab: z.string().optional() });

/** Removes the bot's own mention (`<@U123>` or `<@U123|name>`); without a known id, a leading mention. */
export function stripBotMention(text: string, botUserId: string | undefined): string {
  const pattern = botUserId ? new RegExp(`<@${botUserId}(\\|[^>]*)?>`, "g") : /^\s*<@[UW][A-Z0-9]+(\|[^>]*)?>/;
  return text.replace(pattern, " ").replace(/\s+/g, " ").trim();
}

/**
 * `/itreport status` → "my reports", `/itreport help` (or nothing) → "help", anything else is a
 * report or a triage command (in a triage channel only triage commands are taken: the core says so).
 */
export function commandText(text: string): string {
  const trimmed = text.trim();
  const word = trimmed.toLowerCase();
  if (word === "" || word === "help") return "help";
  if (word === "status" || word === "my reports" || word === "mine") return "my reports";
  return trimmed;
}

type ChatEvent = z.infer<typeof chatEventSchema>;

/** How Slack delivered this event: the receiver's IntakeAck (HTTP) and which retry it is. */
interface Delivery {
  intake: IntakeAck | null;
  retryNum: number;
}

function deliveryOf(context: Record<string, unknown>): Delivery {
  const retryNum = typeof context["retryNum"] === "number" ? context["retryNum"] : 0;
  return { intake: intakeAckOf(context), retryNum };
}

async function handleChat(
  deps: ListenerDeps,
  names: UserNames,
  envelope: z.infer<typeof envelopeSchema>,
  event: ChatEvent,
  mode: { direct: boolean; text: string },
  delivery: Delivery,
): Promise<void> {
  const seenKey = `slack:${envelope.event_id}`;
  const lastChance = delivery.intake === null || delivery.retryNum >= LAST_SLACK_RETRY;
  let response;
  try {
    // Delivered again after a 200 (Slack does that now and then): already handled.
    if (await deps.idempotency.seen(seenKey)) return delivery.intake?.accepted();
    response = await takeIn(deps, names, envelope, event, mode);
  } catch (err) {
    if (lastChance) throw err; // afterAck logs it and apologises
    deps.logger.warn(
      { eventId: envelope.event_id, err: (err as Error).message },
      "slack event not stored; Slack will retry",
    );
    return delivery.intake?.refused();
  }
  if (response.retryable && !lastChance) {
    deps.logger.warn({ eventId: envelope.event_id }, "slack event not stored; Slack will retry");
    return delivery.intake?.refused();
  }
  delivery.intake?.accepted();
  // Of two deliveries of one event racing past `seen`, only the first to get here replies.
  if (!(await firstDelivery(deps, envelope.event_id))) return;
  const threadTs = mode.direct ? event.thread_ts : (event.thread_ts ?? event.ts);
  await sendReplies(
    deps,
    { channel: fixedChannel(event.channel), user: event.user, ...(threadTs ? { threadTs } : {}) },
    response.replies,
  );
}

async function takeIn(
  deps: ListenerDeps,
  names: UserNames,
  envelope: z.infer<typeof envelopeSchema>,
  event: ChatEvent,
  mode: { direct: boolean; text: string },
): Promise<CoreResponse> {
  const team = event.team ?? envelope.team_id;
  const key = await saveConversation(
    deps.conversations,
    { channel: event.channel, user: event.user, team, direct: mode.direct },
    deps.clock.now(),
  );
  const inbound: InboundMessage = {
    sender: {
      channel: "slack",
      userId: event.user,
      userName: await names.nameOf(event.user),
      conversationKey: key,
      direct: mode.direct,
      // The key names the user; the core needs the channel to tell a triage channel from a ward's.
      room: mode.direct ? null : event.channel,
    },
    text: mode.text,
    attachments: event.files?.length ?? 0,
    deliveryId: envelope.event_id,
  };
  return deps.core.onMessage(inbound);
}

export function registerMessageListeners(app: App, deps: ListenerDeps, names: UserNames): void {
  app.event("message", async ({ body, event, context }) => {
    const envelope = envelopeSchema.safeParse(body);
    const parsed = chatEventSchema.safeParse(event);
    if (!envelope.success || !parsed.success) return;
    const e = parsed.data;
    if (e.channel_type !== "im" || e.bot_id || (e.subtype && e.subtype !== "file_share")) return;
    const delivery = deliveryOf(context);
    await afterAck(
      deps,
      "dm",
      () => handleChat(deps, names, envelope.data, e, { direct: true, text: e.text.trim() }, delivery),
      { channel: e.channel, user: e.user },
    );
  });

  app.event("app_mention", async ({ body, event, context }) => {
    const envelope = envelopeSchema.safeParse(body);
    const parsed = chatEventSchema.safeParse(event);
    if (!envelope.success || !parsed.success || parsed.data.bot_id) return;
    const e = parsed.data;
    const text = stripBotMention(e.text, context.botUserId);
    const delivery = deliveryOf(context);
    await afterAck(
      deps,
      "mention",
      () => handleChat(deps, names, envelope.data, e, { direct: false, text }, delivery),
      { channel: e.channel, user: e.user },
    );
  });

  app.command("/itreport", async ({ command, ack }) => {
    const parsed = commandSchema.safeParse(command);
    if (!parsed.success) return ack();
    const c = parsed.data;
    await afterAck(deps, "command", async () => {
      const deliveryId = `command:${c.trigger_id}`;
      const key = await saveConversation(
        deps.conversations,
        { channel: c.channel_id, user: c.user_id, team: c.team_id, direct: false },
        deps.clock.now(),
      );
      const response = await deps.core.onMessage({
        sender: {
          channel: "slack",
          userId: c.user_id,
          userName: await names.nameOf(c.user_id),
          conversationKey: key,
          direct: false,
          room: c.channel_id.startsWith("D") ? null : c.channel_id,
        },
        text: commandText(c.text),
        attachments: 0,
        deliveryId,
        explicit: true,
      });
      // Stored (or answered) before the ack: Slack never retries a command. A slow store lets the
      // receiver's deadline ack instead, and the reply below still comes.
      await ack(
        c.channel_id.startsWith("D")
          ? undefined
          : { response_type: "ephemeral", text: "Thanks, I'll answer in a direct message." },
      );
      // Answered in the person's own DM, which nobody else reads: an ephemeral there would only vanish.
      await sendReplies(
        deps,
        { channel: once(() => openDm(deps.client, c.user_id)), user: c.user_id },
        response.replies.map((reply) => ({ ...reply, ephemeral: false })),
      );
    });
  });

  app.event("app_home_opened", async ({ body, event, context }) => {
    intakeAckOf(context)?.accepted(); // nothing to store: a welcome, sent once
    const envelope = envelopeSchema.safeParse(body);
    const parsed = homeOpenedSchema.safeParse(event);
    if (!envelope.success || !parsed.success || parsed.data.tab !== "messages") return;
    const { user, channel } = parsed.data;
    await afterAck(deps, "home", async () => {
      if (!(await firstDelivery(deps, `welcome:${envelope.data.team_id}:${user}`))) return;
      await saveConversation(
        deps.conversations,
        { channel, user, team: envelope.data.team_id, direct: true },
        deps.clock.now(),
      );
      await sendReplies(deps, { channel: fixedChannel(channel), user }, deps.core.welcome().replies);
    });
  });
}
