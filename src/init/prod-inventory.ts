// Texts `esbplay init` writes beside the package's example inventory: what files/ is for.

export const FILES_README = `# files

Controller files the inventory points at (\`inventories/prod/group_vars/all.yml\`): the WSO2
distribution archive (\`esb_pack_archive\`, e.g. \`wso2esb-4.9.0.zip\`) and a Java 8 JDK archive
(\`esb_jdk_archive\`), which you download (they are not redistributable, esbplay ships neither),
and your own proxy services.

\`esbplay run playbooks/site.yml --dry-run\` checks that they are here before it shows the plan.
`;
