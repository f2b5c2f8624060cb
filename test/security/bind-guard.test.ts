/**
 * The real service refuses to start on a network interface while a channel is open, and says which.
 * HOST=0.0.0.0 is never bound: the configuration check runs first and exits 1.
 */
import { spawnService } from "../support/service-process";

jest.setTimeout(60_000);

it("HOST=0.0.0.0 with a Teams app id and the web chat on: exit 1 naming the open web chat", async () => {
  const service = spawnService({
    HOST: "0.0.0.0",
    PORT: "0",
    MICROSOFT_APP_ID: "00000000-0000-4000-8000-000000000001",
    MICROSOFT_APP_PASSWORD: "not-used",
    WEBCHAT_ENABLED: "true",
    DATA_DIR: "/nonexistent/never-created",
  });
  const { code } = await service.exited;
  expect(code).toBe(1);
  expect(service.stderr()).toContain("The bot cannot start: the configuration has problems.");
  expect(service.stderr()).toMatch(
    /HOST is 0\.0\.0\.0 \(reachable from the network\), but this channel is open to anyone: web chat/,
  );
  expect(service.stderr()).not.toMatch(/Teams \(/);
  expect(service.stdout()).not.toMatch(/Listening on/);
});
