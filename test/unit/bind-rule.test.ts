import { parseEnv } from "../../src/config/env";
import { ConfigError } from "../../src/domain/errors";

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseEnv(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

const OIDC = {
  WEBCHAT_OIDC_ISSUER: "https://login.example-hospital.org/realms/staff",
  WEBCHAT_OIDC_CLIENT_ID: "it-feedback",
  WEBCHAT_OIDC_CLIENT_SECRET: "s3cret",
  PUBLIC_BASE_URL: "https://feedback.example-hospital.org",
};
const TEAMS = { MICROSOFT_APP_ID: "00000000-0000-4000-8000-000000000001", MICROSOFT_APP_PASSWORD: "pw" };
const SLACK = { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "sig" };

describe("the bind rule: a non-loopback HOST needs every enabled channel authenticated", () => {
  it("keeps the loopback demo open, whatever is configured", () => {
    for (const host of ["127.0.0.1", "localhost", "::1", "127.0.0.2"]) expect(problemsOf({ HOST: host })).toEqual([]);
  });

  it("refuses the demo web chat on 0.0.0.0 and says how to fix it", () => {
    const problems = problemsOf({ HOST: "0.0.0.0" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /HOST is 0\.0\.0\.0 .*web chat \(no sign-in.*WEBCHAT_OIDC_ISSUER.*WEBCHAT_ENABLED=false/,
    );
  });

  it("names each open channel on its own line: Teams app id set does not cover an enabled web chat (the reported hole)", () => {
    const problems = problemsOf({ HOST: "0.0.0.0", ...TEAMS, WEBCHAT_ENABLED: "true" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/web chat/);
    const both = problemsOf({ HOST: "10.1.2.3", SLACK_BOT_TOKEN: "xoxb-1", WEBCHAT_ENABLED: "true" });
    expect(both.filter((p) => p.startsWith("HOST is 10.1.2.3"))).toHaveLength(2);
    expect(both.join("\n")).toMatch(/Slack \(\/slack\/events without SLACK_SIGNING_SECRET\)/);
  });

  it("starts when every enabled channel is authenticated", () => {
    expect(problemsOf({ HOST: "0.0.0.0", ...TEAMS })).toEqual([]);
    expect(problemsOf({ HOST: "0.0.0.0", ...SLACK })).toEqual([]);
    expect(problemsOf({ HOST: "0.0.0.0", SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" })).toEqual([]);
    expect(problemsOf({ HOST: "0.0.0.0", ...OIDC })).toEqual([]);
    expect(problemsOf({ HOST: "0.0.0.0", ...TEAMS, ...SLACK, ...OIDC, WEBCHAT_ENABLED: "true" })).toEqual([]);
  });

  it("counts the CMIO dashboard as a channel: served without sign-in only where HOST is loopback", () => {
    // auto: off on a network HOST without sign-in (so Teams- or Slack-only deployments start as before)
    expect(problemsOf({ HOST: "0.0.0.0", ...TEAMS })).toEqual([]);
    const asked = problemsOf({ HOST: "0.0.0.0", ...TEAMS, DASHBOARD_ENABLED: "true" });
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(/HOST is 0\.0\.0\.0 .*CMIO dashboard \(\/dashboard without sign-in.*WEBCHAT_OIDC_ISSUER/);
    // with the web chat's sign-in it is authenticated
    expect(problemsOf({ HOST: "0.0.0.0", ...OIDC, DASHBOARD_ENABLED: "true" })).toEqual([]);
    // sign-in configured but the web chat (which runs it) off: not authenticated
    expect(problemsOf({ HOST: "0.0.0.0", ...TEAMS, ...OIDC, DASHBOARD_ENABLED: "true" })).toHaveLength(1);
    expect(problemsOf({ HOST: "127.0.0.1", DASHBOARD_ENABLED: "true" })).toEqual([]);
    expect(problemsOf({ HOST: "0.0.0.0", ...TEAMS, DASHBOARD_ENABLED: "false" })).toEqual([]);
  });

  it("keeps ALLOW_UNAUTHENTICATED_BIND as the explicit escape hatch", () => {
    expect(problemsOf({ HOST: "0.0.0.0", ALLOW_UNAUTHENTICATED_BIND: "true" })).toEqual([]);
    expect(problemsOf({ HOST: "0.0.0.0", ALLOW_UNAUTHENTICATED_BIND: "false" })).toHaveLength(1);
  });

  it("needs the whole OIDC client and a public URL for the callback", () => {
    expect(problemsOf({ WEBCHAT_OIDC_ISSUER: OIDC.WEBCHAT_OIDC_ISSUER })).toEqual([
      "WEBCHAT_OIDC_CLIENT_ID is required with WEBCHAT_OIDC_ISSUER",
      "PUBLIC_BASE_URL is required with WEBCHAT_OIDC_ISSUER (the sign-in callback is PUBLIC_BASE_URL/auth/callback)",
    ]);
    expect(problemsOf({ WEBCHAT_OIDC_CLIENT_ID: "x" })).toEqual([
      "WEBCHAT_OIDC_ISSUER is required when WEBCHAT_OIDC_CLIENT_ID or WEBCHAT_OIDC_CLIENT_SECRET is set",
    ]);
  });
});
