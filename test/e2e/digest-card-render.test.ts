/**
 * Renders the digest Adaptive Card with Microsoft's `adaptivecards` renderer in headless Chromium
 * (Debian's /usr/bin/chromium; scripts/ensure-chromium.sh installs it), offline: the renderer,
 * markdown-it and the chart are served from node_modules and memory on 127.0.0.1.
 * Measures the card at Teams' default card width after a `seed-demo --weeks 12`-like quarter.
 * Saves test-artifacts/digest-card.png and digest-card-demo.png.
 */
import { mkdirSync, readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describeWithChromium, launchChromium } from "../support/chromium";
import { type Browser } from "playwright-core";
import { renderDigestCard } from "../../src/adapters/digest/adaptive-card";
import { renderDigestChart } from "../../src/adapters/digest/chart";
import { attentionText } from "../../src/adapters/digest/format";
import type { Digest } from "../../src/domain/digest";
import { sampleDigest } from "../fixtures/sample-digest";
import { demoDigest } from "../support/demo-digest";

const PAGE = `<!doctype html><html><head><meta charset="utf-8">
<style>body{margin:0;padding:16px;background:#f3f2f1;font-family:"Segoe UI","DejaVu Sans",sans-serif}
#card{width:var(--card-width,760px);background:#fff;border-radius:6px;box-shadow:0 1px 4px rgba(0,0,0,.15);overflow:hidden}</style>
<script src="/markdown-it.js"></script><script src="/adaptivecards.js"></script></head>
<body><div id="card"></div><script>
window.renderCard = async function (json, width) {
  if (width) document.documentElement.style.setProperty("--card-width", width + "px");
  const AC = window.AdaptiveCards;
  const md = window.markdownit();
  AC.AdaptiveCard.onProcessMarkdown = (text, result) => { result.outputHtml = md.render(text); result.didProcess = true; };
  const card = new AC.AdaptiveCard();
  card.hostConfig = new AC.HostConfig({
    fontFamily: "'Segoe UI', 'DejaVu Sans', sans-serif",
    containerStyles: {
      default: { backgroundColor: "#FFFFFF", foregroundColors: { default: { default: "#242424", subtle: "#616161" } } },
      emphasis: { backgroundColor: "#EBEFF7", foregroundColors: { default: { default: "#242424", subtle: "#424242" } } },
      attention: { backgroundColor: "#FDF3F4", foregroundColors: { default: { default: "#242424", subtle: "#616161" } } },
    },
  });
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const parseEvents = [];
  for (let i = 0; i < context.eventCount; i++) parseEvents.push(context.getEventAt(i).message);
  const validation = card.validateProperties();
  const validationEvents = validation.validationEvents.map((e) => e.message);
  const el = card.render();
  document.getElementById("card").appendChild(el);
  await Promise.all([...document.images].map((img) => img.complete ? null : new Promise((r) => { img.onload = r; img.onerror = r; })));
  return {
    parseEvents,
    validationEvents,
    images: [...document.images].map((i) => i.naturalWidth),
    height: Math.round(document.getElementById("card").getBoundingClientRect().height),
  };
};
</script></body></html>`;

interface RenderResult {
  parseEvents: string[];
  validationEvents: string[];
  images: number[];
  height: number;
}

/**
 * Teams shows a card at a fixed width unless it asks for full width; on desktop that is about 500 px
 * (Microsoft documents no number; narrower is the harder case for height).
 */
const TEAMS_CARD_WIDTH = 500;
const MAX_CARD_HEIGHT = 1000;

function serve(files: Record<string, { type: string; body: Buffer | string }>): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const file = files[req.url ?? ""];
    if (!file) {
      res.writeHead(404);
      res.end();
      return;
    }
    // restify (loaded by other tests in this worker) patches ServerResponse: writeHead does not return `this`.
    res.writeHead(200, { "content-type": file.type });
    res.end(file.body);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

