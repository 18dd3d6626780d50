// Format and tone demands in the languages PF308 reads, for the subjects whose wording is formulaic: JSON
// asked for and forbidden ("Responde solo en JSON" … "No uses JSON"), a list asked for and lists forbidden
// ("Usa viñetas" … "sin listas, solo prosa"), emojis asked for and forbidden ("Ajoute des émojis" … "Sans
// émojis"), and a formal against a casual tone ("tono formal" … "tono desenfadado"). A demand is negated by a
// negation word a few words before it; a sentence stating a case is skipped by the caller.
import { matchesOf } from "../text.js";
import type { Span } from "../types.js";

export interface FormatDemand {
  subject: "json" | "lists" | "emoji" | "tone";
  value: string;
  span: Span;
  sentence: number;
}

/** A negation or "too" a few words before: "no uses", "sans", "ohne", "senza", "keine", "nie używaj", "trop". */
const NEGATED_BEFORE_RE =
  /(?<![\p{L}])(?:no|ni|nunca|jamás|sin|nada de|ne|n'|pas|jamais|sans|aucun\p{L}*|nicht|nie|niemals|kein\p{L}*|ohne|non|mai|senza|nessun\p{L}*|não|nunca|sem|nenhum\p{L}*|niet|nooit|geen|zonder|bez|żadn\p{L}*|hiç|trop|zu|demasiado|troppo|muito|te|evit\p{L}*|évit\p{L}*|vermeid\p{L}*|vermijd\p{L}*|unikaj\p{L}*|kaçın\p{L}*)(?:\s+\p{L}[\p{L}'’]*){0,3}\s*$/iu;
const JSON_RE = /(?<![\p{L}])json(?![\p{L}])/giu;
const LIST_RE =
  /(?<![\p{L}])(?:viñetas|listas?|puces|listes?|aufzählung\p{L}*|stichpunkt\p{L}*|elenc(?:o|hi) puntat[oi]|elenchi|punti elenco|marcadores|tópicos|opsommingstekens|opsomming\p{L}*|wypunktowani\p{L}*|punktor\p{L}*|madde işaret\p{L}*)(?![\p{L}])/giu;
/** "solo prosa", "uniquement en prose", "nur Fließtext", "apenas prosa": no list, said positively. */
const PROSE_ONLY_RE =
  /(?<![\p{L}])(?:solo|solamente|únicamente|seulement|uniquement|nur|soltanto|apenas|somente|alleen|tylko)\s+(?:en\s+|in\s+|em\s+)?(?:prosa|prose|fließtext|texto corrido|testo continuo|lopende tekst)(?![\p{L}])/giu;
const EMOJI_RE = /(?<![\p{L}])(?:emojis?|émojis?|emoticon\p{L}*|emotikon\p{L}*)(?![\p{L}])/giu;
const TONE_RE =
  /(?<![\p{L}])(?:tono|ton|tom|toon|registro|registre)\s+(?:\p{L}+\s+)?(formal|formel|formale|formeel|förmlich|sachlich|informal|informel|informale|informeel|décontracté|familier|locker|lässig|umgangssprachlich|colloquiale|descontraído|coloquial|desenfadado|luchtig|casual|jovial|relajado|détendu)(?![\p{L}])/giu;
const CASUAL =
  /^(?:informal|informel|informale|informeel|décontracté|familier|locker|lässig|umgangssprachlich|colloquiale|descontraído|coloquial|desenfadado|luchtig|casual|jovial|relajado|détendu)$/i;
const BULLETS_RE =
  /viñetas|puces|aufzählung|stichpunkt|puntat|punti elenco|marcadores|tópicos|opsommingstekens|wypunktowani|punktor|madde/iu;
const PLACE_OR_AMOUNT_RE =
  /(?<![\p{L}])(?:fuera|dentro|además|außerhalb|innerhalb|dehors|hors|fuori|oltre|fora|além|buiten|binnen|poza|dışında|(?:más|plus|mehr|più|mais|meer|więcej|menos|moins|weniger|meno|minder|mniej)\s+(?:de|d'|als|di|que|dan|niż))(?:\s+\p{L}+){0,2}\s*$/iu;
const READER_AFTER_RE =
  /^\s*(?:per|para|pour|für|bei|voor|dla|con|avec|mit|com|met|with|gegenüber|envers|hacia|verso)\s/iu;
const READER_LEAD_RE =
  /^\s*(?:(?:[-*•]|\d+[.)])\s*)?(?:per|para|pour|für|bei|voor|dla|con|avec|mit|com|met|with|en|in|nei|nas|nos|dans)\s[^,:]{1,60}[,:]/iu;
/** Inside pasted code or a schema, "json" names a field or a file, not the answer's format. */
const FILE_RE = /\.json|json-?(?:datei|file|fichier|archivo|bestand|plik)/i;

/** The format and tone demands of one sentence (`offset`: where it starts in the prompt). */
export function formatDemands(sentence: string, offset: number, index: number): FormatDemand[] {
  const out: FormatDemand[] = [];
  const push = (subject: FormatDemand["subject"], value: string, m: RegExpMatchArray) =>
    out.push({
      subject,
      value,
      span: { start: offset + m.index!, end: offset + m.index! + m[0].length },
      sentence: index,
    });
  const negated = (m: RegExpMatchArray) =>
    NEGATED_BEFORE_RE.test(sentence.slice(Math.max(0, m.index! - 40), m.index));
  // "nada fuera del JSON", "no más de un emoji": a place or an amount, not the thing forbidden
  const placed = (m: RegExpMatchArray) =>
    PLACE_OR_AMOUNT_RE.test(sentence.slice(Math.max(0, m.index! - 30), m.index));
  if (!FILE_RE.test(sentence))
    for (const m of matchesOf(sentence, JSON_RE)) if (!placed(m)) push("json", negated(m) ? "no" : "yes", m);
  for (const m of matchesOf(sentence, LIST_RE)) {
    if (placed(m)) continue;
    // "una lista de ideas" is a list of things, not bullets: only a bullet word asks for the list form
    if (negated(m)) push("lists", "no", m);
    else if (BULLETS_RE.test(m[0])) push("lists", "yes", m);
  }
  for (const m of matchesOf(sentence, PROSE_ONLY_RE)) push("lists", "no", m);
  for (const m of matchesOf(sentence, EMOJI_RE)) if (!placed(m)) push("emoji", negated(m) ? "no" : "yes", m);
  for (const m of matchesOf(sentence, TONE_RE)) {
    const adj = m[1]!;
    // "un ton pas trop formel", "kein zu förmlicher Ton": negated before the noun or before the adjective
    const inner = sentence.slice(m.index!, m.index! + m[0].length - adj.length);
    if (negated(m) || NEGATED_BEFORE_RE.test(inner)) continue;
    // "un tono formale per i clienti", "Per i colleghi, …": a tone for one reader, another may get another
    if (READER_AFTER_RE.test(sentence.slice(m.index! + m[0].length)) || READER_LEAD_RE.test(sentence))
      continue;
    push("tone", CASUAL.test(adj) ? "casual" : "formal", m);
  }
  return out;
}
