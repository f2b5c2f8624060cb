/**
 * Teams refusals say nothing about the inside: 401 for any token that cannot be validated, 503 with
 * a generic body when the Bot Framework OpenID metadata cannot be fetched (never the upstream URL or
 * the DNS/network error), one log line per refused request, no stack trace, nothing on the console.
 */
import { createTeamsChannel } from "../../src/adapters/channels/teams";
import { closeServer, createHttpServer, listen } from "../../src/http/server";
import type { Store } from "../../src/ports/store";
import { startFakeBotConnector, type FakeBotConnector } from "../fakes/fake-bot-connector";
import { BOT, NURSE } from "../fakes/fake-core-teams";
import {
  channelToken,
  createSigningKey,
  startFakeMicrosoftLogin,
  type FakeMicrosoftLogin,
} from "../fakes/fake-microsoft-login";
import { intakeHarness } from "../support/intake-harness";
import { recordingLogger, type LogLine } from "../support/recording-logger";
import type restify from "restify";

const APP = { id: "6f1c2b9e-0000-4000-8000-00000000e001", secret: "teams-errors-secret" };
const key = createSigningKey("bf-key-errors", ["msteams"]);

let login: FakeMicrosoftLogin;
let connector: FakeBotConnector;
let store: Store;
let server: restify.Server;
let url: string;
const lines: LogLine[] = [];
let printed: jest.SpyInstance[] = [];

beforeAll(async () => {
  login = await startFakeMicrosoftLogin({ keys: [key], apps: { [APP.id]: APP.secret } });
  connector = await startFakeBotConnector();
  const h = await intakeHarness();
  store = h.store;
  const logger = recordingLogger(lines);
  const teams = createTeamsChannel({
    appId: APP.id,
    appPassword: APP.secret,
    appType: "MultiTenant",
    core: h.core,
    conversations: h.store.conversations,
    clock: h.clock,
    logger,
  });
  server = createHttpServer({ logger, modules: [teams.routes] });
  ({ url } = await listen(server, 0, "127.0.0.1"));
});
afterAll(async () => {
  await closeServer(server);
  await connector.close();
  await login.close();
  await store.close();
});
beforeEach(() => {
  printed = (["error", "warn", "log"] as const).map((m) => jest.spyOn(console, m).mockImplementation(() => undefined));
});
afterEach(() => {
  jest.restoreAllMocks();
});

let seq = 0;
async function post(token?: string): Promise<{ status: number; body: string }> {
  seq += 1;
  const activity = {
    type: "message",
    id: `err-${seq}`,
    channelId: "msteams",
    serviceUrl: connector.url,
    from: NURSE,
    recipient: BOT,
    conversation: { id: `a:personal-err-${seq}`, conversationType: "personal", tenantId: "tenant-1" },
    text: "Epic is down on 4 West",
  };
  const res = await fetch(`${url}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(activity),
  });
  return { status: res.status, body: await res.text() };
}

const validToken = () => channelToken({ aud: APP.id, serviceurl: connector.url }, key);

async function expectOneLine(before: number, expected: Partial<LogLine>): Promise<void> {
  const logged = lines.slice(before);
  expect(logged).toEqual([expect.objectContaining(expected)]);
  expect(JSON.stringify(logged)).not.toMatch(/botframework\.com|ENOTFOUND|getaddrinfo|blocked|\n\s+at /);
  for (const spy of printed) expect(spy).not.toHaveBeenCalled();
  expect(await store.reports.count({})).toBe(0);
}

it("metadata host unreachable (network/DNS): 503, a generic body, one log line without the upstream detail", async () => {
  // Not routed: the HTTPS connection to login.botframework.com fails (the test network allows loopback only).
  const before = lines.length;
  const { status, body } = await post(validToken());
  expect(status).toBe(503);
  expect(JSON.parse(body)).toEqual({ error: "service unavailable" });
  await expectOneLine(before, {
    level: "error",
    msg: "Teams: Bot Framework signing keys cannot be fetched; request refused (503)",
  });
});

it("metadata host answering an error status: 503 likewise; once it is back, the same token is accepted", async () => {
  const unroute = login.routeHttps();
  try {
    login.openIdOutage = true;
    const before = lines.length;
    const { status, body } = await post(validToken());
    expect(status).toBe(503);
    expect(body).toBe(JSON.stringify({ error: "service unavailable" }));
    await expectOneLine(before, { level: "error" });

    login.openIdOutage = false;
    expect((await post(validToken())).status).toBe(200);
    expect(await store.reports.count({})).toBe(1);
  } finally {
    unroute();
  }
});

it.each([
  ["no Authorization header", undefined],
  ["a token that is not a JWT", "not-a-jwt"],
  ["a JWT with no signature", "eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIn0."],
])("%s: 401 with a generic body and one warn line", async (_case, token) => {
  const before = { lines: lines.length, reports: await store.reports.count({}) };
  const { status, body } = await post(token);
  expect(status).toBe(401);
  expect(JSON.parse(body)).toEqual({ error: "unauthorized" });
  expect(lines.slice(before.lines)).toEqual([
    expect.objectContaining({ level: "warn", msg: "Teams: request refused (401)" }),
  ]);
  for (const spy of printed) expect(spy).not.toHaveBeenCalled();
  expect(await store.reports.count({})).toBe(before.reports);
});
