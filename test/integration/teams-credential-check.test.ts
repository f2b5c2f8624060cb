/**
 * The start-up check of the bot's outgoing credentials, through botbuilder's own credential
 * factory on its built-in public-cloud endpoints, against a local fake of Entra ID that answers
 * with the real AADSTS error shapes. /readyz answers "degraded" (200: reports are still taken in and
 * stored) with the plain-words reason while Entra ID refuses the credentials and recovers once a later check passes; the secret is never logged.
 */
import {
  startTeamsCredentialCheck,
  VERIFIED_LINE,
  type TeamsCredentialCheck,
} from "../../src/adapters/channels/teams/credential-check";
import type { BotCredentials } from "../../src/adapters/channels/teams/cloud-adapter";
import { healthRoutes } from "../../src/http/health-routes";
import { closeServer, createHttpServer, listen } from "../../src/http/server";
import type { Store } from "../../src/ports/store";
import { createSigningKey, startFakeMicrosoftLogin, type FakeMicrosoftLogin } from "../fakes/fake-microsoft-login";
import { intakeHarness } from "../support/intake-harness";
import { recordingLogger, until, type LogLine } from "../support/recording-logger";

const APP = { id: "6f1c2b9e-0000-4000-8000-00000000c001", secret: "the-current-client-secret" };
const EXPIRED = "last-years-client-secret";
const UNREGISTERED_APP = "6f1c2b9e-0000-4000-8000-00000000c0ff";
const BOT_TENANT = "9a8b7c6d-0000-4000-8000-0000000000c1";

