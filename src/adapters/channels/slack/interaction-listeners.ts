/**
 * Interactivity: the "Report to IT" message shortcut and its modal, Block Kit buttons (core
 * actions, with in-place updates and the add-detail and triage modals), and the modals' submissions
 * (the triage modal's in triage-modal-listener.ts).
 */
import { redactFreeText } from "../../../app/pipeline/redact-free-text";
import type { App } from "@slack/bolt";
import { z } from "zod";
import type { CoreResponse } from "../../../app/intake/core-types";
import { conversationKey, messageRef, saveConversation } from "./conversation-ref";
import { afterAck, firstDelivery, type ListenerDeps } from "./listener-deps";
import { submitModal } from "./modal-submit";
import {
  ADD_DETAIL_MODAL_ID,
  addDetailModal,
  parseAddDetailSubmission,
  parseReportSubmission,
  REPORT_MODAL_ID,
  reportModal,
} from "./modals";
import { renderBlocks, verbOf } from "./render-blocks";
import { fixedChannel, once, sendReplies } from "./reply-sender";
import { openDm } from "./slack-sender";
import { triageModal } from "./triage-modal";
import { registerTriageModalListener } from "./triage-modal-listener";
import type { UserNames } from "./user-names";

export const REPORT_SHORTCUT_ID = "report_to_it";

const shortcutSchema = z.object({
  trigger_id: z.string(),
  team: z.object({ id: z.string() }).nullish(),
  user: z.object({ id: z.string() }),
  channel: z.object({ id: z.string() }),
  message_ts: z.string(),
  message: z.object({ text: z.string().default(""), user: z.string().optional(), ts: z.string().optional() }),
});

const blockActionSchema = z.object({
  trigger_id: z.string(),
  team: z.object({ id: z.string() }).nullish(),
  user: z.object({ id: z.string() }),
  channel: z.object({ id: z.string() }).nullish(),
  container: z
    .object({ type: z.string(), channel_id: z.string().optional(), message_ts: z.string().optional() })
    .nullish(),
  message: z.object({ ts: z.string(), thread_ts: z.string().optional() }).nullish(),
  actions: z
    .array(z.object({ action_id: z.string(), value: z.string().optional(), action_ts: z.string().optional() }))
    .min(1),
});

const viewSubmissionSchema = z.object({
  team: z.object({ id: z.string() }).nullish(),
  user: z.object({ id: z.string() }),
  view: z.object({ id: z.string(), private_metadata: z.string().optional(), state: z.unknown() }),
});

const actionDataSchema = z.record(z.string(), z.string());

