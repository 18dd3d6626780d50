// A demand said again outside English in a form the sentence comparison missed (PF403 since 2.8): the head
// of a sentence said again without its reason, a two-word directive said twice, one Chinese clause said
// again, a Korean demand said again with other endings, one length limit said twice, a named standard to
// follow said again. Each case is a prompt written for this test.

import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";

const repeats = (text: string) => analyze(text).findings.filter((f) => f.kind === "duplicated_instruction");

describe("a demand said again in another language is found", () => {
  it.each([
    'Aşağıdaki e-postayı Almancaya çevir. Kısa cümleler kur, çünkü okuyucular dil öğreniyor.\n\n"{{eposta}}"\n\nKısa cümleler kur.',
    "Schrijf een nieuwsbrief over de nieuwe bibliotheek.\nGebruik opsommingstekens.\nNoem de openingstijden.\nGebruik opsommingstekens.",
    "请为{{菜名}}写两段菜单介绍。\n要求：每段不超过40个字，突出食材产地。\n每段都不要超过40个字。",
    '아래 회의록을 짧게 정리해 줘.\n\n"{{회의록}}"\n\n정리는 짧게 해 줘.',
    "Résume l'article ci-dessous pour la lettre interne.\n- 80 mots maximum.\n- Ton neutre.\n- Pas plus de 80 mots.\n\n{{article}}",
    "Rédige trois annonces pour nos ateliers en suivant le guide de style de Maison Verte. Respecte le guide de style de Maison Verte.",
  ])("fires once on %j", (text) => {
    const r = analyze(text);
    expect(r.coverage).toBe("partial");
    expect(r.findings.filter((f) => f.kind === "duplicated_instruction")).toHaveLength(1);
  });

  it.each([
    // two limits with different numbers
    "Escribe un titular y una entradilla. El titular, 10 palabras como máximo. La entradilla, 40 palabras como máximo.",
    // one rule and its opposite case
    "Antworte auf Deutsch. Wenn der Kunde auf Englisch schreibt, antworte nicht auf Deutsch.",
    // example fields under labels
    '리뷰에서 언급된 측면을 뽑아 줘.\n\n리뷰: "배송이 빨라요."\n측면: 배송\n\n리뷰: "배송이 빨라요, 가격도 좋아요."\n측면: 배송, 가격\n\n리뷰: "{{review}}"',
    // two different short directives
    "Schrijf een blog over fietsen in de stad.\nGebruik tussenkopjes.\nGebruik voorbeelden.",
    // the same subject, two different demands
    "请为新品写一段介绍。介绍要突出价格优势。介绍不要提到竞争对手。",
  ])("leaves alone %j", (text) => {
    expect(repeats(text)).toHaveLength(0);
  });
});
