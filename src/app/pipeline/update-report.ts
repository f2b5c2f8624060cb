/**
 * Read-modify-write of one report as a compare-and-swap on its version, retried a few times when
 * another writer got there first. `mutate` returns the next report, or null to leave it as is.
 */
import { AppError } from "../../domain/errors";
import type { Report } from "../../domain/report";
import type { ReportStore } from "../../ports/report-store";

export async function updateReport(
  reports: ReportStore,
  id: string,
  mutate: (current: Report) => Report | null,
  attempts = 5,
): Promise<Report | null> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const current = await reports.get(id);
    if (!current) throw new AppError("NOT_FOUND", `Report ${id} not found`);
    const next = mutate(current);
    if (!next) return null;
    const versioned: Report = { ...next, version: current.version + 1 };
    if (await reports.replace(versioned, current.version)) return versioned;
  }
  throw new AppError("STORAGE_CONFLICT", `Report ${id} kept changing; gave up after ${attempts} attempts`);
}
