// libseccomp plus the few process primitives the sandbox supervisor needs that Swift cannot call safely itself:
// the fork/exec launcher (only async-signal-safe calls between fork and exec) and pidfd_open (a variadic syscall).
#ifndef FLOWRL_CSECCOMP_SHIM_H
#define FLOWRL_CSECCOMP_SHIM_H
#define _GNU_SOURCE
#include <seccomp.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/vfs.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>

/// One resource limit for the launcher (soft = hard = value).
typedef struct { int resource; unsigned long long value; } flowrl_rlimit;

/// Launch plan: fds[i] becomes fd i in the child (for i < nfds); all other fds are closed.
typedef struct {
    const char *path;
    char *const *argv;
    const int *fds; int nfds;
    const flowrl_rlimit *limits; int nlimits;
    const char *const *cgroup_procs; int ncgroups;
    unsigned int uid, gid;
} flowrl_launch;

static inline void flowrl_write_all(int fd, const void *buf, size_t n) {
    const char *p = (const char *)buf;
    while (n > 0) { ssize_t w = write(fd, p, n); if (w <= 0) { if (w < 0 && errno == EINTR) continue; return; } p += w; n -= (size_t)w; }
}

/// Forks and execs `plan->path` with an EMPTY environment, in a new session, inside the given cgroups, under the
/// given rlimits and as uid/gid (no supplementary groups), with SIGKILL as parent-death signal.
/// Returns the child pid, or -1 with `*err_step`/`*err_no` naming the step that failed (in the child or here).
static inline pid_t flowrl_spawn(const flowrl_launch *plan, int *err_step, int *err_no) {
    int errpipe[2];
    if (pipe2(errpipe, O_CLOEXEC) != 0) { *err_step = 0; *err_no = errno; return -1; }
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) { *err_step = 0; *err_no = errno; close(errpipe[0]); close(errpipe[1]); return -1; }
    if (pid == 0) {
        int step = 1;
        sigset_t all; sigemptyset(&all); sigprocmask(SIG_SETMASK, &all, NULL);
        signal(SIGPIPE, SIG_DFL);
        if (setsid() < 0) goto fail;
        step = 2;
        char buf[24]; int len = 0; { pid_t me = getpid(); char tmp[24]; int k = 0; do { tmp[k++] = (char)('0' + me % 10); me /= 10; } while (me > 0); while (k > 0) buf[len++] = tmp[--k]; }
        for (int i = 0; i < plan->ncgroups; i++) {
            int fd = open(plan->cgroup_procs[i], O_WRONLY | O_CLOEXEC);
            if (fd < 0) goto fail;
            if (write(fd, buf, (size_t)len) != len) { close(fd); goto fail; }
            close(fd);
        }
        step = 3;
        for (int i = 0; i < plan->nlimits; i++) {
            struct rlimit rl = { (rlim_t)plan->limits[i].value, (rlim_t)plan->limits[i].value };
            if (setrlimit(plan->limits[i].resource, &rl) != 0) goto fail;
        }
        step = 4;
        // Move the planned fds above every target slot first, then into place.
        int moved[16]; int n = plan->nfds < 16 ? plan->nfds : 16;
        for (int i = 0; i < n; i++) { moved[i] = fcntl(plan->fds[i], F_DUPFD_CLOEXEC, 64); if (moved[i] < 0) goto fail; }
        for (int i = 0; i < n; i++) { if (dup2(moved[i], i) < 0) goto fail; }
        step = 5;
        if (syscall(SYS_close_range, (unsigned)n, ~0U, 4 /* CLOSE_RANGE_CLOEXEC */) != 0) {
            for (int fd = n; fd < 4096; fd++) if (fd != errpipe[1]) fcntl(fd, F_SETFD, FD_CLOEXEC);
        }
        step = 6;
        if (setgroups(0, NULL) != 0) goto fail;
        if (setresgid(plan->gid, plan->gid, plan->gid) != 0) goto fail;
        if (setresuid(plan->uid, plan->uid, plan->uid) != 0) goto fail;
        step = 7;
        if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) goto fail;
        if (getppid() != parent) { errno = ESRCH; goto fail; }
        step = 8;
        { char *const envp[] = { NULL }; execve(plan->path, plan->argv, envp); }
    fail:
        { int report[2] = { step, errno }; flowrl_write_all(errpipe[1], report, sizeof report); }
        _exit(127);
    }
    close(errpipe[1]);
    int report[2]; ssize_t got;
    do { got = read(errpipe[0], report, sizeof report); } while (got < 0 && errno == EINTR);
    close(errpipe[0]);
    if (got == (ssize_t)sizeof report) {
        *err_step = report[0]; *err_no = report[1];
        int status; while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
        return -1;
    }
    return pid;
}

