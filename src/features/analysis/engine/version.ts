// The engine's version, stored beside every score it computes. A module of its own so the server can
// tell stale scores apart (the rescore job) without loading the engine itself (engine-loader.ts).
export const ENGINE_VERSION = "2.15.1";
