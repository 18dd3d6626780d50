// References to material or people the prompt never gives (missing_referenced_material,
// ambiguous_reference) and task understanding (no_task), read in general forms rather than the corpus's
// wording: each case is a prompt written for this test from the labelling guide's Yes/No lists, with
// near misses that must stay quiet. Every case states the exact set of these three kinds it must get.

import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";
import { reads } from "../helpers/analysis.js";

const KINDS = ["ambiguous_reference", "missing_referenced_material", "no_task"] as const;

/** The counted kinds among the three, sorted. */
function kindsOf(text: string): string[] {
  const got = new Set<string>();
  for (const f of analyze(text).findings)
    if (reads(f) && (KINDS as readonly string[]).includes(f.kind)) got.add(f.kind);
  return [...got].sort();
}

const CASES: Array<[string[], string]> = [
  [["missing_referenced_material"], "Summarize the attached PDF in five bullet points."],
  [["missing_referenced_material"], "Can you check the document I sent you earlier for typos?"],
  [["missing_referenced_material"], "Translate the following into Spanish."],
  [["missing_referenced_material"], "Review my code and tell me what is wrong with it."],
  [["missing_referenced_material"], "Here's my essay. Give me feedback on the structure and the argument."],
  [["missing_referenced_material"], "What do you think of these figures? Are they good for a first quarter?"],
  [
    ["missing_referenced_material"],
    "Using the spreadsheet I uploaded, calculate the average order value per customer.",
  ],
  [["missing_referenced_material"], "Please grade this essay out of 20 and explain the grade."],
  [
    ["missing_referenced_material"],
    "Turn the meeting notes into a list of action items with owners and deadlines.",
  ],
  [
    ["missing_referenced_material"],
    "Go through the contract and flag any clauses that look unusual for a freelance agreement.",
  ],
  [
    ["missing_referenced_material"],
    "Read the email from my boss and draft a polite reply declining the extra project.",
  ],
  [["missing_referenced_material"], "Proofread the text and correct any spelling mistakes."],
  [["missing_referenced_material"], "Rewrite the paragraph above in a more formal tone."],
  [["missing_referenced_material"], "Please look over my resume and suggest three improvements."],
  [
    ["missing_referenced_material"],
    "Check the attached invoice against the purchase order and list any differences.",
  ],
  [["missing_referenced_material"], "Find the bug in my Python script. It crashes when the list is empty."],
  [["missing_referenced_material"], "Analyse these survey results and tell me the three biggest complaints."],
  [["missing_referenced_material"], "Can you summarize the transcript in 5 bullet points?"],
  [
    ["missing_referenced_material"],
    "Extract all the dates and amounts from the receipts below into a table.",
  ],
  [["missing_referenced_material"], "Write a reply to this customer complaint. Be apologetic but firm."],
  [["missing_referenced_material"], "Here is the job description. Write a cover letter that matches it."],
  [["missing_referenced_material"], "Compare the two proposals and recommend one."],
  [
    ["ambiguous_reference", "missing_referenced_material"],
    "As discussed, please update the slides with the new numbers.",
  ],
  [["missing_referenced_material"], "Summarize the report I shared yesterday in one paragraph."],
  [["missing_referenced_material"], "Explain what this error means and how to fix it."],
  [["missing_referenced_material"], "Classify the following tweets as positive, negative or neutral."],
  [["missing_referenced_material"], "Answer the questions at the end of the chapter in full sentences."],
  [["missing_referenced_material"], "Convert the table below to JSON with keys name, price and stock."],
  [["missing_referenced_material"], "Using the provided context, answer the question in two sentences."],
  [["missing_referenced_material"], "Take my notes from the lecture and turn them into a study guide."],
  [["missing_referenced_material"], "Fix the grammar in the sentences I pasted."],
  [["missing_referenced_material"], "Does this SQL query have any performance problems?"],
  [["missing_referenced_material"], "Is the following argument valid? Explain why or why not."],
  [["missing_referenced_material"], "Give me feedback on my short story, especially the ending."],
  [["missing_referenced_material"], "Rank these candidates by experience and explain your ranking."],
  [["missing_referenced_material"], "Shorten the intro I wrote to under 50 words."],
  [["missing_referenced_material"], "Grade the student's answer using the rubric."],
  [["missing_referenced_material"], "Tell me what is wrong with the code snippet below."],
  [["ambiguous_reference", "missing_referenced_material"], "Turn this into a LinkedIn post."],
  [["ambiguous_reference", "missing_referenced_material"], "Summarise it in three bullets."],
  [["ambiguous_reference", "missing_referenced_material"], "Fix this."],
  [["ambiguous_reference", "missing_referenced_material"], "Make it shorter and punchier."],
  [["ambiguous_reference", "missing_referenced_material"], "Can you translate this into German?"],
  [["ambiguous_reference", "missing_referenced_material"], "Rewrite that so it sounds friendlier."],
  [["ambiguous_reference", "missing_referenced_material"], "Please improve this, it reads badly."],
  [["ambiguous_reference", "missing_referenced_material"], "Compare them and pick the best."],
  [["ambiguous_reference", "missing_referenced_material"], "Which one is better for a beginner?"],
  [["ambiguous_reference", "missing_referenced_material"], "Is this correct?"],
  [["ambiguous_reference", "missing_referenced_material"], "Summarize the above."],
  [["ambiguous_reference", "missing_referenced_material"], "Rewrite the above in plain English."],
  [["ambiguous_reference"], "Do it the way you did it for Sarah."],
  [["ambiguous_reference"], "Continue from where you left off."],
  [["ambiguous_reference"], "Apply those changes to the second paragraph too."],
  [
    [],
    "Here is my cover letter:\n\nDear Ms Ortiz, I am writing to apply for the data analyst role at Finch & Co. I have three years of experience with SQL and Python and led a churn project that saved 4% of revenue.\n\nMake it shorter.",
  ],
  [[], "Write a story about a dragon who is afraid of fire. Make it funny and keep it under 300 words."],
  [
    [],
    "It is important to be concise. Write a summary of the French Revolution in 200 words for high-school students.",
  ],
  [[], "Explain how photosynthesis works and why it matters for farmers, in three short paragraphs."],
  [[], "This week, plan three dinners for a family of four on a budget of 60 euros."],
  [[], "Translate the following into Spanish: Good morning, how are you today? I hope the trip went well."],
  [[], "Summarize the text in {{document}} in three bullets."],
  [[], "Summarize the article below.\n\n[paste article here]"],
  [[], "What happened in the French Revolution? Answer in one paragraph."],
  [[], "Write an email to my landlord about the broken heater. Keep it polite and under 120 words."],
  [[], "Review the following code and point out bugs:\n```python\ndef add(a, b):\n    return a - b\n```"],
  [
    [],
    "You are a support assistant for Acme. Read the user's message and classify it as billing, technical or other. Reply with the label only.",
  ],
  [
    [],
    "Draft a report on the state of renewable energy in Spain for a policy audience, 800 words, with headings.",
  ],
  [[], "Write the code for a function that reverses a string in Python, with a docstring and two tests."],
  [[], "Create a table comparing Python, Go and Rust on speed, safety and learning curve."],
  [
    [],
    "My code keeps throwing a NullPointerException when I call user.getName(). What are the usual causes and how do I track it down?",
  ],
  [
    [],
    "I'm writing a cover letter for a nursing job. What should the first paragraph say? Give me two example openings.",
  ],
  [
    [],
    "Explain the data model behind a typical e-commerce site: customers, orders, products. Use a short bulleted list.",
  ],
  [[], 'What does this error mean: "TypeError: undefined is not a function"?'],
  [[], 'Fix the grammar: "Me and him goes to the store yesterday."'],
  [
    [],
    "Summarize this: The city council voted on Tuesday to expand the bike lane network by 40 km over three years, funded by a new parking levy that takes effect in January.",
  ],
  [[], "Write a poem about the sea, then give it a title."],
  [[], "Write a haiku about autumn. Then translate it into French."],
  [[], "Give me 5 names for a coffee shop. Make them short and easy to spell."],
  [[], "Explain recursion to a 10-year-old. Use an analogy they can relate to."],
  [[], "Plan a 3-day trip to Rome for two adults who love food and history. List it day by day."],
  [
    ["ambiguous_reference"],
    'Draft A: "Our café opens at 8 on weekdays and 9 on weekends."\nDraft B: "Weekdays from 8, weekends from 9 - come say hi!"\n\nMake it friendlier and add an emoji.',
  ],
  [
    ["ambiguous_reference"],
    "Option 1: a red logo with a bold serif font.\nOption 2: a blue logo with a rounded sans-serif font.\n\nImprove it so it works on dark backgrounds.",
  ],
  [
    [],
    'Draft A: "Our café opens at 8 on weekdays and 9 on weekends."\nDraft B: "Weekdays from 8, weekends from 9 - come say hi!"\n\nPick the friendlier draft and explain why in one sentence.',
  ],
  [
    [],
    "Option 1: a red logo with a bold serif font.\nOption 2: a blue logo with a rounded sans-serif font.\n\nWhich option suits a children's bookshop better, and why?",
  ],
  [["ambiguous_reference"], "Write a short email to her explaining that the delivery will be two days late."],
  [
    ["ambiguous_reference"],
    "Tell him the meeting has moved to Thursday and ask if he can still make it. Keep it under 50 words.",
  ],
  [["ambiguous_reference"], "Draft a thank-you note to them for the flowers, warm but short."],
  [
    [],
    "Write a short email to my landlord explaining that the rent will be two days late. Ask her to confirm she got it.",
  ],
  [
    [],
    "My manager, Priya, asked for a summary of Q3. Write her a three-bullet summary of our sales growth of 12%.",
  ],
  [[], "Write a birthday message for my sister. She loves hiking and bad puns. Keep it to two sentences."],
  [[], "Write a limerick about a cat who thinks he is a dog."],
  [["no_task"], "Quarterly revenue, EMEA, 2023. Marketing spend. Headcount."],
  [["no_task"], "Be thorough. Use best practices. Think carefully."],
  [
    ["no_task"],
    "The Great Barrier Reef is the world's largest coral reef system. It is composed of over 2,900 individual reefs and 900 islands stretching for over 2,300 kilometres. The reef is located in the Coral Sea, off the coast of Queensland, Australia, and can be seen from outer space.",
  ],
  [
    ["no_task"],
    "Context: We are a small bakery in Leeds. We sell sourdough and pastries. Our customers are mostly office workers who come in before 9am.",
  ],
  [["no_task"], "Climate change and its effect on coral reefs"],
  [["no_task"], "Tone: friendly. Length: 200 words. Audience: teenagers."],
  [["no_task"], "Thanks in advance for your help!"],
  [["no_task"], "Make sure to double-check your work and be accurate."],
  [["no_task"], "I'm a teacher at a primary school and I have 28 pupils this year, most of them aged eight."],
  [
    ["no_task"],
    "Product: EcoBottle 750ml. Price: $24. Features: insulated, leak-proof, BPA-free. Colours: sage, black, sand.",
  ],
  [
    ["no_task"],
    "As an AI language model, you should always strive to give the best possible answers with the highest quality.",
  ],
  [["no_task"], "Important: accuracy matters more than speed. Quality over quantity. No shortcuts."],
  [
    ["no_task"],
    "Background: our app has 40,000 monthly users, churn went up from 3% to 5% after the March release, and support tickets doubled.",
  ],
  [["no_task"], "Meeting agenda\n1. Budget review\n2. Hiring plan\n3. Office move"],
  [["no_task"], "Machine learning in healthcare: opportunities and risks"],
  [["no_task"], "Use clear language. Avoid jargon. Keep sentences short. Stay on topic."],
  [["no_task"], "Revenue: 1.2M\nCosts: 800k\nHeadcount: 14\nRunway: 9 months"],
  [["no_task"], "My name is Tom and I work in logistics for a mid-size retailer in Ohio."],
  [
    ["no_task"],
    "Dear team, the office will be closed on Friday for maintenance. Please take your laptops home on Thursday. Regards, Facilities",
  ],
  [[], "You are a support agent for Acme. Always answer in two sentences. Never discuss pricing."],
  [[], "Which of these is a mammal? A) shark B) dolphin"],
  [[], "<email>Hi, can we move our call to Thursday? Thanks, Jo</email>\nDraft a reply."],
  [[], "A watercolor fox in a snowy birch forest, soft morning light, wide shot"],
  [
    [],
    "Translate into German:\n\nThe meeting has been moved to Thursday at 3 pm. Please bring the quarterly figures.",
  ],
  [[], "A haiku about autumn"],
  [[], "Ideas for a 10-year-old's birthday party?"],
  [[], "Need a name for my bakery in Leeds, something warm and local."],
  [[], "Pros and cons of remote work for a small design agency"],
  [[], "Email to my landlord about the broken heater, polite but firm."],
  [[], "Recipe for vegan banana bread, no nuts."],
  [[], "Best laptop under $1000 for programming and light gaming?"],
  [[], "This week, plan three dinners for a family of four on a budget of 60 euros."],
  [
    ["ambiguous_reference", "missing_referenced_material"],
    "As discussed, please update the slides with the new numbers.",
  ],
  [["ambiguous_reference"], "Apply those changes to the second paragraph too."],
  [
    [],
    "Background: our app has 40,000 monthly users and churn went up from 3% to 5% after the March release.\n\nWhy might churn have gone up, and what should we check first?",
  ],
  [
    [],
    "Context: We are a small bakery in Leeds. Our customers are mostly office workers.\n\nSuggest five names for a new breakfast pastry.",
  ],
  [
    [],
    "You are Max, a friendly tutor for high-school chemistry students. Explain concepts step by step and check understanding with a short question.",
  ],
  [
    [],
    "The assistant is Nova. Nova answers questions about the Hopkins library catalogue. Nova never gives legal advice. Nova replies in under 100 words.",
  ],
  [[], "Generate a list of 10 interview questions for a junior data analyst."],
  [[], "Cyberpunk city street at night, neon signs, rain, reflections, 35mm, cinematic."],
  [[], "Kuantum hesaplamayı basit bir dille açıkla."],
  [[], "Erkläre mir, wie eine Wärmepumpe funktioniert."],
  [[], "请用三句话解释什么是区块链。"],
  [
    [],
    "Hey, quick favour: my cousin's wedding is on Saturday and I need a short toast, about a minute long, funny but not embarrassing.",
  ],
  [[], "Tell me a joke about cats."],
  [[], "Could you help me with my resume?"],
  [[], "Write something nice for my mom's birthday card."],
  [["no_task"], "Chiffre d'affaires T3, Europe du Sud. Dépenses marketing par canal. Effectifs commerciaux."],
  [["no_task"], "Umsatz im dritten Quartal. Marketingausgaben nach Kanal. Mitarbeiterzahl."],
  [["no_task"], "Inteligencia artificial en la educación primaria"],
  [["no_task"], "Cambio climático y agricultura en España"],
  [["no_task"], "量子计算"],
  [["no_task"], "Yapay zeka ve eğitim"],
  [[], "Erkläre mir, wie eine Wärmepumpe funktioniert."],
  [[], "Escribe un artículo sobre la inflación."],
  [[], "Kuantum hesaplamayı basit bir dille anlat."],
  [[], "请用三句话解释什么是区块链。"],
  [["ambiguous_reference", "missing_referenced_material"], "Rends-le plus professionnel, s'il te plaît."],
  [[], "Un haïku sur l'automne."],
  [["missing_referenced_material"], "Riassumi il testo in tre punti."],
  [[], "Vergleiche Python und Go für Webentwicklung."],
  [[], "Ideas para el cumpleaños de mi hija"],
  [[], "Schreib eine kurze E-Mail an meinen Chef."],
  [[], "Türkiye'nin en büyük beş şehrini listele."],
  [[], "Bir kedi hakkında kısa bir şiir yazar mısın"],
  [[], "東京でおすすめのラーメン屋を教えてください。"],
  [[], "Qual è la capitale dell'Australia"],
  [[], "Traduza para o inglês: Bom dia, tudo bem?"],
  [[], "Pros y contras del teletrabajo"],
  [[], "Vor- und Nachteile von Homeoffice"],
  [[], "Blogbeitrag über KI im Marketing"],
  [[], "Tipps für ein Vorstellungsgespräch"],
  [[], "Consejos para dormir mejor"],
  [[], "Meilleurs restaurants à Lyon"],
  [[], "Nomi per un gatto nero"],
  [[], "Slogan für eine Bäckerei"],
  [
    [],
    "Here's my cover letter.\n\nDear Ms Ortiz, I am writing to apply for the analyst role. I have three years of experience with SQL.\n\nDeclutter the intro and keep it under 150 words.",
  ],
  [
    [],
    "punch up these three taglines for a bike shop: fast bikes, good prices; ride more, worry less; wheels for everyone",
  ],
  [
    [],
    "Redline the contract below for anything unusual.\n\nThe Supplier shall deliver the Goods within 30 days. The Buyer may terminate at any time without notice.",
  ],
  [
    ["no_task"],
    "Quantum computing has moved from theory to early hardware. Companies now sell access to machines with a few hundred qubits. Critics say error rates remain too high for useful work.",
  ],
  [["no_task"], "Acme Corp. Founded in 1998. Offices in Leeds and Porto. Sells industrial sensors."],
  // a noun phrase followed by "I attached" names material whatever the noun; pictures travel beside the text
  [
    ["missing_referenced_material"],
    "Play the landlord described in the tenancy notes I attached and negotiate with me.",
  ],
  [[], "Repaint the cabinets in the uploaded photo of my kitchen sage green."],
  // a position word after any noun, in other languages
  [["missing_referenced_material"], "Resume el informe adjunto en cinco puntos."],
  // what follows the reference is more of the request, not the material
  [
    ["missing_referenced_material"],
    "Answer using only the passages provided below. Quote the passage you rely on.\n\nQuestion: When does the warranty end?",
  ],
  // an earlier exchange's output is material the prompt lacks; a property of it is not
  [["ambiguous_reference", "missing_referenced_material"], "Do the same as before for the April invoices."],
  [["ambiguous_reference"], "Same tone as before, but shorter and for a younger audience."],
  // forms of request that are not an opening imperative
  [
    [],
    "The agent books meeting rooms for staff at the Leeds office. It confirms the room, time and attendees in one line. It never double-books a room.",
  ],
  [
    [],
    "Sorry, long day. What I need is a one-paragraph bio for a conference programme, third person, under 80 words, for a data engineer called Amal Haddad.",
  ],
  [
    [],
    'Our 404 page says "Page not found."\n\nIt feels abrupt — rewrite it in a friendlier voice, under 12 words.',
  ],
];

