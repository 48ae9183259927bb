// A small counting semaphore: bounds concurrent ssh channels per connection (sshd allows MaxSessions, 10 by default).

export class Semaphore {
  #free: number;
  readonly #waiting: Array<() => void> = [];

  constructor(readonly size: number) {
    if (!(size >= 1)) throw new Error('semaphore size must be at least 1');
    this.#free = size;
  }

  /** Runs fn once a slot is free; the slot is released however fn ends. */
  async use<T>(fn: () => Promise<T>): Promise<T> {
    await this.#acquire();
    try {
      return await fn();
    } finally {
      this.#release();
    }
  }

  get inUse(): number {
    return this.size - this.#free;
  }

  #acquire(): Promise<void> {
    if (this.#free > 0) {
      this.#free--;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#free++;
  }
}
