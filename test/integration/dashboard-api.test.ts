/**
 * The dashboard's JSON API and CSV export on the real restify server and the embedded store:
 * filters change the figures, small cells show "<3" and cannot be recovered from the totals beside
 * them, drill-down lists the right reports with their history, the CSV is the view, bad queries
 * get a 400 in plain words, a failing store an apology with an error id, and access is refused in
 * plain words to clients that are not on this machine or not signed in.
 */
import { createEmbeddedStore } from "../../src/adapters/store/embedded/embedded-store";
import { parseCsv } from "../../src/app/digest/export-reports";
import { defaultCatalogue } from "../../src/config/catalogue";
import type { DashboardView } from "../../src/domain/dashboard/dashboard-view";
import { createDashboardRoutes, type DashboardRoutesOptions } from "../../src/http/dashboard-routes";
import { closeServer, createHttpServer, listen } from "../../src/http/server";
import { silentLogger } from "../../src/ports/logger";
import type { ReportStore } from "../../src/ports/report-store";
import type { Store } from "../../src/ports/store";
import { DASHBOARD_NOW, HOSTILE_TEXT, dashboardReports } from "../fixtures/dashboard-reports";

let store: Store;
const servers: ReturnType<typeof createHttpServer>[] = [];

async function serve(extra: Partial<DashboardRoutesOptions> = {}, reports?: ReportStore): Promise<string> {
  const server = createHttpServer({
    logger: silentLogger,
    modules: [
      createDashboardRoutes({
        reports: reports ?? store.reports,
        catalogue: defaultCatalogue(),
        timeZone: "Europe/Berlin",
        clock: { now: () => new Date(DASHBOARD_NOW) },
        logger: silentLogger,
        ...extra,
      }),
    ],
  });
  servers.push(server);
  return (await listen(server, 0, "127.0.0.1")).url;
}

let base: string;
beforeAll(async () => {
  store = createEmbeddedStore({ dataDir: ":memory:", logger: silentLogger });
  await store.init();
  await store.reports.insertMany(dashboardReports());
  base = await serve();
});
afterAll(async () => {
  for (const s of servers) await closeServer(s);
  await store.close();
});

async function summary(query = ""): Promise<DashboardView> {
  const res = await fetch(`${base}/dashboard/api/summary${query ? `?${query}` : ""}`);
  expect(res.status).toBe(200);
  return (await res.json()) as DashboardView;
}

const cell = (v: DashboardView, unit: string, system: string) =>
  v.hotspots.cells.find((c) => c.unit === unit && c.system === system)?.reports;

