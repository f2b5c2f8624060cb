/**
 * The CMIO dashboard in headless Chromium, on the real server and embedded store: the charts draw
 * (Vega-Lite from this server), filters change the numbers, clicking a heatmap cell or a week bar
 * lists exactly those reports, a report opens its history, the CSV export matches what the page
 * shows, small cells read "<3" on the page and in the chart, and hostile report text stays text.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import type restify from "restify";
import { createEmbeddedStore } from "../../src/adapters/store/embedded/embedded-store";
import { parseCsv } from "../../src/app/digest/export-reports";
import { defaultCatalogue } from "../../src/config/catalogue";
import type { DashboardView } from "../../src/domain/dashboard/dashboard-view";
import { createDashboardRoutes } from "../../src/http/dashboard-routes";
import { closeServer, createHttpServer, listen } from "../../src/http/server";
import { silentLogger } from "../../src/ports/logger";
import type { Store } from "../../src/ports/store";
import { DASHBOARD_NOW, HOSTILE_TEXT, dashboardReports } from "../fixtures/dashboard-reports";
import { describeWithChromium, launchChromium } from "../support/chromium";

const ARTIFACTS = path.resolve(__dirname, "../../test-artifacts");
jest.setTimeout(90_000);

describeWithChromium("CMIO dashboard in a browser", () => {
  let browser: Browser;
  let server: restify.Server;
  let store: Store;
  let url: string;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    store = createEmbeddedStore({ dataDir: ":memory:", logger: silentLogger });
    await store.init();
    await store.reports.insertMany(dashboardReports());
    server = createHttpServer({
      logger: silentLogger,
      modules: [
        createDashboardRoutes({
          reports: store.reports,
          catalogue: defaultCatalogue(),
          timeZone: "Europe/Berlin",
          clock: { now: () => new Date(DASHBOARD_NOW) },
          logger: silentLogger,
        }),
      ],
    });
    ({ url } = await listen(server, 0, "127.0.0.1"));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on("pageerror", (err) => pageErrors.push(err.message));
    page.on("console", (msg) => {
      if (msg.type() === "error") pageErrors.push(msg.text());
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (server) await closeServer(server);
    await store?.close();
  });

  /** Waits until the page has drawn the answer to the current filters and drill-down. */
  async function settled(): Promise<void> {
    await page.waitForSelector("body[data-loaded]", { timeout: 30_000 });
  }
  const text = (selector: string) => page.locator(selector).innerText();
  const tableRows = (id: string) =>
    page.$$eval(`#${id} tbody tr`, (rows) =>
      rows.map((r) => Array.from(r.querySelectorAll("td")).map((td) => td.textContent ?? "")),
    );
  const listedIds = () => page.$$eval("#reports > li", (items) => items.map((li) => li.getAttribute("data-report")));
  async function api(query: string): Promise<DashboardView> {
    return (await (await fetch(`${url}/dashboard/api/summary?${query}`)).json()) as DashboardView;
  }

  it("draws the charts and shows small cells as <3 in the table and in the heatmap", async () => {
    await page.goto(`${url}/dashboard`);
    await settled();
    expect(await text("#kpi-reports")).toBe("22");
    expect(await page.inputValue("#from")).toBe("2026-W37");
    for (const chart of ["trend", "heatmap", "times", "themes"])
      expect(await page.locator(`#${chart}-chart svg`).count()).toBe(1);
    const hotspots = await tableRows("hotspot-table");
    expect(hotspots).toContainEqual(["ICU", expect.any(String), "<3"]);
    expect(hotspots).toContainEqual(["Oncology", "All systems", "<3"]);
    expect(hotspots).toContainEqual(["ICU", "All systems", "≥8"]);
    const heatmapTexts = await page.$$eval("#heatmap-chart svg text", (nodes) => nodes.map((n) => n.textContent));
    expect(heatmapTexts).toContain("<3");
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, "dashboard.png"), fullPage: true });
  });

  it("filters change the numbers and redraw the charts", async () => {
    const before = await page.locator("#trend-chart").innerHTML();
    await page.selectOption("#system", "ehr");
    await settled();
    expect(await text("#kpi-reports")).toBe("12");
    expect(await page.locator("#trend-chart").innerHTML()).not.toBe(before);
    await page.selectOption("#unit", "ED");
    await settled();
    expect(await text("#kpi-reports")).toBe((await api("system=ehr&unit=ED")).totals.reports.shown);
    expect((await tableRows("trend-table")).flat()).toContain("<3");
    await page.selectOption("#unit", "");
    await page.selectOption("#system", "");
    await page.selectOption("#safety", "true");
    await settled();
    expect(await text("#kpi-reports")).toBe("4");
    await page.selectOption("#safety", "");
    await settled();
    expect(await text("#kpi-reports")).toBe("22");
  });

  it("clicking a heatmap cell lists exactly its reports, and a report opens its history", async () => {
    const view = await api("");
    const cell = view.hotspots.cells.find((c) => c.unit === "ED" && c.system === "printer")!;
    await page.locator(`#heatmap-chart svg [aria-label="ED × ${cell.systemLabel}: 4"]`).first().click({ force: true }); // the label on top passes the click to the chart
    await page.waitForFunction(() => document.body.getAttribute("data-loaded")?.includes("drillUnit=ED"));
    const expected = (await api("drillUnit=ED&drillSystem=printer")).reports.items.map((r) => r.id);
    expect(expected).toHaveLength(4);
    expect(await listedIds()).toEqual(expected);
    expect(await text("#reports-title")).toContain(`ED · ${cell.systemLabel}`);
    const first = page.locator("#reports > li").first();
    await expect(first.locator("ol.history").isVisible()).resolves.toBe(false);
    await first.locator("button.history-button").click();
    await expect(first.locator("ol.history").isVisible()).resolves.toBe(true);
    expect(await first.locator("ol.history").innerText()).toMatch(/reporter · reported/);
  });

  it("clicking a week bar lists that week's reports", async () => {
    await page.locator("#clear-drill").click();
    await settled();
    const view = await api("");
    const week = view.trend.find((w) => (w.reports.value ?? 0) >= 3)!;
    await page
      .locator(`#trend-chart svg [aria-label="${week.week}: ${week.reports.shown} reports"]`)
      .first()
      .click({ force: true }); // the label on top passes the click to the chart
    await page.waitForFunction((w) => document.body.getAttribute("data-loaded")?.includes(`drillWeek=${w}`), week.week);
    const expected = (await api(`drillWeek=${week.week}`)).reports.items.map((r) => r.id);
    expect(expected).toHaveLength(week.reports.value!);
    expect(await listedIds()).toEqual(expected);
  });

  it('the CSV export matches what the page shows, "<3" included', async () => {
    await page.selectOption("#unit", "ICU");
    await settled();
    const href = await page.getAttribute("#export", "href");
    expect(href).toMatch(/^\/dashboard\/api\/export\.csv\?.*unit=ICU/);
    const csv = await page.evaluate(async (h) => (await fetch(h!)).text(), href);
    const rows = parseCsv(csv.replace(/^\uFEFF/, ""));
    const section = (title: string) => {
      const at = rows.findIndex((r) => r[0]?.startsWith(title));
      const out: string[][] = [];
      for (let i = at + 2; i < rows.length && rows[i]!.some((c) => c !== ""); i++) out.push(rows[i]!);
      return out;
    };
    expect(section("Trend by ISO week")).toEqual(await tableRows("trend-table"));
    expect(section("Top themes")).toEqual(await tableRows("themes-table"));
    const pageCells = (await tableRows("hotspot-table")).filter((r) => r[0] !== "All units" && r[1] !== "All systems");
    expect(section("Hotspots: unit × system")).toEqual(pageCells);
    expect(section("Totals")[0]).toEqual(["reports", await text("#kpi-reports")]);
    expect(section("Reports").map((r) => r[0])).toEqual(await listedIds());
    expect(section("Trend by ISO week").flat()).toContain("<3");
  });

  it("shows hostile report text as text: no element is made from it, no script runs", async () => {
    await page.selectOption("#kind", "usability");
    await settled();
    const texts = await page.$$eval(".report-text", (nodes) => nodes.map((n) => n.textContent));
    expect(texts).toContain(HOSTILE_TEXT);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator("#reports img, #reports script").count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
