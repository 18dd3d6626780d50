// Contradictions in prompts written in German, French, Spanish, Italian, Portuguese, Dutch, Polish, Turkish
// and Korean, where the English rules do not run: two demands on the answer's language ("Antworte immer auf
// Deutsch … Antworte ausschließlich auf Englisch") or on its length ("tek bir cümleyle … en az 500
// kelime", "höchstens zwei Sätze … erkläre ausführlich", foreign-lengths.ts) that cannot both hold, on the
// form of address ("Tutoie toujours le client … vouvoie systématiquement le client", "duze" / "Sie-Form",
// "você" / "o senhor", 반말 / 존댓말, casual speech / keigo), and the bare answer against an explanation
// (foreign-bare-output.ts). Only these subjects: their
// wording is formulaic enough to read without a grammar of the language. Translation requests name two languages by design and are skipped,
// and so is a demand stated for a case ("wenn der Kunde …", "si el cliente …").

import { MASK_CONTENT, matchesOf } from "../text.js";
import type { Finding, Span } from "../types.js";
import { boundAbove, boundsClash, type LengthBound } from "./contradiction-lengths.js";
import { bareOrExplained } from "./foreign-bare-output.js";
import { formatDemands } from "./foreign-format.js";
import { foreignLengthBounds } from "./foreign-lengths.js";
import { clashFinding, type Rule } from "./rule.js";
import { UNRELATED_REQUESTS } from "./unrelated.js";

/** Language names, each mapped to one code: "Englisch", "anglais", "inglés", "inglese", "inglês", "İngilizce". */
const LANGUAGE_NAMES: Record<string, string> = {
  deutsch: "de",
  englisch: "en",
  französisch: "fr",
  spanisch: "es",
  italienisch: "it",
  français: "fr",
  anglais: "en",
  allemand: "de",
  espagnol: "es",
  italien: "it",
  español: "es",
  castellano: "es",
  inglés: "en",
  francés: "fr",
  alemán: "de",
  italiano: "it",
  inglese: "en",
  francese: "fr",
  tedesco: "de",
  spagnolo: "es",
  português: "pt",
  inglês: "en",
  francês: "fr",
  espanhol: "es",
  alemão: "de",
  portugués: "pt",
  portoghese: "pt",
  portugais: "pt",
  portugiesisch: "pt",
  nederlands: "nl",
  engels: "en",
  duits: "de",
  frans: "fr",
  spaans: "es",
  türkçe: "tr",
  ingilizce: "en",
  almanca: "de",
  fransızca: "fr",
  ispanyolca: "es",
  türkisch: "tr",
  turc: "tr",
  turco: "tr",
};
// "İngilizce" does not fold to "ingilizce" under the i flag: the capitals are listed too
const NAMES = [...Object.keys(LANGUAGE_NAMES), "İngilizce", "Türkçe"].join("|");
// a verb of answering or writing, then within the clause "auf/in/en/em/in het <language>"
const ANSWER_IN_RE = new RegExp(
  `(?:respuestas?|réponses?|antworten|risposte|respostas?|antwoorden|antworte|antworten sie|schreib(?:e|en sie)?|formuliere|réponds|répondez|réponse|écris|écrivez|rédige|rédigez|responde|responda|contesta|conteste|escribe|escriba|escreva|escreve|rispondi|risponda|scrivi|scriva|antwoord|schrijf|reageer)(?![\\p{L}])[^.;!?\\n]{0,60}?(?:auf|in|en|em|in het|in het) (${NAMES})(?![\\p{L}])`,
  "giu",
);
// Turkish puts the language first: "Yalnızca İngilizce yanıt ver", "Türkçe cevap yaz"
const TURKISH_ANSWER_RE = new RegExp(`(${NAMES})\\s+(?:olarak\\s+)?(?:yanıt|cevap|yaz)`, "giu");
const TRANSLATE_RE = /übersetz|tradu[ci]|traduz|vertaal|çevir/i;
const CONCESSIVE_RE =
  /\b(?:auch wenn|selbst wenn|même si|incluso si|aun si|anche se|mesmo se|mesmo que|ook als|zelfs als)\b/giu;
