/**
 * The thin activity handler shared by Teams and the web chat: it translates activities into core
 * calls and core responses into cards. No business logic lives here.
 */
import {
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type MessagingExtensionAction,
  type MessagingExtensionActionResponse,
} from "botbuilder";
import type { BotCore, CoreResponse } from "../../../app/intake/core-types";
import type { Clock } from "../../../ports/clock";
import type { Logger } from "../../../ports/logger";
import type { ConversationStore } from "../../../ports/side-stores";
import { storeReferences } from "./conversation-references";
import { messageRef, parseCardAction, senderOf, type ChannelIdentity } from "./inbound";
import type { Redactor } from "../../../ports/redactor";
import { handleReportSubmit, renderReportTask, REPORT_COMMAND_ID } from "./message-action";
import { applyResponse, type ResponderDeps } from "./respond";
import { renderCard, type CardActionKind } from "./render-card";

export interface ChannelBotOptions {
  identity: ChannelIdentity;
  core: BotCore;
  conversations: ConversationStore;
  clock: Clock;
  logger: Logger;
  actionKind?: CardActionKind;
  /** "Report to IT" prefills its form with the message redacted; without a redactor, not at all. */
  redactor?: Redactor;
}

export class ChannelBot extends TeamsActivityHandler {
  private readonly deps: ResponderDeps;

  constructor(private readonly options: ChannelBotOptions) {
    super();
    this.deps = { core: options.core, logger: options.logger, render: { actionKind: options.actionKind ?? "submit" } };
    this.onMessage(async (context, next) => {
      await storeReferences(context.activity, this.options);
      await this.handleMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient.id);
      if (botAdded) {
        await storeReferences(context.activity, this.options);
        await applyResponse(context, this.options.core.welcome(), this.deps);
      }
      await next();
    });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const { activity } = context;
    const sender = senderOf(this.options.identity, activity);
    const deliveryId = `${this.options.identity.keyPrefix}:${activity.id ?? ""}`;
    // Action.Submit: a message whose value is the button's data (no mention needed, even in channels).
    if (activity.value !== undefined && activity.value !== null) {
      const card = parseCardAction(activity.value);
      if (!card) return;
      const ref = activity.replyToId ? messageRef(activity.conversation.id, activity.replyToId) : null;
      const response = await this.options.core.onAction({ sender, ...card, messageRef: ref, deliveryId });
      await applyResponse(context, response, this.deps, activity.replyToId);
      return;
    }
    if (!sender.direct) {
      const mentioned = TurnContext.getMentions(activity).some((m) => m.mentioned.id === activity.recipient.id);
      if (!mentioned) return;
    }
    const text = (sender.direct ? (activity.text ?? "") : TurnContext.removeRecipientMention(activity)).trim();
    const attachments = (activity.attachments ?? []).filter((a) => !a.contentType.startsWith("text/html")).length;
    const response = await this.options.core.onMessage({ sender, text, attachments, deliveryId });
    await applyResponse(context, response, this.deps);
  }

  /** Action.Execute (universal actions): the refreshed card is both the invoke answer and an in-place update. */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    await storeReferences(context.activity, this.options);
    const card = parseCardAction(invokeValue.action?.data ?? {}, invokeValue.action?.verb);
    if (!card)
      return {
        statusCode: 400,
        type: "application/vnd.microsoft.error",
        value: { code: "BadRequest", message: "unknown action" },
      };
    const { activity } = context;
    const ref = activity.replyToId ? messageRef(activity.conversation.id, activity.replyToId) : null;
    const response: CoreResponse = await this.options.core.onAction({
      sender: senderOf(this.options.identity, activity),
      ...card,
      messageRef: ref,
      deliveryId: `${this.options.identity.keyPrefix}:${activity.id ?? ""}`,
    });
    await applyResponse(context, response, this.deps, activity.replyToId);
    if (response.update)
      return {
        statusCode: 200,
        type: "application/vnd.microsoft.card.adaptive",
        value: renderCard(response.update, this.deps.render),
      };
    return { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: "OK" as never };
  }

  protected override async handleTeamsMessagingExtensionFetchTask(
    context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    if (action.commandId !== REPORT_COMMAND_ID) throw new Error("NotImplemented");
    await storeReferences(context.activity, this.options);
    return renderReportTask(action, this.options.redactor ?? null);
  }

  protected override async handleTeamsMessagingExtensionSubmitAction(
    context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    if (action.commandId !== REPORT_COMMAND_ID) throw new Error("NotImplemented");
    return handleReportSubmit(context, action, { ...this.options, responder: this.deps });
  }
}
