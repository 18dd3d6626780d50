// The reasoning-request technique: a request to reason before answering ("step by step", "think it
// over", a thinking verb with an order that puts the work before the answer), and whether the task is
// multi-step, where the request helps (a calculation, a diagnosis, a decision between options, a puzzle,
// several figures to combine). Kept apart from techniques.ts, which asks for the span and applicability.
import { firstMatch } from "./signals.js";
import type { Doc } from "./text.js";
import type { Span } from "./types.js";

const REASONING_RE =
  /\b(?:step[ -]by[ -]step(?! (?:guides?|explanations?|instructions?|tutorials?|walkthroughs?|procedures?|process(?:es)?|recipes?|manuals?|checklists?|setup|installation|directions)\b)|reason (?:briefly |carefully |explicitly )?(?:through|about)|^[ \t]*(?:reasoning|rationale|thoughts?)\s*:|think (?:it )?(?:through|over)|think (?:(?:about )?it |about this |this )?(?:carefully|hard|aloud|out loud)|let's think|reason (?:it )?(?:through|about|step|out)|work it out|show (?:your|the) (?:work|reasoning|steps|math|maths|thinking|thought process)|explain your (?:reasoning|thinking|thought process|logic|rationale)|explain how you (?:got|arrived|reached|worked|came)|(?:use|with) (?:a|your|the) scratch ?pad|before (?:answering|you answer|giving|writing|proposing|deciding|concluding|replying|choosing|you decide|you reply)[^.\n]{0,40}\b(?:think|consider|check|list|work|reason|plan|trace|identify|note|determine|analy[sz]e|compare|go through|figure|verify|outline|write down|map)|(?:write|make|draft|sketch|outline) (?:a |your |the )?(?:short |brief |quick |step-by-step )?plan (?:first|before)|before (?:calling|using|running|acting|taking|making|editing|changing|touching)[^.\n]{0,40}\b(?:plan|think|reason)|chain of thought|<thinking>|<scratchpad>|first,? (?:think|plan|outline|list|identify|work out|determine)|walk (?:me )?through (?:the|each|your|every) (?:steps?|reasoning|logic|calculation)|(?:explain|justify|show) (?:each|every) step|show (?:the|your) (?:calculations?|working|derivation|intermediate)|(?:state|list) (?:your|the|any) assumptions (?:first|before)|one step at a time|break (?:it|the problem|this|the task) (?:down )?into (?:steps|parts|sub-?problems)|(?:lay|set) out (?:your|the) reasoning|(?:check|verify|double-check) (?:your|the|each) (?:answer|result|work|calculation)s? (?:before|against))\b|paso a paso|razona\b|razonando|(?:tu|su) razonamiento|(?:tuo|vostro) ragionamento|(?:seu|teu) raciocínio|(?:rechen|lösungs|gedanken)gang|rechenweg|lösungsweg|schritt für schritt|denk(?:e)? (?:zuerst )?(?:gründlich )?nach|étape par étape|raisonne|pas à pas|passo a passo|ragiona|一步一步|逐步|分步|(?:推理|计算|解题|思考)(?:的)?(?:过程|步骤)|段階的に|順を追って|ステップごとに|ステップバイステップ|一段階ずつ|一歩ずつ|(?:計算|推論|考え|解き)(?:方)?の(?:過程|手順|途中)|途中(?:式|経過|の計算)|단계별로|차근차근|풀이 과정|adım adım|шаг за шагом|пошагово|krok po kroku|krok za krokem|stap voor stap|steg för steg|trinn for trinn|trin for trin|lépésről lépésre|pas cu pas|βήμα[ -]βήμα|خطوة بخطوة|कदम दर कदम|từng bước|langkah demi langkah/im;
// A failure being reported ("fails with 'deadlock detected'", not "if a step fails on staging") asks for
// a diagnosis; ordering constraints ("A must come before C") make a puzzle. (The Japanese, Chinese and
// Korean words stand outside the \b group: \b never falls before them.)
const MULTI_STEP_RE =
  /\b(?:calculat|comput|solv|prove|derive|estimat|debug|diagnos|plan (?:the|a|an|my|our|how|out)\b|decide|determin|compare\b|evaluat|analy[sz]e|analysis|deduc|infer|word problem|math|logic|puzzle|riddle|root cause|trade-?offs?|which (?:is|of|one|option|rule)|work out|figure out|deadline|eligib|(?:data )?race\b|deadlock|memory leak|why (?:does|is|do|did)|should (?:i|we) (?:choose|pick|buy|use|hire|take)|(?<!\()(?:recommend|pick|choose|select) (?:one|the best|the right|between|among)\b|(?:is|are) (?:the|this|these|our|my) (?:following |new |proposed )?(?:[a-z]+ )?(?:argument|proof|reasoning|claim|statement|deduction|syllogism|conclusion|migration|query|code|function|program|script|change|patch|regex|transaction|algorithm|schema|lock(?:ing)?|config(?:uration)?)s? (?:\w+ ){0,3}?(?:valid|sound|correct|true|safe|thread-safe|race-free|secure|idempotent|equivalent|backwards?[- ]compatible)\b|fail(?<!\b(?:if|when|whenever|unless|in case)\b[^.\n]{0,60}fail)(?:s|ed|ing)? (?:with|on|when|after|because|intermittently|randomly)\b|(?:must|cannot|can't|can not|is not|isn't|must not) (?:come |be |sit |go |happen |run )?(?:directly |immediately |right )?(?:before|after|next to|adjacent to|beside)\b|pro[ -]?rat|prorrat|resolv[ae]\b|resuelv[ae]\b|risolv[ie]\b|résou(?:s|dre)\b|löse\b|find (?:out )?(?:which|whether)\b|find (?:the|a|any|all|every) (?:\w+ )?(?:bugs?|errors?|mistakes?|flaws?|faults?|causes?|culprits?)\b|(?:pick|choose|select|find|identify|recommend) (?:the|which) (?:cheapest|fastest|shortest|quickest|best|optimal|most|least|lowest|highest|earliest|latest possible|largest|smallest|safest)\b|(?:draw up|build|create|propose|make|plan) (?:a |the )?(?:\w+ )?(?:rota|roster|timetable|shift schedule|seating plan)\b|(?:what|which) (?:could|might|would|is likely to) cause|calcul|berechn|ermittl|schätz|how much (?:do|does|will|would|should|did) [^.?!\n]{1,40}\b(?:pay|owe|get back|save|earn|spend)\b|schedul(?:e|ing) (?:the|these|all|each|every|\w+ (?:interviews|shifts|meetings|sessions|matches|classes|people|volunteers))|(?:given|under|meeting|satisfying|respecting|within) (?:the|these|all|those) (?:constraints|rules|conditions)|(?:cannot|can't|must not|may not) overlap|allocat(?:e|ing) (?:the|these|\w+ (?:rooms|slots|shifts|tables|seats))|prüf(?:e|en)?,? ob|vergleich|vérifi(?:e|ez|er) (?:si|que)|compar(?:e|ez|er|a|ar)\b|comprueba (?:si|que)|verifica (?:se|si|que)|confronta)|計算|推理|推論|计算|推断|算出|계산|比べ|比較|比较|对比|비교|選ぶべき|どちらを選|推荐|哪(?:个|家|一)/i;
// a word problem: several figures and a question about them ("ordered on 20 Nov, delivered on 27 Nov, 45 days … within window?")
const FIGURE_RE = /\d+(?:[.,:]\d+)?/g;
const QUESTION_RE =
  /\?|？|\b(?:whether|how (?:many|much|long|far)|within|eligible|in time|(?:the|a|in) (?:grand |final |net |overall )?total|(?:the|final|net) (?:cost|price|amount|balance|sum|average|difference)|(?:custo|coste|costo|coût|preço|precio|prezzo|prix|valor|importe|importo|montant) (?:final|total|finale|totale)|endpreis|gesamtkosten|gesamt\w*|le total|el total|o total|il totale|wie (?:viele?|lange)|wieviele?|combien|cu[aá]nt[oa]s?|quant[oaie]|quantos|quantas)\b|何(?:個|円|日|人|時間)|いくら|合計|総額|多少|合计|总计|总额|합계|총액|几(?:个|天|小时)|얼마|몇/i;
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

// The work laid out in order in the languages THINK_RE does not read: a "first" and a "then" or "finally"
// in one sentence ("Primero suma las bases, después aplica cada tipo", "まず…を計算し、次に…", "请先…，再…")
const SEQUENCE_FIRST_RE =
  /(?:^|[,;:]\s*)prima(?= \p{L}+)(?! (?:del|della|delle|dei|di|che)(?![\p{L}]))|(?<![\p{L}])(?:primero|primeiro|en primer lugar|d'abord|commence par|commencez par|zuerst|zunächst|erst|innanzitutto|per prima cosa|eerst)(?![\p{L}])|まず|首先|请先|먼저/iu;
const SEQUENCE_THEN_RE =
  /(?<![\p{L}])(?:después|luego|a continuación|al final|por último|finalmente|depois|em seguida|por fim|no final|puis|ensuite|enfin|dann|danach|anschließend|zum schluss|abschließend|poi|quindi|infine|alla fine|daarna|vervolgens|tot slot)(?![\p{L}])|次に|それから|その後|そのうえで|その上で|最後に|然后|再|最后|接着|다음(?:으로|에)|마지막으로/iu;

/** Whether an instruction sentence asks for the reasoning in a wording the phrase pattern does not list. */
export function isReasoningSentence(t: string): boolean {
  if (SEQUENCE_FIRST_RE.test(t) && SEQUENCE_THEN_RE.test(t)) return true;
  return THINK_RE.test(t) && (ORDER_RE.test(t) || PIECEWISE_RE.test(t));
}

/** The first phrase that asks for the reasoning, anywhere in the prompt. */
export function reasoningPhrase(text: string): Span | null {
  return firstMatch(REASONING_RE, text);
}

/**
 * Multi-step is read from what the task asks (a calculation, a diagnosis, a decision between options,
 * a puzzle, several figures to combine) — not from a request to reason, which would make every such
 * request look due — nor from how many verbs the prompt has: "translate this, output only the command"
 * is two verbs and one step, and a reasoning request there only costs tokens.
 */
export function isMultiStep(doc: Doc): boolean {
  const figures = (doc.text.match(FIGURE_RE) ?? []).length;
  return MULTI_STEP_RE.test(doc.instructionText) || (figures >= 4 && QUESTION_RE.test(doc.instructionText));
}
