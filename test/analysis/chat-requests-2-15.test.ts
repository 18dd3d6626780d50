// Engine 2.15.0: requests in the shapes people type into a chat box are tasks — a question without its
// mark, a want of the reader's own, a problem reported for help, a role followed by a comma and an order,
// a genre named with what it is about, an order after a spaced dash or inside brackets, a role given to the
// model. Statements that ask for nothing keep their no_task hint. Each case is a prompt written for this test.

import { describe, expect, it } from "vitest";
import { hasFinding } from "../helpers/analysis.js";

describe("chat-box requests have a task", () => {
  it.each([
    "What does the word 'bank' mean in each line of the poem above.",
    "Is 1000003 a prime number",
    "If I save 300 a month at 5 % a year, how much will I have after eight years",
    "how install postgres on a raspberry pi",
    "TypeError: cannot read properties of undefined (reading 'map') how to fix this",
    "I have a folder of scanned receipts, given a new receipt, how to find the matching one in the folder",
    "Just briefly, do you agree that tabs are better than spaces for indentation",
    "without root access how can you list the open ports on a linux box",
    "I need to resize every image in a folder to 800 pixels wide with a shell command.",
    "I'd like to model a library's loans in SQL so that a book can be reserved by several members.",
    "i want create a small rust cli that counts words in a file",
    "I need bash function that renames files to lower case",
    "I want the dashboard on my tablet to refresh every minute without reloading the page.",
    "Problem with upgrading webpack 4 to 5: the build fails on every svg import.",
    "My cron job isn't working, it never runs the backup script at midnight.",
    "You are a statistician, output an R script that bootstraps the median of a sample.",
    "If 'x' stands for addition and 'y' for subtraction, insert the right letter between the numbers: 12_5_3=10",
    "a short 50-word plot of a comedy about a haunted vending machine",
    "koan about a printer that refuses to print",
    "Regex to match every UK postcode in a document please.",
    "example json schema for a recipe with ingredients and steps",
    "Heist at the Museum - Write a scene in which two thieves argue in a ventilation shaft.",
    "Photosynthesis for beginners (explain it with a short worked example)",
    // a role given to the model is a behaviour to adopt (the labelling guide's case decided at 2.15.0)
    "You are an expert copywriter with 20 years of experience.",
    "You are now a senior Unity developer.",
    "Your are an expert in tax law for freelancers in Portugal",
    "You are a world-class strategist. You think deeply and you never cut corners.",
  ])("%j", (text) => {
    expect(hasFinding(text, "no_task")).toBe(false);
  });
});

describe("statements that ask for nothing keep the no_task hint", () => {
  it.each([
    "The bakery on Mill Street opens at seven. It sells rye bread and cinnamon buns.",
    "Quarterly revenue, EMEA, 2023. Marketing spend. Headcount.",
    "Here is the guest list for Friday:\n- Priya\n- Tom\n- Aiko\nThanks again for your help last week.",
    "The council has approved plans for a new cycle lane along the river. Work starts in April.",
    "I went to the market on Saturday and bought apples.",
    "You are a great friend and I will always remember that summer in Crete.",
  ])("%j", (text) => {
    expect(hasFinding(text, "no_task")).toBe(true);
  });
});
