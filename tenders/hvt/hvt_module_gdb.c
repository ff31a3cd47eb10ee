/* solo5-hvt gdb module: a gdb remote stub on one socket, in the sandbox. */
#include "hvt_module_gdb.h"
#include "common_module.h"
#include "hvt.h"
#include "hvt_module_vcpu.h"

#include <arpa/inet.h>
#include <err.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define DEFAULT_PORT 1234

static const char *const gdb_flags[] = {"--gdb", NULL};

struct gdb_stub gdb_stub = {.port = DEFAULT_PORT, .fd = -1};

/* The guest's end, HALT or a fatal condition (hvt_end): gdb hears that it
 * exited with its status, or was killed, before the tender goes. */
static void gdb_exit(struct tender *t, int status, bool fatal)
{
    (void)t;
    if (!gdb_stub.attached)
        return;
    gdb_stub.attached = false;
    gdb_stub.last =
        fatal ? (struct gdb_stop){.kind = GDB_STOP_KILLED, .code = GDB_SIGKILL}
              : (struct gdb_stop){.kind = GDB_STOP_EXITED,
                                  .code = (unsigned)status};
    gdb_reply_stop(&gdb_stub.reply, &gdb_stub.last);
    gdb_send_reply();
}

/* Any other exit while gdb is attached is a kill for gdb. */
static void at_exit(void)
{
    gdb_exit(NULL, 1, true);
}

/* ---- setup ----------------------------------------------------------------
 */

/* Listens on 127.0.0.1:port and waits for gdb to connect. */
static int connect_gdb(void)
{
    struct sockaddr_in a = {.sin_family = AF_INET,
                            .sin_port = htons((uint16_t)gdb_stub.port),
                            .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    int one = 1, ls = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

    if (ls < 0 ||
        setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
        bind(ls, (struct sockaddr *)&a, sizeof a) != 0 || listen(ls, 1) != 0) {
        warnx("gdb: cannot listen on 127.0.0.1:%u: %s", gdb_stub.port,
              strerror(errno));
        return -1;
    }
    warnx("gdb: waiting for a connection on 127.0.0.1:%u", gdb_stub.port);
    do
        gdb_stub.fd = accept4(ls, NULL, NULL, SOCK_CLOEXEC);
    while (gdb_stub.fd < 0 && errno == EINTR);
    if (gdb_stub.fd < 0) {
        warnx("gdb: accept: %s", strerror(errno));
        return -1;
    }
    close(ls);
    (void)setsockopt(gdb_stub.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return 0;
}

/* --gdb=@FD: a connected stream socket. */
static int take_fd(const char *opt, const char *num)
{
    uint64_t fd;
    struct stat st;
    int type;
    socklen_t len = sizeof type;

    if (!opt_parse_u64(num, &fd) || fd > 65535)
        return tender_bad_option(opt, "Malformed descriptor");
    if (fstat((int)fd, &st) != 0 || !S_ISSOCK(st.st_mode) ||
        getsockopt((int)fd, SOL_SOCKET, SO_TYPE, &type, &len) != 0 ||
        type != SOCK_STREAM)
        return tender_bad_option(opt, "Descriptor %llu is not a stream socket",
                                 (unsigned long long)fd);
    gdb_stub.fd = (int)fd;
    return 0;
}

static int handle_option(struct tender *t, const char *opt)
{
    uint64_t port;

    (void)t;
    if (strcmp(opt, "--gdb") == 0) {
        gdb_stub.wanted = true;
        return 0;
    }
    if (strncmp(opt, "--gdb=@", 7) == 0) {
        gdb_stub.wanted = true;
        return take_fd(opt, opt + 7);
    }
    if (strncmp(opt, "--gdb-port=", 11) == 0) {
        if (!opt_parse_u64(opt + 11, &port) || port == 0 || port > 65535)
            return tender_bad_option(opt, "Port must be 1 to 65535");
        gdb_stub.port = (unsigned)port;
        gdb_stub.port_given = true;
        return 0;
    }
    if (strncmp(opt, "--gdb", 5) == 0)
        return tender_bad_option(opt, "Expected --gdb, --gdb=@FD or "
                                      "--gdb-port=N");
    return 1;
}

/* Breakpoints are planted in guest code, which the host maps read-only:
 * under gdb it is writable (the tender still never writes there for a
 * hypercall, which checks the image's read-only ranges). */
static int unprotect(struct hvt *h)
{
    for (unsigned i = 0; i < h->nro; i++)
        if (mprotect(h->mem.host + h->ro[i].start,
                     h->ro[i].end - h->ro[i].start,
                     PROT_READ | PROT_WRITE) != 0) {
            warnx("gdb: mprotect: %s", strerror(errno));
            return -1;
        }
    return 0;
}

static int setup(struct tender *t)
{
    struct hvt *h = hvt_of(t);

    if (!gdb_stub.wanted && gdb_stub.port_given)
        warnx("--gdb-port needs --gdb");
    if (!gdb_stub.wanted)
        return gdb_stub.port_given ? -1 : 0;
    if (gdb_stub.port_given && gdb_stub.fd >= 0) {
        warnx("--gdb-port and --gdb=@FD exclude each other");
        return -1;
    }
    if (unprotect(h) != 0 || (gdb_stub.fd < 0 && connect_gdb() != 0))
        return -1;
    gdb_rx_init(&gdb_stub.rx);
    gdb_stub.attached = true;
    hvt_debugger = &gdb_debugger;
    if (atexit(at_exit) != 0) {
        warnx("gdb: atexit failed");
        return -1;
    }
    return 0;
}

/* The socket's reads and writes, and the vCPU's register and debug calls. */
static void rules(struct tender *t, struct sandbox *sb)
{
    if (!gdb_stub.wanted)
        return;
    sandbox_allow(sb, SYS_read, 1, 0u, SANDBOX_EQ, (uint64_t)gdb_stub.fd);
    sandbox_allow(sb, SYS_write, 1, 0u, SANDBOX_EQ, (uint64_t)gdb_stub.fd);
    hvt_vm_debug_sandbox(hvt_of(t), sb);
}

static const struct tender_module gdb_module = {
    .name = "gdb",
    .usage = "  [ --gdb ] (wait for gdb on 127.0.0.1 before the guest's first "
             "instruction)\n"
             "  [ --gdb-port=1234 ] (the TCP port --gdb listens on)\n"
             "  [ --gdb=@FD ] (serve gdb on the connected socket at "
             "descriptor FD)\n",
    .flags = gdb_flags,
    .handle_option = handle_option,
    .setup = setup,
    .rules = rules,
    .exit = gdb_exit,
};
TENDER_MODULE(gdb, gdb_module);
TENDER_MODULE_OPTIONS(gdb, "--gdb --gdb-port");
