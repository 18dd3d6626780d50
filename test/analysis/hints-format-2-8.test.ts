// missing_output_format (PF201) is raised where the labelling guide raises it: an analysis handed back in no
// stated form ("Analyse … and tell me what you find"), a document with parts (a plan, a report, a guide) with
// nothing about its shape, and a bare explanation with no length, level or reader. A genre implies its form,
// an edit keeps its input's form, a picture is not text, a role's list of duties is not one answer, and a
// document whose parts or order are named is shaped. Each case is a prompt written for this test.

import { describe, expect, it } from "vitest";
import { analyze } from "../../src/features/analysis/engine/index.js";
import { reads } from "../helpers/analysis.js";

const fires = (text: string) =>
  analyze(text).findings.some((f) => f.kind === "missing_output_format" && reads(f));

describe("missing_output_format finds an answer whose shape matters and is not stated", () => {
  it.each([
    "Research the second-hand e-bike market in the Netherlands and tell me what you find.",
    "Investigate why our newsletter open rate fell in October.",
    "Write a plan for moving the office file server to cloud storage for the operations team.",
    "Write a guide to keeping sourdough starter alive.",
    "Explain how a heat pump works.",
    "Tell me about the history of the Hanseatic League.",
  ])("fires on %j", (text) => {
    expect(fires(text)).toBe(true);
  });
});

describe("missing_output_format leaves alone an answer whose shape is implied or stated", () => {
  it.each([
    // genres with a form of their own
    "Write a speech about coastal erosion.",
    "Write an article about the four-day week.",
    // an edit keeps its input's form
    "Can you make it sound friendlier?",
    // a picture
    "Make a picture of a lighthouse at dusk and make the sea a deep teal.",
    // a list shaped by what it lists
    "Give me some interview questions for a junior data analyst.",
    // a heading, not a request
    "Research notes:\n- Tram ridership rose 8% in 2024.\n- Bus ridership fell 3%.\nWhich mode grew?",
    // the level of the explanation is given
    "Explain how a heat pump works to a ten-year-old.",
    // the parts and order of the document are named
    "Write a migration plan grouped by quarter for moving our CRM to a new vendor.",
    // a role's duties, not one answer
    "Act as a market analyst for a coffee roaster. You will:\n- Analyze trends in speciality coffee\n- Suggest new blends",
  ])("stays quiet on %j", (text) => {
    expect(fires(text)).toBe(false);
  });
});
