// References and missing material read more generally, on prompts written for this test: a habit or an
// earlier exchange leant on in English and in the other languages the missing-material rule reads; a
// file, picture, recording or link the request handles; a part of a text named by its place; a label with
// nothing under it; attachments, demonstratives, named material and modal bare requests in French,
// German, Spanish, Portuguese, Italian, Turkish, Japanese and Chinese. Each reading has a near miss that
// must stay quiet.
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";
import { reads } from "../helpers/analysis.js";

// what the readings find, whatever the severity a demoted kind is reported with (rules/demotions.ts)
const counted = (text: string, kind: string) =>
  analyze(text).findings.some((f) => f.kind === kind && reads(f));
const ambiguous = (text: string) => counted(text, "ambiguous_reference");
const missing = (text: string) => counted(text, "missing_referenced_material");

describe("an earlier exchange or a habit the model never saw", () => {
  it.each([
    "Put the quarterly numbers into our usual layout and send it round.",
    "Draft the welcome message the way we normally do it.",
    "Tighten the pricing paragraph as per our conversation.",
    "Per my previous email, prepare the final figures for the board.",
    "Let's pick up where we left it on the onboarding checklist.",
    "Same layout as the previous newsletter, but with the June events.",
    "Apply the edits my editor suggested and send the clean copy.",
    "Comme convenu, prépare le planning de la semaine pour l'équipe.",
    "Wie vereinbart, schreib bitte die Zusammenfassung für den Vorstand.",
    "Como acordamos, prepara la presentación para el cliente.",
    "Come d'accordo, scrivi il riepilogo per il team.",
    "Konuştuğumuz gibi raporu hazırla.",
    "前回と同じ形式で週報をまとめてください。",
    "按照之前的格式写一份周报。",
  ])("flags: %s", (text) => {
    expect(ambiguous(text)).toBe(true);
  });

  it.each([
    // the habit is spelled out where it is named
    "Write the release notes in our usual format (one line per change, newest first).",
    // a long brief that describes its format around the habit
    `You write the weekly digest for our engineering blog. ${"Each item gets a bold title, one sentence on what changed and a link to the pull request. ".repeat(3)}Group items the way we always do and leave out internal tooling.`,
    // a pasted letter's own wording
    'Resume el siguiente correo en dos frases:\n\n"Hola Ana, como acordamos por teléfono, el precio sube un 4 % desde abril. Un saludo, Luis."',
    // what was discussed is given right there
    "Wie vereinbart, hier die Zahlen: Umsatz 2023 1,2 Mio €, 2024 1,5 Mio €. Erstelle eine kurze Analyse.",
    "Write a follow-up email to a client after a sales call, thanking them and proposing next steps.",
  ])("stays quiet: %s", (text) => {
    expect(ambiguous(text)).toBe(false);
  });
});

describe("material handled but never included", () => {
  it.each([
    "Check the screenshot and tell me why the chart labels overlap.",
    "Summarise the recording in five bullets for people who missed it.",
    "Based on the spreadsheet, which product line lost money in Q3?",
    "What's wrong with the attachment? The numbers don't add up.",
    "Fix the typo on line 4 and make the greeting friendlier.",
    "Reword the second paragraph so it sounds less defensive.",
    "Text:\n\nTranslate the text into Portuguese.",
    "Notes:\nFormat: a bulleted list of decisions.\nTurn the notes into meeting minutes.",
    "Reply to the tenant's complaint and offer to send a plumber on Monday.",
    "Write a reply to the email from our supplier accepting the new delivery dates.",
    "Résume la pièce jointe en cinq points.",
    "Fasse die angehängte Datei in drei Sätzen zusammen.",
    "Resuma o relatório em anexo para a diretoria.",
    "Peux-tu corriger ce courriel avant que je l'envoie ?",
    "Kannst du diesen Bericht kürzer machen?",
    "¿Puedes revisar este contrato y decirme si hay algo raro?",
    "Riassumi il verbale della riunione in tre punti.",
    "Analiza los datos de ventas de marzo y dime qué ves.",
    "请总结附件中的合同要点。",
    "添付ファイルの内容を三行でまとめてください。",
    "Kannst du es netter formulieren?",
  ])("flags: %s", (text) => {
    expect(missing(text)).toBe(true);
  });

  it.each([
    "How do I open the attachment on my phone? It's a Word file.",
    "Using the CSV format, invent ten sample customers with name and city.",
    "Summarize the video game industry's biggest trends of 2023 in five bullets.",
    "Write a poem in four stanzas and make the last stanza hopeful.",
    "You are a game master. Describe each scene in three sentences and show the player's gold on the last line.",
    "Text: The meeting is moved to Thursday at 3pm, please confirm.\nTranslate the text into Portuguese.",
    "Look at the image of the Mona Lisa and explain why her smile is famous.",
    "Traduis ce texte en anglais : Bonjour, je voudrais réserver une table pour deux ce soir.",
    "Kannst du das Wetter für morgen in Hamburg vorhersagen?",
    "¿Puedes explicarme cómo funciona la fotosíntesis en tres frases?",
    "Analiza los datos: ventas enero 120, febrero 135, marzo 150. ¿Cuál es la tendencia?",
    "写一封邮件给客户，附件是最新的报价单，语气要正式。",
  ])("stays quiet: %s", (text) => {
    expect(missing(text)).toBe(false);
  });
});

