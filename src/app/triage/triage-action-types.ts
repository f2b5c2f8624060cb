/** The request and outcome shapes shared by the triage actions (buttons and text commands). */
import type { BotMessage } from "../../domain/message";
import type { Severity, Kind } from "../../domain/taxonomy";
import type { TriageVerb } from "../../domain/triage-rules";

export interface ReclassifyChanges {
  kind?: Kind;
  system?: string;
  severity?: Severity;
  unit?: string | null;
  patientSafety?: boolean;
}

export interface TriageRequest {
  verb: TriageVerb;
  reportId: string;
  note: string | null;
  /** assign: who (already resolved from "me"). */
  assignee?: string | null;
  /** duplicate: the report this one duplicates. */
  duplicateOf?: string | null;
  /** reclassify: the manual corrections. */
  changes?: ReclassifyChanges;
}

export interface TriageOutcome {
  ok: boolean;
  /** What the triager is told. */
  message: BotMessage;
  /** Reports whose triage cards now show something new (updated in place). */
  refresh: string[];
  /** Unique part of the card-update outbox keys for this event. */
  eventKey: string;
}

export function refused(text: string): TriageOutcome {
  return { ok: false, message: { text, tone: "warning" }, refresh: [], eventKey: "" };
}
