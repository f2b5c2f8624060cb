/**
 * Message in → clean → redact → store (status new) → acknowledge. Classification happens later, off
 * this path, in the classification worker. Once `onMessage` returns, the report is durably stored.
 */
import type { ClassificationResult } from "../domain/classification";
import { newReport } from "../domain/report";
import { alertOnSafetyFloor } from "./pipeline/early-alert";
import type { CoreResponse, InboundMessage } from "./core-types";
import { makeReporter } from "./anonymity";
import type { IntakeDeps } from "./intake-deps";
import { acknowledgement, notAReportReply, refusalForInput } from "./intake-messages";
import { cleanInboundText, splitAnonymousPrefix } from "./inbound-text";
import { aliasConversation } from "./conversation-alias";
import { redactFreeText } from "./pipeline/redact-free-text";

export async function submitReport(deps: IntakeDeps, message: InboundMessage): Promise<CoreResponse> {
  const verdict = cleanInboundText(message.text, deps.limits.maxTextLength);
  if (verdict.kind !== "ok") return { replies: [{ message: refusalForInput(verdict.kind) }] };

  const prefixed = splitAnonymousPrefix(verdict.text);
  const anonymous = Boolean(message.anonymous) || prefixed.anonymous;
  const redaction = redactFreeText(deps.redactor, prefixed.text);

  let gateResult: ClassificationResult | null = null;
  if (!message.explicit) {
    const gate = await deps.gate.classify(redaction.text);
    if (!gate.result.isReport) return { replies: [{ message: notAReportReply(redaction.text) }] };
    gateResult = gate.result;
  }

  const now = deps.clock.now();
  if (
    message.deliveryId &&
    !(await deps.store.idempotency.firstTime(`delivery:${message.sender.channel}:${message.deliveryId}`, now))
  ) {
    deps.logger.info({ deliveryId: message.deliveryId }, "duplicate delivery ignored");
    return { replies: [] };
  }

  const { sender } = message;
  const report = newReport({
    seq: await deps.store.reports.nextSeq(),
    now,
    channel: sender.channel,
    reporter: makeReporter(deps.anonymousSalt, sender.channel, sender.userId, sender.userName, anonymous),
    conversationKey: anonymous
      ? await aliasConversation(deps.store.conversations, sender.conversationKey, now)
      : sender.conversationKey,
    text: redaction.text,
    redactions: redaction.counts,
    truncated: verdict.truncated,
    attachmentsDropped: message.attachments,
  });
  await deps.store.reports.insert(report);
  deps.logger.info({ reportId: report.id, channel: report.channel, redactions: report.redactions }, "report stored");
  await alertOnSafetyFloor(deps, report, gateResult);
  deps.wakeClassifier();
  return {
    replies: [{ message: acknowledgement(report, { attachments: message.attachments }), trackForReport: report.id }],
  };
}