describe("one of several candidates, in other languages", () => {
  it.each([
    "Voici les deux devis reçus :\nDevis A — Menuiserie Roux : 4 fenêtres, 3 200 €.\nDevis B — Atelier Brun : 4 fenêtres, 2 900 €.\n\nRéponds-lui qu'on signe la semaine prochaine.",
    "Ecco le due proposte:\nProposta 1 — Studio Verdi: sito in 6 settimane, 4.000 €.\nProposta 2 — Pixel Lab: sito in 4 settimane, 4.800 €.\n\nRispondigli che ci serve un preventivo aggiornato.",
    "Ниже два резюме.\n\nРезюме 1: Иван, 5 лет опыта в продажах, английский B2.\nРезюме 2: Мария, 3 года опыта в маркетинге, английский C1.\n\nПроверь его на ошибки.",
    "İki slogan yazdım:\n\n1) Doğadan sofranıza, her gün taze.\n2) Tarladan gelen lezzet, kapınızda.\n\nBu sloganı biraz daha kısalt.",
  ])("flags: %s", (text) => {
    expect(ambiguous(text)).toBe(true);
  });

  it.each([
    // the request says which one
    "Voici les deux devis reçus :\nDevis A — Menuiserie Roux : 4 fenêtres, 3 200 €.\nDevis B — Atelier Brun : 4 fenêtres, 2 900 €.\n\nRéponds à l'atelier du devis B et envoie-lui nos disponibilités.",
    // or means both
    "Ecco le due proposte:\nProposta 1 — Studio Verdi: sito in 6 settimane, 4.000 €.\nProposta 2 — Pixel Lab: sito in 4 settimane, 4.800 €.\n\nConfronta entrambe e dimmi quale conviene.",
  ])("stays quiet: %s", (text) => {
    expect(ambiguous(text)).toBe(false);
  });
});

describe("material the request names but never holds", () => {
  it.each([
    // a labelled question is the request, not the passages it should be answered from
    "You answer questions for Norrland Rail. Using the timetable extracts below, answer in two sentences.\n\nCustomer question: Is there a train from Umeå to Luleå after 22:00 on Sundays?",
    "Tighten the opening of my cover letter, it's pasted in my previous message.",
    "Why does this return undefined when the list is empty?",
    "Vat de bijgevoegde notulen samen in vijf punten.",
    "Кратко перескажи приложенный документ для руководителя.",
  ])("flags: %s", (text) => {
    expect(missing(text)).toBe(true);
  });

  it.each([
    "You answer questions for Norrland Rail. Using the timetable extracts below, answer in two sentences.\n\nTimetable extracts:\nUmeå–Luleå, Sundays: 18:05, 20:40, 22:15.\nLuleå–Umeå, Sundays: 07:10, 12:30.\n\nCustomer question: Is there a train from Umeå to Luleå after 22:00 on Sundays?",
    "Why does JavaScript return undefined for a missing object property instead of throwing?",
  ])("stays quiet: %s", (text) => {
    expect(missing(text)).toBe(false);
  });
});

describe("a pronoun or a distal demonstrative with nothing to stand for", () => {
  it.each([
    "Compare the two and tell me which is cheaper to run.",
    "Compara los dos y dime cuál conviene más.",
    "Reply to her saying the venue is booked for Friday.",
    "Responde a ela dizendo que o pedido sai amanhã.",
    "Build a dropdown with the same categories as the ones in that spreadsheet.",
  ])("flags under both kinds: %s", (text) => {
    expect(missing(text)).toBe(true);
    expect(ambiguous(text)).toBe(true);
  });

  it.each([
    "Make sure that data is encrypted at rest and explain how to rotate the keys.",
    "Compare the two most popular Python web frameworks for a small REST API.",
    "My sister just got promoted. Write a short note to congratulate her.",
  ])("stays quiet: %s", (text) => {
    expect(missing(text)).toBe(false);
    expect(ambiguous(text)).toBe(false);
  });

  it("flags a pronoun among the senders of a pasted thread", () => {
    const thread =
      'From: Ana Ruiz\n"We can deliver in May if the order is confirmed by Friday."\n\nFrom: Ben Okafor\n"The revised price list is attached; note the new shipping fee."\n\n';
    expect(ambiguous(`${thread}Reply to him and confirm the order.`)).toBe(true);
    expect(ambiguous(`${thread}Reply to Ben and confirm the order.`)).toBe(false);
  });
});

describe("material of an earlier moment, and a spec read as material", () => {
  it.each([
    "Turn this into a project update, with my notes from the meeting added at the end.",
    "Envoie le planning à l'équipe avec mes remarques de ce matin.",
    "Make a quiz from my biology notes. 10 questions, one per line, answers under 15 words. Focus on cell division.",
  ])("flags: %s", (text) => {
    expect(missing(text)).toBe(true);
  });

  it("stays quiet when the notes are there", () => {
    expect(
      missing(
        "Make a quiz from my biology notes. 10 questions, one per line, answers under 15 words.\n\nNotes:\nMitosis has four phases: prophase, metaphase, anaphase, telophase. Meiosis halves the chromosome number and makes four gametes.",
      ),
    ).toBe(false);
  });
});

describe("'it' right after two things it could be either of", () => {
  it.each([
    "I have a laptop and a tablet. It keeps overheating when I stream video. What should I check?",
    "We run Postgres and Redis in production. Should we upgrade it before the holiday freeze?",
  ])("flags: %s", (text) => {
    expect(ambiguous(text)).toBe(true);
  });

  it.each([
    "I bought a sofa and a rug from the same store. The sofa arrived torn. Should I return it?",
    "I use Notion and Obsidian. Keep it simple: which should I pick for class notes?",
    "Write a launch email saying bank sync now supports Revolut and N26. Make sure it's under 150 words.",
    "My car and my bike were stolen. It happened last night. What should I do first?",
  ])("stays quiet: %s", (text) => {
    expect(ambiguous(text)).toBe(false);
  });
});
