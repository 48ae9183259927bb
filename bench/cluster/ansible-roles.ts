// Derives ansible-playbook's copy of the roles from esbplay's own: the same defaults, vars, templates and files, the tasks translated.
//
// Kept in step with roles/ on every bench run (nothing to maintain by hand). What changes, and why
// (bench/README.md, "The Ansible side"):
// - xml: community.general.xml takes one xpath per call: an `edits:` list becomes a loop over the
//   edits (and a task that already loops includes a generated file that loops over its edits);
//   `[child='v']` predicates are written `[child/text()='v']` (the only form it creates elements
//   from), and files with a default namespace get a prefix on every name; `multiple` has no twin.
// - x509_certificate: a CSR made in memory (openssl_csr_pipe) carries common_name/subject_alt_name;
//   remaining_days has no twin.
// - openssl_privatekey: community.crypto's, same arguments. carbon_server: a debug with the same
//   conditions (the bench never starts the servers). wso2_cluster_lint (esbplay's own inventory lint
//   on the controller) has no twin and is left out.
// Every other module the roles use has the same name and arguments in ansible-core.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';

type Obj = Record<string, unknown>;

/** XML files of the product with a default namespace (community.general.xml needs a prefix for it). */
const DEFAULT_NAMESPACES: Record<string, string> = { 'carbon.xml': 'http://wso2.org/projects/carbon/carbon.xml' };
// Jinja keeps backslashes in string literals: Python's re.sub gets `\[(\w+)='` and `[\1/text()='`
const TEXT_PRED = String.raw`regex_replace('\[(\w+)=' ~ "'", '[\1/text()=' ~ "'")`;
const PLAIN_TAGS = ['!secret'].map((tag) => ({ tag, resolve: (s: string) => s }));

/** Copies roles/<name> for each name into `out`, translating tasks/ and handlers/; returns what was translated. */
export async function writeAnsibleRoles(rolesDir: string, names: readonly string[], out: string): Promise<string[]> {
  const notes: string[] = [];
  for (const name of names) {
    const src = path.join(rolesDir, name);
    const dst = path.join(out, name);
    await fs.cp(src, dst, { recursive: true, dereference: true });
    for (const kind of ['tasks', 'handlers']) {
      const dir = path.join(dst, kind);
      const files = await fs.readdir(dir).catch(() => [] as string[]);
      for (const f of files.filter((n) => /\.ya?ml$/.test(n))) {
        const file = path.join(dir, f);
        const tasks = (parse(await fs.readFile(file, 'utf8'), { customTags: PLAIN_TAGS }) ?? []) as Obj[];
        const extra: Record<string, Obj[]> = {};
        const converted = tasks.flatMap((t, i) => convertTask(t, `${name}-${kind}-${f.replace(/\.ya?ml$/, '')}-${i}`, extra, notes));
        await fs.writeFile(file, `# translated from roles/${name}/${kind}/${f} by bench/cluster/ansible-roles.ts\n${stringify(converted)}`);
        for (const [extraName, body] of Object.entries(extra)) await fs.writeFile(path.join(dir, extraName), stringify(body));
      }
    }
  }
  return notes;
}

/** A play's own tasks (pre_tasks, tasks, post_tasks, handlers) translated the same way. */
export function convertPlayTasks(tasks: unknown, id: string, notes: string[]): Obj[] | undefined {
  if (!Array.isArray(tasks)) return undefined;
  const extra: Record<string, Obj[]> = {};
  const out = (tasks as Obj[]).flatMap((t, i) => convertTask(t, `${id}-${i}`, extra, notes));
  if (Object.keys(extra).length > 0) throw new Error(`${id}: a play-level xml task with a loop cannot be translated (move it into a role)`);
  return out;
}

function convertTask(t: Obj, id: string, extra: Record<string, Obj[]>, notes: string[]): Obj[] {
  if ('wso2_cluster_lint' in t) {
    notes.push(`${id}: wso2_cluster_lint (esbplay's inventory lint, controller only) left out`);
    return [];
  }
  if ('xml' in t) return convertXml(t, id, extra, notes);
  if ('x509_certificate' in t) return convertCertificate(t, id, notes);
  if ('openssl_privatekey' in t) return [rename(t, 'openssl_privatekey', 'community.crypto.openssl_privatekey')];
  if ('carbon_server' in t) {
    const { carbon_server: args, ...rest } = t;
    notes.push(`${id}: carbon_server -> debug`);
    return [{ ...rest, debug: { msg: `carbon_server ${(args as Obj).state ?? ''} {{ esb_home }}` } }];
  }
  if ('block' in t) return [{ ...t, block: (t.block as Obj[]).flatMap((x, i) => convertTask(x, `${id}-b${i}`, extra, notes)) }];
  return [t];
}

