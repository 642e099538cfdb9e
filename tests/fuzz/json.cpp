// Boost.JSON compiled into the fuzz build, instrumented like the code that calls it, so that
// libFuzzer's coverage leads it into the parser instead of stopping at a shared library.
#include <boost/json/src.hpp>
