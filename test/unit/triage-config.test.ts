import {
  DEMO_TRIAGE_CONFIG,
  loadTriageConfig,
  parseDestination,
  parseTriageConfig,
  unusableDestinations,
} from "../../src/config/triage-config";
import { ConfigError } from "../../src/domain/errors";

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error("expected a ConfigError");
}

const VALID = {
  destinations: { "it-ehr": "teams:19:abc@thread.tacv2", oncall: "slack:C0ONCALL" },
  routes: [
    { system: "ehr", destination: "it-ehr" },
    { kind: "access", unit: "4 West", destination: "slack:C0ACCESS" },
  ],
  defaultDestination: "slack:C0TRIAGE",
  alerts: ["oncall", { channel: "teams", destination: "19:cmio@thread.tacv2" }],
  digest: [{ channel: "slack", destination: "C0CMIO" }],
  triagers: { slack: { userIds: ["U1"], userGroups: ["S0IT"] }, teams: { userIds: ["29:abc"] } },
};

describe("triage config", () => {
  it("parses destinations of every channel", () => {
    expect(parseDestination("slack:C0123")).toEqual({ channel: "slack", destination: "C0123" });
    expect(parseDestination("teams:19:abc@thread.tacv2")).toEqual({
      channel: "teams",
      destination: "19:abc@thread.tacv2",
    });
    expect(parseDestination("webchat:triage")).toEqual({ channel: "webchat", destination: "triage" });
    expect(parseDestination("email:it@example.org")).toBeNull();
    expect(parseDestination("slack:")).toBeNull();
  });

  it("resolves named destinations and fills defaults", () => {
    const config = parseTriageConfig(VALID);
    expect(config.routes[0]).toEqual({
      kind: null,
      system: "ehr",
      unit: null,
      destination: { channel: "teams", destination: "19:abc@thread.tacv2" },
    });
    expect(config.alerts).toEqual([
      { channel: "slack", destination: "C0ONCALL" },
      { channel: "teams", destination: "19:cmio@thread.tacv2" },
    ]);
    expect(config.digest).toEqual([{ channel: "slack", destination: "C0CMIO" }]);
    expect(config.clustering).toEqual({ windowHours: 24, threshold: 0.3, sameUnitBonus: 0.05 });
    expect(config.spike).toEqual({ count: 5, minutes: 15 });
    expect(config.triagers.webchat).toEqual({ userIds: [], groups: [], allowAll: false });
  });

  it("lists every problem in plain words", () => {
    const problems = problemsOf(() =>
      parseTriageConfig({
        routes: [{ destination: "slack:C1" }, { system: "ehr", destination: "nowhere" }],
        defaultDestination: "fax:123",
        alerts: [],
        triagers: {},
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining("routes[0] matches every report"),
        expect.stringContaining('routes[1].destination is "nowhere"'),
        expect.stringContaining('defaultDestination is "fax:123"'),
        expect.stringContaining("triagers names nobody"),
      ]),
    );
  });

  it("reports schema problems with their path", () => {
    const problems = problemsOf(() =>
      parseTriageConfig({
        ...VALID,
        spike: { count: 1 },
        clustering: { threshold: 2 },
        routes: [{ kind: "outage", destination: "slack:C1" }],
      }),
    );
    expect(problems.join("\n")).toMatch(/spike\.count/);
    expect(problems.join("\n")).toMatch(/clustering\.threshold/);
    expect(problems.join("\n")).toMatch(/routes\.0\.kind/);
  });

  it("flags routes naming systems missing from the catalogue", () => {
    const problems = problemsOf(() => parseTriageConfig(VALID, { systemIds: ["bcma"] }));
    expect(problems).toEqual([expect.stringContaining('routes[0].system "ehr" is not in the systems catalogue')]);
  });

  it("without a file gives the demo default: everything to the web chat triage view", () => {
    const config = loadTriageConfig(undefined);
    expect(config).toBe(DEMO_TRIAGE_CONFIG);
    expect(config.defaultDestination).toEqual({ channel: "webchat", destination: "triage" });
    expect(config.triagers.webchat.allowAll).toBe(true);
  });

  it("reads JSON and YAML files and explains unreadable ones", () => {
    const files: Record<string, string> = {
      "/cfg/triage.json": JSON.stringify(VALID),
      "/cfg/triage.yaml": "defaultDestination: slack:C0TRIAGE\ntriagers:\n  slack:\n    userIds: [U1]\n",
      "/cfg/broken.json": "{ nope",
    };
    const readFile = (path: string): string => {
      const text = files[path];
      if (text === undefined) throw new Error("ENOENT: no such file");
      return text;
    };
    expect(loadTriageConfig("/cfg/triage.json", { readFile }).defaultDestination.destination).toBe("C0TRIAGE");
    expect(loadTriageConfig("/cfg/triage.yaml", { readFile }).triagers.slack.userIds).toEqual(["U1"]);
    expect(problemsOf(() => loadTriageConfig("/cfg/broken.json", { readFile }))[0]).toMatch(/is not valid JSON/);
    expect(problemsOf(() => loadTriageConfig("/cfg/missing.json", { readFile }))[0]).toMatch(/cannot be read/);
  });

  it("names destinations whose channel is not switched on", () => {
    const config = parseTriageConfig(VALID);
    expect(unusableDestinations(config, ["slack", "teams"])).toEqual([]);
    expect(unusableDestinations(config, ["slack"])).toEqual([
      "triage config routes[0].destination is teams:19:abc@thread.tacv2, but the teams channel is not configured",
      "triage config alerts[1] is teams:19:cmio@thread.tacv2, but the teams channel is not configured",
    ]);
  });

  it("says in plain words what is missing, of the wrong type, or unknown in a hand-written file", () => {
    expect(problemsOf(() => parseTriageConfig({ defaultDestination: "slack:C1", alerts: [], digest: [] }))).toEqual([
      "triage config triagers is missing (it must be an object { … })",
    ]);
    const problems = problemsOf(() =>
      parseTriageConfig({ defaultDestination: "slack:C1", alerts: "slack:C2", digest: [], triagers: {}, alert: [] }),
    );
    expect(problems).toContain('triage config alerts must be a list [ … ], not the text "slack:C2"');
    expect(problems).toContain("triage config (top level) has a key this version does not know: alert (a typo?)");
    expect(problems.join("\n")).not.toMatch(/Invalid input/);
  });
});
