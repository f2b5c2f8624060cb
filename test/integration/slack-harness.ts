/**
 * The Slack channel mounted on the real restify server on 127.0.0.1, talking to a fake Slack Web
 * API and a scriptable fake core. Tests post signed requests to `eventsUrl`.
 */
import { createSlackChannel, type SlackChannel } from "../../src/adapters/channels/slack/create-slack-channel";
import { closeServer, createHttpServer, listen } from "../../src/http/server";
import type { Clock } from "../../src/ports/clock";
import { silentLogger, type Logger } from "../../src/ports/logger";
import type { ConversationStore, IdempotencyStore } from "../../src/ports/side-stores";
import { createFakeCore, type FakeCore, type FakeCoreOptions } from "../fakes/fake-core";
import { startFakeSlackApi, type FakeSlackApi } from "../fakes/fake-slack-api";
import { mrnRedactor } from "../support/intake-harness";
import { postSigned, type SignedPostOptions, type SlackBody } from "../fakes/slack-signing";

export const SIGNING_SECRET = "test-signing-secret-0123456789";
export const BOT_TOKEN = "xoxb-test-token";

export class MemoryConversations implements ConversationStore {
  readonly saved = new Map<string, Record<string, unknown>>();
  async save(key: string, reference: Record<string, unknown>): Promise<void> {
    this.saved.set(key, reference);
  }
  async get(key: string): Promise<Record<string, unknown> | null> {
    return this.saved.get(key) ?? null;
  }
}

export class MemoryIdempotency implements IdempotencyStore {
  readonly values = new Map<string, string>();
  async firstTime(key: string): Promise<boolean> {
    if (this.values.has(key)) return false;
    this.values.set(key, "");
    return true;
  }
  async seen(key: string): Promise<boolean> {
    return this.values.has(key);
  }
  async claim(key: string, value: string): Promise<string | null> {
    const first = this.values.get(key);
    if (first !== undefined) return first;
    this.values.set(key, value);
    return null;
  }
}

export interface SlackHarness {
  api: FakeSlackApi;
  core: FakeCore;
  conversations: MemoryConversations;
  idempotency: MemoryIdempotency;
  channel: SlackChannel;
  eventsUrl: string;
  post(content: SlackBody, options?: Partial<SignedPostOptions>): Promise<Response>;
  close(): Promise<void>;
}

export async function startSlackHarness(
  options: {
    core?: FakeCoreOptions;
    clock?: Clock;
    logger?: Logger;
    ackDeadlineMs?: number;
    maxOpenEvents?: number;
  } = {},
): Promise<SlackHarness> {
  const api = await startFakeSlackApi({ token: BOT_TOKEN });
  const core = createFakeCore(options.core);
  const conversations = new MemoryConversations();
  const idempotency = new MemoryIdempotency();
  const channel = createSlackChannel({
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    slackApiUrl: api.url,
    core,
    conversations,
    idempotency,
    clock: options.clock ?? { now: () => new Date() },
    logger: options.logger ?? silentLogger,
    redactor: mrnRedactor,
    ...(options.ackDeadlineMs !== undefined ? { ackDeadlineMs: options.ackDeadlineMs } : {}),
    ...(options.maxOpenEvents !== undefined ? { maxOpenEvents: options.maxOpenEvents } : {}),
  });
  const server = createHttpServer({ logger: options.logger ?? silentLogger, modules: [channel.routes] });
  const { url } = await listen(server, 0, "127.0.0.1");
  await channel.start();
  const eventsUrl = `${url}/slack/events`;
  return {
    api,
    core,
    conversations,
    idempotency,
    channel,
    eventsUrl,
    post: (content, postOptions = {}) => postSigned(eventsUrl, content, { secret: SIGNING_SECRET, ...postOptions }),
    async close() {
      await channel.stop();
      await closeServer(server);
      await api.close();
    },
  };
}

/** Every string anywhere in a JSON value (to assert on rendered blocks). */
export function allStrings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value && typeof value === "object") return Object.values(value).flatMap(allStrings);
  return [];
}
