// Techniques in the 2.8 readings: reasoning requests in more wordings (think it over, reason it out,
// explain how you got there, a plan before the tool calls, each option weighed before the pick, the
// working in Spanish and German), multi-step tasks read from a total over several figures, a bug to
// find, a best option to pick or a rota to draw up — and the task verb "work out …" or "the first
// part" no longer read as a request to reason.
import { describe, expect, it } from "vitest";
import { analyzeInternal } from "../../src/features/analysis/engine/analyze.js";

const reasoning = (text: string) => analyzeInternal(text).techniques.reasoning;

describe("reasoning requests in more wordings", () => {
  it.each([
    "Our team of 6 covers a support rota from 8:00 to 20:00, Monday to Saturday, nobody over 40 hours. Propose a rota. Think it over carefully before you commit to an answer.",
    "Figure out why this Python function returns None for some inputs. Reason it out before suggesting a fix.\n\n```python\ndef f(x):\n    if x > 0:\n        return x\n```",
    "A train leaves at 14:05 and covers 210 km at 84 km/h; another leaves at 14:35 at 105 km/h. Which arrives first? Explain how you got there, then state the answer.",
    "Is this argument valid? All managers attend the meeting; Sara attends the meeting; so Sara is a manager. Let's think about it carefully.",
    "Calculate the monthly repayment on a 250,000 loan at 4.1% over 25 years. Write out each intermediate value so I can check it.",
    "Which of the four candidates best fits the senior role? Evaluate each against the criteria, then rank them.",
    "Estimate how many piano tuners work in Chicago. Break the estimate into its factors and give a number for each.",
    "Which of our 3 suppliers is cheapest for 500 units once shipping is included? Make a plan first, then do the sums.",
    "Before calling any tool, write a short plan: which tools, in what order, and why. Then find which warehouse can ship 250 units of SKU 88 by Friday.",
    "Decide if this card transaction is fraudulent. Use a scratchpad to reason first, then output FRAUD or OK.",
    "Calcula cuánto pagará el cliente: 3 camisas a 25 €, descuento del 20 % y envío de 4,90 €. Explica tu razonamiento antes de dar el total.",
    "Berechne die Gesamtkosten: 4 Tickets à 39 €, 10 % Rabatt, 2,50 € Gebühr. Erkläre zuerst deinen Rechenweg, dann das Ergebnis.",
  ])("credits %j on a multi-step task", (text) => {
    const r = reasoning(text);
    expect(r.applicable).toBe(true);
    expect(r.present).toBe(true);
  });

  it.each([
    // the task verb is not a request to show the working
    "Work out how many full boxes of 24 we can ship from 1,000 units after 7% breakage. Answer with one number.",
    // "the first part", "a first-year student": an ordinal, not an order of work
    "Explain the first law of thermodynamics to a first-year student and list two everyday examples.",
    // checking before sharing or generating is a procedure, not reasoning
    "List each action item as one bullet and get the user's confirmation before you start generating.",
    "Always encourage users to review and verify the generated content before sharing it.",
  ])("does not credit %j", (text) => expect(reasoning(text).present).toBe(false));
});

describe("multi-step tasks read from what they ask", () => {
  it.each([
    'A customer buys 3 jackets at €89 each and 2 scarves at €24 each. Jackets are 20% off and shipping is €6.50. Give the total as "Total: €X.XX".',
    "Find the bug in this SQL query that double counts orders.\n\n```sql\nSELECT o.id, SUM(i.qty) FROM orders o JOIN items i ON i.order_id = o.id JOIN refunds r ON r.order_id = o.id GROUP BY o.id;\n```",
    "Pick the cheapest route for the delivery van among the four below.\n\nA: 42 km, 2 tolls\nB: 38 km, 3 tolls\nC: 51 km, 0 tolls\nD: 45 km, 1 toll",
    "Draw up a weekend rota for our 5 baristas so that every shift has two people.",
  ])("reads %j as multi-step", (text) => expect(reasoning(text).applicable).toBe(true));

  it.each([
    "Write an email to my team to schedule a meeting next Tuesday at 10:00 about the Q3 roadmap.",
    "Convert these 4 dates to ISO format: 3 March 2024, 12/05/2023, 7 Jan 22, 2021-6-9.",
    "Write a LinkedIn post announcing our 5-year anniversary, 120 customers and 3 new offices.",
    "Rewrite this product description to sound friendlier. Keep it under 80 words.",
  ])("reads %j as one step", (text) => expect(reasoning(text).applicable).toBe(false));
});

