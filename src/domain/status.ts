/**
 * Report life cycle: new → acknowledged → in_progress → resolved / duplicate / wont_fix, reopenable;
 * withdrawn when the reporter takes the report back (reopenable by IT like the other closed states).
 */
import { z } from "zod";

export const STATUSES = [
  "new",
  "acknowledged",
  "in_progress",
  "resolved",
  "duplicate",
  "wont_fix",
  "withdrawn",
] as const;
export const StatusSchema = z.enum(STATUSES);
export type Status = z.infer<typeof StatusSchema>;

export const OPEN_STATUSES: readonly Status[] = ["new", "acknowledged", "in_progress"];
export const CLOSED_STATUSES: readonly Status[] = ["resolved", "duplicate", "wont_fix", "withdrawn"];

const ALLOWED: Record<Status, readonly Status[]> = {
  new: ["acknowledged", "in_progress", "resolved", "duplicate", "wont_fix", "withdrawn"],
  acknowledged: ["in_progress", "resolved", "duplicate", "wont_fix", "withdrawn"],
  in_progress: ["acknowledged", "resolved", "duplicate", "wont_fix", "withdrawn"],
  resolved: ["acknowledged"],
  duplicate: ["acknowledged"],
  wont_fix: ["acknowledged"],
  withdrawn: ["acknowledged"],
};

export function isOpen(status: Status): boolean {
  return OPEN_STATUSES.includes(status);
}

export function canTransition(from: Status, to: Status): boolean {
  return ALLOWED[from].includes(to);
}

export const STATUS_LABELS: Record<Status, string> = {
  new: "New",
  acknowledged: "Acknowledged",
  in_progress: "In progress",
  resolved: "Resolved",
  duplicate: "Duplicate",
  wont_fix: "Won't fix",
  withdrawn: "Withdrawn",
};
