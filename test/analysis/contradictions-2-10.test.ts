// Contradictions read by shape in engine 2.10 work: the learner's finished work withheld and then handed
// over, a one-word answer against an explanation, a JSON reply against prose without braces, CSV against a
// JSON object. Each prompt was written for this file; each asserts the finding or its absence.
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";

const contradictions = (text: string) => analyze(text).findings.filter((f) => f.kind === "contradiction");

describe("contradictions 2.10: the finished work withheld and handed over", () => {
  it("fires: no corrected version, then a rewritten version at the end of every reply", () => {
    const f = contradictions(
      "You coach adult learners of German who send you short diary entries.\n- Point out at most three mistakes and ask a question that leads to each fix.\n- Do not provide a corrected version of the entry; learners must find the fixes.\n\nAt the end, close with a fully rewritten version of the entry so they can check their work.",
    );
    expect(f.map((x) => x.rule)).toEqual(["PF306"]);
  });
  it("fires: no complete solutions, then the full corrected program", () => {
    const f = contradictions(
      "You help first-year students with their JavaScript homework. Don't hand over complete solutions to the exercises; give one hint at a time. Always include the full corrected program at the end of your answer.",
    );
    expect(f).toHaveLength(1);
  });
  it("quiet: the corrected version once the learner has tried", () => {
    expect(
      contradictions(
        "You tutor students on essay paragraphs. Do not provide a corrected version straight away. If the student has revised the paragraph twice, give the fully rewritten version so they can compare.",
      ),
    ).toEqual([]);
  });
  it("quiet: corrected versions withheld for the learner, given for the teacher's key", () => {
    expect(
      contradictions(
        "Write ten faulty sentences for a grammar worksheet. Do not give the corrected sentences on the worksheet itself. The answer key for the teacher lists the corrected version of each sentence.",
      ),
    ).toEqual([]);
  });
});

describe("contradictions 2.10: the form of the whole answer", () => {
  it("fires: one word only, then explain which checks were run", () => {
    const f = contradictions(
      "You check expense claims for policy breaches.\n\nOutput: reply with exactly one word, OK or FLAG. Nothing else, because the tool reads it as a status.\n\nReasoning: explain which policy clauses you checked for each claim so the finance team can audit you.",
    );
    expect(f).toHaveLength(1);
  });
  it("fires: yes or no only, then justify the decision", () => {
    const f = contradictions(
      "Decide whether the support ticket needs a refund. Justify your decision with a quote from the ticket.\nAnswer only yes or no.",
    );
    expect(f.length).toBeGreaterThan(0);
  });
  it("quiet: the one word first, then the explanation on the next line", () => {
    expect(
      contradictions(
        "Classify the review as POSITIVE or NEGATIVE. Reply with a single word on the first line. Then, on the next line, explain your decision in one sentence.",
      ),
    ).toEqual([]);
  });
  it("quiet: a one-word reply only when the user asks a yes/no question", () => {
    expect(
      contradictions(
        "You answer questions about our return policy and explain why each rule exists. If the user asks a yes/no question, answer with yes or no only.",
      ),
    ).toEqual([]);
  });
  it("fires: every reply a JSON object, then plain text without braces", () => {
    const f = contradictions(
      "You are the helper inside our travel app.\n\n## Format\nEvery reply is a single JSON object with the keys answer and links.\n\n## Style\nWrite your reply as plain conversational text with no brackets, braces or code of any kind.",
    );
    expect(f).toHaveLength(1);
  });
  it("quiet: plain text inside a field of the JSON reply", () => {
    expect(
      contradictions(
        "Return a single JSON object with the keys answer and sources. Write the answer field as plain conversational text, no Markdown.",
      ),
    ).toEqual([]);
  });
  it("fires: CSV for the loader, then a JSON object for the parser", () => {
    const f = contradictions(
      "Extract the supplier, date and total from the receipt.\n- Output CSV with a header row; our importer only accepts CSV.\n- Dates in ISO 8601.\n\nThe next step parses your answer with a JSON parser, so return a single JSON object with these keys and nothing else.",
    );
    expect(f).toHaveLength(1);
  });
  it("quiet: a CSV file described inside the JSON reply", () => {
    expect(
      contradictions(
        "Read the attached CSV export of orders. Return a JSON object with the total per customer.",
      ),
    ).toEqual([]);
  });
});

