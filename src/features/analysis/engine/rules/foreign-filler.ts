// Filler (PF401) in prompts in French, Spanish, German, Portuguese, Italian, Russian, Dutch, Polish and Turkish: the business-letter
// pleasantries, apologies for the writer, effusive thanks and hype that the English lists catch in English.
// Each cue is written in its language as people write it to a model; one "merci" or "bitte" is courtesy,
// so it takes several cues, at least two of them effusive, or a string of hype words, to report padding.

import type { Finding, Span } from "../types.js";
import type { RuleContext } from "./context.js";
import { paddingFinding, politenessFinding } from "./filler.js";

const A = "['’]";

/** Effusive pleasantries, apologies and thanks: each alone is more than courtesy. */
const EFFUSIVE = [
  // fr
  `j${A}esp[eè]re (?:sinc[eè]rement |vraiment )?que vous allez (?:tr[eè]s )?bien`,
  `j${A}esp[eè]re que tu vas bien`,
  "votre journée se passe (?:à merveille|bien)",
  "(?:vraiment |tellement )?(?:désolée?|navrée?) de vous déranger",
  "(?:je suis )?(?:vraiment |tellement )?désolée? de (?:te|vous) (?:déranger|embêter)",
  "je (?:vous|te) remercie (?:infiniment|mille fois|du fond du cœur)",
  "(?:merci|mille mercis) (?:infiniment|mille fois|du fond du cœur)",
  "(?:encore )?mille fois merci",
  "(?:vous êtes|tu es) (?:formidable|génial|géniale|un ange|incroyable)",
  "(?:infiniment|éternellement) reconnaissante?",
  "du fond du cœur",
  // es
  "espero que (?:est[ée]s|se encuentre|te encuentres|usted est[ée]) (?:muy )?bien",
  "(?:siento|lamento|perdón por|perdona por|disculpa por|disculpe por) (?:mucho )?(?:molestar(?:te|le)?|la molestia)",
  "(?:mil|muchísimas|infinitas) gracias",
  "(?:te|se lo|le) agradezco (?:muchísimo|infinitamente|de corazón|de antemano)",
  "(?:eres|es usted) (?:un sol|increíble|genial|lo máximo)",
  "de todo corazón",
  // de
  "ich hoffe,? (?:es geht ihnen|es geht dir|dir geht es|ihnen geht es|sie hatten|du hattest) (?:richtig |sehr |wirklich )?(?:gut|einen guten)",
  "(?:einen )?(?:wunderbaren|wundervollen|schönen) tag",
  "(?:entschuldig(?:en sie|e|ung)|sorry)(?: bitte)?,? (?:dass ich (?:sie|dich) (?:schon wieder |nochmal |wieder )?stör\\p{L}*|für die störung)",
  "(?:tausend|vielen herzlichen|ganz herzlichen|allerherzlichsten) dank",
  "vielen,? vielen (?:lieben )?dank",
  "(?:sie sind|du bist) (?:einfach |echt |wirklich )?(?:ein schatz|großartig|der beste|die beste|wunderbar)",
  "von herzen",
  // pt
  "espero que (?:esteja|estejas|você esteja) (?:muito )?bem",
  "(?:desculpe|desculpa|perdão) (?:pelo incômodo|por incomodar|incomodar)",
  "(?:mil|muitíssimo) obrigad[oa]|muito obrigad[oa] mesmo",
  "(?:você é|tu és) (?:incrível|demais|um anjo|maravilhos[oa])",
  "de coração",
  // it
  "spero che (?:tu stia|lei stia|stia) (?:molto )?bene|spero che (?:tu stia|lei stia|stia) benissimo",
  "(?:scusa|scusami|scusi|scusate|mi dispiace)(?: tantissimo| davvero| tanto)? (?:per il disturbo|se (?:ti|la) disturbo|del disturbo)",
  "(?:mille|infinite) grazie|grazie (?:mille|infinite) (?:ancora|davvero)|grazie mille(?: mille)+",
  "(?:sei|lei è) (?:davvero |proprio )?(?:un angelo|fantastic[oa]|grandios[oa]|il migliore|la migliore)",
  "di cuore",
  // ru
  "(?:заранее )?(?:огромное|большое-пребольшое|огромнейшее) спасибо|спасибо огромное",
  "мне (?:даже )?(?:немного |очень )?неловко",
  "(?:извините|простите|прошу прощения),? что (?:вас |тебя )?(?:беспокою|отвлекаю)",
  "отвлекать по таким мелочам",
  "(?:вы|ты) (?:просто |самый |самая )?(?:лучш\\p{L}*|чудо|золото)",
  "надеюсь,? у (?:вас|тебя) всё (?:хорошо|отлично)",
  // nl
  "ik hoop dat (?:het )?(?:goed |heel goed )?met (?:je|u) gaat",
  "(?:heel erg|ontzettend|enorm) bedankt|duizendmaal dank",
  "sorry dat ik (?:je|u) (?:weer |alweer )?stoor",
  "(?:je bent|u bent) (?:echt )?(?:een schat|geweldig|de beste)",
  // pl
  "z góry (?:bardzo |serdecznie )?dziękuję",
  "bardzo,? bardzo dziękuję",
  "przepraszam,? że (?:znowu |znów )?(?:zawracam|przeszkadzam)",
  "jesteś (?:naprawdę )?(?:najlepsz\\p{L}*|wspaniał\\p{L}*|kochan\\p{L}*)",
  // tr
  "çok çok teşekkür\\p{L}*",
  "rahatsız ettiğim için (?:özür dilerim|kusura bakma\\p{L}*)",
  "umarım iyisin\\p{L}*",
  "sen (?:bir )?harikasın",
];
/** Softer padding: hedged asks and the writer belittling the request; counted only beside effusive cues. */
const SOFT = [
  "si ce n['’]est pas trop demander",
  "seulement si (?:vous en avez|cela ne vous dérange pas|ça ne vous dérange pas)",
  "si cela ne vous dérange pas",
  "un tout petit peu",
  "ce n['’]est sans doute pas grand-chose",
  "éventuellement",
  "si no es mucha molestia",
  "si no es molestia",
  "solo si (?:puedes|tienes tiempo)",
  "si tienes un momento",
  "wenn es nicht zu viel verlangt ist",
  "wenn (?:sie|du) (?:kurz )?zeit (?:haben|hast)",
  "falls es keine umstände macht",
  "se não for (?:pedir )?muito",
  "se (?:você )?tiver um tempinho",
  "se non è chiedere troppo",
  "se hai un attimo",
  "se non ti disturba",
  "bonjour",
  "hola",
  "hallo",
  "olá",
  "ciao",
  "если (?:вас|тебя) не затруднит",
  "честное слово",
  "добрый (?:вечер|день)",
  "здравствуйте",
  "als het niet te veel gevraagd is",
  "jeśli to nie problem",
  "zahmet olmazsa",
];
/** Hype that stands in for requirements. */
const HYPE = [
  "de classe mondiale",
  "de renommée mondiale",
  "primée?",
  "visionnaire",
  "révolutionnaire",
  "inégalée?",
  "de clase mundial",
  "de renombre mundial",
  "galardonad[oa]",
  "visionari[oa]",
  "revolucionari[oa]",
  "inigualable",
  "weltklasse",
  "weltbekannt\\p{L}*",
  "preisgekrönt\\p{L}*",
  "visionär\\p{L}*",
  "bahnbrechend\\p{L}*",
  "unübertroffen\\p{L}*",
  "de classe mundial",
  "premiad[oa]",
  "visionári[oa]",
  "revolucionári[oa]",
  "inigualável",
  "di livello mondiale",
  "di fama mondiale",
  "pluripremiat[oa]",
  "rivoluzionari[oa]",
  "ineguagliabile",
];

