/**
 * Web chat sign-in against an in-process OpenID Connect provider (discovery, authorize redirect,
 * code exchange, id_token via JWKS) on 127.0.0.1, through the real web chat (Direct Line endpoint,
 * botbuilder, ChannelBot) and the real intake and triage core on an embedded store.
 * The identity is the server's: a browser cannot choose its user, join IT rooms without rights,
 * act as a triager, or read another reporter's reports; refusals store and send nothing.
 */
import { renderDigestChart } from "../../src/adapters/digest/chart";
import type restify from "restify";
import { createWebChat } from "../../src/adapters/channels/webchat";
import { createOidcClient } from "../../src/adapters/channels/webchat/auth/oidc";
import { createWebChatSignIn, type WebChatSignIn } from "../../src/adapters/channels/webchat/auth/sign-in";
import { mayTriageWebchat } from "../../src/app/triage/authorize-triager";
import { createTriageService } from "../../src/app/triage/triage-service";
import { loadCatalogue } from "../../src/config/catalogue";
import { parseTriageConfig } from "../../src/config/triage-config";
import { dashboardAccess } from "../../src/adapters/channels/webchat/auth/dashboard-access";
import { createDashboardRoutes } from "../../src/http/dashboard-routes";
import { createDigestRoutes } from "../../src/http/digest-routes";
import { closeServer, createHttpServer, listen } from "../../src/http/server";
import { silentLogger } from "../../src/ports/logger";
import type { Store } from "../../src/ports/store";
import { startFakeOidcProvider, type FakeOidcProvider } from "../fakes/fake-oidc-provider";
import { CookieBrowser } from "../support/cookie-browser";
import { intakeHarness, mrnRedactor } from "../support/intake-harness";
import { freePort } from "../support/service-process";

const CLIENT = { clientId: "it-feedback-webchat", clientSecret: "webchat-client-secret" };
const NURSE_A = { sub: "sub-nurse-a", name: "Ann Nurse", email: "ann@hospital.example", groups: ["nurses"] };
const NURSE_B = { sub: "sub-nurse-b", name: "Bo Nurse", email: "bo@hospital.example", groups: ["nurses"] };
const IT = { sub: "sub-it-1", name: "Dana IT", email: "dana@hospital.example", groups: ["it-staff"] };

let idp: FakeOidcProvider;
let server: restify.Server;
let url: string;
let store: Store;
let signIn: WebChatSignIn;

beforeAll(async () => {
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  idp = await startFakeOidcProvider({ ...CLIENT, redirectUri: `${url}/auth/callback` });
  const config = parseTriageConfig({
    defaultDestination: "webchat:triage",
    alerts: ["webchat:triage"],
    triagers: { webchat: { groups: ["it-staff"] } },
  });
  const directory = { webchatIdentity: (id: string) => signIn.identity(id) };
  const h = await intakeHarness();
  const triage = createTriageService({
    store: h.store,
    config,
    clock: h.clock,
    logger: silentLogger,
    directory,
    redactor: mrnRedactor,
  });
  const { core } = await intakeHarness({ store: h.store, triage, clock: h.clock });
  store = h.store;
  signIn = createWebChatSignIn({
    oidc: createOidcClient({
      issuer: idp.url,
      ...CLIENT,
      scopes: "openid profile email",
      redirectUri: `${url}/auth/callback`,
      groupsClaim: "groups",
    }),
    redirectUri: `${url}/auth/callback`,
    clock: { now: () => new Date() },
    logger: silentLogger,
    mayTriage: (id, identity) => mayTriageWebchat(config, id, identity),
  });
  const webchat = createWebChat({
    core,
    conversations: h.store.conversations,
    clock: { now: () => new Date() },
    logger: silentLogger,
    redactor: mrnRedactor,
    signIn,
  });
  const digest = createDigestRoutes({
    renderChart: renderDigestChart,
    reports: h.store.reports,
    catalogue: loadCatalogue(),
    narrator: null,
    logger: silentLogger,
    timeZone: "UTC",
    publicBaseUrl: null,
    clock: h.clock,
    mayRead: (req) => signIn.current(req) !== null,
  });
  const dashboard = createDashboardRoutes({
    reports: h.store.reports,
    catalogue: loadCatalogue(),
    timeZone: "UTC",
    clock: h.clock,
    logger: silentLogger,
    signIn: dashboardAccess(signIn),
  });
  server = createHttpServer({ logger: silentLogger, modules: [webchat.routes, digest, dashboard] });
  await listen(server, port, "127.0.0.1");
});
afterAll(async () => {
  await closeServer(server);
  await idp.close();
  await store.close();
});

