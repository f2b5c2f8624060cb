/**
 * The digest HTTP routes on the real restify server: the chart PNG at its stable URL (rendered once
 * per finished week, then served from memory), latest.json for the demo page, and bad periods.
 */
import { renderDigestChart } from "../../src/adapters/digest/chart";
import { createEmbeddedStore } from "../../src/adapters/store/embedded/embedded-store";
import { defaultCatalogue } from "../../src/config/catalogue";
import { createDigestRoutes } from "../../src/http/digest-routes";
import { closeServer, createHttpServer, listen } from "../../src/http/server";
import { silentLogger } from "../../src/ports/logger";
import type { ReportQuery, ReportStore } from "../../src/ports/report-store";
import type { Store } from "../../src/ports/store";
import { buildClassifiedReport } from "../fixtures/build-report";

const NOW = new Date("2026-11-25T10:00:00Z");
let store: Store;
let server: ReturnType<typeof createHttpServer>;
let baseUrl: string;
const finds: ReportQuery[] = [];

beforeAll(async () => {
  store = createEmbeddedStore({ dataDir: ":memory:", logger: silentLogger });
  await store.init();
  for (let i = 0; i < 30; i++)
    await store.reports.insert(
      buildClassifiedReport(
        { seq: i + 1, createdAt: new Date(Date.UTC(2026, 10, 16 + (i % 7), 9 + (i % 8))) },
        { system: i % 3 === 0 ? "bcma" : "printer", kind: i % 2 ? "disruption" : "training_need" },
      ),
    );
  // The real store, with its find() and findSummaries() calls recorded (to see the cache at work).
  const counted = Object.create(store.reports) as ReportStore;
  counted.find = (q: ReportQuery) => {
    finds.push(q);
    return store.reports.find(q);
  };
  counted.findSummaries = (q: ReportQuery) => {
    finds.push(q);
    return store.reports.findSummaries(q);
  };
  server = createHttpServer({
    logger: silentLogger,
    modules: [
      createDigestRoutes({
        renderChart: renderDigestChart,
        reports: counted,
        catalogue: defaultCatalogue(),
        narrator: null,
        logger: silentLogger,
        timeZone: "Europe/Berlin",
        publicBaseUrl: "https://feedback.example.org",
        clock: { now: () => new Date(NOW) },
      }),
    ],
  });
  baseUrl = (await listen(server, 0, "127.0.0.1")).url;
});

afterAll(async () => {
  await closeServer(server);
  await store.close();
});

describe("digest routes", () => {
  it("serves the chart as a PNG at /digest/<period>/chart.png and caches a finished week", async () => {
    const first = await fetch(`${baseUrl}/digest/2026-W47/chart.png`);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("image/png");
    const png = Buffer.from(await first.arrayBuffer());
    expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
    const queries = finds.length;
    expect(queries).toBeGreaterThan(0);
    const again = await fetch(`${baseUrl}/digest/2026-W47/chart.png`);
    expect(Buffer.from(await again.arrayBuffer()).equals(png)).toBe(true);
    expect(finds.length).toBe(queries); // served from memory
    expect(again.headers.get("cache-control")).toContain("max-age");
  });

  it("answers latest.json with the last complete week's card and text", async () => {
    const res = await fetch(`${baseUrl}/digest/latest.json`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { period: string; chartUrl: string; card: { type: string }; text: string };
    expect(body.period).toBe("2026-W47");
    expect(body.chartUrl).toBe("https://feedback.example.org/digest/2026-W47/chart.png");
    expect(body.card.type).toBe("AdaptiveCard");
    expect(body.text).toContain("30 reports");
  });

  it("shows reports added to a finished week on the next request (seed-demo into a running demo)", async () => {
    const before = (await (await fetch(`${baseUrl}/digest/latest.json`)).json()) as { version: string; text: string };
    const chartBefore = Buffer.from(await (await fetch(`${baseUrl}/digest/2026-W47/chart.png`)).arrayBuffer());
    for (let i = 0; i < 12; i++)
      await store.reports.insert(
        buildClassifiedReport(
          { seq: 100 + i, createdAt: new Date(Date.UTC(2026, 10, 17, 9, i)) },
          { system: "ehr", kind: "disruption", patientSafety: true },
        ),
      );
    const after = (await (await fetch(`${baseUrl}/digest/latest.json`)).json()) as { version: string; text: string };
    expect(after.version).not.toBe(before.version);
    expect(before.text).toContain("**30 reports**");
    expect(after.text).toContain("**42 reports**");
    const chartAfter = await fetch(`${baseUrl}/digest/2026-W47/chart.png?v=${encodeURIComponent(after.version)}`);
    expect(chartAfter.status).toBe(200);
    expect(Buffer.from(await chartAfter.arrayBuffer()).equals(chartBefore)).toBe(false);
  });

  it("rejects malformed and future periods", async () => {
    expect((await fetch(`${baseUrl}/digest/2026-47/chart.png`)).status).toBe(400);
    expect((await fetch(`${baseUrl}/digest/2026-W60/chart.png`)).status).toBe(400);
    expect((await fetch(`${baseUrl}/digest/2027-W10/chart.png`)).status).toBe(404);
  });
});
