/**
 * Which status change each triage action makes, and what the reporter hears about it. Pure: the
 * app layer applies a rule to a report inside one compare-and-swap.
 */
import { canTransition, isOpen, type Status } from "./status";

export const TRIAGE_VERBS = [
  "ack",
  "assign",
  "progress",
  "resolve",
  "wontfix",
  "duplicate",
  "reopen",
  "split",
  "reclassify",
] as const;
export type TriageVerb = (typeof TRIAGE_VERBS)[number];

export interface TriageRule {
  /** Target status, or null when the action leaves the status alone. */
  to: Status | null;
  /** The action needs a note (resolution note, won't-fix reason). */
  needsNote: boolean;
  /** Applied to every open member when done on a cluster head. */
  appliesToCluster: boolean;
  /** Reporters of the affected reports are told (closing the loop). */
  notifiesReporters: boolean;
  /** Verb in history and audit entries. */
  historyAction: string;
}

export const TRIAGE_RULES: Record<TriageVerb, TriageRule> = {
  ack: {
    to: "acknowledged",
    needsNote: false,
    appliesToCluster: true,
    notifiesReporters: true,
    historyAction: "acknowledged",
  },
  assign: { to: null, needsNote: false, appliesToCluster: false, notifiesReporters: false, historyAction: "assigned" },
  progress: {
    to: "in_progress",
    needsNote: false,
    appliesToCluster: true,
    notifiesReporters: false,
    historyAction: "in_progress",
  },
  resolve: {
    to: "resolved",
    needsNote: true,
    appliesToCluster: true,
    notifiesReporters: true,
    historyAction: "resolved",
  },
  wontfix: {
    to: "wont_fix",
    needsNote: true,
    appliesToCluster: true,
    notifiesReporters: true,
    historyAction: "wont_fix",
  },
  duplicate: {
    to: "duplicate",
    needsNote: false,
    appliesToCluster: false,
    notifiesReporters: true,
    historyAction: "duplicate",
  },
  reopen: {
    to: "acknowledged",
    needsNote: false,
    appliesToCluster: true,
    notifiesReporters: true,
    historyAction: "reopened",
  },
  split: { to: null, needsNote: false, appliesToCluster: false, notifiesReporters: false, historyAction: "split" },
  reclassify: {
    to: null,
    needsNote: false,
    appliesToCluster: false,
    notifiesReporters: false,
    historyAction: "reclassified",
  },
};

/** Statuses an action may start from (reopen only from a closed status, ack only from new; the rest follow canTransition). */
export function allowedFrom(verb: TriageVerb, from: Status): boolean {
  const rule = TRIAGE_RULES[verb];
  if (verb === "reopen")
    return from === "resolved" || from === "wont_fix" || from === "duplicate" || from === "withdrawn";
  // Acknowledging is the first response; it never pulls an in-progress report back.
  if (verb === "ack") return from === "new";
  if (rule.to === null) return true;
  return canTransition(from, rule.to);
}

export type TransitionCheck = { ok: true } | { ok: false; reason: "same_status" | "not_allowed" };

export function checkTransition(verb: TriageVerb, from: Status): TransitionCheck {
  const rule = TRIAGE_RULES[verb];
  if (rule.to !== null && rule.to === from && verb !== "reopen") return { ok: false, reason: "same_status" };
  return allowedFrom(verb, from) ? { ok: true } : { ok: false, reason: "not_allowed" };
}

/**
 * Which cluster members follow a head action: open members for forward moves; for reopen, members
 * closed with the same status the head had (closed together with it).
 */
export function memberFollows(verb: TriageVerb, headFrom: Status, member: Status): boolean {
  if (!TRIAGE_RULES[verb].appliesToCluster) return false;
  if (verb === "reopen") return member === headFrom && headFrom !== "duplicate";
  const to = TRIAGE_RULES[verb].to;
  return to !== null && isOpen(member) && PROGRESS_RANK[member] < PROGRESS_RANK[to] && canTransition(member, to);
}

/** How far along a status is; members only ever move forward with their head. */
const PROGRESS_RANK: Record<Status, number> = {
  new: 0,
  acknowledged: 1,
  in_progress: 2,
  resolved: 3,
  duplicate: 3,
  wont_fix: 3,
  withdrawn: 3,
};
