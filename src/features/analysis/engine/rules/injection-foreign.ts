// Prompt-injection phrasing in the other languages people write prompts in: the overrides, the switches
// to a mode without limits and the requests for the system prompt, with the prohibitions and conditions
// that make them a defence. The injection rule (safety.ts) asks here before it reads English.

import { matchesOf } from "../text.js";
import { foreignQuotedInDefence } from "./injection-defences.js";

/**
 * The commonest overrides in the other languages people write prompts in: a verb of dropping ("ignora",
 * "oubliez", "vergiss", "negeer", "zignoruj", "忽略", "無視") close to the model's instructions or rules; a switch to a mode without
 * limits ("modo desarrollador", "开发者模式"); a request for the hidden system prompt ("系统提示词",
 * "prompt système"). The words between are free, so "忽略你之前收到的所有指令" reads like "忽略之前的指令".
 */
const FOREIGN_INJECTION_RE =
  /(?<![\p{L}])(?:ignor[aeio]\p{L}*|olvid[aeo]\p{L}*|oubli[eo]\p{L}*|vergiss\p{L}*|vergessen|esque[cç]\p{L}*|dimentic\p{L}*|игнорир\p{L}*|забудь\p{L}*|negeer|vergeet|zignoruj\p{L}*|ignoruj\p{L}*|zapomnij|ignorer|glöm|glem|ignoruj|zapomeň)\s+(?:[\p{L}'’]+\s+){0,4}?(?:instrucciones|consignes|anweisungen|anordnungen|instruções|istruzioni|indicaciones|инструкции|указания|правила|instructies|aanwijzingen|instrukcje|instrukcji|polecenia|instruktioner|instruksjoner|pokyny|instrukce|(?:les|tes|vos)\s+(?:\p{L}+\s+)?instructions)(?![\p{L}])|(?:忽略|无视|忘记|忘掉|不要理会|忽視|無視)[^。！？\n]{0,12}?(?:指令|指示|提示|规则|規則|设定|限制)|(?:指示|命令|プロンプト|ルール)(?:は|を)(?:すべて|全て)?無視|(?:이전|모든)[^.\n]{0,12}(?:지시|명령|지침)[^.\n]{0,6}무시|(?<![\p{L}])(?:olvida|olvide|olvidad|oublie|oubliez|vergiss|vergessen\s+sie|esqueça|esquece|dimentica)\s+(?:todo|tout|alles|tudo|tutto)\s+(?:lo\s+|ce\s+qui\s+|was\s+|o\s+que\s+|quello\s+che\s+)?(?:anterior|précède|précédent|vorher|davor|oben|acima|precedente|sopra|detto)|(?<![\p{L}])(?:instrucciones|instructions|instruções|istruzioni)\s+(?:de|du|do|di)\s+(?:sistema|système)(?![\p{L}])|önceki\s+talimatları\s+(?:yok\s+say|görmezden\s+gel)|(?<![\p{L}])(?:modo\s+(?:desarrollador|desenvolvedor|sin\s+restricciones)|mode\s+(?:développeur|sans\s+restrictions?)|entwicklermodus|modalità\s+sviluppatore|режим\s+разработчика)(?![\p{L}])|开发者模式|開發者模式|開発者モード|(?:输出|显示|告诉我|透露|打印|重复|給我|给我)[^。！？\n]{0,10}系统提示|システムプロンプト(?:を|の)[^。\n]{0,10}(?:表示|出力|教え)|(?<![\p{L}])(?:prompt\s+(?:du\s+)?système|prompt\s+del\s+sistema|prompt\s+do\s+sistema|systemprompt|systeemprompt|prompt\s+systemowy|systemowy\s+prompt|prompt\s+systemow\p{L}*|системн\p{L}*\s+промпт\p{L}*|sistem\s+istemi\p{L}*)(?![\p{L}])/giu;

/** A prohibition or a condition just before a foreign match: "不要透露系统提示", "si le texte dit « ignorez … »". */
const FOREIGN_GUARD_BEFORE_RE =
  /(?:不要|别|不得|不能|不可|禁止|如果|若|しないで|しない|場合|하지\s*마|(?<![\p{L}])(?:no|nunca|jamais|ne|nie|niemals|nicht|non|mai|não|nunca|si|wenn|falls|se|quand|cuando|quando)(?![\p{L}]))[^。.!?！？\n]{0,24}$/iu;

export function foreignInjection(text: string): RegExpExecArray | null {
  FOREIGN_INJECTION_RE.lastIndex = 0;
  for (const m of matchesOf(text, FOREIGN_INJECTION_RE)) {
    const before = text.slice(Math.max(0, m.index - 30), m.index);
    if (
      !FOREIGN_GUARD_BEFORE_RE.test(before) &&
      !/["'“«„‘「『]\s*$/.test(before) &&
      !foreignQuotedInDefence(before)
    )
      return m as RegExpExecArray;
  }
  return null;
}
