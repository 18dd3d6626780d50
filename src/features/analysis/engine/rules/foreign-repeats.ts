// Duplicated instructions (PF403) in prompts outside English, where the English demand-word reading does not
// apply. What carries over without an English lexicon is the sentence said again: each instruction sentence
// is normalised (case, punctuation, whitespace, list markers, and the few words in each language that only
// press a demand: "recuerda", "siempre", "bitte", "请", "务必") and compared. Latin-script sentences match
// when their words are the same, or nearly (four fifths shared, same negation); Chinese and Japanese ones,
// having no spaces, are compared by characters.

import type { Finding, Span } from "../types.js";
import { finding } from "./catalogue.js";
import type { RuleContext } from "./context.js";
import { elsewhere } from "./duplicates-places.js";
import { gatheredFrom } from "./paraphrased.js";

/** Past this much text a prompt is sections each scoped on their own (as in duplicates.ts). */
const SCOPE_CHARS = 3000;

/** Words that press or mark a repeat without changing what is demanded (fr, es, de, pt, it). */
const EMPHASIS = new Set(
  (
    "toujours rappel rappelez rappelle nb remarque note nota hinweis achtung important importante importantes surtout encore svp veuillez " +
    "siempre recuerda recuerde recordatorio asegúrate asegúrese otra vez " +
    "immer bitte wichtig nochmals erneut " +
    "sempre lembre lembra lembrete novamente " +
    "ricorda ricordati assicurati"
  ).split(" "),
);
/** Negations, read as one mark so "do X" and "do not X" never match. */
const NEGATIONS = new Set(
  "ne n' pas jamais aucun aucune sans no nunca jamás ningún ninguna ninguno sin nicht nie niemals kein keine keinen keinem keiner ohne não nunca nenhum nenhuma sem non mai nessun nessuno nessuna senza".split(
    " ",
  ),
);
/** Chinese and Japanese words that press a demand: "请务必用中文回答" demands what "用中文回答" does. */
const CJK_EMPHASIS_RE =
  /请|務必|务必|一定要|一定|始终|始終|总是|總是|再次|记住|記住|注意|切记|必ず|常に|ください|下さい|してください|もう一度|忘れずに/g;
const CJK_RE = /[\u3040-\u30ff\u4e00-\u9fff]/;

interface Said {
  start: number;
  end: number;
  key: string;
  words: string[];
  negated: boolean;
  cjk: boolean;
  items: Set<string>;
}

/** The instruction sentences of the prompt (material is blanked in instructionText), normalised. */
function sentencesOf(text: string): Said[] {
  const out: Said[] = [];
  const re = /[^.!?。！？;；\n]+/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const raw = m[0];
    // list markers and surrounding blanks are not part of what is said
    let lead = /^[\s\-*•>#\d)(]*/.exec(raw)![0].length;
    // "Recuerda: …", "Wichtig: …" press what follows; it is the sentence said
    const press = /^([\p{L}]{1,14})\s?:\s*/u.exec(raw.slice(lead));
    if (press && EMPHASIS.has(press[1]!.toLowerCase())) lead += press[0].length;
    const body = raw.slice(lead).trimEnd();
    if (body === "" || body[0] === "|") continue;
    const start = m.index + lead;
    const end = start + body.length;
    // a label ("Usuario: …", "Salida: …") opens a field or an example turn; a line ending in ":" introduces
    if (/^[\p{L}\s]{1,24}:/u.test(body) || text[end] === ":") continue;
    const lower = body.toLowerCase();
    if (CJK_RE.test(lower)) {
      const key = lower.replace(CJK_EMPHASIS_RE, "").replace(/[^\p{L}\p{N}]+/gu, "");
      if (key.length >= 4)
        out.push({
          start,
          end,
          key,
          words: bigrams(key),
          negated: /不|别|別|勿|没|ない|な$/.test(key),
          cjk: true,
          items: new Set(),
        });
      continue;
    }
    const words: string[] = [];
    let negated = false;
    // what names one item: a number, a letter, a capitalised word inside the sentence ("el cliente B",
    // "Lyon"): two sentences differing in one are about two items
    const items = new Set<string>();
    for (const x of body.matchAll(
      /(?<=\s)\p{Lu}[\p{L}\p{N}]*|(?<![\p{L}\p{N}])(?:\p{N}+|\p{L})(?![\p{L}\p{N}])/gu,
    ))
      items.add(x[0].toLowerCase());
    for (const w of lower.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? []) {
      const v = w.replace("’", "'");
      if (NEGATIONS.has(v) || v.startsWith("n'")) negated = true;
      else if (!EMPHASIS.has(v)) words.push(v);
    }
    if (words.length < 3) continue;
    const set = [...new Set(words)].sort();
    out.push({
      start,
      end,
      key: `${negated ? "¬ " : ""}${words.join(" ")}`,
      words: set,
      negated,
      cjk: false,
      items,
    });
  }
  return out;
}

