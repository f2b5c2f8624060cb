/**
 * Who may triage: configured user ids per channel, Slack user groups, web chat users signed in with
 * OpenID Connect (by subject, e-mail or IdP group), or (demo) any web chat user.
 */
import type { TriageConfig } from "../../config/triage-config";
import type { Sender } from "../intake/core-types";

/** Looks up group membership on the platform (the Slack adapter implements it with usergroups.users.list). */
export interface TriagerDirectory {
  slackUserGroupMembers?(groupId: string): Promise<readonly string[]>;
  /** A signed-in web chat user's e-mail and IdP groups (from the id_token); null when not signed in now. */
  webchatIdentity?(userId: string): WebChatIdentity | null;
}

export interface WebChatIdentity {
  email?: string | null;
  groups: readonly string[];
}

/** Web chat triage rights (and room membership): allowAll (demo), or the user's subject, e-mail or a group is listed. */
export function mayTriageWebchat(
  config: TriageConfig,
  userId: string,
  identity: WebChatIdentity | null | undefined,
): boolean {
  const t = config.triagers.webchat;
  if (t.allowAll || t.userIds.includes(userId)) return true;
  if (!identity) return false;
  const email = identity.email?.toLowerCase();
  if (email && t.userIds.some((id) => id.toLowerCase() === email)) return true;
  return identity.groups.some((group) => t.groups.includes(group));
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
      return mayTriageWebchat(config, sender.userId, directory?.webchatIdentity?.(sender.userId));
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
