/**
 * The Slack triage channel through real signed requests and the real core: text @mentioned there
 * that is not a triage command gets the room hint (never a report, never the answer to the
 * typist's pending question), triage commands still work, "my reports" is shown only to the
 * person (chat.postEphemeral), and the same text anywhere else is a report as before.
 */
import { updateReport } from "../../src/app/pipeline/update-report";
import { eventEnvelope, formBody, jsonBody, mentionEvent, dmEvent, slashCommand } from "../fakes/slack-signing";
import { allStrings } from "./slack-harness";
import { SLACK_TRIAGE, SLACK_TRIAGER, startFormsHarness, waitUntil, type FormsHarness } from "./triage-forms-harness";

let h: FormsHarness;

beforeEach(async () => {
  h = await startFormsHarness();
});

afterEach(async () => {
  await h.close();
});

const WARD_CHANNEL = "C0WARD7";
const textOf = (args: Record<string, unknown>): string => allStrings(args).join(" ");

async function mention(user: string, channel: string, text: string): Promise<void> {
  const res = await h.postSlackBody(jsonBody(eventEnvelope(mentionEvent(user, channel, `<@UBOT> ${text}`))));
  expect(res.status).toBe(200);
}

/** The triager's own report, waiting for their answer to "Where are you?". */
async function pendingQuestionOf(user: string) {
  const report = await h.fileSlack("label printer jammed", user, { location: null });
  await updateReport(h.store.reports, report.id, (r) => ({
    ...r,
    intake: {
      stage: "asking",
      questions: [{ field: "location", text: "Which unit or room?", choices: [] }],
      askedAt: h.clock.now(),
      messageRef: null,
    },
  }));
  return report;
}

describe("the Slack triage channel", () => {
  it("answers a mistyped command with the hint and the command meant; files nothing and answers no pending question", async () => {
    const own = await pendingQuestionOf(SLACK_TRIAGER);
    const target = await h.fileSlack("scanner on 5 East offline", "UNURSE1");

    await mention(SLACK_TRIAGER, SLACK_TRIAGE, `reslove ${target.id} fixed`);
    const [hint] = await h.api.waitFor("chat.postEphemeral");
    expect(hint!.args).toMatchObject({ channel: SLACK_TRIAGE, user: SLACK_TRIAGER });
    expect(textOf(hint!.args)).toContain(
      `I didn't recognise “reslove ${target.id} fixed” as a triage command. Did you mean “resolve ${target.id} fixed”?`,
    );
    expect(textOf(hint!.args)).toContain("Nothing was filed");

    await mention(SLACK_TRIAGER, SLACK_TRIAGE, "4 West");
    await h.api.waitFor("chat.postEphemeral", 2);
    expect(textOf(h.api.callsTo("chat.postEphemeral")[1]!.args)).toContain("I didn't recognise “4 West”");

    expect(await h.store.reports.count({})).toBe(2);
    const after = await h.store.reports.get(own.id);
    expect(after?.intake.stage).toBe("asking");
    expect(after?.classification?.location).toBeNull();
    expect((await h.store.reports.get(target.id))?.status).toBe("new");
    expect(h.api.callsTo("chat.postMessage").filter((c) => c.args.channel === SLACK_TRIAGE)).toEqual([]);
  });

  it("still takes triage commands there", async () => {
    const target = await h.fileSlack("scanner on 5 East offline", "UNURSE1");
    await mention(SLACK_TRIAGER, SLACK_TRIAGE, `resolve ${target.id} fixed the cable`);
    await waitUntil(async () => (await h.store.reports.get(target.id))?.status === "resolved", "the resolve");
    expect(await h.store.reports.count({})).toBe(1);
  });

  it("files the same text as a report when @mentioned in another channel or sent by DM", async () => {
    await mention("UNURSE2", WARD_CHANNEL, "reslove R-0001 fixed");
    await waitUntil(async () => (await h.store.reports.count({})) === 1, "the mention's report");
    const [ack] = await h.api.waitFor("chat.postMessage");
    expect(ack!.args.channel).toBe(WARD_CHANNEL);
    expect(h.api.callsTo("chat.postEphemeral")).toEqual([]);

    await h.postSlackBody(jsonBody(eventEnvelope(dmEvent("UNURSE3", "reslove R-0001 fixed"))));
    await waitUntil(async () => (await h.store.reports.count({})) === 2, "the DM's report");
  });

  it("shows 'my reports' only to the person who asked, in the triage channel and elsewhere", async () => {
    await h.fileSlack("scanner on 5 East offline", SLACK_TRIAGER);
    await mention(SLACK_TRIAGER, SLACK_TRIAGE, "my reports");
    const [mine] = await h.api.waitFor("chat.postEphemeral");
    expect(mine!.args).toMatchObject({ channel: SLACK_TRIAGE, user: SLACK_TRIAGER });
    expect(textOf(mine!.args)).toContain("My reports");
    expect(textOf(mine!.args)).toContain("scanner on 5 East offline");

    await mention(SLACK_TRIAGER, WARD_CHANNEL, "my reports");
    await h.api.waitFor("chat.postEphemeral", 2);
    expect(h.api.callsTo("chat.postEphemeral")[1]!.args).toMatchObject({ channel: WARD_CHANNEL, user: SLACK_TRIAGER });
    expect(h.api.callsTo("chat.postMessage").filter((c) => textOf(c.args).includes("My reports"))).toEqual([]);

    await h.postSlackBody(jsonBody(eventEnvelope(dmEvent(SLACK_TRIAGER, "my reports"))));
    const [dm] = await h.api.waitFor("chat.postMessage");
    expect(dm!.args.channel).toBe(`D${SLACK_TRIAGER}`);
    expect(textOf(dm!.args)).toContain("My reports");
  });

  it("gives /itreport typed in the triage channel the same protection; its answers, the status list included, go to the DM", async () => {
    const res = await h.postSlackBody(formBody(slashCommand(SLACK_TRIAGER, SLACK_TRIAGE, "reslove R-0001 fixed")));
    expect(res.status).toBe(200);
    const [hint] = await h.api.waitFor("chat.postMessage");
    expect(hint!.args.channel).toBe(`D${SLACK_TRIAGER}`);
    expect(textOf(hint!.args)).toContain("Did you mean “resolve R-0001 fixed”?");
    expect(await h.store.reports.count({})).toBe(0);

    await h.postSlackBody(formBody(slashCommand(SLACK_TRIAGER, SLACK_TRIAGE, "status")));
    const [, mine] = await h.api.waitFor("chat.postMessage", 2);
    expect(mine!.args.channel).toBe(`D${SLACK_TRIAGER}`);
    expect(textOf(mine!.args)).toContain("My reports");
    expect(h.api.callsTo("chat.postEphemeral")).toEqual([]);
  });
});
