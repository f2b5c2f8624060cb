/**
 * Display names on the acknowledgement path: a users.info lookup that is slow (Slack busy, the
 * client's queue full of replies) must not hold the message back. The report is filed without a
 * name after a short wait, and the late answer is kept for the person's next message.
 */
import type { webApi } from "@slack/bolt";
import { createUserNames } from "../../src/adapters/channels/slack/user-names";

interface PendingLookup {
  user: string;
  answer: (name: string) => void;
}

/** A users.info that answers only when the test says so. */
function slowUsersInfo(): { client: webApi.WebClient; pending: PendingLookup[] } {
  const pending: PendingLookup[] = [];
  const client = {
    users: {
      info: ({ user }: { user: string }) =>
        new Promise((resolve) => {
          pending.push({ user, answer: (name) => resolve({ ok: true, user: { real_name: name } }) });
        }),
    },
  } as unknown as webApi.WebClient;
  return { client, pending };
}

describe("Slack display names", () => {
  it("gives up waiting for users.info after the deadline, and keeps the late answer", async () => {
    const { client, pending } = slowUsersInfo();
    const names = createUserNames(client, { waitMs: 20 });
    const first = await names.nameOf("U1");
    expect(first).toBeNull();
    expect(pending).toHaveLength(1);
    pending[0]!.answer("Nurse Joy");
    await new Promise((r) => setImmediate(r));
    expect(await names.nameOf("U1")).toBe("Nurse Joy");
    // The cached name needed no second lookup.
    expect(pending).toHaveLength(1);
  });

  it("asks once for a user whose lookup is still under way", async () => {
    const { client, pending } = slowUsersInfo();
    const names = createUserNames(client, { waitMs: 10 });
    await Promise.all([names.nameOf("U2"), names.nameOf("U2"), names.nameOf("U2")]);
    expect(pending).toHaveLength(1);
  });

  it("answers with the name when users.info is quick", async () => {
    const client = {
      users: { info: () => Promise.resolve({ ok: true, user: { profile: { display_name: "dr.house" } } }) },
    } as unknown as webApi.WebClient;
    const names = createUserNames(client, { waitMs: 1000 });
    expect(await names.nameOf("U3")).toBe("dr.house");
  });
});
