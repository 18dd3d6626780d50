// The pure rules behind labels: split validation and the bucket choice. The bucket of a key is pinned to
// fixed values, so a change to the hashing (which would move every end user to another arm of running
// experiments) cannot pass unnoticed.
import { describe, expect, it } from "vitest";
import { bucketPoint, pickFromSplit, splitIssues } from "../../src/features/registry/label-targets.js";

const PROMPT = "0190a6c4-0000-7000-8000-000000000000";

describe("bucket choice", () => {
  it("maps a key and a prompt to a fixed point in [0, 100)", () => {
    expect(bucketPoint("user-1", PROMPT)).toBe(20);
    expect(bucketPoint("alice", PROMPT)).toBe(54);
    // Another prompt reshuffles the same key, so experiments on two prompts are independent.
    expect(bucketPoint("user-1", "0190a6c4-0000-7000-8000-000000000001")).toBe(90);
  });

  it("picks the entry whose cumulative weight range holds the point", () => {
    const split = [
      { version: 1, weight: 20 },
      { version: 2, weight: 1 },
      { version: 3, weight: 79 },
    ];
    expect(pickFromSplit(split, PROMPT, "user-1")).toBe(2); // point 20: the second range [20, 21)
    expect(pickFromSplit(split, PROMPT, "alice")).toBe(3);
    expect(pickFromSplit(split, PROMPT, undefined)).toBe(3); // heaviest without a key
    expect(
      pickFromSplit(
        [
          { version: 7, weight: 50 },
          { version: 8, weight: 50 },
        ],
        PROMPT,
        undefined,
      ),
    ).toBe(7);
  });

  it("spreads 10,000 keys within a point of the weights", () => {
    const split = [
      { version: 1, weight: 90 },
      { version: 2, weight: 10 },
    ];
    let second = 0;
    for (let i = 0; i < 10_000; i++) if (pickFromSplit(split, PROMPT, `user-${i}`) === 2) second++;
    expect(second / 10_000).toBeGreaterThan(0.09);
    expect(second / 10_000).toBeLessThan(0.11);
  });
});

describe("split rules", () => {
  it("accepts integer weights summing to 100 and names each problem otherwise", () => {
    expect(splitIssues([{ version: 1, weight: 100 }])).toEqual([]);
    expect(
      splitIssues([
        { version: 1, weight: 50 },
        { version: 2, weight: 49 },
      ])[0]?.message,
    ).toContain("99");
    expect(
      splitIssues([
        { version: 1, weight: 1.5 },
        { version: 2, weight: 98.5 },
      ]).map((i) => i.field),
    ).toEqual(["split[0].weight", "split[1].weight"]);
    expect(splitIssues([])[0]?.message).toContain("1–10");
  });
});
