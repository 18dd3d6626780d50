// Material announced or leaned on and never given ("Here is the schema:" then the request, "Based on the
// customer feedback, write …"), material given inline or a published source that must stay quiet, and
// prompts that ask for nothing (a pasted record or chat log, advice, facts) next to prompts that ask in
// other forms (a role, an image brief, a question, a genre with a subject, material handed over "to
// triage"). Each case states the exact set of the four reference/task/injection kinds it must get.
// Prompts written for this test.

import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";
import { reads } from "../helpers/analysis.js";

const KINDS = ["ambiguous_reference", "missing_referenced_material", "no_task", "unsafe_injection_pattern"];

function kindsOf(text: string): string[] {
  const got = new Set<string>();
  for (const f of analyze(text).findings) if (reads(f) && KINDS.includes(f.kind)) got.add(f.kind);
  return [...got].sort();
}

const CASES: Array<[string[], string]> = [
  [["ambiguous_reference", "missing_referenced_material"], "把它改得更专业一点。"],
  [["ambiguous_reference", "missing_referenced_material"], "请把这个翻译成英文。"],
  [["ambiguous_reference", "missing_referenced_material"], "それを比較して、どれが一番いいか教えて。"],
  [["ambiguous_reference", "missing_referenced_material"], "これを短くしてください。"],
  [[], "请把下面这段文字翻译成英文：今天天气很好，我们去公园散步吧。"],
  [[], "これを英語に翻訳してください：「明日は雨が降るでしょう。」"],
  [[], "我想去日本旅行，请帮我把行程安排成五天。"],
  [["ambiguous_reference", "missing_referenced_material"], "Summarize the above in three bullet points."],
  [["ambiguous_reference", "missing_referenced_material"], "Can you make that one shorter?"],
  [["ambiguous_reference", "missing_referenced_material"], "Turn the above into a LinkedIn post."],
  [
    ["ambiguous_reference", "missing_referenced_material"],
    "Please translate this into French and keep the formal tone.",
  ],
  [["ambiguous_reference", "missing_referenced_material"], "Rewrite it for a ten-year-old."],
  [["ambiguous_reference", "missing_referenced_material"], "Give me feedback on this."],
  [["ambiguous_reference", "missing_referenced_material"], "Is that one better than the old version?"],
  [[], "Write a cover letter for a junior data analyst role and make it under 250 words."],
  [[], "My dog keeps barking at night. How do I get it to stop?"],
  [[], 'Here\'s my tagline: "Bread worth waking up for." Make it punchier.'],
  [[], "The Eiffel Tower was built for the 1889 World's Fair. Explain why it was controversial at the time."],
  [[], "I bought a Kindle last year. Is it worth upgrading to the new model?"],
  [[], "Plan a birthday party for my son and make it dinosaur-themed."],
  [[], "Explain recursion. Then give an example of it in Python."],
  [
    ["missing_referenced_material"],
    "Based on the customer feedback, write three improvements for our onboarding flow.",
  ],
  [["missing_referenced_material"], "Using the survey responses, draft a one-page summary for the board."],
  [["missing_referenced_material"], "Going by the interview notes, write a short profile of the candidate."],
  [
    ["missing_referenced_material"],
    "From the reader comments, pick the five most common complaints and rank them.",
  ],
  [
    ["missing_referenced_material"],
    "Drawing on the client's brief, propose three taglines for the campaign.",
  ],
  [
    ["missing_referenced_material"],
    "Here is the schema:\n\nWrite a PostgreSQL query that returns monthly revenue for 2024.",
  ],
  [
    ["missing_referenced_material"],
    "Here are the meeting notes:\n\nTurn them into a list of action items with owners and due dates.",
  ],
  [["missing_referenced_material"], "Read the job description and tell me which of my skills to highlight."],
  [
    ["missing_referenced_material"],
    "Considering the feedback from last sprint's retro, suggest two process changes.",
  ],
  [["missing_referenced_material"], "Summarise the responses from the staff survey in five bullets."],
  [[], "Based on current research on sleep, write a blog post about naps for office workers."],
  [[], "Using the Pythagorean theorem, explain how to find the diagonal of a 3 by 4 rectangle."],
  [
    [],
    'Based on the customer feedback below, write three improvements for our onboarding flow.\n\n- "Too many steps before I could see my dashboard."\n- "The verification email took 10 minutes to arrive."\n- "I didn\'t know what the blue badge meant."',
  ],
  [
    [],
    "You are a product analyst. When the user pastes customer feedback, group it by theme and suggest one improvement per theme.",
  ],
  [
    [],
    "Write a PostgreSQL query that returns the ten customers with the highest total order value, using the tables customers(id, name) and orders(id, customer_id, amount, created_at).",
  ],
  [
    [],
    "Here is the plan: we launch on Monday, email the list on Tuesday, and post on LinkedIn on Wednesday. Write the LinkedIn post.",
  ],
  [
    [],
    'Based on the feedback I gave you on tone, rewrite the paragraph: "We are pleased to inform you that your application was unsuccessful."',
  ],
  [[], "According to the Geneva Conventions, what protections do medical staff have in war zones?"],
  [
    [],
    "Based on the survey results from Pew Research on remote work, write an opinion piece arguing for a four-day week.",
  ],
  [[], "Here's what I need: a short bio for a conference, under 80 words, third person."],
  [["missing_referenced_material"], "Summarize the report from Marketing in five bullets."],
  [
    [],
    'Summarize the slogan ideas in "Fresh every morning, baked with care since 1952 by the Dubois family" and suggest one more.',
  ],
  [
    [],
    "Based on the figures released by the Census Bureau, write a short explainer on population ageing in Ohio.",
  ],
  [
    ["no_task"],
    "Revenue Q2: 4.1M. Gross margin 61%. New hires: 12. Churn 2.4%. Office lease renewed until 2028.",
  ],
  [["no_task"], "Be concise. Be accurate. Double-check your work. Think step by step."],
  [
    ["no_task"],
    "PRODUCT SHEET\n\nName: Arlo Desk Lamp\nMaterial: brushed aluminium\nBulb: E27 LED, 9W, warm white\nPrice: 79 EUR\nColours: black, sand, sage",
  ],
  [
    ["no_task"],
    "[WhatsApp group: Book club]\n\nMaya: Are we still on for Thursday?\nJon: Yes, 7pm at mine.\nMaya: I haven't finished the book lol\nPriya: Nobody has.",
  ],
  [
    ["no_task"],
    "The Hanseatic League was a commercial and defensive confederation of merchant guilds and market towns in Central and Northern Europe. It grew from a few North German towns in the late 12th century to encompass nearly 200 settlements across seven modern-day countries. At its height between the 13th and 15th centuries, it stretched from the Baltic to the North Sea.",
  ],
  [
    [],
    "You are a friendly barista bot for Bean There Café. Answer questions about the menu and opening hours. Never take payment details.",
  ],
  [[], "A lighthouse on a rocky cliff at dusk, crashing waves, oil painting, warm palette."],
  [[], "What's the difference between a Roth IRA and a traditional IRA?"],
  [[], "Maya: Are we still on for Thursday?\nJon: Yes, 7pm at mine.\n\nSummarise this chat in one line."],
  [[], "A limerick about a cat who hates Mondays."],
  [
    [],
    "Name: Arlo Desk Lamp\nMaterial: brushed aluminium\nPrice: 79 EUR\n\nProduct description, 50 words, for our webshop.",
  ],
  [[], "Need three name ideas for a bakery that only sells sourdough."],
  [
    [],
    "Rules for this chat: answer in Spanish only, keep replies under 50 words, and correct my grammar when I make mistakes.",
  ],
  [[], "Revenue Q2: 4.1M. Gross margin 61%. Churn 2.4%.\nAny red flags here for an investor?"],
  [[], 'Translate into Italian: "The museum is closed on Mondays."'],
  [[], "Meeting notes 3 May — budget approved, launch moved to June. Turn into an email for the team."],
];

describe("material announced but missing, and prompts that ask for nothing", () => {
  it.each(CASES.map(([kinds, text]) => [text.slice(0, 60).replace(/\n/g, " "), kinds, text] as const))(
    "%s",
    (_name, kinds, text) => {
      expect(kindsOf(text)).toEqual(kinds);
    },
  );
});
