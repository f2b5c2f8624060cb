/** manifests/slack/manifest.yaml is a valid Slack app manifest and matches what the adapter listens for. */
import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { parse } from "yaml";
import { REPORT_SHORTCUT_ID } from "../../src/adapters/channels/slack/interaction-listeners";
import { SLACK_EVENTS_PATH } from "../../src/adapters/channels/slack/slack-receiver";

const root = path.resolve(__dirname, "../..");
const schemas = path.resolve(root, "test/fixtures/schemas");
const readJson = (file: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(schemas, file), "utf8"));

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  // The root schema refs the versioned schemas by URL: serve them from disk under those ids.
  const base = "https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/";
  ajv.addSchema(readJson("slack-manifest.schema.1.0.0.json"), `${base}manifest.schema.1.0.0.json`);
  ajv.addSchema(readJson("slack-manifest.schema.2.0.0.json"), `${base}manifest.schema.2.0.0.json`);
  return ajv.compile(readJson("slack-manifest.schema.json"));
}

const manifest = parse(readFileSync(path.join(root, "manifests/slack/manifest.yaml"), "utf8"));

describe("Slack app manifest", () => {
  it("validates against Slack's manifest schema", () => {
    const validate = validator();
    const ok = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("rejects a broken manifest (the schema is really applied)", () => {
    const validate = validator();
    const broken = {
      ...manifest,
      features: { ...manifest.features, shortcuts: [{ name: "x".repeat(40), type: "message" }] },
    };
    expect(validate(broken)).toBe(false);
  });

  it("points every URL at the Slack route and declares what the adapter handles", () => {
    const url = `https://YOUR-HOST${SLACK_EVENTS_PATH}`;
    expect(manifest.settings.event_subscriptions.request_url).toBe(url);
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: url });
    expect(manifest.features.slash_commands).toEqual([expect.objectContaining({ command: "/itreport", url })]);
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({ type: "message", callback_id: REPORT_SHORTCUT_ID, name: "Report to IT" }),
    ]);
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([
      "app_home_opened",
      "app_mention",
      "message.im",
    ]);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      "app_mentions:read",
      "channels:history",
      "chat:write",
      "commands",
      "groups:history",
      "im:history",
      "im:write",
      "usergroups:read",
      "users:read",
    ]);
  });
});
