/**
 * Submitting the triage modal: field errors go back to Slack in the ack (nothing changes), a valid
 * value becomes the core action `triage.<verb>`, and the pressed triage card is updated in place.
 */
import type { App } from "@slack/bolt";
import { z } from "zod";
import type { ListenerDeps } from "./listener-deps";
import { submitModal } from "./modal-submit";
import { parseTriageSubmission, TRIAGE_BLOCK, TRIAGE_MODAL_ID, triageFieldError } from "./triage-modal";
import type { UserNames } from "./user-names";

const viewSubmissionSchema = z.object({
  team: z.object({ id: z.string() }).nullish(),
  user: z.object({ id: z.string() }),
  view: z.object({ id: z.string(), private_metadata: z.string().optional(), state: z.unknown() }),
});

export function registerTriageModalListener(app: App, deps: ListenerDeps, names: UserNames): void {
  app.view(TRIAGE_MODAL_ID, async ({ ack, body }) => {
    const parsed = viewSubmissionSchema.safeParse(body);
    const submission = parsed.success ? parseTriageSubmission(parsed.data.view) : null;
    if (!parsed.success || !submission) return ack();
    const problem = triageFieldError(submission);
    if (problem) return ack({ response_action: "errors", errors: { [TRIAGE_BLOCK]: problem } });
    await ack();
    const user = parsed.data.user.id;
    const { meta, value } = submission;
    const pressed = meta.channel && meta.messageTs ? { channel: meta.channel, ts: meta.messageTs } : null;
    await submitModal(deps, names, {
      label: "triage modal",
      viewId: parsed.data.view.id,
      team: parsed.data.team?.id ?? "",
      user,
      pressed,
      action: `triage.${meta.verb}`,
      data: { reportId: meta.reportId, [meta.field]: value, ...(meta.card && pressed ? { card: "triage" } : {}) },
      reportFailureThere: true,
    });
  });
}
