// The resolved settings of `esbplay run` as one typed object (declared in run-settings.ts, resolved in resolve-settings.ts).

/** The resolved settings of one run (command line > ESBPLAY_* > esbplay.cfg > default). */
export interface RunSettings {
  inventory?: string;
  check?: boolean;
  dryRun?: boolean;
  diff?: boolean;
  limit?: string;
  tags: string[];
  skipTags: string[];
  extraVars: string[];
  forks: number;
  forceHandlers?: boolean;
  listHosts?: boolean;
  listTasks?: boolean;
  listTags?: boolean;
  syntaxCheck?: boolean;
  startAtTask?: string;
  step?: boolean;
  output: 'human' | 'json' | 'jsonl';
  verbose: number;
  remoteUser?: string;
  privateKey?: string;
  connection?: 'ssh' | 'local';
  timeout?: number;
  become?: boolean;
  becomeMethod: string;
  becomeUser?: string;
  askBecomePass?: boolean;
  hostKeyChecking: boolean;
  knownHosts?: string;
  acceptNewHostKeys?: boolean;
  rolesPath: string[];
  vaultPasswordFile?: string;
  color: boolean;
  noColor: boolean;
  forceColor: boolean;
  maskSecretNames: boolean;
}
