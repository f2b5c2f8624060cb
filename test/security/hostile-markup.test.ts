/**
 * Text typed by a reporter is never a live link, mention or image on any triage or digest surface.
 * One hostile string goes through each real renderer: Slack triage cards (Block Kit), Teams (and
 * web chat) Adaptive Cards, the web chat's Direct Line view of other people's messages, and the
 * CMIO digest (text, Adaptive Card, Block Kit). Markdown surfaces are checked with markdown-it with
 * linkify on (the processor Web Chat uses): the output must hold no <a>, <img> or mention.
 */
// markdown-it ships no types; it is what Web Chat renders Markdown with.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require("markdown-it") as new (o: object) => { render(s: string): string };
import type restify from "restify";
import { renderBlocks } from "../../src/adapters/channels/slack/render-blocks";
import { renderCard } from "../../src/adapters/channels/teams/render-card";
import { createWebChat } from "../../src/adapters/channels/webchat";
import { renderDigestCard } from "../../src/adapters/digest/adaptive-card";
import { renderDigestBlocks } from "../../src/adapters/digest/block-kit";
import { renderDigestText } from "../../src/adapters/digest/text";
import { alertCard, triageCard } from "../../src/app/triage/triage-cards";
import { computeDigest } from "../../src/domain/digest";
import { digestWindowForWeek } from "../../src/domain/iso-week";
import type { BotMessage } from "../../src/domain/message";
import { closeServer, createHttpServer, listen } from "../../src/http/server";
import { silentLogger } from "../../src/ports/logger";
import { buildClassifiedReport } from "../fixtures/build-report";
import { sampleCatalogue } from "../fixtures/sample-digest";
import { createFakeCore } from "../fakes/fake-core";
import { createMemoryConversationStore } from "../fakes/fake-core-teams";
import { mrnRedactor } from "../support/intake-harness";

const HOSTILE =
  "Epic down <https://evil.example|click> [x](https://evil) ![i](https://evil/p.png) <!channel> @here <@U123> www.evil.example <at>All</at>";

