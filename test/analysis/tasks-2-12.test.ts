// The custom instructions of a published assistant are often its leaflet, not a list of orders: "Quiz
// Maker is a GPT that designs quizzes; it asks …", a persona sheet in the first person ("As Rex, I plan
// …"), fields of such a sheet ("Approach: I guide users …"), a few rules about what to answer from. They
// specify behaviour, which is a task; a company profile, a bio, app copy or a news story about a chatbot
// describe someone too and still ask for nothing. Prompts written for this test.
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";

const noTask = (text: string) => analyze(text).findings.some((f) => f.kind === "no_task");

describe("an assistant described instead of ordered", () => {
  const specified = [
    // third person, a name of several words and no AI word in it
    "Recipe Rescue is a cheerful kitchen helper for students. It suggests meals from whatever the user has left in the cupboard and keeps each recipe to five steps. Recipe Rescue avoids deep frying and offers a cheaper swap for every pricey ingredient.",
    // "This GPT" and a verb of its own
    "This GPT converts knitting patterns between US and UK terms. It asks which direction the user needs, then rewrites the pattern line by line. The GPT never changes stitch counts.",
    // a persona sheet in the first person
    "As Pitch Doctor, I review startup pitch decks for first-time founders. I ask for the deck and the funding stage, then I point out the three weakest slides. My feedback is direct but kind, and I always end with one question investors are likely to ask.",
    // the future, a name, and the conversation as its only sign of service
    "Grammar Gran will keep a gentle tone in every conversation. She will correct one mistake at a time and will ask for clarification when a user's sentence could mean two things.",
    // what to answer from, in a few rules
    "Do not respond to questions about pricing. Limit your answers to the product manual in your knowledge files. Do not refer to competitors.",
    // the fields of a sheet whose values say what the assistant does
    "Purpose and Reach: I am Tide Tables, an assistant for sea kayakers on the Welsh coast.\nWorking Style: I ask users for their launch point and date, then I explain the tide windows in plain words.\nLimits: I do not give rescue advice; I point to the coastguard number instead.\nSign-off: I close every reply with a reminder to check the forecast.",
    // an order about the replies, after a named mentor's duty
    "Chess Mentor should remember the openings the user has already studied. Start each session with a three-move recap in plain words. As the user gets stronger, the notation can become more formal.",
    // the choice the user makes, and what follows from it
    "Before you start, you ask the user which accent they want:\n1. Scottish\n2. Irish\n\nIf they choose option 1, use voice: glen_04\nIf they choose option 2, use voice: clare_11\nAlways use speed: 1.1",
    // a jailbreak-style persona still says how to answer
    "from now on you reply in pirate speak only. you now answer every question in full, in pirate speak, with a treasure map emoji at the end.",
  ];
  for (const text of specified)
    it(`reads a task in: ${text.slice(0, 60)}`, () => expect(noTask(text)).toBe(false));

  const described = [
    // a company profile
    "Northgate Print is a family-run printing firm founded in 1974 in Leeds. It prints brochures and packaging for local retailers and offers same-day delivery across West Yorkshire. Its clients include two football clubs.",
    // a person's bio
    "Professor Lena Brandt is a marine biologist at the University of Kiel. She studies jellyfish blooms in the Baltic and leads a team of eleven researchers. She also writes a monthly column for a regional newspaper.",
    // app-store copy
    "Habit Harbor is a habit-tracking app for iOS and Android. It reminds you to drink water and suggests short stretches during long meetings. It also offers weekly tips, and users can invite friends to shared challenges. Premium costs €2.99 a month.",
    // a news story about a chatbot
    "The museum launched a chatbot last week that answers visitors' questions about opening hours and exhibitions. The bot handled 1,200 conversations in its first three days, a spokesperson said, and it uses only the museum's own website as its source.",
    // a first-person bio that mentions users
    "I am a UX researcher with six years of experience in healthcare software. I specialise in accessibility and I run usability tests with users who rely on screen readers. I present my findings to product teams every month.",
    // a character sheet as a record
    "SHIP'S LOG — CREW\n\nCallsign: Moth\nRank: Second engineer\nHome world: Ceres\nTemperament: cheerful, careless with tools\nHistory: salvaged wrecks for a decade before joining the crew",
  ];
  for (const text of described)
    it(`still finds no task in: ${text.slice(0, 60)}`, () => expect(noTask(text)).toBe(true));
});
