// Which language a prompt's instructions are in, and whether a prompt in another language asks for
// anything at all. Hand-written rather than a language-identification library: the engine also runs in
// the browser, and all it needs is "English or not, and which" from function words and scripts.

import { TASK_VERBS } from "./lexicon.js";
import type { Doc } from "./text.js";

/** Languages the rules are written for. */
export const COVERED_LANGUAGES = new Set(["en"]);

// Frequent function words, chosen to be rare in the other listed languages.
const FUNCTION_WORDS: Record<string, string> = {
  // (not "do", "was", "will", "no": common words of Portuguese, German and Spanish)
  en: "per the and of to is are you your with for this that be in on it as an or not what how please write than more over from at by all can if my we have has were does but which they them there these those would should could into about must any each when",
  de: "der die das und ist nicht sie ein eine mit für auf den dem des zu von bitte oder wie werden sind auch ich mir mich mein meine meinen einen einem",
  fr: "de en le la les et est une des du pour dans que qui pas vous avec sur ce cette sont au aux votre ou",
  es: "de en el los las y es una del para que por con no se su como más al sus usted tu este esta o un sobre dos",
  pt: "de em o os as e é um uma do da para que com não se por no na dos das você sua seu ou",
  it: "sul sulla il lo gli e è una del della per che con non si sono nel nella alla dei delle tu questo più modo po' molto anche",
  nl: "de het een en is van dat niet met voor op zijn je ook aan er maar om dan wat",
  tr: "ve bir bu için ile da de mi ne çok daha olarak gibi kadar sonra ama veya her olan sen",
  id: "dan yang di ini itu untuk dengan tidak dari ke adalah akan pada kamu anda atau juga",
};
/**
 * English task verbs that are also words of the other listed languages ("come" is Italian "how", "plan" a
 * German noun, "do" a Portuguese article): they cast no English vote.
 */
const SHARED_VERBS = new Set(
  "come do plan sort test map tag format name list program code filter chart group state score rate label match book average quiz complete continue document interview change mark fill".split(
    " ",
  ),
);
const WORD_LANG = new Map<string, string[]>();
for (const [lang, words] of Object.entries(FUNCTION_WORDS))
  for (const w of words.split(" ")) WORD_LANG.set(w, [...(WORD_LANG.get(w) ?? []), lang]);

const SCRIPTS: Array<[RegExp, string]> = [
  [/[\u3040-\u30ff]/g, "ja"],
  [/[\uac00-\ud7af]/g, "ko"],
  [/[\u4e00-\u9fff]/g, "zh"],
  [/[\u0400-\u04ff]/g, "ru"],
  [/[\u0600-\u06ff]/g, "ar"],
  [/[\u0900-\u097f]/g, "hi"],
  [/[\u0590-\u05ff]/g, "he"],
  [/[\u0e00-\u0e7f]/g, "th"],
  [/[\u0370-\u03ff]/g, "el"],
];
/** Letters that only some languages use, for texts too short for function words to decide. */
const DIACRITICS: Array<[RegExp, string]> = [
  [/[ğışİĞŞ]/, "tr"],
  [/[äöüß]/i, "de"],
  [/[ñ¿¡]/i, "es"],
  [/[ãõ]/i, "pt"],
  [/[çœêëïîèàù]/i, "fr"],
  [/[ìò]/i, "it"],
  [/[áéíóú]/i, "es"],
];
/** The characters of /[a-zà-öø-ÿğışçöüâêîôûœ']/: a-z, the apostrophe, Latin-1 letters but ÷, ğ ı ş œ. */
function isLatinWordChar(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || c === 39;
  if (c <= 0xff) return c >= 0xe0 && c !== 0xf7;
  return c === 0x11f || c === 0x131 || c === 0x15f || c === 0x153;
}

const NON_ASCII_RE = /[\u0080-\uffff]/;

function countAsciiLetters(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) | 32;
    if (c >= 97 && c <= 122) n++;
  }
  return n;
}

