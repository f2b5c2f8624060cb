/**
 * The small channel-neutral message model the core speaks. Channel adapters render it as
 * Adaptive Cards (Teams, web chat), Block Kit (Slack) or plain text (CLI, fallbacks).
 */
export interface Fact {
  label: string;
  value: string;
}

/** A button. `action` names a verb the core understands; `data` travels back with it. */
export interface MessageAction {
  action: string;
  label: string;
  data: Record<string, string>;
  style?: "primary" | "danger";
}

export interface MessageLink {
  label: string;
  url: string;
}

/** Only http(s) links are rendered; anything else (javascript:, data:) is dropped. */
export function isWebLink(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:";
  } catch {
    return false;
  }
}

/** A quick choice answering a question (rendered as buttons). */
export interface Choice {
  value: string;
  label: string;
}

export interface BotMessage {
  /** Short title line, e.g. "R-1042 received". */
  title?: string;
  /** Main text. Contains reporter text only after redaction; renderers escape it. */
  text: string;
  facts?: Fact[];
  /** A question with quick choices (the answer arrives as action "answer" with field/value). */
  question?: { reportId: string; field: string; text: string; choices: Choice[] };
  actions?: MessageAction[];
  /** Links to open elsewhere (the ITSM ticket): http(s) only, rendered as a link or an open-URL button. */
  links?: MessageLink[];
  /** A muted line under the body: privacy notes and the like. */
  note?: string;
  /** Visual emphasis for alerts. */
  tone?: "normal" | "good" | "warning" | "attention";
  /**
   * Optional platform payloads rendered elsewhere (the CMIO digest): a channel that finds its own
   * entry sends it instead of rendering the fields above; the neutral fields stay the fallback.
   */
  rendered?: {
    /** An Adaptive Card (schema 1.5) for Teams and web chat. */
    adaptiveCard?: Record<string, unknown>;
    /** Slack Block Kit blocks. */
    slackBlocks?: Record<string, unknown>[];
  };
}

export function plainText(message: BotMessage): string {
  const lines: string[] = [];
  if (message.title) lines.push(message.title);
  if (message.text) lines.push(message.text);
  for (const fact of message.facts ?? []) lines.push(`${fact.label}: ${fact.value}`);
  if (message.question) {
    lines.push(message.question.text);
    lines.push(message.question.choices.map((c) => c.label).join(" / "));
  }
  if (message.note) lines.push(message.note);
  return lines.join("\n");
}
