/**
 * The admin CLI end to end (in process, with injected stdout/stderr and a fixed clock), on an
 * embedded store in a temporary DATA_DIR: seed-demo, digest in every format (the Adaptive Card
 * valid against the 1.5 schema), export CSV/JSONL round-trips, reclassify keeps manual decisions,
 * and exit codes for bad arguments and errors.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Ajv from "ajv";
import draft06 from "ajv/dist/refs/json-schema-draft-06.json";
import addFormats from "ajv-formats";
import { createEmbeddedStore } from "../../src/adapters/store/embedded/embedded-store";
import { csvRecord, CSV_COLUMNS, parseCsv } from "../../src/app/digest/export-reports";
import { runCli } from "../../src/cli/main";
import { asRedacted } from "../../src/domain/redacted-text";
import { ReportSchema, type Report } from "../../src/domain/report";
import { silentLogger } from "../../src/ports/logger";
import { buildClassification, buildReport } from "../fixtures/build-report";

const NOW = new Date("2026-11-25T10:00:00Z");
let dataDir: string;

function capture() {
  let text = "";
  return {
    write: (s: string) => void (text += s),
    get text() {
      return text;
    },
  };
}

async function cli(...argv: string[]) {
  const stdout = capture();
  const stderr = capture();
  const env = { DATA_DIR: dataDir, DIGEST_TIMEZONE: "Europe/Berlin", PUBLIC_BASE_URL: "https://feedback.example.org" };
  const code = await runCli(argv, { stdout, stderr, env, clock: { now: () => new Date(NOW) } });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

async function withStore<T>(work: (store: ReturnType<typeof createEmbeddedStore>) => Promise<T>): Promise<T> {
  const store = createEmbeddedStore({ dataDir, logger: silentLogger });
  try {
    await store.init();
    return await work(store);
  } finally {
    await store.close();
  }
}

function cardValidator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(draft06);
  addFormats(ajv);
  const file = path.join(__dirname, "..", "fixtures", "schemas", "adaptive-card-1.5.json");
  const { id, ...schema } = JSON.parse(fs.readFileSync(file, "utf8"));
  return ajv.compile({ ...schema, $id: id });
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "digest-cli-"));
  const seeded = await cli("seed-demo", "--weeks", "4", "--seed", "7");
  expect(seeded.stderr).toMatch(/seeded \d+ demo reports over 4 week/);
  expect(seeded.code).toBe(0);
});

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("seed-demo", () => {
  it("fills the store with redacted, classified, triaged reports and refuses to seed twice", async () => {
    const reports = await withStore((s) => s.reports.find({ sort: "createdAsc" }));
    expect(reports.length).toBeGreaterThan(60);
    expect(reports.every((r) => r.createdAt <= NOW && r.classification !== null)).toBe(true);
    expect(reports.some((r) => r.status === "resolved" && r.history.some((h) => h.to === "resolved" && h.note))).toBe(
      true,
    );
    expect(reports.some((r) => r.status === "acknowledged" && r.acknowledgedAt !== null)).toBe(true);
    // Fictitious patient names in the demo messages never reach the store.
    for (const name of ["Maria Lopez", "John Baker", "Aiko Tanaka", "Peter Novak", "Grace Okafor"])
      expect(reports.some((r) => r.text.includes(name))).toBe(false);
    const clusters = new Map<string, number>();
    for (const r of reports) if (r.clusterId) clusters.set(r.clusterId, (clusters.get(r.clusterId) ?? 0) + 1);
    expect(Math.max(...clusters.values())).toBeGreaterThanOrEqual(10); // the scanner outage

    const again = await cli("seed-demo");
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("BAD_REQUEST");
  });
});

describe("digest", () => {
  it("prints the last complete week as text by default and sends nothing", async () => {
    const out = await cli("digest");
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("2026-W47");
    expect(out.stdout).toMatch(/\d+ reports/);
  });

  it("prints an Adaptive Card valid against the 1.5 schema, with the chart URL", async () => {
    const out = await cli("digest", "--week", "2026-W47", "--format", "adaptive-card");
    expect(out.code).toBe(0);
    const card = JSON.parse(out.stdout);
    const validate = cardValidator();
    const valid = validate(card);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(out.stdout).toContain("https://feedback.example.org/digest/2026-W47/chart.png");
  });

  it("prints Block Kit and the digest model as JSON", async () => {
    const blocks = await cli("digest", "--week", "2026-W47", "--format", "block-kit");
    expect(blocks.code).toBe(0);
    expect(Array.isArray(JSON.parse(blocks.stdout).blocks)).toBe(true);
    const json = await cli("digest", "--week", "2026-W47", "--format", "json");
    const digest = JSON.parse(json.stdout);
    expect(digest.period).toBe("2026-W47");
    expect(digest.trend).toHaveLength(12);
  });

  it("rejects bad arguments with exit code 2 and a clear message", async () => {
    const week = await cli("digest", "--week", "2026-47");
    expect(week.code).toBe(2);
    expect(week.stderr).toContain("--week must be an ISO week such as 2026-W47");
    const format = await cli("digest", "--format", "pdf");
    expect(format.code).toBe(2);
    expect(format.stderr).toContain("Allowed choices are text, adaptive-card, block-kit, json");
    const unknown = await cli("frobnicate");
    expect(unknown.code).toBe(2);
  });

  it("says how to write a near-miss week, refuses weeks that do not exist or have not started, notes a week in progress", async () => {
    const short = await cli("digest", "--week", "2026-W5");
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('--week needs the ISO form 2026-W05 (got "2026-W5")');
    const w53 = await cli("digest", "--week", "2025-W53");
    expect(w53.code).toBe(2);
    expect(w53.stderr).toContain("--week 2025-W53 does not exist: 2025 has 52 ISO weeks");
    const future = await cli("digest", "--week", "2027-W10");
    expect(future.code).toBe(2);
    expect(future.stderr).toContain("--week 2027-W10 has not started yet; the last complete week is 2026-W47");
    expect(future.stdout).toBe("");
    const current = await cli("digest", "--week", "2026-W48");
    expect(current.code).toBe(0);
    expect(current.stderr).toContain("note: 2026-W48 is not over yet; these are the figures so far.");
    expect(current.stdout).toContain("2026-W48");
    const complete = await cli("digest", "--week", "2026-W47");
    expect(complete.stderr).not.toContain("not over yet");
  });

  it("prints help with exit code 0", async () => {
    const help = await cli("--help");
    expect(help.code).toBe(0);
    for (const command of ["digest", "export", "reclassify", "seed-demo"]) expect(help.stdout).toContain(command);
  });
});

describe("export", () => {
  const tricky = asRedacted('=HYPERLINK("http://x") he said "stop", then,\r\nleft; ünïcode');

  beforeAll(async () => {
    await withStore(async (store) => {
      const seq = await store.reports.nextSeq();
      await store.reports.insert(
        buildReport({
          seq,
          createdAt: new Date("2026-11-18T09:00:00Z"),
          text: tricky,
          classification: buildClassification({ summary: 'Printer "jam", again', location: "4 West, bay 2" }),
        }),
      );
    });
  });

  it("round-trips CSV and JSONL for the same reports", async () => {
    const jsonl = await cli("export", "--from", "2026-11-16", "--to", "2026-11-22", "--format", "jsonl");
    expect(jsonl.code).toBe(0);
    const reports: Report[] = jsonl.stdout
      .split("\n")
      .filter(Boolean)
      .map((line) => ReportSchema.parse(JSON.parse(line)));
    const stored = await withStore((s) =>
      s.reports.find({
        createdFrom: new Date("2026-11-15T23:00:00Z"),
        createdTo: new Date("2026-11-22T23:00:00Z"),
        sort: "createdAsc",
      }),
    );
    expect(reports).toEqual(stored);
    expect(jsonl.stderr).toContain(`exported ${stored.length} report(s)`);

    const csv = await cli("export", "--from", "2026-11-16", "--to", "2026-11-22", "--format", "csv");
    const [header, ...rows] = parseCsv(csv.stdout);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(stored.length);
    rows.forEach((row, i) => {
      const expected = csvRecord(stored[i] as Report);
      const unguarded = row.map((value, c) =>
        /^'[=+\-@\t\r]/.test(value) && ["text", "summary", "tags", "unit", "assignee"].includes(CSV_COLUMNS[c] ?? "")
          ? value.slice(1)
          : value,
      );
      expect(Object.fromEntries(CSV_COLUMNS.map((col, c) => [col, unguarded[c]]))).toEqual(expected);
    });
    const trickyRow = rows.find((row) => row[CSV_COLUMNS.indexOf("text")]?.includes("HYPERLINK"));
    expect(trickyRow?.[CSV_COLUMNS.indexOf("text")]).toBe(`'${tricky}`); // formula neutralised for spreadsheets
    expect(trickyRow?.[CSV_COLUMNS.indexOf("unit")]).toBe("4 West, bay 2");
  });

  it("rejects impossible dates and reversed ranges", async () => {
    expect((await cli("export", "--from", "2026-02-30", "--to", "2026-03-01")).code).toBe(2);
    expect((await cli("export", "--from", "2026-03-02", "--to", "2026-03-01")).code).toBe(2);
    expect((await cli("export", "--from", "2026-03-01")).code).toBe(2);
  });
});

describe("reclassify", () => {
  it("re-runs the classifier and keeps manual classifications", async () => {
    const manualId = await withStore(async (store) => {
      const [report] = await store.reports.find({
        createdFrom: new Date("2026-11-16T00:00:00Z"),
        sort: "createdAsc",
        limit: 1,
      });
      if (!report) throw new Error("no report to mark manual");
      const manual = {
        ...buildClassification({ kind: "terminology", summary: "set by a triager" }),
        source: "manual" as const,
      };
      expect(
        await store.reports.replace({ ...report, classification: manual, version: report.version + 1 }, report.version),
      ).toBe(true);
      return report.id;
    });
    const out = await cli("reclassify", "--since", "2026-11-16");
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(/reclassified \d+ of \d+ .*kept 1 manual, 0 failed/);
    const after = await withStore((s) => s.reports.get(manualId));
    expect(after?.classification?.source).toBe("manual");
    expect(after?.classification?.summary).toBe("set by a triager");
  });
});

describe("errors", () => {
  it("reports configuration problems with their code and exit 1, without a stack trace", async () => {
    const stdout = capture();
    const stderr = capture();
    const code = await runCli(["digest"], {
      stdout,
      stderr,
      env: { MONGODB_URI: "postgres://nope", DIGEST_TIMEZONE: "Mars/Base" },
    });
    expect(code).toBe(1);
    expect(stderr.text).toContain("CONFIG_INVALID");
    expect(stderr.text).toContain("MONGODB_URI");
    expect(stderr.text).toContain("DIGEST_TIMEZONE");
    expect(stderr.text).not.toMatch(/\n\s+at /);
  });
});
