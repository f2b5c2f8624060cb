/**
 * "Resolve…" and "Duplicate of…" in Teams, through POST /api/messages (Bot Framework activities as
 * Teams sends them, fake Bot Connector) and the real core: the button answers with an inline
 * Adaptive Card form; submitting it (the button's data merged with the inputs, as Teams does)
 * acts, replaces the form with a confirmation, and the triage card is updated through the outbox.
 */
import type { ConnectorCall, Json } from "../fakes/fake-bot-connector";
import { adaptiveCardValidator } from "../support/adaptive-card-schema";
import {
  startFormsHarness,
  TEAMS_NURSE,
  TEAMS_TRIAGE,
  TEAMS_TRIAGER,
  waitUntil,
  type FormsHarness,
} from "./triage-forms-harness";

let h: FormsHarness;

beforeEach(async () => {
  h = await startFormsHarness();
});

afterEach(async () => {
  await h.close();
});

const cardContent = (call: ConnectorCall): Json => call.body.attachments?.[0]?.content;
const inputsOf = (card: Json): Json[] => (card.body as Json[]).filter((e) => String(e.type).startsWith("Input."));

async function triageCardId(reportId: string): Promise<string> {
  const ref = (await h.store.reports.get(reportId))!.triageMessageRef!;
  expect(ref.startsWith(`${TEAMS_TRIAGE}|`)).toBe(true);
  return ref.slice(ref.lastIndexOf("|") + 1);
}

/** Presses a card button / submits a form: a message activity whose value is the submitted data. */
async function submitCard(from: typeof TEAMS_TRIAGER, replyToId: string, value: Record<string, string>) {
  const before = h.connector.calls.length;
  expect(await h.postTeams(from, { replyToId, value })).toBe(200);
  return h.connector.calls.slice(before);
}

describe("triage forms in Teams", () => {
  it("Resolve… answers with a valid Adaptive Card form; submitting it resolves, confirms in place and updates the card", async () => {
    const report = await h.fileTeams("Epic freezes when opening the MAR on 4 West");
    await h.runOutbox();
    const cardId = await triageCardId(report.id);

    const pressed = await submitCard(TEAMS_TRIAGER, cardId, {
      action: "triage.resolve",
      reportId: report.id,
      card: "triage",
    });
    const formCall = pressed.find((c) => c.kind === "reply" && cardContent(c)?.type === "AdaptiveCard")!;
    expect(formCall).toBeDefined();
    const form = cardContent(formCall);
    const validate = adaptiveCardValidator();
    expect(validate(form) ? [] : validate.errors).toEqual([]);
    expect(inputsOf(form)).toEqual([
      expect.objectContaining({ type: "Input.Text", id: "note", isRequired: true, isMultiline: true }),
    ]);
    expect(JSON.stringify(form)).toContain("What was done? (the reporters will see this note)");
    const submit = form.actions[0];
    expect(submit).toMatchObject({ type: "Action.Submit", title: "Resolve" });
    expect((await h.store.reports.get(report.id))!.status).toBe("new");
    // Nothing was updated by the press itself.
    expect(pressed.filter((c) => c.kind === "update")).toHaveLength(0);

    // Teams merges the inputs into the button's data.
    const submitted = await submitCard(TEAMS_TRIAGER, formCall.assignedId!, {
      ...submit.data,
      note: "restarted the Citrix server",
    });
    const saved = (await h.store.reports.get(report.id))!;
    expect(saved.status).toBe("resolved");
    expect(saved.history.at(-1)).toMatchObject({ action: "resolved", note: "restarted the Citrix server" });
    const confirmation = submitted.find((c) => c.kind === "update")!;
    expect(confirmation.activityId).toBe(formCall.assignedId);
    expect(JSON.stringify(cardContent(confirmation))).toContain(`Resolved ${report.id}`);
    expect(inputsOf(cardContent(confirmation))).toEqual([]);

    // The outbox updates the triage card itself in place and tells the reporter, once.
    await h.runOutbox();
    const cardUpdates = h.connector.calls.filter((c) => c.kind === "update" && c.activityId === cardId);
    expect(cardUpdates).toHaveLength(1);
    expect(JSON.stringify(cardContent(cardUpdates[0]!))).toContain("Resolved");
    const toNurse = h.connector
      .sent()
      .filter((c) => c.conversationId === `a:${TEAMS_NURSE.id}`)
      .map((c) => JSON.stringify(c.body))
      .filter((body) => body.includes("Resolved — restarted the Citrix server"));
    expect(toNurse).toHaveLength(1);
  });

  it("Duplicate of… asks for a report id with a regex; a bad id is refused and the form stays", async () => {
    const first = await h.fileTeams("Epic login page shows a certificate error");
    const second = await h.fileTeams("the scanner beeps on 5 East but the chart never opens");
    await h.runOutbox();
    const cardId = await triageCardId(second.id);
    const pressed = await submitCard(TEAMS_TRIAGER, cardId, {
      action: "triage.duplicate",
      reportId: second.id,
      card: "triage",
    });
    const formCall = pressed.find((c) => cardContent(c)?.type === "AdaptiveCard")!;
    const form = cardContent(formCall);
    const validate = adaptiveCardValidator();
    expect(validate(form) ? [] : validate.errors).toEqual([]);
    const [input] = inputsOf(form);
    expect(input).toMatchObject({ id: "duplicateOf", isRequired: true, placeholder: "R-1042" });
    const pattern = new RegExp(input.regex as string);
    expect([first.id, "r1042", " 1042 "].every((v) => pattern.test(v))).toBe(true);
    expect(["", "R-12x", "the other one"].some((v) => pattern.test(v))).toBe(false);

    const data = form.actions[0].data;
    const bad = await submitCard(TEAMS_TRIAGER, formCall.assignedId!, { ...data, duplicateOf: "the other one" });
    expect(bad.filter((c) => c.kind === "update")).toHaveLength(0);
    expect(JSON.stringify(bad.map((c) => c.body))).toContain("is not a report id");
    expect((await h.store.reports.get(second.id))!.status).toBe("new");

    await submitCard(TEAMS_TRIAGER, formCall.assignedId!, { ...data, duplicateOf: first.id });
    expect(await h.store.reports.get(second.id)).toMatchObject({ status: "duplicate", duplicateOf: first.id });
  });

  it("a non-triager pressing Resolve… gets the polite refusal and no form", async () => {
    const report = await h.fileTeams("Epic prints the wrong label on 4 West");
    await h.runOutbox();
    const cardId = await triageCardId(report.id);
    const stranger = { id: "29:visitor", name: "Vic Visitor", aadObjectId: "aad-visitor" };
    const calls = await submitCard(stranger, cardId, { action: "triage.resolve", reportId: report.id, card: "triage" });
    const bodies = JSON.stringify(calls.map((c) => c.body));
    expect(bodies).toContain("only the IT triage team");
    expect(bodies).not.toContain("Input.Text");
    await waitUntil(async () => (await h.store.reports.get(report.id))!.status === "new", "unchanged");
  });
});
