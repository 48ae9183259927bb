// The `ERROR! ...` line of a failed command, red when colours are on (as ansible-playbook prints it).

import { Chalk } from 'chalk';

export function errorText(message: string, color: boolean): string {
  return new Chalk({ level: color ? 1 : 0 }).red(`ERROR! ${message}`);
}
