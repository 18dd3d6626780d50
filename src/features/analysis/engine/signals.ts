// Linguistic signals extracted once per prompt and shared by the rules, the scorer and the enhancer:
// the task clauses and their objects, audience and context cues, output-format cues, constraints,
// examples, role and success criteria — each with the span that evidences it.

import {
  AUDIENCE_NOUNS,
  AUDIENCE_SENSITIVE_VERBS,
  DOMAIN_OF,
  FORMAT_VERBS,
  FORMED_GENRES,
  META_VERBS,
  STOPWORDS,
  TASK_VERBS,
  TRANSFORM_VERBS,
  W_BUZZ,
  W_FILLER,
  W_GENERIC,
  W_META,
  W_PRONOUN,
  W_STOP,
  W_TASK,
  W_VAGUE_ADJ,
  W_VAGUE_Q,
  WORD_FLAGS,
} from "./lexicon.js";
import {
  AUDIENCE_RE,
  CONSTRAINT_RE,
  EXAMPLE_RE,
  EXPLAIN_VERBS,
  FORMAT_CUE_RE,
  hasExampleHint,
  LENGTH_CUE_RE,
  LIST_LINE_RE,
  NEGATIVE_CONSTRAINT_RE,
  NUMBER_WORDS,
  PURPOSE_RE,
  READER_GENRES,
  ROLE_FOREIGN_RE,
  ROLE_RE,
  SECTION_LINE_RE,
  SLOT_SECTION,
  SUCCESS_RE,
} from "./signal-cues.js";
import {
  asWritten,
  CLAUSE_END,
  DELIVERABLE_DETERMINERS,
  FRAMED_ADVERBS,
  FRAMED_META,
  HEAD_ONLY_SKIPS,
  INTRO_HEADS,
  LIST_AFTER_COLON_RE,
  MAX_CLAUSE_STARTS,
  NOT_ASKED,
  OBJECT_END,
  ONE_ALSO_AND,
  ONE_CAN_COULD,
  ONE_I_IM,
  ONE_I_WE,
  ONE_ID_WED,
  ONE_IN_WITH,
  ONE_MODAL,
  ONE_NEED_WANT,
  ONE_NOT_NT,
  ONE_PLEASE_KINDLY,
  ONE_TASK_JOB,
  ONE_TELL_SHOW,
  ONE_WE_OUR,
  ONE_WHICH_WHAT,
  ONE_WILL_LL,
  requestFrameAt,
  SKIP_BEFORE_VERB,
  SWITCH_HEADS,
} from "./task-words.js";
import {
  countParagraphs,
  type Doc,
  MASK_CONTENT,
  MASK_INSTRUCTION,
  MASK_SLOT,
  matchesOf,
  type Sentence,
  TOKEN_NUMBER,
  TOKEN_VAR,
  TOKEN_WORD,
  type Token,
} from "./text.js";
import type { Span } from "./types.js";

export { FORMAT_CUE_RE, LENGTH_CUE_RE } from "./signal-cues.js";

export interface TaskClause {
  /** Token index of the verb (or of the first word of a question/request). */
  verb: number;
  verbLower: string;
  sentence: number;
  /** 2: concrete object; 1: pronoun or vague object; 0: generic object or none. */
  strength: number;
  kind: "imperative" | "request" | "question";
  /** Content words of the clause after the verb (lower case, light stemming). */
  words: string[];
  /** Content words of the direct object only (up to the first preposition or relative word). */
  object: string[];
  domains: string[];
  span: Span;
  /** The clause opens with a switch marker ("Also", "And", "Oh,"). */
  switched: boolean;
}

