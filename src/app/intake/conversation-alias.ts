/**
 * Anonymous reports must not carry anything that names the reporter, yet the bot must still be able
 * to answer in the conversation they reported from. The report keeps an opaque alias; the alias
 * maps to the real conversation key in the conversation store, which only the sender uses.
 */
import { randomBytes } from "node:crypto";
import type { ConversationStore } from "../../ports/side-stores";

const PREFIX = "alias:";

export async function aliasConversation(conversations: ConversationStore, realKey: string, now: Date): Promise<string> {
  const alias = `${PREFIX}${randomBytes(12).toString("hex")}`;
  await conversations.save(alias, { aliasOf: realKey }, now);
  return alias;
}

export async function resolveConversationKey(
  conversations: ConversationStore,
  key: string | null,
): Promise<string | null> {
  if (!key || !key.startsWith(PREFIX)) return key;
  const stored = await conversations.get(key);
  const real = stored?.["aliasOf"];
  return typeof real === "string" ? real : null;
}
