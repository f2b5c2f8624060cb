/**
 * Microsoft Teams: POST /api/messages through the botbuilder CloudAdapter into the shared
 * ChannelBot, plus the proactive ChannelSender. Wire it in main:
 *
 *   const teams = createTeamsChannel({ appId, appPassword, tenantId, appType, core, conversations, clock, logger });
 *   createHttpServer({ logger, modules: [..., teams.routes] });  senders.push(teams.sender);
 */
import restify from "restify";
import type { CloudAdapter } from "botbuilder";
import type { BotCore } from "../../../app/intake/core-types";
import { jsonShapeGuard } from "../../../http/json-limits";
import type { RouteModule } from "../../../http/server";
import type { ChannelSender } from "../../../ports/channel";
import type { Clock } from "../../../ports/clock";
import type { Redactor } from "../../../ports/redactor";
import type { Logger } from "../../../ports/logger";
import type { ConversationStore } from "../../../ports/side-stores";
import { ChannelBot } from "./channel-bot";
import { createCloudAdapter, type MicrosoftAppType } from "./cloud-adapter";
import type { ChannelIdentity } from "./inbound";
import { processTeamsRequest } from "./process-request";
import type { CardActionKind } from "./render-card";
import { createTeamsSender } from "./teams-sender";

export const TEAMS_MESSAGES_PATH = "/api/messages";
/** Bot Framework activities are small; larger bodies are refused before parsing. */
const MAX_ACTIVITY_BYTES = 512 * 1024;

export interface TeamsChannelOptions {
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  appType: MicrosoftAppType;
  core: BotCore;
  conversations: ConversationStore;
  clock: Clock;
  logger: Logger;
  /** Buttons as Action.Submit (default; also renders in the Emulator) or Action.Execute. */
  actionKind?: CardActionKind;
  /** Prefills "Report to IT" with the message redacted; without one the form starts empty. */
  redactor?: Redactor;
}

export interface TeamsChannel {
  routes: RouteModule;
  sender: ChannelSender;
  adapter: CloudAdapter;
  bot: ChannelBot;
}

export const TEAMS_IDENTITY: ChannelIdentity = { channel: "teams", keyPrefix: "teams" };

export function createTeamsChannel(options: TeamsChannelOptions): TeamsChannel {
  const adapter = createCloudAdapter(options, options.logger);
  const bot = new ChannelBot({ ...options, identity: TEAMS_IDENTITY });
  const routes: RouteModule = {
    name: "teams",
    register(server) {
      server.post(
        TEAMS_MESSAGES_PATH,
        restify.plugins.bodyParser({ mapParams: false, maxBodySize: MAX_ACTIVITY_BYTES, requestBodyOnGet: false }),
        jsonShapeGuard(),
        async (req: restify.Request, res: restify.Response) => {
          await processTeamsRequest(adapter, req, res, (context) => bot.run(context), options.logger);
        },
      );
    },
  };
  const sender = createTeamsSender({
    adapter,
    appId: options.appId ?? "",
    identity: TEAMS_IDENTITY,
    conversations: options.conversations,
    render: { actionKind: options.actionKind ?? "submit" },
  });
  return { routes, sender, adapter, bot };
}

export { renderCard, renderActivity } from "./render-card";
export { ChannelBot } from "./channel-bot";
export { createCloudAdapter } from "./cloud-adapter";
export { createTeamsSender } from "./teams-sender";
