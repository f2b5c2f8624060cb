import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { unzipSync } from "fflate";
import { buildTeamsPackage, fillManifest } from "../../scripts/build-teams-package";
import { REPORT_COMMAND_ID } from "../../src/adapters/channels/teams/message-action";
import type { Json } from "../fakes/fake-bot-connector";

const schemaPath = path.resolve(__dirname, "../fixtures/schemas/teams-manifest-1.30.schema.json");
const manifestDir = path.resolve(__dirname, "../../manifests/teams");
const config = { appId: "6F1D2C3B-1111-4222-8333-944455556666", publicBaseUrl: "https://feedback.example.org/" };

function manifestValidator() {
  // The schema is draft-04; nothing in it differs from what Ajv 8 (draft-07) understands but the $schema line.
  const { $schema: _ignored, ...schema } = JSON.parse(fs.readFileSync(schemaPath, "utf8"));
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

function pngSize(png: Uint8Array): [number, number] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return [view.getUint32(16), view.getUint32(20)];
}

describe("Teams app package", () => {
  it("builds a zip whose manifest is valid against the Teams 1.30 schema, with both icons", () => {
    const files = unzipSync(buildTeamsPackage(config));
    expect(Object.keys(files).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    const manifest = JSON.parse(new TextDecoder().decode(files["manifest.json"]));
    const validate = manifestValidator();
    expect(validate(manifest) ? [] : validate.errors).toEqual([]);
    expect(pngSize(files["color.png"]!)).toEqual([192, 192]);
    expect(pngSize(files["outline.png"]!)).toEqual([32, 32]);
  });

  it("fills the bot id, the domain and the URLs from config, and declares what the bot handles", () => {
    const manifest = fillManifest(fs.readFileSync(path.join(manifestDir, "manifest.json"), "utf8"), config) as Json;
    const appId = "6f1d2c3b-1111-4222-8333-944455556666";
    expect(manifest.id).toBe(appId);
    expect(manifest.bots[0].botId).toBe(appId);
    expect(manifest.bots[0].scopes).toEqual(["personal", "team", "groupChat"]);
    expect(manifest.bots[0].commandLists[0].commands.map((c: { title: string }) => c.title)).toEqual([
      "help",
      "my reports",
      "report",
    ]);
    expect(manifest.composeExtensions[0].commands[0]).toMatchObject({
      id: REPORT_COMMAND_ID,
      type: "action",
      title: "Report to IT",
      context: ["message"],
      fetchTask: true,
    });
    expect(manifest.validDomains).toEqual(["feedback.example.org"]);
    expect(manifest.developer.privacyUrl).toBe("https://feedback.example.org/privacy");
    expect(JSON.stringify(manifest)).not.toContain("{{");
  });

  it("refuses a missing app id or a non-https base URL", () => {
    expect(() => buildTeamsPackage({ appId: "", publicBaseUrl: "https://x.example" })).toThrow(/MICROSOFT_APP_ID/);
    expect(() => buildTeamsPackage({ ...config, publicBaseUrl: "http://x.example" })).toThrow(/https/);
  });
});