describe("references and tasks in general forms", () => {
  it.each(CASES)("%j for %s", (want, text) => {
    expect(kindsOf(text)).toEqual(want);
  });

  it("reports the unclear word itself, and the material reference's words", () => {
    const text = 'Draft A: "Open at 8."\nDraft B: "Doors open 8 am!"\n\nMake it friendlier.';
    const f = analyze(text).findings.find((x) => x.kind === "ambiguous_reference")!;
    expect(text.slice(f.spans[0]!.start, f.spans[0]!.end)).toBe("it");
    const g = analyze("Summarize the attached PDF in five bullet points.").findings.find(
      (x) => x.kind === "missing_referenced_material",
    )!;
    expect(
      "Summarize the attached PDF in five bullet points.".slice(g.spans[0]!.start, g.spans[0]!.end),
    ).toBe("the attached PDF");
  });

  it("keeps a long prompt's options and pronouns to itself", () => {
    const rules = Array.from(
      { length: 40 },
      (_, i) => `- Rule ${i + 1}: answer the user's question about order ${i}.`,
    );
    const text = `You are a support agent for Acme.\n${rules.join("\n")}\nOption A: refund.\nOption B: replace.\nIf the user picks one, use it.`;
    expect(kindsOf(text)).toEqual([]);
  });
});
