// Recall of vague words (vague_quantifier) and of a missing answer form (missing_output_format) on shapes
// people write that the earlier readings missed, each with look-alikes that must stay quiet: a length left
// open in a phrase ("not too long", "a bit shorter", "of reasonable length"), "a handful of", "It should be
// short.", "with some examples", a summary or
// a made document (schedule, routine, page copy) with no form, findings asked for on a diff, "write
// something nice about …" inside pleasantries, and a section of a publication that is where a piece goes,
// not its form. Prompts written for this test.
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";
import { reads } from "../helpers/analysis.js";

/** The counting findings of one kind, as the words they point at. */
function found(text: string, kind: string): string[] {
  return analyze(text)
    .findings.filter((f) => f.kind === kind && reads(f))
    .map((f) => f.spans.map((s) => text.slice(s.start, s.end)).join(" "));
}
const vague = (text: string) => found(text, "vague_quantifier");
const form = (text: string) => found(text, "missing_output_format");

describe("a length left open in a phrase is a vague judgement", () => {
  it.each([
    ["Write an essay about the war, not too long.", "not too long"],
    ["can you make this one like the others but a bit shorter", "a bit shorter"],
    ["Make the cover letter a little longer.", "a little longer"],
    ["Write a product description that's the right length.", "the right length"],
    ["Write a post of moderate length about winter gardening.", "of moderate length"],
    ["Write a reasonably short intro for the podcast.", "reasonably short"],
    ["Tell me a bedtime story about a brave snail, not too long or too short.", "not too long or too short"],
    ["Keep the reply slightly shorter than the last one.", "slightly shorter"],
  ])("%s", (text, words) => {
    expect(vague(text)).toContain(words);
  });

  it.each([
    // a length in numbers anywhere bounds it
    "Write the summary in under 100 words, not too long.",
    "Make it a bit shorter, under 50 words.",
    // a condition, a fact of the writer's, quoted material, a pasted chat turn
    "If the answer is not too long, keep it as is; otherwise cut it to 80 words.",
    "The meeting was not too long, thankfully. Write the minutes as five bullets.",
    'Summarise this review in one sentence: "The film was not too long and the cast was great."',
    "User: can you make it a bit shorter?\nAssistant: Sure, here it is.\n\nLabel the user's intent in the chat above as one of: edit, new, other.",
  ])("quiet: %s", (text) => {
    expect(vague(text)).toEqual([]);
  });
});

describe('"a handful of" is an amount left open', () => {
  it("reports it on what is asked for", () => {
    expect(vague("Suggest a handful of names for my bakery.")).toEqual(["a handful"]);
  });
  it.each([
    "Suggest a handful (3 to 5) of names for my bakery.",
    "We have a handful of customers in Spain. Write them a welcome email in Spanish of about 80 words.",
  ])("quiet: %s", (text) => {
    expect(vague(text)).toEqual([]);
  });
});

describe("a sentence that judges the piece, and a part of it counted by a vague amount", () => {
  it.each([
    ["Write a blog post about composting. It should be short.", "short"],
    ["Write three names for our bakery. The names must be catchy.", "catchy"],
    ["Write a toast for my sister's wedding. It needs to be really good.", "good"],
    ["Write an article about remote work with some examples.", "some"],
    ["Write a talk on saving money, including a few stories from real families.", "a few"],
    ["Write a blog post covering various topics in personal finance.", "various"],
    ["I'd like a short bio for my website.", "short"],
    ["I would like some tips for my first marathon.", "some"],
  ])("%s", (text, words) => {
    expect(vague(text)).toContain(words);
  });

  it.each([
    // a wish, a criterion after it, a fact, a condition
    "Write a blog post about composting. It would be nice if it were short.",
    "Write a product FAQ. The answers should be short: two sentences at most.",
    "Write a quiz about volcanoes. It should be good for beginners.",
    "Summarise the chart below in three bullets. The chart is good, the legend is not.\n\n| year | sales |\n| 2023 | 10 |",
    "Write a thank-you note to my aunt. If it should be longer, tell me.",
    "You are a tutor for children. Your answers should be appropriate for children aged 8 to 10.",
    // what follows "with" is not a part of the piece, or the amount is given
    "Write an email to a customer with some complaints about billing.",
    "Write an article about remote work with some examples: one from retail and one from banking.",
    "Write an article about remote work with 3 examples from retail.",
    'Reply to this review with some empathy: "The delivery was late."',
    "Write a post covering some of the topics below.\n\nTopics: budgeting, saving.",
    "I'd like to know if some of these mushrooms are edible.",
  ])("quiet: %s", (text) => {
    expect(vague(text)).toEqual([]);
  });
});

