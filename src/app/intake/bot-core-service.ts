/**
 * The intake conversation every channel drives (BotCore). Channels translate platform events into
 * these calls and render the returned channel-neutral messages; no channel has business logic.
 */
import { ownReportFeedback, parseFeedbackCommand, reporterFeedback } from "./reporter-feedback";
import { randomBytes } from "node:crypto";
import { errorCode } from "../../domain/errors";
import type { BotCore, CoreResponse, InboundAction, InboundMessage } from "./core-types";
import { answerFromText, answerQuestion } from "./answer-question";
import { deferReply } from "./defer-reply";
import type { IntakeDeps } from "./intake-deps";
import { busyReply, helpMessage } from "./intake-messages";
import { parseReporterCommand } from "./inbound-text";
import { myReportsResponse } from "./list-my-reports";
import { addDetail, makeAnonymous, markUrgent } from "./reporter-actions";
import { submitReport } from "./submit-report";
import { normaliseReportId } from "../triage/triage-command-parse";
import { updateReport } from "../pipeline/update-report";
import { createIntakeAdmission } from "./intake-admission";

export function createBotCore(deps: IntakeDeps): BotCore {
  async function safely(what: string, work: () => Promise<CoreResponse>): Promise<CoreResponse> {
    try {
      return await work();
    } catch (err) {
      const ref = `E-${randomBytes(3).toString("hex")}`;
      deps.logger.error(
        { ref, code: errorCode(err), err: (err as Error).message, stack: (err as Error).stack },
        `${what} failed`,
      );
      return {
        replies: [
          {
            message: {
              text: `Sorry — something went wrong on our side and I couldn't finish that (reference ${ref}). Please try again in a minute; if it's urgent, call the IT service desk.`,
              tone: "attention",
            },
          },
        ],
        retryable: true,
      };
    }
  }

  let inFlight = 0;
  const admission = createIntakeAdmission(deps.limits.maxConcurrent, deps.limits.maxQueueWaitMs);
  async function onMessage(message: InboundMessage): Promise<CoreResponse> {
    if (inFlight >= deps.limits.maxInFlight) {
      deps.logger.warn({ inFlight, channel: message.sender.channel }, "intake busy; asked the platform to retry");
      return { replies: [{ message: busyReply() }], retryable: true };
    }
    inFlight += 1;
    if (deps.load) deps.load.inFlight += 1;
    try {
      if (!(await admission.enter())) {
        deps.logger.warn(
          { waitedMs: deps.limits.maxQueueWaitMs, channel: message.sender.channel },
          "intake over capacity; asked the platform to retry",
        );
        return { replies: [{ message: busyReply() }], retryable: true };
      }
      try {
        return await takeIn(message);
      } finally {
        admission.leave();
      }
    } finally {
      inFlight -= 1;
      if (deps.load) deps.load.inFlight -= 1;
    }
  }

  async function takeIn(message: InboundMessage): Promise<CoreResponse> {
    return safely("message", async () => {
      const text = message.text.trim();
      const command = parseReporterCommand(text);
      if (command === "my_reports") return myReportsResponse(deps, message.sender);
      const own = await ownReportFeedback(deps, message.sender, text);
      if (own) return own;
      // Triage first: in a triage room "help" lists the triage commands and other text is never filed.
      if (deps.triage) {
        const triage = await deps.triage.handleCommand(message.sender, text);
        if (triage) return triage;
      }
      if (command === "help") return { replies: [{ message: helpMessage() }] };
      // "withdraw R-1042", "cancel" (also while a question waits), "still broken R-1042", "fixed R-1042".
      const feedback = parseFeedbackCommand(text);
      if (feedback) return reporterFeedback(deps, message.sender, feedback.verb, feedback.reportId);
      if (!message.explicit) {
        const answered = await answerFromText(deps, message.sender, text);
        if (answered) return answered;
      }
      return submitReport(deps, message);
    });
  }

  async function onAction(inbound: InboundAction): Promise<CoreResponse> {
    // A button's verb and report id are ours; anything else in them (a forged payload) is neither
    // logged nor quoted back.
    const verb = /^[a-z_.]{1,40}$/.test(inbound.action) ? inbound.action : "unknown";
    return safely(`action ${verb}`, async () => {
      const reportId = inbound.data.reportId === undefined ? undefined : normaliseReportId(inbound.data.reportId);
      if (reportId === null)
        return { replies: [{ message: { text: "Sorry, I did not understand that button." }, ephemeral: true }] };
      const action: InboundAction = {
        ...inbound,
        action: verb,
        data: reportId ? { ...inbound.data, reportId } : inbound.data,
      };
      const { sender, data } = action;
      switch (action.action) {
        case "answer": {
          const result = await answerQuestion(deps, sender, data.reportId ?? "", data.field ?? "", {
            button: data.value ?? "",
          });
          if ("refusal" in result) return { replies: [{ message: { text: result.refusal }, ephemeral: true }] };
          return { replies: [], update: result.message };
        }
        case "urgent":
          return markUrgent(deps, sender, data.reportId);
        case "add_detail":
          return addDetail(deps, sender, data.reportId, data.detail);
        case "anonymous":
          return makeAnonymous(deps, sender, data.reportId);
        case "withdraw":
        case "still_broken":
        case "fixed":
          return reporterFeedback(deps, sender, action.action, data.reportId ?? null);
        case "help":
          return { replies: [{ message: helpMessage() }] };
        case "my_reports":
          return myReportsResponse(deps, sender);
        default:
          if (action.action.startsWith("triage.") && deps.triage) return deps.triage.handleAction(action);
          return {
            replies: [
              {
                message: { text: 'Sorry, I don\'t know that button any more. Type "help" to see what I can do.' },
                ephemeral: true,
              },
            ],
          };
      }
    });
  }

  async function recordIntakeMessage(reportId: string, messageRef: string): Promise<void> {
    try {
      await updateReport(deps.store.reports, reportId, (current) =>
        current.intake.messageRef === messageRef ? null : { ...current, intake: { ...current.intake, messageRef } },
      );
    } catch (err) {
      deps.logger.warn({ reportId, err: (err as Error).message }, "could not record the acknowledgement message ref");
    }
  }

  return {
    onMessage,
    onAction,
    recordIntakeMessage,
    deferReply: (reportId, message) => deferReply(deps, reportId, message),
    welcome: () => ({ replies: [{ message: helpMessage() }] }),
  };
}
