/**
 * The in-memory activity log of each web chat conversation (what a Direct Line service keeps):
 * activities get ids and a watermark; an update re-publishes the activity under its old id and
 * timestamp, which Web Chat renders in place.
 *
 * Two kinds of conversation: a private one per browser (its owner's chat with the bot), and shared
 * rooms named by configured destinations ("webchat:triage"): every browser that opens a room sees
 * the same log, each under its own user. A browser holds a session token bound to one conversation
 * and one user. Bounded: old private conversations, unpinned rooms, sessions and activities are
 * dropped; pinned rooms (the triage room) are never evicted.
 */
import { randomBytes } from "node:crypto";
import type { Clock } from "../../../ports/clock";

export type ChatActivity = Record<string, unknown> & { id?: string; timestamp?: string };
export interface ChatUser {
  id: string;
  name: string;
}

export interface ChatConversation {
  id: string;
  kind: "private" | "room";
  /** Rooms only: never evicted. */
  pinned: boolean;
  /** The owner of a private conversation; null for a room. */
  owner: ChatUser | null;
  /** The bot was told about the conversation (welcome sent). */
  started: boolean;
  /** Every published activity in order; the watermark is an index into it. */
  entries: ChatActivity[];
  /** How many early entries were dropped (watermarks stay absolute). */
  dropped: number;
  lastUsed: number;
}

/** One browser's access to one conversation, as one user. */
export interface ChatSession {
  token: string;
  conversation: ChatConversation;
  user: ChatUser;
  lastUsed: number;
}

export interface ConversationLogLimits {
  maxConversations: number;
  maxActivities: number;
  /** Shared rooms kept at once, pinned ones included. */
  maxRooms?: number;
  /** Session tokens kept at once (each browser has one per conversation it opened). */
  maxSessions?: number;
}

const DEFAULT_LIMITS: ConversationLogLimits = {
  maxConversations: 200,
  maxActivities: 400,
  maxRooms: 20,
  maxSessions: 1000,
};

