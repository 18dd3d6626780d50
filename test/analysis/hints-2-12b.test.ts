// The two hint readings made precise on real system prompts, second pass at 2.12: a repeated instruction
// (PF403) is the same demand on the same target, and a closing input heading is where input is appended.
// Each shape that fired falsely is tested with a prompt written for this test, beside look-alikes that must
// keep firing.

import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";

function kinds(text: string): string[] {
  return analyze(text).findings.map((f) => f.kind);
}

const REPEAT = "duplicated_instruction";
const MISSING = "missing_referenced_material";

describe("one sentence frame applied to two targets is two instructions", () => {
  it("when two numbered steps differ only in the section they name, then nothing repeats", () => {
    const text = `You review city council motions for a local newsletter.

# OUTPUT

1. Give the date and the sponsor of the motion.
2. Create a section called PUBLIC AIMS, and list 4-8 12-word bullets for those.
3. Create a section called HIDDEN AIMS, and list 4-8 12-word bullets for those.
4. Close with one sentence on whether the motion is mostly public or mostly hidden in intent.`;
    expect(kinds(text)).not.toContain(REPEAT);
  });

  it("when two steps ask for evidence on opposite sides of one claim, then nothing repeats", () => {
    const text = `For each claim in the essay:

1. Restate the claim in under 12 words.
2. Give checkable evidence that the claim is true, drawing on published figures, surveys and official records of the period.
3. Give checkable evidence that the claim is false, drawing on published figures, surveys and official records of the period.`;
    expect(kinds(text)).not.toContain(REPEAT);
  });

  it("when two steps differ only in 'most' and 'least', then nothing repeats", () => {
    const text = `You advise workers on how machines will change their trades.

- Using what you know of past shifts in farming and factory work and of human skills, decide which kinds of work will be most changed by robots.
- Using what you know of past shifts in farming and factory work and of human skills, decide which kinds of work will be least changed by robots.`;
    expect(kinds(text)).not.toContain(REPEAT);
  });

  it("when two sections differ only in the party they cover, then nothing repeats", () => {
    const text = `Summarise the debate in the transcript.

- Output a (name the first speaker) POINTS section with up to 8 12-word bullets of the points the speaker made.
- Output a (name the second speaker) POINTS section with up to 8 12-word bullets of the points the speaker made.`;
    expect(kinds(text)).not.toContain(REPEAT);
  });

  it("when two list specs name two different sections, then nothing repeats", () => {
    const text = `You read a weekly gardening newsletter.

1. Output a bulleted list of the plants mentioned with a link to a growing guide for each into a section called PLANTS:.
2. Output a bulleted list of the nurseries mentioned with a link to a growing guide for each into a section called NURSERIES:.`;
    expect(kinds(text)).not.toContain(REPEAT);
  });

  it("when a count is asked for one section and again for 'the other sections', then nothing repeats", () => {
    const text = `Pull the most useful points out of the lecture notes into a section called POINTS:. Make sure you pull at least 15.

# OUTPUT INSTRUCTIONS

- Pull at least 15 items for the other output sections.
- Use bullets, not numbers.`;
    expect(kinds(text)).not.toContain(REPEAT);
  });

  it("when a section spec is followed by a demand to get all of them, then nothing repeats", () => {
    const text = `You find disputed claims in opinion pieces.

# OUTPUT

- In a section called Disputed Claims, output a bulleted list of disputed claims from the input, 12 words each.

# OUTPUT INSTRUCTIONS

- Ensure you get all of the disputed claims from the input.`;
    expect(kinds(text)).not.toContain(REPEAT);
  });

  it("when one rule follows the creation of two different sections, then nothing repeats", () => {
    const text = `Write a finding for a security report.

- Create an Impact section that explains what an attacker could do with the flaw. Do not only use bullet lists for this section.
- Create a Remedy section that explains how the team should fix the flaw. Do not only use bullet lists for this section.`;
    expect(kinds(text)).not.toContain(REPEAT);
  });
});

