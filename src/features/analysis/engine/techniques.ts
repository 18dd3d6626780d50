// The techniques the model vendors' prompting guides recommend, each recognised with the span that
// evidences it: few-shot examples, a template or schema for the output, delimited material, a request
// to reason before answering on multi-step tasks, output priming, a defence against instructions hidden
// in untrusted material, positive instructions, a role, and success criteria. They become checklist
// items and features of the fitted score. Why each matters is in docs/analysis.md.
import { STOPWORDS, TASK_VERBS, VAGUE_ADJECTIVES } from "./lexicon.js";
import { firstMatch, type Signals } from "./signals.js";
import { defenceSpans, isDefenceSentence } from "./technique-defences.js";
import { findExamples } from "./technique-examples.js";
import { readPositives } from "./technique-positives.js";
import { primingSpan } from "./technique-priming.js";
import { isMultiStep, isReasoningSentence, reasoningPhrase } from "./technique-reasoning.js";
import { type Doc, firstAfterBreaks } from "./text.js";
import type { Span } from "./types.js";

export interface Technique {
  present: boolean;
  /**
   * Examples only: three or more worked examples that all show the same answer ("Label: PRAISE" three
   * times), which teach the model that answer rather than the task. Still examples on the checklist; the
   * score does not credit them.
   */
  oneSided?: boolean;
  /**
   * Examples only: most worked examples break the form the instructions set for the answer (its case, or
   * "only the label" with an explanation after it). Still examples on the checklist; the score does not
   * credit them.
   */
  offForm?: boolean;
  /** False when the technique does not apply to this prompt (no material to defend, a one-step task). */
  applicable: boolean;
  evidence: Span | null;
  /** Every span that evidences it, when more than the first matters (the injection defence's sentences). */
  spans?: Span[];
}

export interface Techniques {
  few_shot: Technique;
  format_template: Technique;
  delimiters: Technique;
  reasoning: Technique;
  output_priming: Technique;
  injection_defence: Technique;
  positive_instructions: Technique;
  /**
   * What a good answer must do or how it will be judged ("a good answer mentions …", "you're done when the
   * tests pass", "acceptance checks: …"): the success signal's span, or a test of the output in other words.
   */
  success_criteria: Technique;
  /** A role or persona for the model, in the phrasings the role signal does not read (or that signal's span). */
  role: Technique;
  /**
   * What to do when the normal path does not hold ("if the sections don't cover it, say so", "if unsure,
   * ask", "before closing issues, wait for confirmation"): the vendors' "give the model an out". A feature
   * of the fitted score; not a checklist item.
   */
  edge_cases: Technique;
}

