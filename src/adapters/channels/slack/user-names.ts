/** Display names from users.info, cached; a failed lookup is just "no name" (never blocks a report). */
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

export function createUserNames(client: webApi.WebClient, maxEntries = 5000): UserNames {
  const cache = new Map<string, string | null>();
  return {
    async nameOf(userId) {
      if (cache.has(userId)) return cache.get(userId) ?? null;
      let name: string | null = null;
      try {
        const parsed = userInfoSchema.safeParse(await client.users.info({ user: userId }));
        if (parsed.success) {
          const u = parsed.data.user;
          name = u.profile?.display_name || u.real_name || u.profile?.real_name || u.name || null;
        }
      } catch {
        return null;
      }
      if (cache.size >= maxEntries) cache.clear();
      cache.set(userId, name);
      return name;
    },
  };
}
