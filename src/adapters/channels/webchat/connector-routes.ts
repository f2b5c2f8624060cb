/**
 * The local Bot Connector the web chat's bot replies to (its `serviceUrl`): the Bot Framework
 * REST subset botbuilder's ConnectorClient calls — send, reply, update. Replies are appended to
 * the conversation's log, where Web Chat picks them up by polling. A random per-process secret in
 * the path keeps anyone else from posting "bot" messages into a conversation.
 */
import { timingSafeEqual } from "node:crypto";
import restify from "restify";
import { z } from "zod";
import { jsonShapeGuard } from "../../../http/json-limits";
import type { Logger } from "../../../ports/logger";
import type { ConversationLog } from "./conversation-log";
import { keepLineBreaks } from "./line-breaks";

export const CONNECTOR_PATH = "/webchat/connector";
const MAX_BODY_BYTES = 512 * 1024;

const OutgoingActivity = z.looseObject({ type: z.string().min(1).max(32) });

export interface ConnectorDeps {
  log: ConversationLog;
  logger: Logger;
  secret: string;
  bot: { id: string; name: string };
}

function sameSecret(given: string | undefined, secret: string): boolean {
  const a = Buffer.from(given ?? "");
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function registerConnectorRoutes(server: restify.Server, deps: ConnectorDeps): void {
  const json = [restify.plugins.bodyParser({ mapParams: false, maxBodySize: MAX_BODY_BYTES }), jsonShapeGuard()];
  const base = `${CONNECTOR_PATH}/:secret/v3/conversations/:conversationId/activities`;

  const handle = (mode: "post" | "update") => (req: restify.Request, res: restify.Response, next: restify.Next) => {
    respond(mode, req, res);
    next();
  };
  const respond = (mode: "post" | "update", req: restify.Request, res: restify.Response): void => {
    const params = req.params as { secret?: string; conversationId?: string; activityId?: string };
    if (!sameSecret(params.secret, deps.secret)) return void res.send(403, { error: { code: "Forbidden" } });
    const conversation = deps.log.get(params.conversationId ?? "");
    if (!conversation) return void res.send(404, { error: { code: "ConversationNotFound" } });
    const parsed = OutgoingActivity.safeParse(req.body);
    if (!parsed.success) return void res.send(400, { error: { code: "BadArgument" } });
    const activity = { ...keepLineBreaks(parsed.data), from: { ...deps.bot, role: "bot" }, channelId: "webchat" };
    if (mode === "update") {
      const ok = deps.log.replace(conversation, params.activityId ?? "", activity);
      return void res.send(ok ? 200 : 404, ok ? { id: params.activityId } : { error: { code: "ActivityNotFound" } });
    }
    const published = deps.log.append(conversation, activity);
    res.send(200, { id: published.id });
  };

  server.post(base, ...json, handle("post"));
  server.post(`${base}/:activityId`, ...json, handle("post"));
  server.put(`${base}/:activityId`, ...json, handle("update"));
}
