/**
 * For the free-text entry point tests: the real core (intake + triage, the real regex redactor) on
 * an embedded store in a file, behind the real Slack, Teams and web chat channels on one restify
 * server on 127.0.0.1, with the fake Slack Web API and the fake Bot Connector, and a recording
 * logger. `leaks()` looks for the typed identifiers everywhere they could end up: every row of
 * every table of the database file (read with its own connection), every log line, every call the
 * bot made to Slack and Teams, every HTTP answer the bot gave them, and every activity a web chat
 * browser can fetch (private chats and rooms).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { createSlackChannel } from "../../src/adapters/channels/slack/create-slack-channel";
import { createTeamsChannel } from "../../src/adapters/channels/teams";
import { createWebChat } from "../../src/adapters/channels/webchat";
import { createRegexRedactor } from "../../src/adapters/redaction/regex-redactor";
import { createEmbeddedStore, EMBEDDED_DB_FILE } from "../../src/adapters/store/embedded/embedded-store";
import { createBotCore } from "../../src/app/intake/bot-core-service";
import { classifyClaimedReport } from "../../src/app/pipeline/classify-report";
import { redactFreeText } from "../../src/app/pipeline/redact-free-text";
import { DEFAULT_INTAKE_LIMITS, type IntakeDeps } from "../../src/app/intake/intake-deps";
import { createTriageService } from "../../src/app/triage/triage-service";
import { loadCatalogue } from "../../src/config/catalogue";
import { parseTriageConfig } from "../../src/config/triage-config";
import type { Report } from "../../src/domain/report";
import { closeServer, createHttpServer, listen } from "../../src/http/server";
import { dispatchOutboxOnce } from "../../src/jobs/outbox-dispatcher";
import type { Store } from "../../src/ports/store";
import { startFakeBotConnector, type FakeBotConnector, type Json } from "../fakes/fake-bot-connector";
import { startFakeSlackApi, type FakeSlackApi } from "../fakes/fake-slack-api";
import { ScriptedClassifier } from "../fakes/scripted-classifier";
import {
  dmEvent,
  eventEnvelope,
  formBody,
  interactionBody,
  jsonBody,
  mentionEvent,
  postSigned,
  slashCommand,
  type SlackBody,
} from "../fakes/slack-signing";
import { FakeClock } from "../support/intake-harness";
import { recordingLogger, type LogLine } from "../support/recording-logger";

/** What a clinician or a triager types into each entry point: a patient name and a record number. */
export const PHI = "pt John Miller MRN 4839201";
/** Each word of it that must survive nowhere. */
export const PHI_WORDS = ["John", "Miller", "4839201"];

const SIGNING_SECRET = "phi-paths-signing-secret";
const BOT_TOKEN = "xoxb-phi-paths";
export const SLACK_TRIAGE = "C0ITTRIAGE";
export const SLACK_TRIAGER = "UIT1";
export const SLACK_NURSE = "UNURSE1";
export const TEAMS_TRIAGE = "19:triage@thread.tacv2";
export const TEAMS_TRIAGER = { id: "29:it-lead", name: "Ivy Lead", aadObjectId: "aad-it-lead" };
export const TEAMS_NURSE = { id: "29:nurse-9", name: "Nia Nurse", aadObjectId: "aad-nurse-9" };
const BOT = { id: "28:bot", name: "IT Feedback" };

/** What the redactor makes of `typed`: the form each entry point must keep, show or send. */
export function shown(h: Pick<PhiHarness, "deps">, typed: string): string {
  return redactFreeText(h.deps.redactor, typed).text;
}

export interface ChatSession {
  token: string;
  conversationId: string;
}

export interface PhiHarness {
  store: Store;
  clock: FakeClock;
  api: FakeSlackApi;
  connector: FakeBotConnector;
  classifier: ScriptedClassifier;
  deps: IntakeDeps;
  lines: LogLine[];
  /** A signed Slack request (event, slash command or interaction); its answer body is kept for `leaks()`. */
  slack(content: SlackBody): Promise<Json>;
  slackDm(user: string, text: string): Promise<void>;
  slackMention(user: string, channel: string, text: string): Promise<void>;
  slackSlash(user: string, channel: string, text: string): Promise<Json>;
  slackInteraction(payload: unknown): Promise<Json>;
  /** A Teams activity (merged over a 1:1 message from the nurse); its answer body is kept too. */
  teams(overrides: Record<string, unknown>): Promise<Json>;
  /** A message in the Teams triage channel from the triager. */
  teamsTriage(overrides: Record<string, unknown>): Promise<Json>;
  chat(options: { user: string; room?: string; resume?: string }): Promise<ChatSession>;
  chatSay(session: ChatSession, activity: Record<string, unknown>): Promise<void>;
  chatActivities(session: ChatSession): Promise<Json[]>;
  /** Classifies every stored report waiting for it (as the worker does), then delivers the outbox. */
  settle(): Promise<void>;
  runOutbox(): Promise<void>;
  /** The newest report. */
  latest(): Promise<Report>;
  /** Where any of `words` was found (empty when nowhere). */
  leaks(words?: readonly string[]): Promise<string[]>;
  close(): Promise<void>;
}

