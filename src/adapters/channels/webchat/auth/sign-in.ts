/**
 * Web chat sign-in routes and the checks the chat uses on every request:
 *   GET  /auth/login     → the IdP's authorization page (state bound to this browser by a cookie)
 *   GET  /auth/callback  → code exchange and id_token checks; a session cookie; back to /
 *   GET  /auth/me        → who is signed in, their CSRF token and whether they may use IT rooms
 *   POST /auth/logout    → ends the session (CSRF-checked)
 * Cookies are HttpOnly, SameSite=Lax, Path=/, and Secure (with the __Host- prefix) when the public
 * URL is https. Every refusal is one log line; bodies are generic.
 */
import { timingSafeEqual } from "node:crypto";
import type restify from "restify";
import type { WebChatIdentity } from "../../../../app/triage/authorize-triager";
import type { Clock } from "../../../../ports/clock";
import type { Logger } from "../../../../ports/logger";
import type { OidcClient } from "./oidc";
import { parseCookies, SessionStore, type WebSession } from "./sessions";

export const CSRF_HEADER = "x-csrf-token";

export interface WebChatSignInOptions {
  oidc: OidcClient;
  /** PUBLIC_BASE_URL/auth/callback: the callback's own URL, as registered at the IdP. */
  redirectUri: string;
  clock: Clock;
  logger: Logger;
  /** Triage rights and IT room membership of a signed-in user (from the triage configuration). */
  mayTriage(userId: string, identity: WebChatIdentity | null): boolean;
}

export interface WebChatSignIn {
  register(server: restify.Server): void;
  /** The live session of this request's cookie; null when not signed in. */
  current(req: restify.Request): WebSession | null;
  /** The request carries the session's CSRF token (state-changing POSTs). */
  csrfOk(req: restify.Request, session: WebSession): boolean;
  identity(userId: string): WebChatIdentity | null;
  mayUseRooms(userId: string): boolean;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function createWebChatSignIn(options: WebChatSignInOptions): WebChatSignIn {
  const sessions = new SessionStore(options.clock);
  const secure = new URL(options.redirectUri).protocol === "https:";
  const sessionCookie = secure ? "__Host-wc_session" : "wc_session";
  const loginCookie = secure ? "__Host-wc_login" : "wc_login";
  const attributes = (maxAgeSeconds: number) =>
    `Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure ? "; Secure" : ""}`;
  const cookieOf = (req: restify.Request, name: string) => parseCookies(req.headers.cookie)[name];
  const identity = (userId: string): WebChatIdentity | null => {
    const user = sessions.identity(userId);
    return user ? { email: user.email, groups: user.groups } : null;
  };
  const refuse = (res: restify.Response, status: number, reason: string, body: string) => {
    options.logger.warn({ channel: "webchat", status, reason }, "web chat: sign-in refused");
    res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
    res.end(body);
  };

  const signIn: WebChatSignIn = {
    current: (req) => sessions.get(cookieOf(req, sessionCookie)),
    csrfOk: (req, session) => {
      const given = req.headers[CSRF_HEADER];
      return typeof given === "string" && sameSecret(given, session.csrf);
    },
    identity,
    mayUseRooms: (userId) => options.mayTriage(userId, identity(userId)),

    register(server) {
      server.get("/auth/login", async (_req: restify.Request, res: restify.Response) => {
        try {
          const { url, pending } = await options.oidc.start();
          sessions.addPending(pending);
          res.writeHead(302, {
            location: url,
            "set-cookie": `${loginCookie}=${pending.state}; ${attributes(600)}`,
            "cache-control": "no-store",
          });
          res.end();
        } catch {
          options.logger.error(
            { channel: "webchat", status: 503 },
            "web chat: the identity provider cannot be reached",
          );
          res.writeHead(503, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
          res.end("Sign-in is unavailable right now. Please try again in a minute.");
        }
      });

      server.get("/auth/callback", async (req: restify.Request, res: restify.Response) => {
        const query = new URLSearchParams(req.getQuery());
        const state = query.get("state") ?? "";
        const bound = cookieOf(req, loginCookie);
        if (!state || !bound || !sameSecret(state, bound))
          return refuse(res, 401, "state not bound to this browser", "Sign-in failed. Please start again.");
        const pending = sessions.takePending(state);
        if (!pending) return refuse(res, 401, "unknown or expired state", "Sign-in failed. Please start again.");
        const callback = new URL(options.redirectUri);
        callback.search = query.toString();
        let session: WebSession;
        try {
          session = sessions.create(await options.oidc.finish(callback, pending));
        } catch (err) {
          const reason = (err as { code?: string }).code ?? (err instanceof Error ? err.name : "error");
          return refuse(
            res,
            401,
            `code exchange or id_token refused (${reason})`,
            "Sign-in failed. Please start again.",
          );
        }
        options.logger.info({ channel: "webchat", user: session.user.id }, "web chat: signed in");
        res.writeHead(302, {
          location: "/",
          "set-cookie": [
            `${sessionCookie}=${session.id}; ${attributes(8 * 3600)}`,
            `${loginCookie}=; ${attributes(0)}`,
          ],
          "cache-control": "no-store",
        });
        res.end();
      });

      server.get("/auth/me", (req: restify.Request, res: restify.Response, next: restify.Next) => {
        const session = signIn.current(req);
        res.header("cache-control", "no-store");
        if (!session) res.send(401, { mode: "sign-in", signIn: "/auth/login" });
        else
          res.send(200, {
            mode: "signed-in",
            user: { id: session.user.id, name: session.user.name },
            csrf: session.csrf,
            rooms: signIn.mayUseRooms(session.user.id),
          });
        next();
      });

      server.post("/auth/logout", (req: restify.Request, res: restify.Response, next: restify.Next) => {
        const session = signIn.current(req);
        if (session && !signIn.csrfOk(req, session)) {
          refuse(res, 403, "logout without CSRF token", "Forbidden");
          return next();
        }
        if (session) sessions.delete(session.id);
        res.header("set-cookie", `${sessionCookie}=; ${attributes(0)}`);
        res.send(200, { signedOut: true });
        next();
      });
    },
  };
  return signIn;
}
