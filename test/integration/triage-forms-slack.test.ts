/**
 * "Resolve…", "Won't fix…" and "Duplicate of…" in Slack, through the real HTTP entry point (signed
 * interactivity requests) and the real core: the button opens a modal, field errors come back in
 * the ack, a valid submit acts, tells the reporters and updates the pressed card in place.
 */
import { allStrings } from "./slack-harness";
import { SLACK_TRIAGE, SLACK_TRIAGER, startFormsHarness, waitUntil, type FormsHarness } from "./triage-forms-harness";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

let h: FormsHarness;
let seq = 0;

beforeEach(async () => {
  h = await startFormsHarness();
});

afterEach(async () => {
  await h.close();
});

/** The triage card of `reportId` as last posted or updated in the triage channel, and its ts. */
async function cardOf(reportId: string): Promise<{ ts: string; blocks: Any[] }> {
  const ref = (await h.store.reports.get(reportId))!.triageMessageRef!;
  const ts = ref.slice(ref.indexOf(":") + 1);
  const writes = [...h.api.callsTo("chat.postMessage"), ...h.api.callsTo("chat.update")].filter(
    (c) => c.args.channel === SLACK_TRIAGE && allStrings(c.args).some((s) => s.includes(reportId)),
  );
  return { ts, blocks: writes.at(-1)!.args.blocks as Any[] };
}

function button(blocks: Any[], verb: string): { action_id: string; value: string } {
  const found = blocks
    .flatMap((b) => (Array.isArray(b.elements) ? b.elements : []))
    .find((e: Any) => typeof e.action_id === "string" && e.action_id.startsWith(`triage.${verb}#`));
  if (!found) throw new Error(`no ${verb} button on the card`);
  return found;
}

async function press(user: string, reportId: string, verb: string): Promise<void> {
  const card = await cardOf(reportId);
  const { action_id, value } = button(card.blocks, verb);
  seq += 1;
  const res = await h.postSlack({
    type: "block_actions",
    trigger_id: `trigger-${seq}`,
    team: { id: "T1" },
    user: { id: user },
    channel: { id: SLACK_TRIAGE },
    container: { type: "message", channel_id: SLACK_TRIAGE, message_ts: card.ts },
    message: { ts: card.ts },
    actions: [{ action_id, value, action_ts: `1700000000.${seq}` }],
  });
  expect(res.status).toBe(200);
}

async function submit(view: Any, value: string, user = SLACK_TRIAGER): Promise<Any> {
  seq += 1;
  const res = await h.postSlack({
    type: "view_submission",
    team: { id: "T1" },
    user: { id: user },
    trigger_id: `trigger-view-${seq}`,
    view: {
      ...view,
      id: `V${seq}`,
      state: { values: { triage_value: { value: { type: "plain_text_input", value } } } },
    },
  });
  expect(res.status).toBe(200);
  const text = await res.text();
  return text ? JSON.parse(text) : null;
}

const ephemerals = (): string[] => h.api.callsTo("chat.postEphemeral").map((c) => allStrings(c.args).join(" "));

