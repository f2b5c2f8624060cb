/** The Report: one clinician message, redacted, classified and tracked through triage. */
import { z } from "zod";
import { ClassificationSchema } from "./classification";
import { PHI_TYPES, asRedacted } from "./redacted-text";
import { StatusSchema } from "./status";
import { QuestionFieldSchema } from "./taxonomy";
import { SafetyEventSchema } from "./safety-event";
import { TicketRefSchema } from "./ticket";

export const CHANNELS = ["teams", "slack", "webchat", "cli"] as const;
export const ChannelKindSchema = z.enum(CHANNELS);
export type ChannelKind = z.infer<typeof ChannelKindSchema>;

/** `R-` and a number: easy to say on the phone ("R-1042"). */
export const REPORT_ID_PATTERN = /^R-\d{4,}$/;
export function formatReportId(seq: number): string {
  return `R-${String(seq).padStart(4, "0")}`;
}

export const ReporterSchema = z.object({
  /** `channel:userId`, or `anon:<sha256>` when the reporter chose to stay anonymous. */
  ref: z.string().min(1),
  anonymous: z.boolean(),
  displayName: z.string().nullable(),
});
export type Reporter = z.infer<typeof ReporterSchema>;

export const HistoryEntrySchema = z.object({
  at: z.coerce.date(),
  actor: z.string(),
  action: z.string(),
  from: z.string().nullable().default(null),
  to: z.string().nullable().default(null),
  note: z.string().nullable().default(null),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

export const QuestionSchema = z.object({
  field: QuestionFieldSchema,
  text: z.string(),
  choices: z.array(z.object({ value: z.string(), label: z.string() })),
});
export type Question = z.infer<typeof QuestionSchema>;

export const IntakeSchema = z.object({
  stage: z.enum(["acknowledged", "asking", "confirmed"]),
  questions: z.array(QuestionSchema).default([]),
  askedAt: z.coerce.date().nullable().default(null),
  /** Channel-specific id of the acknowledgement message, so the confirmation can replace it. */
  messageRef: z.string().nullable().default(null),
});
export type Intake = z.infer<typeof IntakeSchema>;

export const ClassifyJobSchema = z.object({
  state: z.enum(["pending", "claimed", "done"]),
  attempts: z.number().int().nonnegative(),
  claimedBy: z.string().nullable(),
  leaseUntil: z.coerce.date().nullable(),
});
export type ClassifyJob = z.infer<typeof ClassifyJobSchema>;

/** Clustering features of the report's texts (domain/clustering.ts), with the key they were computed for. */
export const ClusterFeaturesSchema = z.object({
  key: z.string(),
  texts: z.array(z.object({ tokens: z.array(z.string()), grams: z.array(z.string()) })),
});
export type ClusterFeatures = z.infer<typeof ClusterFeaturesSchema>;

export const ReportSchema = z.object({
  id: z.string().regex(REPORT_ID_PATTERN),
  seq: z.number().int().positive(),
  version: z.number().int().nonnegative(),
  createdAt: z.coerce.date(),
  updatedAt: z.coerce.date(),
  channel: ChannelKindSchema,
  reporter: ReporterSchema,
  /** Key of the stored conversation reference used to reach the reporter again. */
  conversationKey: z.string().nullable(),
  text: z.string().transform(asRedacted),
  redactions: z.partialRecord(z.enum(PHI_TYPES), z.number().int().nonnegative()).default({}),
  truncated: z.boolean().default(false),
  attachmentsDropped: z.number().int().nonnegative().default(0),
  classification: ClassificationSchema.nullable(),
  classifyJob: ClassifyJobSchema,
  needsReview: z.boolean().default(false),
  reviewReason: z.string().nullable().default(null),
  urgent: z.boolean().default(false),
  intake: IntakeSchema,
  status: StatusSchema,
  assignee: z.string().nullable().default(null),
  /** Id of the report that heads this report's cluster (its own id when it heads one or stands alone). */
  clusterId: z.string().nullable().default(null),
  duplicateOf: z.string().nullable().default(null),
  acknowledgedAt: z.coerce.date().nullable().default(null),
  resolvedAt: z.coerce.date().nullable().default(null),
  triageMessageRef: z.string().nullable().default(null),
  /** The patient-safety event in the hospital's terms, once the reporter (or a triager) said (safety-event.ts). */
  safetyEvent: SafetyEventSchema.nullable().optional(),
  /** The ITSM ticket that stands for this report's cluster (on the cluster head), once created. */
  ticket: TicketRefSchema.nullable().optional(),
  history: z.array(HistoryEntrySchema).default([]),
  /** Stored when triage takes the report in, so later reports compare against it without re-tokenising. */
  clusterFeatures: ClusterFeaturesSchema.nullable().default(null),
});
export type Report = z.infer<typeof ReportSchema>;

export interface NewReportInput {
  seq: number;
  now: Date;
  channel: ChannelKind;
  reporter: Reporter;
  conversationKey: string | null;
  text: Report["text"];
  redactions: Report["redactions"];
  truncated: boolean;
  attachmentsDropped: number;
  urgent?: boolean;
}

export function newReport(input: NewReportInput): Report {
  const id = formatReportId(input.seq);
  return {
    id,
    seq: input.seq,
    version: 0,
    createdAt: input.now,
    updatedAt: input.now,
    channel: input.channel,
    reporter: input.reporter,
    conversationKey: input.conversationKey,
    text: input.text,
    redactions: input.redactions,
    truncated: input.truncated,
    attachmentsDropped: input.attachmentsDropped,
    classification: null,
    classifyJob: { state: "pending", attempts: 0, claimedBy: null, leaseUntil: null },
    needsReview: false,
    reviewReason: null,
    urgent: input.urgent ?? false,
    intake: { stage: "acknowledged", questions: [], askedAt: null, messageRef: null },
    status: "new",
    assignee: null,
    clusterId: id,
    duplicateOf: null,
    acknowledgedAt: null,
    resolvedAt: null,
    triageMessageRef: null,
    history: [{ at: input.now, actor: input.reporter.ref, action: "reported", from: null, to: "new", note: null }],
    clusterFeatures: null,
  };
}

/** Effective unit of a report (classifier location), used by triage and the digest. */
export function reportUnit(report: Report): string | null {
  return report.classification?.location ?? null;
}

/** The report as claimed for classification by `owner` until now + leaseMs (both stores use this). */
export function claimedForClassification(report: Report, owner: string, now: Date, leaseMs: number): Report {
  return {
    ...report,
    version: report.version + 1,
    classifyJob: {
      state: "claimed",
      attempts: report.classifyJob.attempts + 1,
      claimedBy: owner,
      leaseUntil: new Date(now.getTime() + leaseMs),
    },
  };
}
