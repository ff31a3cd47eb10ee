/* solo5-hvt trace module: --trace lines per hypercall and exit, --stats. */
#include "hvt_module_trace.h"
#include "common_module.h"

#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "solo5.h"

static const char *const trace_flags[] = {"--trace", "--stats", NULL};

static struct {
    bool trace, stats, json;
    const char *path; /* --trace=FILE, or NULL for stderr */
    FILE *out;        /* where trace lines go */
    uint64_t t0;      /* setup time: trace times are relative to it */
    uint64_t run_start, exit_at; /* the last KVM_RUN's entry and return */
    bool hc_ended;               /* run_start is the hypercall's end */
    struct trace_counts c;
    bool pending; /* a hypercall started and has not returned (HALT) */
    unsigned pending_nr;
    uint64_t pending_gpa, pending_start;
    unsigned char *resident; /* mincore's vector, one byte per page */
    char buf[65536];         /* the trace file's stdio buffer */
} tr;

uint64_t trace_now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

const char *trace_hc_name(unsigned nr)
{
    unsigned n;
    const struct hvt_hypercall_entry *hc = hvt_hypercalls_linked(&n);

    for (unsigned i = 0; i < n; i++)
        if (hc[i].nr == nr)
            return hc[i].name;
    return "?";
}

static void line_start(uint64_t at)
{
    uint64_t rel = at - tr.t0;

    fprintf(tr.out, "%" PRIu64 ".%09" PRIu64 " ", rel / 1000000000U,
            rel % 1000000000U);
}

/* Counts a block or net request on its handle; ok says it succeeded. */
static void count_dev(uint64_t handle, bool write, uint64_t len, bool ok)
{
    struct dev_tally *d;

    if (handle >= MFT_MAX_ENTRIES)
        return;
    d = &tr.c.dev[handle];
    if (write) {
        d->writes++;
        d->write_bytes += ok ? len : 0;
    } else {
        d->reads++;
        d->read_bytes += ok ? len : 0;
    }
}

/* Decodes hypercall nr's arguments at gpa after its handler ran (so they
 * passed its checks), counts device traffic and, if tracing, prints them. */
static void decode(struct hvt *h, unsigned nr, uint64_t gpa)
{
    char buf[160];

    buf[0] = '\0';
    switch (nr) {
    case HVT_HYPERCALL_BLOCK_READ:
    case HVT_HYPERCALL_BLOCK_WRITE: {
        const struct hvt_hc_block *a = HVT_ARG(h, gpa, sizeof *a, false);
        count_dev(a->handle, nr == HVT_HYPERCALL_BLOCK_WRITE, a->len,
                  a->ret == SOLO5_R_OK);
        if (tr.trace)
            snprintf(buf, sizeof buf,
                     " handle=%" PRIu64 " offset=%" PRIu64 " len=%" PRIu64
                     " ret=%d",
                     a->handle, a->offset, a->len, a->ret);
        break;
    }
    case HVT_HYPERCALL_BLOCK_FLUSH: {
        const struct hvt_hc_block_flush *a = HVT_ARG(h, gpa, sizeof *a, false);
        if (a->handle < MFT_MAX_ENTRIES)
            tr.c.dev[a->handle].flushes++;
        if (tr.trace)
            snprintf(buf, sizeof buf, " handle=%" PRIu64 " ret=%d", a->handle,
                     a->ret);
        break;
    }
    case HVT_HYPERCALL_NET_READ:
    case HVT_HYPERCALL_NET_WRITE: {
        const struct hvt_hc_net *a = HVT_ARG(h, gpa, sizeof *a, false);
        count_dev(a->handle, nr == HVT_HYPERCALL_NET_WRITE, a->len,
                  a->ret == SOLO5_R_OK);
        if (tr.trace)
            snprintf(buf, sizeof buf,
                     " handle=%" PRIu64 " len=%" PRIu64 " ret=%d", a->handle,
                     a->len, a->ret);
        break;
    }
    case HVT_HYPERCALL_PUTS: {
        if (!tr.trace)
            break;
        const struct hvt_hc_puts *a = HVT_ARG(h, gpa, sizeof *a, false);
        snprintf(buf, sizeof buf, " len=%" PRIu64, a->len);
        break;
    }
    case HVT_HYPERCALL_POLL: {
        if (!tr.trace)
            break;
        const struct hvt_hc_poll *a = HVT_ARG(h, gpa, sizeof *a, false);
        snprintf(buf, sizeof buf,
                 " timeout_ns=%" PRIu64 " ready_set=0x%" PRIx64 " ret=%d",
                 a->timeout_nsecs, a->ready_set, a->ret);
        break;
    }
    default:
        break;
    }
    if (tr.trace)
        fprintf(tr.out, "hypercall %s%s", trace_hc_name(nr), buf);
}

/*
 * Runs hypercall nr through fn, timing and decoding it. The hypercall's time
 * runs from its exit's return, read by on_vm_exit, and the next guest run
 * starts at its end: two clock reads a round trip with --stats, not four.
 */
static void on_hypercall(struct hvt *h, unsigned nr, uint64_t gpa,
                         hvt_hypercall_fn fn)
{
    uint64_t start = tr.exit_at, end;

    tr.pending = true;
    tr.pending_nr = nr;
    tr.pending_gpa = gpa;
    tr.pending_start = start;
    fn(h, gpa);
    tr.pending = false;
    end = trace_now_ns();
    /* Not when tracing: the lines printed below would count as guest time. */
    tr.run_start = end;
    tr.hc_ended = !tr.trace;
    tr.c.hc[nr].count++;
    tr.c.hc[nr].ns += end - start;
    if (tr.trace)
        line_start(start);
    decode(h, nr, gpa);
    if (tr.trace)
        fprintf(tr.out, " %" PRIu64 "ns\n", end - start);
}

