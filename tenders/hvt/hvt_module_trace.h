/* solo5-hvt trace module internals: the counts --stats prints. */
#ifndef KILN_HVT_MODULE_TRACE_H
#define KILN_HVT_MODULE_TRACE_H

#include "hvt.h"

#define NEXITS 32U /* exit kinds counted; the rest share the last slot */

struct tally {
    uint64_t count, ns;
};

/* Per manifest handle: requests (hypercalls: a request of many blocks is one
 * when the tender offers MULTI, else one per host request the bindings made)
 * and the bytes they moved, and flushes. */
struct dev_tally {
    uint64_t reads, writes, read_bytes, write_bytes, flushes;
};

/* What the tracer counted, by hypercall number, exit kind and handle. */
struct trace_counts {
    struct tally hc[HVT_HYPERCALL_MAX];
    struct tally exits[NEXITS];
    const char *exit_names[NEXITS];
    struct dev_tally dev[MFT_MAX_ENTRIES];
};

/* CLOCK_MONOTONIC in ns (the vDSO: no system call). */
uint64_t trace_now_ns(void);

/* Hypercall nr's name, or "?" (hvt_module_trace.c). */
const char *trace_hc_name(unsigned nr);

/* Prints c, the start-up phases and the guest memory touched, as a table or
 * one JSON object, on stderr; resident holds a byte per guest page. */
void trace_stats_print(struct hvt *h, const struct trace_counts *c,
                       unsigned char *resident, bool json);

#endif