describe("contradictions 2.10: parts of the layout", () => {
  it("fires: four bullet points required, then no bullet points at all", () => {
    const f = contradictions(
      "Write the listing text for our folding desk lamp (USB-C, three brightness levels, €39).\n\nRequirements:\n- A short intro paragraph\n- Then 4 bullet points with the main features\n- Friendly tone\n\nOur shop template has one text box, so write everything as one paragraph of continuous prose.",
    );
    expect(f).toHaveLength(1);
  });
  it("fires: a headline of at most six words, then no headline", () => {
    const f = contradictions(
      "Draft a short announcement of our new opening hours.\n- Headline of max 6 words\n- Body under 80 words\n\nPost it as plain text with no headline, the app adds its own title.",
    );
    expect(f).toHaveLength(1);
  });
  it("quiet: bullet points for the summary, none in the introduction", () => {
    expect(
      contradictions(
        "Write a project update. End with 3 bullet points summarising the next steps. Use no bullet points in the introduction.",
      ),
    ).toEqual([]);
  });
  it("quiet: no headline and no bullet points, and nothing asks for them", () => {
    expect(
      contradictions(
        "Write a 100-word bio for our new designer. No headline, no bullet points, third person.",
      ),
    ).toEqual([]);
  });
});

describe("contradictions 2.10: the extent measured two ways", () => {
  it("fires: a five-minute talk of at least 3,000 words", () => {
    const f = contradictions(
      "Write the script for my 5-minute lightning talk about moving our CI to GitHub Actions. Keep it conversational. It should be a thorough deep-dive of at least 3,000 words.",
    );
    expect(f.map((x) => x.rule)).toEqual(["PF313"]);
  });
  it("quiet: a ten-minute talk of at least 1,200 words", () => {
    expect(
      contradictions(
        "Write the script for my 10-minute talk about our move to Postgres. Make it at least 1,200 words so I have enough material.",
      ),
    ).toEqual([]);
  });
  it("quiet: the long floor belongs to a companion blog post", () => {
    expect(
      contradictions(
        "Write the script for my 5-minute talk about accessibility audits. Then write a companion blog post of at least 2,000 words.",
      ),
    ).toEqual([]);
  });
  it("fires: three sentences per answer against all six required parts", () => {
    const f = contradictions(
      "You help children learn new words.\n- Never more than three sentences per answer.\n\nWhen a child asks about a word, give a meaning, an example, a synonym, an opposite, a fun fact and a question back. Always include all six parts.",
    );
    expect(f.map((x) => x.rule)).toEqual(["PF313"]);
  });
  it("quiet: the cap holds only in one case", () => {
    expect(
      contradictions(
        "If the user is on the mobile widget, no more than three sentences per answer. Always include all six parts of the routine: meaning, example, synonym, opposite, fact, question.",
      ),
    ).toEqual([]);
  });
  it("quiet: four parts under a three-sentence cap can share sentences", () => {
    expect(
      contradictions(
        "Keep every answer to three sentences. Include all four parts: the greeting, the answer, the link and the sign-off.",
      ),
    ).toEqual([]);
  });
});

describe("contradictions 2.10: the answers' language", () => {
  it("fires: all answers in English, then always the engineer's own language", () => {
    const f = contradictions(
      "You answer questions about our deployment tooling.\n\nLanguage: all answers must be in English, including when a question is asked in another language, so the whole team can read the thread.\n\nLocalisation: always reply in the language the engineer used in their question.",
    );
    expect(f).toHaveLength(1);
  });
  it("quiet: the user's language only in a case the author names", () => {
    expect(
      contradictions(
        "You answer questions about our deployment tooling. All answers must be in English. If a manager asks, reply in the language the manager used instead.",
      ),
    ).toEqual([]);
  });
  it("quiet: English for the code comments, the user's language for the answer", () => {
    expect(
      contradictions(
        "You review pull requests. Code comments you suggest must be in English. Always reply in the language the developer used in the request.",
      ),
    ).toEqual([]);
  });
});

describe("contradictions 2.10: a withheld thing later requested", () => {
  it("fires: one item of a forbidden list asked for later", () => {
    const f = contradictions(
      "You summarise tenancy applications for the letting agent. Never mention age, religion or marital status. Always state the applicant's marital status in the first line.",
    );
    expect(f.map((x) => x.rule)).toEqual(["PF314"]);
  });
  it("fires: 'any of these' over a set-aside list, even if they appear", () => {
    const f = contradictions(
      "You pre-screen grant applications.\n- Ignore the applicant's name, gender, age and home town.\n- Never mention any of these in your notes, even if the form shows them.\n\nFor the panel, always state the applicant's home town at the top of your notes.",
    );
    expect(f.map((x) => x.rule)).toEqual(["PF314"]);
  });
  it("fires: a forbidden first name written into the greeting template", () => {
    const f = contradictions(
      "You draft replies for the library help desk. Never use the reader's first name; we address everyone the same way. Start every reply with \"Hello [first name],\" and end with the desk's signature.",
    );
    expect(f.map((x) => x.rule)).toEqual(["PF314"]);
  });
  it("quiet: the list is forbidden only for the public reply", () => {
    expect(
      contradictions(
        "Never mention age, religion or marital status when you write the public summary. In the private notes for the manager, state the applicant's marital status.",
      ),
    ).toEqual([]);
  });
  it("quiet: the name of something else is not the forbidden name", () => {
    expect(
      contradictions(
        "Never use the student's first name. Always include the name of the course and the module code.",
      ),
    ).toEqual([]);
  });
  it("quiet: a placeholder for a thing that is not forbidden", () => {
    expect(
      contradictions(
        'Never use the customer\'s full name. Start every email with "Hi [first name]," and keep it under 100 words.',
      ),
    ).toEqual([]);
  });
});

