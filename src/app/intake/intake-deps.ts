import type { Catalogue } from "../../domain/catalogue";
import type { Classifier } from "../../ports/classifier";
import type { Clock } from "../../ports/clock";
import type { Logger } from "../../ports/logger";
import type { Redactor } from "../../ports/redactor";
import type { Store } from "../../ports/store";
import type { TriageService } from "../triage/triage-types";
import type { IntakeLoad } from "../pipeline/intake-load";

/** What the intake use-cases need. Built once in main.ts. */
export interface IntakeDeps {
  store: Store;
  redactor: Redactor;
  /** Fast, local classifier used on the acknowledgement path to tell reports from chit-chat. */
  gate: Classifier;
  /** The configured classifier (LLM with offline fallback, or offline). Runs off the ack path. */
  classifier: Classifier;
  triage: TriageService | null;
  catalogue: Catalogue;
  clock: Clock;
  logger: Logger;
  /** Salt for hashing anonymous reporters. */
  anonymousSalt: string;
  /** Wakes the classification worker so it does not wait for its next poll. */
  wakeClassifier: () => void;
  /** Wakes the outbox dispatcher. */
  wakeOutbox: () => void;
  limits: IntakeLimits;
  /** Messages being taken in (kept by the core), for background work to let acknowledgements go first. */
  load?: IntakeLoad;
}

export interface IntakeLimits {
  maxTextLength: number;
  /** After this long without an answer, a report with open questions is filed as is. */
  questionTimeoutMs: number;
  maxQuestions: number;
  /**
   * Messages being taken in at once (redact → store) before new ones are answered "busy, retry"
   * (Slack: a non-2xx so it redelivers; Teams and web chat: "try again"). Bounds memory in a burst
   * or while the store is slow; what is accepted is in the store, not in memory.
   */
  maxInFlight: number;
  /** Messages redacted and stored at once; the others wait their turn (intake/intake-admission.ts). */
  maxConcurrent: number;
  /** A message that waited this long for its turn is refused at once ("busy"), not answered late. */
  maxQueueWaitMs: number;
}

export const DEFAULT_INTAKE_LIMITS: IntakeLimits = {
  maxTextLength: 4000,
  questionTimeoutMs: 5 * 60_000,
  maxQuestions: 2,
  maxInFlight: 256,
  maxConcurrent: 8,
  maxQueueWaitMs: 1000,
};
