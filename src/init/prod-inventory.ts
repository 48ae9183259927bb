// The example production inventory `esbplay init` writes when the package ships none: documentation addresses, secrets in a vault file.

/** 192.0.2.0/24 is TEST-NET-1 (RFC 5737): addresses for documentation that route nowhere. */
export const PROD_INVENTORY: Readonly<Record<string, string>> = {
  'hosts.yml': `# The production cluster: replace the addresses (192.0.2.x are documentation addresses, RFC 5737)
# and the host names with yours. Groups the roles expect: lb, esb_manager, esb_worker, mysql.
all:
  vars:
    ansible_user: deploy
  children:
    lb:
      hosts:
        lb1: { ansible_host: 192.0.2.10, node_ip: 192.0.2.10 }
    esb_manager:
      hosts:
        mgr1: { ansible_host: 192.0.2.11, node_ip: 192.0.2.11 }
    esb_worker:
      hosts:
        wrk1: { ansible_host: 192.0.2.12, node_ip: 192.0.2.12 }
        wrk2: { ansible_host: 192.0.2.13, node_ip: 192.0.2.13 }
    mysql:
      hosts:
        db1: { ansible_host: 192.0.2.14, node_ip: 192.0.2.14 }
    esb_nodes:
      children:
        esb_manager:
        esb_worker:
`,
  'group_vars/all/main.yml': `# Settings of the whole cluster (docs/roles.md lists every role variable and its default).
ansible_become: true
esb_version: 4.9.0
# The WSO2 distribution on this machine. This example points at the STAND-IN esbplay ships (a small
# fake ESB, so that --dry-run and --check can show the plan before you have the product): NEVER
# deploy it. Download the real wso2esb-<version>.zip into files/ and switch to the second line.
esb_pack_archive: "{{ playbook_dir }}/../files/standin/wso2esb-{{ esb_version }}.zip"
# esb_pack_archive: "{{ playbook_dir }}/../files/wso2esb-{{ esb_version }}.zip"
# a JDK 8 archive on this machine, or empty when the hosts have one at esb_java_home
esb_jdk_archive: ""
esb_hostname: esb.example.com
esb_mgt_hostname: mgt.esb.example.com
# secrets live in vault.yml beside this file; these names point at them
esb_db_password: "{{ vault_esb_db_password }}"
`,
  'group_vars/all/vault.yml': `# Secrets of the cluster. Encrypt this file before you commit it:
#   esbplay vault encrypt inventories/prod/group_vars/all/vault.yml
# then run with --ask-vault-pass (or --vault-password-file FILE). Until then these example values
# are only masked in output because their names end in _password (docs/vault.md).
vault_esb_db_password: change-me-before-use
`,
};

export const FILES_README = `# files

Controller files the inventory points at: the WSO2 distribution archive (\`esb_pack_archive\`), a
JDK archive (\`esb_jdk_archive\`), your proxy services.

\`standin/\` holds the stand-in distribution esbplay ships: a small fake ESB that lets
\`--dry-run\` and \`--check\` show the plan before you have the product. Never deploy it: put the
real \`wso2esb-<version>.zip\` here and point \`esb_pack_archive\` at it
(\`inventories/prod/group_vars/all/main.yml\`).
`;
