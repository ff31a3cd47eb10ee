/* OCaml device library: the C primitives of Solo5.ml over solo5.h. */
#include <caml/alloc.h>
#include <caml/fail.h>
#include <caml/memory.h>
#include <caml/mlvalues.h>

#include "solo5.h"

/* A solo5_result_t as solo5.ml's codes: 0 OK, 1 AGAIN, 2 EINVAL, 3 EUNSPEC. */
static value result_code(solo5_result_t rc)
{
    switch (rc) {
    case SOLO5_R_OK:
        return Val_int(0);
    case SOLO5_R_AGAIN:
        return Val_int(1);
    case SOLO5_R_EINVAL:
        return Val_int(2);
    default:
        return Val_int(3);
    }
}

/* The range [off, off + len) of the bytes b, or Invalid_argument. */
static uint8_t *bytes_range(value b, value off, value len, const char *what)
{
    intnat o = Long_val(off), n = Long_val(len);

    if (o < 0 || n < 0 || (uintnat)o + (uintnat)n > caml_string_length(b))
        caml_invalid_argument(what);
    return (uint8_t *)Bytes_val(b) + o;
}

/* Error code, the result's second constructor. */
static value error_of(solo5_result_t rc)
{
    value r = caml_alloc(1, 1);

    Store_field(r, 0, result_code(rc)); /* an immediate: no root needed */
    return r;
}

/* Ok (a, b, c), the result's first constructor. */
static value ok_triple(value a, value b, value c)
{
    CAMLparam3(a, b, c);
    CAMLlocal2(tup, r);

    tup = caml_alloc_tuple(3);
    Store_field(tup, 0, a);
    Store_field(tup, 1, b);
    Store_field(tup, 2, c);
    r = caml_alloc(1, 0);
    Store_field(r, 0, tup);
    CAMLreturn(r);
}

CAMLprim value kiln_solo5_console_write(value s, value off, value len)
{
    const uint8_t *p = bytes_range(s, off, len, "Solo5.console_write");

    solo5_console_write((const char *)p, (size_t)Long_val(len));
    return Val_unit;
}

CAMLprim value kiln_solo5_clock_monotonic(value unit)
{
    (void)unit;
    return caml_copy_int64((int64_t)solo5_clock_monotonic());
}

CAMLprim value kiln_solo5_clock_wall(value unit)
{
    (void)unit;
    return caml_copy_int64((int64_t)solo5_clock_wall());
}

/* Waits until deadline or a ready handle; gives the ready set. */
CAMLprim value kiln_solo5_yield(value deadline)
{
    solo5_handle_set_t ready = 0;

    solo5_yield((solo5_time_t)Int64_val(deadline), &ready);
    return caml_copy_int64((int64_t)ready);
}

CAMLprim value kiln_solo5_abort(value unit)
{
    (void)unit;
    solo5_abort();
}

/* Net.acquire: Ok (handle, mac, mtu), or Error code. */
CAMLprim value kiln_solo5_net_acquire(value name)
{
    CAMLparam1(name);
    CAMLlocal1(mac);
    struct solo5_net_info info;
    solo5_handle_t h;
    solo5_result_t rc;

    rc = solo5_net_acquire(String_val(name), &h, &info);
    if (rc != SOLO5_R_OK)
        CAMLreturn(error_of(rc));
    mac = caml_alloc_initialized_string(SOLO5_NET_ALEN,
                                        (const char *)info.mac_address);
    CAMLreturn(ok_triple(Val_long(h), mac, Val_long(info.mtu)));
}

/* Net.read: the frame's length (>= 0) or minus a result code. */
CAMLprim value kiln_solo5_net_read(value h, value b, value off, value len)
{
    uint8_t *p = bytes_range(b, off, len, "Solo5.Net.read");
    size_t got = 0;
    solo5_result_t rc;

    rc = solo5_net_read((solo5_handle_t)Long_val(h), p, (size_t)Long_val(len),
                        &got);
    if (rc != SOLO5_R_OK)
        return Val_long(-Long_val(result_code(rc)));
    return Val_long((intnat)got);
}

CAMLprim value kiln_solo5_net_write(value h, value b, value off, value len)
{
    const uint8_t *p = bytes_range(b, off, len, "Solo5.Net.write");

    return result_code(
        solo5_net_write((solo5_handle_t)Long_val(h), p, (size_t)Long_val(len)));
}

/* Block.acquire: Ok (handle, block size, capacity), or Error code. */
CAMLprim value kiln_solo5_block_acquire(value name)
{
    CAMLparam1(name);
    CAMLlocal1(cap);
    struct solo5_block_info info;
    solo5_handle_t h;
    solo5_result_t rc;

    rc = solo5_block_acquire(String_val(name), &h, &info);
    if (rc != SOLO5_R_OK)
        CAMLreturn(error_of(rc));
    cap = caml_copy_int64((int64_t)info.capacity);
    CAMLreturn(ok_triple(Val_long(h), Val_long(info.block_size), cap));
}

CAMLprim value kiln_solo5_block_read(value h, value offset, value b, value off,
                                     value len)
{
    uint8_t *p = bytes_range(b, off, len, "Solo5.Block.read");

    return result_code(solo5_block_read((solo5_handle_t)Long_val(h),
                                        (solo5_off_t)Int64_val(offset), p,
                                        (size_t)Long_val(len)));
}

CAMLprim value kiln_solo5_block_write(value h, value offset, value b, value off,
                                      value len)
{
    const uint8_t *p = bytes_range(b, off, len, "Solo5.Block.write");

    return result_code(solo5_block_write((solo5_handle_t)Long_val(h),
                                         (solo5_off_t)Int64_val(offset), p,
                                         (size_t)Long_val(len)));
}

CAMLprim value kiln_solo5_block_flush(value h)
{
    return result_code(solo5_block_flush((solo5_handle_t)Long_val(h)));
}

/* Block.max_request: the largest request in bytes, or minus a result code. */
CAMLprim value kiln_solo5_block_max_request(value h)
{
    size_t n = 0;
    solo5_result_t rc;

    rc = solo5_block_max_request((solo5_handle_t)Long_val(h), &n);
    if (rc != SOLO5_R_OK)
        return Val_long(-Long_val(result_code(rc)));
    return Val_long((intnat)n);
}