/** Slack: any raw `<` opens a control sequence (link, mention, broadcast); bare URLs and @here are live without verbatim. */
const SLACK_LIVE = [/</, /https?:\/\//, /www\./, /[@＠](here|channel|everyone)\b/];
/** Markdown surfaces (Teams, web chat, digest text): mentions and bare URLs; links and images are checked by rendering. */
const MARKDOWN_LIVE = [/<at>/i, /https?:\/\//, /www\./];

function expectInert(strings: readonly string[], live: readonly RegExp[]): void {
  expect(strings.length).toBeGreaterThan(0);
  for (const s of strings) for (const pattern of live) expect({ s, live: pattern.test(s) }).toEqual({ s, live: false });
}

const markdown = new MarkdownIt({ html: false, linkify: true });
function expectNoLiveMarkdown(strings: readonly string[]): void {
  for (const s of strings) {
    const html = markdown.render(s);
    expect({ s, html, live: /<a |<img /.test(html) }).toEqual({ s, html, live: false });
  }
}

/** Every string value in a JSON tree, with the objects holding them. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === "object") for (const v of Object.values(value)) strings(v, out);
  return out;
}
function objects(value: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) for (const v of value) objects(v, out);
  else if (value && typeof value === "object") {
    out.push(value as Record<string, unknown>);
    for (const v of Object.values(value)) objects(v, out);
  }
  return out;
}

const report = buildClassifiedReport({ text: HOSTILE, reporterName: `Sam ${HOSTILE}` } as never, {
  summary: HOSTILE,
  location: `4 West ${HOSTILE}`,
  patientSafety: true,
  severity: "critical",
});
const cards: [string, BotMessage][] = [
  ["triage card", triageCard(report, 2)],
  ["alert card", alertCard(report, report.id)],
];

describe.each(cards)("%s", (_name, message) => {
  it("Slack: every mrkdwn object verbatim, no live link/mention/broadcast in any text", () => {
    const { text, blocks } = renderBlocks(message);
    const mrkdwn = objects(blocks).filter((o) => o["type"] === "mrkdwn");
    expect(mrkdwn.length).toBeGreaterThan(0);
    for (const o of mrkdwn) expect(o["verbatim"]).toBe(true);
    const texts = [text, ...objects(blocks).flatMap((o) => (typeof o["text"] === "string" ? [o["text"]] : []))];
    expect(texts.join("\n")).toContain("Epic down");
    expectInert(texts, SLACK_LIVE);
  });

  it("Teams and web chat Adaptive Card: text blocks and facts render no link, image or mention", () => {
    const card = renderCard(message);
    const texts = objects(card).flatMap((o) =>
      o["type"] === "TextBlock" ? [String(o["text"])] : "value" in o && "title" in o ? [String(o["value"])] : [],
    );
    expect(texts.join("\n")).toContain("Epic down");
    expectInert(texts, MARKDOWN_LIVE);
    expectNoLiveMarkdown(texts);
  });
});

describe("the CMIO digest of a week with a hostile report", () => {
  const window = digestWindowForWeek("2025-W10", "UTC");
  const reports = [
    buildClassifiedReport(
      { createdAt: new Date(window.from.getTime() + 3_600_000) },
      { summary: HOSTILE, location: `4 West ${HOSTILE}`, patientSafety: true },
    ),
  ];
  const digest = {
    ...computeDigest({
      window,
      reports,
      previousCount: 0,
      openHighCritical: reports,
      resolvedInWindow: [],
      trend: [],
      catalogue: sampleCatalogue(),
      generatedAt: window.to,
    }),
    narrative: [HOSTILE],
    narrativeSource: "llm" as const,
  };

  it("Markdown text: no link or image once rendered", () => {
    const text = renderDigestText(digest);
    expect(text).toContain("Epic down");
    expectNoLiveMarkdown([text]);
    expectInert(
      text.split("\n").filter((l) => l.includes("Epic down")),
      MARKDOWN_LIVE,
    );
  });

  it("Adaptive Card and Block Kit: inert", () => {
    const card = renderDigestCard(digest, { chartUrl: null });
    const cardTexts = strings(card).filter((s) => s.includes("Epic down"));
    expectInert(cardTexts, MARKDOWN_LIVE);
    expectNoLiveMarkdown(cardTexts);
    const { blocks } = renderDigestBlocks(digest, { chartUrl: null });
    for (const o of objects(blocks).filter((o) => o["type"] === "mrkdwn")) expect(o["verbatim"]).toBe(true);
    expectInert(
      strings(blocks).filter((s) => s.includes("Epic down")),
      SLACK_LIVE,
    );
  });
});

describe("web chat: another person's message in a shared room", () => {
  let server: restify.Server;
  let url: string;
  beforeAll(async () => {
    const webchat = createWebChat({
      core: createFakeCore(),
      conversations: createMemoryConversationStore(),
      clock: { now: () => new Date() },
      logger: silentLogger,
      redactor: mrnRedactor,
    });
    server = createHttpServer({ logger: silentLogger, modules: [webchat.routes] });
    ({ url } = await listen(server, 0, "127.0.0.1"));
  });
  afterAll(async () => {
    await closeServer(server);
  });

  const post = async (path: string, body: unknown, token?: string) =>
    fetch(`${url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  const join = async (id: string, name: string) =>
    (await (await post("/v3/directline/tokens/generate", { user: { id, name }, room: "triage" })).json()) as {
      token: string;
      conversationId: string;
    };

  it("is plain text, headed by the author's name, never shown as the viewer's own; attachments are dropped", async () => {
    const mallory = await join("dl_mallory", "Mallory");
    const dana = await join("dl_dana", "Dana (IT)");
    const sent = await post(
      `/v3/directline/conversations/triage/activities`,
      {
        type: "message",
        text: HOSTILE,
        textFormat: "markdown",
        attachments: [
          { contentType: "application/vnd.microsoft.card.hero", content: { images: [{ url: "https://evil/p.png" }] } },
        ],
        suggestedActions: { actions: [{ type: "openUrl", value: "https://evil" }] },
      },
      mallory.token,
    );
    expect(sent.status).toBe(200);
    const res = await fetch(`${url}/v3/directline/conversations/triage/activities`, {
      headers: { authorization: `Bearer ${dana.token}` },
    });
    const seen = ((await res.json()) as { activities: Record<string, unknown>[] }).activities;
    const hers = seen.filter((a) => (a["from"] as { id?: string }).id === "dl_mallory");
    expect(hers).toHaveLength(1);
    expect(hers[0]).toMatchObject({
      text: `Mallory: ${HOSTILE}`,
      textFormat: "plain",
      from: { id: "dl_mallory", name: "Mallory", role: "channel" },
    });
    expect(hers[0]).not.toHaveProperty("attachments");
    expect(hers[0]).not.toHaveProperty("suggestedActions");
    // Mallory sees her own message as hers ("Me"), in plain text too.
    const own = await fetch(`${url}/v3/directline/conversations/triage/activities`, {
      headers: { authorization: `Bearer ${mallory.token}` },
    });
    const mine = ((await own.json()) as { activities: Record<string, unknown>[] }).activities.filter(
      (a) => (a["from"] as { id?: string }).id === "dl_mallory",
    );
    expect(mine[0]).toMatchObject({ text: HOSTILE, textFormat: "plain", from: { role: "user" } });
  });
});
