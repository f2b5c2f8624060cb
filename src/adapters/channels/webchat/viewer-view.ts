/**
 * What people type is text, never markup, for whoever looks at it. Web Chat renders a message's
 * text as Markdown (live links, remote images) unless `textFormat` is "plain", and shows every
 * `role: "user"` message as the viewer's own ("Me"). So:
 * - on the way in, a person's activity keeps only what the bot needs (no attachments, entities,
 *   suggested actions or chosen text format: a browser could post a card with remote images);
 * - on the way out, people's messages are plain text; another person's message is shown on the
 *   other side, headed by their name (who said what), and their button presses (no text) are not shown.
 */
import type { ChatActivity } from "./conversation-log";

const KEPT_CHANNEL_DATA = ["clientActivityID", "clientTimestamp"] as const;

/** The parts of a posted activity that are kept (Web Chat needs clientActivityID to match its echo). */
export function sanitizeIncoming(incoming: Record<string, unknown>): ChatActivity {
  const channelData = (incoming["channelData"] ?? {}) as Record<string, unknown>;
  const kept: Record<string, unknown> = {};
  for (const key of KEPT_CHANNEL_DATA) if (typeof channelData[key] === "string") kept[key] = channelData[key];
  const activity: ChatActivity = { type: incoming["type"], textFormat: "plain" };
  for (const key of ["text", "value", "locale", "name"] as const)
    if (incoming[key] !== undefined) activity[key] = incoming[key];
  if (Object.keys(kept).length > 0) activity["channelData"] = kept;
  return activity;
}

/** `activity` as `viewerId` sees it; null when it is not shown to them. */
export function forViewer(activity: ChatActivity, viewerId: string): ChatActivity | null {
  const from = activity["from"] as { id?: string; name?: string; role?: string } | undefined;
  if (from?.role !== "user") return activity;
  if (from.id === viewerId) return { ...activity, textFormat: "plain" };
  const text = typeof activity["text"] === "string" ? activity["text"] : "";
  if (!text.trim()) return null;
  const name = from.name?.trim() || "Web chat user";
  return {
    ...activity,
    textFormat: "plain",
    text: `${name}: ${text}`,
    from: { id: from.id, name, role: "channel" },
  };
}

export function forViewerAll(activities: readonly ChatActivity[], viewerId: string): ChatActivity[] {
  const shown: ChatActivity[] = [];
  for (const activity of activities) {
    const seen = forViewer(activity, viewerId);
    if (seen) shown.push(seen);
  }
  return shown;
}
