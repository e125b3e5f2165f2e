/* Robust summaries of repetitions: median, median absolute deviation, and
 * outliers by modified z-score (Iglewicz and Hoaglin: 0.6745 * |x - median|
 * / MAD > 3.5). NaN inputs are ignored; an empty input gives NaN. */
#ifndef SCB_STATS_H
#define SCB_STATS_H

#include <stddef.h>

#define STATS_OUTLIER_Z 3.5

double stats_median(const double *x, size_t n);
double stats_mad(const double *x, size_t n);
double stats_min(const double *x, size_t n);
double stats_max(const double *x, size_t n);
/* flags[i] = 1 for an outlier (may be NULL); returns how many. */
size_t stats_outliers(const double *x, size_t n, int *flags);

#endif
