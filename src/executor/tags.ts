// Decides whether a task runs under --tags / --skip-tags (Ansible rules, incl. always and never).

export function tagsSelected(taskTags: readonly string[], only: readonly string[] | undefined, skip: readonly string[] | undefined): boolean {
  const tags = new Set(taskTags);
  if (skip && skip.length > 0) {
    if (skip.includes('all')) return tags.has('always') && !skip.includes('always');
    if (skip.some((t) => tags.has(t))) return false;
    if (skip.includes('tagged') && tags.size > 0) return false;
    if (skip.includes('untagged') && tags.size === 0) return false;
  }
  if (!only || only.length === 0 || only.includes('all')) return !tags.has('never') || (only ?? []).some((t) => t !== 'all' && tags.has(t));
  if (tags.has('always')) return true;
  if (only.includes('tagged') && tags.size > 0) return true;
  if (only.includes('untagged') && tags.size === 0) return true;
  return only.some((t) => tags.has(t));
}