const CASE_RE =
  /(?:^|[\s,(])(?:wenn|falls|sofern|si|se|cuando|quando|lorsque|quand|als|indien|eğer|durumunda|ise)(?=[\s,])/i;
/** A sentence led by the part or readers it is for ("Pour les courriers officiels : …", "Für Kunden: …",
 * "Para redes sociales: …"): a rule for one case, which another case may set the other way. */
const SCOPE_LEAD_RE =
  /^\s*(?:(?:[-*•]|\d+[.)])\s*)?(?:pour|für|bei|para|per|voor|bij|dans|en cas de|im fall(?:e)? (?:von|eines|einer)|in caso di|en caso de|no caso de|nos|nas|nel|nella|nei|nelle)\s[^:.!?\n]{1,80}\s?:/iu;

// Chinese and Japanese count characters: "不超过100字", "100字以内", "至少800字", "800文字以上"
const CJK_MAX_RE =
  /(?:不超过|不要超过|不得超过|最多|控制在)\s*(\d+)\s*(?:个)?字|(\d+)\s*(?:个)?(?:字|文字)以内/gu;
const CJK_MIN_RE =
  /(?:至少|不少于|不少於|不低于|最少)\s*(?:写)?\s*(\d+)\s*(?:个)?字|(\d+)\s*(?:个)?(?:字|文字)以上/gu;
/** "200文字程度", "约300字", "300字左右": about that many characters. */
const CJK_APPROX_RE =
  /(\d+)\s*(?:文字|字)(?:程度|前後|くらい|ぐらい|左右)|(?:约|大约|大約)\s*(\d+)\s*(?:个)?字/gu;
/** "用一句话", "一文で": one sentence, taken as at most 60 characters. */
const CJK_ONE_SENTENCE_RE = /(?:用|以)?一句话|一句話|一文(?:で|だけ)/gu;
/** A bound said of the whole text ("全文不少于800字") holds against another bound in its own clause. */
const CJK_WHOLE_RE = /(?:全文|整篇|全篇|总字数|總字數|全体で|合計)\s*(?:要求)?\s*$/u;

// How the reader is addressed: "tutoie le client" / "vouvoie le client", "duze" / "Sie-Form", "tutea" / "de
// usted", "dai del tu" / "dai del Lei", Japanese casual speech / keigo. One text holds one form of address.
const INFORMAL_RE =
  /\btutoie\p{L}*|\btutoyer\b|\btutoiement\b|\bduz(?:e|en|t)\b|mit „?du[“"]?|\bper du\b|\btute(?:a|e|ar)\b|\bde tú\b|\bdai del tu\b|\bdel tu\b|くだけた|タメ口|敬語(?:は|を)?使わ(?:ず|ない)|\btuteánd\p{L}*|\btutéal\p{L}*|(?<![\p{L}])por(?<!(?:nunca|não|nem)\s+por)\s+[“"]?você(?![\p{L}])|반말(?!\s*(?:은|을|로|는)?\s*(?:하지|쓰지|사용하지|절대|금지))/giu;
const FORMAL_RE =
  /\bvouvoie\p{L}*|\bvouvoyer\b|\bvouvoiement\b|\bsiez(?:e|en|t)\b|\bSie-Form\b|mit „?Sie[“"]|\b(?:de|con) usted\b|\bdai del lei\b|\bdel Lei\b|丁寧な?(?:敬語|言葉|口調)|敬語で|です・?ます調|(?<![\p{L}])por(?<!(?:nunca|não|nem)\s+por)\s+[“"]?(?:o |a )?senhora?(?![\p{L}])|(?:존댓말|높임말)(?!\s*(?:은|을|로|는)?\s*(?:하지|쓰지|사용하지|절대|금지))/giu;

/**
 * A sentence led by the readers it is about ("Avec les collègues, …", "Mit den Kollegen …", "Con los
 * compañeros …"): the form of address is for those readers, and another may be set for the rest. (A
 * pronoun alone, "tutoie-les", may point back at the readers the other form was set for.)
 */
