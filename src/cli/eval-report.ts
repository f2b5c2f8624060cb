/** The human part of the eval output: accuracy table, confusion highlights, failures. Pure. */
import type { EvalFailure, EvalSummary } from "./eval-score";

const MAX_CONFUSIONS = 10;
const SNIPPET_CHARS = 70;

function percent(value: number | null): string {
  return value === null ? "   n/a" : `${(value * 100).toFixed(1).padStart(5)}%`;
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > SNIPPET_CHARS ? `${flat.slice(0, SNIPPET_CHARS - 1)}…` : flat;
}

function failureLine(failure: EvalFailure): string[] {
  const parts = failure.misses.map((m) => `${m.field} ${m.gold} → ${m.predicted}`);
  if (failure.leakedPhi.length > 0) parts.push(`PHI leaked ×${failure.leakedPhi.length}`);
  if (failure.overRedacted.length > 0) parts.push(`location redacted: ${failure.overRedacted.join(", ")}`);
  if (failure.lookalikesRemoved.length > 0) parts.push(`look-alike redacted: ${failure.lookalikesRemoved.join(", ")}`);
  const lines = [`  ${failure.id.padEnd(8)} ${parts.join("; ")}`, `           "${snippet(failure.redacted)}"`];
  if (failure.flaggedReason) lines.push(`           flagged: ${failure.flaggedReason}`);
  if (failure.tricky) lines.push(`           note: ${failure.tricky}`);
  return lines;
}

export function renderEvalReport(summary: EvalSummary, meta: { classifier: string; data: string }): string {
  const { scores } = summary;
  const lines = [
    `Evaluation of ${scores.n} samples from ${meta.data} (classifier: ${meta.classifier}; ${summary.flagged} flagged)`,
    "",
    "field           accuracy",
    `isReport          ${percent(scores.isReport)}   (all ${scores.n} samples)`,
    `  non-reports     ${percent(scores.isReportNonReports)}   (gold non-reports correctly not filed)`,
    `kind              ${percent(scores.kind)}   (gold reports only, from here down)`,
    `system            ${percent(scores.system)}`,
    `severity          ${percent(scores.severity)}`,
    `patientSafety     ${percent(scores.patientSafety)}`,
    `location          ${percent(scores.location)}`,
    "",
    `patient-safety flag rate ${percent(scores.safetyFlagRate)} of reports (labels: ${percent(summary.goldSafetyRate)})`,
    `PHI recall        ${percent(scores.phiRecall)}   (${scores.phiLeaks} gold identifier(s) with a word still in redacted text)`,
    `Look-alikes removed ${percent(scores.lookalikesRedacted)} (drug, scale, staff, serial ... that must stay)`,
    `Locations wrongly redacted: ${scores.nonPhiRedacted}`,
    `Prompt tokens (o200k, median-length message): ${scores.promptTokens ?? "n/a"}`,
    ...(scores.llmAnswered === null
      ? []
      : [`LLM answered      ${percent(scores.llmAnswered)}   (valid LLM answers, no offline fallback)`]),
    "",
  ];
  const confusions = summary.confusions.slice(0, MAX_CONFUSIONS);
  lines.push(confusions.length > 0 ? "Most frequent confusions (gold → predicted):" : "No confusions.");
  for (const c of confusions) lines.push(`  ${c.field.padEnd(14)} ${c.gold} → ${c.predicted}  ×${c.count}`);
  lines.push("");
  lines.push(`Failures (${summary.failures.length}):`);
  for (const failure of summary.failures) lines.push(...failureLine(failure));
  return lines.join("\n");
}
