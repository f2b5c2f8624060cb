/**
 * Web chat rooms over the local Direct Line endpoint (HTTP, fake core): the pinned "triage" room
 * shared by several browser users, rooms created on the first message to "webchat:<name>", bounded
 * memory, resuming a private chat, and proactive messages kept after a running turn.
 */
import type restify from "restify";
import { createWebChat, type WebChat } from "../../src/adapters/channels/webchat";
import { closeServer, createHttpServer, listen } from "../../src/http/server";
import { silentLogger } from "../../src/ports/logger";
import { createFakeCore, type FakeCore } from "../fakes/fake-core";
import { createMemoryConversationStore } from "../fakes/fake-core-teams";
import { mrnRedactor } from "../support/intake-harness";

type Activity = Record<string, unknown> & { id: string; type: string; text?: string; from?: { id?: string } };
interface Session {
  token: string;
  conversationId: string;
}

async function startChat(
  options: Partial<Parameters<typeof createWebChat>[0]> = {},
): Promise<{ url: string; server: restify.Server; webchat: WebChat; core: FakeCore }> {
  const core = createFakeCore();
  const webchat = createWebChat({
    core,
    conversations: createMemoryConversationStore(),
    clock: { now: () => new Date() },
    logger: silentLogger,
    redactor: mrnRedactor,
    ...options,
  });
  const server = createHttpServer({ logger: silentLogger, modules: [webchat.routes] });
  const { url } = await listen(server, 0, "127.0.0.1");
  return { url, server, webchat, core };
}

