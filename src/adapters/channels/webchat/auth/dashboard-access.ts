/**
 * The CMIO dashboard's access rule under web chat sign-in: a signed-in user with the right to use
 * IT rooms (triage rights from TRIAGE_CONFIG_FILE: IT staff, and whoever is named there, e.g. the
 * CMIO) may read it; a signed-in user without it is refused; nobody signed in is sent to sign in.
 */
import type restify from "restify";
import type { WebChatSignIn } from "./sign-in";

export interface DashboardSignIn {
  check(req: restify.Request): "allowed" | "signed-out" | "not-allowed";
  loginPath: string;
}

export function dashboardAccess(signIn: WebChatSignIn): DashboardSignIn {
  return {
    check: (req) => {
      const session = signIn.current(req);
      if (!session) return "signed-out";
      return signIn.mayUseRooms(session.user.id) ? "allowed" : "not-allowed";
    },
    loginPath: "/auth/login",
  };
}
