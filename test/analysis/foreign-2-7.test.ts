// What runs on prompts outside English since 2.7: a sentence said twice (PF403, compared by words after
// case, punctuation, list markers and the words that only press a demand are set aside; Chinese and
// Japanese by characters), pleasantries and hype written in French, Spanish, German, Portuguese and
// Italian (PF401, PF402); and short English prompts are no longer read as another language because of a
// word English shares. Each case is a prompt written for this test.

import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";

const kinds = (text: string) => analyze(text).findings.map((f) => f.kind);

describe("a repeated instruction is found in other languages", () => {
  it.each([
    "Eres el asistente de una librería de barrio. Responde siempre en menos de cien palabras.\nRecomienda como mucho tres libros por consulta.\nRecuerda: responde siempre en menos de cien palabras.",
    "Tu es l'assistant d'un club de randonnée. Ne donne jamais le numéro de téléphone des guides.\n- Propose des sorties adaptées au niveau de chacun.\n- Ne donne jamais le numéro de téléphone des guides !",
    "Du bist der Assistent einer Bäckerei. Nenne keine Preise ohne Rücksprache mit dem Team. Beantworte Fragen zu den Öffnungszeiten. Bitte nenne keine Preise ohne Rücksprache mit dem Team.",
    "请用英文回答。你是一个健身教练，为初学者制定一周的训练计划，每天不超过四十分钟。请务必用英文回答。",
  ])("fires on %j", (text) => {
    const r = analyze(text);
    expect(r.coverage).toBe("partial");
    expect(r.findings.filter((f) => f.kind === "duplicated_instruction")).toHaveLength(1);
  });

  it.each([
    // "do" and "do not" on one subject are two demands, not one said twice
    "Responde en español a los clientes de Madrid. No respondas en español a los clientes de Londres.",
    // two fields of a worked example under their labels
    "Clasifica cada reseña como positiva o negativa.\nEjemplo 1:\nReseña: el envío llegó tarde y roto\nEtiqueta: negativa\nEjemplo 2:\nReseña: el envío llegó tarde y roto\nEtiqueta: negativa",
    // the same words about two different things
    "Schreibe eine kurze Zusammenfassung des ersten Kapitels. Schreibe danach eine kurze Zusammenfassung des letzten Kapitels.",
    "用中文回答。你是一个旅游助手，帮助用户规划在西安的两天行程。用英文写出每个景点的名字。",
    // one long demand made for two named items
    "Prépare un courriel de relance poli et bref pour le fournisseur de papier de la succursale de Lyon. Prépare un courriel de relance poli et bref pour le fournisseur de papier de la succursale de Nantes.",
  ])("leaves alone %j", (text) => {
    expect(kinds(text)).not.toContain("duplicated_instruction");
  });
});

describe("filler is found in French, Spanish, German, Portuguese and Italian", () => {
  it.each([
    "Bonjour ! J'espère que vous allez bien. Je suis vraiment désolé de vous déranger, et je vous remercie infiniment pour votre aide. Pouvez-vous traduire cette phrase en anglais : « Le train part à huit heures » ? Encore mille fois merci !",
    "¡Hola! Espero que estés muy bien. Perdón por molestarte otra vez, de verdad, mil gracias de antemano. Si no es mucha molestia, ¿puedes resumir este párrafo en dos frases? Eres un sol.",
    "Hallo! Ich hoffe, es geht Ihnen gut. Entschuldigen Sie, dass ich Sie störe. Könnten Sie mir eine Einkaufsliste für ein Abendessen für vier Personen schreiben? Tausend Dank, Sie sind ein Schatz!",
    "Olá! Espero que esteja bem. Desculpe pelo incômodo, mas você pode escrever uma legenda curta para uma foto de praia? Mil obrigado, você é incrível!",
    "Ciao! Spero che tu stia bene. Scusa per il disturbo, potresti scrivere tre idee per una cena vegetariana? Grazie mille davvero, sei un angelo!",
    "Tu es un consultant de classe mondiale, primé, visionnaire, révolutionnaire et de renommée mondiale. Rédige un plan marketing.",
  ])("fires on %j", (text) => {
    const r = analyze(text);
    expect(r.coverage).toBe("partial");
    expect(r.findings.filter((f) => f.kind === "excessive_length_or_filler")).toHaveLength(1);
  });

  it.each([
    // one greeting and one thanks around a request are courtesy
    "Bonjour, pouvez-vous résumer ce rapport en cinq points ? Merci !",
    "Hola, ¿puedes traducir este correo al inglés? Muchas gracias.",
    "Hallo, bitte fasse den folgenden Text in drei Sätzen zusammen. Danke!",
    // a letter the user asks for, with its pleasantries quoted as material
    'Écris une lettre de remerciement à ma tante. Commence par : "J\'espère que tu vas bien, je te remercie infiniment pour le cadeau, tu es formidable."',
    // one award named as a fact is not hype
    "Rédige la biographie d'une cheffe primée qui ouvre un restaurant à Lyon.",
  ])("leaves alone %j", (text) => {
    expect(kinds(text)).not.toContain("excessive_length_or_filler");
  });
});

describe("spans are exact offsets in the prompt", () => {
  it("quotes the cue itself after a letter whose lower case is longer", () => {
    const text =
      "Bonjour de İzmir ! J'espère que vous allez bien. Désolé de vous déranger. Pouvez-vous résumer ce texte en trois phrases ? Mille fois merci !";
    const f = analyze(text).findings.find((x) => x.kind === "excessive_length_or_filler");
    expect(f?.spans.map((s) => text.slice(s.start, s.end).toLowerCase())).toContain("mille fois merci");
  });
});

describe("short English prompts stay English", () => {
  it.each([
    "Is pasta vegan?",
    "Compare Rust e Go.",
    "Pros e cons of remote work?",
    "Create a SQL query for sales por region.",
    "Q3 revenue, EMEA vs APAC. Marketing spend per channel. Headcount by team.",
    "Cliente: Acme Corp\nData: 2024-05-01\nTotal: 1200\nStatus: open\n\nSummarize the record.",
  ])("reads %j as English", (text) => {
    const r = analyze(text);
    expect(r.language).toBe("en");
    expect(r.coverage).toBe("full");
  });

  it.each([
    ["Eres el asistente de reservas del Hotel Brisa en Málaga. Responde siempre en español.", "es"],
    ["Scrivi una poesia breve sul mare.", "it"],
    ["Décris la situation actuelle.", "fr"],
    ["Schreib eine kurze E-Mail an meinen Chef.", "de"],
  ])("still reads %j as %s", (text, lang) => {
    expect(analyze(text).language).toBe(lang);
  });
});