let seq = 0;

export async function startPhiHarness(): Promise<PhiHarness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "phi-paths-"));
  const lines: LogLine[] = [];
  const logger = recordingLogger(lines);
  const store = createEmbeddedStore({ dataDir: dir, logger });
  await store.init();
  // Wall-clock start so the signed Slack requests are fresh.
  const clock = new FakeClock(new Date(Math.floor(Date.now() / 1000) * 1000));
  const catalogue = loadCatalogue();
  const redactor = createRegexRedactor(catalogue);
  const config = parseTriageConfig({
    routes: [
      { system: "ehr", destination: `teams:${TEAMS_TRIAGE}` },
      { system: "printer", destination: "webchat:triage" },
    ],
    defaultDestination: `slack:${SLACK_TRIAGE}`,
    alerts: [],
    triagers: {
      slack: { userIds: [SLACK_TRIAGER] },
      teams: { userIds: [TEAMS_TRIAGER.aadObjectId] },
      webchat: { userIds: [], allowAll: true },
    },
  });
  const classifier = new ScriptedClassifier({
    isReport: true,
    kind: "disruption",
    system: "bcma",
    severity: "medium",
    patientSafety: false,
    location: "4 West",
    summary: "Scanner problem reported",
    tags: [],
    missing: [],
  });
  const triage = createTriageService({ store, config, clock, logger, catalogue, redactor });
  const deps: IntakeDeps = {
    store,
    redactor,
    gate: new ScriptedClassifier(),
    classifier,
    triage,
    catalogue,
    clock,
    logger,
    anonymousSalt: "salt",
    wakeClassifier: () => {},
    wakeOutbox: () => {},
    limits: DEFAULT_INTAKE_LIMITS,
  };
  const core = createBotCore(deps);
  const api = await startFakeSlackApi({ token: BOT_TOKEN });
  const connector = await startFakeBotConnector();
  const slackChannel = createSlackChannel({
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    slackApiUrl: api.url,
    core,
    conversations: store.conversations,
    idempotency: store.idempotency,
    clock,
    logger,
    redactor,
  });
  const teamsChannel = createTeamsChannel({
    appType: "MultiTenant",
    core,
    conversations: store.conversations,
    clock,
    logger,
    redactor,
  });
  const webchat = createWebChat({ core, conversations: store.conversations, clock, logger, redactor });
  const server = createHttpServer({ logger, modules: [slackChannel.routes, teamsChannel.routes, webchat.routes] });
  const baseUrl = (await listen(server, 0, "127.0.0.1")).url;
  await slackChannel.start();

  /** Everything the bot answered over HTTP (Slack acks, Teams invoke answers). */
  const answers: unknown[] = [];
  const sessions: ChatSession[] = [];

  async function slack(content: SlackBody): Promise<Json> {
    const before = api.calls.length;
    const res = await postSigned(`${baseUrl}/slack/events`, content, {
      secret: SIGNING_SECRET,
      timestamp: Math.floor(clock.now().getTime() / 1000),
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    answers.push(text);
    // Slack listeners run after the ack: wait until the bot has called Slack and then gone quiet.
    let seen = api.calls.length;
    let quietSince = Date.now();
    for (const deadline = Date.now() + 3000; Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      if (api.calls.length !== seen) [seen, quietSince] = [api.calls.length, Date.now()];
      else if (seen > before && Date.now() - quietSince >= 120) break;
    }
    return text ? JSON.parse(text) : null;
  }

  async function postTeams(activity: Record<string, unknown>): Promise<Json> {
    const res = await fetch(`${baseUrl}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    answers.push(text);
    return text ? JSON.parse(text) : null;
  }

  const teamsBase = () => ({
    type: "message",
    id: `phi-${++seq}`,
    channelId: "msteams",
    serviceUrl: connector.url,
    timestamp: clock.now().toISOString(),
    recipient: BOT,
  });

  async function post(pathName: string, body: unknown, token?: string): Promise<Response> {
    return fetch(`${baseUrl}${pathName}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  }

  async function chatActivities(session: ChatSession): Promise<Json[]> {
    const res = await fetch(`${baseUrl}/v3/directline/conversations/${session.conversationId}/activities`, {
      headers: { authorization: `Bearer ${session.token}` },
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { activities: Json[] }).activities;
  }

  async function runOutbox(): Promise<void> {
    const senders = [slackChannel.sender, teamsChannel.sender, webchat.sender];
    while (await dispatchOutboxOnce({ store, senders, clock, logger, owner: "test" }));
  }

  // The Teams triage channel's reference must be known before a card is sent there.
  await postTeams({
    ...teamsBase(),
    from: TEAMS_TRIAGER,
    text: "reference only (no mention)",
    conversation: { id: TEAMS_TRIAGE, conversationType: "channel", isGroup: true, tenantId: "tenant-1" },
    channelData: { tenant: { id: "tenant-1" }, channel: { id: TEAMS_TRIAGE }, team: { id: "19:team" } },
  });

  return {
    store,
    clock,
    api,
    connector,
    classifier,
    deps,
    lines,
    slack,
    async slackDm(user, text) {
      await slack(jsonBody(eventEnvelope(dmEvent(user, text))));
    },
    async slackMention(user, channel, text) {
      await slack(jsonBody(eventEnvelope(mentionEvent(user, channel, `<@UBOT> ${text}`))));
    },
    slackSlash: (user, channel, text) => slack(formBody(slashCommand(user, channel, text))),
    slackInteraction: (payload) => slack(interactionBody(payload)),
    teams: (overrides) =>
      postTeams({
        ...teamsBase(),
        from: TEAMS_NURSE,
        conversation: { id: `a:${TEAMS_NURSE.id}`, conversationType: "personal", tenantId: "tenant-1" },
        channelData: { tenant: { id: "tenant-1" } },
        ...overrides,
      }),
    teamsTriage: (overrides) =>
      postTeams({
        ...teamsBase(),
        from: TEAMS_TRIAGER,
        conversation: { id: TEAMS_TRIAGE, conversationType: "channel", isGroup: true, tenantId: "tenant-1" },
        channelData: { tenant: { id: "tenant-1" }, channel: { id: TEAMS_TRIAGE }, team: { id: "19:team" } },
        ...overrides,
      }),
    async chat({ user, room, resume }) {
      const res = await post("/v3/directline/tokens/generate", {
        user: { id: user, name: "Web Nurse" },
        ...(room ? { room } : {}),
        ...(resume ? { resume } : {}),
      });
      expect(res.status).toBe(200);
      const session = (await res.json()) as ChatSession;
      expect((await post("/v3/directline/conversations", {}, session.token)).status).toBeLessThan(300);
      sessions.push(session);
      return session;
    },
    async chatSay(session, activity) {
      const before = (await chatActivities(session)).length;
      const res = await post(
        `/v3/directline/conversations/${session.conversationId}/activities`,
        { type: "message", from: { id: "ignored" }, ...activity },
        session.token,
      );
      expect(res.status).toBe(200);
      // The turn is over once the bot has answered in the log (the echo plus at least one reply).
      for (let i = 0; i < 250 && (await chatActivities(session)).length < before + 2; i++)
        await new Promise((resolve) => setTimeout(resolve, 20));
    },
    chatActivities,
    async settle() {
      for (;;) {
        const claimed = await store.reports.claimForClassification("test", clock.now(), 60_000);
        if (!claimed) break;
        await classifyClaimedReport(deps, claimed);
      }
      await runOutbox();
    },
    runOutbox,
    async latest() {
      const [newest] = await store.reports.find({ sort: "createdDesc", limit: 1 });
      if (!newest) throw new Error("no report stored");
      return newest;
    },
    async leaks(words = PHI_WORDS) {
      const found: string[] = [];
      const look = (where: string, value: unknown) => {
        const text = typeof value === "string" ? value : JSON.stringify(value);
        for (const word of words) if (text.includes(word)) found.push(`${where}: ${word}`);
      };
      const db = new Database(path.join(dir, EMBEDDED_DB_FILE), { readonly: true });
      try {
        const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
        for (const { name } of tables)
          for (const row of db.prepare(`SELECT * FROM "${name}"`).all()) look(`store ${name}`, row);
      } finally {
        db.close();
      }
      lines.forEach((line) => look(`log "${line.msg}"`, line));
      api.calls.forEach((call) => look(`slack ${call.method}`, call.args));
      connector.calls.forEach((call) => look(`teams ${call.kind}`, call.body));
      answers.forEach((answer) => look("http answer", answer));
      for (const session of sessions) look(`web chat ${session.conversationId}`, await chatActivities(session));
      return found;
    },
    async close() {
      await slackChannel.stop();
      await closeServer(server);
      await api.close();
      await connector.close();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
