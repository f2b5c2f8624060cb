/** Members of a Slack user group (e.g. the IT triage group), cached for a few minutes. */
import type { webApi } from "@slack/bolt";

export function createUserGroupMembers(
  client: webApi.WebClient,
  now: () => number,
  ttlMs = 5 * 60_000,
): (groupId: string) => Promise<readonly string[]> {
  const cache = new Map<string, { at: number; members: Promise<readonly string[]> }>();
  return (groupId) => {
    const hit = cache.get(groupId);
    if (hit && now() - hit.at < ttlMs) return hit.members;
    const members = client.usergroups.users.list({ usergroup: groupId }).then((r) => r.users ?? []);
    cache.set(groupId, { at: now(), members });
    members.catch(() => cache.delete(groupId));
    return members;
  };
}
