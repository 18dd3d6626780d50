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
import type { Doc } from "./text.js";
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
  /\b(?:desired (?:output )?format\s*:|(?:use|follow|in) (?:this|the following|exactly this) (?:format|structure|template|schema)|(?:output|response|answer) (?:format|template|schema)\s*:|format\s*:\s*\n|json schema|matching this schema|with (?:the )?(?:keys|fields|columns)\b)|<[a-z][a-z _-]{2,40}>(?![\s\S]*<\/)|\{\s*\n?\s*"[a-z_]+"\s*:/i;
const REASONING_RE =
  /\b(?:step[ -]by[ -]step|reason (?:briefly |carefully |explicitly )?(?:through|about)|^[ \t]*(?:reasoning|rationale|thoughts?)\s*:|think (?:it )?(?:through|over)|think (?:(?:about )?it |about this |this )?(?:carefully|hard|aloud|out loud)|let's think|reason (?:it )?(?:through|about|step|out)|work it out|show (?:your|the) (?:work|reasoning|steps|math|maths|thinking|thought process)|explain your (?:reasoning|thinking|thought process|logic|rationale)|explain how you (?:got|arrived|reached|worked|came)|(?:use|with) (?:a|your|the) scratch ?pad|before (?:answering|you answer|giving|writing|proposing|deciding|concluding|replying|choosing|you decide|you reply)[^.\n]{0,40}\b(?:think|consider|check|list|work|reason|plan|trace|identify|note|determine|analy[sz]e|compare|go through|figure|verify|outline|write down|map)|(?:write|make|draft|sketch|outline) (?:a |your |the )?(?:short |brief |quick |step-by-step )?plan (?:first|before)|before (?:calling|using|running|acting|taking|making|editing|changing|touching)[^.\n]{0,40}\b(?:plan|think|reason)|chain of thought|<thinking>|<scratchpad>|first,? (?:think|plan|outline|list|identify|work out|determine)|walk (?:me )?through (?:the|each|your|every) (?:steps?|reasoning|logic|calculation)|(?:explain|justify|show) (?:each|every) step|show (?:the|your) (?:calculations?|working|derivation|intermediate)|(?:state|list) (?:your|the|any) assumptions (?:first|before)|one step at a time|break (?:it|the problem|this|the task) (?:down )?into (?:steps|parts|sub-?problems)|(?:lay|set) out (?:your|the) reasoning|(?:check|verify|double-check) (?:your|the|each) (?:answer|result|work|calculation)s? (?:before|against))\b|paso a paso|razona\b|razonando|(?:tu|su) razonamiento|(?:tuo|vostro) ragionamento|(?:seu|teu) raciocínio|(?:rechen|lösungs|gedanken)gang|rechenweg|lösungsweg|schritt für schritt|denk(?:e)? (?:zuerst )?(?:gründlich )?nach|étape par étape|raisonne|pas à pas|passo a passo|ragiona|一步一步|逐步|分步|(?:推理|计算|解题|思考)(?:的)?(?:过程|步骤)|段階的に|順を追って|ステップごとに|ステップバイステップ|一段階ずつ|一歩ずつ|(?:計算|推論|考え|解き)(?:方)?の(?:過程|手順|途中)|途中(?:式|経過|の計算)|단계별로|차근차근|풀이 과정/im;
// A failure being reported ("fails with 'deadlock detected'", not "if a step fails on staging") asks for
// a diagnosis; ordering constraints ("A must come before C") make a puzzle. (The Japanese, Chinese and
// Korean words stand outside the \b group: \b never falls before them.)
const MULTI_STEP_RE =
  /\b(?:calculat|comput|solv|prove|derive|estimat|debug|diagnos|plan (?:the|a|an|my|our|how|out)\b|decide|determin|compare\b|evaluat|analy[sz]e|analysis|deduc|infer|word problem|math|logic|puzzle|riddle|root cause|trade-?offs?|which (?:is|of|one|option|rule)|work out|figure out|deadline|eligib|(?:data )?race\b|deadlock|memory leak|why (?:does|is|do|did)|should (?:i|we) (?:choose|pick|buy|use|hire|take)|(?<!\()(?:recommend|pick|choose|select) (?:one|the best|the right|between|among)\b|(?:is|are) (?:the|this|these|our|my) (?:following |new |proposed )?(?:[a-z]+ )?(?:argument|proof|reasoning|claim|statement|deduction|syllogism|conclusion|migration|query|code|function|program|script|change|patch|regex|transaction|algorithm|schema|lock(?:ing)?|config(?:uration)?)s? (?:\w+ ){0,3}?(?:valid|sound|correct|true|safe|thread-safe|race-free|secure|idempotent|equivalent|backwards?[- ]compatible)\b|fail(?<!\b(?:if|when|whenever|unless|in case)\b[^.\n]{0,60}fail)(?:s|ed|ing)? (?:with|on|when|after|because|intermittently|randomly)\b|(?:must|cannot|can't|can not|is not|isn't|must not) (?:come |be |sit |go |happen |run )?(?:directly |immediately |right )?(?:before|after|next to|adjacent to|beside)\b|pro[ -]?rat|prorrat|find (?:out )?(?:which|whether)\b|find (?:the|a|any|all|every) (?:\w+ )?(?:bugs?|errors?|mistakes?|flaws?|faults?|causes?|culprits?)\b|(?:pick|choose|select|find|identify|recommend) (?:the|which) (?:cheapest|fastest|shortest|quickest|best|optimal|most|least|lowest|highest|earliest|latest possible|largest|smallest|safest)\b|(?:draw up|build|create|propose|make|plan) (?:a |the )?(?:\w+ )?(?:rota|roster|timetable|shift schedule|seating plan)\b|(?:what|which) (?:could|might|would|is likely to) cause|calcul|berechn|ermittl|schätz)|計算|推理|推論|计算|推断|算出|계산/i;
// a word problem: several figures and a question about them ("ordered on 20 Nov, delivered on 27 Nov, 45 days … within window?")
const FIGURE_RE = /\d+(?:[.,:]\d+)?/g;
const QUESTION_RE =
  /\?|？|\b(?:whether|how (?:many|much|long|far)|within|eligible|in time|(?:the|a|in) (?:grand |final |net |overall )?total|(?:the|final|net) (?:cost|price|amount|balance|sum|average|difference)|gesamt\w*|le total|el total|o total|il totale|wie (?:viele?|lange)|wieviele?|combien|cu[aá]nt[oa]s?|quant[oaie]|quantos|quantas)\b|何(?:個|円|日|人|時間)|いくら|合計|総額|多少|合计|总计|总额|합계|총액|几(?:个|天|小时)|얼마|몇/i;
// A reasoning request read from its parts: a thinking verb ("work through", "list", "lay out", "trace",
// "compare") with an order that puts that work before the answer ("before answering", "first", "start
// by", "then give the verdict", "conclude with") or that makes it piecewise ("each step", "clause by
// clause", "one by one", "your assumptions").
const THINK_RE =
  /\b(?:work(?:s|ed|ing)? (?:through|out)|go(?:es|ing)? (?:through|over)|walk(?:s|ing)? through|think(?:s|ing)?|reason(?:s|ing)?|list(?:s|ing)?|writ(?:e|ing) (?:down|out)|lay(?:ing)? out|set(?:ting)? out|spell(?:ing)? out|map(?:ping)? out|jot(?:ting)? down|trac(?:e|es|ing)|explain(?:s|ing)?|show(?:s|ing)?|break(?:ing)? (?:it |this |the \w+ )?(?:down|into)|consider(?:s|ing)?|identify(?:ing)?|outlin(?:e|ing)|enumerat(?:e|ing)|not(?:e|ing) (?:down )?(?:the|each|every|which|what|where|whether|your|any)|check(?:s|ing)?|verify(?:ing)?|compar(?:e|ing)|calculat(?:e|ing)|comput(?:e|ing)|weigh(?:ing)?|analy[sz](?:e|ing)|examin(?:e|ing)|establish(?:ing)?|plan(?:ning)? (?:out|it|this|your|how|which|what|each|the steps)|(?:write|make|draft|sketch|outline) (?:a |your |the )?(?:short |brief |quick |step-by-step )?plan|evaluat(?:e|es|ing)|assess(?:es|ing)?|rul(?:e|es|ing) (?:\w+ )?out|sketch(?:es|ing)?|talk(?:s|ing)? through|reason(?:s|ing)? (?:it )?out)\b/i;
const ORDER_RE =
  /\b(?:before (?:(?:you |we )?(?:answer|giv|writ|propos|decid|conclud|repl[yi]|choos|recommend|commit|settl|respond|suggest|finali[sz]|rank|rat|scor|pick|select|output|return)(?:e|es|ing|ed|s)?\b|making (?:a|your|the|any) (?:final )?(?:recommendation|decision|choice|call|pick|verdict)|the (?:final )?answer|your (?:final )?(?:answer|verdict|reply|response|recommendation|pick|choice|decision|ranking|rating|score|fix|code|solution))|(?<!\b(?:the|my|your|our|its|their|his|her|this|that|a) )first(?:ly)?\b|start by|begin by|only then|(?:then|and then|after that|afterwards|finally|only after that),? (?:give|state|write|name|answer|conclude|recommend|decide|propose|provide|pick|choose|return|output|say|draw|reach|offer|summari[sz]e|rank|rate|score|classify|label|flag|suggest|select|commit|settle|fix|reply|respond)|(?:give|state|put|write) (?:the|your) (?:final )?(?:answer|verdict|conclusion|recommendation|result|decision) (?:last|at the end|after)|conclude with|end with (?:the|your|a) (?:answer|verdict|conclusion|recommendation|decision)|(?:final|the) (?:answer|verdict|conclusion) (?:comes )?(?:last|at the end))/i;
const PIECEWISE_RE =
  /\b(?:(\w+) by \1|as you go|(?:each|every) (?:one |option |candidate |item )?(?:against|in turn)|into (?:its |the |their |smaller |separate )?(?:steps|parts|factors|components|stages|sub-?[a-z]+)|(?:each|every) (?:step|intermediate|factor|leg|stage|clause|option|case|item|line|assumption|term|factor|part|component|figure|calculation|candidate|scenario|branch|path|constraint|requirement|criterion|rule|date|event|move|transaction|entry|change|claim|premise)s?|one at a time|(?:your|the|all) (?:steps|working|workings|assumptions|reasoning|calculations|intermediate \w+|logic))\b/i;

// Success criteria in words the success signal does not read: a good answer and what it does ("a good
// reply mentions …"), a test of the output ("the summary succeeds if …", "it works when …", "you're done
// once …"), how it will be judged ("judge it by whether …", "graded against …"), acceptance checks.
const SUCCESS_MORE_RE =
  /\b(?:(?:a|an|the|your) (?:good|great|strong|successful|correct|complete|ideal|perfect|excellent|finished|acceptable|useful|winning|high-quality) [a-z-]+(?: here| for (?:this|us|me|it))? ?:|done (?:means|looks like)|(?:a|an|the|your) (?:good|great|strong|successful|correct|complete|ideal|perfect|excellent|finished|acceptable|useful|winning|high-quality) (?:answer|response|reply|result|output|solution|summary|draft|translation|version|submission|attempt|outcome|deliverable|write-?up|one)s? (?:is|are|will|would|should|must|has|have|does|(?!this\b|thus\b|always\b|perhaps\b)[a-z]{3,}s)\b|(?:you(?:'re| are)|it(?:'s| is)|we(?:'re| are)|this is|that's|the (?:task|job|work) is) (?:done|finished|complete|ready)(?: to [a-z]+)? (?:when|if|once)\b|(?:it|this|they|the (?:[a-z-]+ )?(?:answer|response|reply|output|result|summary|notes|letter|email|code|tests?|draft|copy|text|post|plan|report|description|translation|version|solution|script|query|function|fix|patch|change|page|message|list|table|article|essay|story|headline|caption|bio|pitch|proposal|guide|explanation)s?) (?:works?|succeeds?|pass(?:es)?|(?:is|are) (?:ready|good enough|done|right|correct|complete|valid|usable|acceptable|successful|finished)|counts?|meets the bar|does its job|has (?:worked|succeeded)|worked|will have (?:worked|succeeded))(?: [a-z]+){0,3}? (?:if|when|once|only if|as long as)\b|acceptance (?:criteria|checks?|tests?)|definition of done|success (?:criteria|means|looks like|is)\b|(?:judge|grade|evaluate|assess|score|measure|mark)d? (?:it|them|this|the [a-z]+|your [a-z]+)? ?(?:by|on) (?:whether|how)|will be (?:judged|graded|evaluated|assessed|scored|marked|measured|reviewed) (?:on|by|against)|you(?:'ll| will) know (?:it|you)(?:'ve| have)? ?(?:worked|works|succeeded|got it right|done it|nailed it)|(?:should|must) (?:leave|let) (?:the|a|any|every|our) (?:[a-z-]+ )?(?:reader|customer|user|manager|team|recipient|student|visitor|client)s?\b|aim for (?:every|all|at least|zero|no|full)\b|(?:the|your|all) (?:tests?|code|build|query|script|migration) (?:should|must) (?:pass|fail|compile|run|build))/i;

// The same in Spanish, Portuguese, French, German, Italian, Japanese, Chinese and Korean: a good answer
// and what it does ("una buena respuesta menciona", "A good X:" in their words), a test of the output
// ("o resumo está bom se", "ist gelungen, wenn", "è pronto se"), criteria for success or acceptance.
const SUCCESS_FOREIGN_RE = new RegExp(
  [
    String.raw`(?<![\p{L}])(?:(?:una?|um|uma|une?|ein(?:e|en)?|il|la|el|le|o|a|der|die|das) (?:buen[oa]?|bom|boa|bon(?:ne)?|gut(?:e|er|es)?|buon[oa]?|ottim[oa]|excelente|excellent(?:e)?|perfekt(?:e|er|es)?|ideal(?:e|er|es)?|gelungen(?:e|er|es)?) \p{L}+(?: \p{L}+)? ?:` +
      String.raw`|(?:está|estará|estão|fica|es|será|est|sera|ist|sind|wäre|è|sarà|va|vale) (?:bien|bom|boa|bons|boas|buen[oa]|bon(?:ne)?|réussi(?:e)?|gut|gelungen|fertig|korrekt|richtig|brauchbar|erfolgreich|bene|buon[oa]|riuscit[oa]|pront[oa]|list[oa]|complet[oa]|correct[oa]?|correcte|aprobad[oa]|aprovad[oa]|terminé(?:e)?|acceptable|accettabile|aceptable|aceitável),? (?:si|se|quando|cuando|quand|lorsque|wenn|sobald)(?![\p{L}])` +
      "|(?:criterios?|critérios?|critères?|criteri|kriterien) (?:de |d'|di )?(?:éxito|exito|sucesso|succès|réussite|successo|aceptación|aceitação|acceptation|accettazione)|(?:erfolgs|akzeptanz|abnahme|qualitäts)kriterien)",
    "(?:良い|よい|優れた)(?:回答|答え|要約|翻訳|文章|見出し|説明|返信|出力)(?:とは|は|の条件)|(?:合格|成功|評価|受け入れ)(?:基準|条件)|好的(?:回答|答案|摘要|总结|翻译|标题|回复|输出)(?:应|要|需|必须|是|会)|(?:验收|成功|合格|评判|评价)标准|좋은 (?:답변|요약|번역|제목|답)(?:은|는|이란)|(?:성공|합격|수락|평가) 기준",
  ].join("|"),
  "iu",
);

// Roles phrased other ways than "You are a …" / "Act as …": a named persona ("You are Maya, a …"),
// "take on the role of", "as a senior copywriter, …", "you're an …", "persona:".
const ROLE_MORE_RE =
  /\b(?:you(?:'re| are) (?:an? |the )?[A-Z][a-z]+, (?:an? |the )|you're (?:an? |the )|(?:take|taking) (?:on )?the (?:role|part|persona) of|(?:assume|adopt|play|in) the (?:role|part|persona) of|adopt (?:the|a|this) persona|you will (?:act|serve|work|play) as|pretend you're|imagine you're|persona\s*:|(?:^|[.!\n]\s*)as (?:an? |the |our |my )[a-z][a-z -]{2,40},)/im;
// A profession without an article, as French, Spanish, Italian, Portuguese, German and Dutch name one,
// opening a sentence and followed by where or for whom ("Tu es sommelier dans un bistrot", "Eres abogado
// laboralista en Madrid", "Du bist Steuerberater für …")
const ROLE_BARE_RE =
  /(?:^|[.!?\n]\s*)(?:tu es|vous êtes|eres|es usted|du bist|sie sind|você é|sei|je bent) \p{L}+(?: \p{L}+)? (?:dans|chez|au|à|pour|en|para|de|del|in|bei|für|im|am|em|no|na|num|numa|per|nel|nella|presso|di|op|bij|voor)(?![\p{L}])/iu;

// A condition and what to do under it, or a way out instead of guessing. The condition is bounded
// (≤ 120 characters, no sentence end) so a long sentence is read once, without backtracking over it.
const EDGE_CASE_RE =
  /\b(?:(?:(?:if|when|whenever|unless|in case|where)\b[^.!?\n]{3,120}?(?:,|\bthen\b|[—–])\s*(?:in which case,?\s+|then\s+)?|\botherwise,?\s+)(?:please\s+)?(?:say|tell|ask|reply|respond|answer|refuse|decline|suggest|explain|wait|stop|flag|return|output|mark|use|point|offer|escalate|leave|list|set|hand|route|direct|recommend|mention|note|skip|don't|do not)\b|if (?:you(?:'re| are) )?(?:not sure|unsure|uncertain|in doubt)|rather than (?:guess|invent|mak(?:e|ing) up)|instead of (?:guessing|inventing|making up)|(?:wait|ask) for (?:the user(?:'s)? |their |explicit )?(?:confirmation|approval|to confirm)|say (?:so|that you (?:don't|do not) know))/gi;

const EDGE_WINDOW = 20_000;

function technique(present: Span | null, applicable = true): Technique {
  return { present: present !== null, applicable, evidence: present };
}

// quality words a criterion needs more than ("make sure the summary is accurate, clear and comprehensive")
const VAGUE_CRITERIA = new Set(
  `comprehensive detailed thorough accurate clear clearly concise neutral helpful high quality correct
  complete productive efficient professional perfect best well written polished convert converts works work
  effective compelling relevant sure good great nice excellent amazing engaging appropriate quality
  optimized optimised useful friendly readable understandable informative important
  anything everything fine right proper properly`.split(/\s+/),
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
  if (stop >= 0) after = after.slice(0, span.end - span.start + stop);
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
 * and reasoning requests worded in ways the phrase patterns do not list (see isDefenceSentence and THINK_RE).
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
    if (!reasoning && THINK_RE.test(t) && (ORDER_RE.test(t) || PIECEWISE_RE.test(t)))
      reasoning = { start: s.start, end: s.end };
  }
  return { defences, reasoning };
}

// the last line reads as the start of a sentence the model is to finish ("The sentiment of this review is",
// "It was the third time that week, and")
const UNFINISHED_RE =
  /(?:^|\s)(?:is|are|was|were|be|and|or|but|the|a|an|of|to|that|with|because|by|for|in|on|as|from|than|so|which|who|whose|where|while|my|our|their|his|her|its|your|would|will|like|into|about)$|[,\u2014\u2013]$/i;

// "| Feature | Basic | Plus |\n|---|---|---|" as the prompt's last two lines
const TABLE_HEAD_RE =
  /(?:^|\n)[ \t]*\|[^\n]*\|[ \t]*\n[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+(?:[ \t]*:?-{3,}:?)?[ \t]*$/;

/**
 * Output priming: the prompt ends on the opening of the answer — a label ("Summary:", "A:", "German: \""),
 * an opening bracket or list marker, the first characters of a JSON object, an opened code fence with
 * the answer's first line, a table's header row with no row under it, or an unfinished sentence for the
 * model to continue.
 */
function primingSpan(tail: string): Span | null {
  if (tail.length <= 20) return null;
  // (a full-width colon closes a label in Chinese and Japanese: "ラベル：")
  const primed =
    /(?:^|\n)[^\n]{0,40}[:：][ \t]*["'\u201c\u00ab\u201e]?$|[{[]$|(?:^|\n)\s*(?:[-*•]|1\.)$|```[a-z]*$|(?:^|\n)[ \t]*[{[][^\n]{0,80}"[^"\n]{1,40}"\s*:\s*"?$/i.exec(
      tail,
    );
  const fences = (tail.match(/```/g) ?? []).length;
  if (primed) {
    // a fence at the very end opens the answer only when it is an opening one (an odd count of fences)
    const closingFence = /```[a-z]*$/i.test(tail) && fences % 2 === 0;
    return closingFence ? null : { start: primed.index, end: tail.length };
  }
  // a table's header and its separator row with no row under them: the model fills in the rows
  const table = TABLE_HEAD_RE.exec(tail);
  if (table) return { start: table.index + (table[0].startsWith("\n") ? 1 : 0), end: tail.length };
  // an opened fence with the answer's first line in it ("```sql\nSELECT")
  const lastFence = tail.lastIndexOf("```");
  if (
    fences % 2 === 1 &&
    lastFence > 0 &&
    tail.length - lastFence <= 200 &&
    /\n[ \t]*$/.test(tail.slice(0, lastFence)) &&
    /^```[a-z]*[ \t]*\n/i.test(tail.slice(lastFence))
  )
    return { start: lastFence, end: tail.length };
  const lineStart = tail.lastIndexOf("\n") + 1;
  const line = tail.slice(lineStart);
  if (lineStart > 0 && line.split(/\s+/).length >= 3 && UNFINISHED_RE.test(line))
    return { start: lineStart, end: tail.length };
  return null;
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
  const reasoning = firstMatch(REASONING_RE, text) ?? read.reasoning;
  // Multi-step is read from what the task asks (a calculation, a diagnosis, a decision between options,
  // a puzzle, several figures to combine) — not from a request to reason, which would make every such
  // request look due — nor from how many verbs the prompt has: "translate this, output
  // only the command" is two verbs and one step, and a reasoning request there only costs tokens.
  const figures = (text.match(FIGURE_RE) ?? []).length;
  const multiStep =
    MULTI_STEP_RE.test(doc.instructionText) || (figures >= 4 && QUESTION_RE.test(doc.instructionText));
  const priming = primingSpan(text.trimEnd());
  const untrusted =
    sig.input !== null ||
    doc.vars.length > 0 ||
    /\b(?:the user|users|a user|user input|customers?|visitors?|the public|documents?|web ?pages?|emails?|search results|retrieved|tool (?:output|results?))\b/i.test(
      text,
    );
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
    injection_defence: { ...technique(defences[0] ?? null, untrusted), spans: defences },
    positive_instructions: technique(positiveOk ? positive : null, negatives > 0 || positives > 0),
    success_criteria: technique(
      checkable(doc, sig.success) ??
        checkable(doc, firstMatch(SUCCESS_MORE_RE, instructions)) ??
        (foreign ? checkable(doc, firstMatch(SUCCESS_FOREIGN_RE, instructions)) : null),
    ),
    role: technique(
      sig.role ??
        firstMatch(ROLE_MORE_RE, doc.instructionText) ??
        firstMatch(ROLE_BARE_RE, doc.instructionText) ??
        standingJob(doc.instructionText),
    ),
    // read over the first 20,000 characters: each condition scans up to 120 characters for its action
    edge_cases: technique(firstMatch(EDGE_CASE_RE, doc.instructionText.slice(0, EDGE_WINDOW))),
  };
}
