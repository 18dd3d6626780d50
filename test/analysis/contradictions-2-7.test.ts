// Contradictions read by what each demand is about: a bound named by its own part within a sentence
// ("flyer = 60 words; SMS = under 40 characters"), a negation inside a condition, one element kept in
// colour as the exception to a monochrome picture, and a gradient between two colours as colour. Each
// example is written for this test: a tempting quiet case next to one that must fire.

import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";

const contradictions = (text: string) =>
  analyze(text)
    .findings.filter((f) => f.kind === "contradiction")
    .map((f) => f.rule);

const QUIET: Array<[string, string]> = [
  [
    "bounds named by their parts in one sentence",
    "You write launch copy for a bakery. For each item we send the name and the channel. Write the copy for that channel: flyer = 60–90 words; SMS = under 40 characters; poster headline = up to 6 words.",
  ],
  [
    "a bound on a button's text",
    "Write a reminder e-mail to members whose gym pass ends this week.\n\n- Length: 80–110 words plus a subject line under 45 characters.\n- One button text, max 3 words.\n- Friendly, no guilt-tripping.",
  ],
  [
    "a negation inside a condition",
    "The notes below are in English. Answer the question in Italian, in at most three sentences, using only the notes. If they don't answer it, say so in Italian.\n\n<notes>\n1. The pool opens at 7:00 on weekdays and 9:00 at weekends.\n2. Lane swimming needs a booking.\n</notes>\n\nQuestion: When does the pool open on Saturday?",
  ],
  [
    "one element in colour as the exception",
    "Street photograph of a rainy crossing at dusk, black and white, everything monochrome except the child's umbrella, which stays a vivid red, 35mm, shallow depth of field.",
  ],
  [
    "a list of things to avoid that does not name tables",
    "Our help widget shows raw text. Never use asterisks, pound signs or emojis. When you compare plans, present them as a table with one row per plan.",
  ],
  [
    "a comparison with no rival named",
    "You are the assistant of a bike shop. Never mention other shops by name. When a customer hesitates between two of our own bikes, give them a side-by-side comparison of the two models (weight, gears, price).",
  ],
  [
    "general knowledge allowed and marked",
    "Answer the engineer's question from the manual excerpts below. When the excerpts are incomplete, you may add what you know about pumps, but flag those sentences as outside the manual.\n\n<excerpts>\nThe P-20 pump primes in 30 seconds.\n</excerpts>\n\nQuestion: How long does the P-20 take to prime?",
  ],
  [
    "reading files without asking is a permission",
    "You are an agent with shell access to a build server. Never delete anything without first showing me the command and waiting for my yes. You may read logs and list directories without asking.",
  ],
  [
    "one sentence for one part, the length for another clause",
    "请用一句话概括这本书的主题。另外，如果读者要求详细书评，可以写不少于800字。",
  ],
  [
    "every feature covered in a long answer",
    "Write the catalogue entry for our new rice cooker in 250–350 words. Cover every feature from the list and never leave any out.",
  ],
  [
    "a scoped demand next to a scoped prohibition",
    "You clean a CSV of orders.\n1. Drop rows where the total is empty.\n2. Do not drop rows from the audit month — they are needed for the audit.\n3. Write the result to clean.csv.",
  ],
  [
    "the reply's language for one case",
    "You answer questions for a ferry company. Respond in English unless the passenger writes in another language; then respond in the language the passenger writes in.",
  ],
  [
    "numbered steps with no rule against lists",
    "You answer questions about our accounting app. Answer in numbered steps whenever the user asks how to do something, and keep other answers to short paragraphs.",
  ],
  [
    "a forbidden name only in the condition",
    "You are the assistant of an online record shop. Never mention Discogs, even if the customer does. If a customer says a record is cheaper on Discogs, tell them we match prices on request.",
  ],
  [
    "a second count of other items",
    "Give me 5 name ideas for a bakery in Leeds. Then pick the best one and give me 3 slogans for it.",
  ],
  [
    "an answer structure inside a word limit it fits",
    "You explain lab results to patients.\n\nStructure of every answer:\n1. A paragraph on what the test measures.\n2. A bulleted list of the values that are out of range.\n3. A closing paragraph on what to ask the doctor.\n\nKeep the whole answer under 250 words.",
  ],
  [
    "sources for one kind of question, own knowledge for another",
    "You answer questions for a backup product using the search_docs tool.\n\n1. For questions about our product, call search_docs and answer only from the returned passages.\n2. For general questions about backups, answer from your own knowledge.",
  ],
];

