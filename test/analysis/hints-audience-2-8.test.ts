// missing_audience_or_context (PF202) in the languages the English rules do not read: a short request for a
// piece people read, or a bare explanation, with no reader, purpose or occasion named. Any "for …" in the
// prompt's language, quoted material or a role keeps it quiet. Each case is a prompt written for this test.

import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";
import { HINT_KINDS } from "../../src/features/analysis/engine/rules/demotions.js";

const fires = (text: string) =>
  analyze(text).findings.some(
    (f) => f.kind === "missing_audience_or_context" && (f.severity !== "hint" || HINT_KINDS.has(f.kind)),
  );

describe("missing_audience_or_context in other languages", () => {
  it.each([
    "Schreib einen Blogartikel über Solaranlagen auf Mietshäusern.",
    "Escribe un artículo sobre el teletrabajo.",
    "Schrijf een e-mail over de nieuwe parkeerregels.",
    "Explica qué es una hipoteca inversa.",
  ])("fires on %j", (text) => {
    expect(fires(text)).toBe(true);
  });

  it.each([
    "Schreib einen Blogartikel über Solaranlagen für Vermieter in Berlin.",
    "Escribe un artículo sobre el teletrabajo para los nuevos empleados.",
    "Explique ce texte : « La photosynthèse transforme la lumière en énergie chimique. »",
    "次の文章を中学生にもわかるように説明してください。",
    "Traduis ce paragraphe en anglais : « Nous fermons à 18 h le vendredi. »",
  ])("stays quiet on %j", (text) => {
    expect(fires(text)).toBe(false);
  });
});