function parseData(value: string | undefined): Record<string, string> {
  try {
    const parsed = actionDataSchema.safeParse(JSON.parse(value ?? "{}"));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** The core's form as a modal; `fromTriageCard` when the pressed button was on a triage card. */
async function openForm(
  deps: ListenerDeps,
  triggerId: string,
  form: NonNullable<CoreResponse["openForm"]>,
  pressed: { channel: string; ts: string } | null,
  fromTriageCard: boolean,
): Promise<void> {
  if (form.kind === "triage") {
    await deps.client.views.open({ trigger_id: triggerId, view: triageModal(form, pressed, fromTriageCard) });
    return;
  }
  const meta = { reportId: form.reportId, channel: pressed?.channel ?? null, messageTs: pressed?.ts ?? null };
  await deps.client.views.open({ trigger_id: triggerId, view: addDetailModal(meta, form.title, form.prompt) });
}

export function registerInteractionListeners(app: App, deps: ListenerDeps, names: UserNames): void {
  registerTriageModalListener(app, deps, names);
  app.shortcut(REPORT_SHORTCUT_ID, async ({ shortcut, ack }) => {
    await ack();
    const parsed = shortcutSchema.safeParse(shortcut);
    if (!parsed.success) return deps.logger.warn({ issues: parsed.error.issues.length }, "unexpected shortcut payload");
    const s = parsed.data;
    const meta = {
      team: s.team?.id ?? "",
      channel: s.channel.id,
      messageTs: s.message_ts,
      author: s.message.user ?? null,
    };
    await afterAck(deps, "shortcut", async () => {
      // The modal goes back to Slack: prefilled with the message as the bot would store it, redacted.
      const prefill = deps.redactor ? redactFreeText(deps.redactor, s.message.text).text : "";
      await deps.client.views.open({ trigger_id: s.trigger_id, view: reportModal(meta, prefill, s.user.id) });
    });
  });

  app.view(REPORT_MODAL_ID, async ({ ack, body }) => {
    const parsed = viewSubmissionSchema.safeParse(body);
    const submission = parsed.success ? parseReportSubmission(parsed.data.view) : null;
    if (!parsed.success || !submission) return ack();
    if (!submission.text)
      return ack({ response_action: "errors", errors: { report_text: "Please describe the problem." } });
    await ack();
    const submitter = parsed.data.user.id;
    const { meta } = submission;
    const reporter = submission.onBehalf && meta.author ? meta.author : submitter;
    await afterAck(deps, "report modal", async () => {
      const deliveryId = `view:${parsed.data.view.id}`;
      if (!(await firstDelivery(deps, deliveryId))) return;
      const team = parsed.data.team?.id ?? meta.team;
      const ref = { channel: meta.channel, user: reporter, team, direct: false, anonymous: submission.anonymous };
      const key = await saveConversation(deps.conversations, ref, deps.clock.now());
      const response = await deps.core.onMessage({
        sender: {
          channel: "slack",
          userId: reporter,
          userName: await names.nameOf(reporter),
          conversationKey: key,
          direct: false,
        },
        text: submission.text,
        attachments: 0,
        anonymous: submission.anonymous,
        deliveryId,
        explicit: true,
      });
      await sendReplies(
        deps,
        { channel: once(() => openDm(deps.client, submitter)), user: submitter },
        response.replies,
      );
    });
  });

  app.action(/.+/, async ({ ack, body }) => {
    await ack();
    const parsed = blockActionSchema.safeParse(body);
    // Only buttons on messages carry core verbs (inputs inside our modals are read on submission).
    if (!parsed.success || parsed.data.container?.type !== "message") return;
    const b = parsed.data;
    const action = b.actions[0]!;
    const channel = b.channel?.id ?? b.container?.channel_id ?? null;
    const ts = b.message?.ts ?? b.container?.message_ts ?? null;
    const pressed = channel && ts ? { channel, ts } : null;
    const user = b.user.id;
    const team = b.team?.id ?? "";
    await afterAck(
      deps,
      "block action",
      async () => {
        const deliveryId = `action:${user}:${action.action_ts ?? b.trigger_id}:${action.action_id}`;
        if (!(await firstDelivery(deps, deliveryId))) return;
        const direct = channel?.startsWith("D") ?? false;
        const key = channel
          ? await saveConversation(deps.conversations, { channel, user, team, direct }, deps.clock.now())
          : conversationKey(team, user);
        const data = parseData(action.value);
        const response = await deps.core.onAction({
          sender: {
            channel: "slack",
            userId: user,
            userName: await names.nameOf(user),
            conversationKey: key,
            direct,
            room: direct ? null : channel,
          },
          action: verbOf(action.action_id),
          data,
          messageRef: pressed ? messageRef(pressed.channel, pressed.ts) : null,
          deliveryId,
        });
        if (response.openForm) await openForm(deps, b.trigger_id, response.openForm, pressed, data.card === "triage");
        if (response.update && pressed) {
          await deps.client.chat.update({ channel: pressed.channel, ts: pressed.ts, ...renderBlocks(response.update) });
        }
        const target = channel ? fixedChannel(channel) : once(() => openDm(deps.client, user));
        const threadTs = b.message?.thread_ts;
        await sendReplies(deps, { channel: target, user, ...(threadTs ? { threadTs } : {}) }, response.replies);
      },
      channel ? { channel, user } : undefined,
    );
  });

  app.view(ADD_DETAIL_MODAL_ID, async ({ ack, body }) => {
    const parsed = viewSubmissionSchema.safeParse(body);
    const submission = parsed.success ? parseAddDetailSubmission(parsed.data.view) : null;
    if (!parsed.success || !submission) return ack();
    if (!submission.detail) return ack({ response_action: "errors", errors: { detail: "Please add some detail." } });
    await ack();
    const user = parsed.data.user.id;
    const { meta, detail } = submission;
    await submitModal(deps, names, {
      label: "add detail",
      viewId: parsed.data.view.id,
      team: parsed.data.team?.id ?? "",
      user,
      pressed: meta.channel && meta.messageTs ? { channel: meta.channel, ts: meta.messageTs } : null,
      action: "add_detail",
      data: { reportId: meta.reportId, detail },
    });
  });
}
