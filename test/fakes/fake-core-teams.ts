/**
 * Test wiring for the Teams channel: an in-memory ConversationStore, a restify server on 127.0.0.1
 * with the Teams routes over the scriptable fake core, a fake Bot Connector as serviceUrl, and a
 * factory for Bot Framework activities as Teams sends them.
 */
import restify from "restify";
import { createTeamsChannel, type TeamsChannel, type TeamsChannelOptions } from "../../src/adapters/channels/teams";
import { closeServer, createHttpServer, listen } from "../../src/http/server";
import { silentLogger } from "../../src/ports/logger";
import type { ConversationStore } from "../../src/ports/side-stores";
import { createFakeCore, type FakeCore, type FakeCoreOptions } from "./fake-core";
import { startFakeBotConnector, type FakeBotConnector, type Json } from "./fake-bot-connector";
import { mrnRedactor } from "../support/intake-harness";

export interface MemoryConversationStore extends ConversationStore {
  readonly entries: Map<string, Record<string, unknown>>;
}

export function createMemoryConversationStore(): MemoryConversationStore {
  const entries = new Map<string, Record<string, unknown>>();
  return {
    entries,
    async save(key, reference) {
      entries.set(key, structuredClone(reference));
    },
    async get(key) {
      const found = entries.get(key);
      return found ? structuredClone(found) : null;
    },
  };
}

export const BOT = { id: "28:bot-app-id", name: "IT Feedback" };
export const NURSE = { id: "29:nurse-1", name: "Nurse Jackie", aadObjectId: "aad-nurse-1" };

export interface TeamsHarness {
  url: string;
  core: FakeCore;
  connector: FakeBotConnector;
  conversations: MemoryConversationStore;
  teams: TeamsChannel;
  server: restify.Server;
  /** A Teams activity with serviceUrl pointing at the fake connector; override any field. */
  activity(overrides: Record<string, unknown>): Record<string, unknown>;
  /** POSTs an activity to /api/messages; returns status and parsed body. */
  post(activity: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: Json }>;
  close(): Promise<void>;
}

let counter = 0;

export async function startTeamsHarness(
  options: { core?: FakeCoreOptions; teams?: Partial<TeamsChannelOptions> } = {},
): Promise<TeamsHarness> {
  const connector = await startFakeBotConnector();
  const core = createFakeCore(options.core);
  const conversations = createMemoryConversationStore();
  const teams = createTeamsChannel({
    appType: "MultiTenant",
    core,
    conversations,
    clock: { now: () => new Date("2026-03-02T09:00:00Z") },
    logger: silentLogger,
    redactor: mrnRedactor,
    ...options.teams,
  });
  const server = createHttpServer({ logger: silentLogger, modules: [teams.routes] });
  const { url } = await listen(server, 0, "127.0.0.1");
  return {
    url,
    core,
    connector,
    conversations,
    teams,
    server,
    activity(overrides) {
      counter += 1;
      return {
        type: "message",
        id: `in-${counter}`,
        channelId: "msteams",
        serviceUrl: connector.url,
        timestamp: "2026-03-02T09:00:00.000Z",
        from: NURSE,
        recipient: BOT,
        conversation: { id: "a:personal-1", conversationType: "personal", tenantId: "tenant-1" },
        channelData: { tenant: { id: "tenant-1" } },
        ...overrides,
      };
    },
    async post(activity, headers = {}) {
      const response = await fetch(`${url}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(activity),
      });
      const text = await response.text();
      let body: Json = text;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, body };
    },
    async close() {
      await closeServer(server);
      await connector.close();
    },
  };
}