function bigrams(s: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return [...out].sort();
}

/** Jaccard ≥ 0.8 of two sorted sets, at least four items each, same polarity. */
function nearlySame(a: Said, b: Said): boolean {
  if (a.negated !== b.negated || a.cjk !== b.cjk || a.words.length < 4 || b.words.length < 4) return false;
  const seen = new Set(a.words);
  let common = 0;
  for (const w of b.words)
    if (seen.has(w)) common++;
    else if (b.items.has(w)) return false;
  const other = new Set(b.words);
  for (const w of a.words) if (!other.has(w) && a.items.has(w)) return false;
  return common / (a.words.length + b.words.length - common) >= 0.8;
}

export function foreignRepeats({ doc }: RuleContext, out: Finding[]): void {
  if (doc.text.length > SCOPE_CHARS) return;
  const said = sentencesOf(doc.instructionText);
  // prompts outside English are short as a rule: the pairwise comparison stays small (capped for safety)
  const n = Math.min(said.length, 80);
  for (let j = 1; j < n; j++)
    for (let i = 0; i < j; i++) {
      const a = said[i]!;
      const b = said[j]!;
      if (a.key !== b.key && !nearlySame(a, b)) continue;
      // turns of a quoted exchange, a variable's description, an example repeat by design
      if (elsewhere(doc.text, a.start) || elsewhere(doc.text, b.start)) continue;
      const spans: Span[] = [
        { start: a.start, end: a.end },
        { start: b.start, end: b.end },
      ];
      out.push(
        finding(
          "PF403",
          `"${doc.text.slice(b.start, b.end)}" repeats an earlier instruction.`,
          "State each instruction once; repetition adds length and can read as two different requirements.",
          spans,
        ),
      );
      // one repeated block is one finding
      return;
    }
  const pair = restatedClauses(doc.instructionText) ?? gatheredSentence(said);
  if (pair && !elsewhere(doc.text, pair[0].start) && !elsewhere(doc.text, pair[1].start))
    out.push(
      finding(
        "PF403",
        `"${doc.text.slice(pair[1].start, pair[1].end)}" repeats an earlier instruction.`,
        "State each instruction once; repetition adds length and can read as two different requirements.",
        pair,
      ),
    );
}

// ── restated clauses ─────────────────────────────────────────────────────────────────────────────
// What the sentence comparison above misses: the head of a sentence said again without its reason ("Resmî
// bir dil kullan, çünkü …" … "Resmî bir dil kullan."), a two-word directive said twice ("Gebruik
// tussenkopjes."), one clause of a Chinese sentence said again ("每条标题不超过20个字"), a Korean demand said
// again in other endings ("간단하게 요약해 줘" … "요약은 간단하게 해 줘"), the same length limit said twice
// ("90자 이내로." … "90자를 넘기지 마."), and a named standard to follow said again ("… en suivant la charte
// éditoriale de X." … "Respecte bien la charte éditoriale de X.").

/** Articles, prepositions and conjunctions (fr, es, de, it, pt, nl, tr, pl): not what a demand asks. */
const FUNCTION_WORDS = new Set(
  (
    "le la les l de des du un une et en au aux à pour par avec sur dans ce cette bien " +
    "el los las lo del y o para por con una unos al " +
    "der die das den dem des ein eine einen und oder mit für auf im zu von vom zum zur " +
    "il gli i di da della dei delle su per ed un' " +
    "um uma os as do da dos das em no na com " +
    "het een van voor op met te " +
    "bir ve ile için bu " +
    "w z i na do dla"
  ).split(" "),
);
/** Verbs that only say "comply" (follow, respect, stick to): what is complied with is the demand. */
const COMPLY =
  /^(?:respect\p{L}*|suis|suivez|suivre|sigue|siga|seguir|respet\p{L}*|befolg\p{L}*|beacht\p{L}*|halte|haltet|segui|seguire|rispett\p{L}*|volg|houd|uy|uyun|przestrzegaj|stosuj)$/u;