const ADDRESSEE_LEAD_RE =
  /^\s*(?:(?:[-*•]|\d+[.)])\s*)?(?:avec|auprès d(?:es|u|e la|e l')|mit|gegenüber|con|com|met|tegenover|ile)\s+(?:les|le|la|l'|l’|nos|mes|vos|des|den|die|dem|unseren|unserer|ihren|los|las|el|nuestros|nuestras|sus|os|as|o|a|nossos|nossas|seus|i|gli|le|de|het|onze)\s/iu;

interface Demand {
  subject: "language" | "length" | "address" | "bare_output" | "json" | "lists" | "emoji" | "tone";
  value: string;
  /** A length's bound: characters of Chinese, Japanese or Korean are a unit of their own ("cjk"). */
  bound?: LengthBound;
  span: Span;
  /** The sentence it was read in: two demands of one sentence are usually a rule and its case. */
  sentence: number;
  /** Said of the whole text, so it meets the other bounds of its own sentence too. */
  whole?: boolean;
}

function demands(text: string): Demand[] {
  const out: Demand[] = [];
  // sentence by sentence, so a case stated in one sentence covers only its own demand
  let index = 0;
  for (const sm of matchesOf(text, /[^.!?。\n]+[.!?。]?/g)) {
    index++;
    const sentence = sm[0];
    // "auch wenn", "même si", "incluso si", "anche se", "mesmo se": "even if" makes the demand hold always
    if (
      CASE_RE.test(sentence.replace(CONCESSIVE_RE, " ")) ||
      SCOPE_LEAD_RE.test(sentence) ||
      TRANSLATE_RE.test(sentence)
    )
      continue;
    const at = (m: RegExpMatchArray): Span => ({
      start: sm.index! + m.index!,
      end: sm.index! + m.index! + m[0].length,
    });
    for (const re of [ANSWER_IN_RE, TURKISH_ANSWER_RE])
      for (const m of matchesOf(sentence, re)) {
        const code = LANGUAGE_NAMES[m[1]!.toLowerCase()] ?? LANGUAGE_NAMES[m[1]!.toLocaleLowerCase("tr")];
        if (code) out.push({ subject: "language", value: code, span: at(m), sentence: index });
      }
    // "Avec les collègues (…), tutoie-les": a form of address for the readers the sentence names
    if (!ADDRESSEE_LEAD_RE.test(sentence))
      for (const [re, value] of [
        [INFORMAL_RE, "informal"],
        [FORMAL_RE, "formal"],
      ] as const)
        for (const m of matchesOf(sentence, re))
          out.push({ subject: "address", value, span: at(m), sentence: index });
    for (const bound of foreignLengthBounds(sentence)) {
      const m = [sentence.slice(bound.index, bound.index + bound.length)] as unknown as RegExpMatchArray;
      m.index = bound.index;
      out.push({ subject: "length", value: bound.unit, span: at(m), sentence: index, bound });
    }
    out.push(...bareOrExplained(sentence, sm.index!, index), ...formatDemands(sentence, sm.index!, index));
  }
  // one clause per 。: a case stated with 如果 / 場合 covers its own clause only
  for (const cm of matchesOf(text, /[^。！？\n]+/gu)) {
    const clause = cm[0];
    index++;
    if (/如果|假如|的话|場合|なら/u.test(clause)) continue;
    for (const [re, kind] of [
      [CJK_MAX_RE, "max"],
      [CJK_MIN_RE, "min"],
      [CJK_ONE_SENTENCE_RE, "max"],
      [CJK_APPROX_RE, "about"],
    ] as const)
      for (const m of matchesOf(clause, re)) {
        const start = cm.index! + m.index!;
        const n = re === CJK_ONE_SENTENCE_RE ? 60 : Number(m[1] ?? m[2]);
        const [min, max] =
          kind === "max" ? [undefined, n] : kind === "min" ? [n, undefined] : [n * 0.7, n * 1.5];
        out.push({
          subject: "length",
          value: "cjk",
          sentence: index,
          span: { start, end: start + m[0].length },
          whole: CJK_WHOLE_RE.test(clause.slice(Math.max(0, m.index! - 8), m.index!)),
          bound: { index: m.index!, length: m[0].length, unit: "cjk", explicit: true, min, max },
        });
      }
  }
  return out;
}

function conflicts(a: Demand, b: Demand): boolean {
  if (a.subject !== b.subject) return false;
  if (a.sentence === b.sentence && !(a.subject === "length" && (a.whole || b.whole))) return false;
  if (a.subject !== "length") return a.value !== b.value;
  const x = a.bound;
  const y = b.bound;
  if (!x || !y) return false;
  // "chaque fiche fait 50 mots maximum … chaque fiche doit faire au moins 200 mots": one part, two bounds;
  // a part may be shorter than the whole answer, never longer
  if (x.part === y.part) return boundsClash(x, y);
  // a separate deliverable ("en un correo aparte") is not a part of the answer: it has its own length
  if (x.part && y.part) return false;
  if (x.part === "separate" || y.part === "separate") return false;
  return x.part ? boundAbove(x, y) : boundAbove(y, x);
}

const MESSAGES: Record<Demand["subject"], [string, string]> = {
  json: ["both asks for JSON and forbids it", "Decide whether the answer is JSON."],
  lists: ["both asks for a list and forbids lists", "Decide whether the answer is a list or prose."],
  emoji: ["both asks for emojis and forbids them", "Decide whether emojis are allowed."],
  tone: ["asks for a formal and a casual tone", "Choose one tone, or say which text or reader gets which."],
  bare_output: [
    "asks for the bare answer only and also for an explanation",
    "Say where the explanation goes (a field, a line after the answer), or drop one of the two.",
  ],
  language: [
    "asks for the answer in two different languages",
    "Pick one output language, or say which applies when.",
  ],
  length: ["sets two lengths for the answer that cannot both hold", "State one length for the answer."],
  address: [
    "asks for two forms of address (familiar and polite)",
    "Choose one form of address for the reader, or say which reader gets which.",
  ],
};

const SCREEN =
  /antwort|schreib|formulier|répon|écri|rédig|respond|contest|escrib|escrev|rispond|scriv|antwoord|schrijf|reageer|yanıt|cevap|yaz|satz|phrase|frase|zin|cümle|mindestens|au moins|al menos|almeno|pelo menos|minstens|en az|字|tutoi|vouvoi|duz|siez|sie-form|„|tute|usted|del tu|del lei|敬語|口調|くだけ|タメ|です|\d|mots|wörter|palabr|parol|palavr|woord|słów|ausführ|détail|detall|dettagl|detalh|uitgebr|gedetail|szczeg|ayrıntı|detay|반말|존댓|높임|você|senhor|absatz|absätz|paragra|párraf|parágraf|zeilen|lignes|líneas|righe|linhas|seul|uniquement|solo|nur\b|apenas|somente|alleen|tylko|nient|rien|nada|nichts|niets|json|emoj|émoj|emotic|emotik|viñet|puces|liste|lista|aufzähl|stichpunkt|elenc|marcador|tópico|opsomm|wypunkt|prosa|prose|fließtext|tono|ton |tom |toon|registr/i;

export const FOREIGN_CONTRADICTIONS: Rule = {
  id: "PF308",
  kind: "contradiction",
  severity: "warning",
  description:
    "In German, French, Spanish, Italian, Portuguese, Dutch, Turkish, Chinese or Japanese: two answer languages, one sentence vs a minimum word count, or a familiar and a polite form of address.",
  check(ctx) {
    // English prompts are read by the English rules; this one is for the languages they do not cover
    if (!ctx.partial) return [];
    // the pass for the languages the English rules do not cover calls this rule; the unrelated-requests
    // rule reads those languages too (its joins and question words are listed in each), so it runs from here
    const out: Finding[] = UNRELATED_REQUESTS.check(ctx);
    const text = ctx.doc.text;
    if (!SCREEN.test(text)) return out;
    // pasted material and quoted examples are not the author's demands
    const ds = demands(text).filter((d) => ctx.doc.mask[d.span.start] !== MASK_CONTENT);
    for (const subject of [
      "language",
      "length",
      "address",
      "bare_output",
      "json",
      "lists",
      "emoji",
      "tone",
    ] as const) {
      const of = ds.filter((d) => d.subject === subject);
      outer: for (let i = 0; i < of.length; i++)
        for (let j = i + 1; j < of.length; j++) {
          if (!conflicts(of[i]!, of[j]!)) continue;
          out.push(clashFinding(FOREIGN_CONTRADICTIONS, text, MESSAGES[subject], of[i]!.span, of[j]!.span));
          break outer;
        }
    }
    return out;
  },
};
