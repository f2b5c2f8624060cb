/**
 * What every submitted modal does after Slack's ack: once per view (retries deduplicated), hand the
 * core the action as the submitter, update the card the modal was opened from, and answer where the
 * button was pressed (or in the submitter's DM).
 */
import { conversationKey, messageRef } from "./conversation-ref";
import { afterAck, firstDelivery, type ListenerDeps } from "./listener-deps";
import { renderBlocks } from "./render-blocks";
import { fixedChannel, once, sendReplies } from "./reply-sender";
import { openDm } from "./slack-sender";
import type { UserNames } from "./user-names";

export interface ModalSubmission {
  /** For logs: "triage modal", "add detail". */
  label: string;
  viewId: string;
  team: string;
  user: string;
  /** The message whose button opened the modal, when known. */
  pressed: { channel: string; ts: string } | null;
  action: string;
  data: Record<string, string>;
  /** Tell the submitter about a failure in the pressed message's channel (else only the log). */
  reportFailureThere?: boolean;
}

export async function submitModal(deps: ListenerDeps, names: UserNames, s: ModalSubmission): Promise<void> {
  const { pressed, user } = s;
  await afterAck(
    deps,
    s.label,
    async () => {
      const deliveryId = `view:${s.viewId}`;
      if (!(await firstDelivery(deps, deliveryId))) return;
      const response = await deps.core.onAction({
        sender: {
          channel: "slack",
          userId: user,
          userName: await names.nameOf(user),
          conversationKey: conversationKey(s.team, user),
          direct: pressed?.channel.startsWith("D") ?? false,
        },
        action: s.action,
        data: s.data,
        messageRef: pressed ? messageRef(pressed.channel, pressed.ts) : null,
        deliveryId,
      });
      if (response.update && pressed)
        await deps.client.chat.update({ channel: pressed.channel, ts: pressed.ts, ...renderBlocks(response.update) });
      const target = pressed ? fixedChannel(pressed.channel) : once(() => openDm(deps.client, user));
      await sendReplies(deps, { channel: target, user }, response.replies);
    },
    s.reportFailureThere && pressed ? { channel: pressed.channel, user } : undefined,
  );
}