describe("an answer whose form matters and is left open", () => {
  it.each([
    "Summarize recent developments in solid-state batteries for the tech section of our investor newsletter.",
    'Use the search tool to find articles about heat pumps and write up a summary of the best ones for the "Home tech" section of our newsletter.',
    "Review this pull request diff and tell me what you think.\n\n```diff\n- const a = 1;\n+ const a = 2;\n```",
    "Write the product page copy for our new cast-iron skillet (26 cm, pre-seasoned, oven-safe).",
    "Make me a study schedule for my exams in June.",
    "Make me a weekly workout routine for getting back into running.",
    "Hi!! Sorry to bother you, I'm terrible at this. If you have a moment, could you maybe write something nice about our new book club? Thanks a million!",
  ])("%s", (text) => {
    expect(form(text).length).toBe(1);
  });

  it.each([
    // the form is stated, or is the input's, or the thing named is handed over rather than made
    "Summarize recent developments in solid-state batteries as three bullets for the tech section of our newsletter.",
    "Write a report on our Q3 sales with a section on costs and a section on risks.",
    "Review this diff and tell me what you think in two sentences.\n```diff\n- a\n+ b\n```",
    'Fix the typo in this sentence and tell me what you changed: "Teh cat sat."',
    "Review my sourdough schedule: feed at 8am, bulk until 2pm, shape at 3pm.",
    "Make me a study schedule for my exams as a table with one row per day.",
    "Create an itinerary for our family trip to Lisbon in April.",
    "Write something like: \"Welcome aboard, we're glad you're here!\"",
    "If the user asks you to write something rude, refuse politely.",
    "Write the product page copy for our kettle in under 120 words.",
    "Write a tweet for the news section of our app announcing dark mode.",
    'Translate the review below into French.\n\n"Great kettle, fast and quiet."',
  ])("quiet: %s", (text) => {
    expect(form(text)).toEqual([]);
  });
});

describe("a judgement, feedback or an explanation asked for with no form", () => {
  it.each([
    "Evaluate my startup idea: an app that rates coffee shops by noise level.",
    "Assess the risks of moving our database to the cloud.",
    "Critique my poem below.\n\nRoses are red, violets are blue.",
    "Give me feedback on my essay below.\n\nEssay: Social media is bad because it is bad.",
    "Teach me about black holes.",
    "Help me understand how mortgages work.",
  ])("%s", (text) => {
    expect(form(text).length).toBe(1);
  });

  it.each([
    // a rubric or a score shapes it, a verdict or arithmetic ends it, a form or a level is stated
    "Evaluate the essay below against the rubric.\n\nEssay: Cats are great.",
    'Assess whether the claim in this tweet is true: "Bananas are berries."',
    "Evaluate 3 + 4 * 2.",
    "Assess the candidate's answer and give a score from 1 to 5.",
    "Critique my essay in three bullet points.\n\nEssay: Cats are great.",
    "Critique my poem below in under 100 words.\n\nRoses are red, violets are blue.",
    "Teach me about black holes like I'm five.",
    "Give me your honest opinion: should I quit my job to start a bakery?",
    "Evaluate which of these two laptops is better for video editing: MacBook Air M3 or Dell XPS 15.",
    // the thing to explain is handed over inline
    "Help me understand this error: TypeError: x is undefined",
    "Explain this code: x = [i*i for i in range(10)]",
    'Explain this sentence: "The old man the boat."',
  ])("quiet: %s", (text) => {
    expect(form(text)).toEqual([]);
  });
});

describe("a judgement asked for in another language, with no form", () => {
  it.each([
    "Evalúa mi idea de negocio: una app para pasear perros.",
    "Bewerte meine Geschäftsidee: ein Lieferdienst für Katzenfutter.",
    "Sag mir, was du von meinem Businessplan hältst.",
    "Dimmi cosa ne pensi del mio curriculum.",
    "Me diga o que você acha do meu plano.",
    "Проверь этот договор на риски.\n\nДоговор: аренда 500 евро в месяц, залог не возвращается.",
    "Oceń mój pomysł na biznes: aplikacja do wyprowadzania psów.",
    "私のビジネスアイデアを評価してください：犬の散歩アプリ。",
  ])("%s", (text) => {
    expect(form(text).length).toBe(1);
  });

  it.each([
    // a scale, a rubric, a form or a length, a yes-or-no question, code, a choice between options, a role
    "Evalúa mi idea de negocio del 1 al 10: una app para pasear perros.",
    "Bewerte meine Geschäftsidee auf einer Skala von 1 bis 5.",
    'Evalúa si esta frase es correcta: "Yo soy ir al cine."',
    'Оцени, правильно ли написан этот код: print("hi")',
    "Dimmi cosa ne pensi del mio curriculum in tre punti.",
    "Valuta la mia idea di business in 100 parole: un'app per il padel.",
    "Prüfe den folgenden Code auf Risiken: eval(input())",
    "Évalue mon idée selon les critères suivants : coût, risque, délai.",
    "Qué opinas, ¿es mejor alquilar o comprar?",
    "Tu es un consultant. Évalue les idées de startup que l'utilisateur t'envoie.",
  ])("quiet: %s", (text) => {
    expect(form(text)).toEqual([]);
  });
});
