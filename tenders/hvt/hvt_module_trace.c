/* solo5-hvt trace module: --trace lines per hypercall and exit, --stats. */
#include "common_module.h"
#include "hvt.h"

#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "solo5.h"

#define PAGE 4096ULL
#define NEXITS 32U /* exit kinds counted; the rest share the last slot */

static const char *const trace_flags[] = {"--trace", "--stats", NULL};

struct tally {
    uint64_t count, ns;
};

/* Per manifest handle: requests (hypercalls: a request of many blocks is one
 * when the tender offers MULTI, else one per host request the bindings made)
 * and the bytes they moved, and flushes. */
struct dev_tally {
    uint64_t reads, writes, read_bytes, write_bytes, flushes;
};

static struct {
    bool trace, stats, json;
    const char *path; /* --trace=FILE, or NULL for stderr */
    FILE *out;        /* where trace lines go */
    uint64_t t0;      /* setup time: trace times are relative to it */
    uint64_t run_start, exit_at; /* the last KVM_RUN's entry and return */
    bool hc_ended;               /* run_start is the hypercall's end */
    struct tally hc[HVT_HYPERCALL_MAX];
    struct tally exits[NEXITS];
    const char *exit_names[NEXITS];
    struct dev_tally dev[MFT_MAX_ENTRIES];
    bool pending; /* a hypercall started and has not returned (HALT) */
    unsigned pending_nr;
    uint64_t pending_gpa, pending_start;
    unsigned char *resident; /* mincore's vector, one byte per page */
    char buf[65536];         /* the trace file's stdio buffer */
} tr;

static uint64_t now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static const char *hc_name(unsigned nr)
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
    d = &tr.dev[handle];
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
            tr.dev[a->handle].flushes++;
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
        fprintf(tr.out, "hypercall %s%s", hc_name(nr), buf);
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
    end = now_ns();
    /* Not when tracing: the lines printed below would count as guest time. */
    tr.run_start = end;
    tr.hc_ended = !tr.trace;
    tr.hc[nr].count++;
    tr.hc[nr].ns += end - start;
    if (tr.trace)
        line_start(start);
    decode(h, nr, gpa);
    if (tr.trace)
        fprintf(tr.out, " %" PRIu64 "ns\n", end - start);
}

static void on_run(void)
{
    if (!tr.hc_ended)
        tr.run_start = now_ns();
    tr.hc_ended = false;
}

/* The vCPU came back from the guest with an exit of kind name. */
static void on_vm_exit(const char *name)
{
    uint64_t end = now_ns(), d = end - tr.run_start;
    unsigned i;

    tr.exit_at = end;
    for (i = 0; i < NEXITS - 1; i++) {
        if (tr.exit_names[i] == NULL)
            tr.exit_names[i] = name;
        if (tr.exit_names[i] == name || strcmp(tr.exit_names[i], name) == 0)
            break;
    }
    if (i == NEXITS - 1)
        tr.exit_names[i] = "other";
    tr.exits[i].count++;
    tr.exits[i].ns += d;
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
        tr.resident = calloc(h->alloc_size / PAGE, 1);
        if (tr.resident == NULL)
            return -1;
    }
    tr.t0 = now_ns();
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

/* Bytes of guest memory the host has pages for: what the guest touched. */
static uint64_t touched(const struct hvt *h)
{
    uint64_t pages = h->alloc_size / PAGE, n = 0;

    if (mincore(h->mem.host, h->alloc_size, tr.resident) != 0)
        return 0;
    for (uint64_t i = 0; i < pages; i++)
        n += tr.resident[i] & 1;
    return n * PAGE;
}

