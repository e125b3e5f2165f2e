/* Robust summaries of repetitions: median, median absolute deviation,
 * outliers by modified z-score (Iglewicz and Hoaglin: 0.6745 * |x - median|
 * / MAD > 3.5; when MAD is 0, |x - median| / (1.253314 * mean absolute
 * deviation) instead, so that one value off a run of equal ones is not
 * infinitely far out), and percentile-bootstrap confidence intervals of the
 * median and of a ratio of medians. The bootstrap draws from a fixed seed:
 * the same input always gives the same interval. NaN inputs are ignored; an
 * empty input gives NaN. */
#ifndef SCB_STATS_H
#define SCB_STATS_H

#include <stddef.h>

#define STATS_OUTLIER_Z 3.5
/* Two-sided confidence level of every interval the harness prints. */
#define STATS_CI_LEVEL 0.95
#define STATS_BOOT_RESAMPLES 2000
#define STATS_BOOT_SEED 0x5cbe9c11u

struct stats_ci {
	double lo, hi;
};

double stats_median(const double *x, size_t n);
double stats_mad(const double *x, size_t n);
double stats_min(const double *x, size_t n);
double stats_max(const double *x, size_t n);
/* flags[i] = 1 for an outlier (may be NULL); returns how many. */
size_t stats_outliers(const double *x, size_t n, int *flags);
/* STATS_CI_LEVEL interval of the median of x ({NaN, NaN} when empty). */
struct stats_ci stats_median_ci(const double *x, size_t n);
/* STATS_CI_LEVEL interval of median(b) / median(a), a and b resampled
 * independently ({NaN, NaN} when either is empty or median(a) is 0). */
struct stats_ci stats_ratio_ci(const double *a, size_t na, const double *b, size_t nb);

#endif
