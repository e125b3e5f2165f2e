/* Median, MAD, MAD outliers and bootstrap intervals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "stats.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void median(void **state)
{
	(void)state;
	double odd[] = {5, 1, 3}, even[] = {4, 1, 3, 2}, one[] = {7};
	double with_nan[] = {NAN, 10, 2, NAN, 6};
	assert_true(stats_median(odd, N(odd)) == 3);
	assert_true(stats_median(even, N(even)) == 2.5);
	assert_true(stats_median(one, 1) == 7);
	assert_true(stats_median(with_nan, N(with_nan)) == 6); /* NaN ignored */
	assert_true(isnan(stats_median(NULL, 0)));
	double all_nan[] = {NAN, NAN};
	assert_true(isnan(stats_median(all_nan, 2)));
	/* the input is not reordered */
	assert_true(odd[0] == 5 && odd[1] == 1 && odd[2] == 3);
}

static void mad(void **state)
{
	(void)state;
	/* median 3; deviations 2,1,0,1,97 -> MAD 1 */
	double x[] = {1, 2, 3, 4, 100};
	assert_true(stats_mad(x, N(x)) == 1);
	double same[] = {4, 4, 4};
	assert_true(stats_mad(same, N(same)) == 0);
	assert_true(isnan(stats_mad(NULL, 0)));
	assert_true(stats_min(x, N(x)) == 1);
	assert_true(stats_max(x, N(x)) == 100);
}

static void outliers(void **state)
{
	(void)state;
	double x[] = {10, 11, 9, 10, 10.5, 9.5, 40};
	int flags[N(x)];
	assert_int_equal(stats_outliers(x, N(x), flags), 1);
	assert_int_equal(flags[6], 1);
	for (size_t i = 0; i < 6; i++)
		assert_int_equal(flags[i], 0);
	/* modified z = 0.6745 * 3 / 0.5 ~ 4.05 > 3.5 for 13 against median 10, MAD 0.5 */
	double y[] = {10, 10.5, 9.5, 10, 13};
	assert_int_equal(stats_outliers(y, N(y), NULL), 1);
	/* ~ 3.37 for 12.5: kept */
	double z[] = {10, 10.5, 9.5, 10, 12.5};
	assert_int_equal(stats_outliers(z, N(z), NULL), 0);
	/* MAD 0: one value off a run of equal ones is measured against the
	 * mean absolute deviation, not flagged for being off at all */
	double w[] = {5, 5, 5, 6};
	assert_int_equal(stats_outliers(w, N(w), flags), 0);
	/* ... but one far off still is: 45 / (1.253314 * 4.5) ~ 7.98 */
	double far[] = {5, 5, 5, 5, 5, 5, 5, 5, 5, 50};
	int fflags[N(far)];
	assert_int_equal(stats_outliers(far, N(far), fflags), 1);
	assert_int_equal(fflags[9], 1);
	double same[] = {3, 3, 3};
	assert_int_equal(stats_outliers(same, N(same), NULL), 0);
}

static void intervals(void **state)
{
	(void)state;
	double x[] = {10, 11, 9, 10, 10.5, 9.5, 40};
	struct stats_ci ci = stats_median_ci(x, N(x)), again = stats_median_ci(x, N(x));
	assert_true(ci.lo <= 10 && 10 <= ci.hi);
	assert_true(ci.lo >= 9 && ci.hi < 40); /* the outlier does not stretch it */
	assert_true(ci.lo < ci.hi);
	assert_true(ci.lo == again.lo && ci.hi == again.hi); /* fixed seed */
	double same[] = {3, 3, 3};
	ci = stats_median_ci(same, N(same));
	assert_true(ci.lo == 3 && ci.hi == 3);
	assert_true(isnan(stats_median_ci(NULL, 0).lo));
	/* exact values: the ratio's interval is the ratio */
	double a[] = {4, 4, 4}, b[] = {6, 6, NAN};
	ci = stats_ratio_ci(a, N(a), b, N(b));
	assert_true(ci.lo == 1.5 && ci.hi == 1.5);
	/* a spread sample against itself: the interval holds 1 */
	double s[] = {98, 103, 100, 97, 101, 99, 102};
	ci = stats_ratio_ci(s, N(s), s, N(s));
	assert_true(ci.lo < 1 && 1 < ci.hi);
	/* ... and against itself doubled it holds 2 but not 1 */
	double d[N(s)];
	for (size_t i = 0; i < N(s); i++)
		d[i] = 2 * s[i];
	ci = stats_ratio_ci(s, N(s), d, N(d));
	assert_true(ci.lo > 1 && ci.lo < 2 && 2 < ci.hi);
	double zero[] = {0, 0};
	assert_true(isnan(stats_ratio_ci(zero, 2, s, N(s)).hi));
}

int main(void)
{
	cmocka_set_message_output(CM_OUTPUT_TAP);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(median), cmocka_unit_test(mad), cmocka_unit_test(outliers),
		cmocka_unit_test(intervals),
	};
	return cmocka_run_group_tests_name("harness stats", tests, NULL, NULL);
}
