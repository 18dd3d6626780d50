// The three hint readings made precise at 2.11: a repeated instruction (PF403), material pointed at and
// missing (PF105), and vague words in short requests in other languages (PF107). Each shape that fired
// falsely is tested with a prompt written for this test, beside look-alikes that must keep firing.

import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";

/** The rules that fire on a prompt, hints included. */
function rules(text: string): string[] {
  return analyze(text).findings.map((f) => f.rule);
}

function kinds(text: string): string[] {
  return analyze(text).findings.map((f) => f.kind);
}

describe("a repeated instruction (PF403) is read only in the author's instructions", () => {
  it("when the answer options of a multiple-choice question share their words, then nothing repeats", () => {
    const text = `Read the passage and answer the question with the letter only.

Passage: «In 2021 the library extended its opening hours, and loans went up while visits went down.»

Which statement matches the passage?
A) Loans went up and visits went down.
B) Loans went down and visits went up.
C) Loans and visits both went up.`;
    expect(kinds(text)).not.toContain("duplicated_instruction");
  });

  it("when the fields of few-shot records repeat a closing line, then nothing repeats", () => {
    const text = `Write a one-line delivery notice (under 140 characters) in the style of the examples.

Customer: Lena | Parcel: 2 boxes | Slot: Mon 10:00-12:00
Notice: Hi Lena, your 2 boxes arrive Mon 10:00-12:00. Not home? Text B.

Customer: Omar | Parcel: 1 box | Slot: Tue 14:00-16:00
Notice: Hi Omar, your 1 box arrives Tue 14:00-16:00. Not home? Text B.

Customer: {{customer}} | Parcel: {{parcel}} | Slot: {{slot}}
Notice:`;
    expect(kinds(text)).not.toContain("duplicated_instruction");
  });

  it("when the prompt asks for nothing (a pasted log or thread), then it has no instruction to repeat", () => {
    const text = `Traceback (most recent call last):
  File "report.py", line 12, in <module>
    build()
  File "report.py", line 8, in build
    rows = load(path)
  File "report.py", line 8, in build
    rows = load(path)
FileNotFoundError: data.csv`;
    const got = kinds(text);
    expect(got).toContain("no_task");
    expect(got).not.toContain("duplicated_instruction");
  });

  it("when an instruction is said twice in a short prompt, then it still fires", () => {
    expect(
      rules("Answer in English. Summarise the article in three bullets.\n\nAlways reply in English."),
    ).toContain("PF403");
    const twice = `Write a product description for a steel water bottle. Do not mention the price anywhere.

Keep it under 80 words.

Do not mention the price anywhere.`;
    expect(rules(twice)).toContain("PF403");
  });

  it("when a labelled instruction line repeats without a record around it, then it still fires", () => {
    const text = `Rewrite the note below for a customer.
Tone: warm and plain, no jargon at all.
Keep it to two sentences.
Tone: warm and plain, no jargon at all.

Note: Your refund was processed on Monday and should appear within five working days.`;
    expect(rules(text)).toContain("PF403");
  });
});

describe("material pointed at (PF105) is found where the prompt holds it", () => {
  it("when the reference is inside a few-shot example's field, then it is the example's", () => {
    const text = `Label each message as urgent or routine, like this:

Message: The attached invoice is overdue, please pay today.
Label: urgent

Message: See the minutes below from Tuesday.
Label: routine

Message: Server room is flooding, come now.
Label:`;
    expect(kinds(text)).not.toContain("missing_referenced_material");
  });

  it("when a greeting says 'this message finds you', then it is the prompt itself", () => {
    const text =
      "Hello! I hope this message finds you well. Which three herbs grow best indoors on a windowsill with little sun? One line each.";
    expect(rules(text)).not.toContain("PF105");
  });

  it("when the short material below is one quoted line, then it is there, in any language", () => {
    expect(
      rules('Please translate the sentence below into German:\n\n"Your table is booked for eight o\'clock."'),
    ).not.toContain("PF105");
    expect(
      rules('Aşağıdaki cümleyi Almancaya çevirir misiniz:\n\n"Masanız saat sekiz için ayrıldı."'),
    ).not.toContain("PF105");
  });

  it("when two versions are pasted and 'the other one' is one of them, then nothing is missing", () => {
    const text = `Below are two intros for our newsletter. Keep the warmth of the first but take the layout of the other one.

FIRST:
Hello friends! Spring is here and so are our new classes. Come and say hi at the open day on Saturday.

SECOND:
Spring update
- New classes from April
- Open day: Saturday 10:00`;
    expect(kinds(text)).not.toContain("missing_referenced_material");
  });

  it("when a named assistant's brief names the tagged blocks it is given, then they arrive per request", () => {
    const text = `You are Juno, the travel policy assistant for Halden Logistics. Staff ask about booking rules.
Answer only from the rules provided in the <travel_policy> block. The employee's grade is given in <employee>.
If the rules don't cover a question, say so and name the travel desk contact from <contacts>.
Keep every answer under 80 words and cite the rule number.`;
    expect(kinds(text)).not.toContain("missing_referenced_material");
  });

  it("when material is named and absent, then it still fires", () => {
    expect(rules("Summarise the article below in three bullets.")).toContain("PF105");
    expect(rules("Please translate the sentence below into German.")).toContain("PF105");
    expect(
      rules(
        "Answer the customer's question using only the help articles provided in the <kb> section.\n\nQuestion: Can I pause my plan?",
      ),
    ).toContain("PF105");
    expect(rules("ok compare them and say which one is cheaper for us")).toContain("PF105");
    expect(rules("Keep the tone of my draft but use the structure of the other one.")).toContain("PF105");
  });
});

describe("vague words in short requests in other languages (PF107) are read as the English reading reads them", () => {
  it("when 'a bit more' asks for a register (more formal, more polite), then the direction is enough", () => {
    expect(rules("Bu e-postayı biraz daha resmi yazar mısın? Müşteriye gidecek.")).not.toContain("PF107");
    expect(rules("Riscrivi questa email un po' più formale, per favore.")).not.toContain("PF107");
  });

  it("when a length word sizes a thing or describes a tone, then no length is left open", () => {
    expect(rules("Sadece doğru cevabı ve kısa bir açıklama yaz.")).not.toContain("PF107");
    expect(rules("请把这段话翻译成英文，语气简洁自然。\n\n我们明天上午十点开会，请准时参加。")).not.toContain(
      "PF107",
    );
  });

  it("when 'recently' dates what the user did, then it asks for nothing", () => {
    expect(
      rules("고객이 최근에 읽은 책을 바탕으로 비슷한 책 3권을 제목과 저자와 함께 추천하세요."),
    ).not.toContain("PF107");
  });

  it("when the vague word bears on what is asked, then it still fires", () => {
    expect(rules("Bunu biraz daha iyi yap.")).toContain("PF107");
    expect(rules("Riscrivi questa mail in modo più chiaro e accorciala un po'.")).toContain("PF107");
    expect(rules("写一些关于睡眠的建议，简短一点。")).toContain("PF107");
    expect(rules("それ、もう少し短くしてください。")).toContain("PF107");
    expect(rules("최근 뉴스 몇 가지를 요약해 줘.")).toContain("PF107");
  });
});
