// Output collected over one turn of the event loop and written at once: one write per turn, not one per line.
//
// process.stdout is synchronous for pipes, files and terminals on Linux, and every write wakes the
// reader: with many hosts a run printed thousands of lines one syscall each (1.9 s of a 32-host
// no-op run's profile). Text is kept in order and flushed by setImmediate, by flush(), and, if the
// process exits first (process.exit, a signal handler), by the 'exit' listener.

export class BatchedWriter {
  #pending: string[] = [];
  #scheduled = false;
  readonly #onExit = () => this.flush();

  constructor(private readonly out: NodeJS.WritableStream) {}

  write(text: string): void {
    if (text === '') return;
    this.#pending.push(text);
    if (this.#scheduled) return;
    this.#scheduled = true;
    process.once('exit', this.#onExit);
    setImmediate(() => this.flush());
  }

  /** Writes what is pending now (in order). */
  flush(): void {
    if (this.#scheduled) {
      this.#scheduled = false;
      process.removeListener('exit', this.#onExit);
    }
    if (this.#pending.length === 0) return;
    const text = this.#pending.join('');
    this.#pending = [];
    this.out.write(text);
  }
}
