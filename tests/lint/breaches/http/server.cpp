// A transport that reaches into storage: refused.
#include "store/database.hpp"
