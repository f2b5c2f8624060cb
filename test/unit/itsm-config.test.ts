/** ITSM configuration: every problem at once, in plain words; settings typed from a valid environment. */
import { ConfigError } from "../../src/domain/errors";
import { parseEnv } from "../../src/config/env";
import { itsmSettings } from "../../src/config/itsm-env";
import { openChannels } from "../../src/config/bind-rule";

function problems(env: Record<string, string>): string[] {
  try {
    parseEnv(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe("ITSM configuration", () => {
  it("ITSM_KIND=none (the default) needs nothing and gives no connector", () => {
    expect(problems({})).toEqual([]);
    expect(itsmSettings(parseEnv({}))).toEqual({ kind: "none" });
  });

  it("lists every ServiceNow problem at once, beside problems of other variables", () => {
    const found = problems({
      ITSM_KIND: "servicenow",
      SERVICENOW_INSTANCE_URL: "http://hospital.service-now.com",
      SERVICENOW_AUTH: "oauth",
      ITSM_WEBHOOK_SECRET: "short",
      ITSM_STATUS_MAP: "6=resolved,7=closed,junk",
      PORT: "x",
    });
    expect(found).toEqual(
      expect.arrayContaining([
        "SERVICENOW_INSTANCE_URL must be an https URL (plain http only on 127.0.0.1)",
        "SERVICENOW_CLIENT_ID is required with ITSM_KIND=servicenow",
        "SERVICENOW_CLIENT_SECRET is required with ITSM_KIND=servicenow",
        "ITSM_WEBHOOK_SECRET must be at least 16 characters long",
        'ITSM_STATUS_MAP maps "7" to "closed": use one of acknowledged, in_progress, resolved, wont_fix, ignore',
        'ITSM_STATUS_MAP entry "junk" is not of the form name=value',
        expect.stringContaining("PORT"),
      ]),
    );
  });

  it("lists every Jira problem at once; a kind outside the list is refused", () => {
    expect(problems({ ITSM_KIND: "jira" })).toEqual(
      expect.arrayContaining([
        "ITSM_WEBHOOK_SECRET is required with ITSM_KIND=jira (it authenticates the status webhook)",
        "JIRA_BASE_URL is required with ITSM_KIND=jira",
        "JIRA_EMAIL is required with ITSM_KIND=jira",
        "JIRA_API_TOKEN is required with ITSM_KIND=jira",
        "JIRA_SERVICE_DESK_ID is required with ITSM_KIND=jira",
        "JIRA_REQUEST_TYPE_ID is required with ITSM_KIND=jira",
      ]),
    );
    expect(problems({ ITSM_KIND: "remedy" }).join("\n")).toContain("ITSM_KIND");
  });

  it("gives typed settings: maps lower-cased, ignore as null, basic auth by default", () => {
    const env = parseEnv({
      ITSM_KIND: "servicenow",
      SERVICENOW_INSTANCE_URL: "https://hospital.service-now.com",
      SERVICENOW_USERNAME: "svc-feedback",
      SERVICENOW_PASSWORD: "pw",
      ITSM_WEBHOOK_SECRET: "0123456789abcdef",
      ITSM_STATUS_MAP: "3=ignore, Awaiting Vendor = acknowledged",
      ITSM_CATEGORY_MAP: "infusion_pump=hardware",
    });
    expect(itsmSettings(env)).toEqual({
      kind: "servicenow",
      instanceUrl: "https://hospital.service-now.com",
      auth: { type: "basic", username: "svc-feedback", password: "pw" },
      webhookSecret: "0123456789abcdef",
      statusMap: { "3": null, "awaiting vendor": "acknowledged" },
      categoryMap: { infusion_pump: "hardware" },
      timeoutMs: 10000,
    });
  });

  it("the bind rule counts the webhook as authenticated only with its secret", () => {
    const get = (values: Record<string, string>) => (name: string) => values[name];
    expect(
      openChannels(
        get({ ITSM_KIND: "jira", WEBCHAT_ENABLED: "false", DASHBOARD_ENABLED: "false", MICROSOFT_APP_ID: "x" }),
      ),
    ).toEqual(["ITSM webhook (/itsm/jira without ITSM_WEBHOOK_SECRET)"]);
    expect(
      openChannels(
        get({
          ITSM_KIND: "jira",
          ITSM_WEBHOOK_SECRET: "s",
          WEBCHAT_ENABLED: "false",
          DASHBOARD_ENABLED: "false",
          MICROSOFT_APP_ID: "x",
        }),
      ),
    ).toEqual([]);
  });
});