function rename(t: Obj, from: string, to: string): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(t)) out[k === from ? to : k] = v;
  return out;
}

/** The community.general.xml arguments of one edit, read from `v` (the loop variable or the task's own arguments). */
function xmlArgs(pathArg: unknown, v: string, fromLoop: boolean): Obj {
  const ns = typeof pathArg === 'string' ? Object.entries(DEFAULT_NAMESPACES).find(([f]) => pathArg.endsWith(f))?.[1] : undefined;
  const field = (k: string) => (fromLoop ? `${v}.${k}` : v === '' ? k : `${v}.${k}`);
  const opt = (k: string, dflt = 'omit') => `{{ ${field(k)} | default(${dflt}) }}`;
  const xpath = `{{ ${field('xpath')} | ${TEXT_PRED}${ns ? String.raw` | regex_replace('/(?=[A-Za-z_])', '/d:')` : ''} }}`;
  return {
    path: pathArg,
    xpath,
    value: opt('value'),
    attribute: opt('attribute'),
    state: opt('state', "'present'"),
    set_children: opt('set_children'),
    add_children: opt('add_children'),
    input_type: opt('input_type', "'yaml'"),
    insertbefore: opt('insertbefore'),
    insertafter: opt('insertafter'),
    ...(ns ? { namespaces: { d: ns } } : {}),
  };
}

function convertXml(t: Obj, id: string, extra: Record<string, Obj[]>, notes: string[]): Obj[] {
  const { xml, ...rest } = t;
  const a = xml as Obj;
  if (a.edits === undefined) {
    // one edit given by the task's own arguments: the same, through a variable holding them
    const one: Obj = Object.fromEntries(Object.entries(a).filter(([k]) => k !== 'path' && k !== 'namespaces'));
    return [{ ...rest, vars: { ...((rest.vars as Obj) ?? {}), xml_edit: one }, 'community.general.xml': xmlArgs(a.path, 'xml_edit', true) }];
  }
  const inner: Obj = {
    name: `${String(t.name ?? 'xml')} (one edit per module run)`,
    'community.general.xml': xmlArgs(a.path, 'xml_edit', true),
    loop: a.edits,
    loop_control: { loop_var: 'xml_edit', label: '{{ xml_edit.xpath }}' },
  };
  if (t.loop === undefined && t.with_items === undefined) {
    notes.push(`${id}: xml edits -> loop`);
    return [{ ...rest, ...inner, name: t.name }];
  }
  // the task loops already: each item includes a file that loops over that item's edits
  const file = `${id}.yml`;
  extra[file] = [inner];
  notes.push(`${id}: xml edits in a loop -> include_tasks ${file}`);
  const { notify, tags, ...outer } = rest;
  return [{ ...outer, include_tasks: { file, apply: { ...(notify ? { notify } : {}), ...(tags ? { tags } : {}) } }, ...(tags ? { tags } : {}) }];
}

function convertCertificate(t: Obj, id: string, notes: string[]): Obj[] {
  const { x509_certificate: args, register, ...rest } = t;
  const a = args as Obj;
  const csrVar = `bench_csr_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;
  const cn = a.common_name ?? a.CN ?? a.commonName;
  const csr: Obj = {
    ...rest,
    name: `${String(t.name ?? 'certificate')} (certificate request, in memory)`,
    'community.crypto.openssl_csr_pipe': {
      privatekey_path: a.privatekey_path,
      common_name: cn,
      subject_alt_name: a.subject_alt_name ?? [`DNS:${String(cn)}`],
    },
    register: csrVar,
    check_mode: false,
    changed_when: false,
  };
  delete csr.notify;
  const looped = t.loop !== undefined;
  const cert: Obj = {
    ...rest,
    'community.crypto.x509_certificate': {
      path: a.path,
      privatekey_path: a.privatekey_path,
      csr_content: looped ? '{{ bench_csr.csr }}' : `{{ ${csrVar}.csr }}`,
      provider: 'selfsigned',
      ...(a.selfsigned_not_after !== undefined ? { selfsigned_not_after: a.selfsigned_not_after } : {}),
      ...(a.mode !== undefined ? { mode: a.mode } : {}),
    },
    ...(register !== undefined ? { register } : {}),
  };
  if (looped) {
    // the same items, each with the CSR made for it (results come back in item order)
    cert.loop = `{{ ${csrVar}.results }}`;
    cert.loop_control = { ...((rest.loop_control as Obj) ?? {}), loop_var: 'bench_csr' };
    cert.vars = { ...((rest.vars as Obj) ?? {}), item: '{{ bench_csr.item }}' };
  }
  notes.push(`${id}: x509_certificate -> openssl_csr_pipe + x509_certificate`);
  return [csr, cert];
}
