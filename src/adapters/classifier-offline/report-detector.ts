/**
 * Decides whether a message is a report at all. Greetings, thanks, chit-chat and questions to the
 * bot about itself are not, in English, Spanish, German, French and Polish, unless the message
 * also names a system or describes a problem ("good morning, Epic is down" is a report).
 */
import { nonReportKindOf } from "../../domain/non-report";

const re = (source: string, flags = ""): RegExp => new RegExp(`(?<![a-z0-9])(?:${source})(?![a-z0-9])`, flags);

const CHIT_CHAT = re(
  "hi|hello|hey|hiya|yo|howdy|good (?:morning|afternoon|evening|night)|morning|gm|thanks?|thank you|thx|ty|cheers|ok|okay|cool|great|nice|lol|haha|brb|bye|see you|later|knock knock|test(?:ing)?|ping|checking in|night shift|day shift|happy (?:friday|monday|holidays?)|have a good (?:one|shift|day|night)|hang in there|bonjour|salut|bonsoir|merci|bon courage|bonne (?:journee|nuit|garde)|tout le monde|hola|buenos dias|buenas (?:tardes|noches)|gracias|que tal|hallo|guten (?:morgen|tag|abend)|servus|moin|danke|schonen dienst|czesc|dzien dobry|witam|dziekuje|dzieki|milego dyzuru",
);
const ABOUT_THE_BOT = re(
  "is this (?:thing )?(?:on|working)|can (?:i|we) (?:send|attach|upload|post|share) (?:you )?(?:a |an )?(?:screenshots?|photos?|pictures?|files?|attachments?|screen ?shots?)|are (?:you|u) (?:a |an )?(?:real|bot|human|person|robot|ai|machine)|(?:real|actual) person|(?:is this|am i talking to) (?:a |an )?(?:bot|human|robot|ai|real person)|how long do you (?:keep|store|save)|(?:see|read|access) what (?:i|we) (?:send|write|type|post)|(?:who|what) (?:can|will) (?:see|read) (?:my|these|this)|(?:do|will) you (?:keep|store|save|read|share|record)|what (?:can|do) you do|who (?:made|built|created|runs) you|what are you|is this (?:anonymous|confidential|private)|what happens (?:to|with) my (?:message|report|data)|who (?:reads|sees|gets|answers) (?:these|this|my|our)|do you (?:speak|understand|work)|eres (?:un )?bot|bist du (?:ein )?bot|es-tu un (?:bot|robot)|czy jestes botem|quien (?:lee|ve|recibe|contesta)|estos mensajes|hablas|wer (?:liest|sieht|bekommt)|diese nachrichten|sprichst du|qui (?:lit|voit|recoit)|ces messages|parlez-vous|parles-tu|quoi ce bot|kto (?:czyta|widzi)|te wiadomosci|mowisz po",
);

const CHIT_CHAT_ALL = new RegExp(CHIT_CHAT.source, "g");
/** Thanks for a fix already made ("thanks for fixing the printer yesterday!"). */
const THANKS_FOR_FIX = re(
  "(?:thanks?|thank you|thx|ty|cheers) (?:\\w+ ){0,2}for (?:fixing|sorting|resetting|replacing|the (?:help|fix|quick fix))|(?:that|it's|it is|all) (?:fixed|sorted|working again|good now)|works (?:now|again)",
);

export interface ReportSignals {
  /** A catalogue system was named. */
  namedSystem: boolean;
  /** Total weight of problem wording found by the kind lexicon. */
  problemWeight: number;
}

/** Kinds that stay non-reports even when a system is named (praise, thanks and jokes carry no problem wording). */
const NEVER_REPORTS = new Set(["thanks", "praise", "joke", "resolved", "bot_itself"]);
/** Questions about the bot (no problem wording) are non-reports unless a system is named too. */
const QUESTIONS = new Set(["anonymity", "about_bot"]);

/**
 * Praise, thanks, jokes, "never mind, it works" and questions about the bot itself: the gate's
 * answer for these is final (a learned model does not overrule it).
 */
export function isCertainNonReport(folded: string): boolean {
  const kind = nonReportKindOf(folded);
  return kind !== null && NEVER_REPORTS.has(kind);
}

export function isReportMessage(folded: string, signals: ReportSignals): boolean {
  const kind = nonReportKindOf(folded);
  if (kind && NEVER_REPORTS.has(kind)) return false;
  if (kind && QUESTIONS.has(kind) && !signals.namedSystem) return false;
  if (kind === "test" && !signals.namedSystem && signals.problemWeight < 3) return false;
  if (kind === "greeting" && !signals.namedSystem && signals.problemWeight === 0) return false;
  if (THANKS_FOR_FIX.test(folded) && signals.problemWeight < 3) return false;
  if (signals.namedSystem || signals.problemWeight >= 3) return true;
  if (ABOUT_THE_BOT.test(folded)) return false;
  const words = folded.match(/\p{L}{2,}/gu) ?? [];
  if (words.length === 0) return false;
  const remainder = folded.replace(CHIT_CHAT_ALL, " ").match(/\p{L}{3,}/gu) ?? [];
  if (CHIT_CHAT.test(folded) && remainder.length <= 4) return false;
  if (/^(?:bot|you|u)\b|\bbot\b/.test(folded) && remainder.length <= 10 && signals.problemWeight === 0) return false;
  return words.length > 3 || signals.problemWeight > 0;
}
