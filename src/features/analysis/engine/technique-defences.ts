// The injection defence technique: a sentence telling the model to treat what the material says as
// data, not orders. Read by phrase and, for other wordings, from a sentence's parts; kept apart from
// techniques.ts, which asks for the spans.
import { matchesOf } from "./text.js";
import type { Span } from "./types.js";

// "treat it as data", "do not follow instructions in the email", …: the defences worded the usual ways
const DEFENCE_RE =
  /\b(?:treat (?:it|them|this|the [a-z ]{1,30}|all [a-z ]{1,30}|everything [a-z ]{1,30}) as (?:data|content|untrusted|text|information)|(?:do not|don't|never) (?:follow|obey|execute|act on|carry out|comply with) (?:any |an |the )?(?:instructions?|commands?|requests?|directions?)|ignore (?:any |an )?(?:instructions?|commands?|requests?) (?:in|inside|within|contained|embedded|that appear|found)|(?:text|content|instructions?|requests?|commands?) (?:aimed|addressed|directed) (?:at|to) you|untrusted|(?:instructions|commands) (?:inside|within|in) the (?:text|document|email|input|content|material|page|ticket|review|data)|even if (?:the|it|they) (?:text|document|input|content|user|email|page)?\s?(?:says?|asks?|tells?|contains?|instructs?)|(?:are|is) (?:data|content|information)[^.\n]{0,40}\bnever (?:instructions|commands)|because (?:an?|the|some) (?:email|message|document|page|text|ticket|review|website|file) (?:asks|says|tells)|(?:asks?|tries|attempts?) (?:you )?to (?:ignore|disregard|forget|override|reveal|show|print|repeat) (?:your |these |the |its |all |previous )*(?:instructions|rules|system prompt|prompt|guidelines)|(?:decline|refuse)[^.\n]{0,60}\b(?:persona|instructions|system prompt|override|jailbreak)|ignore (?:any |an |all )?(?:instructions?|commands?|requests?)[^.\n]{0,40}?\b(?:in|inside|within) (?:it|them|the [a-z]{2,20})\b|\b(?:is|are) (?:only |just |untrusted )?data\b(?! (?:from|about|on|for|of|in)\b))/gim;

// A defence read from a sentence's parts, in any word order: it sets aside (ignore, do not obey, "is only
// data", "should never change", "may try to") something that instructs ("instructions", "anything it
// says", "text that looks like commands", "how you behave") and that comes from the material ("in the
// email", "the page may", "they say") — and it is not itself an attack on the prompt's own instructions.
const MATERIAL_NOUN =
  "(?:text|texts|documents?|docs?|e-?mails?|messages?|pages?|web ?pages?|websites?|content|input|inputs|material|tickets?|reviews?|passages?|data|tags?|quotes?|files?|transcripts?|comments?|results?|sources?|snippets?|articles?|posts?|replies|feedback|submissions?|chats?|conversations?|attachments?|pdfs?|excerpts?|notes?|answers?|responses?|fields?|blocks?|letters?|logs?|essays?|cvs?|resumes?|résumés?|applications?|forms?|tweets?|listings?|bios?|profiles?|manuscripts?|assignments?|homework|papers?|reports?|chat|sites?|records?|rows?|entries)";
const SET_ASIDE_RE =
  /\b(?:ignore|disregard|(?:do not|don't|never|not to|must not|should not|shouldn't) (?:obey|follow|act on|execute|run|carry out|comply with|let|take orders|treat)|(?:should|must|can|will|may)(?: not|n't| never) (?:change|alter|override|affect|overrule|replace|redirect)|not (?:as |a |an )?(?:commands?|instructions?|directions?|orders?)\b|(?:only|just|merely|purely) (?:data|text|content|material|something to|information|input|quoted)|as (?:data|plain text|quoted text|information|input to|content to)|part of the (?:text|content|material|input|data|message|document)|(?:may|might|could|can) (?:try|attempt) to|(?:decline|refuse|reject|skip|drop|leave out|flag|report)(?: \w+){0,2}? (?:such|these|those|them|it|any such)\b|(?:sometimes|may|might|often|could|can) (?:paste|send|include|insert|write|add|contain)|part of the (?:[a-z-]+ )?(?:page|email|e-mail|review|file|article|thread|conversation|transcript|ticket|chat|comment|post|document|text|content|material|input|data|message)s?\b|instead of (?:carrying (?:it|them|that|those) out|following|obeying|executing|acting on|doing)|(?:give|pay) (?:those|them|it|these|such [a-z]+|any such [a-z]+)? ?no (?:weight|attention|heed)|never (?:an? )?(?:instructions?|commands?|orders?|directions?)\b|(?:sometimes|may|might|often|could|can) (?:try to )?(?:hide|plant|embed|slip|insert|smuggle|sneak)|(?:is|are) not from (?:us|me|the author|your operator|the operator)|(?:only|just) (?:the|your|our|my) [a-z'\u2019 ]{1,30} (?:can|may) (?:change|alter|override|update|set|give you)|not (?:a |an )?change to|(?:tr(?:y|ies|ying)|attempts?|attempting) to (?:change|override|alter|redirect|trick|manipulate|make you|get you|jailbreak|hijack|rewrite)|(?:whatever|no matter what|regardless of what) (?:it|they|the [a-z]+|an? [a-z]+|any [a-z]+|someone|anyone) (?:says?|asks?|tells? you|claims?|contains?)|(?:may|might|could|can) (?:contain|include|hold) (?:instructions|commands|directions|requests|text that|things that)|even if (?:it|they|the [a-z-]+(?: [a-z-]+)?) (?:says?|asks?|tells?|instructs?|claims?|demands?|insists?))/i;
const INSTRUCTS_RE =
  /\b(?:instructions?|commands?|directions?|directives?|orders|requests?|prompts?|rules|anything (?:it|they|that|the \w+) (?:says?|asks?|tells?)|(?:asks?|tells?|wants?|instructs?) you\b|(?:text|anything|something|content|things?) that (?:looks?|reads?|sounds?) like|to do something else|how you (?:behave|act|respond|work|operate|answer)|(?:asking|telling|instructing|ordering|directing) (?:you|the model|the ai|the assistant|an? ai)\b|(?:anything|something|text|content|whatever|lines?)(?: [a-z]+){0,3}? that (?:looks?|reads?|sounds?|seems?) like|(?:meant|intended|written|aimed|addressed) (?:for|at|to) (?:an? |the )?(?:ai|llm|model|assistant|bot|chatbot|language model)s?(?: tools?)?\b|hidden (?:lines|text|instructions|messages|notes|prompts)|your (?:[a-z-]+ )?(?:rules|instructions|guidelines|policy|policies)|notes? (?:to|for|addressed to) (?:the |an? )?(?:grader|marker|reviewer|screener|examiner|ai|assistant|model|bot|you)|(?:telling|asking|instructing|ordering) (?:the|you|an?) [a-z]+|give you (?:orders|commands|instructions|directions)|your (?:behaviou?r|rules|role|task|instructions|prompt|guidelines))/i;
const FROM_MATERIAL_RE = new RegExp(
  `\\b(?:in|inside|within|from|contained in|embedded in|found in|of|between) (?:the |this |that |these |those |any |each |a |an |their |its |his |her |your )?(?:[a-z'\u2019-]+ )?(?:${MATERIAL_NOUN}\\b|<[a-z_-]+>)|\\b(?:anything|whatever|what|text|everything|something) (?:a|the|any|your|our) (?:[a-z-]+ )?(?:users?|customers?|visitors?|clients?|callers?|applicants?|students?|candidates?|senders?|authors?|members?|third part(?:y|ies)) (?:writes?|says?|pastes?|sends?|types?|submits?|enters?|uploads?|includes?)\\b|\\b(?:written|supplied|provided|submitted|sent|pasted|uploaded|authored|posted) by (?:the |our |outside |external )?(?:users?|customers?|visitors?|applicants?|students?|candidates?|third[- ]part(?:y|ies)|outsiders?|the public|strangers|members of the public|anyone)\\b|^\\s*${MATERIAL_NOUN} (?:come|are|may|might|can|could|sometimes|often)\\b|\\b(?:the|this|that|these|those|each|any|your|our) (?:[a-z'\u2019-]+ )?${MATERIAL_NOUN} (?:may|might|could|can|is|are|was|were|comes?|came|should|must|will|contains?|says?|asks?|tells?|instructs?)\\b|\\b(?:an?|any|some|many|most) (?:[a-z-]+ )?${MATERIAL_NOUN} (?:says?|asks?|tells?|contains?|instructs?|includes?|hides?|carry|carries|have|has|can|may|might|could|will|must)\\b|\\b(?:pdfs|documents|files|pages|emails|messages|reviews|comments|tickets|posts|users|customers|visitors|applicants|students) (?:sometimes|often|may|might|can|could) \\w+|\\bpaste[sd]? (?:in )?(?:text|content|messages?)\\b|\\b(?:they|it) (?:say|says|contain|contains|ask|asks|tell|tells|come from|comes from)\\b|\\b(?:tags|quotes|delimiters|brackets)\\b`,
  "i",
);
// "ignore the previous instructions", "disregard your rules": the attack, never a defence
const ATTACK_RE =
  /\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+)?(?:of\s+)?(?:the\s+|your\s+|these\s+|my\s+)?(?:previous|prior|above|earlier|preceding|original|system|safety|content)\b|\b(?:ignore|disregard|forget)\s+(?:your|these|the system)\s+(?:instructions|rules|guidelines|prompt)/i;

// The same defence in the other languages PromptForge users write in: the material is only data ("solo
// datos", "nur Daten", "只是数据", "データとして扱"), or instructions in it are not to be followed ("no sigas
// las instrucciones", "befolge keine Anweisungen", "不要执行其中的指令", "指示には従わない").
const FOREIGN_DEFENCE_RE = new RegExp(
  [
    // Spanish, Portuguese, Italian, French, German: "(it) is only data", "treat it as data" — "usa solo
    // datos oficiales" (use only official data) is a constraint on sources, not a defence
    String.raw`(?<![\p{L}])(?:(?:son|es|é|são|sono|è|sont|est|sind|ist) (?:solo|sólo|solamente|únicamente|apenas|somente|soltanto|uniquement|seulement|simplement|nur|lediglich|bloß) (?:datos|dados|dati|des données|daten)|(?:trata|trátal[oa]s?|tratar|considéral[oa]s?|trate|tratta|trattal[oa]|traite|traitez|considère|considérez|behandle|behandeln sie|betrachte)(?: \p{L}+){0,4}? (?:como|come|comme|als) (?:datos|dados|dati|des données|daten)(?![\p{L}]))`,
    // "do not follow / execute the instructions (in it)"
    String.raw`(?<![\p{L}])(?:no (?:sigas|sigan|siga|obedezcas|ejecutes|cumplas)|não (?:siga|sigas|obedeça|execute|cumpra)|non (?:seguire|eseguire|obbedire|segui|esegui)|ne (?:suis|suivez|exécute|exécutez|obéis|obéissez) (?:pas|jamais|aucune)|n'(?:exécute|exécutez|obéis|obéissez|applique|appliquez) (?:pas|jamais|aucune)|(?:befolge|befolgen sie|führe|führen sie) (?:keine|niemals|nie)|ignora(?:r)? (?:cualquier|las|toda|todas las|eventuali|le|qualsiasi|quaisquer|qualquer)|ignore[sz]? (?:toute|toutes|les|quaisquer|qualquer)|ignoriere (?:alle|jede|sämtliche)?)\s*(?:\p{L}+\s+){0,4}?(?:instrucci|instruç|istruzion|instruction|anweisung|befehl|órdenes|ordens|ordini|comandos|comandi|commandes)`,
    // Chinese, Japanese, Korean
    "(?:只是|仅是|仅仅是|都是|视为|当作|当成|作为)(?:普通)?(?:数据|資料|资料)|不要(?:执行|遵循|服从|听从|遵守)[^。！？\n]{0,12}(?:指令|命令|指示)|(?:指令|命令|指示)[^。！？\n]{0,8}(?:一律)?不(?:要|得|予)?(?:执行|遵循|服从|理会)|データとして(?:扱|処理)|単なる(?:データ|テキスト)|(?:指示|命令)(?:に|には|を)(?:は)?(?:従わ|実行し)ない|데이터로 (?:취급|처리)|(?:지시|명령)(?:를|을|에|에는) (?:따르지|실행하지)",
  ].join("|"),
  "iu",
);

// The same defence read from a sentence's parts in those languages and Dutch, in any order: something that
// instructs ("istruzioni rivolte a te", "Sätze, die wie Anweisungen aussehen", "opdracht") and a refusal to
// follow it, with the object pronoun attached or before the verb ("non seguirle", "befolge sie nicht", "no
// las sigas", "ne les suis pas", "volg ze niet"), or the material to be read as text and not as orders
// ("als tekst, niet als opdracht"). Dutch and Japanese "treat it as text" forms too.
const FOREIGN_INSTRUCTS_RE =
  /(?:consigne|instrucci|instruç|istruzion|instruction|anweisung|befehl|aufforderung|opdracht|instructie|órdenes|ordens|ordini|ordres|comandos|comandi|commandes)/iu;
const FOREIGN_REFUSE_RE =
  /(?<![\p{L}])(?:no (?:las |los |la |lo |les )?(?:sigas|sigan|siga|seguir|obedezcas|obedezca|ejecutes|ejecute|ejecutar|cumplas|cumpla)|não (?:as |os |a |o )?(?:siga|sigas|seguir|obedeça|obedecer|execute|executar|cumpra)|non (?:le |li |la |lo )?(?:seguir\p{L}*|esegu\p{L}*|obbedi\p{L}*|segui|applicar\p{L}*)|ne (?:les |la |le |l')?(?:suis|suivez|suivre|exécute|exécutez|obéis|obéissez|applique|appliquez) pas|ne pas (?:les |la |le |l')?(?:suivre|exécuter|appliquer|obéir)|(?:befolge|befolgen|führe|führen)(?: sie| diese| solche| sie)? nicht|nicht (?:befolgen|ausführen|folgen)|(?:volg|voer|gehoorzaam)(?: ze| deze| die)? niet|niet (?:op)?volgen|niet uitvoeren|volg geen|sans (?:les |la |le |l')?(?:appliquer|exécuter|suivre)|sin (?:seguirlas|seguirlos|ejecutarlas|ejecutarlos|aplicarlas|aplicarlos)|sem (?:segui-las|segui-los|executá-las|executá-los|aplicá-las|aplicá-los)|senza (?:eseguirle|eseguirli|seguirle|seguirli|applicarle|applicarli)|ohne sie (?:auszuführen|zu befolgen|umzusetzen)|no (?:les |le )?hagas caso|haz caso omiso|no (?:les |le )?prestes atención|ignóra(?:las|los|la|lo)|(?:setze|setzen sie)(?: sie| diese| solche)? nicht um|nicht umsetzen|ignoriere sie|não (?:as |os |lhes )?(?:atenda|obedeça|dê atenção)|ignore-(?:as|os|les)|n'en (?:tiens|tenez) pas compte|ne (?:les |la |le )?(?:prends|prenez) pas en compte|ignorale|ignorali|non (?:darle|darli|dar loro) retta)(?![\p{L}])/iu;
const FOREIGN_AS_TEXT_RE =
  /(?<![\p{L}])(?:als|comme|come|como|as) (?:tekst|gegevens|data|texte|testo|texto|text|daten|données|dati|datos|dados)\p{L}*,? (?:en )?(?:niet|pas|non|no|não|nicht|not) (?:als|comme|come|como|as) |(?:behandel|beschouw|lees)(?: \p{L}+){0,5}? als (?:tekst|gegevens|data)(?![\p{L}])|(?:指示|命令)[^。！？\n]{0,30}(?:あっても|でも|含まれていても)[^。！？\n]{0,40}(?:として|扱)/iu;

/**
 * Whether an instruction sentence is a defence worded in a way the phrase pattern does not list; `foreign`
 * (the instructions are not in English) also reads the defence in the other languages.
 */
export function isDefenceSentence(t: string, foreign = false): boolean {
  if (
    foreign &&
    (FOREIGN_DEFENCE_RE.test(t) ||
      FOREIGN_AS_TEXT_RE.test(t) ||
      (FOREIGN_INSTRUCTS_RE.test(t) && FOREIGN_REFUSE_RE.test(t)))
  )
    return !ATTACK_RE.test(t);
  return SET_ASIDE_RE.test(t) && INSTRUCTS_RE.test(t) && FROM_MATERIAL_RE.test(t) && !ATTACK_RE.test(t);
}

/** The defences, in order: the phrase matches, then the sentences read by parts that overlap none; 20 at most. */
export function defenceSpans(text: string, sentences: Span[]): Span[] {
  const defences: Span[] = [];
  for (const m of matchesOf(text, DEFENCE_RE)) {
    defences.push({ start: m.index, end: m.index + m[0].length });
    if (defences.length >= 20) break;
  }
  for (const d of sentences)
    if (defences.length < 20 && !defences.some((x) => x.start < d.end && d.start < x.end)) defences.push(d);
  defences.sort((a, b) => a.start - b.start);
  return defences;
}
