/**
 * Alerts on the safety floor at once, on the acknowledgement path: a report whose words name harm,
 * a code, a 10× error or an alarm not reaching staff alerts IT before any LLM is asked. The alert
 * carries the offline classification raised to the floor; the outbox key is the one triage uses
 * later for the report's own cluster, so a report that starts its own cluster alerts once.
 */
import type { Classification, ClassificationResult } from "../../domain/classification";
import type { Report } from "../../domain/report";
import { applySafetyFloor, floorAlerts, safetyFloorOf } from "../../domain/safety-floor";
import type { IntakeDeps } from "../intake/intake-deps";

export async function alertOnSafetyFloor(
  deps: IntakeDeps,
  report: Report,
  gateResult: ClassificationResult | null,
): Promise<boolean> {
  if (!deps.triage?.alertEarly) return false;
  const floor = safetyFloorOf(report.text);
  if (!floorAlerts(floor)) return false;
  try {
    const base = gateResult ?? (await deps.gate.classify(report.text)).result;
    const { result } = applySafetyFloor({ ...base, isReport: true }, floor);
    const provisional: Classification = {
      ...result,
      source: "offline",
      promptVersion: null,
      model: null,
      classifiedAt: deps.clock.now(),
    };
    await deps.triage.alertEarly({ ...report, classification: provisional });
    return true;
  } catch (err) {
    // The classification worker alerts again once the report is classified.
    deps.logger.warn({ reportId: report.id, err: (err as Error).message }, "early safety alert failed");
    return false;
  }
}
