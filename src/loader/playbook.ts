// Loads a playbook file into the model: plays, roles (with meta dependencies), task files, handlers.

import path from 'node:path';
import { UserError, type SourceLoc } from '../errors.js';
import type { Node, Play, Playbook, Role, RoleRef, TaskNode } from './model.js';
import type { LoadContext, RoleUse } from './load-context.js';
import { isObj, taskList } from './fields.js';
import { readKeywords, rejectUnknown } from './read-keywords.js';
import { errorAt, errorAtLoc, loadYamlFile, locOf } from './yaml.js';
import { findRoleDir, loadRoleMeta, loadRoleVars, parseRoleEntry, roleFile, roleKey, roleSearchPath } from './role.js';
import { parseTask, parseTasks, type Scope } from './task.js';
import { enterChain, type ChainLink } from './include-chain.js';

type Obj = Record<string, unknown>;

export interface LoadOptions {
  readonly moduleNames: ReadonlySet<string>;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** the playbooks importing this one (import_playbook cycle detection) */
  readonly importChain?: readonly ChainLink[];
}

export function loadPlaybook(file: string, opts: LoadOptions): Playbook {
  const abs = path.resolve(opts.cwd ?? process.cwd(), file);
  const chain = opts.importChain ?? [{ file: abs }];
  const doc = loadYamlFile(abs, chain[chain.length - 1]?.from);
  if (!Array.isArray(doc)) {
    throw new UserError(`a playbook must be a list of plays`, (isObj(doc) && locOf(doc)) || { file: abs, line: 1, col: 1 });
  }
  const loader = new Loader(opts.moduleNames, roleSearchPath(path.dirname(abs), opts.cwd ?? process.cwd(), opts.env));
  const plays: Play[] = [];
  doc.forEach((p, i) => {
    if (!isObj(p)) throw errorAt(`each play must be a mapping with 'hosts'`, doc, i);
    if ('import_playbook' in p) {
      const target = path.resolve(path.dirname(abs), String(p.import_playbook));
      const importChain = enterChain(chain, target, locOf(p, 'import_playbook'), 'import_playbook');
      const sub = loadPlaybook(target, { ...opts, cwd: path.dirname(abs), importChain });
      plays.push(...sub.plays);
      return;
    }
    plays.push(loader.parsePlay(p, path.dirname(abs)));
  });
  return { file: abs, dir: path.dirname(abs), plays, loader };
}

class Loader implements LoadContext {
  private roles = new Map<string, Role>();
  private loading: string[] = [];
  /** task files being parsed right now, outermost first (a static import of one of them is a cycle) */
  private taskFileChain: ChainLink[] = [];
  private playHandlers: TaskNode[] = [];
  private seenRoleHandlers = new Set<string>();

  constructor(
    readonly moduleNames: ReadonlySet<string>,
    private readonly searchPath: string[],
  ) {}

  parsePlay(p: Obj, dir: string): Play {
    rejectUnknown(p, 'play');
    const hosts = p.hosts;
    if (hosts === undefined || hosts === null) throw errorAt(`play has no 'hosts'`, p);
    this.playHandlers = [];
    this.seenRoleHandlers = new Set();
    const scope: Scope = { baseDir: dir };
    const rolesRaw = p.roles ?? [];
    if (!Array.isArray(rolesRaw)) throw errorAt(`'roles' must be a list`, p, 'roles');
    const roles = rolesRaw.map((r, i) => {
      const spec = parseRoleEntry(r, rolesRaw, i);
      return this.useRole(spec.name, spec, spec.loc);
    });
    const roleTasks = roles.flatMap((r) => this.roleTasks(r));
    const handlers = taskList(p, 'handlers').map((h) => parseTask(h, scope, this));
    const serialRaw = p.serial;
    const serial = serialRaw === undefined || serialRaw === null ? undefined : Array.isArray(serialRaw) ? serialRaw : [serialRaw];
    serial?.forEach((s) => {
      if (!(typeof s === 'number' || (typeof s === 'string' && /^\d+%?$/.test(s.trim())))) throw errorAt(`'serial' must be a number or a percentage`, p, 'serial');
    });
    const vf = p.vars_files ?? [];
    if (!Array.isArray(vf) && typeof vf !== 'string') throw errorAt(`'vars_files' must be a list of files`, p, 'vars_files');
    const kw = readKeywords(p, 'play');
    const play: Play = {
      ...kw,
      name: (kw.name as string | undefined) ?? (Array.isArray(hosts) ? hosts.join(',') : String(hosts)),
      hosts: Array.isArray(hosts) ? hosts.join(':') : String(hosts),
      vars: (kw.vars as Obj | undefined) ?? {},
      varsFiles: (Array.isArray(vf) ? vf : [vf]).map((f) => (Array.isArray(f) ? f.map(String) : String(f))),
      roles,
      roleTasks,
      preTasks: parseTasks(taskList(p, 'pre_tasks'), scope, this),
      tasks: parseTasks(taskList(p, 'tasks'), scope, this),
      postTasks: parseTasks(taskList(p, 'post_tasks'), scope, this),
      handlers: [], // filled below, after role handlers were collected
      serial: serial as (number | string)[] | undefined,
      forceHandlers: (kw.forceHandlers as Play['forceHandlers'] | undefined) ?? false,
      gatherFacts: kw.gatherFacts !== undefined && kw.gatherFacts !== false, // accepted; no facts are gathered
      tags: (kw.tags as string[] | undefined) ?? [],
      loc: locOf(p)!,
    };
    // role handlers come first (Ansible defines them when the role is loaded), then the play's
    return { ...play, handlers: [...this.playHandlers, ...handlers] };
  }

