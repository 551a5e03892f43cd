# FlowRL sandbox zygote: the long-lived parent inside one worker slot's bubblewrap sandbox.
#
# It imports the harness and everything the LiveCodeBench preamble imports ONCE, then serves generations one at a
# time: per generation it creates a fresh PID namespace and forks; the fork (the generation's init, G) enters fresh
# mount and IPC namespaces, mounts a fresh /proc (with /proc/sys read-only), a fresh size-capped tmpfs on /tmp and
# /dev/shm, applies the generation's rlimits, drops every capability, installs the strict seccomp filter and forks
# the harness (H) that runs the untrusted program. When H ends, G exits, and with the namespace's init gone the
# kernel kills every process left in it. The zygote reaps G and reports its exit status.
#
# Control channel (fd 3, a SOCK_SEQPACKET socket to the supervisor):
#   supervisor -> zygote: config JSON, then the strict seccomp BPF program, then per generation a JSON message
#                         {"cpu": seconds} carrying 4 descriptors (SCM_RIGHTS): the job/stdin, stdout, stderr, events.
#   zygote -> supervisor: b"ready" once, then {"status": n} per generation (H's exit code, 128+signal if killed).
# The zygote never reads a job: only G/H see the descriptors. See graders/README.md for the threat model.
import sys, os, json, socket, ctypes, resource, signal, fcntl, select, gc

sys.path.insert(0, "/grader")
import harness  # noqa: E402  (the generation runner; imports json/ast/io)
import random  # noqa: E402

exec(harness.PREAMBLE, {})  # every module the official preamble imports, warm in sys.modules

CLONE_NEWNS, CLONE_NEWIPC, CLONE_NEWPID = 0x00020000, 0x08000000, 0x20000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = (
    1, 2, 4, 8, 32, 4096, 16384, 1 << 18)
PR_SET_PDEATHSIG, PR_SET_DUMPABLE, PR_CAPBSET_DROP, PR_SET_SECCOMP, PR_CAP_AMBIENT, PR_SET_SECUREBITS = 1, 4, 24, 22, 47, 28
PR_CAP_AMBIENT_CLEAR_ALL, SECCOMP_MODE_FILTER = 4, 2
SECURE_ALL_LOCKED = 0xEF  # NOROOT, NO_SETUID_FIXUP, NO_CAP_AMBIENT_RAISE and KEEP_CAPS off, all locked

libc = ctypes.CDLL(None, use_errno=True)


class SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


class CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def check(rc, what):
    if rc != 0:
        raise OSError(ctypes.get_errno(), "%s failed: %s" % (what, os.strerror(ctypes.get_errno())))


def mount(source, target, fstype, flags, data=None):
    check(libc.mount(source, target, fstype, flags, data), "mount " + target.decode())


def enter_private_world(config):
    """G, still privileged inside the sandbox's user namespace: its own session, mount and IPC namespaces, a /proc
    showing only this generation's processes, fresh size-capped tmpfs /tmp and /dev/shm."""
    libc.prctl(PR_SET_DUMPABLE, 1, 0, 0, 0)  # inherited 0 from the zygote; /proc/self must be ours to write
    os.setsid()  # no process group shared with the zygote: kill(0, …) reaches only this generation
    check(libc.unshare(CLONE_NEWNS | CLONE_NEWIPC), "unshare")
    mount(None, b"/", None, MS_REC | MS_PRIVATE)
    mount(b"proc", b"/proc", b"proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    for sub in (b"/proc/sys", b"/proc/sysrq-trigger", b"/proc/irq", b"/proc/bus"):
        if os.path.exists(sub):
            mount(sub, sub, None, MS_BIND | MS_REC)
            mount(None, sub, None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC)
    size = ("size=%d,mode=0700" % config["tmpfs_bytes"]).encode()
    mount(b"tmpfs", b"/tmp", b"tmpfs", MS_NOSUID | MS_NODEV, size)
    mount(b"tmpfs", b"/dev/shm", b"tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC,
          ("size=%d,mode=1777" % config["shm_bytes"]).encode())
    os.chdir("/tmp")


def drop_privileges(config, cpu_seconds, bpf):
    """G: rlimits, OOM preference, no capabilities (bounding, ambient, permitted), securebits locked, and the strict
    seccomp filter. Verified from /proc/self/status before anything untrusted runs."""
    for res, value in config["rlimits"]:
        resource.setrlimit(res, (value, value))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
    with open("/proc/self/oom_score_adj", "w") as f:
        f.write("1000")  # under memory pressure the kernel kills the generation, not the zygote
    check(libc.prctl(PR_SET_SECUREBITS, SECURE_ALL_LOCKED, 0, 0, 0), "securebits")
    for cap in range(64):
        libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)  # EINVAL past the last capability
    check(libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0), "ambient caps")
    header, data = CapHeader(0x20080522, 0), (CapData * 2)()
    check(libc.capset(ctypes.byref(header), data), "capset")
    status = open("/proc/self/status").read()
    for field in ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"):
        value = status.split(field + ":")[1].split()[0]
        if int(value, 16) != 0:
            raise OSError(0, "%s is %s after dropping capabilities" % (field, value))
    if "NoNewPrivs:\t1" not in status:
        raise OSError(0, "no_new_privs is not set")
    check(libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0), "dumpable")  # the generation's children cannot touch G
    buf = ctypes.create_string_buffer(bpf, len(bpf))
    prog = SockFprog(len(bpf) // 8, ctypes.addressof(buf))
    check(libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0), "seccomp")


