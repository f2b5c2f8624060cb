/**
 * What the web chat's conversation log keeps of what a person sent: typed text and every typed
 * string of a card submit redacted; the verb, form and report id a card's buttons put there kept as
 * they are (a dotted action such as "triage.resolve" read like a name to the redactor), and only
 * when they have the shape a button gives them.
 */
import { redactedEcho } from "../../src/adapters/channels/webchat/redacted-echo";
import type { ChatActivity } from "../../src/adapters/channels/webchat/conversation-log";
import { createRegexRedactor } from "../../src/adapters/redaction/regex-redactor";
import { loadCatalogue } from "../../src/config/catalogue";

const redactor = createRegexRedactor(loadCatalogue());
const activity = (value: unknown): ChatActivity => ({ type: "message", text: "", value });

describe("web chat redacted echo", () => {
  it("keeps a card's action, form and report id, and redacts the typed note", () => {
    const echo = redactedEcho(
      redactor,
      activity({
        action: "triage.resolve",
        form: "triage",
        reportId: "R-12",
        note: "pt John Okafor MRN 4471920 label reprinted",
      }),
    );
    expect(echo.value).toEqual({
      action: "triage.resolve",
      form: "triage",
      reportId: "R-12",
      note: expect.not.stringMatching(/Okafor|4471920/),
    });
  });

  it("redacts the same fields when what is in them is not what a button puts there", () => {
    const echo = redactedEcho(
      redactor,
      activity({ action: "pt John Okafor", form: "MRN 4471920", reportId: "pt Okafor 4471920" }),
    );
    expect(JSON.stringify(echo.value)).not.toMatch(/Okafor|4471920/);
  });
});
