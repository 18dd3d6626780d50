// The answer's reader (PF202) and examples of a house format (PF203), as the labelling guide raises them:
// in the languages the English rules do not read, where the topic of a piece passes for its purpose, and
// where a format is shown or known after all; and the answers other languages give a form. Each case is a
// prompt written for this test.

import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";
import type { FindingKind } from "../../src/features/analysis/engine/types.js";

const kinds = (text: string): Set<FindingKind> => new Set(analyze(text).findings.map((f) => f.kind));
const FORM: FindingKind = "missing_output_format";
const READER: FindingKind = "missing_audience_or_context";
const EXAMPLES: FindingKind = "missing_examples_for_format_heavy_task";

describe("in other languages, a piece with no reader is found", () => {
  it.each([
    "Escribe un artículo sobre la energía solar en casa.",
    "Rédige un e-mail pour annoncer le nouveau règlement du parking : deux places par équipe.",
    "Schreib einen Blogbeitrag über Lastenräder.",
    "Schrijf een nieuwsbrief over de verbouwing van de kantine.",
    "写一篇关于远程办公的文章。",
    "Bana yapay zekâ hakkında bir makale yaz.",
  ])("PF202 on %j", (text) => {
    expect(kinds(text).has(READER)).toBe(true);
  });
});

describe("in other languages, a reader, a reason, a stated form or a rewrite is respected, and no form is asked", () => {
  it.each([
    "Escribe un artículo de 600 palabras para los lectores de nuestro blog de jardinería sobre cómo podar rosales.",
    "Écris un e-mail à mon propriétaire pour lui demander de réparer le chauffage.",
    "Schreib eine kurze Rede für die Hochzeit meiner Schwester.",
    "Напиши письмо коллегам о переезде офиса в понедельник.",
    "新しいカフェのブログ記事を書いてください。対象は近所に住む子育て中の家族です。",
    "Escreva um post para o LinkedIn anunciando nossa nova sede, para clientes e parceiros, até 100 palavras.",
    "Aşağıdaki ürün açıklamalarını yeniden yaz.\n\n1. Seramik kupa, 350 ml.",
    "Tu es l'assistant de rédaction de la mairie. Écris des articles pour le bulletin municipal.",
  ])("no PF202 on %j", (text) => {
    expect(kinds(text).has(READER)).toBe(false);
  });

  it.each([
    "Explícame cómo funciona una hipoteca, en un párrafo breve.",
    "Explique-moi la photosynthèse simplement, comme à un enfant.",
    "Analysiere die folgenden Verkaufszahlen und gib mir eine Tabelle mit den drei wichtigsten Trends.\n\nMonat | Umsatz\nJan | 10",
    "Analiza el sentimiento de esta reseña: «Llegó tarde, pero funciona genial».",
    "Analyse ce contrat et dis-moi si je peux le résilier avant juin.\n\n« Article 4 : le contrat est conclu pour un an. »",
    "Relatório de vendas — março. Região Sul: +12%. Região Norte: −3%.",
  ])("no PF201 on %j", (text) => {
    expect(kinds(text).has(FORM)).toBe(false);
  });
});

describe("in English, the topic of a piece is not its purpose and a compliment is not a role", () => {
  it.each([
    "Write a nice blog post about our company's Series A funding round.",
    "Write an email announcing that we're moving to the new office. Make it nice and not too long.",
    "Write a 600-word blog post about {{topic}}. Include a title and three subheadings.",
    "write some posts about the launch for our socials, make them good",
  ])("PF202 on %j", (text) => {
    expect(kinds(text).has(READER)).toBe(true);
  });

  it.each([
    "Write a blog post about {{topic}} for {{audience}}.",
    "Write an email to our customers announcing that the store moves to Main Street on 1 May.",
    "Write a speech for my grandmother's 90th birthday party. Make it funny.",
    "Write a 5-minute speech about resilience for a primary-school assembly.",
    "Write a LinkedIn post announcing our Series A: $12M led by Northwind, hiring 20 engineers in Lisbon.",
  ])("no PF202 on %j", (text) => {
    expect(kinds(text).has(READER)).toBe(false);
  });
});

describe("PF203 stays quiet when the format is shown or known", () => {
  it.each([
    'Extract the name and order date from the email below and return them in our schema: {"name": string, "order_date": "YYYY-MM-DD"}.\n\n<email>Hi, Dana here, I ordered on 3 March.</email>',
    "Export the contacts below in our CSV format with the columns id, full_name, email, company.\n\n1. Ana Lopez, ana@x.example",
    "Log each incident in our format: `<date> | <service> | <severity> | <summary>`.\n\nIncidents: the API was down for 12 minutes on 3 May.",
    "Format the dates in our standard format, ISO 8601 (YYYY-MM-DD).",
    "Answer in our company's tone of voice: friendly, direct, no emojis.",
    'Rewrite the headlines below in our house style. Two headlines we published last week:\n- "Rent is up. Here\'s what you can still afford."\n- "The bus is late again. We asked why."\n\nHeadlines to rewrite:\n1. City Council Approves New Budget',
    "Write three captions in our brand voice. Our voice is warm, direct, a little cheeky and never stiff.",
    "Convert the table below to Markdown, keeping the same structure as the original.\n\n| a | b |\n| 1 | 2 |",
    'Classify each review as positive, negative, neutral, mixed, spam or off-topic. Output only the label.\n\nReview: "Arrived late but works great."',
  ])("no PF203 on %j", (text) => {
    expect(kinds(text).has(EXAMPLES)).toBe(false);
  });

  it.each([
    "Write 20 item descriptions in the same format as the rest of our item database.",
    'Label each review below with our 12-label scheme in the compact notation the dashboard ingests.\n\n1. "Love it"',
    "Rédige les messages de commit ci-dessous en suivant notre convention maison.\n\n1. Correction du calcul de TVA",
    "Write three captions in our brand voice, which is the one we've always used.",
  ])("PF203 on %j", (text) => {
    expect(kinds(text).has(EXAMPLES)).toBe(true);
  });
});
