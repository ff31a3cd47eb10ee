/* Kiln: gcc's limits.h includes this for the C library's, when hosted. */
/*
 * Freestanding (the toolchain's default) there is no C library and gcc's
 * own limits.h is complete; gcc's original syslimits.h would look for the
 * C library's anyway and fail. Hosted (--specs=picolibc.specs), picolibc's
 * limits.h is next on the include path and is included as gcc intends.
 */
#if __STDC_HOSTED__
#define _GCC_NEXT_LIMITS_H
#include_next <limits.h>
#undef _GCC_NEXT_LIMITS_H
#endif