/* A manifest name in JSON: anything but [A-Za-z0-9_.-] as \u00XX. */
static void json_name(const char *s)
{
    fputc('"', stderr);
    for (; *s != '\0'; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
            (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-')
            fputc(c, stderr);
        else
            fprintf(stderr, "\\u%04x", c);
    }
    fputc('"', stderr);
}

static const char *dev_kind(mft_type_t type)
{
    return type == MFT_DEV_BLOCK_BASIC ? "block" : "net";
}

static bool is_dev(const struct tender *t, unsigned i)
{
    return i < t->mft->entries && (t->mft->e[i].type == MFT_DEV_BLOCK_BASIC ||
                                   t->mft->e[i].type == MFT_DEV_NET_BASIC);
}

/* The start-up phases' names, for HVT_PHASE_ELF on, then the guest's run. */
static const char *const phase_names[HVT_PHASES] = {
    "elf", "memory", "kvm", "setup", "sandbox", "guest",
};

/* How long phase i of phase_names lasted, in ns (the guest: until now). */
static uint64_t phase_ns(const struct hvt *h, unsigned i)
{
    uint64_t end = i + 1 < HVT_PHASES ? h->phase_ns[i + 1] : now_ns();

    /* 0 for a phase that did not end: the guest never started. */
    return h->started && end > h->phase_ns[i] ? end - h->phase_ns[i] : 0;
}

static void stats_table(struct hvt *h, uint64_t mem)
{
    char name[TENDER_ESCAPED_NAME_SIZE];

    fprintf(stderr, "solo5-hvt: stats:\n%-10s %-14s %10s %14s\n", "kind",
            "name", "count", "time_ns");
    for (unsigned i = 0; i < HVT_HYPERCALL_MAX; i++)
        if (tr.hc[i].count > 0)
            fprintf(stderr, "%-10s %-14s %10" PRIu64 " %14" PRIu64 "\n",
                    "hypercall", hc_name(i), tr.hc[i].count, tr.hc[i].ns);
    for (unsigned i = 0; i < NEXITS && tr.exit_names[i] != NULL; i++)
        fprintf(stderr, "%-10s %-14s %10" PRIu64 " %14" PRIu64 "\n", "exit",
                tr.exit_names[i], tr.exits[i].count, tr.exits[i].ns);
    for (unsigned i = 0; i < MFT_MAX_ENTRIES; i++) {
        if (!is_dev(&h->t, i))
            continue;
        fprintf(stderr,
                "device %s %s: reads=%" PRIu64 " writes=%" PRIu64
                " read_bytes=%" PRIu64 " write_bytes=%" PRIu64,
                dev_kind(h->t.mft->e[i].type),
                tender_escape(h->t.mft->e[i].name, name, sizeof name),
                tr.dev[i].reads, tr.dev[i].writes, tr.dev[i].read_bytes,
                tr.dev[i].write_bytes);
        if (h->t.mft->e[i].type == MFT_DEV_BLOCK_BASIC)
            fprintf(stderr, " flushes=%" PRIu64, tr.dev[i].flushes);
        fputc('\n', stderr);
    }
    for (unsigned i = 0; i < HVT_PHASES; i++)
        fprintf(stderr, "%-10s %-14s %10u %14" PRIu64 "\n", "phase",
                phase_names[i], 1u, phase_ns(h, i));
    fprintf(stderr,
            "memory: guest_bytes=%" PRIu64 " touched_bytes=%" PRIu64 "\n",
            h->alloc_size, mem);
}

static void stats_json(struct hvt *h, uint64_t mem)
{
    const char *sep = "";

    fprintf(stderr, "{\"hypercalls\":{");
    for (unsigned i = 0; i < HVT_HYPERCALL_MAX; i++)
        if (tr.hc[i].count > 0) {
            fprintf(stderr,
                    "%s\"%s\":{\"count\":%" PRIu64 ",\"time_ns\":%" PRIu64 "}",
                    sep, hc_name(i), tr.hc[i].count, tr.hc[i].ns);
            sep = ",";
        }
    fprintf(stderr, "},\"exits\":{");
    sep = "";
    for (unsigned i = 0; i < NEXITS && tr.exit_names[i] != NULL; i++) {
        fprintf(stderr,
                "%s\"%s\":{\"count\":%" PRIu64 ",\"time_ns\":%" PRIu64 "}", sep,
                tr.exit_names[i], tr.exits[i].count, tr.exits[i].ns);
        sep = ",";
    }
    fprintf(stderr, "},\"devices\":{");
    sep = "";
    for (unsigned i = 0; i < MFT_MAX_ENTRIES; i++)
        if (is_dev(&h->t, i)) {
            fputs(sep, stderr);
            json_name(h->t.mft->e[i].name);
            fprintf(
                stderr,
                ":{\"type\":\"%s\",\"reads\":%" PRIu64 ",\"writes\":%" PRIu64
                ",\"read_bytes\":%" PRIu64 ",\"write_bytes\":%" PRIu64,
                dev_kind(h->t.mft->e[i].type), tr.dev[i].reads,
                tr.dev[i].writes, tr.dev[i].read_bytes, tr.dev[i].write_bytes);
            if (h->t.mft->e[i].type == MFT_DEV_BLOCK_BASIC)
                fprintf(stderr, ",\"flushes\":%" PRIu64, tr.dev[i].flushes);
            fputc('}', stderr);
            sep = ",";
        }
    fprintf(stderr, "},\"phases_ns\":{");
    for (unsigned i = 0; i < HVT_PHASES; i++)
        fprintf(stderr, "%s\"%s\":%" PRIu64, i ? "," : "", phase_names[i],
                phase_ns(h, i));
    fprintf(stderr,
            "},\"memory\":{\"guest_bytes\":%" PRIu64
            ",\"touched_bytes\":%" PRIu64 "}}\n",
            h->alloc_size, mem);
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
        uint64_t d = now_ns() - tr.pending_start;
        tr.hc[tr.pending_nr].count++;
        tr.hc[tr.pending_nr].ns += d;
        if (tr.trace) {
            line_start(tr.pending_start);
            fprintf(tr.out, "hypercall %s %s=%d %" PRIu64 "ns\n",
                    hc_name(tr.pending_nr), fatal ? "fatal" : "status", status,
                    d);
        }
    }
    if (tr.trace)
        fflush(tr.out);
    if (!tr.stats)
        return;
    if (tr.json)
        stats_json(h, touched(h));
    else
        stats_table(h, touched(h));
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
