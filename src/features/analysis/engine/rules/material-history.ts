// Material from an earlier exchange that a short prompt works from without carrying it: "rewrite it like
// the other one", "the one I sent you earlier", "the full taxonomy we agreed on last week", "play him
// again like last time". What the model must copy, rewrite or match lies in a conversation it never saw;
// the missing-material rule in material.ts asks here once per prompt.
import { type Doc, MASK_INSTRUCTION, matchesOf } from "../text.js";
import type { Span } from "../types.js";
import { hasRealBlock } from "./material-present.js";
import { laysOutCandidates } from "./references.js";
import { historicalMaterial } from "./shared-history.js";

/**
 * A thing from before: "the other one", "the previous version", "from the second image", "the one I sent
 * you earlier". Group 1 is set when the thing is placed by order ("the last one"), which a list in the
 * prompt may resolve.
 */
const EARLIER_THING_RE =
  /\b(?:the (?:other|(last|previous|earlier)) (?:one|version|draft|image|picture|photo|scene|design|file|template|logo|layout)|(?:from|in|like|as) the (?:first|second|third|other) (?:image|picture|photo|screenshot)|the (?:one|version|draft|file|list|text|email|image|picture|photo) (?:i|we) (?:sent|shared|gave|showed|wrote|made|uploaded|posted)(?: you)?(?: (?:earlier|before|yesterday|last (?:time|week)))?|(?:pasted|attached|sent|shared|included|uploaded|posted) (?:it )?(?:in|with|to|into) (?:my|our|the) (?:last|previous|earlier|other|first) (?:message|email|e-mail|chat|thread|conversation|reply|post|prompt))\b/gi;
/**
 * Notes, comments or figures of an earlier moment the prompt never carries: "with my notes from this
 * morning", "avec mes remarques de ce matin", "mit meinen Anmerkungen von gestern", "先ほどの件", "あの案".
 */
const EARLIER_NOTES_RE =
  /(?<![\p{L}])(?:(?:my|our) (?:notes|comments|remarks|feedback|changes|edits|corrections|figures|numbers|list) from (?:this morning|yesterday|last (?:week|night|time)|earlier|the (?:call|meeting))|(?:mes|nos) (?:remarques|notes|commentaires|corrections|chiffres) (?:de ce matin|d'hier|de la réunion|de tout à l'heure)|(?:mis|nuestras|nuestros) (?:notas|comentarios|observaciones|correcciones) de (?:esta mañana|ayer|la reunión)|(?:meine[nm]?|unsere[nm]?) (?:Notizen|Anmerkungen|Kommentare|Korrekturen) (?:von heute (?:Morgen|früh)|von gestern|aus dem Meeting)|(?:le mie|le nostre) (?:note|osservazioni|correzioni) di (?:stamattina|ieri)|(?:minhas|nossas) (?:notas|observações|anotações|correções) de (?:hoje de manhã|ontem))(?![\p{L}])|(?:先ほど|さっき|この前|前回)の(?:件|話|案|資料|メール|ファイル)|あの(?:案|件|資料|ファイル)|例の(?:件|資料|ファイル)|上次的(?:文件|报告|稿子|版本|方案)|之前那(?:个|份|篇|版)/iu;

/** Doing again what was done before, with nothing given: "play him again like last time". */
const REDO_RE =
  /\bagain\b[^.!?\n]{0,20}\b(?:like|as) (?:last time|before)\b|\b(?:like|as) (?:last time|before)\b[^.!?\n]{0,40}\bagain\b/i;
/** A request that makes several things: "write two versions", "give me three options". */
const MAKES_SEVERAL_RE =
  /\b(?:write|draft|create|generate|give me|come up with|suggest|produce|design|make|propose)\b[^.!?\n]{0,40}\b(?:two|three|four|five|2|3|4|5|several|a few|some|multiple|a couple of)\b/i;
/** Two or more list lines or quoted strings: things the prompt lays out, which "the last one" may pick. */
const LISTED_RE = /^[ \t]*(?:[-*•]|\d+[.)])[ \t]+\S|["“][^"”\n]{3,}["”]/gm;

/**
 * Where a short prompt works from something of an earlier exchange: a thing it names ("the other one",
 * "the taxonomy we agreed on") is missing whatever else the prompt holds, unless the prompt lays out
 * the candidates it could be; a process ("same as before", "again like last time") only when the prompt
 * gives nothing to apply it to.
 */
/** A label on a line of its own opening a block of material ("NEW:", "Old version:"). */
const BLOCK_LABEL_RE = /^[ \t]*\p{Lu}[\p{L}\d ]{0,20}:[ \t]*\n[ \t]*\S/gmu;

export function earlierMaterial(doc: Doc): Span | null {
  const { text } = doc;
  if (text.length >= 600) return null;
  EARLIER_THING_RE.lastIndex = 0;
  for (const m of matchesOf(text, EARLIER_THING_RE)) {
    if (doc.mask[m.index] !== MASK_INSTRUCTION) continue;
    // "Draft A: … Draft B: … keep the ending from the other one": the other one is here
    if (laysOutCandidates(doc)) return null;
    if (m[1] && (text.match(LISTED_RE) ?? []).length >= 2) return null;
    // "I've pasted the new message and the old one below. Keep its tone but use the structure of the other
    // one": with material in the prompt, "the other one" is one of the things it holds
    if (
      !m[1] &&
      /\bother\b/i.test(m[0]) &&
      (hasRealBlock(doc) || (text.match(BLOCK_LABEL_RE) ?? []).length >= 2)
    )
      return null;
    // "Write two versions …, then say why the other one is weaker": one of the things the answer makes
    if (MAKES_SEVERAL_RE.test(text.slice(0, m.index))) return null;
    return { start: m.index, end: m.index + m[0].length };
  }
  const history = historicalMaterial(doc);
  if (history) {
    const same = /^(?:the )?same\b/i.test(text.slice(history.start, history.end));
    if (!same || !hasRealBlock(doc)) return history;
  }
  const notes = EARLIER_NOTES_RE.exec(text);
  // (and nothing after it that could be them: "… notes from yesterday's meeting: - Bob to …")
  if (
    notes &&
    doc.mask[notes.index] === MASK_INSTRUCTION &&
    !hasRealBlock(doc) &&
    doc.vars.length === 0 &&
    !/[:：]|\n(?<!\n[^\S\n]*\n)\s*\S/.test(text.slice(notes.index + notes[0].length))
  )
    return { start: notes.index, end: notes.index + notes[0].length };
  const redo = REDO_RE.exec(text);
  if (redo && doc.mask[redo.index] === MASK_INSTRUCTION && !hasRealBlock(doc) && doc.vars.length === 0)
    return { start: redo.index, end: redo.index + redo[0].length };
  return null;
}
