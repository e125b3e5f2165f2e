/*
 * main.c - build/wl-host: the workload core on Linux. Takes the host-only
 * options out of argv and hands the rest to wl_main().
 */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"

/* The @run line's target: the same program cross-built for a Linux guest
 * under QEMU says "linux". */
#ifndef WL_HOST_TARGET
#define WL_HOST_TARGET "host"
#endif

struct host_options host_opts;

int host_pin_cpu(unsigned index)
{
	return host_opts.npin ? host_opts.pin[index % host_opts.npin] : -1;
}

static const struct wl_backend *const backends[] = {
	&wl_backend_sync, &host_backend_epoll, &host_backend_uring,
	&host_backend_uring_sqpoll, &wl_backend_null, NULL,
};

static void host_usage(const char *prog)
{
	wl_usage(1, prog, backends);
	printf("\n"
	       "host options:\n"
	       "  --trace[=bpf]     count with the BPF tracer (syscalls by number, context\n"
	       "                    switches, irqs, page faults, io_uring SQEs/CQEs) and\n"
	       "                    perf software events; BPF costs ~150 ns per syscall\n"
	       "  --trace=perf      perf software events only (task clock, context switches,\n"
	       "                    migrations, faults); ~180 ns per context switch.\n"
	       "                    Without --trace only the clock and getrusage count:\n"
	       "                    time runs that way\n"
	       "  --pin CPU,...     task i runs on the (i mod n)-th CPU listed; one-thread\n"
	       "                    backends run on the first, uring-sqpoll's SQ thread on\n"
	       "                    the second\n"
	       "  --notify wait|poll  uring backends: sleep in io_uring_enter for\n"
	       "                    completions, or spin on the completion ring (default:\n"
	       "                    wait for uring, poll for uring-sqpoll)\n"
	       "  --perf-ctl C,A    FIFOs of `perf stat --control fifo:C,A -D -1`: perf\n"
	       "                    counts exactly the measured region\n"
	       "  --inject LIST     test only: short,eagain faults in the uring backends\n"
	       "\n"
	       "examples:\n"
	       "  %s echo --backend uring --conc 64 --ops 100000 --size 64\n"
	       "  %s pingpong --backend sync --conc 1 --ops 100000 --size 4 --pin 0\n"
	       "  %s null --backend uring-sqpoll --conc 16 --ops 100000 --pin 0,1 --trace\n",
	       prog, prog, prog);
}

static int parse_pin(const char *s)
{
	char *end;

	host_opts.npin = 0;
	while (*s) {
		unsigned long cpu;

		if (*s < '0' || *s > '9' || host_opts.npin == WL_MAX_PIN)
			return -1;
		cpu = strtoul(s, &end, 10);
		if (cpu >= CPU_SETSIZE || (*end != ',' && *end != '\0'))
			return -1;
		host_opts.pin[host_opts.npin++] = (int)cpu;
		s = *end ? end + 1 : end;
	}
	return host_opts.npin ? 0 : -1;
}

static int parse_inject(const char *s)
{
	char buf[64], *tok, *save;

	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (!strcmp(tok, "short"))
			host_opts.inject |= HOST_INJECT_SHORT;
		else if (!strcmp(tok, "eagain"))
			host_opts.inject |= HOST_INJECT_EAGAIN;
		else
			return -1;
	}
	return host_opts.inject ? 0 : -1;
}

static int parse_perf_ctl(char *s)
{
	char *comma = strchr(s, ',');

	if (!comma || comma == s || !comma[1])
		return -1;
	*comma = '\0';
	host_opts.perf_ctl = s;
	host_opts.perf_ack = comma + 1;
	return 0;
}

int main(int argc, char **argv)
{
	char **rest = calloc((size_t)argc + 1, sizeof(*rest));
	int nrest = 0;

	if (!rest)
		return 1;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		int bad = 0;

		if (i > 0 && (!strcmp(a, "--help") || !strcmp(a, "-h"))) {
			host_usage(argv[0]);
			return 0;
		} else if (!strcmp(a, "--trace") || !strcmp(a, "--trace=bpf")) {
			host_opts.trace = HOST_TRACE_BPF;
		} else if (!strcmp(a, "--trace=perf")) {
			host_opts.trace = HOST_TRACE_PERF;
		} else if (!strcmp(a, "--pin") || !strcmp(a, "--inject") ||
			   !strcmp(a, "--perf-ctl")) {
			if (i + 1 >= argc) {
				fprintf(stderr, "%s: %s: missing value\n", argv[0], a);
				return 2;
			}
			if (!strcmp(a, "--pin"))
				bad = parse_pin(argv[++i]);
			else if (!strcmp(a, "--inject"))
				bad = parse_inject(argv[++i]);
			else
				bad = parse_perf_ctl(argv[++i]);
			if (bad) {
				fprintf(stderr, "%s: %s: bad value '%s' (try --help)\n",
					argv[0], a, argv[i]);
				return 2;
			}
		} else {
			rest[nrest++] = argv[i];
		}
	}
	/* One-thread backends and the main thread run on the first CPU. */
	if (host_opts.npin) {
		cpu_set_t set;

		CPU_ZERO(&set);
		CPU_SET(host_opts.pin[0], &set);
		if (sched_setaffinity(0, sizeof(set), &set) < 0) {
			fprintf(stderr, "%s: --pin: CPU %d: %s\n", argv[0],
				host_opts.pin[0], strerror(errno));
			return 2;
		}
	}
	return wl_main(nrest, rest, backends, WL_HOST_TARGET);
}