  loadTaskFile(file: string, scope: Scope, from: SourceLoc): Node[] {
    const outer = this.taskFileChain;
    this.taskFileChain = enterChain(outer, file, from, 'import_tasks/role');
    try {
      const doc = loadYamlFile(file, from);
      if (doc === null) return [];
      if (!Array.isArray(doc)) throw new UserError(`a task file must be a list of tasks`, locOf(doc) ?? { file, line: 1, col: 1 });
      return parseTasks(taskList({ tasks: doc }, 'tasks'), scope, this);
    } finally {
      this.taskFileChain = outer;
    }
  }

  useRole(name: string, use: RoleUse, from: SourceLoc): RoleRef {
    const role = this.loadRole(name, from);
    const ref: RoleRef = {
      ...use,
      role,
      roleDefaults: use.defaultsFrom !== undefined ? loadRoleVars(role.path, 'defaults', use.defaultsFrom, use.loc) : role.defaults,
      roleVars: use.varsFrom !== undefined ? loadRoleVars(role.path, 'vars', use.varsFrom, use.loc) : role.vars,
    };
    this.addHandlers(ref);
    return ref;
  }

  /** The role's handlers (and its dependencies') join the play's, once per role and play. */
  private addHandlers(ref: RoleRef): void {
    for (const dep of ref.role.dependencies) this.addHandlers(dep);
    if (this.seenRoleHandlers.has(ref.role.path)) return;
    this.seenRoleHandlers.add(ref.role.path);
    this.playHandlers.push(...this.roleHandlers(ref).filter((n): n is TaskNode => n.kind === 'task'));
  }

  /**
   * The role's dependencies' tasks then its own, each scoped to its role, wrapped in a block that
   * carries the role entry's keywords. As in Ansible, a role (or dependency) that already ran on a
   * host in this play with the same params is skipped there (decided at run time: a role whose
   * tasks were all skipped has not run) unless its meta says allow_duplicates;
   * include_role/import_role run the role itself again (dedupe false), its dependencies dedupe.
   */
  roleTasks(ref: RoleRef, dedupe = true): Node[] {
    const out: Node[] = [];
    for (const dep of ref.role.dependencies) out.push(...this.roleTasks(dep, true));
    const tf = roleFile(ref.role.path, 'tasks', ref.tasksFrom ?? 'main');
    if (!tf && ref.tasksFrom !== undefined) throw errorAtLoc(`role ${ref.role.name} has no tasks/${ref.tasksFrom}(.yml)`, ref.loc);
    const { params: _p, when, tags, vars: _v, loc, role: _r, roleDefaults: _d, roleVars: _rv, tasksFrom: _t, varsFrom: _vf, defaultsFrom: _df, handlersFrom: _hf, ...keywords } = ref;
    const roleOnce = dedupe && !ref.role.allowDuplicates ? roleKey(ref) : undefined;
    if (tf) out.push({ kind: 'block', ...keywords, when, tags, vars: {}, role: ref, roleOnce, loc, block: this.loadTaskFile(tf, { baseDir: path.dirname(tf), role: ref }, ref.loc), rescue: [], always: [] });
    return out;
  }

  roleHandlers(ref: RoleRef): Node[] {
    const hf = roleFile(ref.role.path, 'handlers', ref.handlersFrom ?? 'main');
    return hf ? this.loadTaskFile(hf, { baseDir: path.dirname(hf), role: ref }, ref.loc) : [];
  }

  private loadRole(name: string, from: SourceLoc): Role {
    const dir = findRoleDir(name, this.searchPath, from);
    const cached = this.roles.get(dir);
    if (cached) return cached;
    if (this.loading.includes(dir)) {
      const cycle = [...this.loading.slice(this.loading.indexOf(dir)), dir].map((d) => path.basename(d)).join(' -> ');
      throw errorAtLoc(`cyclic role dependency: ${cycle}`, from);
    }
    this.loading.push(dir);
    try {
      const meta = loadRoleMeta(dir);
      const dependencies = meta.dependencies.map((d) => this.useRole(d.name, d, d.loc));
      const role: Role = { name: path.basename(dir), path: dir, defaults: loadRoleVars(dir, 'defaults'), vars: loadRoleVars(dir, 'vars'), dependencies, allowDuplicates: meta.allowDuplicates };
      this.roles.set(dir, role);
      return role;
    } finally {
      this.loading.pop();
    }
  }
}
