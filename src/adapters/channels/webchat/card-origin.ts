/**
 * Web Chat posts an Action.Submit as a message whose `value` is the button's data, without saying
 * which card it came from. To update that card in place (as Teams does via replyToId) the origin
 * is found: the latest bot activity with a button whose data is contained in the submitted value.
 */
import type { ChatActivity } from "./conversation-log";

function buttonData(node: unknown, found: Record<string, unknown>[]): void {
  if (Array.isArray(node)) {
    for (const item of node) buttonData(item, found);
    return;
  }
  if (typeof node !== "object" || node === null) return;
  const record = node as Record<string, unknown>;
  if (typeof record.type === "string" && record.type.startsWith("Action.") && typeof record.data === "object")
    found.push(record.data as Record<string, unknown>);
  for (const value of Object.values(record)) buttonData(value, found);
}

function contains(value: Record<string, unknown>, data: Record<string, unknown>): boolean {
  return Object.entries(data).every(([key, field]) => value[key] === field);
}

export function findCardOrigin(
  entries: readonly ChatActivity[],
  value: Record<string, unknown>,
  botId: string,
): string | undefined {
  for (let i = entries.length - 1; i >= 0; i -= 1) {
    const activity = entries[i]!;
    if ((activity.from as { id?: string } | undefined)?.id !== botId) continue;
    const data: Record<string, unknown>[] = [];
    buttonData(activity.attachments, data);
    if (data.some((d) => contains(value, d))) return activity.id;
  }
  return undefined;
}
