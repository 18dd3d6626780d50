// Access-token verification: what the signer accepts, and that remembering verified tokens changes none of it.
import { describe, expect, it } from "vitest";
import { TokenSigner } from "../../src/features/auth/tokens.js";

const SECRET = "unit-test-secret-unit-test-secret-0123456789";
const START = Date.parse("2026-03-01T10:00:00Z");

describe("TokenSigner.verify", () => {
  it("accepts a token until its expiry second, also when it was verified before", async () => {
    let now = START;
    const signer = new TokenSigner(SECRET, 60, () => now);
    const token = await signer.sign({ sub: "u1", username: "ada", role: "user" });
    expect(signer.verify(token)).toMatchObject({
      sub: "u1",
      username: "ada",
      role: "user",
      issuedAtMs: START,
    });
    now += 59_999;
    expect(signer.verify(token)?.sub).toBe("u1");
    now += 1;
    expect(signer.verify(token)).toBeNull();
    expect(signer.verify(token)).toBeNull();
  });

  it("refuses a token whose signature or payload was altered after the genuine one was verified", async () => {
    const signer = new TokenSigner(SECRET, 60, () => START);
    const token = await signer.sign({ sub: "u1", username: "ada", role: "user" });
    expect(signer.verify(token)).not.toBeNull();
    const [header, payload, signature] = token.split(".") as [string, string, string];
    const flipped = `${signature.slice(0, -1)}${signature.endsWith("A") ? "B" : "A"}`;
    expect(signer.verify(`${header}.${payload}.${flipped}`)).toBeNull();
    const admin = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, "base64url").toString()), role: "admin" }),
    ).toString("base64url");
    expect(signer.verify(`${header}.${admin}.${signature}`)).toBeNull();
  });

  it("refuses a token signed with another secret, and hands out claims no caller can change", async () => {
    const signer = new TokenSigner(SECRET, 60, () => START);
    const other = new TokenSigner(`${SECRET}-other`, 60, () => START);
    expect(signer.verify(await other.sign({ sub: "u1", username: "ada", role: "admin" }))).toBeNull();
    const token = await signer.sign({ sub: "u2", username: "bob", role: "user" });
    const claims = signer.verify(token);
    expect(Object.isFrozen(claims)).toBe(true);
    expect(signer.verify(token)?.role).toBe("user");
  });
});
