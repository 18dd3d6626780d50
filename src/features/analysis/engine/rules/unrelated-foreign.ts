// Two unrelated asks in one short prompt written in a language the ask cutter of unrelated-asks.ts does not
// read: Russian and Ukrainian ("…, и ещё — что подарить свекрови?"), Polish ("A przy okazji: …"), Turkish
// ("Bir de, …"), Chinese ("另外问一下，…"), Japanese ("あと、…", "①… ②…") and Korean ("그리고 …"). The
// prompt is cut where the writer adds an ask ("also", "by the way", "one more thing", a list number); the
// ask after the cut is unrelated when both sides ask something, both name a known subject
// (topics-foreign.ts) and no subject on one side is a neighbour of one on the other. A word pointing back
// ("это", "bunu", "それ") keeps the ask with what came before.

import { detectLanguage } from "../language.js";
import { MASK_INSTRUCTION } from "../text.js";
import type { Span } from "../types.js";
import type { RuleContext } from "./context.js";
import { topicsMeet } from "./topics.js";
import { foreignTopicsOf } from "./topics-foreign.js";

/** Past this, a prompt is a specification whose parts belong together by design. */
const SCOPE_CHARS = 900;

// Words that add an ask, written with spaces between words (they end where a letter does not follow).
const SPACED_MARKERS = [
  // Russian, Ukrainian
  "(?:и|а) ещ[её]",
  "ещ[её] (?:один )?вопрос",
  "кстати",
  "заодно",
  "(?:и|а) также",
  "другой вопрос",
  "отдельный вопрос",
  "и (?:подскажи|скажи|напиши|объясни|посоветуй|помоги|расскажи)(?:те)?",
  "(?:і|а) ще",
  "до речі",
  // Polish
  "a przy okazji",
  "przy okazji",
  "(?:i|a) jeszcze",
  "a także",
  "poza tym",
  "a tak w ogóle",
  "inna sprawa",
  "jeszcze jedno",
  "i (?:powiedz|napisz|wyjaśnij|podpowiedz|doradź|poleć|pomóż)",
  // Turkish
  "bir de",
  "ayrıca",
  "bu arada",
  "aklıma gelmişken",
  "bir şey daha",
  "başka bir (?:konu|soru)",
  "bir soru daha",
].join("|");
// The same in Chinese, Japanese and Korean, where the next word follows without a space.
const CLOSE_MARKERS =
  "另外|还有|順便|顺便|对了|對了|此外|再问一下|还想问|あと[、,]|それと|ついでに|ところで|別件|もう一つ|もうひとつ|그리고|아 그리고|그런데|근데|별개로|다른 질문|하나 더";
/** Where an ask is added: after a line, sentence or clause end, the adding word. */
const MARKER_RE = new RegExp(
  `(?:^|[\\n.!?。！？…]\\s*|[,，、;；:：]\\s*|\\s[—–-]\\s*|\\s)(?:(${SPACED_MARKERS})(?![\\p{L}])|(${CLOSE_MARKERS}))`,
  "giu",
);
/** A list item: "①", "1.", "2)" at a line's start. */
const ITEM_RE = /^[ \t]*(?:[①②③④⑤]|\d[.)．、])[ \t]*/gmu;

const ITEM_LANGUAGES = new Set(["ru", "uk", "tr", "zh", "ja", "ko"]);

/** Something asked: a question mark, or a request or question form of those languages. */
const ASKED_RE =
  /[?？]|(?<![\p{L}])(?:подскаж|скаж|напиш|сдела|помог|расскаж|объясн|состав|придума|провер|исправ|перевед|посовету|предлож|найд|дай|нужн|хочу|napisz|ułóż|przygotuj|podaj|zrób|pomóż|wyjaśnij|powiedz|popraw|sprawdź|przetłumacz|zaproponuj|doradź|poleć|potrzebuj|chcę|proszę|lütfen|öner|anlat|açıkla|yazar m|(?:yaz|hazırla|düzelt|çevir|söyle|bul|nasıl|neden|hangi|kaç|как|почему|сколько|какой|какая|какие|jak|dlaczego|ile|który|która|które)(?![\p{L}]))|m[ıiuü]s[ıiuü]n|帮我|请|給我|给我|怎么|怎麼|如何|吗|嗎|推荐|ください|下さい|お願い|教えて|方法|ですか|ますか|줘|주세요|알려|어떻게|할까|나요|까요|추천/iu;
/** A word pointing back at what came before: the ask is about the same thing. */
const BACK_RE =
  /(?<![\p{L}])(?:это|этот|эта|его|её|ее|их|него|неё|тот же|такой же|to samo|tego|go|ją|ten sam|tak samo|bunu|onu|bunun|onun|aynı)(?![\p{L}])|它|这个|那个|這個|那個|上面|同样|それ|これ|同じ|上記|그것|이것|같은|위의/iu;
/** A role the prompt sets up: the many things an assistant handles belong together. */
const ROLE_RE =
  /(?:^|\n(?<!\n[^\S\n]*\n))\s*(?:ты|вы)\s+[—–-]\s|(?<![\p{L}])(?:jesteś|sen bir|你是|あなたは|당신은|너는)/iu;

/** The part of a prompt a later ask starts at, with the topics and text on each side. */
interface Cut {
  at: number;
  /** Where the ask's own words start, after the adding word. */
  words: number;
  before: string;
  after: string;
}

function cutsOf(text: string, listed: boolean): Cut[] {
  const cuts: Cut[] = [];
  const lineAfter = (at: number) => {
    const end = text.indexOf("\n", at);
    return text.slice(at, end < 0 ? text.length : end);
  };
  for (const m of text.matchAll(MARKER_RE)) {
    const at = m.index + m[0].length - (m[1] ?? m[2] ?? "").length;
    if (at === 0) continue;
    cuts.push({ at, words: m.index + m[0].length, before: text.slice(0, at), after: lineAfter(at) });
  }
  const items = listed ? [...text.matchAll(ITEM_RE)] : [];
  if (items.length >= 2)
    for (const m of items.slice(1))
      cuts.push({
        at: m.index,
        words: m.index + m[0].length,
        before: text.slice(0, m.index),
        after: lineAfter(m.index),
      });
  return cuts.sort((a, b) => a.at - b.at);
}

/** The span of the first ask, after a cut, that shares no subject with the asks before it; null when none. */
export function foreignUnrelatedAsk({ doc, sig }: RuleContext): Span | null {
  if (doc.text.length > SCOPE_CHARS * 4 || doc.instructionText.trim().length > SCOPE_CHARS) return null;
  if (sig.role || ROLE_RE.test(doc.instructionText)) return null;
  const text = doc.text;
  // list items are read here only in the languages the English ask cutter does not (it reads its own lists)
  for (const cut of cutsOf(text, ITEM_LANGUAGES.has(detectLanguage(doc)))) {
    if (doc.mask[cut.at] !== MASK_INSTRUCTION) continue;
    const after = cut.after.trimEnd();
    // (the adding word itself may hold a pointing word: "それと" is "and also")
    const own = text.slice(cut.words, cut.at + after.length);
    if (!ASKED_RE.test(after) || !ASKED_RE.test(cut.before) || BACK_RE.test(own)) continue;
    const mine = foreignTopicsOf(after);
    if (mine.size === 0) continue;
    const earlier = foreignTopicsOf(cut.before);
    if (earlier.size === 0 || topicsMeet(mine, earlier)) continue;
    return { start: cut.at, end: cut.at + after.length };
  }
  return null;
}
