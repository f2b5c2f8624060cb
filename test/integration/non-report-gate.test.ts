/**
 * The non-report gate through the real intake core and the real offline gate: questions about the
 * bot, anonymity questions, tests, thanks, praise, jokes and greetings file nothing and get the
 * short answer for their kind; a report that opens like one of them is still filed.
 */
import { createOfflineClassifier } from "../../src/adapters/classifier-offline/offline-classifier";
import { createRegexRedactor } from "../../src/adapters/redaction/regex-redactor";
import { loadCatalogue } from "../../src/config/catalogue";
import { intakeHarness, message } from "../support/intake-harness";

const catalogue = loadCatalogue();
const gate = createOfflineClassifier(catalogue);
const redactor = createRegexRedactor(catalogue);

const KINDS: Array<[string, RegExp, string[]]> = [
  [
    "anonymity question",
    /report anonymously.*"anonymous:"/,
    [
      "how do I report anonymously?",
      "who sees this?",
      "will my manager see my name?",
      "is this anonymous?",
      "¿cómo reporto de forma anónima?",
      "Wie melde ich anonym?",
    ],
  ],
  ["test", /^I'm here and working/, ["test", "testing 123", "test test", "just testing the bot"]],
  [
    "thanks",
    /^You're welcome/,
    ["thanks!", "thank you so much, that was quick", "cheers IT", "danke für die schnelle Hilfe!"],
  ],
  [
    "praise",
    /^Thank you, glad to hear it/,
    [
      "great job on the go-live everyone!",
      "the new Epic upgrade is actually great, well done",
      "love the new BCMA scanners, so much faster",
      "kudos to the IT team for the smooth Cerner go-live",
    ],
  ],
  [
    "joke",
    /^Ha! Tell me in one sentence/,
    [
      "why did the computer go to the doctor? it had a virus 😂",
      "what do you call a printer that works? a myth lol",
      "knock knock",
    ],
  ],
  [
    "greeting or question about the bot",
    /^Hi! Tell me in one sentence/,
    ["good morning!", "hey bot", "can I send a screenshot?"],
  ],
  ["resolved", /^Glad it's working again/, ["never mind, it's working now"]],
];

describe("the non-report gate", () => {
  it.each(KINDS)("%s: nothing filed, the right short answer", async (_kind, expected, texts) => {
    const h = await intakeHarness({ gate, redactor });
    for (const text of texts) {
      const response = await h.core.onMessage(message(text));
      expect({ text, reply: response.replies[0]?.message.text }).toEqual({
        text,
        reply: expect.stringMatching(expected),
      });
      expect(response.replies[0]?.message.note).toBe("Nothing was filed.");
    }
    expect(await h.store.reports.count({})).toBe(0);
    await h.store.close();
  });

  it.each([
    "thanks — but Epic is down on 4 West again",
    "good morning, the BCMA scanner on 5 North won't read wristbands",
    "would be amazing if the pump could push rates into the flowsheet",
    "test results from the lab aren't showing in Epic for 6 South",
    "is this anonymous? everyone on 3 East shares one Pyxis login",
  ])("still files a report that opens like a non-report: %s", async (text) => {
    const h = await intakeHarness({ gate, redactor });
    const response = await h.core.onMessage(message(text));
    expect(response.replies[0]?.trackForReport).toMatch(/^R-\d+$/);
    expect(await h.store.reports.count({})).toBe(1);
    await h.store.close();
  });
});
