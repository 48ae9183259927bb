// The README.md and esbplay.cfg of a project `esbplay init` creates.

export function projectReadme(name: string, playbooks: readonly string[], missing: readonly string[]): string {
  const list = playbooks.map((p) => `- \`playbooks/${p}\``).join('\n');
  const gap = missing.length
    ? `\nThis esbplay version ships no ${missing.map((m) => `\`${m}\``).join(', ')} yet; after an upgrade that ships it, copy it from the package's \`playbooks/\` directory.\n`
    : '';
  return `# ${name}

A WSO2 ESB worker/manager cluster managed with [esbplay](https://www.npmjs.com/package/esbplay):
an NGINX load balancer, one manager, workers and a MySQL/MariaDB database.

## Layout

${list}
- \`inventories/prod/\`: the hosts (\`hosts.yml\`) and settings (\`group_vars/\`); secrets are
  marked \`!secret\` there until you encrypt them with the vault
- \`files/\`: the WSO2 distribution and the JDK archive you download (\`files/README.md\`)
- \`roles/\`: your own roles; the roles esbplay ships are found after these
- \`esbplay.cfg\`: defaults for the command line (\`inventory\`, \`forks\`, \`remote_user\`, ...)
${gap}
## First steps

1. Put your hosts' names and addresses in \`inventories/prod/hosts.yml\` and the cluster's
   settings in \`inventories/prod/group_vars/\` (the roles' documentation lists what can be set).
2. Download the WSO2 distribution and a JDK 8 archive into \`files/\`.
3. Replace each \`!secret CHANGE-ME...\` value with a vault-encrypted one:
   \`esbplay vault encrypt_string --vault-id prod@prompt --name esb_db_password\`.
4. Look before you touch anything:

   \`\`\`sh
   esbplay graph -o cluster.svg                 # the cluster as the inventory describes it
   esbplay run playbooks/site.yml --dry-run     # every task's rendered arguments per host, no connection
   esbplay run playbooks/site.yml --check --diff --vault-id prod@prompt   # connect, show exact changes, change nothing
   esbplay run playbooks/site.yml --vault-id prod@prompt
   \`\`\`

The inventory comes from \`esbplay.cfg\`; \`-i\` chooses another one.

## Editor

The \`.vscode/settings.json\` written here maps the files to esbplay's JSON Schemas for the YAML
language server (misspelt keywords and module arguments are underlined). It expects esbplay in
\`node_modules\` (\`npm install --save-dev esbplay\`).
`;
}

export const PROJECT_CFG = `# esbplay settings for this project (the command line and ESBPLAY_* variables override them).
[defaults]
inventory = inventories/prod
forks = 16
# remote_user = deploy
# private_key_file = ~/.ssh/id_ed25519
# timeout = 30

[privilege_escalation]
# become = true
# become_user = root
`;

/** yaml.schemas for the YAML language server (VS Code's redhat.vscode-yaml, and editors using it). */
export const VSCODE_SETTINGS = `${JSON.stringify(
  {
    'yaml.schemas': {
      './node_modules/esbplay/schema/playbook.schema.json': ['playbooks/*.yml'],
      './node_modules/esbplay/schema/tasks.schema.json': ['roles/*/tasks/*.yml', 'roles/*/handlers/*.yml'],
      './node_modules/esbplay/schema/role-meta.schema.json': ['roles/*/meta/main.yml'],
      './node_modules/esbplay/schema/inventory.schema.json': ['inventories/*/hosts.yml'],
    },
    'yaml.customTags': ['!vault scalar', '!secret scalar'],
    'yaml.yamlVersion': '1.1',
  },
  null,
  2,
)}\n`;