static void on_run(void)
{
    if (!tr.hc_ended)
        tr.run_start = trace_now_ns();
    tr.hc_ended = false;
}

/* The vCPU came back from the guest with an exit of kind name. */
static void on_vm_exit(const char *name)
{
    uint64_t end = trace_now_ns(), d = end - tr.run_start;
    unsigned i;

    tr.exit_at = end;
    for (i = 0; i < NEXITS - 1; i++) {
        if (tr.c.exit_names[i] == NULL)
            tr.c.exit_names[i] = name;
        if (tr.c.exit_names[i] == name || strcmp(tr.c.exit_names[i], name) == 0)
            break;
    }
    if (i == NEXITS - 1)
        tr.c.exit_names[i] = "other";
    tr.c.exits[i].count++;
    tr.c.exits[i].ns += d;
    if (tr.trace) {
        line_start(tr.run_start);
        fprintf(tr.out, "exit %s %" PRIu64 "ns\n", name, d);
    }
}

static const struct hvt_tracer tracer = {
    .hypercall = on_hypercall,
    .run = on_run,
    .exit = on_vm_exit,
};

static int handle_option(struct tender *t, const char *opt)
{
    (void)t;
    if (strcmp(opt, "--trace") == 0 || strncmp(opt, "--trace=", 8) == 0) {
        if (opt[7] == '=' && opt[8] == '\0')
            return tender_bad_option(opt, "Expected --trace or --trace=FILE");
        tr.trace = true;
        tr.path = opt[7] == '=' ? opt + 8 : NULL;
        return 0;
    }
    if (strcmp(opt, "--stats") == 0 || strcmp(opt, "--stats=json") == 0) {
        tr.stats = true;
        tr.json = opt[7] == '=';
        return 0;
    }
    if (strncmp(opt, "--trace", 7) == 0 || strncmp(opt, "--stats", 7) == 0)
        return tender_bad_option(opt, "Expected --trace, --trace=FILE, "
                                      "--stats or --stats=json");
    return 1;
}

static int setup(struct tender *t)
{
    struct hvt *h = hvt_of(t);

    if (!tr.trace && !tr.stats)
        return 0;
    tr.out = stderr;
    if (tr.path != NULL) {
        int fd = open(tr.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0 || (tr.out = fdopen(fd, "w")) == NULL) {
            char name[TENDER_ESCAPED_SIZE];
            fprintf(stderr, "solo5-hvt: %s: cannot open the trace file\n",
                    tender_escape(tr.path, name, sizeof name));
            return -1;
        }
        /* A buffer of our own: stdio would fstat the file to size one,
         * under the sandbox. */
        setvbuf(tr.out, tr.buf, _IOFBF, sizeof tr.buf);
    }
    if (tr.stats) {
        tr.resident = calloc(h->alloc_size / HVT_PAGE_SIZE, 1);
        if (tr.resident == NULL)
            return -1;
    }
    tr.t0 = trace_now_ns();
    hvt_tracer = &tracer;
    return 0;
}

/* Writes into the trace file; mincore over guest memory for --stats. */
static void rules(struct tender *t, struct sandbox *sb)
{
    struct hvt *h = hvt_of(t);

    if (tr.path != NULL && tr.out != NULL)
        sandbox_allow(sb, SYS_write, 1, 0u, SANDBOX_EQ,
                      (uint64_t)fileno(tr.out));
    if (tr.stats)
        sandbox_allow(sb, SYS_mincore, 1, 0u, SANDBOX_EQ,
                      (uint64_t)(uintptr_t)h->mem.host);
}

/* A hypercall that did not return (HALT, or one that ended the guest) is
 * counted and traced here; then the statistics. */
static void trace_exit(struct tender *t, int status, bool fatal)
{
    struct hvt *h = hvt_of(t);

    if (hvt_tracer == NULL)
        return;
    hvt_tracer = NULL;
    if (tr.pending) {
        uint64_t d = trace_now_ns() - tr.pending_start;
        tr.c.hc[tr.pending_nr].count++;
        tr.c.hc[tr.pending_nr].ns += d;
        if (tr.trace) {
            line_start(tr.pending_start);
            fprintf(tr.out, "hypercall %s %s=%d %" PRIu64 "ns\n",
                    trace_hc_name(tr.pending_nr), fatal ? "fatal" : "status",
                    status, d);
        }
    }
    if (tr.trace)
        fflush(tr.out);
    if (!tr.stats)
        return;
    trace_stats_print(h, &tr.c, tr.resident, tr.json);
}

static const struct tender_module trace_module = {
    .name = "trace",
    .usage =
        "  [ --trace[=FILE] ] (one line per hypercall and VM exit, on "
        "stderr or in FILE)\n"
        "  [ --stats[=json] ] (at exit: counts and times of hypercalls "
        "and exits, device traffic, start-up phases, guest memory touched)\n",
    .flags = trace_flags,
    .handle_option = handle_option,
    .setup = setup,
    .rules = rules,
    .exit = trace_exit,
};
TENDER_MODULE(trace, trace_module);
TENDER_MODULE_OPTIONS(trace, "--trace --stats");
