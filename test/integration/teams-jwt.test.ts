/**
 * The production Teams authentication path, end to end: botbuilder on its built-in public-cloud
 * endpoints (nothing overridden), login.botframework.com and login.microsoftonline.com answered by
 * a local fake, the Bot Connector by another. A token signed as the channel signs it is accepted,
 * the report is filed, and the reply carries the bot's own Entra ID token; forged, expired,
 * misaddressed or unendorsed tokens get 401 and file nothing.
 */
import { createTeamsChannel, type TeamsChannel, type TeamsChannelOptions } from "../../src/adapters/channels/teams";
import { closeServer, createHttpServer, listen } from "../../src/http/server";
import { silentLogger, type Logger } from "../../src/ports/logger";
import type { Store } from "../../src/ports/store";
import { startFakeBotConnector, type FakeBotConnector } from "../fakes/fake-bot-connector";
import { BOT, NURSE } from "../fakes/fake-core-teams";
import {
  channelToken,
  createSigningKey,
  startFakeMicrosoftLogin,
  type ChannelTokenClaims,
  type FakeMicrosoftLogin,
  type SigningKey,
} from "../fakes/fake-microsoft-login";
import { intakeHarness } from "../support/intake-harness";
import { recordingLogger, type LogLine } from "../support/recording-logger";

const MULTI_TENANT_APP = { id: "6f1c2b9e-0000-4000-8000-00000000a001", secret: "multi-tenant-client-secret" };
const SINGLE_TENANT_APP = { id: "6f1c2b9e-0000-4000-8000-00000000a002", secret: "single-tenant-client-secret" };
const MISCONFIGURED_APP = { id: "6f1c2b9e-0000-4000-8000-00000000a003", secret: "the-secret-entra-id-knows" };
const BOT_TENANT = "9a8b7c6d-0000-4000-8000-0000000000e1";

interface Deployment {
  url: string;
  connector: FakeBotConnector;
  store: Store;
  teams: TeamsChannel;
  close(): Promise<void>;
}

/** The Teams channel over the real intake core and an embedded store, wired as main.ts does. */
async function startDeployment(
  credentials: Pick<TeamsChannelOptions, "appId" | "appPassword" | "appType" | "tenantId">,
  logger: Logger = silentLogger,
): Promise<Deployment> {
  const connector = await startFakeBotConnector();
  const h = await intakeHarness();
  const teams = createTeamsChannel({
    ...credentials,
    core: h.core,
    conversations: h.store.conversations,
    clock: h.clock,
    logger,
  });
  const server = createHttpServer({ logger, modules: [teams.routes] });
  const { url } = await listen(server, 0, "127.0.0.1");
  return {
    url,
    connector,
    store: h.store,
    teams,
    async close() {
      await closeServer(server);
      await connector.close();
      await h.store.close();
    },
  };
}

let seq = 0;
function teamsMessage(serviceUrl: string, text: string): Record<string, unknown> {
  seq += 1;
  return {
    type: "message",
    id: `jwt-${seq}`,
    channelId: "msteams",
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: NURSE,
    recipient: BOT,
    conversation: { id: `a:personal-jwt-${seq}`, conversationType: "personal", tenantId: "tenant-1" },
    channelData: { tenant: { id: "tenant-1" } },
    text,
  };
}