def generation(config, bpf, cpu_seconds, fds, setup_ok):
    """The body of G (pid 1 of the generation's PID namespace). Never returns. `setup_ok` is a pipe to the zygote:
    one byte on it, written and closed before the program exists, tells that isolation is complete (the program
    cannot forge a setup failure to dodge its verdict, nor a success)."""
    code = 125
    try:
        check(libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "parent-death signal")
        high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 64) for fd in fds + [setup_ok]]
        for target, fd in enumerate(high):
            os.dup2(fd, target)  # 0 job/stdin, 1 stdout, 2 stderr, 3 events (replaces the control socket), 4 setup
        os.closerange(5, 1 << 16)
        for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGPIPE, signal.SIGCHLD):
            signal.signal(s, signal.SIG_DFL)
        enter_private_world(config)
        drop_privileges(config, cpu_seconds, bpf)
        os.write(4, b"k")
        os.close(4)
        child = os.fork()
        if child == 0:
            libc.prctl(PR_SET_DUMPABLE, 1, 0, 0, 0)  # the program's own /proc/self stays readable
            random.seed()  # a fresh import would seed from os.urandom; so does each generation
            harness.main()  # never returns (os._exit)
        while True:  # init of the namespace: reap everything until the harness is gone
            pid, status = os.wait()
            if pid == child:
                code = exit_code(status)
                break
    except BaseException as e:
        try:
            os.write(2, ("flowrl zygote: generation setup failed: %s\n" % e).encode())
        except BaseException:
            pass
        code = 125
    os._exit(code)


def exit_code(status):
    return os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status)


def launcher(config, bpf, cpu_seconds, fds, setup_ok, report_pid):
    """A short-lived child of the zygote that makes the generation's PID namespace (a process can do that only once,
    and under --disable-userns the zygote's user namespace does not own the slot's PID namespace, so it cannot go
    back with setns) and forks G as its init. Tells the zygote G's pid, then exits with G's status. G dies with it
    (parent-death signal), so killing this process ends the whole generation."""
    code = 126
    try:
        check(libc.unshare(CLONE_NEWPID), "unshare(CLONE_NEWPID)")
        g = os.fork()
        if g == 0:
            os.close(report_pid)
            generation(config, bpf, cpu_seconds, fds, setup_ok)
        os.write(report_pid, str(g).encode())
        for fd in fds + [setup_ok, report_pid]:
            os.close(fd)
        code = exit_code(os.waitpid(g, 0)[1])
    except BaseException as e:
        try:
            os.write(fds[2], ("flowrl zygote: launching the generation failed: %s\n" % e).encode())
        except BaseException:
            pass
    os._exit(code)


def reap_orphans():
    """The zygote is the slot's init (bwrap --as-pid-1): a G whose launcher was killed is reparented to it."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def serve(ctrl, config, bpf, cpu, fds):
    """Runs one generation to its end (or until the supervisor says "kill") and returns the report."""
    ok_r, ok_w = os.pipe()
    pid_r, pid_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(ctrl.detach())
        os.close(ok_r)
        os.close(pid_r)
        launcher(config, bpf, cpu, fds, ok_w, pid_w)
    for fd in fds + [ok_w, pid_w]:
        os.close(fd)
    launcher_fd = os.pidfd_open(pid)
    g = os.read(pid_r, 32)
    os.close(pid_r)
    generation_fd = None
    if g:
        try:
            generation_fd = os.pidfd_open(int(g))
        except OSError:
            pass  # already gone
    # G writes this byte after setting its parent-death signal and finishing the isolation, before the program.
    isolated = os.read(ok_r, 1) == b"k"
    os.close(ok_r)
    killed = False
    while True:
        ready, _, _ = select.select([ctrl, launcher_fd], [], [])
        if launcher_fd in ready:
            break
        msg = ctrl.recv(64)
        if msg == b"kill" or not msg:
            os.kill(pid, signal.SIGKILL)
            killed = True
            if not msg:
                break
    status = os.waitpid(pid, 0)[1]
    os.close(launcher_fd)
    if generation_fd is not None:
        select.select([generation_fd], [], [])  # readable once G, and with it its whole namespace, is gone
        os.close(generation_fd)
    reap_orphans()
    return {"status": exit_code(status), "isolated": isolated, "killed": killed}


def main():
    ctrl = socket.socket(fileno=3)
    config = json.loads(ctrl.recv(1 << 16))
    bpf = ctrl.recv(1 << 20)
    if not bpf or len(bpf) % 8:
        raise SystemExit("flowrl zygote: bad seccomp program")
    libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
    gc.freeze()  # the pre-imported objects: never scanned by a fork's collector, so their pages stay shared
    ctrl.send(b"ready")
    while True:
        msg, fds, _, _ = socket.recv_fds(ctrl, 1 << 16, 4)
        if not msg:
            return
        if msg == b"kill" and not fds:
            continue  # the generation it meant had already ended
        try:
            if len(fds) != 4:
                raise OSError(0, "expected 4 descriptors, got %d" % len(fds))
            report = serve(ctrl, config, bpf, int(json.loads(msg)["cpu"]), fds)
        except OSError as e:
            for fd in fds:
                try:
                    os.close(fd)
                except OSError:
                    pass
            report = {"error": str(e)}
        ctrl.send(json.dumps(report).encode())


main()
