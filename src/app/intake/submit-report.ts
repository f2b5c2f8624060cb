/**
 * Message in → clean → redact → store (status new) → acknowledge. Classification happens later, off
 * this path, in the classification worker. Once `onMessage` returns, the report is durably stored.
 *
 * A platform delivery id is claimed together with the report id it will get, before the report is
 * written: a retry after a crash (or a store error) between the two writes the same report id again,
 * and of two racing deliveries the store lets exactly one insert it. A delivery is never "seen"
 * without its report, and never filed twice.
 */
import type { ClassificationResult } from "../../domain/classification";
import { errorCode } from "../../domain/errors";
import { REPORT_ID_PATTERN, formatReportId, newReport } from "../../domain/report";
import { alertOnSafetyFloor } from "../pipeline/early-alert";
import type { CoreResponse, InboundMessage } from "./core-types";
import { makeReporter } from "./anonymity";
import type { IntakeDeps } from "./intake-deps";
import { acknowledgement, notAReportReply, refusalForInput } from "./intake-messages";
import { cleanInboundText, splitAnonymousPrefix } from "./inbound-text";
import { aliasConversation } from "./conversation-alias";
import { redactFreeText } from "../pipeline/redact-free-text";

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
  const seq = await reportSeqFor(deps, message, now);
  if (seq === null) {
    deps.logger.info({ deliveryId: message.deliveryId }, "duplicate delivery ignored");
    return { replies: [] };
  }

  const { sender } = message;
  const report = newReport({
    seq,
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
  try {
    await deps.store.reports.insert(report);
  } catch (err) {
    // A racing delivery of the same event inserted this id first: it answers, this one is a duplicate.
    if (errorCode(err) === "STORAGE_CONFLICT" && message.deliveryId && (await deps.store.reports.get(report.id))) {
      deps.logger.info({ deliveryId: message.deliveryId, reportId: report.id }, "duplicate delivery ignored");
      return { replies: [] };
    }
    throw err;
  }
  deps.logger.info({ reportId: report.id, channel: report.channel, redactions: report.redactions }, "report stored");
  await alertOnSafetyFloor(deps, report, gateResult);
  deps.wakeClassifier();
  return {
    replies: [{ message: acknowledgement(report, { attachments: message.attachments }), trackForReport: report.id }],
  };
}

/**
 * The sequence number this message's report gets, or null when the delivery was already filed.
 * Without a delivery id: a fresh number. With one: the number claimed with it, first or again.
 */
async function reportSeqFor(deps: IntakeDeps, message: InboundMessage, now: Date): Promise<number | null> {
  const seq = await deps.store.reports.nextSeq();
  if (!message.deliveryId) return seq;
  const key = `delivery:${message.sender.channel}:${message.deliveryId}`;
  const claimed = await deps.store.idempotency.claim(key, formatReportId(seq), now);
  if (claimed === null) return seq;
  // Claimed before: filed already (or by a key recorded before claims had values) — or the earlier
  // attempt died before writing its report, and this retry writes it under the same id.
  if (!REPORT_ID_PATTERN.test(claimed) || (await deps.store.reports.get(claimed))) return null;
  deps.logger.warn({ deliveryId: message.deliveryId, reportId: claimed }, "retried delivery: filing its report now");
  return Number(claimed.slice(2));
}
