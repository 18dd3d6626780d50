// Pleasantries and apologies that pad a prompt (PF401 since 2.8): in Russian, Dutch, Polish and Turkish, in
// more of the German and Italian forms people write, and in English small talk about the weekend and
// flattery of the model. One greeting or one thanks stays courtesy. Each case is a prompt written for this test.

import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";

const padded = (text: string) => analyze(text).findings.some((f) => f.kind === "excessive_length_or_filler");

describe("padding is found", () => {
  it.each([
    "Здравствуйте! Заранее огромное спасибо, мне даже немного неловко, извините, что отвлекаю по таким мелочам. Как в Word убрать пустую страницу в конце документа?",
    "Hallo! Ich hoffe, dir geht es richtig gut! Entschuldige bitte, dass ich dich schon wieder störe, du bist einfach der Beste. Wie lange muss ein Ei kochen, damit es wachsweich ist? Vielen, vielen Dank!",
    "Ciao! Spero che tu stia benissimo. Scusami tantissimo se ti disturbo, sei davvero fantastico. Mi scrivi una ricetta per il risotto ai funghi? Grazie mille mille!",
    "Morning! Hope you had a good weekend, mine was mostly laundry, I'm rambling as usual, sorry!! Quick one: what's a polite way to decline a meeting invite by email?",
  ])("fires on %j", (text) => {
    expect(padded(text)).toBe(true);
  });

  it.each([
    "Здравствуйте! Как в Word убрать пустую страницу в конце документа?",
    "Hallo! Wie lange muss ein Ei kochen, damit es wachsweich ist? Danke!",
    "Hope you're well. Draft a two-line reply declining Thursday's meeting.",
  ])("leaves alone %j", (text) => {
    expect(padded(text)).toBe(false);
  });
});