describe("dashboard API", () => {
  it("defaults to the 12 weeks ending this week and counts every report in them", async () => {
    const v = await summary();
    expect(v.range).toEqual({ from: "2026-W37", to: "2026-W48", timeZone: "Europe/Berlin", weeks: 12 });
    expect(v.trend.map((w) => w.week)).toHaveLength(12);
    expect(v.totals.reports).toEqual({ value: 22, shown: "22" });
    expect(v.trend.reduce((s, w) => s + (w.reports.value ?? 0), 0)).toBe(22);
    expect(v.totals.safety.value).toBe(4);
    expect(v.options.units).toEqual(["ED", "ICU", "Oncology"]);
    expect(v.themes[0]).toEqual({ theme: "freeze", reports: { value: 12, shown: "12" } });
    expect(v.themes.map((t) => t.theme)).not.toContain("patient-safety");
    expect(v.times.acknowledge.reports.value).toBeGreaterThan(0);
    expect(v.times.acknowledge.medianHours).not.toBeNull();
    expect(v.times.resolve.p90Hours! >= v.times.resolve.medianHours!).toBe(true);
  });

  it("filters change the numbers (unit, system, kind, severity, safety, weeks)", async () => {
    const ed = await summary("unit=ED");
    expect(ed.reports.matching).toBe(9);
    expect(ed.totals.reports.shown).toMatch(/^≥[1-8]$/); // beside weeks of "<3": a bound, not 9
    expect((await summary("system=ehr")).totals.reports.value).toBe(12);
    expect((await summary("kind=usability")).totals.reports.value).toBe(3);
    expect((await summary("severity=critical")).totals.reports.value).toBe(5);
    expect((await summary("safety=true")).totals.reports.value).toBe(4);
    expect((await summary("from=2026-W20&to=2026-W48")).totals.reports.value).toBe(23);
    const one = await summary("from=2026-W41&to=2026-W41");
    expect(one.trend).toHaveLength(1);
    expect(one.totals.reports.value).toBeLessThan(22);
  });

  it('shows "<3" for small cells where a unit is named, and no total beside them gives them back', async () => {
    const v = await summary();
    expect(cell(v, "ICU", "bcma")).toEqual({ value: null, shown: "<3", withheld: "small" });
    expect(cell(v, "Oncology", "infusion_pump")?.shown).toBe("<3");
    expect(cell(v, "ICU", "ehr")).toEqual({ value: 7, shown: "7" });
    const unit = (u: string) => v.hotspots.units.find((x) => x.unit === u)?.reports;
    const system = (s: string) => v.hotspots.systems.find((x) => x.system === s)?.reports;
    expect(unit("ICU")).toMatchObject({ value: null, shown: "≥8", withheld: "bound" });
    expect(unit("ED")).toEqual({ value: 9, shown: "9" });
    expect(unit("Oncology")?.shown).toBe("<3");
    expect(system("ehr")).toEqual({ value: 12, shown: "12" });
    expect(system("bcma")?.value).toBeNull();
    expect(v.hotspots.total.value).toBeNull();
    // The rule, everywhere: a line holding a suppressed cell never prints its total exactly.
    for (const u of v.hotspots.units) {
      const line = v.hotspots.cells.filter((c) => c.unit === u.unit);
      if (line.some((c) => c.reports.withheld)) expect(u.reports.value).toBeNull();
    }
    for (const s of v.hotspots.systems) {
      const line = v.hotspots.cells.filter((c) => c.system === s.system);
      if (line.some((c) => c.reports.withheld)) expect(s.reports.value).toBeNull();
    }
    // No exact 1 or 2 anywhere a unit is named.
    for (const c of v.hotspots.cells) expect([1, 2]).not.toContain(c.reports.value);
  });

  it("with a unit filter every figure names the unit: weeks, totals, themes and timings are suppressed too", async () => {
    const v = await summary("unit=ICU");
    expect(v.suppression.unitNamed).toBe(true);
    for (const w of v.trend) {
      expect([1, 2]).not.toContain(w.reports.value);
      expect([1, 2]).not.toContain(w.safety.value);
    }
    expect(v.trend.some((w) => w.reports.shown === "<3")).toBe(true);
    // 9 ICU reports, spread thin over the weeks: the total beside suppressed weeks is a bound.
    expect(v.totals.reports.value).toBeNull();
    expect(v.totals.reports.shown).toMatch(/^≥\d+$/);
    expect(v.totals.safety.shown).toBe("<3");
    const onc = await summary("unit=Oncology");
    expect(onc.totals.reports.shown).toBe("<3");
    expect(onc.times.acknowledge).toEqual({
      reports: expect.objectContaining({ shown: "<3" }),
      medianHours: null,
      p90Hours: null,
    });
    // Hospital-wide (no unit named), a week of 1 or 2 is shown as it is.
    expect((await summary()).trend.some((w) => w.reports.value === 1 || w.reports.value === 2)).toBe(true);
  });

  it("drills down to exactly the reports of a cell, a week or a theme, each with its history", async () => {
    const cellList = await summary("drillUnit=ED&drillSystem=printer");
    expect(cellList.reports.matching).toBe(4);
    expect(cellList.reports.items.every((r) => r.unit === "ED" && r.system === "printer")).toBe(true);
    expect(cellList.totals.reports.value).toBe(22); // the figures stay; only the list narrows
    const resolved = cellList.reports.items.find((r) => r.status === "resolved");
    expect(resolved?.history.map((h) => h.by)).toEqual(["reporter", "IT", "IT"]);
    expect(resolved?.history.at(-1)).toMatchObject({ to: "resolved", note: expect.stringMatching(/^Fixed printer/) });
    expect(JSON.stringify(cellList.reports.items)).not.toMatch(/nurse-|U0IT/); // people are not named

    const v = await summary();
    const week = v.trend.find((w) => (w.reports.value ?? 0) >= 3)!;
    const weekList = await summary(`drillWeek=${week.week}`);
    expect(weekList.reports.matching).toBe(week.reports.value);
    expect(weekList.reports.items.every((r) => r.week === week.week)).toBe(true);

    const theme = await summary("drillTheme=labels");
    expect(theme.reports.items.map((r) => r.system)).toEqual(["printer", "printer", "printer", "printer"]);
    // newest first
    const times = theme.reports.items.map((r) => Date.parse(r.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it("returns reporter text as plain text, exactly as stored (the page and the CSV escape it)", async () => {
    const v = await summary("drillUnit=ICU&drillSystem=ehr&kind=usability");
    expect(v.reports.items.map((r) => r.text)).toEqual([HOSTILE_TEXT]);
  });

  it("exports exactly what the view shows as CSV, with the same suppressed cells", async () => {
    const query = "unit=ICU&drillSystem=ehr";
    const v = await summary(query);
    const res = await fetch(`${base}/dashboard/api/export.csv?${query}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="dashboard-2026-W37-2026-W48\.csv"/);
    const rows = parseCsv((await res.text()).replace(/^\uFEFF/, ""));
    const section = (title: string) => {
      const at = rows.findIndex((r) => r[0]?.startsWith(title));
      expect(at).toBeGreaterThanOrEqual(0);
      const out: string[][] = [];
      for (let i = at + 2; i < rows.length && rows[i]!.some((c) => c !== ""); i++) out.push(rows[i]!);
      return out;
    };
    expect(section("Trend by ISO week")).toEqual(v.trend.map((w) => [w.week, w.reports.shown, w.safety.shown]));
    expect(section("Hotspots: unit × system")).toEqual(
      v.hotspots.cells.map((c) => [c.unit, c.systemLabel, c.reports.shown]),
    );
    expect(section("Top themes")).toEqual(v.themes.map((t) => [t.theme, t.reports.shown]));
    expect(section("Totals")).toEqual([
      ["reports", v.totals.reports.shown],
      ["patient safety", v.totals.safety.shown],
      ["open", v.totals.open.shown],
    ]);
    const listed = section("Reports (system ehr");
    expect(listed.map((r) => r[0])).toEqual(v.reports.items.map((r) => r.id));
    // The hostile text is one cell, kept as text.
    expect(listed.some((r) => r.at(-1) === HOSTILE_TEXT)).toBe(true);
    expect(section("Trend by ISO week").flat()).toContain("<3");
  });

  it("answers a bad query with 400 in plain words", async () => {
    const bad = async (q: string) => {
      const res = await fetch(`${base}/dashboard/api/summary?${q}`);
      expect(res.status).toBe(400);
      return ((await res.json()) as { error: { code: string; message: string } }).error;
    };
    expect((await bad("from=2026-W60")).message).toMatch(/from: /);
    expect((await bad("from=last+week")).message).toMatch(/ISO week such as 2026-W30/);
    expect((await bad("kind=whatever")).code).toBe("BAD_REQUEST");
    expect((await bad("safety=maybe")).message).toMatch(/safety/);
    expect((await bad("colour=red")).message).toMatch(/unknown parameter\(s\): colour/);
    expect((await bad("from=2026-W48&to=2026-W40")).message).toMatch(/starts \(2026-W48\) after it ends \(2026-W40\)/);
    expect((await bad("from=2020-W01&to=2026-W48")).message).toMatch(/longer than 106 weeks/);
    expect((await bad(`unit=${"x".repeat(101)}`)).message).toMatch(/longer than 100/);
  });

  it("a failing store gets an apology with an error id, never a stack trace", async () => {
    const failing = Object.create(store.reports) as ReportStore;
    failing.findFacts = () => Promise.reject(new Error("disk I/O error at /secret/path"));
    const url = await serve({}, failing);
    const res = await fetch(`${url}/dashboard/api/summary`);
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { message: string; errorId: string } };
    expect(body.error.message).toMatch(/^Sorry, the dashboard could not be loaded\. Quote E-[0-9a-f]{8} to IT\.$/);
    expect(JSON.stringify(body)).not.toMatch(/secret|disk|at /);
  });
});

describe("dashboard access", () => {
  it("serves the page, its script and the Vega bundles from this server to a loopback client", async () => {
    const page = await fetch(`${base}/dashboard`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toMatch(/script-src 'self' 'unsafe-eval'/);
    expect(await page.text()).toContain("/dashboard/vendor/vega-lite.min.js");
    for (const path of [
      "/dashboard/dashboard.js",
      "/dashboard/vendor/vega.min.js",
      "/dashboard/vendor/vega-lite.min.js",
    ]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/javascript/);
    }
  });

  it("refuses clients that are not on this machine with a 403 in plain words (no sign-in configured)", async () => {
    const url = await serve({ isLocal: () => false });
    for (const path of [
      "/dashboard",
      "/dashboard/api/summary",
      "/dashboard/api/export.csv",
      "/dashboard/vendor/vega.min.js",
    ]) {
      const res = await fetch(`${url}${path}`);
      expect(res.status).toBe(403);
      expect(await res.text()).toMatch(/only available on this machine \(127\.0\.0\.1\) until sign-in is set up/);
    }
  });

  it("with sign-in: 401 and a sign-in link until signed in, 403 without triage rights, 200 when allowed", async () => {
    let verdict: "allowed" | "signed-out" | "not-allowed" = "signed-out";
    const url = await serve({ isLocal: () => true, signIn: { check: () => verdict, loginPath: "/auth/login" } });
    const page = await fetch(`${url}/dashboard`);
    expect(page.status).toBe(401);
    expect(await page.text()).toContain('<a href="/auth/login">Sign in</a>');
    expect((await fetch(`${url}/dashboard/api/summary`)).status).toBe(401);
    verdict = "not-allowed";
    const refused = await fetch(`${url}/dashboard/api/export.csv`);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toMatch(/signed in, but the dashboard is for IT/);
    verdict = "allowed";
    expect((await fetch(`${url}/dashboard/api/summary`)).status).toBe(200);
  });
});
