// Converts the cluster lab's inventory for ansible-playbook: same hosts.yml, group_vars without esbplay's tags, ssh settings.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';

/** esbplay's own YAML tags (`!secret` ...) become plain values for Ansible. */
const PLAIN_TAGS = ['!secret'].map((tag) => ({ tag, resolve: (s: string) => s }));

/**
 * Writes <dir>/hosts.yml (the lab's) and <dir>/group_vars/all.yml (the lab's variables, plain) with the
 * lab's known_hosts for ssh. Returns dir.
 */
export async function writeAnsibleInventory(labInventory: string, knownHostsFile: string, dir: string): Promise<string> {
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(path.join(dir, 'group_vars'), { recursive: true });
  await fs.copyFile(path.join(labInventory, 'hosts.yml'), path.join(dir, 'hosts.yml'));
  const vars: Record<string, unknown> = {};
  const groupVars = path.join(labInventory, 'group_vars');
  for (const name of (await fs.readdir(groupVars)).filter((n) => /^all\.ya?ml$/.test(n))) {
    Object.assign(vars, parse(await fs.readFile(path.join(groupVars, name), 'utf8'), { customTags: PLAIN_TAGS }) ?? {});
  }
  vars.ansible_ssh_common_args = `-o UserKnownHostsFile=${knownHostsFile}`;
  await fs.writeFile(path.join(dir, 'group_vars', 'all.yml'), `# written by bench/cluster/ansible-inventory.ts from ${groupVars}\n${stringify(vars)}`);
  return dir;
}
