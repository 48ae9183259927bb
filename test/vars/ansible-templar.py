# Renders test cases with Ansible's own Templar, configured exactly as ansible-playbook configures it:
# task strings via Templar.template(), template files as plugins/action/template.py renders them.
# Input (stdin): JSON list of {"kind": "string"|"file", "text", "vars", "searchpath": [...]}.
# Output (stdout): JSON list of {"ok": true, "type": "str"|"json", "value"} or {"ok": false, "error"}.
import json
import sys

from ansible.parsing.dataloader import DataLoader
from ansible.template import AnsibleEnvironment, Templar


def plain(value):
    """A JSON-safe copy of a rendered value (Ansible's text types are str subclasses)."""
    if isinstance(value, str):
        return str(value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def render(case):
    loader = DataLoader()
    templar = Templar(loader=loader, variables=case["vars"])
    if case["kind"] == "string":
        return templar.template(case["text"])
    searchpath = []
    for p in case.get("searchpath", []):
        searchpath.extend([p + "/templates", p])
    file_templar = templar.copy_with_new_env(
        environment_class=AnsibleEnvironment,
        searchpath=searchpath,
        newline_sequence="\n",
        trim_blocks=True,
        lstrip_blocks=False,
        available_variables=case["vars"],
    )
    return file_templar.do_template(case["text"], preserve_trailing_newlines=True, escape_backslashes=False)


def main():
    out = []
    for case in json.load(sys.stdin):
        try:
            value = render(case)
            if isinstance(value, str):
                out.append({"ok": True, "type": "str", "value": str(value)})
            else:
                out.append({"ok": True, "type": "json", "value": plain(value)})
        except Exception as e:  # the case expects an error, or the test shows it
            out.append({"ok": False, "error": "%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else "")})
    json.dump(out, sys.stdout)


main()