export interface Signals {
  tasks: TaskClause[];
  bestTaskStrength: number;
  /** Span of the first task verb. */
  taskSpan: Span | null;
  /** Index of the first instruction sentence containing a task. */
  firstTaskSentence: number;
  /** How many instruction sentences come before the first task (−1 when there is none). */
  sentencesBeforeTask: number;
  audience: Span | null;
  audienceSensitive: boolean;
  purpose: Span | null;
  background: Span | null;
  format: Span | null;
  /** The format is stated in words ("as a table"), not only implied by the genre ("a tweet"). */
  formatExplicit: boolean;
  /** Content words in the richest task clause (how much the task itself says). */
  taskDetail: number;
  length: Span | null;
  constraints: Span[];
  examples: Span | null;
  role: Span | null;
  success: Span | null;
  /** Attached material: pasted blocks, input variables. */
  input: Span | null;
  delimitedInput: boolean;
  /** Specific details: numbers, quoted literals, named entities, inline code, variables. */
  details: Span[];
  /** Distinct specific content words in the instructions (saturating credit; buzzwords and vague words excluded). */
  contentWords: number;
  /** Slot credit per checklist category when only a placeholder stands there. */
  slotFor: Set<string>;
  instructionWords: number;
  words: number;
  sentenceCount: number;
  instructionSentences: number;
  sections: number;
  listItems: number;
  paragraphs: number;
  transformOnly: boolean;
  openGenerative: boolean;
  negativeConstraints: number;
}

const UPPER_RE = /\p{Lu}/u;
function isUpper(c: number): boolean {
  if (c < 128) return c >= 65 && c <= 90;
  return UPPER_RE.test(String.fromCharCode(c));
}

