// Splits a dbscripts/*.sql file into statements the way Carbon's DatabaseCreator does (line based, ';' delimiter).

/**
 * Lines starting with `--`, `//`, `#` or `REM` are comments; a statement ends at a line ending with the
 * delimiter; `DELIMITER x` changes it (as in Carbon's executeSQLScript).
 */
export function splitSqlScript(text: string): string[] {
  const out: string[] = [];
  let delimiter = ';';
  let current = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('//') || line.startsWith('--') || line.startsWith('#') || /^REM(\s|$)/i.test(line)) continue;
    if (/^DELIMITER\s+/i.test(line)) {
      delimiter = line.replace(/^DELIMITER\s+/i, '').trim();
      continue;
    }
    current += `${current ? ' ' : ''}${line}`;
    if (current.endsWith(delimiter)) {
      const stmt = current.slice(0, -delimiter.length).trim();
      if (stmt) out.push(stmt);
      current = '';
    }
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

/** Table names the script creates, in order (CREATE TABLE [IF NOT EXISTS] name). */
export function createdTables(statements: readonly string[]): string[] {
  const out: string[] = [];
  for (const s of statements) {
    const m = /^CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?`?([A-Za-z0-9_]+)`?/i.exec(s);
    if (m) out.push(m[1]!);
  }
  return out;
}