describe("Teams credential check at start-up (Entra ID faked locally)", () => {
  /** The app registrations the fake Entra ID knows (it reads this object on every request). */
  const apps: Record<string, string> = { [APP.id]: APP.secret };
  let login: FakeMicrosoftLogin;
  let unroute: () => void;
  let store: Store;
  let readyzUrl: string;
  let closeHttp: () => Promise<void>;
  let check: TeamsCredentialCheck | null = null;
  let lines: LogLine[];

  beforeAll(async () => {
    login = await startFakeMicrosoftLogin({
      keys: [createSigningKey("bf-key")],
      apps,
      expiredSecrets: { [APP.id]: EXPIRED },
      tenants: [BOT_TENANT],
    });
    unroute = login.routeHttps();
    store = (await intakeHarness()).store;
    // /readyz reads whichever check the current test started.
    const server = createHttpServer({
      logger: recordingLogger([]),
      modules: [
        healthRoutes(
          store,
          () => ({ classifier: "offline" }),
          () => (check ? [check.health()] : []),
        ),
      ],
    });
    const { url } = await listen(server, 0, "127.0.0.1");
    readyzUrl = `${url}/readyz`;
    closeHttp = () => closeServer(server);
  });
  afterAll(async () => {
    await closeHttp();
    await store.close();
    unroute();
    await login.close();
  });
  beforeEach(() => {
    lines = [];
    login.entraOutage = false;
    login.entraStall = false;
  });
  afterEach(() => {
    check?.stop();
    check = null;
    expect(login.unexpected).toEqual([]);
  });

  const start = (credentials: BotCredentials & { appId: string }, timing = {}) => {
    check = startTeamsCredentialCheck({ credentials, logger: recordingLogger(lines), ...timing });
    return check;
  };
  const readyz = async () => {
    const res = await fetch(readyzUrl);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const logged = () => JSON.stringify(lines);

  it("verifies good credentials with the token request replies use, says so at start-up, and is ready", async () => {
    const before = login.tokenRequests.length;
    const status = await start({ appId: APP.id, appPassword: APP.secret, appType: "MultiTenant" }).first;
    expect(status).toMatchObject({ state: "verified", reason: null, code: null });
    expect(login.tokenRequests.slice(before)).toEqual([
      expect.objectContaining({
        tenant: "botframework.com",
        grantType: "client_credentials",
        clientId: APP.id,
        scope: "https://api.botframework.com/.default",
        issued: expect.stringMatching(/^fake-entra-token\./),
      }),
    ]);
    expect(lines).toEqual([{ level: "info", obj: { startup: true }, msg: VERIFIED_LINE }]);
    expect(await readyz()).toEqual({
      status: 200,
      body: expect.objectContaining({ status: "ready", classifier: "offline", teams: "credentials verified" }),
    });
  });

  it("single tenant: asks the bot's own tenant", async () => {
    const before = login.tokenRequests.length;
    const status = await start({
      appId: APP.id,
      appPassword: APP.secret,
      appType: "SingleTenant",
      tenantId: BOT_TENANT,
    }).first;
    expect(status.state).toBe("verified");
    expect(login.tokenRequests.slice(before)).toEqual([expect.objectContaining({ tenant: BOT_TENANT })]);
  });

  // [case, credentials, the start-up error line]
  const refusals: [string, BotCredentials & { appId: string }, string][] = [
    [
      "an expired client secret (AADSTS7000222)",
      { appId: APP.id, appPassword: EXPIRED, appType: "MultiTenant" },
      `Teams: Entra ID rejected MICROSOFT_APP_PASSWORD (AADSTS7000222: the client secret has expired) — create a new client secret for app ${APP.id} in the Azure portal and set MICROSOFT_APP_PASSWORD`,
    ],
    [
      "a wrong client secret (AADSTS7000215)",
      { appId: APP.id, appPassword: "a-mistyped-client-secret", appType: "MultiTenant" },
      `Teams: Entra ID rejected MICROSOFT_APP_PASSWORD (AADSTS7000215: the client secret is wrong) — set MICROSOFT_APP_PASSWORD to the secret's Value (not its Secret ID) for app ${APP.id}, or create a new client secret for app ${APP.id} in the Azure portal and set MICROSOFT_APP_PASSWORD`,
    ],
    [
      "an app id Entra ID does not know (AADSTS700016)",
      { appId: UNREGISTERED_APP, appPassword: "a-secret-for-nothing", appType: "MultiTenant" },
      `Teams: Entra ID rejected MICROSOFT_APP_ID (AADSTS700016: no app with this id in the directory) — check MICROSOFT_APP_ID (now ${UNREGISTERED_APP}) against the Azure Bot's Microsoft App ID, and MICROSOFT_APP_TYPE / MICROSOFT_APP_TENANT_ID`,
    ],
    [
      "a tenant that does not exist (AADSTS90002)",
      {
        appId: APP.id,
        appPassword: APP.secret,
        appType: "SingleTenant",
        tenantId: "0000dead-0000-4000-8000-000000000000",
      },
      `Teams: Entra ID rejected MICROSOFT_APP_TENANT_ID (AADSTS90002: the tenant was not found) — set MICROSOFT_APP_TENANT_ID to the directory (tenant) id that app ${APP.id} is registered in`,
    ],
  ];

  it.each(refusals)(
    "%s: an ERROR line naming the fix, /readyz degraded with it, the secret never logged",
    async (_n, credentials, line) => {
      const status = await start(credentials).first;
      expect(status).toMatchObject({ state: "rejected", reason: line });
      expect(lines).toEqual([
        { level: "error", obj: { startup: true, code: status.code, appId: credentials.appId }, msg: line },
      ]);
      expect(logged()).not.toContain(credentials.appPassword);
      const res = await readyz();
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: "degraded",
        reason: line,
        teams: `credentials rejected (${status.code})`,
      });
      expect(JSON.stringify(res.body)).not.toContain(credentials.appPassword);
    },
  );

  it("recovers to ready when a later check passes (the app registration appears)", async () => {
    const appId = "6f1c2b9e-0000-4000-8000-00000000c0a1";
    const c = start({ appId, appPassword: "new-app-secret", appType: "MultiTenant" }, { recheckMs: 150 });
    expect((await c.first).code).toBe("AADSTS700016");
    expect(await readyz()).toMatchObject({ status: 200, body: { status: "degraded" } });
    // Entra ID replicates a new registration with some delay; the next periodic check sees it.
    apps[appId] = "new-app-secret";
    await until(() => c.status().state === "verified");
    expect(await readyz()).toMatchObject({ status: 200, body: { status: "ready", teams: "credentials verified" } });
    expect(lines.map((l) => [l.level, l.msg])).toContainEqual([
      "info",
      "Teams: credentials verified again; replies can go out",
    ]);
    expect(logged()).not.toContain("new-app-secret");
  });

  it("network failure: a warning that it could not be verified yet, still ready, verified by a later retry", async () => {
    login.entraOutage = true;
    const c = start({ appId: APP.id, appPassword: APP.secret, appType: "MultiTenant" }, { retryMs: 200 });
    const status = await c.first;
    expect(status.state).toBe("unverified");
    expect(lines).toEqual([
      {
        level: "warn",
        obj: { startup: true },
        msg: expect.stringMatching(
          /^Teams: could not verify the bot's credentials with Entra ID yet \(.+\); retrying in the background$/,
        ),
      },
    ]);
    // Not a refusal: the bot may well be able to reply, so it stays in the load balancer.
    expect(await readyz()).toMatchObject({ status: 200, body: { teams: "credentials not verified yet" } });
    login.entraOutage = false;
    await until(() => c.status().state === "verified");
    expect(lines.at(-1)).toEqual({
      level: "info",
      obj: {},
      msg: "Teams: credentials verified again; replies can go out",
    });
    expect(logged()).not.toContain(APP.secret);
  });

  it("no answer from Entra ID: start-up goes on with the warning after firstAnswerMs; verified once it answers", async () => {
    login.entraStall = true;
    const c = start(
      { appId: APP.id, appPassword: APP.secret, appType: "MultiTenant" },
      { firstAnswerMs: 300, retryMs: 100 },
    );
    const started = Date.now();
    expect(await c.first).toMatchObject({ state: "unverified" });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(lines).toEqual([
      {
        level: "warn",
        obj: { startup: true },
        msg: "Teams: could not verify the bot's credentials with Entra ID yet (no answer in 300 ms); retrying in the background",
      },
    ]);
    expect((await readyz()).status).toBe(200);
    // The held request fails when the network comes back; the retry gets the token.
    login.entraStall = false;
    await until(() => c.status().state === "verified");
    expect(lines.slice(1)).toEqual([
      { level: "info", obj: {}, msg: "Teams: credentials verified again; replies can go out" },
    ]);
  });
});
