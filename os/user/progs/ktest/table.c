#include "ktest.h"
#include "tests.h"

#define KTEST_ENTRY(name) { t_##name, #name, 0 },
const struct ktest ktests[] = {
	KTEST_LIST(KTEST_ENTRY)
	{ 0, 0, 0 },
};
