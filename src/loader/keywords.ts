// The playbook keywords esbplay understands, per level, for validation and "did you mean".

export const TASK_KEYWORDS = [
  'name', 'when', 'loop', 'with_items', 'with_list', 'loop_control', 'register', 'notify', 'listen', 'tags',
  'changed_when', 'failed_when', 'ignore_errors', 'run_once', 'delegate_to', 'check_mode', 'diff', 'no_log',
  'become', 'become_user', 'vars', 'environment', 'until', 'retries', 'delay', 'args', 'any_errors_fatal', 'throttle',
] as const;

export const BLOCK_KEYWORDS = [
  'name', 'block', 'rescue', 'always', 'when', 'tags', 'vars', 'become', 'become_user', 'ignore_errors',
  'no_log', 'check_mode', 'diff', 'run_once', 'delegate_to', 'environment', 'any_errors_fatal', 'throttle',
] as const;

export const PLAY_KEYWORDS = [
  'name', 'hosts', 'vars', 'vars_files', 'roles', 'pre_tasks', 'tasks', 'post_tasks', 'handlers', 'serial',
  'max_fail_percentage', 'any_errors_fatal', 'force_handlers', 'become', 'become_user', 'gather_facts', 'tags',
  'check_mode', 'environment', 'connection', 'throttle',
] as const;

export const ROLE_REF_KEYWORDS = ['role', 'name', 'when', 'tags', 'vars', 'become', 'become_user', 'throttle'] as const;

/** Task "modules" that the executor handles itself rather than a module definition. */
export const INCLUDE_ACTIONS = ['include_tasks', 'import_tasks', 'include_role', 'import_role', 'meta'] as const;

/** Collection prefixes Ansible users write; `ansible.builtin.copy` means `copy`. */
const PREFIXES = ['ansible.builtin.', 'ansible.legacy.', 'community.general.', 'ansible.posix.', 'esbplay.'];

export function canonicalModuleName(key: string): string {
  for (const p of PREFIXES) if (key.startsWith(p)) return key.slice(p.length);
  return key;
}