async function signedIn(user: typeof NURSE_A): Promise<{ browser: CookieBrowser; csrf: string }> {
  const browser = new CookieBrowser();
  idp.loginAs = user;
  const hops = await browser.follow(`${url}/auth/login`);
  expect(hops.map((h) => h.status)).toEqual([302, 302, 302, 200]);
  const me = await browser.request(`${url}/auth/me`);
  expect(me.status).toBe(200);
  const body = (await me.json()) as { user: { id: string }; csrf: string };
  expect(body.user.id).toBe(user.sub);
  return { browser, csrf: body.csrf };
}

interface Chat {
  token: string;
  conversationId: string;
}

async function tokenFor(browser: CookieBrowser, body: unknown, csrf?: string): Promise<Response> {
  return browser.request(`${url}/v3/directline/tokens/generate`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(csrf ? { "x-csrf-token": csrf } : {}) },
    body: JSON.stringify(body),
  });
}

async function open(browser: CookieBrowser, csrf: string, body: unknown = {}): Promise<Chat> {
  const res = await tokenFor(browser, body, csrf);
  expect(res.status).toBe(200);
  const chat = (await res.json()) as Chat;
  const started = await browser.request(`${url}/v3/directline/conversations`, {
    method: "POST",
    headers: { authorization: `Bearer ${chat.token}` },
  });
  expect(started.status).toBeLessThan(300);
  return chat;
}

async function say(browser: CookieBrowser, chat: Chat, activity: Record<string, unknown>): Promise<number> {
  const res = await browser.request(`${url}/v3/directline/conversations/${chat.conversationId}/activities`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${chat.token}` },
    body: JSON.stringify({ type: "message", ...activity }),
  });
  await res.text();
  return res.status;
}

type Activity = Record<string, unknown> & { from?: { id?: string; role?: string }; text?: string };
async function read(browser: CookieBrowser, chat: Chat): Promise<Activity[]> {
  const res = await browser.request(`${url}/v3/directline/conversations/${chat.conversationId}/activities`, {
    headers: { authorization: `Bearer ${chat.token}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { activities: Activity[] }).activities;
}

