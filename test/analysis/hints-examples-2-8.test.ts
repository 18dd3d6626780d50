// missing_examples_for_format_heavy_task (PF203): the author's own format or style named and never shown is
// read in the other languages the engine detects too, and a format read by a program ("the harness format",
// "our inline bracket markup") counts; a format shown by an example, or a standard one, is left alone. Each
// case is a prompt written for this test.

import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";
import { reads } from "../helpers/analysis.js";

const fires = (text: string) =>
  analyze(text).findings.some((f) => f.kind === "missing_examples_for_format_heavy_task" && reads(f));

describe("missing_examples finds a format of the author's own left unshown", () => {
  it.each([
    "Rédige les annonces des trois appartements ci-dessous dans notre format interne pour le site. 1. T2, 45 m², Lyon 7e. 2. T3, 62 m², Villeurbanne. 3. Studio, 22 m², Lyon 3e.",
    "Schreib die Pressemitteilung im Hausstil unseres Verlags über die neue Buchreihe für Kinder.",
    "Genera las fichas de los productos en el formato de importación de nuestra tienda online: sillas, mesas y lámparas.",
    "Zet de onderstaande bestellingen om naar ons eigen verzendformaat voor het magazijn.",
    "아래 고객 문의를 우리 회사 고유의 보고서 양식으로 정리해 줘.",
    "Write the verdict for each patch in the harness format, then the rationale codes in the order the parser expects.",
    "Mark up the contract clauses below with our inline bracket markup for the legal team.",
  ])("fires on %j", (text) => {
    expect(fires(text)).toBe(true);
  });
});

describe("missing_examples leaves alone a format that is shown or standard", () => {
  it.each([
    "Rédige les annonces dans notre format interne, par exemple : « T2 | 45 m² | Lyon 7e | 890 € ».",
    "Fasse die Notizen im Format unseres Teams zusammen, also als JSON mit den Feldern Datum und Thema.",
    "Schreib eine kurze Zusammenfassung des Artikels in drei Sätzen.",
  ])("stays quiet on %j", (text) => {
    expect(fires(text)).toBe(false);
  });
});
