/**
 * Adaptive Card forms: the "Report to IT" task module of the message action, and the inline
 * "add detail" form the core asks for (an inline card works in Teams and Web Chat alike, where a
 * task module would not render in Web Chat).
 */
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
