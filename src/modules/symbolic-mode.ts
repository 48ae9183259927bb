// Symbolic file modes (`u=rw,g=r,o=`, `u+x,g-r`, `a=rwX`) checked and applied to a current mode as Ansible's _symbolic_mode_to_octal does.

/** What a `mode` argument holds: permission bits, or a symbolic mode resolved against each file's current mode. */
export type Mode = number | string;

/** One clause: who (`a` alone or letters of `ugo`; empty = all under the umask, as Ansible reads it), then operator/permission pairs. */
const CLAUSE = /^(?:a|[ugo]*)(?:[-+=][rwxXstugo]*)+$/;

/** True when TEXT is a symbolic mode chmod and Ansible accept (`u=rw,g=r,o=`, `+x`, `go-w`). */
export function isSymbolicMode(text: string): boolean {
  return text !== '' && text.split(',').every((clause) => CLAUSE.test(clause));
}

const S_IRWXU = 0o700;
const S_IRWXG = 0o070;
const S_IRWXO = 0o007;
const PERM_BITS = 0o7777;

/** The bits PERMS stand for, for USER, from the mode before the whole symbolic mode (Ansible's _get_octal_mode_from_symbolic_perms). */
function permBits(user: string, perms: string, prev: number, isDir: boolean, umask: number | undefined): number {
  const keep = umask === undefined ? PERM_BITS : umask ^ PERM_BITS;
  const applyX = isDir || (prev & 0o111) > 0;
  const shift = { u: 6, g: 3, o: 0 }[user]!;
  const copy = (from: number, fromShift: number) => ((prev & from) >> fromShift) << shift;
  let bits = 0;
  for (const p of perms) {
    if (p === 'r') bits |= keep & (0o4 << shift);
    else if (p === 'w') bits |= keep & (0o2 << shift);
    else if (p === 'x') bits |= keep & (0o1 << shift);
    else if (p === 'X') bits |= applyX ? 0o1 << shift : 0;
    else if (p === 's') bits |= user === 'u' ? 0o4000 : user === 'g' ? 0o2000 : 0;
    else if (p === 't') bits |= user === 'o' ? 0o1000 : 0;
    else if (p === 'u') bits |= copy(S_IRWXU, 6);
    else if (p === 'g') bits |= copy(S_IRWXG, 3);
    else if (p === 'o') bits |= copy(S_IRWXO, 0);
  }
  return bits;
}

function applyOperation(user: string, op: string, bits: number, mode: number): number {
  if (op === '+') return mode | bits;
  if (op === '-') return mode & ~bits;
  const mask = user === 'u' ? S_IRWXU | 0o4000 : user === 'g' ? S_IRWXG | 0o2000 : S_IRWXO | 0o1000;
  return (mode & (mask ^ PERM_BITS)) | bits;
}

/**
 * The permission bits MODE gives a file whose bits are now CURRENT (a directory when IS_DIR):
 * octal modes as they are; symbolic ones clause by clause, `X` and the `u`/`g`/`o` copies read
 * from CURRENT, a clause without who (`+x`) limited by UMASK, as Ansible computes them.
 */
export function resolveMode(mode: Mode, current: number, isDir: boolean, umask = 0o022): number {
  if (typeof mode === 'number') return mode;
  const prev = current & PERM_BITS;
  let out = prev;
  for (const clause of mode.split(',')) {
    const who = /^(?:a|[ugo]*)/.exec(clause)![0];
    const users = who === '' || who === 'a' ? 'ugo' : who;
    for (const [, op, perms] of clause.slice(who.length).matchAll(/([-+=])([rwxXstugo]*)/g)) {
      for (const user of new Set(users))
        out = applyOperation(user, op!, permBits(user, perms!, prev, isDir, who === '' ? umask : undefined), out);
    }
  }
  return out;
}

/** The bits a new file or directory is created with before its mode is applied (0666/0777 under the umask). */
export function createdMode(isDir: boolean, umask = 0o022): number {
  return (isDir ? 0o777 : 0o666) & ~umask;
}
