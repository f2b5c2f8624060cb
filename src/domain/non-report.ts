/**
 * Messages that are not problem reports, by kind: questions about the bot (and about anonymity in
 * particular), tests, thanks, praise, jokes and greetings. The offline gate files none of them, even
 * when a system is named ("love the new BCMA scanners!"), and the intake gives each the right
 * short answer. English, Spanish, German, French and Polish.
 * Pure; reads any text (folded here).
 */
import { foldText } from "./fold-text";
export type NonReportKind =
  "anonymity" | "about_bot" | "bot_itself" | "test" | "thanks" | "praise" | "joke" | "greeting" | "resolved";

const re = (source: string): RegExp => new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, "u");

/** Wording of a problem: a message with any of it is never waved through as praise, thanks or a joke. */
const PROBLEM = re(
  "not|n't|cant|wont|dont|doesnt|isnt|no longer|but|however|except|still|again|slow\\w*|down|broken|break\\w*|error\\w*|fail\\w*|crash\\w*|froze|frozen|freez\\w*|stuck|issue\\w*|problem\\w*|wrong|missing|jam\\w*|locked|outage|bugs?|glitch\\w*|keeps?|never|help me|urgent|asap|nobody|no one|can't|won't|doesn't|isn't|didn't|kaputt|funktioniert nicht|geht nicht|no funciona|no anda|ne marche pas|ne fonctionne pas|nie dziala|zepsu\\w*",
);

/** A wish is a report (a workflow gap), however warmly put. */
const WISH = re(
  "would be (?:\\w+ )?(?:nice|great|amazing|awesome|good|helpful|better|lovely) if|(?:i |we )?wish|could (?:we|you|it|they)|can (?:we|you|it|they)|should|please (?:add|make|fix|change)|it would help|si pudiera|ware schon|ce serait bien|byloby dobrze",
);

/** "never mind, it's working now": the problem went away before anything was filed. */
const RESOLVED = re(
  "never ?mind|nvm|(?:disregard|ignore) (?:that|this|my last(?: (?:msg|message|post|one))?)|(?:sorry,? )?wrong (?:chat|channel|window|thread|person|group)|(?:it's|its|it is|all|everything's|everything is|we're|were) (?:working|fine|good|ok|okay|sorted|fixed)(?: now| again)?|works (?:now|again)|working (?:now|again)|fixed itself|sorted (?:it|now)|problem solved|false alarm|ya funciona|geht wieder|ca marche|dziala juz|juz dziala",
);

const ANONYMITY = re(
  "anonym\\w*|anonim\\w*|anonimowo|(?:who|anyone|someone) (?:else )?(?:sees|reads|can see|can read|gets|will see|will read|knows)|(?:will|does|do|would|can) (?:my )?(?:manager|boss|supervisor|charge nurse|hr|they|anyone|it|you) (?:\\w+ )?(?:see|know|find out|tell)|(?:tell|inform) my (?:manager|boss|supervisor)|my name (?:be )?(?:shown|stored|attached|visible)|confidential|private|quien (?:lee|ve|recibe)|wer (?:liest|sieht)|qui (?:lit|voit)|kto (?:czyta|widzi)",
);

const ABOUT_BOT = re(
  "this bot|the bot|you a bot|are you (?:a |an )?(?:bot|human|real|person|robot|ai)|real person|what can you do|how do (?:i|we) use|how does (?:this|it) work|what happens (?:to|with) my|how long do you keep|do you (?:keep|store|save|speak|understand|work)|can (?:i|we) (?:send|attach|upload|share) (?:you )?(?:a |an )?(?:screenshots?|photos?|pictures?|files?)|is this where (?:i|we) (?:report|send|tell)|where (?:do|should) (?:i|we) (?:report|send)|who should i (?:message|ask|contact)|help ?desk (?:number|extension|phone)|work on (?:teams|slack|mobile|my phone|the phone)|bot dziala|ce bot|dieser bot|este bot",
);