export function stem(word: string): string {
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

/** The first match of `re` in `text` as a span; safe for global patterns (lastIndex is reset). */
export function firstMatch(re: RegExp, text: string): Span | null {
  re.lastIndex = 0;
  const m = re.exec(text);
  re.lastIndex = 0;
  return m ? { start: m.index, end: m.index + m[0].length } : null;
}

function allMatches(re: RegExp, text: string, limit = 50): Span[] {
  const out: Span[] = [];
  re.lastIndex = 0;
  for (const m of matchesOf(text, re)) {
    if (m[0].length === 0) continue;
    out.push({ start: m.index, end: m.index + m[0].length });
    if (out.length >= limit) break;
  }
  return out;
}

export function isContentWord(t: Token): boolean {
  return (t.type === TOKEN_WORD || t.type === TOKEN_NUMBER) && !STOPWORDS.has(t.lower) && t.lower.length > 1;
}

/** Finds task clauses: imperatives at clause starts, "I need/want you to …", "can you …", questions. */
function findTasks(doc: Doc): TaskClause[] {
  const { tokens, sentences } = doc;
  const tasks: TaskClause[] = [];
  for (let si = 0; si < sentences.length; si++) {
    const s = sentences[si]!;
    if (!s.instruction || s.head < 0) continue;
    const last = tokens[s.t1 - 1];
    const isQuestion = last?.lower === "?";
    const starts: Array<{ at: number; switched: boolean; fronted?: boolean; frame?: boolean }> = [
      { at: s.head, switched: false },
    ];
    const introduced = INTRO_HEADS.has(tokens[s.head]!.lower);
    for (let i = s.head + 1; i < s.t1 - 1; i++) {
      const t = tokens[i]!;
      if (introduced && (t.lower === "," || t.lower === "—" || t.lower === "–")) {
        // past a quote closing the fronted phrase and a "please": 'As the "Prompt Helper," use …',
        // "As a personal trainer, please generate …"
        let k = i + 1;
        if (tokens[k]?.lower === '"' || tokens[k]?.lower === "”") k++;
        while (ONE_PLEASE_KINDLY.has(tokens[k]?.lower ?? "") && k < i + 3) k++;
        const next = tokens[k]?.lower ?? "";
        if (
          (t.mask === MASK_INSTRUCTION || k > i + 1) &&
          (TASK_VERBS.has(next) ||
            META_VERBS.has(next) ||
            // "As an expert, you should ask …": a request frame after the fronted phrase
            (next === "you" && ONE_MODAL.has(tokens[k + 1]?.lower ?? "")))
        ) {
          starts.push({ at: k, switched: false, fronted: true });
          continue;
        }
      }
      if (t.mask !== MASK_INSTRUCTION) continue;
      // "for now on I want you to act as …", "In order to …, I need you to …": a request frame later on
      if (requestFrameAt(tokens, i, s.head)) {
        if (starts[starts.length - 1]!.at !== i) starts.push({ at: i, switched: false, frame: true });
        continue;
      }
      if (
        t.lower === ";" ||
        ((t.lower === "and" || t.lower === "then" || t.lower === "also") && tokens[i - 1]?.lower !== "and")
      ) {
        starts.push({ at: i + 1, switched: t.lower === "also" });
      }
    }
    if (starts.length > MAX_CLAUSE_STARTS) starts.length = MAX_CLAUSE_STARTS;
    let sentenceHasTask = false;
    for (const { at, switched: midSwitch, fronted, frame } of starts) {
      const found = taskAt(doc, s, at, isQuestion && at === s.head);
      if (!found) continue;
      // a question clause mid-sentence is not a request, but "As my tutor, explain how …" is
      if (at !== s.head && found.kind === "question" && !fronted) continue;
      // mid-sentence clauses must be real imperatives ("and draft an email"), not coordinated nouns
      if (at !== s.head && !frame && !TASK_VERBS.has(found.verbLower)) continue;
      const head = tokens[s.head]!;
      const switched = midSwitch || (at === s.head && SWITCH_HEADS.test(head.lower));
      // the fields written out in the order a spread would copy them (a spread per task cost more)
      tasks.push({
        verb: found.verb,
        verbLower: found.verbLower,
        strength: found.strength,
        kind: found.kind,
        words: found.words,
        object: found.object,
        domains: found.domains,
        span: found.span,
        sentence: si,
        switched,
      });
      sentenceHasTask = true;
    }
    if (!sentenceHasTask && isQuestion) {
      const q = clauseObject(doc, s, s.head);
      tasks.push({
        verb: s.head,
        verbLower: tokens[s.head]!.lower,
        sentence: si,
        strength: q.strength,
        kind: "question",
        words: q.words,
        object: q.object,
        domains: q.domains,
        span: { start: tokens[s.head]!.start, end: tokens[s.head]!.end },
        switched: ONE_ALSO_AND.has(tokens[s.head]!.lower),
      });
    }
  }
  return tasks;
}

function taskAt(
  doc: Doc,
  s: Sentence,
  at: number,
  question: boolean,
): Omit<TaskClause, "sentence" | "switched"> | null {
  const { tokens } = doc;
  let i = at;
  while (i < s.t1 && (SKIP_BEFORE_VERB.has(tokens[i]!.lower) || tokens[i]!.lower === ",")) i++;
  // "You are a counsellor, please attach …": after "please" the next word is a verb by its place
  const pleaded = at !== s.head && tokens.slice(at, i).some((t) => t.lower === "please");
  // "Only generate …" opening a sentence (mid-sentence it qualifies the clause before)
  if (i === s.head && HEAD_ONLY_SKIPS.has(tokens[i]?.lower ?? "")) i++;
  // a manner adverb before the verb: "Briefly summarize …", "Fully digest the input", "Carefully read …"
  const adverb = tokens[i]?.lower ?? "";
  if (adverb.length > 4 && adverb.endsWith("ly") && TASK_VERBS.has(tokens[i + 1]?.lower ?? "")) i++;
  const w = (k: number) => asWritten(tokens[k]?.lower ?? "");
  let kind: TaskClause["kind"] = "imperative";
  // after "I want you to", "your role is to", "you will/should/must": the next word is a verb by its place,
  // whether or not the task-verb list knows it ("I want you to craft …", "You should narrate …")
  let framed = pleaded;
  // "can/could/would/will you (please) VERB", "I need/want you to VERB", "your task is to VERB", "help me VERB"
  if (ONE_CAN_COULD.has(w(i)) && w(i + 1) === "you") {
    i += 2;
    while (ONE_PLEASE_KINDLY.has(w(i))) i++;
    kind = "request";
    framed = true;
  } else if (ONE_I_WE.has(w(i)) && ONE_NEED_WANT.has(w(i + 1))) {
    let k = i + 2;
    if (w(k) === "like" || w(k) === "love") k++;
    if (w(k) === "you" && w(k + 1) === "to") {
      i = k + 2;
      kind = "request";
      framed = true;
    } else if (/^(a|an|some|the|help|your|\d+)$/.test(w(k)) || tokens[k]?.type === TOKEN_NUMBER) {
      // "I need a cover letter for …": a request for a thing
      const obj = clauseObject(doc, s, k);
      if (obj.words.length === 0) return null;
      return requestFor(obj, i + 1, w(i + 1), span(tokens, i, i + 2));
    } else return null;
  } else if (w(i) === "you" && ONE_WILL_LL.has(w(i + 1))) {
    framed = ONE_MODAL.has(w(i + 1)) || w(i + 2) === "to";
    i += 2;
    if (w(i) === "to") i++;
    // "you are going to / gonna act like …" says what the model will do, as "you will" does
    else if (w(i - 1) === "are" && (w(i) === "gonna" || (w(i) === "going" && w(i + 1) === "to"))) {
      i += w(i) === "gonna" ? 1 : 2;
      framed = true;
    }
    kind = "request";
  } else if (w(i) === "you'll" || w(i) === "you'd") {
    // "You'll speak with warmth" is "you will speak"; "you'd" may be "you had"
    framed = w(i) === "you'll";
    i += 1;
    kind = "request";
  } else if (ONE_ID_WED.has(w(i)) && w(i + 1) === "like" && w(i + 2) === "you" && w(i + 3) === "to") {
    i += 4;
    kind = "request";
    framed = true;
  } else if (
    (w(i) === "your" || w(i) === "the") &&
    ONE_TASK_JOB.has(w(i + 1)) &&
    w(i + 2) === "is" &&
    w(i + 3) === "to"
  ) {
    i += 4;
    framed = true;
  } else if (w(i) === "help" && w(i + 1) === "me") {
    const k = w(i + 2) === "to" ? i + 3 : i + 2;
    if (TASK_VERBS.has(w(k))) i = k;
    else {
      return requestFor(clauseObject(doc, s, i + 2), i, "help", span(tokens, i, i + 2));
    }
  } else if (w(i) === "let's" || (w(i) === "let" && w(i + 1) === "us")) {
    i += w(i) === "let's" ? 1 : 2;
    framed = true;
  } else if (question) {
    return null;
  }
  // "You will always …", "You must carefully …" ("reply", "apply" end in -ly too: known verbs are not skipped)
  if (framed) {
    while (FRAMED_ADVERBS.has(w(i))) i++;
    if (w(i).length > 4 && w(i).endsWith("ly") && !TASK_VERBS.has(w(i)) && !META_VERBS.has(w(i))) i++;
  }
  const verb = tokens[i];
  if (!verb || verb.mask !== MASK_INSTRUCTION || verb.type !== TOKEN_WORD) return null;
  const v = verb.lower;
  const framedVerb =
    framed &&
    !TASK_VERBS.has(v) &&
    (!META_VERBS.has(v) || FRAMED_META.has(v)) &&
    !NOT_ASKED.has(v) &&
    !STOPWORDS.has(v) &&
    /^[a-z][a-z-]+$/.test(v);
  // "Think of a reply …", "think up three names": coming up with something is the task
  const thinkOf = v === "think" && (w(i + 1) === "of" || w(i + 1) === "up");
  if (framedVerb || thinkOf) return requestFor(clauseObject(doc, s, i + 1), i, v, span(tokens, i, i + 1));
  if (v === "make" && (w(i + 1) === "sure" || w(i + 1) === "certain")) return null;
  if (v === "do" && ONE_NOT_NT.has(w(i + 1))) return null;
  if (!TASK_VERBS.has(v)) {
    if (!META_VERBS.has(v)) return null;
    const answering = v === "answer" || v === "respond" || v === "reply";
    // "Output a table of …", "Present the best possible result": a determiner after the verb makes it a
    // deliverable; "Output in JSON", "Return only the code" stay format
    const delivers =
      FORMAT_VERBS.has(v) && v !== "format" && v !== "structure" && DELIVERABLE_DETERMINERS.has(w(i + 1));
    if (FORMAT_VERBS.has(v) && !answering && !delivers) return null;
    if (kind !== "request" && answering && ONE_IN_WITH.has(w(i + 1))) return null;
    if (!answering && !delivers) {
      // "Use the data below to compute …": the task is the infinitive
      for (let k = i + 1; k < s.t1 - 1; k++) {
        if (w(k) === "to" && TASK_VERBS.has(w(k + 1)) && tokens[k + 1]!.mask === MASK_INSTRUCTION) {
          const obj = clauseObject(doc, s, k + 2);
          return {
            verb: k + 1,
            verbLower: w(k + 1),
            strength: obj.strength,
            kind,
            words: obj.words,
            object: obj.object,
            domains: obj.domains,
            span: span(tokens, k + 1, k + 2),
          };
        }
      }
      return null;
    }
  }
  // "tell me which service failed", "explain why …": an embedded question, answered in prose
  const k0 = w(i + 1) === "me" || w(i + 1) === "us" ? i + 2 : i + 1;
  if (ONE_TELL_SHOW.has(v) && ONE_WHICH_WHAT.has(w(k0))) kind = "question";
  const obj = clauseObject(doc, s, i + 1);
  return {
    verb: i,
    verbLower: v,
    strength: obj.strength,
    kind,
    words: obj.words,
    object: obj.object,
    domains: obj.domains,
    span: span(tokens, i, i + 1),
  };
}

/** A request for a thing rather than an action ("I need a cover letter …", "help me with my essay"). */
function requestFor(
  obj: ReturnType<typeof clauseObject>,
  verb: number,
  verbLower: string,
  at: Span,
): Omit<TaskClause, "sentence" | "switched"> {
  const { strength, words, object, domains } = obj;
  return { verb, verbLower, strength, kind: "request", words, object, domains, span: at };
}

function span(tokens: Token[], a: number, b: number): Span {
  return { start: tokens[a]!.start, end: tokens[Math.max(a, b - 1)]!.end };
}

function clauseObject(
  doc: Doc,
  s: Sentence,
  from: number,
): { strength: number; words: string[]; object: string[]; domains: string[] } {
  const { tokens } = doc;
  const words: string[] = [];
  const object: string[] = [];
  let inObject = true;
  const domains = new Set<string>();
  let concrete = false;
  let weak = false;
  for (let k = from; k < s.t1; k++) {
    const t = tokens[k]!;
    if (t.type !== TOKEN_WORD && t.type !== TOKEN_NUMBER && t.type !== TOKEN_VAR && CLAUSE_END.has(t.lower))
      break;
    if (t.type === TOKEN_VAR || t.mask === MASK_CONTENT || t.mask === MASK_SLOT) {
      concrete = true;
      continue;
    }
    if (k > from && (t.lower === "and" || t.lower === "also") && TASK_VERBS.has(tokens[k + 1]?.lower ?? ""))
      break;
    if (t.type === TOKEN_NUMBER) {
      concrete = true;
      continue;
    }
    if (t.type !== TOKEN_WORD) {
      if (t.lower === "," || t.lower === ":" || t.lower === "(") inObject = inObject && object.length === 0;
      continue;
    }
    const l = t.lower;
    if (OBJECT_END.has(l) && object.length > 0) inObject = false;
    const flags = WORD_FLAGS.get(l) ?? 0;
    if (flags & W_PRONOUN) {
      weak = true;
      continue;
    }
    if (flags & W_STOP || l.length < 2) continue;
    const st = stem(l);
    const dom = DOMAIN_OF.get(l) ?? DOMAIN_OF.get(st);
    if (dom) domains.add(dom);
    words.push(st);
    if (inObject) object.push(st);
    if (flags & NOT_OBJECT) {
      weak = weak || (flags & (W_VAGUE_Q | W_VAGUE_ADJ)) !== 0;
      continue;
    }
    concrete = true;
  }
  // "Summarize:" followed by pasted material, or "write:" followed by a list of the pieces: the material
  // or the list is the object
  if (
    !concrete &&
    doc.tokens[from]?.lower === ":" &&
    (doc.blocks.some((b) => b.start >= doc.tokens[from]!.end) ||
      LIST_AFTER_COLON_RE.test(doc.text.slice(doc.tokens[from]!.end, doc.tokens[from]!.end + 12)))
  )
    concrete = true;
  return { strength: concrete ? 2 : weak ? 1 : 0, words, object, domains: [...domains].sort() };
}

export function isBuzz(word: string): boolean {
  return ((WORD_FLAGS.get(word) ?? 0) & W_BUZZ) !== 0;
}

const NOT_DISTINCT = W_STOP | W_GENERIC | W_VAGUE_ADJ | W_VAGUE_Q | W_BUZZ | W_META | W_TASK | W_FILLER;
const NOT_OBJECT = W_GENERIC | W_VAGUE_ADJ | W_VAGUE_Q | W_BUZZ;

export function extractSignals(doc: Doc): Signals {
  const { tokens, sentences, text } = doc;
  const lower = doc.instructionLower;
  const tasks = findTasks(doc);
  let bestTaskStrength = -1;
  let firstTaskSentence = -1;
  let taskSpan: Span | null = null;
  for (const t of tasks) {
    if (t.strength > bestTaskStrength) bestTaskStrength = t.strength;
    if (firstTaskSentence < 0 && t.strength > 0) {
      firstTaskSentence = t.sentence;
      taskSpan = t.span;
    }
  }
  if (!taskSpan && tasks[0]) {
    taskSpan = tasks[0].span;
    firstTaskSentence = tasks[0].sentence;
  }

  let sentencesBeforeTask = -1;
  if (firstTaskSentence >= 0) {
    sentencesBeforeTask = 0;
    for (let i = 0; i < firstTaskSentence; i++) if (sentences[i]!.instruction) sentencesBeforeTask++;
    // a task under its own "Task" heading is easy to find wherever the section sits
    const ts = sentences[firstTaskSentence]!;
    let heading = "";
    for (const m of doc.markup)
      if (m.end <= ts.start && !m.name.startsWith("/")) heading = m.name.replace(/^#+\s*/, "");
    if (heading === "task" || heading === "instructions") sentencesBeforeTask = 0;
  }
  let words = 0;
  let instructionWords = 0;
  const distinct = new Set<string>();
  const details: Span[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === TOKEN_WORD || t.type === TOKEN_NUMBER || t.type === TOKEN_VAR) {
      words++;
      if (t.mask === MASK_INSTRUCTION) {
        instructionWords++;
        const l = t.lower;
        if (
          distinct.size < 64 &&
          t.type === TOKEN_WORD &&
          l.length > 2 &&
          ((WORD_FLAGS.get(l) ?? 0) & NOT_DISTINCT) === 0
        )
          distinct.add(stem(l));
      }
    }
    if (details.length >= 40 || t.mask !== MASK_INSTRUCTION) continue;
    if (
      t.type === TOKEN_NUMBER ||
      (t.type === TOKEN_WORD && NUMBER_WORDS.has(t.lower) && isContentWord(tokens[i + 1] ?? t))
    ) {
      details.push({ start: t.start, end: t.end });
    } else if (t.type === TOKEN_WORD && i > 0 && isUpper(text.charCodeAt(t.start))) {
      // a capitalised word that does not open a sentence or line: a name
      const prev = tokens[i - 1]!;
      const sentenceStart = sentences[t.sentence]?.head === i || prev.lower === ":" || t.newline;
      if (!sentenceStart && !ONE_I_IM.has(t.lower) && prev.lower !== ".")
        details.push({ start: t.start, end: t.end });
    }
  }
  // quoted literals and inline code inside instruction sentences
  for (const b of quotedInline(doc)) if (details.length < 40) details.push(b);
  for (const v of doc.vars) if (details.length < 40) details.push(v);

  const constraints = allMatches(CONSTRAINT_RE, lower, 30);
  const negativeConstraints = allMatches(NEGATIVE_CONSTRAINT_RE, lower, 30).length;
  const explicitFormat = firstMatch(FORMAT_CUE_RE, lower);
  const format = explicitFormat ?? genreFormat(doc, tasks);
  let taskDetail = 0;
  for (const t of tasks) if (t.strength > 0) taskDetail = Math.max(taskDetail, new Set(t.words).size);
  const length = firstMatch(LENGTH_CUE_RE, lower);
  const examples =
    (hasExampleHint(doc.lower) ? firstMatch(EXAMPLE_RE, doc.lower) : null) ?? exampleBlock(doc);
  const role = firstMatch(ROLE_RE, lower) ?? firstMatch(ROLE_FOREIGN_RE, lower);
  const success = firstMatch(SUCCESS_RE, lower);
  const audience = firstMatch(AUDIENCE_RE, lower) ?? audienceByNoun(doc);
  const purpose = firstMatch(PURPOSE_RE, lower);
  const background = backgroundSentence(doc);

  let input: Span | null = null;
  let delimitedInput = false;
  // A labelled "Question:" is the query, not the material: beside material pasted as plain prose it
  // sets nothing off.
  let plainProse = false;
  let queryOnly = false;
  for (const b of doc.blocks) {
    input ??= { start: b.start, end: b.end };
    if (b.kind === "introduced") plainProse = true;
    else if (b.kind === "labelled" && (b.name === "question" || b.name === "query")) queryOnly = true;
    else if (b.kind !== "data") delimitedInput = true;
  }
  if (queryOnly && !plainProse) delimitedInput = true;
  if (!input) {
    for (const v of doc.vars) {
      input = v;
      break;
    }
  }

  const slotFor = new Set<string>();
  for (const m of doc.markup) {
    const cat = SLOT_SECTION[m.name.replace(/^#+\s*/, "")];
    if (!cat) continue;
    // the section body holds only placeholders: credit it as a slot, not as the thing itself
    const bodyEnd = nextMarkupStart(doc, m.end);
    let hasSlot = false;
    let hasInstruction = false;
    for (let i = m.end; i < bodyEnd; i++) {
      const c = doc.mask[i];
      if (c === MASK_SLOT) hasSlot = true;
      else if (c === MASK_INSTRUCTION && /\S/.test(text[i] ?? "")) {
        hasInstruction = true;
        break;
      }
    }
    if (hasSlot && !hasInstruction) slotFor.add(cat);
  }
  for (const s of doc.slots) {
    const body = text.slice(s.start, s.end).toLowerCase();
    if (/\b(audience|reader)/.test(body)) slotFor.add("audience");
    if (/\b(format|length|structure)/.test(body)) slotFor.add("format");
    // a pending choice between two stated requirements is a decision left to the author
    if (body.startsWith("[fill in: choose between")) {
      slotFor.add("format");
      slotFor.add("constraints");
    }
    if (/\b(constraint|must|limit)/.test(body)) slotFor.add("constraints");
    if (/\bexample/.test(body)) slotFor.add("examples");
    if (/\b(role|expertise|persona)/.test(body)) slotFor.add("role");
    if (/\b(success|criteri|good answer)/.test(body)) slotFor.add("success");
    if (/\b(text|material|input|item|refers)/.test(body)) slotFor.add("input");
  }

  let sections = 0;
  for (const m of matchesOf(doc.text, SECTION_LINE_RE))
    if (doc.mask[m.index + m[0].search(/\S/)] !== MASK_CONTENT) sections++;
  sections = Math.max(sections, doc.markup.filter((m) => !m.name.startsWith("/")).length / 2);
  let listItems = 0;
  for (const m of matchesOf(doc.text, LIST_LINE_RE))
    if (doc.mask[m.index + m[0].search(/\S/)] === MASK_INSTRUCTION) listItems++;
  const paragraphs = countParagraphs(doc.text);

  let instructionSentences = 0;
  for (const s of sentences) if (s.instruction) instructionSentences++;

  const concreteTasks = tasks.filter((t) => t.strength > 0);
  const transformOnly =
    concreteTasks.length > 0 &&
    concreteTasks.every((t) => TRANSFORM_VERBS.has(t.verbLower) || t.kind === "question");
  const openGenerative = concreteTasks.some(
    (t) =>
      t.kind !== "question" &&
      !t.domains.includes("code") &&
      !t.object.some((w) => FORMED_GENRES.has(w) || FORMED_GENRES.has(`${w}s`)) &&
      (AUDIENCE_SENSITIVE_VERBS.has(t.verbLower) ||
        /^(analy[sz]e|discuss|research|compare|list|plan|help|do|look)$/.test(t.verbLower)),
  );
  const audienceSensitive = concreteTasks.some(
    (t) =>
      !t.domains.includes("code") &&
      (EXPLAIN_VERBS.has(t.verbLower) ||
        (AUDIENCE_SENSITIVE_VERBS.has(t.verbLower) && t.object.some((w) => READER_GENRES.has(w)))),
  );

  return {
    tasks,
    contentWords: distinct.size,
    bestTaskStrength: Math.max(0, bestTaskStrength),
    taskSpan,
    firstTaskSentence,
    sentencesBeforeTask,
    audience,
    audienceSensitive,
    purpose,
    background,
    format,
    formatExplicit: explicitFormat !== null,
    taskDetail,
    length,
    constraints,
    examples,
    role,
    success,
    input,
    delimitedInput,
    details,
    slotFor,
    instructionWords,
    words,
    sentenceCount: sentences.length,
    instructionSentences,
    sections,
    listItems,
    paragraphs,
    transformOnly,
    openGenerative,
    negativeConstraints,
  };
}

function nextMarkupStart(doc: Doc, from: number): number {
  let best = doc.text.length;
  for (const m of doc.markup) if (m.start >= from && m.start < best) best = m.start;
  return best;
}

function quotedInline(doc: Doc): Span[] {
  const out: Span[] = [];
  const { mask, text } = doc;
  let i = 0;
  const n = text.length;
  while (i < n && out.length < 20) {
    if (mask[i] === MASK_CONTENT && (i === 0 || mask[i - 1] !== MASK_CONTENT)) {
      let j = i;
      while (j < n && mask[j] === MASK_CONTENT) j++;
      if (j - i < 200 && !text.slice(i, j).includes("\n")) out.push({ start: i, end: j });
      i = j;
    } else i++;
  }
  return out;
}

/** A formed genre as the task object ("write three tweets") states the output format. */
function genreFormat(doc: Doc, tasks: TaskClause[]): Span | null {
  for (const t of tasks) {
    const s = doc.sentences[t.sentence]!;
    for (let k = t.verb + 1; k < Math.min(s.t1, t.verb + 8); k++) {
      const tok = doc.tokens[k]!;
      if (FORMED_GENRES.has(tok.lower) && tok.mask === MASK_INSTRUCTION)
        return { start: tok.start, end: tok.end };
    }
  }
  return null;
}

function exampleBlock(doc: Doc): Span | null {
  for (const b of doc.blocks)
    if (/^(examples?|samples?|example input|input \d+)$/.test(b.name)) return { start: b.start, end: b.end };
  return null;
}

const RECIPIENT_RE =
  /\b(?:email|e-mail|letter|note|message|reply|memo|speech|toast|response|sms|text)\s+to\s+(?:my|our|the|a|an|all|each|every)?\s*[\w'-]+/g;

/** "for/to (a|our|my …) <people noun>" within a few words, or the recipient of a message. */
function audienceByNoun(doc: Doc): Span | null {
  const { tokens } = doc;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.mask !== MASK_INSTRUCTION || (t.lower !== "for" && t.lower !== "to")) continue;
    for (let k = i + 1; k < Math.min(tokens.length, i + 6); k++) {
      const w = tokens[k]!;
      if (w.type !== TOKEN_WORD || w.mask !== MASK_INSTRUCTION) break;
      if (AUDIENCE_NOUNS.has(w.lower)) return { start: t.start, end: w.end };
    }
  }
  return doc.instructionLower.includes(" to ") ? firstMatch(RECIPIENT_RE, doc.instructionLower) : null;
}

/** A declarative instruction sentence (not a task, constraint or question) of some length gives background. */
function backgroundSentence(doc: Doc): Span | null {
  const { tokens, sentences } = doc;
  for (const s of sentences) {
    if (!s.instruction || s.head < 0) continue;
    const head = tokens[s.head]!.lower;
    if (TASK_VERBS.has(head) || META_VERBS.has(head) || tokens[s.t1 - 1]?.lower === "?") continue;
    let content = 0;
    for (let i = s.t0; i < s.t1; i++)
      if (isContentWord(tokens[i]!) && tokens[i]!.mask === MASK_INSTRUCTION) content++;
    if (content >= 4 && ONE_WE_OUR.has(head)) return { start: s.start, end: s.end };
  }
  return null;
}