/** Detects the language of the author's instructions (material such as a text to translate is ignored). */
export function detectLanguage(doc: Doc): string {
  // instructions only (material is blanked in instructionText); the whole text when everything is material
  let text = doc.instructionText.slice(0, 4000);
  if (!/\S(?:\s*\S){7}/.test(text)) text = doc.text.slice(0, 4000);
  const ascii = !NON_ASCII_RE.test(text);
  const letters = ascii ? countAsciiLetters(text) : (text.match(/\p{L}/gu) ?? []).length;
  if (letters < 3) return "und";
  // Kana decides Japanese even beside Han characters. (ASCII text has no other script to find.)
  for (const [re, lang] of ascii ? [] : SCRIPTS) {
    const n = (text.match(re) ?? []).length;
    if (lang === "ja" && n >= 3) return "ja";
    if (n / letters >= 0.3) return lang;
  }
  const counts = new Map<string, number>();
  const own = new Set<string>();
  let words = 0;
  // Latin words (isLatinWordChar runs), scanned by hand: a regex match object per word cost more than the
  // rest of the detection
  const low = text.toLowerCase();
  const n = low.length;
  for (let i = 0; i < n; ) {
    if (!isLatinWordChar(low.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && isLatinWordChar(low.charCodeAt(i))) i++;
    words++;
    const word = low.slice(start, i);
    const langs = WORD_LANG.get(word);
    if (langs) {
      for (const lang of langs) counts.set(lang, (counts.get(lang) ?? 0) + 1);
      // a word no other listed language has ("por", "eine") is evidence for its language; one shared with
      // English ("is" is Dutch too, "an" German) is not evidence against English
      if (langs.length === 1 && langs[0] !== "en") own.add(langs[0]!);
    } else if (opening(low, start) && TASK_VERBS.has(word) && !SHARED_VERBS.has(word)) {
      // an English imperative opening a sentence ("Compare Rust e Go.") is a vote for English: short
      // prompts have too few function words to decide
      counts.set("en", (counts.get("en") ?? 0) + 1);
    }
  }
  if (words < 3) return "en";
  let best = "en";
  let bestN = counts.get("en") ?? 0;
  for (const [lang, n] of counts) if (n > bestN) [best, bestN] = [lang, n];
  // Turkish shares few function words with the list; its dotless ı, ğ, ş and dotted İ decide.
  const turkish = (text.match(/[ğışİĞŞ]/g) ?? []).length;
  if (turkish >= 2 && turkish * 8 >= words - bestN) return "tr";
  // a short text where English ties with another language ("Schreib eine kurze E-Mail an meinen Chef":
  // "an" is English too) or where no function word matched: letters only other languages use decide
  if (best === "en" && bestN <= 2) {
    for (const [lang, n] of counts) if (lang !== "en" && n === bestN && n > 0 && own.has(lang)) return lang;
    if (bestN === 0) for (const [re, lang] of DIACRITICS) if (re.test(text)) return lang;
  }
  return bestN === 0 ? "en" : best;
}

/** True when the word at `at` opens the text, a line or a sentence. */
function opening(low: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (low[i] === " " || low[i] === "\t")) i--;
  return i < 0 || "\n.!?:;".includes(low[i]!);
}

// Request words in the languages people most often write prompts in: imperatives, "can you", "I need",
// "please", "you are" and question words. One hit means the prompt may ask for something.
const FOREIGN_REQUEST_RE =
  /[?？¿؟]|(?:^|[^\p{L}])(?:bitte|schreib\p{L}*|erstell\p{L}*|erklär\p{L}*|übersetz\p{L}*|fass\p{L}*|gib|geben sie|nenne\p{L}*|liste\p{L}*|mach\p{L}*|formulier\p{L}*|korrigier\p{L}*|verbesser\p{L}*|vergleich\p{L}*|beschreib\p{L}*|entwirf|analysier\p{L}*|prüf\p{L}*|überprüf\p{L}*|hilf|helfen sie|kannst|können|könntest|brauche|möchte|hätte gern|du bist|sie sind|antworte\p{L}*|zeig\p{L}*|finde\p{L}*|berechne\p{L}*|plane\p{L}*|schlag\p{L}*|wie|was|warum|welche\p{L}*|écri\p{L}*|rédig\p{L}*|expliqu\p{L}*|tradui\p{L}*|résum\p{L}*|donne\p{L}*|fais|faites|propos\p{L}*|list\p{L}*|corrig\p{L}*|amélior\p{L}*|compar\p{L}*|décri\p{L}*|crée\p{L}*|génère\p{L}*|analys\p{L}*|vérifi\p{L}*|aide\p{L}*|peux|pouvez|pourrais|pourriez|veux|voudrais|aimerais|besoin|tu es|vous êtes|répond\p{L}*|plaît|calcul\p{L}*|trouv\p{L}*|planifi\p{L}*|rends|reformul\p{L}*|quel\p{L}*|comment|pourquoi|escrib\p{L}*|redact\p{L}*|explic\p{L}*|traduc\p{L}*|resum\p{L}*|dame|deme|haz|haga|propón|enumer\p{L}*|mejor\p{L}*|describ\p{L}*|crea|genera|analiza|revis\p{L}*|ayúd\p{L}*|puedes|podrías|puede|necesito|quiero|gustaría|eres|usted es|respond\p{L}*|por favor|encuentr\p{L}*|sugier\p{L}*|reescrib\p{L}*|qué|cómo|cuál\p{L}*|escrev\p{L}*|redij\p{L}*|traduz\p{L}*|faça|proponh\p{L}*|corrij\p{L}*|melhor\p{L}*|descrev\p{L}*|crie|gere|analis\p{L}*|ajud\p{L}*|pode|poderia|preciso|quero|gostaria|você é|encontr\p{L}*|sugir\p{L}*|reescrev\p{L}*|scriv\p{L}*|redig\p{L}*|spieg\p{L}*|riassum\p{L}*|dammi|fai|propon\p{L}*|elenc\p{L}*|corregg\p{L}*|miglior\p{L}*|confront\p{L}*|descriv\p{L}*|analizz\p{L}*|rived\p{L}*|aiut\p{L}*|puoi|potresti|bisogno|voglio|vorrei|sei un\p{L}*|rispond\p{L}*|per favore|calcol\p{L}*|trov\p{L}*|sugger\p{L}*|riscriv\p{L}*|schrijf|maak|leg uit|vertaal|vat samen|geef|noem|beschrijf|vergelijk|verbeter|help|kun je|kunt u|ik wil|nodig|je bent|jij bent|antwoord|alsjeblieft|graag|bereken|zoek|lütfen|yaz\p{L}*|açıkla\p{L}*|çevir\p{L}*|özetle\p{L}*|ver|verin|listele\p{L}*|oluştur\p{L}*|hazırla\p{L}*|düzelt\p{L}*|karşılaştır\p{L}*|göster\p{L}*|bul|hesapla\p{L}*|öner\p{L}*|söyle\p{L}*|anlat\p{L}*|yap|yapın|yapar|tanımla\p{L}*|değerlendir\p{L}*|incele\p{L}*|et|edin|istiyorum|ihtiyacım|sen bir|m[ıiuü]s[ıiuü]n\p{L}*|nedir|nasıl|neden|hangi|kim|nerede|qual\p{L}*|cosa|come|perché|quem|onde|quando|wer|wo|wann|qui|où|quand|quién|dónde|cuándo)(?![\p{L}])|请|帮|把|改|写|解释|翻译|总结|列出|生成|给我|吗|呢|什么|如何|怎么|为什么|你是|需要|我想|创建|分析|比较|提供|设计|说明|介绍|ください|下さい|して|書いて|説明|翻訳|まとめ|教えて|何|どう|なぜ|あなたは|お願い|作成|比較|提案|ですか|ますか/iu;