/** A length limit: a number and the unit it counts, in the languages the prompts come in. */
const LIMIT_RE =
  /(\d+)\s?(?:(자|글자|단어|문장|个字|字|文字|語)|(words?|mots?|palabras?|wörter|worte|parole|palavras?|woorden|kelime|słów|слов\p{L}*|caract\p{L}*|zeichen|tekens|karakter|znak\p{L}*|символ\p{L}*|sentences?|phrases?|frases?|sätze?|frasi|zinnen|cümle|zda\p{L}*|предложени\p{L}*|lignes?|líneas?|zeilen?|righe|linhas?|regels?|satır|строк\p{L}*)(?![\p{L}]))/iu;
const HANGUL_RE = /[\uac00-\ud7af]/;
const CJK_CLAUSE_NOISE_RE = /都|也|还|请|务必|一定|要求/g;

interface Clause {
  start: number;
  end: number;
  /** The sentence the clause belongs to: two clauses of one sentence are not a repeat. */
  sentence: number;
  /** What is said, normalised, for an exact comparison. */
  key: string;
  /** The content words in order (Latin and Korean), or the character pairs (Chinese, Japanese). */
  words: string[];
  negated: boolean;
  limit: string;
  /** The clause is a whole short sentence closed by a full stop ("Gebruik tussenkopjes."). */
  closed: boolean;
}

function clausesOf(text: string): Clause[] {
  const out: Clause[] = [];
  const re = /[^.!?。！？;；\n]+/g;
  let sentence = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text), sentence++) {
    const raw = m[0];
    const lead = /^[\s\-*•>#)(]*(?:\d+[.)]\s+)?/.exec(raw)![0].length;
    const body = raw.slice(lead).trimEnd();
    if (body === "" || body[0] === "|" || text[m.index + lead + body.length] === ":") continue;
    // a labelled field ("리뷰: …", "Salida: …") belongs to an example or a template
    if (/^[\p{L}\s]{1,24}:/u.test(body)) continue;
    const start = m.index + lead;
    const closed = ".!。！".includes(text[start + body.length] ?? "");
    const limit = LIMIT_RE.exec(body);
    const add = (from: number, part: string, whole: boolean) => {
      const c = clause(part, whole && closed);
      if (c)
        out.push({
          ...c,
          start: start + from,
          end: start + from + part.length,
          sentence,
          limit: limit ? `${limit[1]}${(limit[2] ?? limit[3])!.toLowerCase().slice(0, 3)}` : "",
        });
    };
    add(0, body, true);
    // the head of a sentence before its first comma: the demand without its reason or its case
    const comma = /[,，、：:]/.exec(body);
    if (comma && comma.index > 0) add(0, body.slice(0, comma.index).trimEnd(), false);
    // Chinese and Japanese clauses after the first (a label's value: "要求：每条标题不超过20个字，…")
    if (/[\u3040-\u30ff\u4e00-\u9fff]/.test(body)) {
      const parts = /[^，、：:,]+/g;
      for (let p = parts.exec(body); p !== null; p = parts.exec(body))
        if (p.index > 0) add(p.index, p[0], false);
    }
  }
  return out;
}

function clause(part: string, closed: boolean): Omit<Clause, "start" | "end" | "sentence" | "limit"> | null {
  const lower = part.toLowerCase();
  if (/[\u3040-\u30ff\u4e00-\u9fff]/.test(lower)) {
    const key = lower
      .replace(CJK_EMPHASIS_RE, "")
      .replace(CJK_CLAUSE_NOISE_RE, "")
      .replace(/不要/g, "不")
      .replace(/[^\p{L}\p{N}]+/gu, "");
    if (key.length < 4) return null;
    return { key, words: bigrams(key), negated: /不|别|別|勿|没|ない/.test(key), closed };
  }
  const words: string[] = [];
  let negated = false;
  for (const w of lower.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? []) {
    if (NEGATIONS.has(w) || w.startsWith("n'")) negated = true;
    else if (HANGUL_RE.test(w)) {
      // a Korean word by its first two syllables: "요약은", "요약해" are one word with two endings
      if (w.length >= 2) words.push(w.slice(0, 2));
    } else if (!EMPHASIS.has(w) && !FUNCTION_WORDS.has(w)) words.push(w);
  }
  if (/지\s?마|않|말고|금지/.test(lower)) negated = true;
  if (words.length < 2) return null;
  return { key: `${negated ? "¬ " : ""}${words.join(" ")}`, words, negated, closed };
}

