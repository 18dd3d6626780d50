// What the vague-word readings add at 2.9: short requests in other languages ("Escribe algunos consejos",
// "Schreib ein paar gute Tipps", "いい感じにいくつか考えて"), "recent" with no time span, a directive
//  after a lead-in and a colon, judgements joined by "and", one item of a list of
// things asked for, and an item of a list of things wanted; and what they leave alone. Each case is a prompt written for
// this test.

import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";
import { reads } from "../helpers/analysis.js";

const vague = (text: string) =>
  analyze(text).findings.filter((f) => f.kind === "vague_quantifier" && reads(f));
// In other languages the reading is PF107, reported as a hint until its blind precision reaches 0.90.
const foreignVague = (text: string) =>
  analyze(text).findings.filter((f) => f.rule === "PF107" && f.severity === "hint");

describe("vague_quantifier in short requests in other languages", () => {
  it.each([
    "Escribe algunos consejos para preparar una entrevista de trabajo.",
    "Dame unas cuantas ideas para el cumpleaños de mi hermana.",
    "Schreib ein paar gute Slogans für unsere neue Fahrradwerkstatt.",
    "Donne-moi quelques idées de sorties pour un week-end pluvieux à Lyon.",
    "Crie algumas perguntas para um quiz sobre a história do Brasil.",
    "Scrivi qualche frase di benvenuto per il sito del nostro agriturismo.",
    "Geef een paar tips om beter te slapen.",
    "Napisz kilka pomysłów na prezent dla taty.",
    "Kahvaltı için birkaç tarif öner.",
    "Придумай несколько названий для кофейни.",
    "给我一些学习日语的建议。",
    "新しいカフェの名前をいくつか考えてください。",
    "회사 워크숍 아이디어 몇 가지 알려 줘.",
    "Rendi questo testo un po' più breve: {{testo}}",
  ])("fires on %j, as a hint", (text) => {
    expect(foreignVague(text).length).toBeGreaterThan(0);
    expect(vague(text)).toHaveLength(0);
  });

  it.each([
    // a number bounds the amount
    "Escribe algunos (3) consejos para preparar una entrevista de trabajo.",
    // a length in numbers is given
    "Schreib eine kurze Zusammenfassung des Artikels in höchstens 80 Wörtern: {{artikel}}",
    // a genre's size, not a length left open
    "Schreib eine kurze Einladung zu meinem Geburtstag am Samstag um 19 Uhr.",
    // a greeting and a sign-off
    "Buenos días. Traduce al inglés: {{texto}}",
    // the right answer among given ones
    "Indique la bonne réponse : A, B ou C ? Quelle est la capitale de l'Australie ?",
    // a condition: what a user brings
    "Si el cliente pide algunos descuentos, dile que escriba a ventas@ejemplo.com. Responde en español.",
    // a fact of the writer's, then a precise request
    "Wir haben einige Kunden in Österreich. Übersetze diese Zeile ins Österreichische Deutsch: {{zeile}}",
    // a role description
    "Eres un buen profesor de química. Explica la ley de Boyle en tres frases.",
    // quoted material to correct
    "Corrige les fautes : « Les résultat sont bonne et l'équipe a travailler dur. »",
    // "these few" points at things named
    "请把这几个句子翻译成英文：我喜欢咖啡。我每天跑步。",
  ])("leaves alone %j", (text) => {
    expect(vague(text)).toHaveLength(0);
    expect(foreignVague(text)).toHaveLength(0);
  });
});

describe("vague_quantifier in English requests", () => {
  it.each([
    "Give our sales team an overview of recent changes to EU packaging rules.",
    "Tell me about recent progress in solid-state batteries.",
    "Release notes and commit messages: keep them short. Bump the version to 2.4.1 and tag the release.",
    "Write the error message shown when an upload fails. Keep it clear and nice.",
    "I need a packing list for a week in Iceland, a good name for my hiking blog, and a haiku about rain.",
    "three things before Friday:\n- some ideas for the team lunch\n- explain what a p-value is",
  ])("fires on %j", (text) => {
    expect(vague(text).length).toBeGreaterThan(0);
  });

  it.each([
    "Summarise the most recent entry in the changelog below in one sentence.\n\nChangelog:\n- 2.4.1: fixed the upload timeout.",
    "Give an overview of AI regulations passed since 2023 that affect HR software, in five bullets.",
    "If the user asks about recent releases, point them to the changelog page. Answer in two sentences.",
    "Write a short follow-up email to Dana thanking her for the interview.",
    "Write a short speech for my sister's wedding, about two minutes long.",
    "Thanks, nice work on the draft. Now translate it into French: {{draft}}",
  ])("leaves alone %j", (text) => {
    expect(vague(text)).toHaveLength(0);
  });
});
