/**
 * The real core (intake + triage on the in-memory embedded store) behind the real Slack and Teams
 * channels on one restify server on 127.0.0.1, with the fake Slack Web API and the fake Bot
 * Connector, for the triage-form tests. Reports are filed straight into the store (already
 * classified) and handed to triage; `runOutbox` delivers cards and notes through the real senders.
 */
import { createSlackChannel, type SlackChannel } from "../../src/adapters/channels/slack/create-slack-channel";
import { createTeamsChannel, type TeamsChannel } from "../../src/adapters/channels/teams";
import { createEmbeddedStore } from "../../src/adapters/store/embedded/embedded-store";
import { createBotCore } from "../../src/app/intake/bot-core-service";
import { DEFAULT_INTAKE_LIMITS } from "../../src/app/intake/intake-deps";
import { createTriageService } from "../../src/app/triage/triage-service";
import { loadCatalogue } from "../../src/config/catalogue";
import { parseTriageConfig } from "../../src/config/triage-config";
import type { Classification } from "../../src/domain/classification";
import { asRedacted } from "../../src/domain/redacted-text";
import type { Report } from "../../src/domain/report";
import { closeServer, createHttpServer, listen } from "../../src/http/server";
import { dispatchOutboxOnce } from "../../src/jobs/outbox-dispatcher";
import { silentLogger } from "../../src/ports/logger";
import type { Store } from "../../src/ports/store";
import { startFakeBotConnector, type FakeBotConnector, type Json } from "../fakes/fake-bot-connector";
import { startFakeSlackApi, type FakeSlackApi } from "../fakes/fake-slack-api";
import { ScriptedClassifier } from "../fakes/scripted-classifier";
import { interactionBody, postSigned, type SlackBody } from "../fakes/slack-signing";
import { buildClassifiedReport } from "../fixtures/build-report";
import { FakeClock, mrnRedactor } from "../support/intake-harness";

const SIGNING_SECRET = "triage-forms-signing-secret";
const BOT_TOKEN = "xoxb-triage-forms";
export const SLACK_TRIAGE = "C0ITTRIAGE";
export const SLACK_TRIAGER = "UIT1";
/** A Teams channel that is a triage destination (reports about the EHR go there). */
export const TEAMS_TRIAGE = "19:triage@thread.tacv2";
export const TEAMS_TRIAGER = { id: "29:it-lead", name: "Ivy Lead", aadObjectId: "aad-it-lead" };
export const TEAMS_NURSE = { id: "29:nurse-9", name: "Nia Nurse", aadObjectId: "aad-nurse-9" };

export interface FormsHarness {
  store: Store;
  clock: FakeClock;
  api: FakeSlackApi;
  connector: FakeBotConnector;
  /** Files a classified report from a Slack DM reporter (system "printer" → Slack triage channel). */
  fileSlack(text: string, reporter: string, classification?: Partial<Classification>): Promise<Report>;
  /** Files a classified report from a Teams 1:1 reporter (system "ehr" → Teams triage channel). */
  fileTeams(text: string): Promise<Report>;
  runOutbox(): Promise<void>;
  postSlack(payload: unknown): Promise<Response>;
  /** POSTs any signed Slack body (an Events API envelope, a slash command) to the Slack route. */
  postSlackBody(content: SlackBody): Promise<Response>;
  /** POSTs a Teams activity in the triage channel from `from`; overrides merge into the activity. */
  postTeams(from: typeof TEAMS_TRIAGER, overrides: Record<string, unknown>): Promise<number>;
  /** The Slack route, for requests signed (or forged) by the test itself. */
  slackEventsUrl: string;
  close(): Promise<void>;
}

let activitySeq = 0;