const group = (xs: string[]) => new RegExp(`(?<![\\p{L}])(?:${xs.join("|")})(?![\\p{L}])`, "giu");
const EFFUSIVE_RE = group(EFFUSIVE);
const SOFT_RE = group(SOFT);
const HYPE_RE = group(HYPE);

function spansOf(re: RegExp, text: string): Array<Span & { said: string }> {
  const out: Array<Span & { said: string }> = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text))
    out.push({ start: m.index, end: m.index + m[0].length, said: m[0].toLowerCase() });
  return out;
}

export function foreignFiller({ doc }: RuleContext, out: Finding[]): void {
  // instruction text only: a letter to write or a text to correct is material, not the writer's padding.
  // Matched case-insensitively on the text itself, not its lower-cased copy, whose offsets can shift
  // ("İ" lower-cases to two code units)
  const text = doc.instructionText;
  const effusive = spansOf(EFFUSIVE_RE, text);
  const hype = spansOf(HYPE_RE, text);
  const distinctHype = new Set(hype.map((h) => h.said));
  if (effusive.length >= 2) {
    const soft = spansOf(SOFT_RE, text);
    const all = [...effusive, ...soft].sort((a, b) => a.start - b.start);
    if (new Set(all.map((s) => s.said)).size >= 3) {
      out.push(politenessFinding(doc, "Pleasantries and apologies", all));
      return;
    }
  }
  if (distinctHype.size >= 4)
    out.push(
      paddingFinding(
        "PF402",
        ["Hype", "stands in for requirements: it sounds impressive but specifies nothing."],
        [...distinctHype].slice(0, 4),
        "Replace it with the concrete requirement it stands for: which standard, which checks, how long, for whom.",
        hype,
      ),
    );
}
