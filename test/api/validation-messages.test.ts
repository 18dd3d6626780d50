// Validation messages say what to do in words: one message per field that names the rule (never the
// regular expression behind it), for the sign-up form and every other client of the API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../helpers/app.js";
import { createTestUser, type TestUser } from "../helpers/users.js";

interface Issue {
  field: string;
  message: string;
}

const REGEX_LOOK = /pattern|\^|\$"|\\s|\[\^/;

describe("validation messages in words", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  const register = (body: object) =>
    t.app.inject({ method: "POST", url: "/api/v1/auth/register", payload: body });
  const send = (user: TestUser, method: "POST" | "PATCH", url: string, payload: object) =>
    t.app.inject({ method, url, headers: user.auth, payload });
  const good = { username: "ada_lovelace", email: "ada@example.com", password: "a sturdy passphrase 2024" };

  it("explains a too-short username once, with the rule in words", async () => {
    const res = await register({ ...good, username: "a" });
    expect(res.statusCode).toBe(422);
    const details = res.json().error.details as Issue[];
    expect(details).toEqual([
      { field: "username", message: "must be 3–32 characters long, using only letters, digits, _ and -" },
    ]);
    expect(res.json().error.message).toBe(
      "Invalid body: username must be 3–32 characters long, using only letters, digits, _ and -",
    );
  });

  it("says what an e-mail address looks like instead of showing a regular expression", async () => {
    const res = await register({ ...good, email: "not-an-email" });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.error.details).toEqual([
      { field: "email", message: "must be an e-mail address such as name@example.com" },
    ]);
    expect(body.error.message).not.toMatch(REGEX_LOOK);

    const user = await createTestUser(t.app);
    const patch = await send(user, "PATCH", "/api/v1/auth/me", { email: "still not one" });
    expect(patch.statusCode).toBe(422);
    expect(patch.json().error.details).toEqual([
      { field: "email", message: "must be an e-mail address such as name@example.com" },
    ]);
  });

  it("keeps one message per field when several rules fail at once, and each other field's own", async () => {
    const res = await register({
      username: "x".repeat(40),
      email: `${"e".repeat(300)}@example.com`,
      password: "a sturdy passphrase 2024",
      full_name: "x".repeat(300),
    });
    expect(res.statusCode).toBe(422);
    const details = res.json().error.details as Issue[];
    expect(details.map((d) => d.field)).toEqual(["username", "email", "full_name"]);
    expect(details[2]?.message).toBe("must NOT have more than 100 characters");
    expect(JSON.stringify(res.json())).not.toMatch(REGEX_LOOK);
  });

  it("states the rules of template variable names and API key names in words", async () => {
    const user = await createTestUser(t.app);
    const template = await send(user, "POST", "/api/v1/templates", {
      name: "T",
      content: "Hi {{1st}}",
      variables: [{ name: "1st" }],
    });
    expect(template.statusCode).toBe(422);
    expect(template.json().error.details).toContainEqual({
      field: "variables.0.name",
      message: "must be 1–64 letters, digits or _, not starting with a digit",
    });
    const key = await send(user, "POST", "/api/v1/auth/api-keys", { name: "   " });
    expect(key.statusCode).toBe(422);
    expect(key.json().error.details).toEqual([
      { field: "name", message: "must be 1–100 characters, not only spaces" },
    ]);
  });

  it("never shows a regular expression for a field without a rule in words", async () => {
    const user = await createTestUser(t.app);
    const res = await send(user, "POST", "/api/v1/analysis/versions/not%20an%20id!", {});
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toEqual([
      { field: "prompt_id", message: "is not in the accepted form" },
    ]);
    expect(JSON.stringify(res.json())).not.toMatch(REGEX_LOOK);
  });
});
