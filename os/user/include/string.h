#pragma once
/* The user side of lib/string.c. */
#include "string_fns.h"
