# Runs ansible-playbook (ansible.cli.playbook.main, what /usr/bin/ansible-playbook calls) for
# requests on stdin, each in a process forked from this one, which imported Ansible once.
# Request (one JSON line): {"id": n, "cwd": dir, "argv": [...], "out": file}; the child's stdout
# and stderr go to `out`. Response (one JSON line on stdout): {"id": n, "rc": exit code}.
import json
import os
import select
import shutil
import sys
import tempfile
import traceback

sys.argv = ['ansible-playbook']
import ansible.cli.playbook  # noqa: E402  (the import is the work shared by every run)
import ansible.executor.playbook_executor  # noqa: E402,F401
import ansible.inventory.manager  # noqa: E402,F401
import ansible.vars.manager  # noqa: E402,F401
from ansible import constants as C  # noqa: E402

respond_fd = os.dup(1)
children = {}
pending = b''
stdin_open = True


def run_child(req):
    os.close(respond_fd)
    fd = os.open(req['out'], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    os.chdir(req['cwd'])
    # the local temp dir (and its ansiballz_cache) was made once at import: each run gets its own,
    # or two runs building the same module zip at once race on its rename (FileNotFoundError)
    C.DEFAULT_LOCAL_TMP = tempfile.mkdtemp(prefix='ansible-local-%d' % os.getpid(), dir=os.path.dirname(C.DEFAULT_LOCAL_TMP))
    rc = 250
    try:
        rc = ansible.cli.playbook.main(['ansible-playbook'] + req['argv'])
    except SystemExit as e:
        rc = e.code if isinstance(e.code, int) else 1
    except BaseException:
        traceback.print_exc()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
        shutil.rmtree(C.DEFAULT_LOCAL_TMP, ignore_errors=True)
    finally:
        os._exit(rc if isinstance(rc, int) else 1)


def reap():
    while children:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        rid = children.pop(pid, None)
        if rid is not None:
            os.write(respond_fd, (json.dumps({'id': rid, 'rc': os.waitstatus_to_exitcode(status)}) + '\n').encode())


while stdin_open or children:
    if stdin_open:
        ready, _, _ = select.select([0], [], [], 0.02)
        if ready:
            chunk = os.read(0, 65536)
            if not chunk:
                stdin_open = False
            pending += chunk
            while b'\n' in pending:
                line, pending = pending.split(b'\n', 1)
                if not line.strip():
                    continue
                req = json.loads(line)
                pid = os.fork()
                if pid == 0:
                    run_child(req)
                children[pid] = req['id']
    else:
        select.select([], [], [], 0.02)
    reap()
