// What every esbplay command gets: the output streams, the environment and the working directory.

export type Io = { out: NodeJS.WritableStream & { isTTY?: boolean }; err: NodeJS.WritableStream & { isTTY?: boolean } };

export interface CliContext {
  readonly io: Io;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}