/** Polls until the bot has said something matching `pattern`; returns all bot text so far. */
async function botSays(browser: CookieBrowser, chat: Chat, pattern: RegExp): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const text = (await read(browser, chat))
      .filter((a) => a.from?.role === "bot")
      .map((a) => JSON.stringify(a))
      .join("\n");
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`the bot never said ${pattern}: ${text.slice(-500)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("sign-in", () => {
  it("sets an HttpOnly, SameSite=Lax session cookie (Secure only over https) and answers who is signed in", async () => {
    const browser = new CookieBrowser();
    idp.loginAs = NURSE_A;
    const login = await browser.request(`${url}/auth/login`);
    expect(login.status).toBe(302);
    expect(login.headers.get("location")).toMatch(new RegExp(`^${idp.url}/authorize\\?`));
    expect(new URL(login.headers.get("location")!).searchParams.get("code_challenge_method")).toBe("S256");
    const back = await browser.request(login.headers.get("location")!);
    const callback = await browser.request(back.headers.get("location")!);
    expect(callback.status).toBe(302);
    const cookie = callback.headers.getSetCookie().find((c) => c.startsWith("wc_session="))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    expect(await (await browser.request(`${url}/auth/me`)).json()).toMatchObject({
      mode: "signed-in",
      user: { id: NURSE_A.sub, name: NURSE_A.name },
      rooms: false,
    });
  });

  it("over https the cookies are Secure with the __Host- prefix", async () => {
    const https = createWebChatSignIn({
      oidc: {
        start: async () => ({
          url: "https://idp.example/authorize",
          pending: { state: "s", nonce: "n", verifier: "v" },
        }),
        finish: async () => ({ ...NURSE_A, id: NURSE_A.sub }),
      },
      redirectUri: "https://feedback.example-hospital.org/auth/callback",
      clock: { now: () => new Date() },
      logger: silentLogger,
      mayTriage: () => false,
    });
    const s = createHttpServer({
      logger: silentLogger,
      modules: [{ name: "auth", register: (srv) => https.register(srv) }],
    });
    const { url: local } = await listen(s, 0, "127.0.0.1");
    try {
      const res = await fetch(`${local}/auth/login`, { redirect: "manual" });
      expect(res.headers.getSetCookie()[0]).toMatch(
        /^__Host-wc_login=s; Path=\/; HttpOnly; SameSite=Lax; Max-Age=600; Secure$/,
      );
    } finally {
      await closeServer(s);
    }
  });

  const refusedCallbacks: [string, () => void][] = [
    ["an id_token signed by a key the IdP does not publish", () => (idp.forge = { foreignKey: true })],
    ["an id_token for another client", () => (idp.forge = { audience: "someone-else" })],
    ["an id_token replayed from another sign-in (nonce)", () => (idp.forge = { nonce: "old-nonce" })],
  ];
  it.each(refusedCallbacks)("refuses %s: no session", async (_name, arm) => {
    const browser = new CookieBrowser();
    idp.loginAs = IT;
    arm();
    try {
      const hops = await browser.follow(`${url}/auth/login`);
      expect(hops.at(-1)!.status).toBe(401);
      expect([...browser.cookies.keys()]).not.toContain("wc_session");
      expect((await browser.request(`${url}/auth/me`)).status).toBe(401);
    } finally {
      idp.forge = {};
    }
  });

  it("refuses a callback not started in this browser (login CSRF) and a code used twice", async () => {
    const victim = new CookieBrowser();
    const attacker = new CookieBrowser();
    idp.loginAs = IT;
    const login = await attacker.request(`${url}/auth/login`);
    const back = await attacker.request(login.headers.get("location")!);
    const callbackUrl = back.headers.get("location")!;
    // The attacker's callback link, opened in the victim's browser: no login cookie for that state.
    expect((await victim.request(callbackUrl)).status).toBe(401);
    expect([...victim.cookies.keys()]).not.toContain("wc_session");
    // The attacker's own first use works; the second use of the same code does not.
    expect((await attacker.request(callbackUrl)).status).toBe(302);
    const again = new CookieBrowser();
    again.cookies.set("wc_login", new URL(callbackUrl).searchParams.get("state")!);
    expect((await again.request(callbackUrl)).status).toBe(401);
  });
});

it("the digest JSON (units, systems, summaries) is for signed-in users only", async () => {
  expect((await fetch(`${url}/digest/latest.json`)).status).toBe(401);
  const { browser } = await signedIn(NURSE_A);
  expect((await browser.request(`${url}/digest/latest.json`)).status).toBe(200);
});

it("the CMIO dashboard needs sign-in and triage rights, even from this machine", async () => {
  const page = await fetch(`${url}/dashboard`);
  expect(page.status).toBe(401);
  expect(await page.text()).toContain('href="/auth/login"');
  expect((await fetch(`${url}/dashboard/api/summary`)).status).toBe(401);
  const nurse = (await signedIn(NURSE_A)).browser;
  expect((await nurse.request(`${url}/dashboard/api/summary`)).status).toBe(403);
  expect((await nurse.request(`${url}/dashboard/api/export.csv`)).status).toBe(403);
  const staff = (await signedIn(IT)).browser;
  expect((await staff.request(`${url}/dashboard`)).status).toBe(200);
  const summary = await staff.request(`${url}/dashboard/api/summary`);
  expect(summary.status).toBe(200);
  expect(await summary.json()).toMatchObject({ range: { weeks: 12 } });
});

describe("forged identity", () => {
  it("a token request without a session is 401; without the CSRF token 403; nothing is opened", async () => {
    const anonymous = new CookieBrowser();
    expect((await tokenFor(anonymous, { user: { id: NURSE_A.sub } })).status).toBe(401);
    const { browser } = await signedIn(NURSE_B);
    expect((await tokenFor(browser, { user: { id: NURSE_A.sub } })).status).toBe(403);
    expect((await tokenFor(browser, { user: { id: NURSE_A.sub } }, "wrong-csrf")).status).toBe(403);
  });

  it("the user id in the body is ignored: the chat is the signed-in user's, reports are filed under the IdP subject", async () => {
    const { browser, csrf } = await signedIn(NURSE_B);
    const chat = await open(browser, csrf, { user: { id: NURSE_A.sub, name: "Ann Nurse" } });
    const before = await store.reports.count({});
    expect(await say(browser, chat, { text: "Epic froze on 5 East", from: { id: NURSE_A.sub } })).toBe(200);
    await botSays(browser, chat, /R-\d{4}/);
    const filed = (await store.reports.find({})).slice(before);
    expect(filed.map((r) => r.reporter.ref)).toEqual([`webchat:${NURSE_B.sub}`]);
    expect(filed[0]!.reporter.displayName).toBe(NURSE_B.name);
  });

  it("a Direct Line token without its signed-in browser (stolen, or after sign-out) is refused", async () => {
    const { browser, csrf } = await signedIn(NURSE_A);
    const chat = await open(browser, csrf);
    const thief = new CookieBrowser();
    expect(await say(thief, chat, { text: "Epic is down everywhere" })).toBe(401);
    const other = await signedIn(NURSE_B);
    expect(await say(other.browser, chat, { text: "Epic is down everywhere" })).toBe(401);
    const out = await browser.request(`${url}/auth/logout`, { method: "POST", headers: { "x-csrf-token": csrf } });
    expect(out.status).toBe(200);
    expect(await say(browser, chat, { text: "Epic is down everywhere" })).toBe(401);
  });
});

describe("IT rooms and triage rights come from the configuration", () => {
  it("an unauthenticated or unlisted user cannot join the triage room or list rooms; IT (by IdP group) can", async () => {
    const anonymous = new CookieBrowser();
    expect((await tokenFor(anonymous, { room: "triage" })).status).toBe(401);
    expect((await anonymous.request(`${url}/webchat/rooms`)).status).toBe(401);
    const nurse = await signedIn(NURSE_A);
    expect((await tokenFor(nurse.browser, { room: "triage" }, nurse.csrf)).status).toBe(403);
    expect((await nurse.browser.request(`${url}/webchat/rooms`)).status).toBe(403);
    const it = await signedIn(IT);
    const room = await open(it.browser, it.csrf, { room: "triage" });
    expect((await read(it.browser, room)).length).toBeGreaterThan(0);
    // The nurse cannot use IT's room token from her own browser either.
    expect(
      (
        await nurse.browser.request(`${url}/v3/directline/conversations/triage/activities`, {
          headers: { authorization: `Bearer ${room.token}` },
        })
      ).status,
    ).toBe(401);
  });

  it("a nurse's triage command or forged card action changes nothing; the same command from IT does", async () => {
    const nurse = await signedIn(NURSE_A);
    const chat = await open(nurse.browser, nurse.csrf);
    await say(nurse.browser, chat, { text: "BCMA scanner on 4 West not scanning" });
    const text = await botSays(nurse.browser, chat, /R-\d{4}/);
    const id = /R-\d{4}/.exec(text)![0];
    const before = (await store.reports.get(id))!;

    await say(nurse.browser, chat, { text: `resolve ${id} fixed it myself` });
    await say(nurse.browser, chat, { value: { action: "resolve", reportId: id } });
    await say(nurse.browser, chat, { value: { action: "wontfix", reportId: id } });
    await botSays(nurse.browser, chat, /only the IT triage team/);
    const after = (await store.reports.get(id))!;
    expect(after.status).toBe(before.status);
    expect(after.version).toBe(before.version);

    const it = await signedIn(IT);
    const room = await open(it.browser, it.csrf, { room: "triage" });
    await say(it.browser, room, { text: `ack ${id}` });
    const deadline = Date.now() + 10_000;
    while ((await store.reports.get(id))!.status === before.status && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect((await store.reports.get(id))!.status).toBe("acknowledged");
  });

  it("'my reports' lists only the signed-in reporter's own reports", async () => {
    const a = await signedIn(NURSE_A);
    const chatA = await open(a.browser, a.csrf);
    await say(a.browser, chatA, { text: "Pyxis on 2 South will not open" });
    const idA = /R-\d{4}/.exec(await botSays(a.browser, chatA, /R-\d{4}/))![0];

    const b = await signedIn(NURSE_B);
    // B cannot take over A's chat by resuming A's token, nor by naming A.
    const resumed = await tokenFor(b.browser, { resume: chatA.token, user: { id: NURSE_A.sub } }, b.csrf);
    expect(((await resumed.json()) as Chat).conversationId).not.toBe(chatA.conversationId);
    const chatB = await open(b.browser, b.csrf, { user: { id: NURSE_A.sub } });
    await say(b.browser, chatB, { text: "my reports" });
    const answer = await botSays(b.browser, chatB, /report/i);
    expect(answer).not.toContain(idA);
  });
});
