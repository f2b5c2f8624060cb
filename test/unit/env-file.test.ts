import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describeEnvFile, loadEnvFile } from "../../src/config/env-file";
import { ConfigError } from "../../src/domain/errors";

describe(".env file", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "env-file-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("fills in what the environment does not set; the real environment wins", () => {
    writeFileSync(
      path.join(dir, ".env"),
      [
        "# comment",
        "PORT=45112",
        'SLACK_BOT_TOKEN="xoxb-from-file"',
        "SLACK_SIGNING_SECRET=s3cret # trailing comment",
        "DIGEST_SCHEDULE='0 6 * * 1'",
        "HOST=0.0.0.0",
      ].join("\n"),
    );
    const env: Record<string, string | undefined> = { HOST: "127.0.0.1", PATH: "/bin" };
    const result = loadEnvFile(env, dir);
    expect(env).toEqual({
      HOST: "127.0.0.1",
      PATH: "/bin",
      PORT: "45112",
      SLACK_BOT_TOKEN: "xoxb-from-file",
      SLACK_SIGNING_SECRET: "s3cret",
      DIGEST_SCHEDULE: "0 6 * * 1",
    });
    expect(result.file).toBe(path.join(dir, ".env"));
    expect([...result.applied].sort()).toEqual(["DIGEST_SCHEDULE", "PORT", "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"]);
    expect(result.shadowed).toEqual(["HOST"]);
    const line = describeEnvFile(result);
    expect(line).toContain(path.join(dir, ".env"));
    expect(line).toContain("4 variable(s) from the file");
    expect(line).toContain("the environment overrides HOST");
    expect(line).not.toContain("s3cret");
  });

  it("an empty value in the environment still counts as set", () => {
    writeFileSync(path.join(dir, ".env"), "MONGODB_URI=mongodb://db:27017\n");
    const env: Record<string, string | undefined> = { MONGODB_URI: "" };
    loadEnvFile(env, dir);
    expect(env.MONGODB_URI).toBe("");
  });

  it("without a file nothing changes and the log says so", () => {
    const env: Record<string, string | undefined> = { PORT: "1" };
    const result = loadEnvFile(env, dir);
    expect(env).toEqual({ PORT: "1" });
    expect(result.file).toBeUndefined();
    expect(describeEnvFile(result)).toMatch(/environment only \(no \.env/);
  });

  it("a .env that cannot be read is a configuration problem, not a crash", () => {
    const file = path.join(dir, ".env");
    mkdirSync(file); // a directory where the file should be
    expect(() => loadEnvFile({}, dir)).toThrow(ConfigError);
  });
});