async function post(url: string, activity: Record<string, unknown>, token?: string): Promise<number> {
  const res = await fetch(`${url}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(activity),
  });
  await res.text();
  return res.status;
}

describe("Teams behind Bot Framework authentication, public-cloud endpoints faked locally", () => {
  const teamsKey = createSigningKey("bf-key-teams", ["msteams", "skype"]);
  const slackOnlyKey = createSigningKey("bf-key-slack", ["slack"]);
  let login: FakeMicrosoftLogin;
  let unroute: () => void;

  beforeAll(async () => {
    login = await startFakeMicrosoftLogin({
      keys: [teamsKey, slackOnlyKey],
      apps: {
        [MULTI_TENANT_APP.id]: MULTI_TENANT_APP.secret,
        [SINGLE_TENANT_APP.id]: SINGLE_TENANT_APP.secret,
        [MISCONFIGURED_APP.id]: MISCONFIGURED_APP.secret,
      },
    });
    unroute = login.routeHttps();
  });
  afterAll(async () => {
    unroute();
    await login.close();
  });
  afterEach(() => {
    expect(login.unexpected).toEqual([]);
  });

  describe("multi-tenant bot", () => {
    let d: Deployment;
    const lines: LogLine[] = [];
    const token = (claims: Partial<ChannelTokenClaims> = {}, key: SigningKey = teamsKey) =>
      channelToken({ aud: MULTI_TENANT_APP.id, serviceurl: d.connector.url, ...claims }, key);

    beforeAll(async () => {
      d = await startDeployment(
        {
          appId: MULTI_TENANT_APP.id,
          appPassword: MULTI_TENANT_APP.secret,
          appType: "MultiTenant",
        },
        recordingLogger(lines),
      );
    });
    afterAll(async () => {
      await d.close();
    });
    let printed: jest.SpyInstance[] = [];
    beforeEach(() => {
      // Nothing may reach the console: refusals are one line in the service's own log.
      printed = (["error", "warn", "log"] as const).map((m) =>
        jest.spyOn(console, m).mockImplementation(() => undefined),
      );
    });
    afterEach(() => {
      jest.restoreAllMocks();
    });

    it("accepts the channel's token, files the report and replies with the bot's own Entra ID token", async () => {
      const status = await post(d.url, teamsMessage(d.connector.url, "Epic froze on 4 West"), token());
      expect(status).toBe(200);

      const filed = await d.store.reports.find({});
      expect(filed.map((r) => r.text)).toEqual(["Epic froze on 4 West"]);
      const [reply] = await d.connector.waitFor(1, "reply");
      expect(JSON.stringify(reply!.body)).toContain(filed[0]!.id);

      // The keys came from login.botframework.com's metadata document, as in production.
      expect(login.fetches).toEqual({ openId: 1, jwks: 1, entraJwks: 0 });
      // The reply's token: client credentials at the multi-tenant authority, for the Bot Framework scope.
      expect(login.tokenRequests).toEqual([
        {
          tenant: "botframework.com",
          grantType: "client_credentials",
          clientId: MULTI_TENANT_APP.id,
          clientSecret: MULTI_TENANT_APP.secret,
          scope: "https://api.botframework.com/.default",
          issued: expect.stringMatching(/^fake-entra-token\./),
        },
      ]);
      expect(reply!.authorization).toBe(`Bearer ${login.tokenRequests[0]!.issued}`);
    });

    it("reuses the bot's token and the cached keys on the next message", async () => {
      const before = { tokens: login.tokenRequests.length, calls: d.connector.calls.length };
      expect(await post(d.url, teamsMessage(d.connector.url, "printer on 5 East jams"), token())).toBe(200);
      const replies = await d.connector.waitFor(before.calls + 1);
      expect(login.tokenRequests).toHaveLength(before.tokens);
      expect(login.fetches).toEqual({ openId: 1, jwks: 1, entraJwks: 0 });
      expect(replies.at(-1)!.authorization).toBe(`Bearer ${login.tokenRequests.at(-1)!.issued}`);
    });

    it("sends proactive messages (the outbox's path, outside any turn) with the bot's token too", async () => {
      const activity = teamsMessage(d.connector.url, "Pyxis on 2 South won't open");
      const conversationId = (activity["conversation"] as { id: string }).id;
      const before = d.connector.calls.length;
      expect(await post(d.url, activity, token())).toBe(200);
      const afterReply = (await d.connector.waitFor(before + 1)).length;
      const ref = await d.teams.sender.send(
        { conversationKey: `teams:${conversationId}`, destination: null },
        { text: "Fixed: the Pyxis on 2 South opens again." },
      );
      const proactive = (await d.connector.waitFor(afterReply + 1)).at(-1)!;
      expect(proactive.conversationId).toBe(conversationId);
      expect(ref).toContain(proactive.assignedId);
      expect(JSON.stringify(proactive.body)).toContain("Pyxis on 2 South opens again");
      expect(proactive.authorization).toBe(`Bearer ${login.tokenRequests.at(-1)!.issued}`);
    });

    const forger = createSigningKey("bf-key-teams");
    const unpublished = createSigningKey("bf-key-unknown");
    // [case, token, why botbuilder refuses it]
    const cases: [string, () => string, RegExp][] = [
      ["signed by a different key under the published kid", () => token({}, forger), /invalid signature/],
      ["signed by a key that is not published", () => token({}, unpublished), /Signing Key could not be retrieved/],
      ["expired (beyond the five-minute clock tolerance)", () => token({ expiresIn: -600 }), /token has expired/],
      ["not valid yet (beyond the clock tolerance)", () => token({ notBefore: 900 }), /jwt not active/],
      ["for another bot (wrong audience)", () => token({ aud: SINGLE_TENANT_APP.id }), /Invalid AppId passed on token/],
      [
        "from an issuer botbuilder does not trust",
        () => token({ iss: "https://api.botframework.example" }),
        /No valid identity/,
      ],
      // An Emulator (Entra ID) issuer sends botbuilder to Entra ID's keys, which did not sign it.
      [
        "claiming the Emulator's issuer",
        () => token({ iss: "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/" }),
        /Signing Key could not be retrieved/,
      ],
      [
        "for another service URL than the activity's",
        () => token({ serviceurl: "https://smba.trafficmanager.net/amer/" }),
        /ServiceUrl claim do not match/,
      ],
      [
        "signed with a key endorsed for another channel",
        () => token({}, slackOnlyKey),
        /Could not validate endorsement/,
      ],
    ];

    it.each(cases)("refuses a token %s with 401 and files nothing", async (_name, make, reason) => {
      const before = { reports: await d.store.reports.count({}), calls: d.connector.calls.length, lines: lines.length };
      const status = await post(d.url, teamsMessage(d.connector.url, "let me in"), make());
      expect(status).toBe(401);
      // One log line naming the reason, no stack trace, nothing on the console.
      const logged = lines.slice(before.lines);
      expect(logged).toEqual([
        {
          level: "warn",
          obj: { channel: "teams", status: 401, reason: expect.stringMatching(reason) },
          msg: "Teams: request refused (401)",
        },
      ]);
      expect(JSON.stringify(logged)).not.toMatch(/\n\s+at /);
      for (const spy of printed) expect(spy).not.toHaveBeenCalled();
      expect(await d.store.reports.count({})).toBe(before.reports);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(d.connector.calls).toHaveLength(before.calls);
    });
  });

  describe("single-tenant bot", () => {
    let d: Deployment;

    beforeAll(async () => {
      d = await startDeployment({
        appId: SINGLE_TENANT_APP.id,
        appPassword: SINGLE_TENANT_APP.secret,
        appType: "SingleTenant",
        tenantId: BOT_TENANT,
      });
    });
    afterAll(async () => {
      await d.close();
    });

    it("gets its reply token from its own tenant", async () => {
      const before = login.tokenRequests.length;
      const jwt = channelToken({ aud: SINGLE_TENANT_APP.id, serviceurl: d.connector.url }, teamsKey);
      expect(await post(d.url, teamsMessage(d.connector.url, "BCMA scanner offline on 3 North"), jwt)).toBe(200);
      expect(await d.store.reports.count({})).toBe(1);
      const [reply] = await d.connector.waitFor(1, "reply");
      const requests = login.tokenRequests.slice(before);
      expect(requests).toEqual([
        expect.objectContaining({
          tenant: BOT_TENANT,
          clientId: SINGLE_TENANT_APP.id,
          clientSecret: SINGLE_TENANT_APP.secret,
        }),
      ]);
      expect(reply!.authorization).toBe(`Bearer ${requests[0]!.issued}`);
    });
  });

  describe("bot configured with a wrong client secret", () => {
    it("files the report but cannot answer, and logs Entra ID's refusal", async () => {
      const errors: Record<string, unknown>[] = [];
      const logger: Logger = {
        ...silentLogger,
        error: (obj) => errors.push(typeof obj === "string" ? { msg: obj } : { ...obj }),
      };
      const d = await startDeployment(
        { appId: MISCONFIGURED_APP.id, appPassword: "an-expired-secret", appType: "MultiTenant" },
        logger,
      );
      try {
        const before = login.tokenRequests.length;
        const jwt = channelToken({ aud: MISCONFIGURED_APP.id, serviceurl: d.connector.url }, teamsKey);
        const status = await post(d.url, teamsMessage(d.connector.url, "Vocera badges dropping calls on 6 West"), jwt);
        // The activity was authentic, so it is processed and kept; only the bot's own token fails.
        expect(status).toBe(200);
        expect(await d.store.reports.count({})).toBe(1);
        expect(d.connector.calls).toHaveLength(0);
        const refused = login.tokenRequests.slice(before);
        expect(refused.length).toBeGreaterThanOrEqual(1);
        expect(refused.every((r) => r.clientId === MISCONFIGURED_APP.id && r.issued === null)).toBe(true);
        expect(errors).toEqual([expect.objectContaining({ err: expect.stringContaining("AADSTS7000215") })]);
        // The secret itself never reaches the log.
        expect(JSON.stringify(errors)).not.toContain("an-expired-secret");
      } finally {
        await d.close();
      }
    });
  });
});
