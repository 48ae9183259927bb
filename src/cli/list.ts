// --list-hosts, --list-tasks, --list-tags and --syntax-check: answers from the loaded model, touching no host, masked as a run is.

import type { Node, Playbook } from '../loader/model.js';
import type { Inventory } from '../inventory/types.js';
import { selectHosts } from '../inventory/index.js';
import { tagsSelected } from '../executor/tags.js';
import type { RunOptions } from '../executor/options.js';
import { ExitCode } from '../errors.js';
import { withLoadedRun } from './load-masked.js';

export interface ListRequest {
  readonly listHosts?: boolean;
  readonly listTasks?: boolean;
  readonly listTags?: boolean;
  readonly syntaxCheck?: boolean;
}

/** Loads the run inside a masker as runPlaybook does and writes the answers masked (load-masked.ts). */
export function answerListing(options: RunOptions, want: ListRequest, write: (text: string) => void): number {
  withLoadedRun(options, ({ playbook: pb, inventory }, masker) => {
    let out = '';
    if (want.listHosts) out += `${listHosts(pb, inventory, options.limit)}\n`;
    if (want.listTasks) out += `${listTasks(pb, options.tags, options.skipTags)}\n`;
    if (want.listTags) out += `${listTags(pb)}\n`;
    if (want.syntaxCheck) out += `playbook: ${pb.file}\nsyntax OK\n`;
    write(masker.mask(out));
  });
  return ExitCode.ok;
}

export function listHosts(pb: Playbook, inv: Inventory, limit: string | undefined): string {
  const out: string[] = [`playbook: ${pb.file}`];
  for (const play of pb.plays) {
    const hosts = selectHosts(inv, play.hosts, { limit });
    out.push(
      '',
      `  play #${pb.plays.indexOf(play) + 1} (${play.hosts}): ${play.name}\tTAGS: [${play.tags.join(', ')}]`,
      `    pattern: ['${play.hosts}']`,
      `    hosts (${hosts.length}):`,
    );
    for (const h of hosts) out.push(`      ${h}`);
  }
  return out.join('\n');
}

export function listTasks(pb: Playbook, tags?: readonly string[], skip?: readonly string[]): string {
  const out: string[] = [`playbook: ${pb.file}`];
  for (const play of pb.plays) {
    out.push('', `  play #${pb.plays.indexOf(play) + 1} (${play.hosts}): ${play.name}\tTAGS: [${play.tags.join(', ')}]`, '    tasks:');
    const walk = (nodes: readonly Node[], inherited: readonly string[]) => {
      for (const n of nodes) {
        const t = [...inherited, ...n.tags];
        if (n.kind === 'block') walk([...n.block, ...n.rescue, ...n.always], t);
        else if (n.module !== 'meta' && tagsSelected(t, tags, skip)) {
          const name = n.role ? `${n.role.role.name} : ${n.name ?? n.module}` : (n.name ?? n.module);
          // sorted, as ansible-playbook --list-tasks prints them
          out.push(`      ${name}\tTAGS: [${[...new Set(t)].sort().join(', ')}]`);
        }
      }
    };
    walk([...play.preTasks, ...play.roleTasks, ...play.tasks, ...play.postTasks], play.tags);
  }
  return out.join('\n');
}

/** Every tag of each play (its own, its tasks', blocks' and roles'), sorted, as ansible-playbook --list-tags prints them. */
export function listTags(pb: Playbook): string {
  const out: string[] = [`playbook: ${pb.file}`];
  for (const play of pb.plays) {
    const tags = new Set<string>(play.tags);
    const walk = (nodes: readonly Node[]) => {
      for (const n of nodes) {
        n.tags.forEach((t) => tags.add(t));
        if (n.kind === 'block') walk([...n.block, ...n.rescue, ...n.always]);
      }
    };
    walk([...play.preTasks, ...play.roleTasks, ...play.tasks, ...play.postTasks]);
    out.push(
      '',
      `  play #${pb.plays.indexOf(play) + 1} (${play.hosts}): ${play.name}\tTAGS: [${play.tags.join(', ')}]`,
      `      TASK TAGS: [${[...tags].sort().join(', ')}]`,
    );
  }
  return out.join('\n');
}