/** A question about the bot itself ("does this bot work on Teams mobile?"), whatever system it names. */
const BOT_ITSELF = re("this bot|the bot|you a bot|are you|this thing|help ?desk (?:number|extension|phone)");

const TEST = re(
  "test(?:ing)?(?: \\d+| test| message| msg| the bot| this| only| please ignore| ignore)*|just testing|ping|is this (?:thing )?(?:on|working)|check(?:ing)? (?:if |whether |that )?(?:this|it) works|before i send the real|probando|prueba|teste|essai|testuje|sprawdzam",
);

const THANKS = re(
  "thanks?|thank you|thx|ty|cheers|appreciate (?:it|you|this|the)|gracias|danke\\w*|merci|dzieki\\w*|dziekuje",
);

const PRAISE = re(
  "great job|good job|well done|nice work|great work|kudos|props to|shout ?out|love (?:the|this|it|how)|loving (?:the|this)|awesome|amazing|fantastic|brilliant|excellent|smooth|so much (?:faster|better|easier|quicker)|works (?:great|perfectly|really well|like a charm)|working (?:great|perfectly|well)|is (?:great|fantastic|so good)|faster than|big improvement|huge improvement|bravo|genial|super|toll|parfait|swietnie|swietna robota|buen trabajo|gute arbeit|beau travail",
);

const JOKE_FORM = re(
  "why did (?:the|a|my) .{2,80}\\?|what do you call .{2,80}\\?|what's the difference between|how many .{2,40} does it take|walks into a bar",
);
const JOKE_ALWAYS = re("knock knock|tell me a joke|(?:a|one) joke|just kidding|jk");
const LAUGH = /😂|🤣|😆|😅|😜|(?<![a-z])(?:lol|lmao|rofl|haha\w*|hehe\w*|jaja\w*)(?![a-z])/u;

const GREETING = re(
  "hi|hello|hey|hiya|yo|howdy|good (?:morning|afternoon|evening|night)|morning|evening|gm|night all|happy (?:friday|monday|holidays?|new year)|have a (?:good|great|nice) (?:one|shift|day|night|weekend)|bonjour|bonsoir|salut|hola|buenos dias|buenas (?:tardes|noches)|hallo|guten (?:morgen|tag|abend)|servus|moin|czesc|dzien dobry|witam|dobranoc",
);

/** A question: a question mark, or a question word first. */
const QUESTION = /\?|^(?:how|who|what|where|when|will|can|does|do|is|are|wie|wer|como|quien|comment|qui|jak|kto)\b/u;

/** What kind of non-report the message is, or null when it reads as something else. */
export function nonReportKindOf(text: string): NonReportKind | null {
  const folded = foldText(text).trim();
  if (folded === "") return null;
  const words = folded.match(/\p{L}+/gu) ?? [];
  const problem = PROBLEM.test(folded);
  const wish = WISH.test(folded);
  if (
    RESOLVED.test(folded) &&
    !PROBLEM.test(folded.replace(new RegExp(RESOLVED.source, "gu"), " ")) &&
    words.length <= 15
  )
    return "resolved";
  const question = QUESTION.test(folded);
  if (question && ANONYMITY.test(folded) && words.length <= 20 && !problem) return "anonymity";
  if (question && ABOUT_BOT.test(folded) && words.length <= 20 && !problem)
    return BOT_ITSELF.test(folded) ? "bot_itself" : "about_bot";
  if (TEST.test(folded) && words.length <= 12 && !problem) return "test";
  if (JOKE_ALWAYS.test(folded) || (JOKE_FORM.test(folded) && LAUGH.test(folded))) return "joke";
  if (problem || wish) return null;
  if (PRAISE.test(folded) && words.length <= 30) return "praise";
  if (THANKS.test(folded) && words.length <= 20) return "thanks";
  if (GREETING.test(folded) && words.length <= 8) return "greeting";
  if (LAUGH.test(folded) && words.length <= 4) return "joke";
  return null;
}
