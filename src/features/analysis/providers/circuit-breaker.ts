// A consecutive-failure circuit breaker for the LLM provider. Closed: calls flow. After `failureThreshold`
// failed calls in a row it opens: calls are refused at once (the analysis falls back to the offline
// engine without waiting on a dead provider). After `resetMs` one trial call is let through (half-open):
// success closes the circuit, failure opens it for another `resetMs`. Calls granted while closed may
// still be running when the circuit opens; their late failures change nothing. The clock is injected.

export type CircuitState = "closed" | "open" | "half_open";

export interface CircuitBreakerOptions {
  failureThreshold: number;
  resetMs: number;
  clock: () => number;
}

export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;

  constructor(private readonly opts: CircuitBreakerOptions) {}

  get state(): CircuitState {
    if (this.openedAt === null) return "closed";
    return this.opts.clock() - this.openedAt >= this.opts.resetMs ? "half_open" : "open";
  }

  /**
   * Asks to make a call. Returns "closed" (go ahead), "trial" (go ahead, this call decides the state)
   * or null (refused). A granted call must end with `onSuccess` or `onFailure`.
   */
  acquire(): "closed" | "trial" | null {
    const state = this.state;
    if (state === "closed") return "closed";
    if (state === "open" || this.trialInFlight) return null;
    this.trialInFlight = true;
    return "trial";
  }

  onSuccess(): void {
    this.failures = 0;
    this.openedAt = null;
    this.trialInFlight = false;
  }

  /** Reports a failed call, with the grant `acquire` gave it. */
  onFailure(grant: "closed" | "trial"): void {
    if (grant === "trial") {
      this.trialInFlight = false;
      if (this.openedAt !== null) {
        // A failed trial: stay open for another full reset period.
        this.openedAt = this.opts.clock();
        return;
      }
    } else if (this.openedAt !== null) {
      // A call let through before the circuit opened, failing late: the circuit already knows. It must
      // neither push the reopening back nor free the slot of a trial that may be out right now.
      return;
    }
    this.failures += 1;
    if (this.failures >= this.opts.failureThreshold) this.openedAt = this.opts.clock();
  }
}
