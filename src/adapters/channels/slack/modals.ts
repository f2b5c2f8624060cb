/**
 * The two modals: "Report to IT" (from the message shortcut) and "Add detail" (the core's
 * openForm). Builders are pure; submissions are parsed with zod.
 */
import type { types } from "@slack/bolt";
import { z } from "zod";
import { safeText } from "./mrkdwn";

export const REPORT_MODAL_ID = "report_to_it_submit";
export const ADD_DETAIL_MODAL_ID = "add_detail";
const TEXT_BLOCK = "report_text";
const TEXT_ACTION = "text";
const OPTIONS_BLOCK = "report_options";
const OPTIONS_ACTION = "options";
const DETAIL_BLOCK = "detail";
const DETAIL_ACTION = "detail";
const INPUT_MAX = 3000;

export const reportModalMetaSchema = z.object({
  team: z.string(),
  channel: z.string(),
  messageTs: z.string(),
  author: z.string().nullable(),
});
export type ReportModalMeta = z.infer<typeof reportModalMetaSchema>;

export const addDetailMetaSchema = z.object({
  reportId: z.string().min(1),
  channel: z.string().nullable(),
  messageTs: z.string().nullable(),
});
export type AddDetailMeta = z.infer<typeof addDetailMetaSchema>;

const plain = (text: string, max: number): types.PlainTextElement => ({
  type: "plain_text",
  text: safeText(text, max),
});

export function reportModal(meta: ReportModalMeta, messageText: string, reporter: string): types.ModalView {
  const options: types.Option[] = [];
  if (meta.author && meta.author !== reporter) {
    options.push({ text: plain("Report on behalf of the author of the message", 75), value: "on_behalf" });
  }
  options.push({ text: plain("Keep me anonymous", 75), value: "anonymous" });
  return {
    type: "modal",
    callback_id: REPORT_MODAL_ID,
    private_metadata: JSON.stringify(meta),
    title: plain("Report to IT", 24),
    submit: plain("Send report", 24),
    close: plain("Cancel", 24),
    blocks: [
      {
        type: "input",
        block_id: TEXT_BLOCK,
        label: plain("What is not working?", 2000),
        element: {
          type: "plain_text_input",
          action_id: TEXT_ACTION,
          multiline: true,
          max_length: INPUT_MAX,
          initial_value: messageText.slice(0, INPUT_MAX),
        },
      },
      {
        type: "input",
        block_id: OPTIONS_BLOCK,
        optional: true,
        label: plain("Options", 2000),
        element: { type: "checkboxes", action_id: OPTIONS_ACTION, options },
      },
    ],
  };
}

export function addDetailModal(meta: AddDetailMeta, title: string, prompt: string): types.ModalView {
  return {
    type: "modal",
    callback_id: ADD_DETAIL_MODAL_ID,
    private_metadata: JSON.stringify(meta),
    title: plain(title || "Add detail", 24),
    submit: plain("Add", 24),
    close: plain("Cancel", 24),
    blocks: [
      {
        type: "input",
        block_id: DETAIL_BLOCK,
        label: plain(prompt || "Anything else IT should know?", 2000),
        element: { type: "plain_text_input", action_id: DETAIL_ACTION, multiline: true, max_length: INPUT_MAX },
      },
    ],
  };
}

const stateSchema = z.object({
  values: z.record(
    z.string(),
    z.record(
      z.string(),
      z.object({
        value: z.string().nullish(),
        selected_options: z.array(z.object({ value: z.string() })).nullish(),
      }),
    ),
  ),
});

export interface ReportSubmission {
  meta: ReportModalMeta;
  text: string;
  onBehalf: boolean;
  anonymous: boolean;
}

function parseMeta<T>(schema: z.ZodType<T>, raw: string | undefined): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(raw ?? ""));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function parseReportSubmission(view: { state?: unknown; private_metadata?: string }): ReportSubmission | null {
  const meta = parseMeta(reportModalMetaSchema, view.private_metadata);
  const state = stateSchema.safeParse(view.state);
  if (!meta || !state.success) return null;
  const text = state.data.values[TEXT_BLOCK]?.[TEXT_ACTION]?.value?.trim() ?? "";
  const chosen = new Set(
    (state.data.values[OPTIONS_BLOCK]?.[OPTIONS_ACTION]?.selected_options ?? []).map((o) => o.value),
  );
  return { meta, text, onBehalf: chosen.has("on_behalf"), anonymous: chosen.has("anonymous") };
}

export function parseAddDetailSubmission(view: {
  state?: unknown;
  private_metadata?: string;
}): { meta: AddDetailMeta; detail: string } | null {
  const meta = parseMeta(addDetailMetaSchema, view.private_metadata);
  const state = stateSchema.safeParse(view.state);
  if (!meta || !state.success) return null;
  return { meta, detail: state.data.values[DETAIL_BLOCK]?.[DETAIL_ACTION]?.value?.trim() ?? "" };
}
