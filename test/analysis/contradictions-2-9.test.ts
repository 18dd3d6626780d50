// Contradictions read by subject in engine 2.9 work: an emoji demanded by itself, the pace of questions, a
// tool forbidden and called, a floor on each described part, waiting for a confirmation, and in other
// languages lengths, forms of address, the bare answer, JSON, lists, emojis and tone. Each prompt was written
// for this file; each asserts the finding or its absence.
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";

const contradictions = (text: string) => analyze(text).findings.filter((f) => f.kind === "contradiction");

describe("contradictions 2.9: English subjects", () => {
  it("fires: an emoji asked for by itself against a rule against emojis", () => {
    const f = contradictions(
      "You are Pip, the helper in our budgeting app.\n- Never use emojis; some phones show them as boxes.\n- Keep replies under 60 words.\n- Close every reply with a 🌱 so it feels friendly.",
    );
    expect(f.map((x) => x.rule)).toContain("PF306");
  });
  it("quiet: a check mark is not an emoji", () => {
    expect(contradictions("Mark finished tasks with ✓ and open ones with ✗. Never use emojis.")).toEqual([]);
  });
  it("fires: one question at a time against every question in the first message", () => {
    const f = contradictions(
      "Run a practice job interview for a junior accountant role. Ask one question per message and wait for my reply. To save time, send me all eight questions in your first message.",
    );
    expect(f).toHaveLength(1);
  });
  it("quiet: a recap of the questions asked at the end", () => {
    expect(
      contradictions(
        "Quiz me on French verbs. Ask one question at a time. At the end, list all the questions you asked in one message with my score.",
      ),
    ).toEqual([]);
  });
  it("fires: a tool forbidden without exception and called in a case", () => {
    const f = contradictions(
      "You manage subscriptions with get_plan(user_id), change_plan(user_id, plan) and cancel_plan(user_id).\n- Never call cancel_plan; cancellations go through the retention team.\n- If a customer says they want to leave, call cancel_plan straight away and confirm by message.",
    );
    expect(f.map((x) => x.rule)).toEqual(["PF312"]);
  });
  it("quiet: a tool forbidden only without a confirmation", () => {
    expect(
      contradictions(
        "You can call refund_order(order_id). Never call refund_order without the customer's order number. Once you have it, call refund_order and tell them the amount.",
      ),
    ).toEqual([]);
  });
  it("fires: a floor on each described part against a ceiling on every reply", () => {
    const f = contradictions(
      "You are the narrator of a text adventure set in a flooded city.\n- Keep every reply under 40 words.\n- Describe each new room in at least two full paragraphs.",
    );
    expect(f).toHaveLength(1);
  });
  it("fires: coaching after each message in paragraphs against one-sentence replies", () => {
    const f = contradictions(
      "Play a hotel receptionist so I can practise complaining politely. Reply with one sentence at a time. After each of my messages, add feedback of at least three paragraphs in the same reply.",
    );
    expect(f).toHaveLength(1);
  });
  it("fires: working unattended against waiting for a confirmation", () => {
    const f = contradictions(
      "You are a deployment agent. Run without supervision and never stop to ask the user anything. Before restarting a service, wait for the user to confirm.",
    );
    expect(f).toHaveLength(1);
  });
  it("fires: the internal id forbidden and put at the end of every reply", () => {
    const f = contradictions(
      "Never reveal internal order codes to the customer. Be brief and kind. End every reply with the internal order code so support can find the case.",
    );
    expect(f.map((x) => x.rule)).toContain("PF305");
  });
});

describe("contradictions 2.9: other languages", () => {
  it("fires: two sentences at most against a detailed explanation (German)", () => {
    const f = contradictions(
      "Du bist der Assistent einer Bäckerei.\nAntworte immer in höchstens zwei Sätzen.\nErkläre bei jeder Frage ausführlich alle Zutaten und jeden Arbeitsschritt.",
    );
    expect(f).toHaveLength(1);
  });
  it("fires: a word ceiling and a higher floor on the same part (French)", () => {
    const f = contradictions(
      "Rédige les descriptions des deux fromages ci-dessous. Chaque description fait 40 mots maximum. Chaque description doit faire au moins 150 mots.",
    );
    expect(f).toHaveLength(1);
  });
  it("quiet: a short title in a long article (French)", () => {
    expect(
      contradictions("Écris un article d'au moins 700 mots sur le vélo en ville. Le titre : 8 mots maximum."),
    ).toEqual([]);
  });
  it("quiet: a separate message keeps its own length (Spanish)", () => {
    expect(
      contradictions(
        "Resume el acta en una sola frase. Después, en un correo aparte para la junta, explica los acuerdos en al menos 250 palabras.",
      ),
    ).toEqual([]);
  });
  it("fires: 'você' and 'o senhor' as the form of address (Portuguese)", () => {
    const f = contradictions(
      'Você atende clientes da Padaria Aurora.\n- Trate o cliente por "você".\n- Horário: das 7h às 19h.\n- Trate sempre o cliente por "o senhor" ou "a senhora".',
    );
    expect(f).toHaveLength(1);
  });
  it("fires: casual and polite speech (Korean)", () => {
    const f = contradictions(
      "고객에게 보낼 공지 문자를 써 줘.\n- 반말로 편하게 써 줘.\n- 80자 이내.\n- 존댓말로 정중하게 써 줘.",
    );
    expect(f).toHaveLength(1);
  });
  it("quiet: polite speech demanded and casual speech forbidden (Korean)", () => {
    expect(contradictions("고객에게 보낼 문자를 써 줘. 존댓말로 정중하게. 반말은 절대 쓰지 마.")).toEqual([]);
  });
  it("fires: only the score against an explanation (Italian)", () => {
    const f = contradictions(
      "Valuta il riassunto in <testo> da 1 a 5.\nRispondi solo con il punteggio, nient'altro.\nSpiega in dettaglio ogni errore che hai trovato.\n<testo>{{riassunto}}</testo>",
    );
    expect(f).toHaveLength(1);
  });
  it("fires: JSON asked for and forbidden (Spanish)", () => {
    const f = contradictions(
      "Extrae el nombre y el precio de cada producto. Responde solo en JSON. No uses JSON: escribe un párrafo normal.",
    );
    expect(f).toHaveLength(1);
  });
  it("quiet: nothing outside the JSON (French)", () => {
    expect(contradictions("Réponds uniquement en JSON. N'ajoute rien en dehors du JSON.")).toEqual([]);
  });
  it("fires: a formal and a casual tone (Spanish)", () => {
    expect(
      contradictions(
        "Escribe un anuncio para la tienda. Usa un tono formal. Usa un tono desenfadado y coloquial.",
      ),
    ).toHaveLength(1);
  });
  it("quiet: a tone for each reader, and a tone to avoid (Italian, Portuguese)", () => {
    expect(
      contradictions("Usa un tono formale per i clienti. Per i colleghi, usa un tono informale."),
    ).toEqual([]);
    expect(contradictions("Escreva um aviso para os clientes em tom formal. Evite um tom informal.")).toEqual(
      [],
    );
  });
});