describe("web chat rooms", () => {
  let url: string;
  let server: restify.Server;
  let webchat: WebChat;
  let core: FakeCore;

  beforeAll(async () => {
    ({ url, server, webchat, core } = await startChat({
      limits: { maxConversations: 50, maxActivities: 100, maxRooms: 3 },
    }));
  });
  afterAll(async () => {
    if (server) await closeServer(server);
  });

  const post = async (path: string, body: unknown, token?: string) =>
    fetch(`${url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  const tokenFor = async (body: unknown): Promise<Session> => {
    const response = await post("/v3/directline/tokens/generate", body);
    expect(response.status).toBe(200);
    const session = (await response.json()) as Session;
    expect((await post("/v3/directline/conversations", {}, session.token)).status).toBeLessThan(300);
    return session;
  };
  const activities = async (session: Session): Promise<Activity[]> => {
    const response = await fetch(`${url}/v3/directline/conversations/${session.conversationId}/activities`, {
      headers: { authorization: `Bearer ${session.token}` },
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { activities: Activity[] }).activities;
  };
  const say = async (session: Session, text: string) => {
    const response = await post(
      `/v3/directline/conversations/${session.conversationId}/activities`,
      { type: "message", text },
      session.token,
    );
    expect(response.status).toBe(200);
  };
  const cardText = (a: Activity) => JSON.stringify(a.attachments ?? []);
  /** Polls the conversation (as Web Chat does) until an activity matches. */
  const waitForActivity = async (session: Session, match: (a: Activity) => boolean): Promise<Activity[]> => {
    for (let i = 0; i < 100; i++) {
      const all = await activities(session);
      if (all.some(match)) return all;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error("timed out waiting for an activity");
  };
  const rooms = async () =>
    ((await (await fetch(`${url}/webchat/rooms`)).json()) as { rooms: { name: string; pinned: boolean }[] }).rooms;

  it("the triage room exists from the start, is shared by every browser user, and gets what is sent to it", async () => {
    expect(await rooms()).toContainEqual(expect.objectContaining({ name: "triage", pinned: true }));
    const dana = await tokenFor({ user: { id: "dl_dana", name: "Dana (IT)" }, room: "triage" });
    const lee = await tokenFor({ user: { id: "dl_lee", name: "Lee (IT)" }, room: "triage" });
    expect(dana.conversationId).toBe("triage");
    expect(lee.conversationId).toBe("triage");
    expect(dana.token).not.toBe(lee.token);

    const ref = await webchat.sender.send(
      { conversationKey: null, destination: "triage" },
      { title: "R-1001: scanner down", text: "Line one\nLine two" },
    );
    expect(ref).toMatch(/^triage\|/);
    await say(dana, "list open");
    await core.waitForCalls(1);
    expect(core.messages[0]!.sender).toMatchObject({
      channel: "webchat",
      userId: "dl_dana",
      userName: "Dana (IT)",
      conversationKey: "webchat:triage",
    });

    const seenByLee = await waitForActivity(lee, (a) => cardText(a).includes("echo: list open"));
    expect(cardText(seenByLee[0]!)).toContain("New problem reports"); // the room's intro
    const card = seenByLee.find((a) => cardText(a).includes("R-1001: scanner down"))!;
    expect(cardText(card)).toContain("Line one  \\nLine two"); // a Markdown hard break
    // Dana's message reaches Lee as Dana's (named, on the other side), in plain text.
    expect(seenByLee.find((a) => a.text === "Dana (IT): list open")).toMatchObject({
      from: { id: "dl_dana", name: "Dana (IT)", role: "channel" },
      textFormat: "plain",
    });

    // An update in place reaches every viewer under the card's id.
    await webchat.sender.send(
      { conversationKey: null, destination: "webchat:triage" },
      { title: "R-1001: scanner down", text: "Acknowledged" },
      { replaceRef: ref },
    );
    const updated = (await activities(dana)).filter((a) => a.id === card.id);
    expect(cardText(updated.at(-1)!)).toContain("Acknowledged");
  });

  it("creates a room on the first message to it; rooms stay bounded and the triage room is never evicted", async () => {
    await webchat.sender.send({ conversationKey: null, destination: "webchat:it-ehr" }, { text: "first for EHR" });
    const ehr = await tokenFor({ user: { id: "dl_dana" }, room: "it-ehr" });
    expect((await activities(ehr)).some((a) => cardText(a).includes("first for EHR"))).toBe(true);

    for (const name of ["r1", "r2", "r3", "r4"])
      await webchat.sender.send({ conversationKey: null, destination: name }, { text: `hello ${name}` });
    const names = (await rooms()).map((r) => r.name);
    expect(names).toHaveLength(3);
    expect(names).toEqual(expect.arrayContaining(["triage", "r3", "r4"]));
    expect((await post("/v3/directline/tokens/generate", { room: "r1" })).status).toBe(404);
    // The evicted room's viewers lose access rather than reading a stale log.
    const gone = await fetch(`${url}/v3/directline/conversations/it-ehr/activities`, {
      headers: { authorization: `Bearer ${ehr.token}` },
    });
    expect(gone.status).toBe(403);
  });

  it("refuses bad room names and reporters' conversations that are gone", async () => {
    await expect(
      webchat.sender.send({ conversationKey: null, destination: "bad name!" }, { text: "x" }),
    ).rejects.toThrow(/cannot be a web chat room/);
    await expect(
      webchat.sender.send({ conversationKey: "webchat:0123456789abcdef01234567", destination: null }, { text: "x" }),
    ).rejects.toThrow(/is gone/);
  });

  it("gives a browser its private chat back with the resume token, only to the same user", async () => {
    const first = await tokenFor({ user: { id: "dl_sam", name: "Sam" } });
    await say(first, "hello");
    await waitForActivity(first, (a) => cardText(a).includes("echo: hello"));
    const again = await tokenFor({ user: { id: "dl_sam", name: "Sam" }, resume: first.token });
    expect(again.conversationId).toBe(first.conversationId);
    expect((await activities(again)).some((a) => a.text === "hello")).toBe(true);
    const stranger = await tokenFor({ user: { id: "dl_other" }, resume: first.token });
    expect(stranger.conversationId).not.toBe(first.conversationId);
  });

  it("keeps a proactive message after the reply of a turn that is still running", async () => {
    const session = await tokenFor({ user: { id: "dl_ana", name: "Ana" } });
    core.script({ delayMs: 400 });
    try {
      const turn = say(session, "slow one");
      await new Promise((resolve) => setTimeout(resolve, 100));
      await webchat.sender.send(
        { conversationKey: `webchat:${session.conversationId}`, destination: null },
        { text: "proactive" },
      );
      await turn;
    } finally {
      core.script({ delayMs: 0 });
    }
    const texts = (await activities(session)).map((a) => a.text ?? cardText(a));
    const reply = texts.findIndex((t) => t.includes("echo: slow one"));
    const proactive = texts.findIndex((t) => t.includes("proactive"));
    expect(reply).toBeGreaterThan(-1);
    expect(proactive).toBeGreaterThan(reply);
  });
});
