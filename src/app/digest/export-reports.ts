/**
 * Exports reports created in [from, to) as CSV (one row per report, RFC 4180 quoting) or JSON Lines
 * (one stored document per line). Only redacted text exists in the store, so only redacted text is
 * exported. Reads a week at a time (indexed range queries) to keep memory flat on large stores.
 */
import type { Report } from "../../domain/report";
import type { ReportStore } from "../../ports/report-store";

export type ExportFormat = "csv" | "jsonl";

export const CSV_COLUMNS = [
  "id",
  "createdAt",
  "channel",
  "status",
  "kind",
  "system",
  "severity",
  "patientSafety",
  "unit",
  "summary",
  "text",
  "tags",
  "urgent",
  "anonymous",
  "assignee",
  "clusterId",
  "duplicateOf",
  "acknowledgedAt",
  "resolvedAt",
  "classificationSource",
  "needsReview",
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

const PAGE_MS = 7 * 86_400_000;
/** Spreadsheet formula starters: a leading apostrophe keeps Excel from evaluating reporter text. */
const FORMULA_START = /^[=+\-@\t\r]/;
const FREE_TEXT: ReadonlySet<CsvColumn> = new Set(["summary", "text", "tags", "unit", "assignee"]);

const iso = (d: Date | null) => (d ? d.toISOString() : "");

export function csvRecord(report: Report): Record<CsvColumn, string> {
  const c = report.classification;
  return {
    id: report.id,
    createdAt: iso(report.createdAt),
    channel: report.channel,
    status: report.status,
    kind: c?.kind ?? "",
    system: c?.system ?? "",
    severity: c?.severity ?? "",
    patientSafety: c ? String(c.patientSafety) : "",
    unit: c?.location ?? "",
    summary: c?.summary ?? "",
    text: report.text,
    tags: c?.tags.join(";") ?? "",
    urgent: String(report.urgent),
    anonymous: String(report.reporter.anonymous),
    assignee: report.assignee ?? "",
    clusterId: report.clusterId ?? "",
    duplicateOf: report.duplicateOf ?? "",
    acknowledgedAt: iso(report.acknowledgedAt),
    resolvedAt: iso(report.resolvedAt),
    classificationSource: c?.source ?? "",
    needsReview: String(report.needsReview),
  };
}

/** One CSV field: quoted when it holds a quote, comma, CR or LF; quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvLine(report: Report): string {
  const record = csvRecord(report);
  return CSV_COLUMNS.map((col) => {
    const value = record[col];
    return csvField(FREE_TEXT.has(col) && FORMULA_START.test(value) ? `'${value}` : value);
  }).join(",");
}

export interface ExportRange {
  from: Date;
  /** Exclusive. */
  to: Date;
}

/** Writes the export through `write` (CRLF line ends for CSV, LF for JSONL); returns the row count. */
export async function exportReports(
  reports: ReportStore,
  range: ExportRange,
  format: ExportFormat,
  write: (chunk: string) => void | Promise<void>,
): Promise<number> {
  let count = 0;
  if (format === "csv") await write(`${CSV_COLUMNS.join(",")}\r\n`);
  for (let start = range.from.getTime(); start < range.to.getTime(); start += PAGE_MS) {
    const end = Math.min(start + PAGE_MS, range.to.getTime());
    const page = await reports.find({ createdFrom: new Date(start), createdTo: new Date(end), sort: "createdAsc" });
    if (page.length === 0) continue;
    const lines = page.map((r) => (format === "csv" ? `${csvLine(r)}\r\n` : `${JSON.stringify(r)}\n`));
    await write(lines.join(""));
    count += page.length;
  }
  return count;
}

/** Parses CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF) into rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
