/* solo5-hvt trace module: --stats' table and JSON object at exit. */
#include "hvt_module_trace.h"

#include <inttypes.h>
#include <stdio.h>
#include <sys/mman.h>

/* Bytes of guest memory the host has pages for: what the guest touched. */
static uint64_t touched(const struct hvt *h, unsigned char *resident)
{
    uint64_t pages = h->alloc_size / HVT_PAGE_SIZE, n = 0;

    if (mincore(h->mem.host, h->alloc_size, resident) != 0)
        return 0;
    for (uint64_t i = 0; i < pages; i++)
        n += resident[i] & 1;
    return n * HVT_PAGE_SIZE;
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
    "elf", "memory", "setup", "sandbox", "kvm", "guest",
};

/* How long phase i of phase_names lasted, in ns (the guest: until now). */
static uint64_t phase_ns(const struct hvt *h, unsigned i)
{
    uint64_t end = i + 1 < HVT_PHASES ? h->phase_ns[i + 1] : trace_now_ns();

    /* 0 for a phase that did not end: the guest never started. */
    return h->started && end > h->phase_ns[i] ? end - h->phase_ns[i] : 0;
}

static void stats_table(struct hvt *h, const struct trace_counts *c,
                        uint64_t mem)
{
    char name[TENDER_ESCAPED_NAME_SIZE];

    fprintf(stderr, "solo5-hvt: stats:\n%-10s %-14s %10s %14s\n", "kind",
            "name", "count", "time_ns");
    for (unsigned i = 0; i < HVT_HYPERCALL_MAX; i++)
        if (c->hc[i].count > 0)
            fprintf(stderr, "%-10s %-14s %10" PRIu64 " %14" PRIu64 "\n",
                    "hypercall", trace_hc_name(i), c->hc[i].count, c->hc[i].ns);
    for (unsigned i = 0; i < NEXITS && c->exit_names[i] != NULL; i++)
        fprintf(stderr, "%-10s %-14s %10" PRIu64 " %14" PRIu64 "\n", "exit",
                c->exit_names[i], c->exits[i].count, c->exits[i].ns);
    for (unsigned i = 0; i < MFT_MAX_ENTRIES; i++) {
        if (!is_dev(&h->t, i))
            continue;
        fprintf(stderr,
                "device %s %s: reads=%" PRIu64 " writes=%" PRIu64
                " read_bytes=%" PRIu64 " write_bytes=%" PRIu64,
                dev_kind(h->t.mft->e[i].type),
                tender_escape(h->t.mft->e[i].name, name, sizeof name),
                c->dev[i].reads, c->dev[i].writes, c->dev[i].read_bytes,
                c->dev[i].write_bytes);
        if (h->t.mft->e[i].type == MFT_DEV_BLOCK_BASIC)
            fprintf(stderr, " flushes=%" PRIu64, c->dev[i].flushes);
        fputc('\n', stderr);
    }
    for (unsigned i = 0; i < HVT_PHASES; i++)
        fprintf(stderr, "%-10s %-14s %10u %14" PRIu64 "\n", "phase",
                phase_names[i], 1u, phase_ns(h, i));
    fprintf(stderr,
            "memory: guest_bytes=%" PRIu64 " touched_bytes=%" PRIu64 "\n",
            h->alloc_size, mem);
}

static void stats_json(struct hvt *h, const struct trace_counts *c,
                       uint64_t mem)
{
    const char *sep = "";

    fprintf(stderr, "{\"hypercalls\":{");
    for (unsigned i = 0; i < HVT_HYPERCALL_MAX; i++)
        if (c->hc[i].count > 0) {
            fprintf(stderr,
                    "%s\"%s\":{\"count\":%" PRIu64 ",\"time_ns\":%" PRIu64 "}",
                    sep, trace_hc_name(i), c->hc[i].count, c->hc[i].ns);
            sep = ",";
        }
    fprintf(stderr, "},\"exits\":{");
    sep = "";
    for (unsigned i = 0; i < NEXITS && c->exit_names[i] != NULL; i++) {
        fprintf(stderr,
                "%s\"%s\":{\"count\":%" PRIu64 ",\"time_ns\":%" PRIu64 "}", sep,
                c->exit_names[i], c->exits[i].count, c->exits[i].ns);
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
                dev_kind(h->t.mft->e[i].type), c->dev[i].reads,
                c->dev[i].writes, c->dev[i].read_bytes, c->dev[i].write_bytes);
            if (h->t.mft->e[i].type == MFT_DEV_BLOCK_BASIC)
                fprintf(stderr, ",\"flushes\":%" PRIu64, c->dev[i].flushes);
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

void trace_stats_print(struct hvt *h, const struct trace_counts *c,
                       unsigned char *resident, bool json)
{
    if (json)
        stats_json(h, c, touched(h, resident));
    else
        stats_table(h, c, touched(h, resident));
}
