/**
 * Shared web chat rooms: the destinations "webchat:<name>" the triage configuration names. The
 * "triage" room exists from the start and is never evicted; others appear with their first message.
 * Each room opens with a short intro saying what arrives there. GET /webchat/rooms lists them.
 */
import type restify from "restify";
import type { BotMessage } from "../../../domain/message";
import { renderActivity } from "../teams/render-card";
import type { WebChatSignIn } from "./auth/sign-in";
import type { ChatConversation, ConversationLog } from "./conversation-log";

export const TRIAGE_ROOM = "triage";

function intro(name: string): BotMessage {
  if (name === TRIAGE_ROOM)
    return {
      title: "IT triage",
      text:
        "New problem reports, patient-safety alerts, probable-outage alerts and the weekly CMIO digest arrive here. " +
        "Use the buttons on a card, or type a command:",
      facts: [
        { label: "list open", value: "open reports, newest first" },
        { label: "show R-0001", value: "one report with its history" },
        { label: "ack R-0001", value: "acknowledge" },
        { label: "assign R-0001 me", value: "take it" },
        { label: "resolve R-0001 <note>", value: "close it; the reporter is told, with the note" },
      ],
      note: "Everyone who opens this view sees the same room.",
    };
  return { title: `Room "${name}"`, text: `Messages the bot sends to webchat:${name} arrive here.` };
}

export function roomTitle(name: string): string {
  return name === TRIAGE_ROOM ? "IT triage" : name;
}

/** Gets or creates room `name`, with its intro when new; null for an invalid name. */
export function roomOpener(log: ConversationLog, bot: { id: string; name: string }) {
  return (name: string, pinned = false): ChatConversation | null =>
    log.room(name, {
      pinned,
      intro: { ...renderActivity(intro(name)), from: { ...bot, role: "bot" }, channelId: "webchat" },
    });
}

export function registerRoomRoutes(server: restify.Server, log: ConversationLog, signIn?: WebChatSignIn | null): void {
  server.get("/webchat/rooms", (req: restify.Request, res: restify.Response, next: restify.Next) => {
    if (signIn) {
      const web = signIn.current(req);
      if (!web || !signIn.mayUseRooms(web.user.id)) {
        res.send(web ? 403 : 401, { error: "not allowed" });
        return next();
      }
    }
    const rooms = log
      .rooms()
      .sort((a, b) => Number(b.pinned) - Number(a.pinned) || a.id.localeCompare(b.id))
      .map((room) => ({ name: room.id, title: roomTitle(room.id), pinned: room.pinned }));
    res.header("Cache-Control", "no-cache");
    res.send(200, { rooms });
    next();
  });
}
