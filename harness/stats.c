/* Median-based statistics; see stats.h for the methods. */
#include "stats.h"

#include <math.h>
#include <stdint.h>
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
	double med = stats_median(x, n), mad = stats_mad(x, n), scale = NAN;
	if (mad > 0)
		scale = mad / 0.6745;
	else if (mad == 0) {
		double sum = 0;
		size_t m = 0;
		for (size_t i = 0; i < n; i++)
			if (!isnan(x[i])) {
				sum += fabs(x[i] - med);
				m++;
			}
		scale = 1.253314 * sum / (double)m;
	}
	size_t count = 0;
	for (size_t i = 0; i < n; i++) {
		/* scale 0: every value equals the median, none is out. */
		int out = !isnan(x[i]) && scale > 0 && fabs(x[i] - med) / scale > STATS_OUTLIER_Z;
		if (flags)
			flags[i] = out;
		count += (size_t)out;
	}
	return count;
}

/* splitmix64: small, fast, and the same sequence on every machine. */
static uint64_t next_random(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

/* Median of n values drawn with replacement from v[0..m). */
static double resampled_median(const double *v, size_t m, double *scratch, uint64_t *s)
{
	for (size_t i = 0; i < m; i++)
		scratch[i] = v[next_random(s) % m];
	qsort(scratch, m, sizeof(*scratch), cmp_double);
	return median_sorted(scratch, m);
}

/* The interval's ends from sorted bootstrap estimates. */
static struct stats_ci percentiles(double *est, size_t n)
{
	qsort(est, n, sizeof(*est), cmp_double);
	double tail = (1 - STATS_CI_LEVEL) / 2;
	size_t lo = (size_t)(tail * (double)(n - 1) + 0.5);
	size_t hi = (size_t)((1 - tail) * (double)(n - 1) + 0.5);
	return (struct stats_ci){est[lo], est[hi]};
}

struct stats_ci stats_median_ci(const double *x, size_t n)
{
	return stats_ratio_ci(NULL, 0, x, n);
}

struct stats_ci stats_ratio_ci(const double *a, size_t na, const double *b, size_t nb)
{
	struct stats_ci ci = {NAN, NAN};
	double *va = NULL, *vb;
	size_t ma = a ? sorted_copy(a, na, &va) : 0, mb = sorted_copy(b, nb, &vb);
	/* a NULL: the interval of median(b) alone */
	if (mb && (!a || (ma && median_sorted(va, ma) != 0))) {
		double *est = xmalloc(STATS_BOOT_RESAMPLES * sizeof(*est));
		double *scratch = xmalloc((ma > mb ? ma : mb) * sizeof(*scratch));
		uint64_t s = STATS_BOOT_SEED;
		for (size_t k = 0; k < STATS_BOOT_RESAMPLES; k++) {
			double mdb = resampled_median(vb, mb, scratch, &s);
			est[k] = a ? mdb / resampled_median(va, ma, scratch, &s) : mdb;
		}
		ci = percentiles(est, STATS_BOOT_RESAMPLES);
		free(scratch);
		free(est);
	}
	free(va);
	free(vb);
	return ci;
}
