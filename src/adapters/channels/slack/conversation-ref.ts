/**
 * What the adapter remembers about where a Slack user talked to us, so the core can reach them
 * later (closing the loop). Saved on every inbound message under `slack:<team>:<user>`.
 */
import { z } from "zod";
import type { ConversationStore } from "../../../ports/side-stores";

export const slackConversationRefSchema = z.object({
  /** Where the last message came from: the DM with the bot, or a channel. */
  channel: z.string().min(1),
  user: z.string().min(1),
  team: z.string(),
  /** The channel is the 1:1 DM with the bot. */
  direct: z.boolean(),
  /** The last report from here asked to stay anonymous: answer where they reported, not by DM. */
  anonymous: z.boolean().optional(),
});

export type SlackConversationRef = z.infer<typeof slackConversationRefSchema>;

export function conversationKey(team: string, user: string): string {
  return `slack:${team}:${user}`;
}

export async function saveConversation(
  store: ConversationStore,
  ref: SlackConversationRef,
  now: Date,
): Promise<string> {
  const key = conversationKey(ref.team, ref.user);
  await store.save(key, { ...ref }, now);
  return key;
}

export async function loadConversation(store: ConversationStore, key: string): Promise<SlackConversationRef | null> {
  const stored = await store.get(key);
  if (!stored) return null;
  const parsed = slackConversationRefSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

/** `${channel}:${ts}` — the message reference handed to the core. */
export function messageRef(channel: string, ts: string): string {
  return `${channel}:${ts}`;
}

export function parseMessageRef(ref: string): { channel: string; ts: string } | null {
  const at = ref.indexOf(":");
  if (at <= 0 || at === ref.length - 1) return null;
  return { channel: ref.slice(0, at), ts: ref.slice(at + 1) };
}
