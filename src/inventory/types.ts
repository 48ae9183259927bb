// The loaded inventory as the rest of esbplay sees it: hosts, groups, and each host's merged vars.

import type { SourceLoc } from '../errors.js';

/** Host names Ansible treats as the implicit localhost when the inventory does not define them. */
export const LOCALHOST_NAMES: readonly string[] = ['localhost', '127.0.0.1', '::1'];

export interface Inventory {
  /** Absolute path of the inventory file read (`inventory_file`). */
  readonly file: string;
  /** Its directory (`inventory_dir`); group_vars/ and host_vars/ are looked for here. */
  readonly dir: string;
  /** Every host, in order of first definition. */
  readonly hosts: readonly string[];
  /** Non-fatal findings (e.g. a group_vars file that matches no group), each `file:line:col: message`. */
  readonly warnings: readonly string[];
  /** True when the host is defined in the inventory (the implicit localhost is not). */
  hasHost(host: string): boolean;
  /** Where the host was first defined. */
  hostLoc(host: string): SourceLoc | undefined;
  /** Inventory-level vars of a host, merged in Ansible's order (a fresh object each call). */
  hostVars(host: string): Record<string, unknown>;
  /**
   * Where the inventory-level variable NAME of a host got its value: the winning definition in the
   * inventory file, group_vars/ or host_vars/ (undefined when the inventory does not set it).
   */
  varOrigin?(host: string, name: string): SourceLoc | undefined;
  /** Sorted names of the host's groups, without `all` (Ansible's `group_names`). */
  groupNames(host: string): string[];
  /** Every group with its hosts (children's hosts included), in inventory order (Ansible's `groups`). */
  groups(): Record<string, string[]>;
  /** inventory_hostname, inventory_hostname_short, group_names, groups, inventory_dir, inventory_file. */
  magicVars(host: string): Record<string, unknown>;
}

/** A vars file read from group_vars/ or host_vars/. */
export interface VarsFile {
  readonly file: string;
  readonly vars: Record<string, unknown>;
}
