// stdio.h first: mpfr.h declares its FILE* functions only when stdio.h is seen.
#include <stdio.h>
#include <mpfr.h>
