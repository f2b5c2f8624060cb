/** Who may triage: configured user ids per channel, Slack user groups, or (demo) any web chat user. */
import type { TriageConfig } from "../config/triage-config";
import type { Sender } from "./core-types";

/** Looks up group membership on the platform (the Slack adapter implements it with usergroups.users.list). */
export interface TriagerDirectory {
  slackUserGroupMembers?(groupId: string): Promise<readonly string[]>;
}

/** Teams triage destinations (routes, default, alerts) as conversation ids. */
function teamsTriageChannels(config: TriageConfig): Set<string> {
  const all = [config.defaultDestination, ...config.routes.map((r) => r.destination), ...config.alerts];
  return new Set(all.filter((d) => d.channel === "teams").map((d) => d.destination.replace(/;messageid=.*$/, "")));
}

/** The action came from inside a Teams triage channel (a card there, or a thread in it): its members triage. */
function inTeamsTriageChannel(config: TriageConfig, sender: Sender): boolean {
  const conversation = sender.conversationKey.replace(/^teams:/, "").replace(/;messageid=.*$/, "");
  return teamsTriageChannels(config).has(conversation);
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
      return (
        t.teams.userIds.includes(sender.userId) || (t.teams.channelMembers && inTeamsTriageChannel(config, sender))
      );
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
