/** The triage forms as each channel renders them: valid Adaptive Cards, Slack modals within limits, field checks. */
import { renderTriageForm } from "../../src/adapters/channels/teams/forms";
import {
  parseTriageSubmission,
  triageFieldError,
  triageModal,
  type TriageModalMeta,
} from "../../src/adapters/channels/slack/triage-modal";
import { triageForm } from "../../src/app/triage/triage-forms";
import { adaptiveCardValidator } from "../support/adaptive-card-schema";

const VERBS = ["resolve", "wontfix", "duplicate"] as const;

describe("triage forms", () => {
  const validate = adaptiveCardValidator();

  it.each(VERBS)("%s: the Adaptive Card is valid 1.5 and submits triage.<verb> with the form mark", (verb) => {
    const form = triageForm(verb, "R-123456789");
    const card = renderTriageForm(form);
    expect(validate(card) ? [] : validate.errors).toEqual([]);
    const input = (card.body as Record<string, unknown>[]).find((e) => e.type === "Input.Text");
    expect(input).toMatchObject({ id: form.field, label: form.prompt, isRequired: true });
    expect((card.actions as Record<string, unknown>[])[0]).toMatchObject({
      type: "Action.Submit",
      title: form.submitLabel,
      data: { action: `triage.${verb}`, reportId: "R-123456789", form: "triage" },
    });
  });

  it.each(VERBS)("%s: the Slack modal keeps Slack's limits and round-trips its metadata", (verb) => {
    const form = triageForm(verb, "R-123456789");
    const view = triageModal(form, { channel: "C1", ts: "1700000000.000100" }, true);
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.submit!.text.length).toBeLessThanOrEqual(24);
    const parsed = parseTriageSubmission({
      private_metadata: view.private_metadata,
      state: { values: { triage_value: { value: { value: "  R-1  " } } } },
    });
    expect(parsed).toEqual({
      meta: {
        verb,
        reportId: "R-123456789",
        field: form.field,
        channel: "C1",
        messageTs: "1700000000.000100",
        card: true,
      },
      value: "R-1",
    });
  });

  it("field checks: notes must not be empty; duplicate ids must look like R-1042 and not be the report itself", () => {
    const meta = (field: TriageModalMeta["field"]): TriageModalMeta => ({
      verb: field === "duplicateOf" ? "duplicate" : field === "note" ? "resolve" : "wontfix",
      reportId: "R-0042",
      field,
      channel: null,
      messageTs: null,
      card: false,
    });
    expect(triageFieldError({ meta: meta("note"), value: "" })).toBe("Please say what was done.");
    expect(triageFieldError({ meta: meta("reason"), value: "" })).toBe("Please give the reason.");
    expect(triageFieldError({ meta: meta("note"), value: "rebooted" })).toBeNull();
    for (const good of ["R-1042", "r1042", "1042"])
      expect(triageFieldError({ meta: meta("duplicateOf"), value: good })).toBeNull();
    for (const bad of ["", "R-", "R-12x", "the other one"])
      expect(triageFieldError({ meta: meta("duplicateOf"), value: bad })).not.toBeNull();
    expect(triageFieldError({ meta: meta("duplicateOf"), value: "R-42" })).toMatch(/itself/);
    expect(parseTriageSubmission({ private_metadata: "not json", state: { values: {} } })).toBeNull();
  });
});