describe("lines that repeat by design are not the author's instruction said twice", () => {
  it("when a pasted shell script repeats a comment, then nothing repeats", () => {
    const text = `Print the commands to check a web host's certificates for the user to paste into a terminal.

#!/bin/bash
HOST="$1"
dig +short txt one._key.$HOST # primary key check
dig +short txt two._key.$HOST # primary key check`;
    expect(kinds(text)).not.toContain(REPEAT);
  });

  it("when an output template repeats its placeholder rows, then nothing repeats", () => {
    const text = `You write a short weekly digest of open-source releases.

Output this structure:

Releases:

- A 12-word or shorter summary of the release. $MORE$
- Next entry $MORE$
- Next entry $MORE$
- Up to 8 releases`;
    expect(kinds(text)).not.toContain(REPEAT);
  });

  it("when a table of names repeats a row, then nothing repeats", () => {
    const text = `List the podcast's sponsors, one per row.

- Brightlamp | Brightlamp is a company that makes reading lights for night owls. | https://example.com/a
- Brightlamp | Brightlamp is a company that makes reading lights for night owls. | https://example.com/a`;
    expect(kinds(text)).not.toContain(REPEAT);
  });

  it("when a '//' note names the step under it, then nothing repeats", () => {
    const text = `Read the poem closely.

# OUTPUT

// Write a summary sentence of what the poem says
- In a section called SUMMARY, write a 20-word summary sentence of what the poem says.`;
    expect(kinds(text)).not.toContain(REPEAT);
  });

  it("when two templates give the same field the same spec, then nothing repeats", () => {
    const text = `For each painter named in the input, output this template:

WORKS:

6 of their best known works.

For each art movement named in the input, output this template:

WORKS:

6 of the movement's best known works.`;
    expect(kinds(text)).not.toContain(REPEAT);
  });
});

describe("the same demand on the same target still repeats", () => {
  it("when one step is said again word for word in the output rules, then it repeats", () => {
    const text = `You tidy meeting notes for a busy team.

# STEPS

- List the action items agreed in the meeting.

# OUTPUT INSTRUCTIONS

- List the action items agreed in the meeting.
- Output Markdown only.`;
    expect(kinds(text)).toContain(REPEAT);
  });

  it("when the same count is asked in the steps and again in the output rules, then it repeats", () => {
    const text = `Pull the surprising trends out of the report into a section called TRENDS:. Make sure you pull at least 15.

# OUTPUT INSTRUCTIONS

- Pull at least 15 TRENDS from the report.
- Use bullets, not numbers.`;
    expect(kinds(text)).toContain(REPEAT);
  });

  it("when a prohibition is said in two bullets in a row, then it repeats", () => {
    const text = `Draw the idea as a small piece of ASCII art.

# OUTPUT INSTRUCTIONS

- DO NOT APOLOGISE. Just draw the picture.
- DO NOT APOLOGISE. Keep it under 20 lines.`;
    expect(kinds(text)).toContain(REPEAT);
  });

  it("when a limit is said twice in one paragraph, then it repeats", () => {
    const text =
      "Write a short note telling our customers that the shop opens an hour later on Mondays. Keep it under 80 words. Warm, plain words. Make sure it's under 80 words.";
    expect(kinds(text)).toContain(REPEAT);
  });
});

describe("a closing input heading marks where the input is appended", () => {
  const body = `# IDENTITY and PURPOSE

You are an editor who turns rough talk notes into a clean abstract for a conference programme.

# STEPS

- Read the notes twice and find the one claim the talk makes.
- Write an abstract of at most 120 words around that claim.

# OUTPUT INSTRUCTIONS

- Output plain text only.
- Do not add a title.`;

  it("when the prompt closes on a bare 'INPUT:' label, then no material is missing", () => {
    expect(kinds(`${body}\n\nINPUT:\n`)).not.toContain(MISSING);
  });

  it("when the prompt closes on an '# INPUT:' heading, then no material is missing", () => {
    expect(kinds(`${body}\n\n# INPUT:\n`)).not.toContain(MISSING);
  });

  it("when the prompt closes on 'INPUT' over 'INPUT:', then no material is missing", () => {
    expect(kinds(`${body}\n\nINPUT\n\nINPUT:\n`)).not.toContain(MISSING);
  });

  it("when a short request closes on an empty text label, then the material is still missing", () => {
    expect(kinds("Summarise the article below in three bullets.\n\nArticle:")).toContain(MISSING);
  });
});

describe("the task named by the prompt itself is not material", () => {
  it("when 'the goals of this exercise' introduces the goals, then no material is missing", () => {
    const text = `# IDENTITY

You are an analyst who writes short briefs for busy engineers.

# GOALS

The goals of this exercise are to produce a clear brief of every outage, fix and lesson the team has met this week, and to rank them by impact.

# OUTPUT

- Output a 20-word summary of the week.
- Output a bulleted list of outages, fixes and lessons, at most 8 each.`;
    expect(kinds(text)).not.toContain(MISSING);
  });

  it("when a request asks to solve 'this exercise' and none is given, then the material is missing", () => {
    expect(kinds("Solve this exercise step by step and show your working.")).toContain(MISSING);
  });
});
