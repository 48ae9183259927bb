// Pure planning for apt: which packages to install, upgrade or remove, and the apt-get argv that does it.

import type { Change, Plan } from './types.js';
import { failPlan } from './types.js';
import { APT_ENV, type DpkgState, type PackageSpec, type PolicyEntry } from './apt-query.js';
import { compareDebVersions, matchesVersionPin, satisfiesPin } from './deb-version.js';
import type { AptArgs, AptFacts } from './apt.js';

interface Work {
  /** apt-get install arguments (`name`, `name=version` or a .deb path) */
  readonly install: string[];
  readonly installed: string[];
  readonly upgraded: string[];
  readonly remove: string[];
  readonly ok: string[];
  /** check mode: names the old lists do not know (a run decides after apt-get update) */
  readonly unsure: string[];
}

function satisfies(spec: PackageSpec, version: string): boolean {
  return satisfiesPin(version, spec.op, spec.version);
}

/** The version apt would install for the spec, or why there is none. */
function chooseVersion(spec: PackageSpec, pol: PolicyEntry | undefined): string | { problem: string } {
  if (!pol) return { problem: `No package matching '${spec.name}' is available` };
  if (spec.op === '=') {
    const v = pol.versions.find((x) => matchesVersionPin(x, spec.version!));
    return v ?? { problem: `No version of '${spec.name}' matching '${spec.version}' is available (apt has: ${pol.versions.join(', ') || 'none'})` };
  }
  if (pol.candidate === null) return { problem: `Package '${spec.name}' has no installation candidate (a virtual package, or in no configured source)` };
  if (spec.op === '>=' && compareDebVersions(pol.candidate, spec.version!) < 0) {
    return { problem: `'${spec.spec}' cannot be satisfied: the candidate version of ${spec.name} is ${pol.candidate}` };
  }
  return pol.candidate;
}

function planPackage(args: AptArgs, facts: AptFacts, spec: PackageSpec, w: Work): string | undefined {
  const st: DpkgState | undefined = facts.dpkg.get(spec.name);
  const installed = st?.status === 'installed';
  if (args.state === 'absent') {
    const present = st !== undefined && st.status !== 'not-installed' && (st.status !== 'config-files' || args.purge);
    if (present && (st.status === 'config-files' || satisfies(spec, st.version))) w.remove.push(spec.name);
    else w.ok.push(spec.name);
    return undefined;
  }
  const pol = facts.policy.get(spec.name);
  const upToDate = args.state === 'present' ? satisfies(spec, st?.version ?? '') : pol?.candidate == null || compareDebVersions(pol.candidate, st?.version ?? '') <= 0;
  if (installed && upToDate) {
    w.ok.push(`${spec.name}=${st.version}`);
    return undefined;
  }
  if (!pol && facts.cacheWouldUpdate) {
    // check mode on old lists: a run updates them first, so an unknown name may well become known
    w.install.push(spec.spec);
    w.installed.push(spec.spec);
    w.unsure.push(spec.name);
    return undefined;
  }
  const version = chooseVersion(spec, pol);
  if (typeof version !== 'string') return version.problem;
  if (installed && compareDebVersions(version, st.version) < 0 && !args.allow_downgrade) {
    return `installing ${spec.name}=${version} would downgrade it from ${st.version} (set allow_downgrade: true)`;
  }
  w.install.push(spec.op === '=' ? `${spec.name}=${version}` : spec.name);
  (installed ? w.upgraded : w.installed).push(`${spec.name}=${version}`);
  return undefined;
}

function lockOption(args: AptArgs): string[] {
  return ['-o', `DPkg::Lock::Timeout=${args.lock_timeout}`];
}

function installChange(args: AptArgs, w: Work): Change {
  const argv = [...APT_ENV, 'apt-get', 'install', '-y', '-q', ...lockOption(args),
    '-o', 'Dpkg::Options::=--force-confdef', '-o', 'Dpkg::Options::=--force-confold',
    args.install_recommends ? '--install-recommends' : '--no-install-recommends',
    ...(args.allow_downgrade ? ['--allow-downgrades'] : []), ...w.install];
  const what = [...w.installed, ...w.upgraded].join(', ');
  return { kind: 'exec', argv, summary: `apt-get install ${what} (waits up to ${args.lock_timeout} s for the dpkg lock)` };
}

function removeChange(args: AptArgs, w: Work): Change {
  const argv = [...APT_ENV, 'apt-get', 'remove', '-y', '-q', ...lockOption(args), ...(args.purge ? ['--purge'] : []), ...w.remove];
  return { kind: 'exec', argv, summary: `apt-get ${args.purge ? 'purge' : 'remove'} ${w.remove.join(', ')} (waits up to ${args.lock_timeout} s for the dpkg lock)` };
}

export function planApt(args: AptArgs, facts: AptFacts): Plan {
  const cache = { cache_updated: facts.cacheUpdated || facts.cacheWouldUpdate, cache_update_time: facts.cacheTime };
  if (args.state === 'latest') {
    const pinned = facts.specs.find((s) => s.op !== undefined);
    if (pinned) return failPlan(`version number inconsistent with state=latest: ${pinned.spec}`, cache);
  }
  const w: Work = { install: [], installed: [], upgraded: [], remove: [], ok: [], unsure: [] };
  for (const spec of facts.specs) {
    const problem = planPackage(args, facts, spec, w);
    if (problem) return failPlan(problem, cache);
  }
  if (args.deb !== undefined) {
    if (args.state !== 'present') return failPlan('deb only supports state=present', cache);
    if (typeof facts.deb === 'string' || !facts.deb) return failPlan(facts.deb ?? `cannot read ${args.deb}`, cache);
    const st = facts.dpkg.get(facts.deb.name);
    if (st?.status === 'installed' && st.version === facts.deb.version) w.ok.push(`${facts.deb.name}=${st.version}`);
    else {
      w.install.push(args.deb);
      (st?.status === 'installed' ? w.upgraded : w.installed).push(`${facts.deb.name}=${facts.deb.version}`);
    }
  }
  const changes: Change[] = [];
  if (w.install.length > 0) changes.push(installChange(args, w));
  if (w.remove.length > 0) changes.push(removeChange(args, w));
  const result = {
    ...cache, installed: w.installed, upgraded: w.upgraded, removed: w.remove,
    ...(w.unsure.length > 0 ? { warning: `not in the current package lists (a run updates them first): ${w.unsure.join(', ')}` } : {}),
  };
  if (changes.length > 0) return { changes, result };
  const onlyCache = facts.specs.length === 0 && args.deb === undefined;
  if (onlyCache) {
    const why = facts.cacheWouldUpdate ? 'the package lists are old: a run would update them'
      : facts.cacheUpdated ? 'apt-get update changed the package lists'
      : facts.cacheRan ? 'apt-get update ran; the package lists did not change'
      : 'the package lists are recent enough (cache_valid_time)';
    return { changes: [], changed: cache.cache_updated, noopReason: why, result };
  }
  const state = args.state === 'absent' ? 'not installed' : args.state === 'latest' ? 'at the candidate version' : 'installed';
  return { changes: [], noopReason: `already ${state}: ${w.ok.join(', ')}`, result };
}
