/**
 * What the service does with its store before it takes reports: connect (retrying while MongoDB is
 * still coming up) and read the shared salt for anonymous reporters.
 */
import { randomBytes } from "node:crypto";
import type { Env } from "./config/env";
import { AppError } from "./domain/errors";
import type { Logger } from "./ports/logger";
import type { Store } from "./ports/store";

const SALT_KEY = "system:anonymous-salt";

/** The salt must be the same on every instance: kept in the store unless ANONYMOUS_SALT is given. */
export async function anonymousSalt(env: Env, store: Store): Promise<string> {
  if (env.ANONYMOUS_SALT) return env.ANONYMOUS_SALT;
  const existing = await store.conversations.get(SALT_KEY);
  if (typeof existing?.["salt"] === "string") return existing["salt"];
  if (await store.idempotency.firstTime(SALT_KEY, new Date())) {
    await store.conversations.save(SALT_KEY, { salt: randomBytes(32).toString("hex") }, new Date());
  }
  for (let i = 0; i < 50; i++) {
    const saved = await store.conversations.get(SALT_KEY);
    if (typeof saved?.["salt"] === "string") return saved["salt"];
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new AppError("STORAGE_UNAVAILABLE", "Could not read the anonymous-reporter salt from the store");
}

/**
 * MongoDB may come up after us (containers start in any order): retry for up to 30 s, then exit
 * with a clear message, so the process manager shows a failed start instead of a half-alive bot.
 * Each attempt opens a fresh store (a fresh driver client): the MongoDB driver closes a client whose
 * first connection failed, and a closed client only ever answers "Topology is closed".
 */
export async function connectStore(open: () => Store, logger: Logger, timeoutMs = 30_000): Promise<Store> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    const store = open();
    try {
      await store.init();
      return store;
    } catch (err) {
      await store.close().catch(() => undefined);
      if (store.kind === "embedded" || Date.now() > deadline) throw err;
      logger.warn({ attempt, err: (err as Error).message }, "store not reachable yet; retrying");
      await new Promise((r) => setTimeout(r, Math.min(5_000, 500 * attempt)));
    }
  }
}
