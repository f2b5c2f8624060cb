import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runEvalCommand } from "../../src/cli/eval";
import { FakeOpenAiServer, reply } from "../fakes/fake-openai-server";

const KEYS = [
  "n",
  "isReport",
  "isReportNonReports",
  "kind",
  "system",
  "severity",
  "patientSafety",
  "location",
  "phiRecall",
  "phiLeaks",
  "nonPhiRedacted",
  "lookalikesRedacted",
  "promptTokens",
  "llmAnswered",
  "safetyFlagRate",
];

const lines = [
  {
    id: "e1",
    text: "4 West: Epic is down for the whole unit, no downtime reports",
    gold: {
      isReport: true,
      kind: "disruption",
      severity: "critical",
      patientSafety: true,
      system: "ehr",
      location: "4 West",
    },
    phi: [],
  },
  {
    id: "e2",
    text: "thanks bot!",
    gold: { isReport: false, kind: null, severity: null, patientSafety: null, system: null, location: null },
    phi: [],
  },
  {
    id: "e3",
    text: "label printer in the ED prints blank labels again",
    gold: {
      isReport: true,
      kind: "disruption",
      severity: "medium",
      patientSafety: false,
      system: "printer",
      location: "ED",
    },
    phi: [],
  },
];

describe("npm run eval", () => {
  let dir: string;
  let data: string;
  let server: FakeOpenAiServer;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "eval-test-"));
    data = path.join(dir, "samples.jsonl");
    writeFileSync(data, lines.map((l) => JSON.stringify(l)).join("\n"));
    server = await FakeOpenAiServer.start();
  });
  afterEach(() => server.reset());
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function run(argv: string[], env: Record<string, string> = {}) {
    let stdout = "";
    let stderr = "";
    const code = await runEvalCommand(argv, {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      env: { LOG_LEVEL: "silent", ...env },
    });
    const outLines = stdout.trimEnd().split("\n");
    return { code, stdout, stderr, last: outLines[outLines.length - 1] ?? "" };
  }

  it("prints a report and, as the last line, one JSON object with exactly the agreed keys (offline)", async () => {
    const { code, stdout, last } = await run(["--data", data]);
    expect(code).toBe(0);
    expect(stdout).toContain("classifier: offline");
    const scores = JSON.parse(last);
    expect(Object.keys(scores)).toEqual(KEYS);
    expect(scores.n).toBe(3);
    expect(scores.promptTokens).toBeGreaterThan(300);
    expect(scores.promptTokens).toBeLessThanOrEqual(700);
  });

  it("classifies through the LLM with one probe at start and one call per sample", async () => {
    server.respondWith((request) => {
      const user: string = request.body.messages[1].content;
      const isPrinter = user.includes("printer");
      const isChat = user.includes("thanks bot");
      return reply.json({
        isReport: !isChat,
        summary: "s",
        kind: isChat ? "other" : "disruption",
        system: isChat ? "other" : isPrinter ? "printer" : "ehr",
        severity: isChat ? "low" : isPrinter ? "medium" : "critical",
        patientSafety: !isChat && !isPrinter,
        location: isChat ? null : isPrinter ? "ED" : "4 west",
        tags: [],
        missing: [],
      });
    });
    const { code, stdout, last } = await run(["--data", data, "--classifier", "llm"], {
      OPENAI_BASE_URL: server.baseUrl,
      OPENAI_MODEL: "fake-model",
    });
    expect(code).toBe(0);
    expect(server.requests).toHaveLength(4);
    expect(server.messagesOf(0)[1]!.content).toContain("label printer on 4 West is jammed");
    expect(server.requests.every((r) => r.body.response_format.type === "json_schema")).toBe(true);
    expect(server.requests.every((r) => r.body.max_tokens === 512)).toBe(true);
    expect(stdout).toContain("classifier: llm");
    expect(stdout).toContain("0 flagged");
    expect(stdout).toMatch(/s per message/);
    expect(JSON.parse(last)).toMatchObject({
      n: 3,
      isReport: 1,
      isReportNonReports: 1,
      kind: 1,
      system: 1,
      severity: 1,
      location: 1,
      llmAnswered: 1,
    });
  });

  it("falls back to the offline classifier and counts flagged items when the LLM is down", async () => {
    server.respondWith(() => reply.serverError());
    const { code, stdout, last } = await run(["--data", data, "--classifier", "llm"], {
      OPENAI_BASE_URL: server.baseUrl,
      LLM_MAX_RETRIES: "0",
    });
    expect(code).toBe(0);
    expect(stdout).toContain("3 flagged");
    expect(JSON.parse(last)).toMatchObject({ n: 3, llmAnswered: 0 });
  });

  it("refuses --classifier llm when no LLM is configured", async () => {
    const { code, stderr } = await run(["--data", data, "--classifier", "llm"]);
    expect(code).toBe(1);
    expect(stderr).toContain("OPENAI_BASE_URL");
  });

  it("names a bad input line by number", async () => {
    const bad = path.join(dir, "bad.jsonl");
    writeFileSync(bad, `${JSON.stringify(lines[0])}\n{"id": "x", "text": "t", "gold": {"isReport": "yes"}}\n`);
    const { code, stderr, stdout } = await run(["--data", bad]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/bad\.jsonl line 2: gold\.isReport/);
  });

  it("rejects an unknown classifier and a missing --data", async () => {
    expect((await run(["--data", data, "--classifier", "gpt"])).stderr).toContain("must be offline or llm");
    expect((await run([])).stderr).toContain("--data");
  });
});
