/** What channel adapters hand to the core, and what the core hands back. Channel-neutral. */
import type { BotMessage } from "../../domain/message";
import type { ChannelName } from "../../ports/channel";

export interface Sender {
  channel: ChannelName;
  /** Platform user id (Slack U…, Teams AAD object id / 29:… id, web chat user id). */
  userId: string;
  userName: string | null;
  /** Key of the stored conversation reference of the conversation this arrived in. */
  conversationKey: string;
  /** True in a 1:1 chat with the bot. */
  direct: boolean;
  /**
   * The shared channel this was typed in, by the platform id a triage destination uses (Slack
   * channel id "C0123"). Null or absent in a 1:1 chat, and where the adapter does not say (Teams and
   * web chat rooms are recognised by their conversation key instead).
   */
  room?: string | null;
}

export interface InboundMessage {
  sender: Sender;
  /** Raw text as typed (mentions of the bot already stripped by the adapter). Never stored as is. */
  text: string;
  attachments: number;
  /** The reporter asked to stay anonymous for this report. */
  anonymous?: boolean;
  /** A platform idempotency key (Slack event_id, Teams activity id) so retries never file twice. */
  deliveryId?: string;
  /** Came from a slash command / message action rather than chat: always treated as a report or command. */
  explicit?: boolean;
}

export interface InboundAction {
  sender: Sender;
  /** Verb, e.g. "answer", "urgent", "add_detail", "anonymous", "triage.ack", "triage.resolve". */
  action: string;
  data: Record<string, string>;
  /** Platform reference of the message whose button was pressed (to update it in place). */
  messageRef: string | null;
  deliveryId?: string;
}

export interface CoreReply {
  message: BotMessage;
  /** When set, the adapter reports the sent message's ref back with `recordIntakeMessage`. */
  trackForReport?: string;
  /** Only the sender should see it (Slack ephemeral); channels without that post normally. */
  ephemeral?: boolean;
}

export interface CoreResponse {
  replies: CoreReply[];
  /** Replace the message whose button was pressed. */
  update?: BotMessage;
  /**
   * Nothing was stored (busy, or the store failed): the platform should deliver this again. Slack
   * answers non-2xx so it retries; Teams and web chat show the replies (an apology / "try again").
   */
  retryable?: true;
  /** Open a form (Slack modal; inline Adaptive Card in Teams and web chat). */
  openForm?: AddDetailForm | TriageForm;
}

/** A reporter adds detail to their own report. */
export interface AddDetailForm {
  kind: "add_detail";
  reportId: string;
  title: string;
  prompt: string;
}

export type TriageFormVerb = "resolve" | "wontfix" | "duplicate";

/** `data.form` of a submit from an inline triage form message (Teams, web chat). */
export const TRIAGE_FORM_MARK = "triage";

/**
 * A triager supplies what a card button cannot: the resolution note, the won't-fix reason or the
 * report this one duplicates. Submitting it is the action `triage.<verb>` with data
 * `{ reportId, <field>: value }` (plus `form: "triage"` when the form is a message of its own, so a
 * successful submit replaces it with a confirmation; plus `card: "triage"` when the submit carries
 * the triage card's ref, so that card is updated in place).
 */
export interface TriageForm {
  kind: "triage";
  verb: TriageFormVerb;
  reportId: string;
  title: string;
  prompt: string;
  field: "note" | "reason" | "duplicateOf";
  submitLabel: string;
}

/** The one entry point all channels drive. */
export interface BotCore {
  onMessage(message: InboundMessage): Promise<CoreResponse>;
  onAction(action: InboundAction): Promise<CoreResponse>;
  /** The adapter tells the core the platform ref of a tracked reply (to update it in place later). */
  recordIntakeMessage(reportId: string, messageRef: string): Promise<void>;
  /**
   * The adapter could not send a tracked reply inside the turn (connector down, credentials
   * refused): the core queues the same message to the report's conversation in the outbox, once
   * per report, so the reporter still hears it. True when it is queued (now or before). Optional:
   * cores without an outbox (the CLI) leave it out and the failure stands.
   */
  deferReply?(reportId: string, message: BotMessage): Promise<boolean>;
  /** Welcome text for a new install / member added. */
  welcome(): CoreResponse;
}