// "Desired format:", "Use this format:", "in the following format", a JSON skeleton, "<placeholder>" slots
const TEMPLATE_RE =
  /\b(?:desired (?:output )?format\s*:|(?:use|using|follow|following|in|with|match|mirror|keep to|stick to) (?:this|these|the following|exactly (?:this|these|the following)|the same) (?:format|structure|template|schema|layout|shape|outline|skeleton|headings|sections|fields|columns|form)\b|(?:in|into) the (?:form|shape)\s*:|fill in (?:this|the following|the) (?:outline|template|form|skeleton|table)|(?:structure|format|lay out|shape) (?:it|your (?:answer|reply|response|output)|the (?:answer|reply|response|output)) (?:exactly )?like this|(?:output|response|answer) (?:format|template|schema)\s*:|(?:format|formato|estructura|struttura|estrutura|plantilla|modello|modelo|vorlage|template|schema|esquema)\s*[:：]\s*\n|json schema|matching this schema|with (?:the )?(?:keys|fields|columns)\b)|(?:con|en|com|in|nel|dans|avec|im|nach|según|segundo|secondo|selon|siguiendo|seguendo|seguindo|suivant) (?:este|esta|el siguiente|la siguiente|esse|essa|o seguinte|a seguinte|questo|questa|il seguente|la seguente|ce|cette|le|la|diesem|dieser|folgendem|folgender|der folgenden) (?:formato|format|estructura|struttura|estrutura|structure|modelo|modello|modèle|plantilla|schéma|schema|esquema|vorlage|struktur)|(?:以下|次)の(?:形式|フォーマット|テンプレート)|(?:按照|使用|用)?(?:以下|下面的?)(?:格式|模板)|格式如下|다음 (?:형식|양식|템플릿)|(?:^|\n)[^\n:]{1,30}:[ \t]*(?:\.\.\.|…|\[[^\]\n]{1,40}\]|<[^<>/\n]{1,40}>|_{3,})[ \t]*\n[^\n:]{1,30}:[ \t]*(?:\.\.\.|…|\[[^\]\n]{1,40}\]|<[^<>/\n]{1,40}>|_{3,})|(?:^|\n)[ \t]*(?:#{1,4} [^\n]{1,40}|[-*] \.\.\.)\n[ \t]*[-*] (?:\.\.\.|…)|<[a-z][a-z _-]{2,40}>(?![\s\S]*<\/)|\{\s*\n?\s*"[a-z_]+"\s*:/i;

// Success criteria in words the success signal does not read: a good answer and what it does ("a good
// reply mentions …"), a test of the output ("the summary succeeds if …", "it works when …", "you're done
// once …"), how it will be judged ("judge it by whether …", "graded against …"), acceptance checks.
const SUCCESS_MORE_RE =
  /\b(?:(?:a|an|the|your) (?:good|great|strong|successful|correct|complete|ideal|perfect|excellent|finished|acceptable|useful|winning|high-quality) [a-z-]+(?: here| for (?:this|us|me|it))? ?:|done (?:means|looks like)|(?:a|an|the|your) (?:good|great|strong|successful|correct|complete|ideal|perfect|excellent|finished|acceptable|useful|winning|high-quality) (?:answer|response|reply|result|output|solution|summary|draft|translation|version|submission|attempt|outcome|deliverable|write-?up|one)s? (?:is|are|will|would|should|must|has|have|does|(?!this\b|thus\b|always\b|perhaps\b)[a-z]{3,}s)\b|(?:you(?:'re| are)|it(?:'s| is)|we(?:'re| are)|this is|that's|the (?:task|job|work) is) (?:done|finished|complete|ready)(?: to [a-z]+)? (?:when|if|once)\b|(?:it|this|they|the (?:[a-z-]+ )?(?:answer|response|reply|output|result|summary|notes|letter|email|code|tests?|draft|copy|text|post|plan|report|description|translation|version|solution|script|query|function|fix|patch|change|page|message|list|table|article|essay|story|headline|caption|bio|pitch|proposal|guide|explanation)s?) (?:works?|succeeds?|pass(?:es)?|(?:is|are) (?:ready|good enough|done|right|correct|complete|valid|usable|acceptable|successful|finished)|counts?|meets the bar|does its job|has (?:worked|succeeded)|worked|will have (?:worked|succeeded))(?: [a-z]+){0,3}? (?:if|when|once|only if|as long as)\b|(?:a|an|the|each|every|your) (?:[a-z-]+ )?(?:answer|response|reply|output|result|summary|draft|translation|solution|submission|description|message|email|post|headline|caption)s? (?:passes|succeeds|counts|works|is (?:correct|acceptable|good|done|right|valid|a pass)) (?:[a-z]+ ){0,3}?(?:if|when|once|as long as)\b|acceptance (?:criteria|checks?|tests?)|definition of done|(?:it|this|that|they|the [a-z-]+(?: [a-z-]+)?|your [a-z-]+)(?:'s|'re| is| are| will be| would be)? (?:right|correct|good|fine|acceptable|done|ready|finished|successful|a success|usable|complete|valid|okay|on target|fit for purpose)(?: enough)? (?:if|when|once|as long as|only if)\b|(?:it|this|that|they|the [a-z-]+(?: [a-z-]+)?|your [a-z-]+) (?:has|have|will have) (?:done|served) (?:its|their) (?:job|purpose) (?:if|when|once)\b|(?:we|i|they|the (?:client|team|editor|reviewer|board|customer))(?:'ll| will| would| can| only)? (?:accept|approve|sign off on|merge|ship|publish) (?:it|this|them|the [a-z-]+|your [a-z-]+) (?:if|when|once|only if|as long as)\b|(?:should|must) (?:match|accept|return|pass) [^.!?\n]{3,80}\b(?:and|but) (?:reject|not match|fail on|refuse)\b|make sure (?:that )?(?:each|every|all|none|no) (?:of )?(?:the )?[a-z-]+|(?:^|[.!?]\s+)(?:good|great|successful|strong) [a-z-]+(?: [a-z-]+)?(?: here)? (?:lets|means|gives|names|covers|answers|tells|leaves)\b|(?:count|consider|call|rate|judge) (?:it|this|the [a-z-]+) (?:a )?(?:success|successful|done|finished|a pass|good enough)\b|(?:it|this|they|the [a-z-]+(?: [a-z-]+)?) (?:is|are) good enough (?:when|if|once|as long as)\b|(?:requirements?|criteria|conditions|checks|tests) (?:(?:that |which )?(?:the|your|each|every|a) [a-z-]+ (?:must|should|has to|needs? to) (?:meet|satisfy|pass|fulfil+)) ?:|(?:must|should|has to|have to|needs? to) (?:meet|satisfy|pass|fulfil+)(?: (?:these|the following|all (?:of )?(?:these|the following)|every one of these|each of these))?(?: (?:requirements|criteria|conditions|checks|tests))? ?:|(?:meets?|satisf(?:y|ies)|pass(?:es)?|fulfil+s?) (?:these|the following|all (?:of )?(?:these|the following)|each of these) (?:requirements|criteria|conditions|checks|tests)\b|checklist (?:for|before) (?:the|your|this|each|every|a)\b|before (?:you (?:finish|submit|reply|send|hand (?:it )?(?:in|over|back)|report back|return)|finishing|submitting|sending|replying|handing (?:it )?(?:in|over)),? (?:check|verify|confirm|make sure|ensure|test) (?:that|it|the|your|each|every)\b|what (?:makes|would make|counts as|separates) (?:it|this|a [a-z-]+|an? (?:good|great|strong|successful) [a-z-]+|the [a-z-]+) (?:good|great|work|successful|a success|a pass|done)|(?:the|a|your) (?:[a-z-]+ )?(?:bar|benchmark|test|yardstick) (?:is|for success is)\b|success (?:criteria|means|looks like|is)\b|(?:judge|grade|evaluate|assess|score|measure|mark)d? (?:it|them|this|the [a-z]+|your [a-z]+)? ?(?:by|on) (?:whether|how)|will be (?:judged|graded|evaluated|assessed|scored|marked|measured|reviewed) (?:on|by|against)|you(?:'ll| will) know (?:it|you)(?:'ve| have)? ?(?:worked|works|succeeded|got it right|done it|nailed it)|(?:should|must) (?:leave|let) (?:the|a|any|every|our) (?:[a-z-]+ )?(?:reader|customer|user|manager|team|recipient|student|visitor|client)s?\b|aim for (?:every|all|at least|zero|no|full)\b|(?:the|your|all) (?:tests?|code|build|query|script|migration) (?:should|must) (?:pass|fail|compile|run|build))/i;

// The same in Spanish, Portuguese, French, German, Italian, Japanese, Chinese and Korean: a good answer
// and what it does ("una buena respuesta menciona", "A good X:" in their words), a test of the output
// ("o resumo está bom se", "ist gelungen, wenn", "è pronto se"), criteria for success or acceptance.
const SUCCESS_FOREIGN_RE = new RegExp(
  [
    String.raw`(?<![\p{L}])(?:(?:una?|um|uma|une?|ein(?:e|en)?|il|la|el|le|o|a|der|die|das) (?:buen[oa]?|bom|boa|bon(?:ne)?|gut(?:e|er|es)?|buon[oa]?|ottim[oa]|excelente|excellent(?:e)?|perfekt(?:e|er|es)?|ideal(?:e|er|es)?|gelungen(?:e|er|es)?) \p{L}+(?: \p{L}+)? ?:` +
      String.raw`|(?:está|estará|estão|fica|es|será|est|sera|ist|sind|wäre|è|sarà|va|vale) (?:bien|bom|boa|bons|boas|buen[oa]|bon(?:ne)?|réussi(?:e)?|gut|gelungen|fertig|korrekt|richtig|brauchbar|erfolgreich|bene|buon[oa]|riuscit[oa]|pront[oa]|list[oa]|complet[oa]|correct[oa]?|correcte|aprobad[oa]|aprovad[oa]|terminé(?:e)?|acceptable|accettabile|aceptable|aceitável),? (?:si|se|quando|cuando|quand|lorsque|wenn|sobald)(?![\p{L}])` +
      "|(?:erfüllt|erfüllen) (?:ihren|seinen|den|seinen|ihre) (?:zweck|aufgabe|anforderungen)|(?:cumple|cumplirá|cumple su función|cumpre|cumprirá|remplit (?:son rôle|sa fonction|sa mission)|soddisfa|est réussie?|sera réussie?|es válid[oa]|é válid[oa]|se considera (?:buen[oa]|correct[oa]|válid[oa]|terminad[oa]|list[oa])|será (?:buen[oa]|válid[oa]|correct[oa])|si considera (?:riuscit[oa]|pront[oa]|valid[oa]))(?: \\p{L}+){0,3}?,? (?:si|se|quando|cuando|quand|lorsque|wenn|sobald|solo si|seulement si|nur wenn)(?![\\p{L}])|(?:criterios?|critérios?|critères?|criteri|kriterien) (?:de |d'|di )?(?:éxito|exito|sucesso|succès|réussite|successo|aceptación|aceitação|acceptation|accettazione)|(?:erfolgs|akzeptanz|abnahme|qualitäts)kriterien)",
    "(?:良い|よい|優れた)(?:回答|答え|要約|翻訳|文章|見出し|説明|返信|出力)(?:とは|は|の条件)|(?:合格|成功|評価|受け入れ)(?:基準|条件)|好的(?:回答|答案|摘要|总结|翻译|标题|回复|输出)(?:应|要|需|必须|是|会)|(?:验收|成功|合格|评判|评价)标准|좋은 (?:답변|요약|번역|제목|답)(?:은|는|이란)|좋은 [^\\n:.]{1,16}?(?:기준|조건)|(?:良い|よい|優れた)[^\\n:：。]{1,12}?の(?:基準|条件)|好的[^\\n:：。]{1,12}?(?:的)?(?:标准|条件)|(?:성공|합격|수락|평가) 기준",
  ].join("|"),
  "iu",
);

// Roles phrased other ways than "You are a …" / "Act as …": a named persona ("You are Maya, a …"),
// "take on the role of", "as a senior copywriter, …", "you're an …", "persona:".
const ROLE_MORE_RE =
  /\b(?:you(?:'re| are) (?:an? |the )?[A-Z][a-z]+, (?:an? |the )|you're (?:an? |the )|(?:take|taking) (?:on )?the (?:role|part|persona) of|(?:assume|adopt|play|in) the (?:role|part|persona) of|adopt (?:the|a|this) persona|you will (?:act|serve|work|play) as|pretend you're|imagine you're|persona\s*:|(?:put yourself in|step into) the (?:shoes|position|place|role|mind) of|(?:answer|respond|reply|write|speak)(?:ing)? as (?:dr\.? |mr\.? |ms\.? |mrs\.? |prof\.? )?[A-Z][a-z]+(?: [A-Z][a-z]+)?, (?:an?|the) |(?:take|adopt|from|through|with|using) the (?:perspective|point of view|viewpoint|standpoint|eyes|mindset|voice|lens|hat) of (?:an?|the|our|my|some) |\bact(?:ing)? like (?:an?|the|our|my) |you(?:'ll| will)? be (?:playing|acting as|taking on|working as|in the role of|speaking as|serving as) |(?:your|the model's|the assistant's) (?:role|persona|character|job title|identity)(?: (?:here|today|in this (?:chat|conversation)))? ?(?::|is (?:that of |to be )?(?:an?|the) )|(?:respond|answer|reply|write|think|speak|review|comment) (?:as|like) (?:an?|the|our|my) [a-z][a-z -]{2,40}? (?:would|does|might)\b|(?:^|[.!]\s*|\n(?<!\n[^\S\n]*\n)\s*)as (?:an? |the |our |my )[a-z][a-z -]{2,40},)/im;
// A profession without an article, as French, Spanish, Italian, Portuguese, German and Dutch name one,
// opening a sentence and followed by where or for whom ("Tu es sommelier dans un bistrot", "Eres abogado
// laboralista en Madrid", "Du bist Steuerberater für …"), and a Turkish "Sen … uzmanısın" (you are … an expert)
const ROLE_BARE_RE =
  /(?:^|[.!?\n]\s*)(?:du agierst als|agiere als|sie agieren als|du fungierst als|fungiere als|schlüpfe in die rolle|übernimm die rolle|actúa como|actua como|atue como|aja como|agisci come|comportati come|agis comme|agissez comme|agis en tant que|agissez en tant que|handel als|treed op als) \p{L}+|(?:^|[.!?\n]\s*)(?:tu es|vous êtes|eres|es usted|du bist|sie sind|você é|sei|je bent) \p{L}+(?: \p{L}+)? (?:dans|chez|au|à|pour|en|para|de|del|in|bei|für|im|am|em|no|na|num|numa|per|nel|nella|presso|di|op|bij|voor)(?![\p{L}])|(?:^|[.!?\n]\s*)sen (?:[^.!?\n]{0,80}\s)?(?:bir\s[^.!?\n]{0,60}?\p{L}{3,}|[^\s.!?]{0,40}(?:uzman|danışman|öğretmen|editör|yazar|avukat|doktor|asistan|yönetici|analist|mühendis|geliştirici|tasarımcı|çevirmen|koç|rehber|temsilci|eğitmen|müdür)\p{L}{0,3})(?:sın|sin|sun|sün)(?![\p{L}])/iu;
// ROLE_BARE_RE starts at the text's start or on a sentence end: tried there only, not at every character
const ROLE_BARE_AT_RE = new RegExp(ROLE_BARE_RE.source, "iuy");
const ROLE_BREAK_RE = /[.!?\n]/g;

// A condition and what to do under it, or a way out instead of guessing. The condition is bounded
// (≤ 120 characters, no sentence end) so a long sentence is read once, without backtracking over it.
const EDGE_CASE_RE =
  /\b(?:(?:(?:if|when|whenever|unless|in case|where)\b[^.!?\n]{3,120}?(?:,|\bthen\b|[—–])\s*(?:in which case,?\s+|then\s+)?|\botherwise,?\s+)(?:please\s+)?(?:say|tell|ask|reply|respond|answer|refuse|decline|suggest|explain|wait|stop|flag|return|output|mark|use|point|offer|escalate|leave|list|set|hand|route|direct|recommend|mention|note|skip|don't|do not)\b|if (?:you(?:'re| are) )?(?:not sure|unsure|uncertain|in doubt)|rather than (?:guess|invent|mak(?:e|ing) up)|instead of (?:guessing|inventing|making up)|(?:wait|ask) for (?:the user(?:'s)? |their |explicit )?(?:confirmation|approval|to confirm)|say (?:so|that you (?:don't|do not) know))/gi;

const EDGE_WINDOW = 20_000;

// Where instructions can arrive from someone other than the author: users, customers, pasted documents,
// e-mails, reviews, applications, web pages, tool results — in English and the other languages read
const UNTRUSTED_RE =
  /(?<![\p{L}])(?:the user|users|a user|user input|customers?|visitors?|the public|documents?|web ?pages?|e-?mails?|search results|retrieved|tool (?:output|results?)|reviews?|applicants?|candidates?|cvs?|résumés?|resumes?|submissions?|third[- ]part(?:y|ies)|tickets?|comments?|scraped|usuari[oa]s?|client[ea]s?|correos?|documentos?|reseñas?|terceros|utilisateurs?|courriels?|avis client|tiers|nutzer(?:innen)?|kund(?:en|in)|e-?mails?|dokumente?n?|bewertungen|dritten|utenti|recensioni|terzi|usuários|avaliações|ユーザー|顧客|メール|文書|レビュー|用户|客户|邮件|文档|评论|사용자|고객|이메일|문서)(?![\p{L}])/iu;

function technique(present: Span | null, applicable = true): Technique {
  return { present: present !== null, applicable, evidence: present };
}

// quality words a criterion needs more than ("make sure the summary is accurate, clear and comprehensive")
const VAGUE_CRITERIA = new Set(
  `comprehensive detailed thorough accurate clear clearly concise neutral helpful high quality correct
  complete productive efficient professional perfect best well written polished convert converts works work
  effective compelling relevant sure good great nice excellent amazing engaging appropriate quality
  optimized optimised useful friendly readable understandable informative important
  anything everything fine right proper properly
  meet meets satisfy satisfies fulfil fulfill fulfils fulfills criteria criterion requirements requirement
  conditions condition checklist`.split(/\s+/),
);

/**
 * A success criterion says something checkable: from its cue to the end of its sentence it holds a number
 * or a word the instructions have not used before that is not a quality word ("make sure the email is a
 * good email that is appropriate" restates the task and asks for quality; "a good answer names the IP
 * rating" adds a check).
 */
function checkable(doc: Doc, span: Span | null): Span | null {
  if (!span) return null;
  const sentence = doc.sentences.find((x) => x.start <= span.start && span.start < x.end);
  const end = sentence ? Math.max(sentence.end, span.end) : span.end;
  let after = doc.instructionLower.slice(span.start, end);
  // up to the clause's end: "…, and please don't leave anything out" is another instruction
  const stop = after.slice(span.end - span.start).search(/[.;!?\n]|,\s*(?:and\s+)?(?:please|but|also)\b/);
  // a line that opens a list with the cue ("It succeeds if:", "A reply passes only if all of these hold:",
  // "좋은 문구의 기준:") is read with the list, up to the paragraph's end
  const lineStart = doc.instructionLower.lastIndexOf("\n", span.start - 1) + 1;
  const list =
    /^[\s#*>-]*$/.test(doc.instructionLower.slice(lineStart, span.start)) &&
    /^[^\n.!?]{0,60}[:：][ \t]*\n/.exec(doc.instructionLower.slice(span.end, span.end + 80));
  if (list) {
    const from = span.end + list[0].length;
    const blank = doc.instructionLower.slice(from, from + 1_000).search(/\n[ \t]*\n/);
    after = doc.instructionLower.slice(span.start, blank < 0 ? from + 1_000 : from + blank);
  } else if (stop >= 0) after = after.slice(0, span.end - span.start + stop);
  if (/\d/.test(after)) return span;
  const before = new Set(
    doc.instructionLower.slice(Math.max(0, span.start - 20_000), span.start).match(/\p{L}[\p{L}'-]*/gu),
  );
  // the first new word is the criterion's subject ("make sure the summary …"), not a check
  let fresh = 0;
  for (const w of after.match(/\p{L}[\p{L}'-]*/gu) ?? [])
    if (
      w.length > 2 &&
      !before.has(w) &&
      !STOPWORDS.has(w) &&
      !VAGUE_ADJECTIVES.has(w) &&
      !VAGUE_CRITERIA.has(w)
    )
      if (++fresh >= 2) return span;
  return null;
}

const SENTENCE_LIMIT = 400;

/**
 * The techniques read sentence by sentence, over the first 400 instruction sentences: injection defences
 * and reasoning requests worded in ways the phrase patterns do not list (see isDefenceSentence and isReasoningSentence).
 */
function readSentences(doc: Doc, foreign: boolean): { defences: Span[]; reasoning: Span | null } {
  const defences: Span[] = [];
  let reasoning: Span | null = null;
  let seen = 0;
  for (const s of doc.sentences) {
    if (!s.instruction) continue;
    if (++seen > SENTENCE_LIMIT) break;
    const t = doc.text.slice(s.start, s.end);
    if (defences.length < 20 && isDefenceSentence(t, foreign)) defences.push({ start: s.start, end: s.end });
    if (!reasoning && isReasoningSentence(t)) reasoning = { start: s.start, end: s.end };
  }
  return { defences, reasoning };
}

// "You draft replies to the user's emails.", "You fix failing unit tests in this repository.": the
// prompt opens by giving the model a standing job in the second person — a role by what it does
const STANDING_JOB_RE = /^\s*(?:#[^\n]*\n\s*)?(you) ([a-z]+)\b/i;

function standingJob(instructions: string): Span | null {
  const m = STANDING_JOB_RE.exec(instructions);
  const verb = m?.[2];
  if (!m || !verb || !TASK_VERBS.has(verb.toLowerCase())) return null;
  const end = m.index + m[0].length;
  return { start: end - verb.length - 4, end };
}

/**
 * The material's delimiters: the first block set off by a fence, quotes, tags or a label (the material
 * signal's span is the first block of any kind, which may be prose pasted in the open).
 */
function delimitedBlock(doc: Doc): Span | null {
  for (const b of doc.blocks)
    if (b.kind !== "data" && b.kind !== "introduced") return { start: b.start, end: b.end };
  return null;
}

/** `language` is the instructions' language as understand() read it (detectLanguage), not read again here. */
export function findTechniques(doc: Doc, sig: Signals, language: string): Techniques {
  const text = doc.text;
  const examples = findExamples(doc, sig);
  const template = firstMatch(TEMPLATE_RE, text);
  // the readings in other languages run only where they can match
  const foreign = language !== "en";
  const read = readSentences(doc, foreign);
  const reasoning = reasoningPhrase(text) ?? read.reasoning;
  const multiStep = isMultiStep(doc);
  const priming = primingSpan(text.trimEnd());
  const untrusted = sig.input !== null || doc.vars.length > 0 || UNTRUSTED_RE.test(text);
  const defences = defenceSpans(text, read.defences);
  const instructions = doc.instructionText;
  const { positive, positives, negatives } = readPositives(doc, language);
  const positiveOk = positive !== null && (negatives === 0 || positives >= negatives);
  return {
    few_shot: { ...technique(examples.span), oneSided: examples.oneSided, offForm: examples.offForm },
    format_template: technique(template),
    delimiters: technique(sig.input && sig.delimitedInput ? delimitedBlock(doc) : null, sig.input !== null),
    reasoning: technique(reasoning, multiStep),
    output_priming: technique(priming),
    // a defence names the untrusted material it guards against, so it makes the technique apply
    injection_defence: {
      ...technique(defences[0] ?? null, untrusted || defences.length > 0),
      spans: defences,
    },
    positive_instructions: technique(positiveOk ? positive : null, negatives > 0 || positives > 0),
    success_criteria: technique(
      checkable(doc, sig.success) ??
        checkable(doc, firstMatch(SUCCESS_MORE_RE, instructions)) ??
        (foreign ? checkable(doc, firstMatch(SUCCESS_FOREIGN_RE, instructions)) : null),
    ),
    role: technique(
      sig.role ??
        firstMatch(ROLE_MORE_RE, doc.instructionText) ??
        firstAfterBreaks(ROLE_BARE_AT_RE, ROLE_BREAK_RE, doc.instructionText) ??
        standingJob(doc.instructionText),
    ),
    // read over the first 20,000 characters: each condition scans up to 120 characters for its action
    edge_cases: technique(firstMatch(EDGE_CASE_RE, doc.instructionText.slice(0, EDGE_WINDOW))),
  };
}
