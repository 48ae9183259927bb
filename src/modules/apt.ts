// The `apt` module: install, upgrade or remove Debian packages, deciding from dpkg's own state before running apt-get.

import type { ArgSpec, ModuleDefinition, Plan, ReadContext } from './types.js';
import { failPlan } from './types.js';
import { parsePackageSpec, queryDpkg, queryPolicy, readDebFields, type DebFields, type DpkgState, type PackageSpec, type PolicyEntry } from './apt-query.js';
import { readCacheTime, readHostTime, updateCache } from './apt-cache-update.js';
import { planApt } from './apt-plan.js';
import { satisfiesPin } from './deb-version.js';

export interface AptArgs {
  name?: string[];
  state: 'present' | 'absent' | 'latest';
  update_cache?: boolean;
  cache_valid_time: number;
  install_recommends: boolean;
  deb?: string;
  purge: boolean;
  allow_downgrade: boolean;
  lock_timeout: number;
}

export interface AptFacts {
  readonly specs: readonly PackageSpec[];
  /** a bad package spec, reported by plan */
  readonly problem?: string;
  readonly dpkg: ReadonlyMap<string, DpkgState>;
  readonly policy: ReadonlyMap<string, PolicyEntry>;
  /** the .deb's control fields, or why they could not be read */
  readonly deb?: DebFields | string;
  /** apt-get update ran while gathering */
  readonly cacheRan: boolean;
  /** ... and changed the lists (Ansible's cache_updated) */
  readonly cacheUpdated: boolean;
  /** check mode: the lists are old enough that a run would update them */
  readonly cacheWouldUpdate: boolean;
  /** seconds since the epoch of the lists in use */
  readonly cacheTime: number;
}

/** The arguments apt and package share (package has a subset). */
export const APT_PACKAGE_ARGS = {
  name: {
    type: 'list',
    elements: 'str',
    aliases: ['pkg', 'package'],
    description: 'Package names, each optionally pinned: `nginx`, `nginx=1.22.1-9` (`=1.22*` matches like fnmatch), `openssl>=3.0`, `libc6:amd64`.',
  },
  state: {
    type: 'str',
    default: 'present',
    choices: ['present', 'absent', 'latest'],
    description: '`present`: installed (any version, or one matching the pin). `latest`: installed at the candidate version. `absent`: removed.',
  },
} as const satisfies Record<string, ArgSpec>;

export const aptModule = {
  name: 'apt',
  summary: 'Install, upgrade or remove Debian packages with apt-get, only when dpkg says something is missing or different.',
  checkMode: 'full',
  schema: {
    args: {
      ...APT_PACKAGE_ARGS,
      update_cache: {
        type: 'bool',
        aliases: ['update-cache'],
        description: 'Run `apt-get update` before deciding (in check mode: only report that it would). Alone, the task is changed when the lists changed.',
      },
      cache_valid_time: {
        type: 'int',
        default: 0,
        description: 'Update the lists only when they are older than this many seconds (host clock); setting it implies `update_cache`.',
      },
      install_recommends: {
        type: 'bool',
        default: false,
        aliases: ['install-recommends'],
        description: 'Install recommended packages too. Default `false` (`--no-install-recommends`); Ansible\'s default is the host\'s apt setting.',
      },
      deb: { type: 'path', description: 'Path of a `.deb` file on the host to install (with its dependencies, by apt-get), unless that version is installed.' },
      purge: { type: 'bool', default: false, description: 'With `state: absent`: also remove configuration files (also of packages already removed but not purged).' },
      allow_downgrade: {
        type: 'bool',
        default: false,
        aliases: ['allow-downgrade', 'allow_downgrades', 'allow-downgrades'],
        description: 'Allow a version pin to install an older version than the installed one.',
      },
      lock_timeout: { type: 'int', default: 60, description: 'Seconds to wait for the dpkg/apt lock held by another process before failing.' },
    },
    mutuallyExclusive: [['deb', 'name']],
    requiredOneOf: [['name', 'deb', 'update_cache', 'cache_valid_time']],
  },

  gather(ctx, args) {
    return gatherApt(ctx, args);
  },

  plan(args, facts): Plan {
    if (facts.problem) return failPlan(facts.problem);
    return planApt(args, facts);
  },
} as const satisfies ModuleDefinition<AptArgs, AptFacts>;

/** Reads dpkg's and apt's view of the named packages, refreshing the lists first when asked (not in check mode). */
export async function gatherApt(ctx: ReadContext, args: AptArgs): Promise<AptFacts> {
  const specs: PackageSpec[] = [];
  const empty = { specs, dpkg: new Map(), policy: new Map(), cacheRan: false, cacheUpdated: false, cacheWouldUpdate: false, cacheTime: 0 };
  for (const raw of args.name ?? []) {
    if (raw.trim() === '*') return { ...empty, problem: "name '*' (upgrade every package) is not supported: name the packages" };
    const spec = parsePackageSpec(raw);
    if (typeof spec === 'string') return { ...empty, problem: spec };
    specs.push(spec);
  }
  let cacheTime = 0;
  let cacheRan = false;
  let cacheUpdated = false;
  let cacheWouldUpdate = false;
  if (args.update_cache || args.cache_valid_time > 0) {
    cacheTime = await readCacheTime(ctx);
    const stale = args.cache_valid_time === 0 || cacheTime / 1000 + args.cache_valid_time < (await readHostTime(ctx));
    if (stale && ctx.checkMode) cacheWouldUpdate = true;
    else if (stale) {
      await updateCache(ctx, args.lock_timeout);
      cacheRan = true;
      const after = await readCacheTime(ctx);
      cacheUpdated = after !== cacheTime;
      cacheTime = after;
    }
  }
  const deb = args.deb !== undefined ? await readDebFields(ctx, args.deb) : undefined;
  const names = [...specs.map((s) => s.name), ...(deb && typeof deb !== 'string' ? [deb.name] : [])];
  const dpkg = await queryDpkg(ctx, names);
  // apt-cache is slow on big lists: ask only about packages whose installed state does not already settle it
  const settled = (s: PackageSpec) => {
    const st = dpkg.get(s.name);
    return args.state === 'absent' || (args.state === 'present' && st?.status === 'installed' && satisfiesPin(st.version, s.op, s.version));
  };
  const policy = await queryPolicy(ctx, specs.filter((s) => !settled(s)).map((s) => s.name));
  return { specs, dpkg, policy, deb, cacheRan, cacheUpdated, cacheWouldUpdate, cacheTime: Math.floor(cacheTime / 1000) };
}
