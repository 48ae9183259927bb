// Which modules' effects check mode cannot know (reported UNKNOWN on the task) and which it knows but does not carry forward.

/** Modules whose change, once made, leads to a state check mode cannot predict: the task is reported unknown. */
const UNKNOWN_EFFECT: Readonly<Record<string, string>> = {
  command: 'the command would run: check mode cannot know what it changes or prints',
  shell: 'the command would run: check mode cannot know what it changes or prints',
  service: 'the service would be started, stopped or reloaded: what it then does is not known in check mode',
  carbon_server: 'the server would be started or stopped: its processes, ports and logs are not known in check mode',
  mysql_query: 'the SQL statements would run: their effect on the database is not known in check mode',
  mysql_schema: 'the SQL script would run: its effect on the database is not known in check mode',
  uri: 'the request would be sent: its effect on the other side is not known in check mode',
};

/**
 * Modules whose change is predicted on the task itself but not carried into the host's state:
 * later tasks that fail in check mode after them are reported unknown instead.
 */
const NOT_CARRIED: Readonly<Record<string, string>> = {
  apt: 'the packages it would install or remove (their files, users and services)',
  package: 'the packages it would install or remove (their files, users and services)',
  mysql_db: 'the database it would create, drop or import',
  mysql_user: 'the database account it would change',
  user: 'the account change',
  group: 'the group change',
};

export function unknownEffectOf(module: string): string | undefined {
  return UNKNOWN_EFFECT[module];
}

export function notCarriedEffectOf(module: string): string | undefined {
  return NOT_CARRIED[module];
}