export async function startFormsHarness(): Promise<FormsHarness> {
  const store = createEmbeddedStore({ dataDir: ":memory:", logger: silentLogger });
  await store.init();
  // Wall-clock start so the signed Slack requests are fresh.
  const clock = new FakeClock(new Date(Math.floor(Date.now() / 1000) * 1000));
  const config = parseTriageConfig({
    routes: [{ system: "ehr", destination: `teams:${TEAMS_TRIAGE}` }],
    defaultDestination: `slack:${SLACK_TRIAGE}`,
    alerts: [],
    triagers: { slack: { userIds: [SLACK_TRIAGER] }, teams: { userIds: [TEAMS_TRIAGER.aadObjectId] } },
  });
  const catalogue = loadCatalogue();
  const triage = createTriageService({
    store,
    config,
    clock,
    logger: silentLogger,
    catalogue,
    redactor: mrnRedactor,
  });
  const core = createBotCore({
    store,
    redactor: mrnRedactor,
    gate: new ScriptedClassifier(),
    classifier: new ScriptedClassifier(),
    triage,
    catalogue,
    clock,
    logger: silentLogger,
    anonymousSalt: "salt",
    wakeClassifier: () => {},
    wakeOutbox: () => {},
    limits: DEFAULT_INTAKE_LIMITS,
  });
  const api = await startFakeSlackApi({ token: BOT_TOKEN });
  const connector = await startFakeBotConnector();
  const slack: SlackChannel = createSlackChannel({
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    slackApiUrl: api.url,
    core,
    conversations: store.conversations,
    idempotency: store.idempotency,
    clock,
    logger: silentLogger,
  });
  const teams: TeamsChannel = createTeamsChannel({
    appType: "MultiTenant",
    core,
    conversations: store.conversations,
    clock,
    logger: silentLogger,
  });
  const server = createHttpServer({ logger: silentLogger, modules: [slack.routes, teams.routes] });
  const baseUrl = (await listen(server, 0, "127.0.0.1")).url;
  await slack.start();

  async function file(overrides: Partial<Report>, classification: Partial<Classification>): Promise<Report> {
    const seq = await store.reports.nextSeq();
    const report = buildClassifiedReport(
      { seq, createdAt: clock.now(), updatedAt: clock.now(), ...overrides },
      { classifiedAt: clock.now(), ...classification },
    );
    await store.reports.insert(report);
    await triage.onClassified(report);
    return (await store.reports.get(report.id))!;
  }

  async function postTeams(from: typeof TEAMS_TRIAGER, overrides: Record<string, unknown>): Promise<number> {
    activitySeq += 1;
    const activity: Record<string, Json> = {
      type: "message",
      id: `forms-${activitySeq}`,
      channelId: "msteams",
      serviceUrl: connector.url,
      timestamp: clock.now().toISOString(),
      from,
      recipient: { id: "28:bot", name: "IT Feedback" },
      conversation: { id: TEAMS_TRIAGE, conversationType: "channel", isGroup: true, tenantId: "tenant-1" },
      channelData: { tenant: { id: "tenant-1" }, channel: { id: TEAMS_TRIAGE }, team: { id: "19:team" } },
      ...overrides,
    };
    const res = await fetch(`${baseUrl}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(activity),
    });
    return res.status;
  }

  return {
    store,
    clock,
    api,
    connector,
    async fileSlack(text, reporter, classification = {}) {
      const key = `slack:T1:${reporter}`;
      await store.conversations.save(
        key,
        { channel: `D${reporter}`, user: reporter, team: "T1", direct: true },
        clock.now(),
      );
      return file(
        {
          channel: "slack",
          reporter: { ref: `slack:${reporter}`, anonymous: false, displayName: reporter },
          conversationKey: key,
          text: asRedacted(text),
        },
        { system: "printer", summary: text, ...classification },
      );
    },
    async fileTeams(text) {
      // The nurse's 1:1 chat and the triage channel must be known before anything is sent there.
      await store.conversations.save(
        `teams:a:${TEAMS_NURSE.id}`,
        {
          channelId: "msteams",
          serviceUrl: connector.url,
          conversation: { id: `a:${TEAMS_NURSE.id}`, conversationType: "personal", tenantId: "tenant-1" },
          bot: { id: "28:bot", name: "IT Feedback" },
          user: TEAMS_NURSE,
        },
        clock.now(),
      );
      await postTeams(TEAMS_TRIAGER, { text: "reference only (no mention, no answer)" });
      return file(
        {
          channel: "teams",
          reporter: { ref: `teams:${TEAMS_NURSE.aadObjectId}`, anonymous: false, displayName: TEAMS_NURSE.name },
          conversationKey: `teams:a:${TEAMS_NURSE.id}`,
          text: asRedacted(text),
        },
        { system: "ehr", summary: text },
      );
    },
    async runOutbox() {
      const senders = [slack.sender, teams.sender];
      while (await dispatchOutboxOnce({ store, senders, clock, logger: silentLogger, owner: "test" }));
    },
    postSlack: (payload) =>
      postSigned(`${baseUrl}/slack/events`, interactionBody(payload), {
        secret: SIGNING_SECRET,
        timestamp: Math.floor(clock.now().getTime() / 1000),
      }),
    postSlackBody: (content) =>
      postSigned(`${baseUrl}/slack/events`, content, {
        secret: SIGNING_SECRET,
        timestamp: Math.floor(clock.now().getTime() / 1000),
      }),
    postTeams,
    slackEventsUrl: `${baseUrl}/slack/events`,
    async close() {
      await slack.stop();
      await closeServer(server);
      await api.close();
      await connector.close();
      await store.close();
    },
  };
}

export async function waitUntil(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 5000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