describe("contradictions 2.10: notation and translation", () => {
  it("fires: no formulas for a lay reader, then the formal notation", () => {
    const f = contradictions(
      "Explain what compound interest is to my grandmother; she has never studied maths. Don't use any formulas or Greek letters. Also show the formal definition with the mathematical notation and walk through it line by line.",
    );
    expect(f).toHaveLength(1);
  });
  it("quiet: no formulas in the answer, and none asked for", () => {
    expect(
      contradictions(
        "Explain what a standard deviation is to a ten-year-old in about 80 words. Avoid formulas; use a picture of children's heights instead.",
      ),
    ).toEqual([]);
  });
  it("fires: a translation into Spanish, then only the English text back", () => {
    const f = contradictions(
      "Please translate the opening-hours notice below from English into Spanish for our Seville shop. Keep the headings.\n\nReturn only the English text with your spelling fixes; we keep the notice in English for now.",
    );
    expect(f).toHaveLength(1);
  });
  it("quiet: two translation targets, one returned first", () => {
    expect(
      contradictions(
        "Translate the menu into French and Spanish. Return only the French text first, then wait.",
      ),
    ).toEqual([]);
  });
});

describe("contradictions 2.10: the channel cannot carry it", () => {
  it("fires: a plain-text chat window, then a markdown table for one part", () => {
    const f = contradictions(
      "You are the helper in our gardening app. The chat window shows plain text only, so keep replies simple.\n\nWhen you suggest plants, put the watering schedule in a table with the columns Plant | Water | Sun.",
    );
    expect(f.map((x) => x.rule)).toEqual(["PF315"]);
  });
  it("fires: a reply read aloud by the voice, then bullet points", () => {
    const f = contradictions(
      "You are the cooking companion in a smart-speaker skill. Every reply is read aloud by the speaker's text-to-speech voice. List the ingredients as bullet points so they are easy to scan.",
    );
    expect(f.map((x) => x.rule)).toEqual(["PF315"]);
  });
  it("quiet: the table goes in the e-mail version, not the chat", () => {
    expect(
      contradictions(
        "The chat window shows plain text only. In the summary e-mail we send afterwards, use a table for the schedule.",
      ),
    ).toEqual([]);
  });
  it("quiet: a plain-text channel with numbered steps", () => {
    expect(
      contradictions(
        "The SMS gateway does not render Markdown. Write numbered steps as '1.' '2.' at the start of each line and keep it under 300 characters.",
      ),
    ).toEqual([]);
  });
});

describe("contradictions 2.10: a thing left out and put in, in other languages", () => {
  it("fires: Italian, the discount code left out and inserted", () => {
    const f = contradictions(
      "Scrivi una email di benvenuto per i nuovi clienti della nostra libreria.\n- Inserisci il codice sconto in grassetto.\n- Tono cordiale.\n\nNon includere nessun codice sconto: le offerte arrivano in un messaggio a parte.",
    );
    expect(f.map((x) => x.rule)).toEqual(["PF316"]);
  });
  it("fires: Spanish, the price left out and included", () => {
    const f = contradictions(
      "Escribe la descripción de nuestra nueva cafetera para la tienda online. No menciones el precio, cambia cada semana. Al final, menciona el precio y anima a comprar.",
    );
    expect(f.map((x) => x.rule)).toEqual(["PF316"]);
  });
  it("quiet: Italian, two different prices", () => {
    expect(
      contradictions(
        "Scrivi la scheda del prodotto per il nostro negozio online. Non indicare il prezzo finale. Indica il prezzo unitario al chilo.",
      ),
    ).toEqual([]);
  });
  it("quiet: Spanish, the price only in a case", () => {
    expect(
      contradictions(
        "Escribe la respuesta para el cliente de nuestra tienda. No menciones el precio. Si el cliente lo pregunta dos veces, menciona el precio con amabilidad.",
      ),
    ).toEqual([]);
  });
});
