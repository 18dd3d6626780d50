// The answer's form (PF201), its reader (PF202) and a sample of a house format (PF203) where the labelling
// guide raises them and the rules used to miss them, and the look-alikes where the form, the reader or the
// sample is given after all. Each case is a short prompt written for this test.

import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";
import type { FindingKind } from "../../src/features/analysis/engine/types.js";
import { reads } from "../helpers/analysis.js";

const counted = (text: string): Set<FindingKind> =>
  new Set(
    analyze(text)
      .findings.filter((f) => reads(f))
      .map((f) => f.kind),
  );
const FORM: FindingKind = "missing_output_format";

describe("in other languages, an explanation, an analysis or a plan with no form is found", () => {
  it.each([
    "Explica qué es la inflación subyacente.",
    "Объясни, как работает ипотека.",
    "Erklär mir, wie eine Wärmebildkamera funktioniert.",
    "Analise as respostas do formulário abaixo e me diga o que você encontrou.\n\nPergunta | Sim | Não\nVoltaria? | 64 | 36",
    "以下是各门店本月的退货数量。分析一下这些数据。\n\n门店 | 退货\n东区 | 14\n西区 | 31",
    "Prepara un piano di formazione per il nuovo magazziniere che inizia lunedì.",
    "Fais un rapport sur la consommation d'énergie de notre atelier en 2024.",
    "Schreib mir einen Text über Regenwassernutzung im Garten.",
    "Mach eine Wettbewerbsanalyse für unseren Fahrradladen in Leipzig.",
  ])("PF201 on %j", (text) => {
    expect(counted(text).has(FORM)).toBe(true);
  });
});

describe("in other languages, a form given, a verdict, code or a rewrite needs no form", () => {
  it.each([
    "Explica qué es la inflación subyacente en tres frases.",
    "Объясни, как работает ипотека, простыми словами.",
    "Analise a planilha abaixo e me dê uma tabela com os três maiores gastos.\n\nItem | Valor\nAluguel | 2.000",
    "Analizza questo contratto e dimmi se posso recedere prima di marzo.\n\n«Art. 3: durata di 12 mesi.»",
    "Analysiere diesen Code auf Fehler.\n\n```js\nconst x = a + b\n```",
    "Fais un rapport de 300 mots sur la consommation d'énergie de notre atelier.",
    "Réécris ce texte pour qu'il soit plus clair : « Le colis arrive. »",
    "Analysiere den Satz: Die Katze schläft.",
  ])("no PF201 on %j", (text) => {
    expect(counted(text).has(FORM)).toBe(false);
  });
});

describe("in English, a comparison, a summary of a subject or a plan named by its genre has no form", () => {
  it.each([
    "Compare Rust, Go and Zig for writing a small command-line tool.",
    "Write up a comparison of Redis and Memcached.",
    "Summarise recent research on intermittent fasting.",
    "Write a lesson plan on photosynthesis.",
    "Could you analyse the results of our staff poll? Here they are:\n\noption,votes\nMonday,12\nFriday,30\n\nThanks so much, you're a star!",
    "You are a world-class, award-winning, visionary growth strategist with unparalleled insight.\n\nCreate a launch plan for our budgeting app.",
  ])("PF201 on %j", (text) => {
    expect(counted(text).has(FORM)).toBe(true);
  });
});

describe("in English, a verdict, material, listed parts, a stated form or a real role shape the answer", () => {
  it.each([
    "Compare Rust and Go and tell me which one I should learn first.",
    "Compare the boiling points of water and ethanol.",
    "Compare the two offers below.\n\nOffer A: 42k, remote.\nOffer B: 48k, office.",
    "Compare Rust, Go and Zig for a small command-line tool in a table with one row per language.",
    "Summarise the article below in three bullets.\n\n<article>Rents rose 8% last year.</article>",
    "Summarise what you find in each search result.",
    "Write a lesson plan on photosynthesis with a starter, a practical and a short quiz.",
    "Assess our onboarding process.\n\nCover:\n- the first week\n- the buddy system\n- the 30-day review\n\nKeep it under 400 words.",
    "Act as a market analyst for a coffee chain. You will:\n- Analyze sales trends\n- Research competitors\n- Report risks",
  ])("no PF201 on %j", (text) => {
    expect(counted(text).has(FORM)).toBe(false);
  });

  it("takes an analysis that is one of many steps for a step, not the deliverable", () => {
    const text =
      "Ticket triage\nAnalyze open tickets across projects\n\nIdentify duplicate reports\n\nDetect recurring crash signatures\n\nPrioritize fixes by customer impact";
    expect(counted(text).has(FORM)).toBe(false);
  });

  it("reads an analysis inside a long brief as a step of the brief", () => {
    const steps = Array.from(
      { length: 16 },
      (_, i) => `Step ${i + 1}: check the photo for the lighting, framing and colour of area ${i + 1}.`,
    ).join("\n");
    const text = `Analyze the composition of the uploaded photo.\n${steps}\nThen render the same scene as a clay model.`;
    expect(counted(text).has(FORM)).toBe(false);
    expect(counted("Analyze the composition of this photo of our shop front.").has(FORM)).toBe(true);
  });

  it("takes a list of the parts to cover for the answer's structure", () => {
    const text =
      "Perform an analysis of our checkout flow.\n\nAnalyze:\n- Drop-off by step\n- Payment errors\n- Page speed\n\nProvide an assessment with recommendations.";
    expect(counted(text).has(FORM)).toBe(false);
  });
});

const EXAMPLES: FindingKind = "missing_examples_for_format_heavy_task";

describe("a house format, style or label scheme named in other words and never shown asks for a sample", () => {
  it.each([
    "Sort each customer comment into one of our twelve feedback buckets.\n\nComments: the app is slow; love the new icons.",
    "Assign every support e-mail one of the 9 intents from our routing sheet.",
    "Write the release notes in the team release-note format.",
    "Rewrite this welcome message to match the tone of our previous newsletters.\n\nMessage: Hi, welcome aboard.",
    "Answer these five customer questions following our editorial guidelines.\n\n1. Do you ship abroad?",
    "Name the new microservices according to our naming rules.",
  ])("PF203 on %j", (text) => {
    expect(counted(text).has(EXAMPLES)).toBe(true);
  });
});

describe("a house format only talked about, or a short label list, asks for no sample", () => {
  it.each([
    "You answer engineers' questions about our deployment conventions. Cite the runbook you used.",
    'Write a 200-word memo to the design team. Our style guide says "no exclamation marks", and I want to relax that rule.',
    "Write the product blurb as one paragraph, because our template only has a single text field.",
    "Classify each review into one of 3 categories: positive, negative, mixed.",
    "Sort these five tasks into today, this week and later.",
    "Design a landing page that reflects the client's brand\n- Format it as one scrolling page with three sections",
  ])("no PF203 on %j", (text) => {
    expect(counted(text).has(EXAMPLES)).toBe(false);
  });
});

const READER: FindingKind = "missing_audience_or_context";

describe("a place the topic moves to is no reader or occasion", () => {
  it.each([
    "Write a blog post about the benefits of switching to a four-day work week.",
    "Write an article on moving to the cloud. Around 900 words with three sections.",
  ])("PF202 on %j", (text) => {
    expect(counted(text).has(READER)).toBe(true);
  });

  it.each([
    "Write a speech about resilience for a primary-school assembly.",
    "Write a short speech about the wedding for the guests at the rehearsal dinner.",
    "Write an article on moving to the cloud for the finance team.",
  ])("no PF202 on %j", (text) => {
    expect(counted(text).has(READER)).toBe(false);
  });
});
