/**
 * The in-memory activity log of each web chat conversation (what a Direct Line service keeps):
 * activities get ids and a watermark; an update re-publishes the activity under its old id and
 * timestamp, which Web Chat renders in place. Bounded: old conversations and activities are dropped.
 */
import { randomBytes } from "node:crypto";
import type { Clock } from "../../../ports/clock";

export type ChatActivity = Record<string, unknown> & { id?: string; timestamp?: string };

export interface ChatConversation {
  id: string;
  token: string;
  user: { id: string; name: string };
  started: boolean;
  /** Every published activity in order; the watermark is an index into it. */
  entries: ChatActivity[];
  /** How many early entries were dropped (watermarks stay absolute). */
  dropped: number;
  lastUsed: number;
}

export interface ConversationLogLimits {
  maxConversations: number;
  maxActivities: number;
}

const DEFAULT_LIMITS: ConversationLogLimits = { maxConversations: 200, maxActivities: 400 };

export class ConversationLog {
  private readonly byId = new Map<string, ChatConversation>();
  private readonly byToken = new Map<string, ChatConversation>();
  private seq = 0;

  constructor(
    private readonly clock: Clock,
    private readonly limits: ConversationLogLimits = DEFAULT_LIMITS,
  ) {}

  create(user: { id: string; name: string }): ChatConversation {
    if (this.byId.size >= this.limits.maxConversations) this.evictOldest();
    const conversation: ChatConversation = {
      id: randomBytes(12).toString("hex"),
      token: randomBytes(24).toString("base64url"),
      user,
      started: false,
      entries: [],
      dropped: 0,
      lastUsed: this.clock.now().getTime(),
    };
    this.byId.set(conversation.id, conversation);
    this.byToken.set(conversation.token, conversation);
    return conversation;
  }

  get(id: string): ChatConversation | null {
    return this.byId.get(id) ?? null;
  }

  byBearer(authorization: string | undefined): ChatConversation | null {
    const match = /^Bearer (.+)$/.exec(authorization ?? "");
    return match?.[1] ? (this.byToken.get(match[1]) ?? null) : null;
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
    conversation.lastUsed = this.clock.now().getTime();
    const end = conversation.dropped + conversation.entries.length;
    const from = Math.max(0, Math.min(watermark, end) - conversation.dropped);
    return { activities: conversation.entries.slice(from), watermark: end };
  }

  private publish(conversation: ChatConversation, activity: ChatActivity): void {
    conversation.entries.push(activity);
    conversation.lastUsed = this.clock.now().getTime();
    // Past the cap the oldest half is dropped; a client that was far behind simply misses those.
    if (conversation.entries.length > this.limits.maxActivities) {
      const drop = Math.floor(this.limits.maxActivities / 2);
      conversation.entries.splice(0, drop);
      conversation.dropped += drop;
    }
  }

  private evictOldest(): void {
    let oldest: ChatConversation | null = null;
    for (const c of this.byId.values()) if (!oldest || c.lastUsed < oldest.lastUsed) oldest = c;
    if (!oldest) return;
    this.byId.delete(oldest.id);
    this.byToken.delete(oldest.token);
  }
}
