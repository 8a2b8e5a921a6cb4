// Arb (ball arithmetic), Debian's libflint-arb-dev: headers directly in /usr/include, library
// libflint-arb, no pkg-config file. arb_mat.h pulls in arb.h, arf.h, mag.h and FLINT (which
// itself includes gmp.h and mpfr.h).
#include <arb_mat.h>