const FIRES: Array<[string, string]> = [
  [
    "sources for every question, then own knowledge",
    "You answer questions for a backup product using the search_docs tool.\n\n1. For every question about our product, call search_docs first and answer only from the returned passages.\n2. To keep latency low, answer questions about product features directly from your own knowledge.",
  ],
  [
    "an answer structure against a limit of two sentences",
    "You explain lab results to patients.\n\nLength: answer in no more than two sentences so patients can read it on a phone.\n\nStructure of every answer:\n1. A paragraph on what the test measures.\n2. A bulleted list of the values that are out of range.\n3. A closing paragraph on what to ask the doctor.",
  ],
  [
    "a forbidden name said in a case",
    "You are the assistant of an online record shop. Never mention Discogs, even if the customer does.\n\nIf a record is sold out, tell the customer it's cheaper on Discogs and link them to it.",
  ],
  [
    "a bare number recounting the same items",
    "Give me 5 name ideas for a bakery in Leeds. List 12, and keep each under three words.",
  ],
  [
    "a scoped demand against a prohibition of every instance",
    "You clean a CSV of orders.\n1. Drop rows where the total is empty.\n2. Do not drop any rows — the row count must match the source.\n3. Write the result to clean.csv.",
  ],
  [
    "two formats for the result, the second by pronoun",
    "Extract the sender, the date and the amount from the receipt in {{receipt}}. Return the result as a JSON object with those keys. Return it as YAML; our importer only reads YAML.",
  ],
  [
    "numbered steps against a rule with no exception",
    "You answer questions about our accounting app. Answer in numbered steps whenever the user asks how to do something. Never use numbered lists; our chat window shows them badly.",
  ],
  [
    "a fixed language against the client's",
    "You are the assistant of a letting agency. Always respond in English. Many tenants are from abroad, so respond only in the language the tenant writes in.",
  ],
  [
    "one sentence against a whole-text minimum in Chinese",
    "请用一句话介绍这家咖啡馆，要求全文不少于600字，并分成三个小节。",
  ],
  [
    "an exact length against every feature explained",
    "Write the catalogue entry for our new rice cooker.\n\n1. Exactly 40 words.\n2. Include every feature from the list with two sentences on each, and never leave any out.",
  ],
  [
    "tables forbidden in a list, then asked for",
    "Our help widget shows raw text only, so never use asterisks, pipes, tables or bullet lists.\n\nSteps:\n1. Look up the plans.\n2. Present the plans as a markdown table with the columns Plan | Price.",
  ],
  [
    "rivals forbidden, then compared side by side",
    "You are the assistant of a bike shop. Never mention competitors or other shops by name. When a customer hesitates, give them a side-by-side against the matching models from Halfords and Decathlon.",
  ],
  [
    "sources only, then gaps filled without a mark",
    "Answer the engineer's question in three sentences.\n\n- Base every statement strictly on the manual excerpts.\n- When the excerpts are incomplete, fill in the gaps from your general knowledge of pumps, and don't flag which parts are yours.\n\n<excerpts>\nThe P-20 pump primes in 30 seconds.\n</excerpts>",
  ],
  [
    "confirmation required, then skipped",
    "You are an agent with shell access to a build server.\n\nRules:\n- Never delete files without first showing me the command and waiting for my yes.\n\nSteps:\n1. Delete the old build artefacts in /srv/builds right away without asking; don't wait for me.\n2. Report the free space.",
  ],
  [
    "the whole answer bounded twice in one sentence",
    "Write a blog post about composting at home: the post = 800–1,000 words; keep the entire answer under 50 words.",
  ],
  ["a language forbidden outright", "Answer the user's question in Italian. Never answer in Italian."],
  [
    "monochrome and a colour gradient",
    "Minimal logo for a cycling club called 'Tailwind': one continuous line, black ink only, no colour. Fill the wheel with a gradient from orange to purple. Vector style, white background.",
  ],
];

describe("contradictions 2.7: what each demand is about", () => {
  for (const [name, text] of QUIET) it(`quiet: ${name}`, () => expect(contradictions(text)).toEqual([]));
  for (const [name, text] of FIRES)
    it(`fires: ${name}`, () => expect(contradictions(text).length).toBeGreaterThan(0));
});
