/**
 * Adaptive Card forms: the "Report to IT" task module of the message action, and the inline
 * "add detail" and triage forms the core asks for (an inline card works in Teams and Web Chat alike, where a
 * task module would not render in Web Chat).
 */
import { TRIAGE_FORM_MARK, type TriageForm } from "../../../app/intake/core-types";
import { escapeCardText } from "./escape-card-text";
import { ADAPTIVE_CARD_SCHEMA, type AdaptiveCard } from "./render-card";

/** Limits what a form accepts; the core still validates and redacts. */
export const MAX_FORM_TEXT = 4000;

export interface ReportFormInput {
  /** Text of the message the action was invoked on (plain, tags stripped). */
  text: string;
  /** Display name of the message's author, when known. */
  authorName: string | null;
}

export function renderReportForm(input: ReportFormInput): AdaptiveCard {
  const body: Record<string, unknown>[] = [
    { type: "TextBlock", text: "Report to IT", weight: "Bolder", size: "Medium" },
    {
      type: "TextBlock",
      text: "Describe what is not working. Patient details are removed before the report is stored.",
      wrap: true,
      isSubtle: true,
      size: "Small",
    },
    {
      type: "Input.Text",
      id: "text",
      label: "What happened",
      isMultiline: true,
      isRequired: true,
      errorMessage: "Please describe the problem.",
      maxLength: MAX_FORM_TEXT,
      value: input.text.slice(0, MAX_FORM_TEXT),
    },
  ];
  if (input.authorName)
    body.push({
      type: "Input.Toggle",
      id: "reporterIsAuthor",
      title: `Record ${escapeCardText(input.authorName)} as the reporter (only if they agreed)`,
      value: "false",
      valueOn: "true",
      valueOff: "false",
    });
  body.push({
    type: "Input.Toggle",
    id: "anonymous",
    title: "Keep the reporter anonymous",
    value: "false",
    valueOn: "true",
    valueOff: "false",
  });
  return {
    type: "AdaptiveCard",
    $schema: ADAPTIVE_CARD_SCHEMA,
    version: "1.5",
    body,
    actions: [{ type: "Action.Submit", title: "Send report", style: "positive", data: { action: "report" } }],
  };
}

export interface DetailFormInput {
  reportId: string;
  title: string;
  prompt: string;
}

export function renderDetailForm(input: DetailFormInput): AdaptiveCard {
  return {
    type: "AdaptiveCard",
    $schema: ADAPTIVE_CARD_SCHEMA,
    version: "1.5",
    fallbackText: `${input.title}\n${input.prompt}`,
    body: [
      { type: "TextBlock", text: escapeCardText(input.title), weight: "Bolder", wrap: true },
      { type: "TextBlock", text: escapeCardText(input.prompt), wrap: true },
      {
        type: "Input.Text",
        id: "detail",
        label: "Detail",
        isMultiline: true,
        isRequired: true,
        errorMessage: "Please add some detail.",
        maxLength: MAX_FORM_TEXT,
      },
    ],
    actions: [
      {
        type: "Action.Submit",
        title: "Add detail",
        style: "positive",
        data: { action: "add_detail", reportId: input.reportId },
      },
    ],
  };
}

/** A report id as typed in the duplicate form: "R-1042", "r1042" or "1042". */
export const REPORT_ID_INPUT_REGEX = String.raw`^\s*[Rr]?-?\d{1,9}\s*$`;

/** The triage form ("Resolve…", "Won't fix…", "Duplicate of…"): one input named after the core's field. */
export function renderTriageForm(form: TriageForm): AdaptiveCard {
  const duplicate = form.field === "duplicateOf";
  const input: Record<string, unknown> = {
    type: "Input.Text",
    id: form.field,
    label: form.prompt,
    isRequired: true,
    ...(duplicate
      ? {
          placeholder: "R-1042",
          regex: REPORT_ID_INPUT_REGEX,
          errorMessage: "Give a report id, e.g. R-1042.",
          maxLength: 20,
        }
      : {
          isMultiline: true,
          errorMessage: form.field === "note" ? "Please say what was done." : "Please give the reason.",
          maxLength: MAX_FORM_TEXT,
        }),
  };
  return {
    type: "AdaptiveCard",
    $schema: ADAPTIVE_CARD_SCHEMA,
    version: "1.5",
    fallbackText: `${form.title}\n${form.prompt}`,
    body: [{ type: "TextBlock", text: escapeCardText(form.title), weight: "Bolder", wrap: true }, input],
    actions: [
      {
        type: "Action.Submit",
        title: form.submitLabel,
        style: "positive",
        data: { action: `triage.${form.verb}`, reportId: form.reportId, form: TRIAGE_FORM_MARK },
      },
    ],
  };
}