describe("triage forms in Slack", () => {
  it("Resolve… opens a modal; an empty note is refused in the modal; the note resolves, tells the reporter and updates the card", async () => {
    const report = await h.fileSlack("printer on 4 West jams", "UNURSE1");
    await h.runOutbox();
    const card = await cardOf(report.id);

    await press(SLACK_TRIAGER, report.id, "resolve");
    const [opened] = await h.api.waitFor("views.open");
    const view = opened!.args.view as Any;
    expect(view).toMatchObject({ type: "modal", callback_id: "triage_form" });
    expect(allStrings(view)).toEqual(
      expect.arrayContaining([`Resolve ${report.id}`, "What was done? (the reporters will see this note)"]),
    );
    expect((await h.store.reports.get(report.id))!.status).toBe("new");

    const refused = await submit(view, "   ");
    expect(refused).toMatchObject({ response_action: "errors", errors: { triage_value: "Please say what was done." } });
    expect((await h.store.reports.get(report.id))!.status).toBe("new");

    const updatesBefore = h.api.callsTo("chat.update").length;
    expect(await submit(view, "replaced the fuser unit")).toBeNull();
    await waitUntil(async () => (await h.store.reports.get(report.id))!.status === "resolved", "resolved");
    await waitUntil(() => h.api.callsTo("chat.update").length > updatesBefore, "card updated in place");
    const update = h.api.callsTo("chat.update").at(-1)!;
    expect(update.args).toMatchObject({ channel: SLACK_TRIAGE, ts: card.ts });
    expect(allStrings(update.args.blocks)).toContain("*Status*\nResolved");
    await waitUntil(() => ephemerals().some((t) => t.includes(`${report.id}: Resolved.`)), "triager told");

    await h.runOutbox();
    const toReporter = h.api
      .callsTo("chat.postMessage")
      .filter((c) => c.args.channel === "DUNURSE1")
      .map((c) => allStrings(c.args).join(" "));
    expect(toReporter.filter((t) => t.includes("Resolved — replaced the fuser unit"))).toHaveLength(1);
    // The pressed card was updated by the submit; the outbox does not update it a second time.
    expect(h.api.callsTo("chat.update")).toHaveLength(updatesBefore + 1);
    const saved = (await h.store.reports.get(report.id))!;
    expect(saved.history.at(-1)).toMatchObject({ action: "resolved", note: "replaced the fuser unit" });
  });

  it("Duplicate of… refuses a malformed id in the modal and marks the duplicate with a good one", async () => {
    const first = await h.fileSlack("label printer on 5 East prints blank labels", "UNURSE1");
    const second = await h.fileSlack("scanner on 5 East beeps but nothing happens", "UNURSE2", { system: "bcma" });
    await h.runOutbox();

    await press(SLACK_TRIAGER, second.id, "duplicate");
    const [opened] = await h.api.waitFor("views.open");
    const view = opened!.args.view as Any;
    expect(allStrings(view)).toContain("Duplicate of which report? (e.g. R-1042)");
    for (const bad of ["", "the other one", "R-12x"]) {
      const answer = await submit(view, bad);
      expect(answer).toMatchObject({ response_action: "errors", errors: { triage_value: expect.any(String) } });
    }
    expect(await submit(view, second.id)).toMatchObject({
      errors: { triage_value: `${second.id} cannot be a duplicate of itself.` },
    });
    expect((await h.store.reports.get(second.id))!.status).toBe("new");

    expect(await submit(view, first.id.toLowerCase())).toBeNull();
    await waitUntil(async () => (await h.store.reports.get(second.id))!.status === "duplicate", "duplicate");
    expect((await h.store.reports.get(second.id))!.duplicateOf).toBe(first.id);
    await waitUntil(
      () => ephemerals().some((t) => t.includes(`${second.id} marked duplicate of ${first.id}`)),
      "triager told",
    );
  });

  it("a non-triager gets the polite refusal and no modal; a closed report refuses instead of acting or asking", async () => {
    const report = await h.fileSlack("printer jams", "UNURSE1");
    await h.runOutbox();
    const original = await cardOf(report.id);
    await press("UNURSE1", report.id, "resolve");
    await waitUntil(() => ephemerals().some((t) => t.includes("only the IT triage team")), "refusal");
    expect(h.api.callsTo("views.open")).toHaveLength(0);

    // Two forms open at once; the first submit wins, the second is refused and changes nothing.
    await press(SLACK_TRIAGER, report.id, "resolve");
    await press(SLACK_TRIAGER, report.id, "wontfix");
    // The two presses are handled concurrently: find each form by its verb, not by arrival order.
    const forms = await h.api.waitFor("views.open", 2);
    const formFor = (verb: string) =>
      forms.find((c) => JSON.stringify(c.args.view).includes(`\\"verb\\":\\"${verb}\\"`));
    const [resolveForm, wontfixForm] = [formFor("resolve"), formFor("wontfix")];
    expect(allStrings(wontfixForm!.args.view)).toContain("Why won't it be fixed? (the reporters will see this reason)");
    await submit(resolveForm!.args.view, "swapped the toner");
    await waitUntil(async () => (await h.store.reports.get(report.id))!.status === "resolved", "resolved");
    await submit(wontfixForm!.args.view, "not our printer");
    await waitUntil(() => ephemerals().some((t) => t.includes(`${report.id} is now Resolved`)), "second refused");
    expect((await h.store.reports.get(report.id))!.status).toBe("resolved");

    // The stale card's Resolve… button refuses instead of opening another form.
    seq += 1;
    const { action_id, value } = button(original.blocks, "resolve");
    await h.postSlack({
      type: "block_actions",
      trigger_id: `trigger-${seq}`,
      team: { id: "T1" },
      user: { id: SLACK_TRIAGER },
      channel: { id: SLACK_TRIAGE },
      container: { type: "message", channel_id: SLACK_TRIAGE, message_ts: original.ts },
      message: { ts: original.ts },
      actions: [{ action_id, value, action_ts: `1700000000.${seq}` }],
    });
    await waitUntil(() => ephemerals().some((t) => t.includes(`${report.id} is already Resolved`)), "stale refused");
    expect(h.api.callsTo("views.open")).toHaveLength(2);
  });
});
