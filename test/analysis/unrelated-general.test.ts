// Unrelated requests joined by a switch ("By the way", "Also"), and near misses that must stay quiet: steps of
// one job in a numbered list, a list of criteria then its conclusion, a derived deliverable, a question that
// points back. Each case is written for this test.

import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";
import { reads } from "../helpers/analysis.js";

const unrelated = (text: string) =>
  analyze(text).findings.filter((f) => f.kind === "multiple_unrelated_tasks" && reads(f));

// "P.S.", "and while you're at it", an inline numbered list and a bare new paragraph are read too, each with
// the evidence it needs (see rules/unrelated.ts); the quiet cases below keep the steps of one job apart.
const FIRES = [
  "Plan a three-day itinerary for Lisbon in May. By the way, what does HTTP status 418 mean?",
  "Write a limerick about a heron. Also, how do I reset a Netgear router to factory settings?",
];
const QUIET = [
  "Take a test-first approach: 1) Read the failing tests. 2) Write a failing test that reproduces the bug. 3) Fix the code until the test passes.",
  "Review the landing page against these criteria:\n- Is the headline clear?\n- Does the button stand out?\n\nSuggest three improvements, then implement them.",
  "Summarise the report below in five bullets, then list three risks it mentions.\n\n<report>{{report}}</report>",
  "Write a blog post about remote work for team leads.\n\nWhat title would make people click it?",
  "What is the capital of Canada? And what is its population?",
  "Write a cover letter for a junior data analyst role. P.S. keep it under 300 words.",
];

describe("unrelated requests, in more joins", () => {
  for (const text of FIRES) it(`fires: ${text.slice(0, 60)}`, () => expect(unrelated(text).length).toBe(1));
  for (const text of QUIET)
    it(`stays quiet: ${text.slice(0, 60)}`, () => expect(unrelated(text)).toEqual([]));
});

// Asks cut at sentence ends, list numbers and joins, in the languages the rule lists; each case written for
// this test, in other domains than the corpus items that motivated the change.
const MORE_FIRES = [
  "Proofread my cover note for typos. P.S. any tips for keeping basil alive indoors?",
  "Quick ones:\n1) what's the tallest mountain in Africa\n2) suggest a name for my sourdough starter\n3) how do I unclog a bathroom sink",
  "Summarise the memo below in two lines. Then, unrelated, write a haiku about my cat sleeping in the sun.\n\n<memo>The office closes at 3 pm on Friday for maintenance.</memo>",
  "Rédige un message d'anniversaire pour ma collègue Inès. Autre chose : combien de temps faut-il pour cuire un œuf mollet ?",
  "Explain what a mutex is to a junior developer in two sentences.\n\nWhich countries border Paraguay?",
];
const MORE_QUIET = [
  "Read the incident report below and list the root causes, then suggest one action for each.\n\n<report>{{report}}</report>",
  "Check the lease I sent you for a break clause and tell me the notice period it requires.",
  "Q: What is the boiling point of water at sea level?\nA: 100 °C\n\nQ: Which gas do plants absorb?\nA:",
  "Write a product description for our bamboo toothbrush. Also, give me a shorter version for the packaging.",
  "Explique-moi le fonctionnement d'un PEA. Et à partir de quel montant faut-il le déclarer ?",
];

describe("unrelated requests, read as asks", () => {
  for (const text of MORE_FIRES)
    it(`fires: ${text.slice(0, 60)}`, () => expect(unrelated(text).length).toBe(1));
  for (const text of MORE_QUIET)
    it(`stays quiet: ${text.slice(0, 60)}`, () => expect(unrelated(text)).toEqual([]));
});

// A question a chat message leaves without its "?", "Oh, and …", two questions that each name their own
// thing, and a deliverable named without a verb before the switch; each case written for this test.
const CHAT_FIRES = [
  "what's the best way to remove red wine stains from a carpet? and who won the 1998 football world cup",
  'Give me a weekly workout plan for a beginner runner. Oh, and can you translate "where is the train station" into Japanese?',
  "How do I convert Celsius to Fahrenheit in my head? What were the main causes of the French Revolution?",
  "Write a limerick about a cat who loves lasagne.\nThen tell me how to set up two-factor authentication on my Google account.",
  "Poster for a jazz night at the Blue Lantern: saxophone silhouette, deep blue and gold. Also, can you explain how mortgage interest is calculated?",
  "Brief: a launch e-mail for our oat-milk barista blend, 120 words, for café owners.\n\nP.S. how do I renew a Dutch driving licence from abroad?",
];
const CHAT_QUIET = [
  "How does a heat pump keep a house warm in winter? Why do the radiators make a knocking noise at night?",
  "How does photosynthesis work in green leaves? What role does chlorophyll play in absorbing sunlight?",
  "Why did the Roman Empire split into east and west? When did the western half finally collapse?",
  "How long should I boil an egg for a runny yolk? and what's the trick to peeling it cleanly",
  "What is the best time of year to visit Japan? Which cities should a first-time traveller see?",
  "Oh, and write the email in a friendly tone. Draft a reminder to the team about Friday's deadline.",
  "Can you recommend a good beginner telescope under 300 euros? What magnification do I need to see Saturn's rings?",
];

describe("unrelated requests, as a chat message writes them", () => {
  for (const text of CHAT_FIRES)
    it(`fires: ${text.slice(0, 60)}`, () => expect(unrelated(text).length).toBe(1));
  for (const text of CHAT_QUIET)
    it(`stays quiet: ${text.slice(0, 60)}`, () => expect(unrelated(text)).toEqual([]));
});
