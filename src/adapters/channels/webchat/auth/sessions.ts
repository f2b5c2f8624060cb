/**
 * Signed-in web chat sessions, in memory (like the chat logs): an opaque random id in an HttpOnly
 * cookie maps to the user the IdP vouched for and a CSRF token. Pending sign-ins are kept by their
 * OIDC state for ten minutes. Both are bounded; the oldest goes first. The latest identity of each
 * user (e-mail, groups) is what triage rights are checked against on every action.
 */
import { randomBytes } from "node:crypto";
import type { Clock } from "../../../../ports/clock";
import type { PendingLogin, SignedInUser } from "./oidc";

export interface WebSession {
  id: string;
  user: SignedInUser;
  /** Sent by the page in X-CSRF-Token with every state-changing POST. */
  csrf: string;
  expiresAt: number;
}

const SESSION_TTL_MS = 8 * 3600_000;
const PENDING_TTL_MS = 10 * 60_000;
const MAX_SESSIONS = 5000;
const MAX_PENDING = 1000;

function evictOldest<V>(map: Map<string, V>, max: number): void {
  while (map.size >= max) {
    const first = map.keys().next();
    if (first.done) return;
    map.delete(first.value);
  }
}

export class SessionStore {
  private readonly sessions = new Map<string, WebSession>();
  private readonly pending = new Map<string, PendingLogin & { expiresAt: number }>();

  constructor(private readonly clock: Clock) {}

  private now(): number {
    return this.clock.now().getTime();
  }

  addPending(login: PendingLogin): void {
    evictOldest(this.pending, MAX_PENDING);
    this.pending.set(login.state, { ...login, expiresAt: this.now() + PENDING_TTL_MS });
  }

  /** The pending sign-in for `state`, used once. */
  takePending(state: string): PendingLogin | null {
    const found = this.pending.get(state);
    this.pending.delete(state);
    return found && found.expiresAt > this.now() ? found : null;
  }

  create(user: SignedInUser): WebSession {
    evictOldest(this.sessions, MAX_SESSIONS);
    const session: WebSession = {
      id: randomBytes(32).toString("base64url"),
      user,
      csrf: randomBytes(24).toString("base64url"),
      expiresAt: this.now() + SESSION_TTL_MS,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  get(id: string | undefined): WebSession | null {
    if (!id) return null;
    const session = this.sessions.get(id);
    if (!session) return null;
    if (session.expiresAt <= this.now()) {
      this.sessions.delete(id);
      return null;
    }
    return session;
  }

  delete(id: string): void {
    this.sessions.delete(id);
  }

  /** The identity of `userId` from their newest live session; null when none is live. */
  identity(userId: string): SignedInUser | null {
    let found: WebSession | null = null;
    for (const session of this.sessions.values())
      if (
        session.user.id === userId &&
        session.expiresAt > this.now() &&
        (!found || session.expiresAt > found.expiresAt)
      )
        found = session;
    return found?.user ?? null;
  }
}

/** `name=value` pairs of a Cookie header. */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at <= 0) continue;
    const name = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (name && !(name in cookies)) cookies[name] = value;
  }
  return cookies;
}
