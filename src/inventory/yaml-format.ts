// Reads an Ansible YAML inventory: `all: { hosts, vars, children: { grp: { hosts, vars, children } } }`.

import { errorAt, errorAtLoc, locOf, valueLocOf } from '../loader/yaml.js';
import { didYouMean } from '../util/closest.js';
import { InventoryDraft } from './draft.js';
import { expandHostRange, splitHostPort } from './host-range.js';

const GROUP_KEYS = ['hosts', 'vars', 'children'];

/** Turns parsed YAML (from parseYaml, so it keeps positions) into a draft; `text` is the file's text. */
export function readYamlInventory(data: unknown, file: string, text: string): InventoryDraft {
  const draft = new InventoryDraft(file, text.split(/\r?\n/));
  if (data === null || data === undefined) {
    draft.warnings.push(`${file}:1:1: the inventory file is empty: it defines no hosts`);
    return draft;
  }
  if (!isMapping(data)) {
    throw errorAt(`a YAML inventory must be a mapping of groups (e.g. 'all:' with 'hosts:'), got ${describe(data)}`, data);
  }
  for (const name of Object.keys(data)) readGroup(draft, name, data, name);
  return draft;
}

function readGroup(draft: InventoryDraft, name: string, holder: Record<string, unknown>, key: string): void {
  draft.ensureGroup(name, locOf(holder, key));
  const data = holder[key];
  if (data === null || data === undefined) return;
  if (!isMapping(data)) {
    throw errorAtLoc(`group '${name}' must be a mapping with 'hosts', 'vars' or 'children', got ${describe(data)}`, valueLocOf(holder, key));
  }
  for (const k of Object.keys(data)) {
    if (!GROUP_KEYS.includes(k)) {
      throw errorAt(`unexpected key '${k}' in group '${name}': only hosts, vars and children are valid${didYouMean(k, GROUP_KEYS)}`, data, k);
    }
  }
  const vars = sectionOf(data, 'vars', name);
  for (const [k, v] of Object.entries(vars ?? {})) draft.setGroupVar(name, k, v, locOf(vars, k));

  const hosts = sectionOf(data, 'hosts', name);
  for (const pattern of Object.keys(hosts ?? {})) {
    const fail = (message: string): never => {
      throw errorAt(message, hosts, pattern);
    };
    const hostVars = hosts![pattern];
    if (hostVars !== null && hostVars !== undefined && !isMapping(hostVars)) {
      throw errorAtLoc(`vars of host '${pattern}' must be a mapping (or empty), got ${describe(hostVars)}`, valueLocOf(hosts, pattern));
    }
    const { host, port } = splitHostPort(pattern, fail);
    const extra: Record<string, unknown> = port === undefined ? {} : { ansible_port: port };
    const varLocs = new Map(Object.keys(hostVars ?? {}).map((k) => [k, locOf(hostVars, k)!] as const).filter(([, l]) => l !== undefined));
    for (const h of expandHostRange(host, fail)) draft.addHost(name, h, locOf(hosts, pattern), { ...extra, ...((hostVars ?? {}) as Record<string, unknown>) }, varLocs);
  }

  const children = sectionOf(data, 'children', name);
  for (const child of Object.keys(children ?? {})) {
    draft.addChild(name, child, locOf(children, child));
    readGroup(draft, child, children!, child);
  }
}

function sectionOf(data: Record<string, unknown>, key: string, group: string): Record<string, unknown> | undefined {
  const v = data[key];
  if (v === null || v === undefined) return undefined;
  if (isMapping(v)) return v;
  const hint = key === 'hosts' && Array.isArray(v) ? ` (write each host as a key: '  host1:')` : '';
  throw errorAtLoc(`'${key}' of group '${group}' must be a mapping, got ${describe(v)}${hint}`, valueLocOf(data, key));
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'nothing';
  return typeof v === 'object' ? 'a mapping' : `${typeof v} '${String(v)}'`;
}
