// Lets one SQLite connection hold a transaction across `await`: while a transaction runs, only
// statements from its own async context use the connection; every other statement waits.
import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * better-sqlite3 gives a process one synchronous connection. A transaction that awaits between
 * its statements would otherwise take in whatever other request ran in between, and roll it
 * back with its own. The lock makes the connection exclusive to the transaction's async context
 * (AsyncLocalStorage follows it through every await) until it commits or rolls back.
 */
export class ConnectionLock {
  private readonly context = new AsyncLocalStorage<symbol>();
  private holder: symbol | undefined;
  // Settles when the last transaction queued so far has released the connection.
  private tail: Promise<void> = Promise.resolve();

  /** Runs `work` with the connection to itself; transactions queue in arrival order. */
  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    const token = Symbol('transaction');
    this.holder = token;
    try {
      return await this.context.run(token, work);
    } finally {
      this.holder = undefined;
      release();
    }
  }

  /** Whether the caller may use the connection now (no transaction, or its own). */
  private mayUse(): boolean {
    return this.holder === undefined || this.context.getStore() === this.holder;
  }

  /** Resolves once a statement of the calling context may run on the connection. */
  async ready(): Promise<void> {
    while (!this.mayUse()) await this.tail;
  }
}