/** A short run of bare noun phrases in another language, with no request word: a topic or a list of data. */
export function foreignFragments(doc: Doc): boolean {
  const text = doc.text.trim();
  if (text.length === 0 || text.length > 200) return false;
  if (doc.blocks.length > 0 || doc.vars.length > 0 || doc.slots.length > 0) return false;
  if (FOREIGN_REQUEST_RE.test(text)) return false;
  // CJK has no spaces to count words: a short line is a topic
  if (/[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]/.test(text)) return text.length <= 24;
  const segments = text
    .split(/[.;\n]+/)
    .map((x) => x.trim())
    .filter(Boolean);
  const words = (seg: string) => seg.split(/\s+/).length;
  // a Turkish verb-final segment (-la, -ın, -ir …) may be an imperative
  const turkish = /[ğışİĞŞ]/.test(text);
  const verbFinal = (seg: string) =>
    turkish && /(?:[lr][ae]|[ıiuü][nz]|mi[sş]|[ıiuüae]r)$/i.test(seg.replace(/[^\p{L}]+$/u, ""));
  if (segments.some(verbFinal) || GENRE_WORD_RE.test(text)) return false;
  // a list of noun phrases, or one short topic
  return segments.length >= 2 ? segments.every((seg) => words(seg) <= 6) : words(segments[0] ?? "") <= 6;
}

// A genre names a deliverable in any language: "Un haïku sur l'automne", "Ideen für …".
const GENRE_WORD_RE =
  /haïku|haiku|po[eè]m|poesia|gedicht|şiir|histoire|cuento|geschichte|storia|hikaye|e-?mail|lettre|carta|brief|artic|artík|artikel|makale|id[eé]e|ideas?|ideen|fikir|consejo|conseil|tipps|slogan|eslogan|titre|título|titel|başlık|recette|receta|rezept|ricetta|tarif|tipps?|consejos?|conseils?|dicas?|suggeriment|öneri|ipucu|ipuçları|nomi|noms?|nombres?|namen?|isim|nachteile|contras|avantages|vantagg|vantagens|meilleur|mejores|beste|miglior|melhores|en iyi|beitrag|caption|post|vergleich|comparaison|comparación|confronto|karşılaştırma|guide|guía|anleitung|tutorial|rezension|critique|reseña|recensione|inceleme|blague|chiste|witz|fıkra|chanson|canción|lied|canzone|şarkı|discours|discurso|rede|discorso|konuşma|liste|lista|plan|résumé|resumen|zusammenfassung|riassunto|özet/i;