/** Room names: what a destination after "webchat:" may be. */
export const ROOM_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export class ConversationLog {
  private readonly byId = new Map<string, ChatConversation>();
  private readonly sessions = new Map<string, ChatSession>();
  private readonly maxRooms: number;
  private readonly maxSessions: number;
  private seq = 0;

  constructor(
    private readonly clock: Clock,
    private readonly limits: ConversationLogLimits = DEFAULT_LIMITS,
  ) {
    this.maxRooms = limits.maxRooms ?? DEFAULT_LIMITS.maxRooms!;
    this.maxSessions = limits.maxSessions ?? DEFAULT_LIMITS.maxSessions!;
  }

  /** A new private conversation for `user`, and the session that opens it. */
  create(user: ChatUser): ChatSession {
    if (this.count("private") >= this.limits.maxConversations) this.evictOldest("private");
    const conversation = this.newConversation(randomBytes(12).toString("hex"), "private", false, user);
    return this.openSession(conversation, user);
  }

  /** A session on an existing room; null when there is no such room. */
  join(roomName: string, user: ChatUser): ChatSession | null {
    const room = this.byId.get(roomName);
    if (!room || room.kind !== "room") return null;
    return this.openSession(room, user);
  }

  /** The session behind `token` if its private conversation still exists and belongs to `userId`. */
  resume(token: string, userId: string): ChatSession | null {
    const session = this.sessions.get(token);
    if (!session || session.conversation.kind !== "private" || session.user.id !== userId) return null;
    if (this.byId.get(session.conversation.id) !== session.conversation) return null;
    session.lastUsed = this.now();
    return session;
  }

  /**
   * The room called `name`, created when missing (a message for it must not be lost). Null when the
   * name is not a valid room name or is taken by a private conversation.
   */
  room(name: string, options: { pinned?: boolean; intro?: ChatActivity } = {}): ChatConversation | null {
    const existing = this.byId.get(name);
    if (existing) {
      if (existing.kind !== "room") return null;
      if (options.pinned) existing.pinned = true;
      return existing;
    }
    if (!ROOM_NAME.test(name)) return null;
    if (this.count("room") >= this.maxRooms) this.evictOldest("room");
    const room = this.newConversation(name, "room", options.pinned ?? false, null);
    if (options.intro) this.append(room, options.intro);
    return room;
  }

  rooms(): ChatConversation[] {
    return [...this.byId.values()].filter((c) => c.kind === "room");
  }

  get(id: string): ChatConversation | null {
    return this.byId.get(id) ?? null;
  }

  /** The live session behind an `Authorization: Bearer <token>` header. */
  byBearer(authorization: string | undefined): ChatSession | null {
    const match = /^Bearer (.+)$/.exec(authorization ?? "");
    const session = match?.[1] ? this.sessions.get(match[1]) : undefined;
    if (!session || this.byId.get(session.conversation.id) !== session.conversation) return null;
    session.lastUsed = this.now();
    return session;
  }

  /** Appends an activity with a fresh id (ids avoid "|": refs are `${conversationId}|${activityId}`). */
  append(conversation: ChatConversation, activity: ChatActivity): ChatActivity {
    this.seq += 1;
    const published: ChatActivity = {
      ...activity,
      id: `${conversation.id}-${String(this.seq).padStart(7, "0")}`,
      timestamp: this.clock.now().toISOString(),
      conversation: { id: conversation.id },
    };
    this.publish(conversation, published);
    return published;
  }

  /** Re-publishes activity `id` with new content; false when it is unknown. */
  replace(conversation: ChatConversation, id: string, activity: ChatActivity): boolean {
    const previous = [...conversation.entries].reverse().find((a) => a.id === id);
    if (!previous) return false;
    this.publish(conversation, {
      ...activity,
      id,
      timestamp: previous.timestamp,
      conversation: { id: conversation.id },
    });
    return true;
  }

  /** Activities after `watermark` and the new watermark. */
  since(conversation: ChatConversation, watermark: number): { activities: ChatActivity[]; watermark: number } {
    conversation.lastUsed = this.now();
    const end = conversation.dropped + conversation.entries.length;
    const from = Math.max(0, Math.min(watermark, end) - conversation.dropped);
    return { activities: conversation.entries.slice(from), watermark: end };
  }

  private now(): number {
    return this.clock.now().getTime();
  }

  private newConversation(
    id: string,
    kind: ChatConversation["kind"],
    pinned: boolean,
    owner: ChatUser | null,
  ): ChatConversation {
    const conversation: ChatConversation = {
      id,
      kind,
      pinned,
      owner,
      started: false,
      entries: [],
      dropped: 0,
      lastUsed: this.now(),
    };
    this.byId.set(id, conversation);
    return conversation;
  }

  private openSession(conversation: ChatConversation, user: ChatUser): ChatSession {
    if (this.sessions.size >= this.maxSessions) {
      let oldest: ChatSession | null = null;
      for (const s of this.sessions.values()) if (!oldest || s.lastUsed < oldest.lastUsed) oldest = s;
      if (oldest) this.sessions.delete(oldest.token);
    }
    const session = { token: randomBytes(24).toString("base64url"), conversation, user, lastUsed: this.now() };
    this.sessions.set(session.token, session);
    return session;
  }

  private count(kind: ChatConversation["kind"]): number {
    let n = 0;
    for (const c of this.byId.values()) if (c.kind === kind) n += 1;
    return n;
  }

  private publish(conversation: ChatConversation, activity: ChatActivity): void {
    conversation.entries.push(activity);
    conversation.lastUsed = this.now();
    // Past the cap the oldest half is dropped; a client that was far behind simply misses those.
    if (conversation.entries.length > this.limits.maxActivities) {
      const drop = Math.floor(this.limits.maxActivities / 2);
      conversation.entries.splice(0, drop);
      conversation.dropped += drop;
    }
  }

  /** Drops the least recently used private conversation or unpinned room, and its sessions. */
  private evictOldest(kind: ChatConversation["kind"]): void {
    let oldest: ChatConversation | null = null;
    for (const c of this.byId.values())
      if (c.kind === kind && !c.pinned && (!oldest || c.lastUsed < oldest.lastUsed)) oldest = c;
    if (!oldest) return;
    this.byId.delete(oldest.id);
    for (const [token, session] of this.sessions) if (session.conversation === oldest) this.sessions.delete(token);
  }
}
