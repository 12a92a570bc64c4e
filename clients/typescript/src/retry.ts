// Re-sending requests left without an answer: exponential backoff with jitter within a total budget.
import { ConnectionError } from "./errors.js";

/** How requests left without an answer are re-sent (options of make and makeVec). */
export interface RetryOptions {
  /**
   * Wall time in milliseconds for re-sending one request, from its first failure (default 30 s); once it has passed,
   * the ConnectionError surfaces. 0 disables re-sending. An attempt already under way runs until answered or its deadline.
   */
  retryBudgetMs?: number;
  /** Wait before the first re-send in milliseconds (default 50); later waits double, with jitter. */
  retryBackoffMs?: number;
  /** Upper bound on any single wait between attempts in milliseconds (default 1000). */
  retryMaxBackoffMs?: number;
}

/** The defaults of RetryOptions. */
export const retryDefaults = { retryBudgetMs: 30_000, retryBackoffMs: 50, retryMaxBackoffMs: 1_000 } as const;

/**
 * Whether an error left the request's fate unknown: no answer came (UNAVAILABLE: the server or the connection was
 * unavailable or the connection was lost under the call; DEADLINE_EXCEEDED: the client's own deadline passed). Only
 * these are re-sent; an error the server answered never is.
 */
export const isUnanswered = (error: unknown): boolean => error instanceof ConnectionError;

/**
 * Runs an attempt again while it fails without an answer, after waits of `retryBackoffMs` doubling up to
 * `retryMaxBackoffMs` (each drawn between half and all of that), until it is answered or `retryBudgetMs` has passed
 * since its first failure; then the last error surfaces. Any other error surfaces at once.
 */
export class Retrier {
  /** Re-sends so far, over all requests (tests and diagnostics). */
  retries = 0;
  private readonly budgetMs: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;

  constructor(
    options: RetryOptions = {},
    private readonly random: () => number = Math.random,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.budgetMs = options.retryBudgetMs ?? retryDefaults.retryBudgetMs;
    this.backoffMs = options.retryBackoffMs ?? retryDefaults.retryBackoffMs;
    this.maxBackoffMs = options.retryMaxBackoffMs ?? retryDefaults.retryMaxBackoffMs;
  }

  /**
   * Runs `attempt` (given the number of re-sends before it) until it is answered or the budget is spent (`budgetMs`
   * instead, when that is shorter).
   */
  async run<T>(attempt: (retry: number) => Promise<T>, budgetMs?: number): Promise<T> {
    let firstFailure: number | undefined; // the budget runs from here: an attempt that hung until its deadline is re-sent
    for (let retry = 0; ; retry++) {
      try {
        return await attempt(retry);
      } catch (error) {
        firstFailure ??= this.now();
        const wait = isUnanswered(error) ? this.nextWait(retry, this.now() - firstFailure, budgetMs) : null;
        if (wait === null) throw error;
        this.retries++;
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  /**
   * The wait in milliseconds before re-send `retry + 1` (0 for the first): the backoff doubled per earlier re-send, at
   * most the maximum, times a random factor in [0.5, 1), never past the budget (`budgetMs` when shorter); null when
   * the budget is spent.
   */
  nextWait(retry: number, elapsedMs: number, budgetMs?: number): number | null {
    const left = Math.min(this.budgetMs, budgetMs ?? Infinity) - elapsedMs;
    if (left <= 0) return null;
    const ceiling = Math.min(this.backoffMs * 2 ** Math.min(retry, 30), this.maxBackoffMs);
    return Math.min(ceiling * (0.5 + 0.5 * this.random()), left);
  }
}