describeWithChromium("digest Adaptive Card in the adaptivecards renderer (headless Chromium)", () => {
  let browser: Browser;
  let server: http.Server;
  let base: string;
  let digest: Digest;
  let demo: Digest;

  beforeAll(async () => {
    digest = await sampleDigest();
    demo = await demoDigest();
    server = await serve({
      "/": { type: "text/html; charset=utf-8", body: PAGE },
      "/adaptivecards.js": {
        type: "text/javascript",
        body: readFileSync(require.resolve("adaptivecards/dist/adaptivecards.min.js")),
      },
      "/markdown-it.js": {
        type: "text/javascript",
        body: readFileSync(require.resolve("markdown-it/dist/markdown-it.min.js")),
      },
      "/chart.png": { type: "image/png", body: await renderDigestChart(digest) },
      "/demo-chart.png": { type: "image/png", body: await renderDigestChart(demo) },
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  async function render(d: Digest, options: { width?: number; chart?: string } = {}) {
    const page = await browser.newPage({ viewport: { width: 800, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(`${base}/`);
    const card = renderDigestCard(d, { chartUrl: `${base}${options.chart ?? "/chart.png"}` });
    const result = await page.evaluate(
      ([json, width]) =>
        (window as unknown as { renderCard: (j: unknown, w?: number) => Promise<RenderResult> }).renderCard(
          json,
          width,
        ),
      [card, options.width] as const,
    );
    return { page, result };
  }

  const cardHeight = (page: import("playwright-core").Page) =>
    page.evaluate(() => Math.round(document.getElementById("card")?.getBoundingClientRect().height ?? 0));

  it("renders without parse or validation errors, with the key text and the chart, and saves a screenshot", async () => {
    const { page, result } = await render(digest);
    expect(result.parseEvents).toEqual([]);
    expect(result.validationEvents).toEqual([]);
    expect(result.images).toEqual([expect.any(Number)]);
    expect(result.images[0]).toBeGreaterThan(100);
    const text = await page.locator("#card").innerText();
    expect(text).toContain("Weekly IT feedback digest");
    expect(text).toContain(digest.period);
    expect(text).toContain("Needs your attention");
    expect(text).toContain(digest.patientSafety[0]?.id ?? "");
    // Skippable sections start hidden; their heading shows them.
    expect(text).not.toContain("Rising since last week");
    const collapsed = await cardHeight(page);
    await page.getByText("▸ Where", { exact: false }).click();
    const where = await page.locator("#card").innerText();
    const riser = digest.risers[0];
    expect(riser).toBeDefined();
    expect(where).toContain(
      `Rising since last week: ${riser?.label} ${riser?.count} (▲${(riser?.count ?? 0) - (riser?.previous ?? 0)} from ${riser?.previous})`,
    );
    const changed = digest.bySystem.find((e) => e.previous !== undefined && e.previous !== e.count);
    const delta = (changed?.count ?? 0) - (changed?.previous ?? 0);
    expect(where).toContain(`${changed?.label} ${changed?.count} (${delta > 0 ? "▲" : "▼"}${Math.abs(delta)})`);
    expect(await cardHeight(page)).toBeGreaterThan(collapsed);
    await page.getByText("▸ You said, we did", { exact: false }).click();
    expect(await page.locator("#card").innerText()).toContain(digest.youSaidWeDid[0]?.id ?? "");
    mkdirSync("test-artifacts", { recursive: true });
    await page.locator("#card").screenshot({ path: "test-artifacts/digest-card.png" });
    await page.close();
  }, 30_000);

  it("after seed-demo --weeks 12, the card at Teams' default width is under 1,000 px, chart readable", async () => {
    const { page, result } = await render(demo, { width: TEAMS_CARD_WIDTH, chart: "/demo-chart.png" });
    expect(result.validationEvents).toEqual([]);
    const text = await page.locator("#card").innerText();
    expect(demo.attention.length).toBeGreaterThanOrEqual(3);
    for (const a of demo.attention) expect(text).toContain(`${attentionText(a, (t) => t).lead}:`);
    // The chart is drawn at card width (not shrunk from a wider picture): it fills the card's column.
    const shown = await page.evaluate(() => document.querySelector("#card img")?.getBoundingClientRect().width ?? 0);
    expect(shown).toBeGreaterThan(TEAMS_CARD_WIDTH - 60);
    expect(result.images[0]).toBeLessThan(2 * TEAMS_CARD_WIDTH); // ≤ 2 device px per CSS px: text stays legible
    console.log(`digest card height at ${TEAMS_CARD_WIDTH} px: ${result.height} px (limit ${MAX_CARD_HEIGHT})`);
    mkdirSync("test-artifacts", { recursive: true });
    await page.locator("#card").screenshot({ path: "test-artifacts/digest-card-demo.png" });
    expect(result.height).toBeLessThanOrEqual(MAX_CARD_HEIGHT);
    await page.close();
  }, 30_000);

  it("hostile summaries render as inert text: no links, images or mentions", async () => {
    const hostile = "[click](http://evil.example) ![x](http://evil.example/p.png) <at>All</at> **bold** @channel";
    const first = digest.patientSafety[0];
    if (!first) throw new Error("sample has no patient-safety item");
    const d: Digest = { ...digest, patientSafety: [{ ...first, summary: hostile }] };
    const { page, result } = await render(d);
    expect(result.validationEvents).toEqual([]);
    expect(await page.locator("#card a").count()).toBe(0);
    expect(await page.locator("#card img").count()).toBe(1); // the chart only
    expect(await page.locator("#card strong", { hasText: "bold" }).count()).toBe(0);
    expect(await page.locator("#card").innerText()).toContain("click");
    await page.close();
  }, 30_000);
});
