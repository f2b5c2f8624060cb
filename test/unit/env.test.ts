import { readFileSync } from "node:fs";
import path from "node:path";
import { EnvSchema, SECRET_VARIABLES, parseEnv } from "../../src/config/env";
import { ConfigError } from "../../src/domain/errors";

describe("environment configuration", () => {
  it("runs demo mode with no variables at all", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      PORT: 3978,
      HOST: "127.0.0.1",
      DATA_DIR: "./data",
      DIGEST_SCHEDULE: "0 7 * * 1",
      DIGEST_TIMEZONE: "UTC",
    });
    expect(env.MONGODB_URI).toBeUndefined();
  });

  it("treats blank values as unset", () => {
    expect(parseEnv({ PORT: "", MONGODB_URI: " " }).PORT).toBe(3978);
  });

  it("lists every problem at once, in plain words", () => {
    let error: unknown;
    try {
      parseEnv({
        PORT: "eighty",
        MONGODB_URI: "postgres://x",
        SLACK_BOT_TOKEN: "xoxb-1",
        HOST: "0.0.0.0",
        DIGEST_TIMEZONE: "Mars/Olympus",
        OPENAI_BASE_URL: "not a url",
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join("\n");
    expect(problems).toMatch(/PORT must be a whole number/);
    expect(problems).toMatch(/MONGODB_URI must start with mongodb:\/\//);
    expect(problems).toMatch(/SLACK_SIGNING_SECRET is required/);
    expect(problems).toMatch(/HOST is 0\.0\.0\.0/);
    expect(problems).toMatch(/DIGEST_TIMEZONE "Mars\/Olympus" is not a known time zone/);
    expect(problems).toMatch(/OPENAI_BASE_URL must be a URL/);
    expect((error as ConfigError).problems.length).toBeGreaterThanOrEqual(6);
  });

  it("documents exactly the variables it reads in .env.example", () => {
    const example = readFileSync(path.join(__dirname, "../../.env.example"), "utf8");
    const documented = [...example.matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(Object.keys(EnvSchema.shape).sort());
  });

  it("names the secret variables so they are never logged", () => {
    for (const name of SECRET_VARIABLES) expect(Object.keys(EnvSchema.shape)).toContain(name);
  });
});
