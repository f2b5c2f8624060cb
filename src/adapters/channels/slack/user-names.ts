/**
 * Display names from users.info, cached; a failed lookup is just "no name" (never blocks a report).
 * A lookup is on the acknowledgement path, so it is waited for only briefly (`waitMs`): when Slack or
 * the client's queue is slow, the message is filed without a name, and the answer, when it comes, is
 * kept for the person's next message. One lookup per user at a time.
 */
import type { webApi } from "@slack/bolt";
import { z } from "zod";

const userInfoSchema = z.object({
  user: z.object({
    real_name: z.string().optional(),
    name: z.string().optional(),
    profile: z.object({ display_name: z.string().optional(), real_name: z.string().optional() }).optional(),
  }),
});

export interface UserNames {
  nameOf(userId: string): Promise<string | null>;
}

export interface UserNamesOptions {
  /** Names kept (the cache is emptied when full). */
  maxEntries?: number;
  /** Longest a caller waits for a lookup before going on without the name. */
  waitMs?: number;
}

export const NAME_LOOKUP_WAIT_MS = 250;

async function lookUp(client: webApi.WebClient, userId: string): Promise<string | null | undefined> {
  try {
    const parsed = userInfoSchema.safeParse(await client.users.info({ user: userId }));
    if (!parsed.success) return null;
    const u = parsed.data.user;
    return u.profile?.display_name || u.real_name || u.profile?.real_name || u.name || null;
  } catch {
    return undefined; // not cached: asked again next time
  }
}

export function createUserNames(client: webApi.WebClient, options: UserNamesOptions = {}): UserNames {
  const maxEntries = options.maxEntries ?? 5000;
  const waitMs = options.waitMs ?? NAME_LOOKUP_WAIT_MS;
  const cache = new Map<string, string | null>();
  const inFlight = new Map<string, Promise<string | null | undefined>>();
  return {
    async nameOf(userId) {
      if (cache.has(userId)) return cache.get(userId) ?? null;
      let lookup = inFlight.get(userId);
      if (!lookup) {
        lookup = lookUp(client, userId).then((name) => {
          inFlight.delete(userId);
          if (name !== undefined) {
            if (cache.size >= maxEntries) cache.clear();
            cache.set(userId, name);
          }
          return name;
        });
        inFlight.set(userId, lookup);
      }
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), waitMs);
      });
      try {
        return (await Promise.race([lookup, late])) ?? null;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
