/** Shortcut → modal → submission, buttons → core actions with in-place updates, the add-detail modal. */
import type { CoreResponse } from "../../src/app/intake/core-types";
import { interactionBody } from "../fakes/slack-signing";
import { startSlackHarness, type SlackHarness } from "./slack-harness";

/** Slack payloads as read back from the fake API: loosely typed JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

let h: SlackHarness;

beforeEach(async () => {
  h = await startSlackHarness();
});

afterEach(async () => {
  await h.close();
});

function shortcutPayload(text: string, author: string) {
  return {
    type: "message_action",
    callback_id: "report_to_it",
    trigger_id: "trig-shortcut",
    team: { id: "T1", domain: "hospital" },
    user: { id: "U1", name: "nurse" },
    channel: { id: "C7", name: "ward-7" },
    message_ts: "1700000300.000100",
    message: { type: "message", user: author, text, ts: "1700000300.000100" },
    response_url: "http://127.0.0.1:9/r",
  };
}

function viewSubmission(view: Record<string, unknown>, values: Record<string, unknown>, viewId = "V100") {
  return {
    type: "view_submission",
    team: { id: "T1", domain: "hospital" },
    user: { id: "U1", name: "nurse" },
    trigger_id: "trig-view",
    view: { ...view, id: viewId, state: { values } },
  };
}

describe("Slack interactivity", () => {
  it("opens a prefilled modal from the message shortcut and files the report on submission", async () => {
    const res = await h.post(interactionBody(shortcutPayload("Pump 3 keeps rebooting", "U2")));
    expect(res.status).toBe(200);
    const [opened] = await h.api.waitFor("views.open");
    const view = opened!.args.view as Record<string, Any>;
    expect(opened!.args.trigger_id).toBe("trig-shortcut");
    expect(view.callback_id).toBe("report_to_it_submit");
    expect(view.blocks[0].element.initial_value).toBe("Pump 3 keeps rebooting");
    const optionValues = view.blocks[1].element.options.map((o: { value: string }) => o.value);
    expect(optionValues).toEqual(["on_behalf", "anonymous"]);

    const submit = await h.post(
      interactionBody(
        viewSubmission(view, {
          report_text: { text: { type: "plain_text_input", value: "Pump 3 keeps rebooting (edited)" } },
          report_options: { options: { type: "checkboxes", selected_options: [{ value: "on_behalf" }] } },
        }),
      ),
    );
    expect(submit.status).toBe(200);
    await h.api.waitFor("chat.postMessage");
    const inbound = h.core.messages[0]!;
    expect(inbound).toMatchObject({
      text: "Pump 3 keeps rebooting (edited)",
      explicit: true,
      anonymous: false,
      deliveryId: "view:V100",
    });
    // Reporting on behalf of the author makes the author the reporter.
    expect(inbound.sender).toMatchObject({ userId: "U2", conversationKey: "slack:T1:U2" });
    // The submitter hears back by DM.
    expect(h.api.callsTo("chat.postMessage")[0]!.args.channel).toBe("DU1");
  });

  it("keeps the submitter as an anonymous reporter when asked", async () => {
    await h.post(interactionBody(shortcutPayload("Login loop", "U1")));
    const [opened] = await h.api.waitFor("views.open");
    const view = opened!.args.view as Record<string, Any>;
    expect(view.blocks[1].element.options.map((o: { value: string }) => o.value)).toEqual(["anonymous"]);
    await h.post(
      interactionBody(
        viewSubmission(view, {
          report_text: { text: { value: "Login loop" } },
          report_options: { options: { selected_options: [{ value: "anonymous" }] } },
        }),
      ),
    );
    await h.core.waitForCalls(1);
    expect(h.core.messages[0]).toMatchObject({ anonymous: true, sender: { userId: "U1" } });
    expect(h.conversations.saved.get("slack:T1:U1")).toMatchObject({ channel: "C7", anonymous: true });
  });

  it("refuses an empty modal submission with a field error", async () => {
    await h.post(interactionBody(shortcutPayload("x", "U1")));
    const [opened] = await h.api.waitFor("views.open");
    const res = await h.post(
      interactionBody(viewSubmission(opened!.args.view as Any, { report_text: { text: { value: "  " } } })),
    );
    expect(await res.json()).toMatchObject({ response_action: "errors", errors: { report_text: expect.any(String) } });
    expect(h.core.messages).toHaveLength(0);
  });

  it("routes a button to core.onAction, updates the pressed message and opens the add-detail modal", async () => {
    const response: CoreResponse = {
      replies: [{ message: { text: "Marked urgent" }, ephemeral: true }],
      update: { title: "R-1 received", text: "Urgent now", tone: "attention" },
      openForm: { kind: "add_detail", reportId: "R-1", title: "Add detail", prompt: "What else happened?" },
    };
    h.core.script({ onAction: () => response });
    const payload = {
      type: "block_actions",
      trigger_id: "trig-button",
      team: { id: "T1" },
      user: { id: "U1" },
      channel: { id: "DU1" },
      container: { type: "message", channel_id: "DU1", message_ts: "1700000400.000200" },
      message: { ts: "1700000400.000200", text: "R-1 received" },
      actions: [
        {
          type: "button",
          action_id: "urgent#1",
          block_id: "b1",
          value: JSON.stringify({ reportId: "R-1" }),
          action_ts: "1700000401.1",
        },
      ],
    };
    expect((await h.post(interactionBody(payload))).status).toBe(200);
    const [updated] = await h.api.waitFor("chat.update");
    expect(h.core.actions[0]).toMatchObject({
      action: "urgent",
      data: { reportId: "R-1" },
      messageRef: "DU1:1700000400.000200",
      sender: { userId: "U1", direct: true },
    });
    expect(updated!.args).toMatchObject({ channel: "DU1", ts: "1700000400.000200" });
    expect(JSON.stringify(updated!.args.blocks)).toContain("Urgent now");
    const [opened] = await h.api.waitFor("views.open");
    const view = opened!.args.view as Record<string, Any>;
    expect(opened!.args.trigger_id).toBe("trig-button");
    expect(view.callback_id).toBe("add_detail");
    const [ephemeral] = await h.api.waitFor("chat.postEphemeral");
    expect(ephemeral!.args).toMatchObject({ channel: "DU1", user: "U1", text: "Marked urgent" });

    // Same click delivered twice: one core call.
    await h.post(interactionBody(payload));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.core.actions).toHaveLength(1);

    h.core.script({ onAction: () => ({ replies: [{ message: { text: "Detail added to R-1" } }] }) });
    await h.post(interactionBody(viewSubmission(view, { detail: { detail: { value: "It happened twice" } } }, "V200")));
    await h.core.waitForCalls(2);
    expect(h.core.actions[1]).toMatchObject({
      action: "add_detail",
      data: { reportId: "R-1", detail: "It happened twice" },
      messageRef: "DU1:1700000400.000200",
      deliveryId: "view:V200",
    });
    const posted = await h.api.waitFor("chat.postMessage");
    expect(posted[0]!.args).toMatchObject({ channel: "DU1", text: "Detail added to R-1" });
  });

  it("reports tracked replies back to the core with their message ref", async () => {
    h.core.script({ onMessage: () => ({ replies: [{ message: { text: "R-9 received" }, trackForReport: "R-9" }] }) });
    const { eventEnvelope, dmEvent, jsonBody } = await import("../fakes/slack-signing");
    await h.post(jsonBody(eventEnvelope(dmEvent("U1", "broken"))));
    await h.core.waitForRecorded(1);
    expect(h.core.recorded[0]!.reportId).toBe("R-9");
    expect(h.core.recorded[0]!.messageRef).toMatch(/^DU1:1700000000\.\d{6}$/);
  });
});
