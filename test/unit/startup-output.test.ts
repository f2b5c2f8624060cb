import { chooseLogFormat } from "../../src/adapters/pino-logger";
import { formatLogLine } from "../../src/adapters/text-log-stream";
import { parseEnv } from "../../src/config/env";
import { listenProblem } from "../../src/http/server";
import { renderStartupSummary } from "../../src/startup-summary";

describe("start-up output", () => {
  it("LOG_FORMAT=auto is text in a terminal and JSON otherwise; json and text force one", () => {
    expect(chooseLogFormat("auto", true)).toBe("text");
    expect(chooseLogFormat("auto", false)).toBe("json");
    expect(chooseLogFormat("auto", undefined)).toBe("json");
    expect(chooseLogFormat("json", true)).toBe("json");
    expect(chooseLogFormat("text", false)).toBe("text");
    expect(parseEnv({}).LOG_FORMAT).toBe("auto");
    expect(() => parseEnv({ LOG_FORMAT: "pretty" })).toThrow(/LOG_FORMAT/);
  });

  it("a JSON log line becomes time, level, message and the remaining fields", () => {
    const line = JSON.stringify({
      level: 40,
      time: Date.UTC(2026, 0, 5, 7, 3, 4),
      pid: 1,
      hostname: "h",
      service: "clinician-feedback-bot",
      msg: "send failed",
      channel: "slack",
      reason: "rate limited",
      attempts: 3,
    });
    expect(formatLogLine(line)).toBe('07:03:04  WARN   send failed  channel=slack reason="rate limited" attempts=3');
    expect(formatLogLine("not json\n")).toBe("not json");
  });

  it("the summary puts the URL first and aligns one line per fact", () => {
    const text = renderStartupSummary("http://127.0.0.1:3978", true, [
      "Store: embedded (MONGODB_URI not set)",
      "Web chat: on at http://127.0.0.1:3978/",
    ]);
    const lines = text.split("\n");
    expect(lines[1]).toBe("Clinician feedback bot is running: open http://127.0.0.1:3978/ in a browser");
    expect(lines).toContain("  Store     embedded (MONGODB_URI not set)");
    expect(lines).toContain("  Web chat  on at http://127.0.0.1:3978/");
    expect(renderStartupSummary("http://0.0.0.0:80", false, [])).toContain("listening on http://0.0.0.0:80");
  });

  it("names the listen failures a person can fix, and only those", () => {
    const err = (code: string) => Object.assign(new Error(code), { code });
    expect(listenProblem(err("EADDRINUSE"), 3978, "127.0.0.1")).toMatch(/^port 3978 is in use; set PORT/);
    expect(listenProblem(err("EACCES"), 80, "0.0.0.0")).toMatch(/port 80 .*set PORT/);
    expect(listenProblem(err("EADDRNOTAVAIL"), 3978, "10.9.9.9")).toMatch(/HOST 10\.9\.9\.9 .*set HOST/);
    expect(listenProblem(err("ECONNRESET"), 3978, "127.0.0.1")).toBeNull();
  });
});
