/**
 * The triage modal behind "Resolve…", "Won't fix…" and "Duplicate of…" (the core's openForm of
 * kind "triage"). The pressed card's channel/ts travel in private_metadata so the card is updated in
 * place after the submit. Builder and parser are pure; the submission is checked here so Slack can
 * show the error on the field.
 */
import type { types } from "@slack/bolt";
import { z } from "zod";
import type { TriageForm } from "../../../app/intake/core-types";
import { safeText } from "./mrkdwn";

export const TRIAGE_MODAL_ID = "triage_form";
export const TRIAGE_BLOCK = "triage_value";
const TRIAGE_ACTION = "value";
const INPUT_MAX = 3000;

export const triageModalMetaSchema = z.object({
  verb: z.enum(["resolve", "wontfix", "duplicate"]),
  reportId: z.string().min(1).max(32),
  field: z.enum(["note", "reason", "duplicateOf"]),
  channel: z.string().nullable(),
  messageTs: z.string().nullable(),
  /** The pressed message is the triage card (its buttons carried card: "triage"). */
  card: z.boolean(),
});
export type TriageModalMeta = z.infer<typeof triageModalMetaSchema>;

const plain = (text: string, max: number): types.PlainTextElement => ({
  type: "plain_text",
  text: safeText(text, max),
});

export function triageModal(form: TriageForm, pressed: { channel: string; ts: string } | null, card: boolean) {
  const meta: TriageModalMeta = {
    verb: form.verb,
    reportId: form.reportId,
    field: form.field,
    channel: pressed?.channel ?? null,
    messageTs: pressed?.ts ?? null,
    card,
  };
  const duplicate = form.field === "duplicateOf";
  const view: types.ModalView = {
    type: "modal",
    callback_id: TRIAGE_MODAL_ID,
    private_metadata: JSON.stringify(meta),
    title: plain(form.title, 24),
    submit: plain(form.submitLabel, 24),
    close: plain("Cancel", 24),
    blocks: [
      {
        type: "input",
        block_id: TRIAGE_BLOCK,
        label: plain(form.prompt, 2000),
        element: duplicate
          ? { type: "plain_text_input", action_id: TRIAGE_ACTION, max_length: 20, placeholder: plain("R-1042", 150) }
          : { type: "plain_text_input", action_id: TRIAGE_ACTION, multiline: true, max_length: INPUT_MAX },
      },
    ],
  };
  return view;
}

const stateSchema = z.object({
  values: z.record(z.string(), z.record(z.string(), z.object({ value: z.string().nullish() }))),
});

export interface TriageSubmission {
  meta: TriageModalMeta;
  value: string;
}

export function parseTriageSubmission(view: { state?: unknown; private_metadata?: string }): TriageSubmission | null {
  let raw: unknown;
  try {
    raw = JSON.parse(view.private_metadata ?? "");
  } catch {
    return null;
  }
  const meta = triageModalMetaSchema.safeParse(raw);
  const state = stateSchema.safeParse(view.state);
  if (!meta.success || !state.success) return null;
  return { meta: meta.data, value: state.data.values[TRIAGE_BLOCK]?.[TRIAGE_ACTION]?.value?.trim() ?? "" };
}

/** "R-1042", "r1042" or "1042" (the core normalises it). */
const REPORT_ID_INPUT = /^[Rr]?-?\d{1,9}$/;

const digitsOf = (id: string): number => Number(id.replace(/\D/g, ""));

/** The field error Slack shows in the modal, or null when the value may go to the core. */
export function triageFieldError(submission: TriageSubmission): string | null {
  const { meta, value } = submission;
  if (meta.field === "duplicateOf") {
    if (!value) return "Give the id of the report this one duplicates, e.g. R-1042.";
    if (!REPORT_ID_INPUT.test(value)) return "That is not a report id — use the form R-1042.";
    if (digitsOf(value) === digitsOf(meta.reportId)) return `${meta.reportId} cannot be a duplicate of itself.`;
    return null;
  }
  if (!value) return meta.field === "note" ? "Please say what was done." : "Please give the reason.";
  return null;
}
