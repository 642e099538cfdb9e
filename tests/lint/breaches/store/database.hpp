// SOCI in a public storage header: refused.
#include <soci/soci.h>