/// pidfd_open(2): a descriptor that polls readable when the process exits.
static inline int flowrl_pidfd_open(pid_t pid) { return (int)syscall(SYS_pidfd_open, pid, 0); }

/// Kills every process owned by `uid` (kill(-1) from a helper running as that uid; never the caller).
/// The slot uids are dedicated to sandboxes, so this reaps daemons that escaped the process group.
static inline int flowrl_kill_uid(unsigned int uid) {
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        if (setresgid(65534, 65534, 65534) != 0) _exit(1);
        if (setresuid(uid, uid, uid) != 0) _exit(1);
        for (int i = 0; i < 4; i++) kill(-1, SIGKILL);
        _exit(0);
    }
    int status = 0; while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/// Builds the seccomp filter (default allow; the listed syscalls fail with EPERM, clone3 with ENOSYS so libc falls
/// back to clone, clone with CLONE_NEWUSER and the TIOCSTI/TIOCLINUX ioctls fail with EPERM) and writes its BPF
/// program to `fd`. Returns 0 or a negative errno.
static inline int flowrl_seccomp_export(int fd, const int *denied, int ndenied) {
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
    if (ctx == NULL) return -ENOMEM;
    int rc = 0;
    for (int i = 0; i < ndenied && rc == 0; i++) {
        if (denied[i] >= 0) rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), denied[i], 0);
    }
    if (rc == 0) rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0);
    if (rc == 0) rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(clone), 1,
                                       SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_NEWUSER, CLONE_NEWUSER));
    if (rc == 0) rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(ioctl), 1,
                                       SCMP_A1(SCMP_CMP_MASKED_EQ, 0xFFFFFFFFu, TIOCSTI));
    if (rc == 0) rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(ioctl), 1,
                                       SCMP_A1(SCMP_CMP_MASKED_EQ, 0xFFFFFFFFu, TIOCLINUX));
    if (rc == 0) rc = seccomp_export_bpf(ctx, fd);
    seccomp_release(ctx);
    return rc;
}

/// The syscall number of `name` on this architecture, or a negative value when unknown.
static inline int flowrl_syscall_number(const char *name) { return seccomp_syscall_resolve_name(name); }

/// A connected pair of AF_UNIX SOCK_SEQPACKET sockets (message boundaries kept), close-on-exec.
static inline int flowrl_seqpacket_pair(int sv[2]) { return socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv); }

/// Sends one message carrying `nfds` (at most 8) descriptors with SCM_RIGHTS. Returns sendmsg's result.
static inline ssize_t flowrl_send_fds(int sock, const void *buf, size_t len, const int *fds, int nfds) {
    if (nfds < 0 || nfds > 8) { errno = EINVAL; return -1; }
    struct iovec iov = { (void *)buf, len };
    union { char bytes[CMSG_SPACE(sizeof(int) * 8)]; struct cmsghdr align; } control;
    memset(&control, 0, sizeof control);
    struct msghdr msg;
    memset(&msg, 0, sizeof msg);
    msg.msg_iov = &iov; msg.msg_iovlen = 1;
    if (nfds > 0) {
        msg.msg_control = control.bytes; msg.msg_controllen = CMSG_SPACE(sizeof(int) * (size_t)nfds);
        struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
        c->cmsg_level = SOL_SOCKET; c->cmsg_type = SCM_RIGHTS; c->cmsg_len = CMSG_LEN(sizeof(int) * (size_t)nfds);
        memcpy(CMSG_DATA(c), fds, sizeof(int) * (size_t)nfds);
    }
    ssize_t r;
    do { r = sendmsg(sock, &msg, MSG_NOSIGNAL); } while (r < 0 && errno == EINTR);
    return r;
}

/// The file-system magic number of `path` (statfs f_type), or 0 when it cannot be read.
static inline long flowrl_fs_type(const char *path) { struct statfs s; return statfs(path, &s) == 0 ? (long)s.f_type : 0; }

#include <sys/mman.h>
static inline int flowrl_memfd(const char *name) { return memfd_create(name, MFD_CLOEXEC); }
enum { FLOWRL_RLIMIT_NPROC = RLIMIT_NPROC, FLOWRL_RLIMIT_NOFILE = RLIMIT_NOFILE, FLOWRL_RLIMIT_FSIZE = RLIMIT_FSIZE,
       FLOWRL_RLIMIT_CORE = RLIMIT_CORE, FLOWRL_RLIMIT_STACK = RLIMIT_STACK, FLOWRL_RLIMIT_CPU = RLIMIT_CPU,
       FLOWRL_RLIMIT_AS = RLIMIT_AS };
static inline int flowrl_wexitstatus(int s) { return WIFEXITED(s) ? WEXITSTATUS(s) : -1; }
static inline int flowrl_wtermsig(int s) { return WIFSIGNALED(s) ? WTERMSIG(s) : 0; }
#endif
