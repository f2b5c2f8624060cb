/**
 * Translating Bot Framework activities into the core's inbound types: who sent it, where, and the
 * data of a card button. Card submissions are validated with zod (they come from a client).
 */
import { z } from "zod";
import type { Activity, ChannelAccount } from "botbuilder";
import type { Sender } from "../../../app/intake/core-types";
import type { ChannelName } from "../../../ports/channel";

/** How one bot instance names its channel and its conversation keys ("teams", "webchat"). */
export interface ChannelIdentity {
  channel: ChannelName;
  keyPrefix: string;
}

export function conversationKey(identity: ChannelIdentity, conversationId: string): string {
  return `${identity.keyPrefix}:${conversationId}`;
}

export function userKey(identity: ChannelIdentity, userId: string): string {
  return `${identity.keyPrefix}:user:${userId}`;
}

/** A message ref as the core stores it: `${conversationId}|${activityId}`. */
export function messageRef(conversationId: string, activityId: string): string {
  return `${conversationId}|${activityId}`;
}

export function parseMessageRef(ref: string): { conversationId: string; activityId: string } | null {
  const at = ref.lastIndexOf("|");
  if (at <= 0 || at === ref.length - 1) return null;
  return { conversationId: ref.slice(0, at), activityId: ref.slice(at + 1) };
}

/** A 1:1 chat: Teams says "personal"; Emulator and Direct Line say nothing and are not groups. */
export function isDirect(activity: Partial<Activity>): boolean {
  const type = activity.conversation?.conversationType;
  if (type) return type === "personal";
  return activity.conversation?.isGroup !== true;
}

export function userIdOf(account: Partial<ChannelAccount> | undefined): string {
  return account?.aadObjectId ?? account?.id ?? "unknown";
}

export function senderOf(identity: ChannelIdentity, activity: Partial<Activity>): Sender {
  return {
    channel: identity.channel,
    userId: userIdOf(activity.from),
    userName: activity.from?.name ?? null,
    conversationKey: conversationKey(identity, activity.conversation?.id ?? "unknown"),
    direct: isDirect(activity),
  };
}

const CardValue = z.looseObject({ action: z.string().min(1).max(64) });

/** Card data values the core gets: strings only; nested objects (e.g. Teams' `msteams`) dropped. */
function stringFields(value: Record<string, unknown>): Record<string, string> {
  const data: Record<string, string> = {};
  for (const [key, field] of Object.entries(value)) {
    if (key === "action" || key === "msteams") continue;
    if (typeof field === "string") data[key] = field.slice(0, 4000);
    else if (typeof field === "number" || typeof field === "boolean") data[key] = String(field);
  }
  return data;
}

/** `{ action, ...data }` from an Action.Submit value or an Action.Execute data; null when not ours. */
export function parseCardAction(
  value: unknown,
  verb?: string,
): { action: string; data: Record<string, string> } | null {
  const candidate = verb && typeof value === "object" && value !== null ? { action: verb, ...value } : value;
  const parsed = CardValue.safeParse(candidate);
  if (!parsed.success) return null;
  return { action: verb ?? parsed.data.action, data: stringFields(parsed.data) };
}

/** The message-action form submission. */
export const ReportFormSubmission = z.object({
  text: z.string().trim().min(1).max(4000),
  reporterIsAuthor: z.enum(["true", "false"]).optional(),
  anonymous: z.enum(["true", "false"]).optional(),
});

/** Teams message payloads carry HTML; the form wants plain text. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li)>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
