/* solo5-spt core seccomp rules: what the bindings need, nothing more. */
#include "spt.h"

#include <sys/syscall.h>
#include <time.h>

#ifndef ARCH_SET_FS
#define ARCH_SET_FS 0x1002
#endif

void spt_rules_core(struct spt *spt)
{
    struct sandbox *sb = &spt->sb;
    const struct waitset *ws = &spt->t.ws;

    /* solo5_console_write: stdout only. */
    sandbox_allow(sb, SYS_write, 1, 0u, SANDBOX_EQ, (uint64_t)1);
    /* solo5_exit and solo5_abort (and the tender's signal handler). */
    sandbox_allow(sb, SYS_exit_group, 0);
    /* The line of the tender's signal handler, which runs in the guest's
     * stead: its exact bytes only. */
    tender_signals_rules(sb);
    /* solo5_yield waits on the tender's epoll set only... */
    sandbox_allow(sb, SYS_epoll_pwait, 1, 0u, SANDBOX_EQ,
                  (uint64_t)ws->epollfd);
    /* ...after arming the tender's timerfd (only it) with the deadline. */
    sandbox_allow(sb, SYS_timerfd_settime, 1, 0u, SANDBOX_EQ,
                  (uint64_t)ws->timerfd);
    /* solo5_clock_monotonic. */
    sandbox_allow(sb, SYS_clock_gettime, 1, 0u, SANDBOX_EQ,
                  (uint64_t)CLOCK_MONOTONIC);
    /* solo5_clock_wall. */
    sandbox_allow(sb, SYS_clock_gettime, 1, 0u, SANDBOX_EQ,
                  (uint64_t)CLOCK_REALTIME);
    /* solo5_set_tls_base (and the launch clearing FS); reading the base
     * (ARCH_GET_FS) or touching GS is not needed. */
    sandbox_allow(sb, SYS_arch_prctl, 1, 0u, SANDBOX_EQ, (uint64_t)ARCH_SET_FS);
}