/** The first pair of clauses of different sentences that say one demand twice, by the readings above. */
function restatedClauses(text: string): [Span, Span] | null {
  const clauses = clausesOf(text);
  const n = Math.min(clauses.length, 120);
  for (let j = 1; j < n; j++)
    for (let i = 0; i < j; i++) {
      const a = clauses[i]!;
      const b = clauses[j]!;
      if (a.sentence === b.sentence) continue;
      if (restates(a, b))
        return [
          { start: a.start, end: a.end },
          { start: b.start, end: b.end },
        ];
    }
  return null;
}

function restates(a: Clause, b: Clause): boolean {
  const korean = HANGUL_RE.test(a.key) && HANGUL_RE.test(b.key);
  const cjk = !korean && /[\u3040-\u30ff\u4e00-\u9fff]/.test(a.key + b.key);
  // the same limit, said again in a short sentence of its own ("within 90" or "never over 90")
  if (a.limit !== "" && a.limit === b.limit) return cjk ? b.key.length <= 12 : b.words.length <= 4;
  if (a.negated !== b.negated) return false;
  // the same words: three or more, or two in a whole sentence closed by a full stop
  if (a.key === b.key) return cjk || a.words.length >= 3 || (a.closed && b.closed);
  if (cjk) return false;
  const [short, long] = a.words.length <= b.words.length ? [a, b] : [b, a];
  const have = new Set(long.words);
  // Korean: a short demand whose every word the other makes
  if (korean)
    return short.words.length >= 2 && short.words.length <= 4 && short.words.every((w) => have.has(w));
  // a named standard to follow said again: all but the verb of compliance, three words, in the same order
  const said = short.words.filter((w) => !COMPLY.test(w));
  if (said.length < 3 || said.length === short.words.length || !said.every((w) => have.has(w))) return false;
  const pairs = new Set<string>();
  for (let k = 1; k < long.words.length; k++) pairs.add(`${long.words[k - 1]} ${long.words[k]}`);
  for (let k = 1; k < said.length; k++) if (!pairs.has(`${said[k - 1]} ${said[k]}`)) return false;
  return true;
}

// ── a sentence gathering two earlier ones ───────────────────────────────────────────────────────────
// "Scrivi un post per LinkedIn sul nostro nuovo prodotto. Tono professionale, massimo 150 parole. Il post
// deve essere su LinkedIn e parlare del nostro nuovo prodotto, con tono professionale." The last sentence
// says nothing the first two did not: every content word of it (five or more) is theirs.

/** Verbs that only carry a demand ("must", "be", "talk about"), in the languages above. */
const CARRIER_VERBS = new Set(
  (
    "deve devono dovrebbe debe deben debería doit doivent devrait muss müssen soll sollte moet moeten musi powinien powinna powinno " +
    "essere ser estar être sein zijn być olmalı parlare hablar parler falar sprechen trattare tratar traiter behandeln " +
    "sul sulla sullo sui sulle nel nella nei al alla allo ai agli dal dalla sur"
  ).split(" "),
);

function gatheredSentence(said: Said[]): [Span, Span] | null {
  const latin = said.filter((x) => !x.cjk && !x.negated).slice(0, 80);
  const words = latin.map((x) =>
    x.words.filter((w) => w.length > 1 && !FUNCTION_WORDS.has(w) && !CARRIER_VERBS.has(w)),
  );
  const sections = latin.map(() => 0);
  for (let j = 2; j < latin.length; j++) {
    const i = gatheredFrom(words, sections, j);
    if (i >= 0)
      return [
        { start: latin[i]!.start, end: latin[i]!.end },
        { start: latin[j]!.start, end: latin[j]!.end },
      ];
  }
  return null;
}
