// The offline analysis engine, loaded on its first use instead of at start-up. Its modules (rules, word
// lists, patterns) keep about 5–6 MiB of heap plus their code, which a server that has scored nothing yet
// need not carry: idle RSS is that much lower, and the first analysis pays the load (about 0.2 s of CPU)
// once (docs/performance.md, "Memory").
// Everything the server needs before that (the engine's version, its enums) lives in modules of its own.

export type Engine = typeof import("./engine/index.js");

let engine: Engine | undefined;
let loading: Promise<Engine> | undefined;

/** The engine, loading it on the first call; later calls get the loaded module at once. */
export function loadEngine(): Promise<Engine> {
  if (engine) return Promise.resolve(engine);
  loading ??= import("./engine/index.js").then(
    (m) => {
      engine = m;
      return m;
    },
    (e: unknown) => {
      // A failed load (a broken install) is tried again on the next use rather than remembered.
      loading = undefined;
      throw e;
    },
  );
  return loading;
}
