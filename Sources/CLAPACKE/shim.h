// Complex LAPACK types as plain C structs {real, imag}, which Swift imports (C99 _Complex it does not):
// lapack_complex_float/double then have the memory layout of two adjacent reals, Fortran's COMPLEX.
// lapack.h reads lapacke_config.h, where LAPACK_COMPLEX_STRUCTURE takes effect, only under
// HAVE_LAPACK_CONFIG_H (reference LAPACK ≥ 3.9's headers).
#define HAVE_LAPACK_CONFIG_H
#define LAPACK_COMPLEX_STRUCTURE
#include <lapacke.h>
