/* Kiln network layer: the polling loop, lwIP's clock and timers, idle waits. */
#include "kiln/net.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/timeouts.h"
#include "net.h"

/* Frames read from one interface per round, so timers still run in a flood. */
#define NET_POLL_BATCH 64

uint32_t sys_now(void)
{
    return (uint32_t)(solo5_clock_monotonic() / 1000000ULL);
}

/* Set when a connection's ACK was put off until the next round. */
static int acks_owed;

void net_defer_ack(struct tcp_pcb *pcb)
{
    if (!(pcb->flags & TF_ACK_NOW))
        return;
    tcp_clear_flags(pcb, TF_ACK_NOW);
    tcp_set_flags(pcb, TF_ACK_DELAY);
    acks_owed = 1;
}

/* Sends the delayed ACK of every connection that has one: after a round of
 * frames, one ACK a connection, unless a reply has carried it already. */
static void send_owed_acks(void)
{
    if (!acks_owed)
        return;
    acks_owed = 0;
    for (struct tcp_pcb *pcb = tcp_active_pcbs; pcb != NULL; pcb = pcb->next) {
        if (pcb->flags & TF_ACK_DELAY) {
            tcp_ack_now(pcb);
            tcp_output(pcb);
        }
    }
}

/* Inputs pending frames of every interface; returns how many. */
static int input_all(void)
{
    int n = 0;

    for (int i = 0; i < net_nifs; i++)
        n += net_if_input(&net_ifs[i], NET_POLL_BATCH);
    return n;
}

/* The earlier of deadline and lwIP's next timer, in monotonic ns. */
static uint64_t wake_time(uint64_t now, uint64_t deadline)
{
    uint32_t ms = sys_timeouts_sleeptime();
    uint64_t t;

    if (ms == SYS_TIMEOUTS_SLEEPTIME_INFINITE)
        return deadline;
    t = now + (uint64_t)ms * 1000000ULL;
    return t < deadline ? t : deadline;
}

void net_poll(uint64_t deadline_ns)
{
    uint64_t now, wake;
    solo5_handle_set_t ready;

    send_owed_acks();
    if (input_all() > 0) {
        sys_check_timeouts();
        return;
    }
    sys_check_timeouts();
    now = solo5_clock_monotonic();
    wake = wake_time(now, deadline_ns);
    if (wake <= now)
        return;
    solo5_yield(wake, &ready);
    input_all();
    sys_check_timeouts();
}

void kiln_net_poll(uint64_t deadline_ns)
{
    net_poll(deadline_ns);
}
