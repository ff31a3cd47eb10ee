/* Kiln network layer: errno from lwIP errors; pending socket errors. */
#include <errno.h>

#include "net.h"

int net_fail(int e)
{
    errno = e;
    return -1;
}

int net_errno(err_t err)
{
    switch (err) {
    case ERR_OK:
        return 0;
    case ERR_MEM:
        return ENOMEM;
    case ERR_BUF:
        return ENOBUFS;
    case ERR_TIMEOUT:
        return ETIMEDOUT;
    case ERR_RTE:
        return ENETUNREACH;
    case ERR_INPROGRESS:
        return EINPROGRESS;
    case ERR_WOULDBLOCK:
        return EWOULDBLOCK;
    case ERR_USE:
        return EADDRINUSE;
    case ERR_ALREADY:
        return EALREADY;
    case ERR_ISCONN:
        return EISCONN;
    case ERR_CONN:
    case ERR_CLSD:
        return ENOTCONN;
    case ERR_ABRT:
        return ECONNABORTED;
    case ERR_RST:
        return ECONNRESET;
    case ERR_IF:
        return ENETDOWN;
    default:
        return EINVAL;
    }
}

int net_take_err(struct sock *s)
{
    int e = s->err;

    s->err = 0;
    return e;
}
