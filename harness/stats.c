/* Median-based statistics; see stats.h for why medians and MAD. */
#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "row.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Copies the non-NaN values, sorted; returns how many. */
static size_t sorted_copy(const double *x, size_t n, double **out)
{
	double *v = xmalloc((n ? n : 1) * sizeof(*v));
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (!isnan(x[i]))
			v[m++] = x[i];
	qsort(v, m, sizeof(*v), cmp_double);
	*out = v;
	return m;
}

static double median_sorted(const double *v, size_t m)
{
	if (m == 0)
		return NAN;
	return m % 2 ? v[m / 2] : (v[m / 2 - 1] + v[m / 2]) / 2;
}

double stats_median(const double *x, size_t n)
{
	double *v;
	size_t m = sorted_copy(x, n, &v);
	double med = median_sorted(v, m);
	free(v);
	return med;
}

double stats_mad(const double *x, size_t n)
{
	double med = stats_median(x, n);
	if (isnan(med))
		return NAN;
	double *d = xmalloc((n ? n : 1) * sizeof(*d));
	for (size_t i = 0; i < n; i++)
		d[i] = isnan(x[i]) ? NAN : fabs(x[i] - med);
	double mad = stats_median(d, n);
	free(d);
	return mad;
}

double stats_min(const double *x, size_t n)
{
	double m = NAN;
	for (size_t i = 0; i < n; i++)
		if (!isnan(x[i]) && (isnan(m) || x[i] < m))
			m = x[i];
	return m;
}

double stats_max(const double *x, size_t n)
{
	double m = NAN;
	for (size_t i = 0; i < n; i++)
		if (!isnan(x[i]) && (isnan(m) || x[i] > m))
			m = x[i];
	return m;
}

size_t stats_outliers(const double *x, size_t n, int *flags)
{
	double med = stats_median(x, n), mad = stats_mad(x, n);
	size_t count = 0;
	for (size_t i = 0; i < n; i++) {
		int out = 0;
		if (!isnan(x[i]) && !isnan(med)) {
			double dev = fabs(x[i] - med);
			/* With MAD 0 most values equal the median: any other
			 * value is infinitely far out in MAD units. */
			out = mad > 0 ? 0.6745 * dev / mad > STATS_OUTLIER_Z : dev > 0;
		}
		if (flags)
			flags[i] = out;
		count += (size_t)out;
	}
	return count;
}