const priming = (text: string) => analyzeInternal(text).techniques.output_priming.present;

describe("output priming in more shapes", () => {
  it.each([
    "Summarise the ticket below in one sentence for the on-call engineer.\n\nTicket: Checkout fails with a 502 whenever the basket has more than 40 items.\n\n<summary>",
    "Write the SQL that returns the ten customers with the highest lifetime spend from orders(customer_id, total).\n\nSQL: SELECT",
    "Turn the notes into a numbered list of action items.\n\nNotes: Ana to fix login; Ben to email legal; ship v2 Friday.\n\n1)",
    'Write a commit message for the diff below.\n\ndiff: - timeout = 30 + timeout = 60\n\nCommit message:\n"',
    "Continue the story in the same voice.\n\nThe lighthouse keeper had not seen a ship in eleven years, and on the morning the fog lifted he",
    "Rewrite the paragraph in plain English for a 12-year-old reader.\n\nParagraph: Photosynthesis is the process by which autotrophs convert light energy into chemical energy.\n\nPlain version: Plants",
    "Fix the query below so it counts each order once.\n\nQuery: SELECT COUNT(*) FROM orders o JOIN items i ON i.order_id = o.id\n\nSure, here is the corrected query:",
  ])("credits %j", (text) => expect(priming(text)).toBe(true));

  it.each([
    // a description of the answer, not its opening
    "Write a product description for our hiking boot.\nOutput: JSON with keys name and blurb",
    "You are a helpful assistant that writes release notes.\nAnswer: in bullet points, grouped by area",
    // the last example, complete, or the material itself at the end
    "Classify the reviews.\n\nReview: Great battery.\nSentiment: positive",
    "Translate the answers into German.\n\nAnswer: Paris is the capital.\nAnswer: Rome is the capital",
    "Explain the attached contract clauses to a tenant.\n\n<document>",
    "Rewrite the sentence more formally.\n\nSentence: gonna be late, sorry",
    "Draft a reply to the customer.\nTone: friendly\nLength: under 120 words",
  ])("does not credit %j", (text) => expect(priming(text)).toBe(false));
});

const template = (text: string) => analyzeInternal(text).techniques.format_template.present;

describe("format templates in more wordings", () => {
  it.each([
    "Review the pull request. Reply using exactly these headings: Summary, Risks, Suggested changes.",
    "Describe the hotel for the listing. Fill in this outline:\n- Headline (max 8 words)\n- Three selling points\n- One line on location",
    "Return one line per product in the form: SKU | name | price in EUR",
    "Write the release note in the following shape:\n## What's new\n- ...\n## Fixes\n- ...",
    "Summarise the call for the CRM.\n\nCustomer: ...\nProblem: ...\nNext step: ...",
    "Responde con este formato:\nProducto: ...\nProblema: ...\nPrioridad: alta/media/baja",
    "以下の形式で回答してください。\n件名：\n要点：",
    "Resume la reunión con esta plantilla:\n\nFecha: <día>\nAcuerdos: <lista>\n\n<notas>{{notas}}</notas>",
    "Write the incident summary for the status page.\n\nImpact: <who is affected>\nCause: <one sentence>\n\n<incident>{{incident}}</incident>",
    "Fasse das Protokoll nach folgender Struktur zusammen: Entscheidungen, Verantwortliche, Fristen.",
  ])("credits %j", (text) => expect(template(text)).toBe(true));

  it.each([
    "Review the pull request and list the risks you see, most serious first.",
    "Write a short, friendly release note for version 2.3 that mentions the faster search.",
    "Summarise the call for the CRM in three sentences: what the customer wants, the problem, the next step.",
    "Summarise the call for the CRM in three sentences.\n\n<call>{{call}}</call>",
  ])("does not credit %j", (text) => expect(template(text)).toBe(false));
});
