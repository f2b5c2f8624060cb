/** Who may triage: configured user ids per channel, Slack user groups, or (demo) any web chat user. */
import type { TriageConfig } from "../config/triage-config";
import type { Sender } from "./core-types";

/** Looks up group membership on the platform (the Slack adapter implements it with usergroups.users.list). */
export interface TriagerDirectory {
  slackUserGroupMembers?(groupId: string): Promise<readonly string[]>;
}

export async function isTriager(
  config: TriageConfig,
  directory: TriagerDirectory | null | undefined,
  sender: Sender,
): Promise<boolean> {
  const t = config.triagers;
  switch (sender.channel) {
    case "webchat":
      return t.webchat.allowAll || t.webchat.userIds.includes(sender.userId);
    case "teams":
      return t.teams.userIds.includes(sender.userId);
    case "slack": {
      if (t.slack.userIds.includes(sender.userId)) return true;
      const lookup = directory?.slackUserGroupMembers?.bind(directory);
      if (!lookup) return false;
      for (const group of t.slack.userGroups) {
        try {
          if ((await lookup(group)).includes(sender.userId)) return true;
        } catch {
          // A failed lookup must not grant access; the next group may still answer.
        }
      }
      return false;
    }
    default:
      return false;
  }
}
