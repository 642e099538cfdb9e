// Reaches SOCI through store/database.hpp while using Beast: refused (twice: Beast outside
// http/, and both libraries in one file).
#include <boost/beast/http.hpp>

#include "store/database.hpp"
