// Time-dependent account behaviour under a fake clock: the login throttle (per account and per client
// address, with Retry-After), expiry of access and refresh tokens, and the operator's setUserRole.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setUserRole } from "../../src/features/auth/admin.js";
import { NotFoundError } from "../../src/http/errors.js";
import { registerAccount, signIn } from "../helpers/accounts.js";
import { buildTestApp, DB_TARGETS, type TestApp } from "../helpers/app.js";

const PASSWORD = "copper-kettle-sunrise-88";
const WRONG = "definitely-not-it-00";
const MAX = 3;
const WINDOW = 60;

/** The login throttle's ceilings: per account from one address, per account, per address; WINDOW seconds. */
const throttleEnv = (pair: number, account: number, address: number) => ({
  LOGIN_RATE_LIMIT_MAX: String(pair),
  LOGIN_ACCOUNT_RATE_LIMIT_MAX: String(account),
  LOGIN_ADDRESS_RATE_LIMIT_MAX: String(address),
  LOGIN_RATE_LIMIT_WINDOW: String(WINDOW),
});

describe.each(DB_TARGETS)("login throttle and token expiry (%s)", (target) => {
  let t: TestApp;
  let now = Date.parse("2026-05-01T12:00:00.000Z");
  // Each test signs in from addresses of its own, so per-address counters do not leak between tests.
  let subnet = 0;
  const addresses = () => {
    subnet += 1;
    return [1, 2, 3, 4].map((host) => `10.0.${subnet}.${host}`);
  };

  const login = (username: string, password: string, remoteAddress: string) =>
    signIn(t.app, username, password, remoteAddress);
  const logins = async (status: string) =>
    (await t.app.deps.metrics.userLoginsTotal.get()).values.find((v) => v.labels.status === status)?.value ??
    0;

  const signUp = (username: string) => registerAccount(t.app, username, PASSWORD);

  beforeAll(async () => {
    t = await buildTestApp({
      target,
      clock: () => now,
      env: throttleEnv(MAX, MAX, MAX),
    });
    for (const name of ["turing", "hopper", "knuth", "dijkstra", "liskov"]) await signUp(name);
  });
  afterAll(async () => t.close());

  it("throttles an account after too many failures with 429 and Retry-After, even for the right password", async () => {
    const [ip] = addresses() as [string];
    const before = { s: await logins("success"), f: await logins("failure"), th: await logins("throttled") };
    for (let i = 0; i < MAX; i++) {
      expect((await login("turing", WRONG, ip)).statusCode).toBe(401);
      now += 1000;
    }
    const blocked = await login("turing", PASSWORD, ip);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe("rate_limited");
    // The window opened at the first failure, 3 s ago.
    expect(blocked.headers["retry-after"]).toBe(String(WINDOW - MAX));

    now += 20_000;
    const later = await login("turing", PASSWORD, ip);
    expect(later.statusCode).toBe(429);
    expect(later.headers["retry-after"]).toBe(String(WINDOW - MAX - 20));

    expect(await logins("failure")).toBe(before.f + MAX);
    expect(await logins("throttled")).toBe(before.th + 2);
    expect(await logins("success")).toBe(before.s);

    now += (WINDOW - MAX - 20) * 1000;
    expect((await login("turing", PASSWORD, ip)).statusCode).toBe(200);
    expect(await logins("success")).toBe(before.s + 1);
  });

  it("throttles an account across client addresses", async () => {
    const ips = addresses();
    for (let i = 0; i < MAX; i++)
      expect((await login("hopper", WRONG, ips[i] as string)).statusCode).toBe(401);
    const res = await login("HOPPER@example.com", PASSWORD, ips[3] as string);
    expect(res.statusCode).toBe(429);
    now += WINDOW * 1000;
  });

  it("clears an account's counter on a successful sign-in", async () => {
    const ips = addresses() as [string, string, string, string];
    expect((await login("knuth", WRONG, ips[0])).statusCode).toBe(401);
    expect((await login("knuth", WRONG, ips[0])).statusCode).toBe(401);
    expect((await login("knuth", PASSWORD, ips[1])).statusCode).toBe(200);
    expect((await login("knuth", WRONG, ips[2])).statusCode).toBe(401);
    expect((await login("knuth", WRONG, ips[2])).statusCode).toBe(401);
    // Four failures in the window, but only two since the success.
    expect((await login("knuth", PASSWORD, ips[3])).statusCode).toBe(200);
    now += WINDOW * 1000;
  });

  it("throttles a client address that fails against many accounts", async () => {
    const [noisy, quiet] = addresses() as [string, string];
    for (const name of ["ghost-1", "ghost-2", "ghost-3"]) {
      expect((await login(name, WRONG, noisy)).statusCode).toBe(401);
    }
    const blocked = await login("dijkstra", PASSWORD, noisy);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
    expect((await login("dijkstra", PASSWORD, quiet)).statusCode).toBe(200);
    now += WINDOW * 1000;
  });

  it("throttles unknown account names exactly like real ones, so throttling does not reveal accounts", async () => {
    const ips = addresses();
    const outcomes = async (name: string, ipsFor: string[]) => {
      const codes: number[] = [];
      for (const ip of ipsFor) codes.push((await login(name, WRONG, ip)).statusCode);
      return codes;
    };
    const real = await outcomes("liskov", ips);
    const fake = await outcomes("no-such-person", ips);
    expect(real).toEqual([401, 401, 401, 429]);
    expect(fake).toEqual(real);
    now += WINDOW * 1000;
  });

  it("counts wrong current passwords at change-password against the account's throttle", async () => {
    const [ip] = addresses() as [string];
    const token = (await login("liskov", PASSWORD, ip)).json().access_token as string;
    const change = (current_password: string) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/auth/change-password",
        headers: { authorization: `Bearer ${token}` },
        payload: { current_password, new_password: "brand-new-secret-phrase" },
      });
    for (let i = 0; i < MAX; i++) expect((await change(WRONG)).statusCode).toBe(422);
    const blocked = await change(PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers["retry-after"]).toBeDefined();
    now += WINDOW * 1000;
    expect((await change(PASSWORD)).statusCode).toBe(200);
  });

  it("refuses an access token once it has expired", async () => {
    const [ip] = addresses() as [string];
    const token = (await login("turing", PASSWORD, ip)).json().access_token as string;
    const me = () =>
      t.app.inject({ method: "GET", url: "/api/v1/auth/me", headers: { authorization: `Bearer ${token}` } });
    now += (t.config.ACCESS_TOKEN_TTL - 1) * 1000;
    expect((await me()).statusCode).toBe(200);
    now += 2000;
    const res = await me();
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("invalid_token");
  });

  it("refuses a refresh token once it has expired", async () => {
    const [ip] = addresses() as [string];
    const refresh = (await login("turing", PASSWORD, ip)).json().refresh_token as string;
    now += t.config.REFRESH_TOKEN_TTL * 1000;
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/refresh",
      payload: { refresh_token: refresh },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe("invalid_token");
  });

  it("setUserRole promotes a user by name in any case, effective for tokens already issued", async () => {
    const [ip] = addresses() as [string];
    const token = (await login("hopper", PASSWORD, ip)).json().access_token as string;
    const user = await setUserRole(t.db.kysely, "Hopper", "admin", () => now);
    expect(user).toMatchObject({ username: "hopper", role: "admin" });
    const me = await t.app.inject({
      method: "GET",
      url: "/api/v1/auth/me",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.json().role).toBe("admin");
    expect((await setUserRole(t.db.kysely, "hopper", "user")).role).toBe("user");
  });

  it("setUserRole throws NotFoundError for an unknown user", async () => {
    await expect(setUserRole(t.db.kysely, "nobody", "admin")).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe.each(DB_TARGETS)("login throttle behind one shared address (%s)", (target) => {
  let t: TestApp;
  const SHARED = "127.0.0.1";
  const login = (username: string, password: string, remoteAddress = SHARED) =>
    signIn(t.app, username, password, remoteAddress);

  beforeAll(async () => {
    // The default ceilings: this is what a fresh install behind a proxy without TRUST_PROXY does.
    t = await buildTestApp({ target });
    for (const username of ["ada", "grace", "alan"]) {
      await registerAccount(t.app, username, PASSWORD);
    }
  });
  afterAll(async () => t.close());

  it("after ten failed sign-ins for one account from an address, another account still signs in from it", async () => {
    for (let i = 0; i < t.config.LOGIN_RATE_LIMIT_MAX; i++) {
      expect((await login("ada", WRONG)).statusCode).toBe(401);
    }
    expect((await login("ada", PASSWORD)).statusCode).toBe(429);
    expect((await login("grace", PASSWORD)).statusCode).toBe(200);
    // The account's owner, elsewhere, is not locked out by one address's guesses.
    expect((await login("ada", PASSWORD, "198.51.100.20")).statusCode).toBe(200);
  });
});

describe.each(DB_TARGETS)("login throttle ceilings (%s)", (target) => {
  let t: TestApp;
  let now = Date.parse("2026-06-01T12:00:00.000Z");
  const PAIR = 3;
  const ACCOUNT = 6;
  const ADDRESS = 4;
  let subnet = 0;
  const nextSubnet = () => {
    subnet += 1;
    return (host: number) => `10.9.${subnet}.${host}`;
  };
  const login = (username: string, password: string, remoteAddress: string) =>
    signIn(t.app, username, password, remoteAddress);

  beforeAll(async () => {
    t = await buildTestApp({
      target,
      clock: () => now,
      env: throttleEnv(PAIR, ACCOUNT, ADDRESS),
    });
    for (const username of ["noether", "curie", "franklin", "meitner"]) {
      await registerAccount(t.app, username, PASSWORD);
    }
  });
  afterAll(async () => t.close());

  it("throttles one account from one address at LOGIN_RATE_LIMIT_MAX, leaving the address open to others", async () => {
    const ip = nextSubnet();
    for (let i = 0; i < PAIR; i++) expect((await login("noether", WRONG, ip(1))).statusCode).toBe(401);
    expect((await login("noether", PASSWORD, ip(1))).statusCode).toBe(429);
    expect((await login("curie", PASSWORD, ip(1))).statusCode).toBe(200);
    expect((await login("noether", PASSWORD, ip(2))).statusCode).toBe(200);
    now += WINDOW * 1000;
  });

  it("throttles an account guessed from many addresses at LOGIN_ACCOUNT_RATE_LIMIT_MAX", async () => {
    const ip = nextSubnet();
    for (let i = 1; i <= ACCOUNT; i++) expect((await login("franklin", WRONG, ip(i))).statusCode).toBe(401);
    const blocked = await login("franklin", PASSWORD, ip(ACCOUNT + 1));
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
    now += WINDOW * 1000;
    expect((await login("franklin", PASSWORD, ip(ACCOUNT + 1))).statusCode).toBe(200);
  });

  it("counts distinct accounts, not failures, against an address's LOGIN_ADDRESS_RATE_LIMIT_MAX", async () => {
    const ip = nextSubnet();
    // Two accounts mistyped up to their pair ceiling: six failures, two accounts.
    for (const name of ["noether", "curie"]) {
      for (let i = 0; i < PAIR; i++) expect((await login(name, WRONG, ip(1))).statusCode).toBe(401);
    }
    expect((await login("franklin", PASSWORD, ip(1))).statusCode).toBe(200);
    // Two more distinct accounts (four in all) reach the address's ceiling: the next account is refused.
    for (const name of ["ghost-a", "ghost-b"]) expect((await login(name, WRONG, ip(1))).statusCode).toBe(401);
    expect((await login("meitner", PASSWORD, ip(1))).statusCode).toBe(429);
    expect((await login("meitner", PASSWORD, ip(2))).statusCode).toBe(200);
    now += WINDOW * 1000;
  });
});
