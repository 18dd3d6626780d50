// Malformed template variables ({{…}} placeholders): unbalanced or empty braces, invalid names, and
// {single} braces in a prompt whose other variables use doubles. A broken placeholder is sent to the model
// as literal braces instead of the value.
import { type Doc, matchesOf } from "../text.js";
import type { Finding, Span } from "../types.js";
import { finding, quote } from "./catalogue.js";
import type { RuleContext } from "./context.js";

// a name, a dotted path, a Handlebars parent path ("../period") or data variable ("@index"); a name may be
// in any script ("{{ユーザー入力}}", "{{имя}}"): the template engines accept letters of every language
const VALID_VAR =
  /^\s*(?:(?:\.\.\/)*[\p{L}_@][\p{L}\p{N}_.-]*|\.\.\.|…|[#/^>!&]\s*[A-Za-z_][\w.-]*(?:\s+[\w.-]+)*|else)\s*$/u;
/** Inside {{{triple}}} braces (Handlebars' unescaped output) a helper call with arguments is normal. */
const HELPER_CALL = /^\s*[A-Za-z_][\w.-]*(?:\s+[\w.@/"'-]+)+\s*$/;
/** "key: value, key: value": an object literal written in doubled braces, as JSX and some templates do. */
const OBJECT_LITERAL = /^\s*[A-Za-z_$][\w$]*\s*:\s*[^,:{}]+(?:,\s*[A-Za-z_$][\w$]*\s*:\s*[^,:{}]+)*,?\s*$/;
/** An expression of another template language ({{ a ? b : "c" }}, {{ f(x) }}, {{ x || 'y' }}, {{<expr>}}). */
const CODE_EXPRESSION = /[()?|&"'`<>=+*[\]]/;
/** Past this length a prompt is a specification, whose {single} words in other scripts are its own notation. */
const SHORT_TEMPLATE_CHARS = 1500;
const SINGLE_BRACE_RE = /(?<![{\\$])\{([\p{L}_][\p{L}\p{N}_]{0,40})\}(?!\})/gu;

export function templateVariables({ doc }: RuleContext, out: Finding[]): void {
  const { text } = doc;
  if (!text.includes("{{") && !text.includes("}}") && doc.vars.length === 0) return;
  const unbalanced: Span[] = [];
  const empty: Span[] = [];
  const invalid: Span[] = [];
  let openAt = -1;
  let tripleOpen = false;
  let i = 0;
  const n = text.length;
  let validCount = 0;
  let codeExpressions = 0;
  let jsonDepth = 0;
  // "{{" outside fenced code: a fenced example's placeholders do not make the prose a template
  let opened = false;
  const fence = fenceMask(doc);
  while (i < n - 1) {
    const c = text.charCodeAt(i);
    if (fence[i] === 1) {
      i++;
      continue;
    }
    if (c === 123 && text.charCodeAt(i + 1) === 123 && /^\{\{\s*["'[]/.test(text.slice(i, i + 40))) {
      // {{"key": …}}: JSON written with doubled braces (as in format strings), not a variable
      jsonDepth += 2;
      i += 2;
      continue;
    }
    if (c === 123 && text.charCodeAt(i + 1) === 123 && escapedInCode(text, i)) {
      // "\\text{{…}}" in a Python f-string: braces doubled to print one, code rather than a placeholder
      const close = text.indexOf("}}", i + 2);
      const eol = text.indexOf("\n", i);
      i = close >= 0 && (eol < 0 || close < eol) ? close + 2 : i + 2;
      continue;
    }
    if (c === 123 && text.charCodeAt(i + 1) === 123) {
      let j = i + 2;
      while (text.charCodeAt(j) === 123) j++; // {{{triple}}} is an unescaped variable
      if (openAt >= 0) unbalanced.push({ start: openAt, end: openAt + 2 });
      opened = true;
      openAt = i;
      tripleOpen = j - i >= 3;
      i = j;
      continue;
    }
    if (c === 125 && text.charCodeAt(i + 1) === 125) {
      let j = i + 2;
      while (text.charCodeAt(j) === 125) j++;
      if (openAt < 0 && jsonDepth >= j - i) {
        // the end of nested JSON objects ({"a": {"b": 1}}), not a template variable
        jsonDepth -= j - i;
        i = j;
        continue;
      }
      if (openAt < 0) unbalanced.push({ start: i, end: i + 2 });
      else {
        const inner = text.slice(openAt, i).replace(/^\{+/, "");
        const sp = { start: openAt, end: j };
        if (inner.trim() === "") empty.push(sp);
        // code, not a placeholder: a JSX attribute's object (style={{ width: 200 }}) or an object literal
        else if (/=\s*$/.test(text.slice(Math.max(0, openAt - 3), openAt)) || OBJECT_LITERAL.test(inner)) {
          // neither valid nor broken
        } else if (!VALID_VAR.test(inner) && !(tripleOpen && HELPER_CALL.test(inner))) {
          invalid.push(sp);
          if (CODE_EXPRESSION.test(inner.replace(/^\s*[#/^>!&]/, ""))) codeExpressions++;
        } else validCount++;
        openAt = -1;
      }
      i = j;
      continue;
    }
    if (c === 123) jsonDepth++;
    else if (c === 125 && jsonDepth > 0) jsonDepth--;
    if (c === 10 && openAt >= 0) {
      unbalanced.push({ start: openAt, end: openAt + 2 });
      openAt = -1;
    }
    i++;
  }
  if (openAt >= 0) unbalanced.push({ start: openAt, end: openAt + 2 });
  // a stray "}}" right after a quote, bracket or brace, in a prompt with no "{{", closes nested data
  if (!opened) {
    const data = unbalanced.filter((u) =>
      /["'”\]}\d]\s*$/.test(text.slice(Math.max(0, u.start - 3), u.start)),
    );
    if (data.length === unbalanced.length) unbalanced.length = 0;
  }
  // Two or more expressions in doubled braces: the prompt holds or documents another template language (a
  // pasted Vue component, a DSL's manual), whose braces, empty or open ones included, are not placeholders
  if (codeExpressions >= 2) return;
  // one PF701 finding per fault, each quoting at most six places
  const braces = (message: string, suggestion: string, spans: Span[]) => {
    if (spans.length > 0) out.push(finding("PF701", message, suggestion, spans.slice(0, 6)));
  };
  braces(
    `Unbalanced template braces at "${unbalanced[0] ? quote(doc, unbalanced[0]) : ""}": the variable will not be substituted.`,
    "Close every {{ with }} on the same line.",
    unbalanced,
  );
  braces(
    "Empty template variable {{}}: nothing will be substituted there.",
    "Name the variable, e.g. {{trial_days}}, or remove the braces.",
    empty,
  );
  // "{{your approach, including any methodologies}}", "{{add 2-3 more in the same format}}": a response
  // layout whose slots the model fills itself, one described in a phrase, not placeholders a template
  // engine reads (a prompt with ${variables} has an engine, and its {{slot with spaces}} stays broken)
  // "- **{{Metric Name}}**: its definition …": a label of a response layout, in a prompt with no variable a
  // template engine would fill, is a slot the model writes itself
  if (validCount === 0) invalid.splice(0, invalid.length, ...invalid.filter((sp) => !layoutLabel(text, sp)));
  if (invalid.length > 0 && !(!/\$\{\w+\}/.test(text) && invalid.some((sp) => describedSlot(text, sp))))
    out.push(
      finding(
        "PF702",
        `"${quote(doc, invalid[0]!)}" is not a valid variable name (letters, digits, _ . - only, no spaces).`,
        "Use snake_case names such as {{brand_name}}.",
        invalid.slice(0, 6),
      ),
    );
  // only a prompt with real {{variables}} makes a {single} look like a mistake
  if (validCount > 0) {
    const singles: Span[] = [];
    for (const m of matchesOf(text, SINGLE_BRACE_RE)) {
      if (fence[m.index] === 1 || isJsonLike(text, m.index)) continue;
      // "{禁止事項}" in a long specification names one of its sections or notions; in a short template
      // beside {{商品名}} it is a variable written with one brace
      if (/[^\p{ASCII}]/u.test(m[1]!) && text.length > SHORT_TEMPLATE_CHARS) continue;
      singles.push({ start: m.index, end: m.index + m[0].length });
    }
    // three names or more, or one name used again: the prompt's own notation for values the model keeps or
    // fills ("a variable named {turncounter} … each {turncounter}", "![image](…{scene},{mood})"), not a
    // variable written with one brace by mistake
    const names = new Set(singles.map((sp) => text.slice(sp.start, sp.end)));
    if (singles.length > 0 && names.size < 3 && names.size === singles.length)
      out.push(
        finding(
          "PF703",
          `"${quote(doc, singles[0]!)}" uses single braces while the prompt's other variables use {{double}} braces, so it will not be substituted.`,
          `Write it as {${quote(doc, singles[0]!)}}.`,
          singles.slice(0, 6),
        ),
      );
  }
}

/** Braces inside fenced code are code; inside quotes or tags they are still template syntax. */
function fenceMask(doc: Doc): Uint8Array {
  const m = new Uint8Array(doc.text.length);
  for (const b of doc.blocks) if (b.kind === "fence") m.fill(1, b.start, b.end);
  return m;
}

/** `{a}` directly inside a JSON-looking object literal is data, not a placeholder. */
function isJsonLike(text: string, i: number): boolean {
  return text.charAt(i - 1) === ":" || text.charAt(i - 2) === ":";
}

/**
 * A slot described in a phrase of five or more words ("{{rephrase my question with more context}}"), or a
 * sentence to send written in braces ("{{Your question '##' is too short. Can you say more?}}"): quotes
 * and a closing question mark are the sentence's own, not code.
 */
function describedSlot(text: string, sp: Span): boolean {
  const inner = text.slice(sp.start, sp.end).replace(/^\{+|\}+$/g, "");
  const prose = inner.replace(/['"‘’“”]/g, "").replace(/[?!.]\s*$/, "");
  return !CODE_EXPRESSION.test(prose) && (inner.match(/\p{L}+/gu) ?? []).length >= 5;
}

/** A slot opening a line of a layout, as its label: "- **{{Metric Name}}**: …", "## {{Section title}}". */
function layoutLabel(text: string, sp: Span): boolean {
  const lineStart = text.lastIndexOf("\n", sp.start - 1) + 1;
  if (
    !/^[ \t]*(?:(?:[-*•]|\d{1,2}[.)])[ \t]+)?(?:#{1,6}[ \t]+)?(?:\*\*|__)?$/.test(
      text.slice(lineStart, sp.start),
    )
  )
    return false;
  const after = text.slice(sp.end, sp.end + 8);
  return (
    /^(?:\*\*|__)?[ \t]*(?:[:：]|[-–—][ \t]|$|\n)/.test(after) &&
    /^[-*•#\d \t]/.test(text.slice(lineStart, sp.start + 1))
  );
}

/** "\\text{{", 'f"{{': doubled braces that print one brace in code (a LaTeX group inside a format string). */
function escapedInCode(text: string, i: number): boolean {
  const before = text.slice(Math.max(0, i - 40), i);
  if (/\\[A-Za-z]+$/.test(before)) return true;
  const line = text.slice(text.lastIndexOf("\n", i - 1) + 1, i);
  return /(?:^|[\s=([,])f["']/.test(line);
}
