/** The triage side of the core (routing, clustering, spikes, actions, closing the loop). */
import type { Report } from "../../domain/report";
import type { CoreResponse, InboundAction, Sender } from "../intake/core-types";
import type { ReporterFeedback } from "./reporter-feedback";

export interface TriageService {
  /**
   * Called once a report is classified (or re-classified): join/start a cluster, route the triage
   * card, raise alerts and spike alerts. Returns the cluster head and size so the intake can tell
   * the reporter "N colleagues reported this too".
   */
  onClassified(
    report: Report,
  ): Promise<{ clusterHeadId: string; clusterSize: number; headStatus: Report["status"] } | null>;
  /**
   * A safety alert on a provisional classification, before the LLM has answered (the safety floor at
   * intake, the offline classifier's result before the LLM): keyed like the report's own cluster
   * alert, so taking the report in later does not alert twice.
   */
  alertEarly?(report: Report): Promise<void>;
  /** Buttons whose action starts with "triage.". */
  handleAction(action: InboundAction): Promise<CoreResponse>;
  /** Text commands for triagers/reporters ("my reports", "list open ...", "show R-1234"); null when not a command. */
  handleCommand(sender: Sender, text: string): Promise<CoreResponse | null>;
  /** A reporter withdrew their report, said it is still broken, or confirmed it fixed. */
  onReporterFeedback(report: Report, feedback: ReporterFeedback): Promise<{ ok: boolean; text: string }>;
  /** The sender typed in a room triage cards, alerts or the digest go to (everyone there reads along). */
  isTriageRoom?(sender: Sender): boolean;
}
