/* CSV writer and reader, and atomic file replacement. */
#include "csv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void csv_field(FILE *f, const char *s)
{
	/* Leading or trailing blanks are quoted too: some readers trim them. */
	size_t n = strlen(s);
	int quote = strpbrk(s, ",\"\r\n") != NULL ||
		    (n && (s[0] == ' ' || s[n - 1] == ' '));
	if (!quote) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

void csv_write(FILE *f, const struct strv *cols, const struct rowset *rows)
{
	for (size_t c = 0; c < cols->n; c++) {
		if (c)
			fputc(',', f);
		csv_field(f, cols->v[c]);
	}
	fputc('\n', f);
	for (size_t r = 0; r < rows->n; r++) {
		for (size_t c = 0; c < cols->n; c++) {
			if (c)
				fputc(',', f);
			csv_field(f, row_str(&rows->rows[r], cols->v[c]));
		}
		fputc('\n', f);
	}
}

int csv_write_file(const char *path, const struct strv *cols, const struct rowset *rows)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return -errno;
	csv_write(f, cols, rows);
	if (fclose(f) != 0) {
		free(buf);
		return -ENOMEM;
	}
	int rc = atomic_write(path, buf, len);
	free(buf);
	return rc;
}

int atomic_write(const char *path, const char *data, size_t len)
{
	/* The temporary lives next to the target so rename stays in one file
	 * system; the pid keeps two writers from sharing a temporary. */
	char *tmp;
	if (asprintf(&tmp, "%s.tmp.%ld", path, (long)getpid()) < 0)
		return -ENOMEM;
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		int e = errno;
		free(tmp);
		return -e;
	}
	size_t off = 0;
	int err = 0;
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			err = errno;
			break;
		}
		off += (size_t)w;
	}
	/* fsync before rename: after a crash the name points at whole data. */
	if (!err && fsync(fd) != 0)
		err = errno;
	if (close(fd) != 0 && !err)
		err = errno;
	if (!err && rename(tmp, path) != 0)
		err = errno;
	if (err)
		unlink(tmp);
	free(tmp);
	return -err;
}

char *read_whole_file(const char *path, size_t *lenp)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, len = 0;
	char *buf = xmalloc(cap);
	size_t n;
	while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (cap - len < 2)
			buf = xrealloc(buf, cap *= 2);
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		free(buf);
		return NULL;
	}
	buf[len] = 0;
	if (lenp)
		*lenp = len;
	return buf;
}

/* One record starting at *p; fields appended to out. Returns 1 when a record
 * was read, 0 at end of text, -1 on an unterminated quote. */
static int parse_record(const char **p, struct strv *out)
{
	const char *s = *p;
	if (!*s)
		return 0;
	size_t cap = 64, len = 0;
	char *fld = xmalloc(cap);
	for (;;) {
		len = 0;
		if (*s == '"') {
			s++;
			for (;;) {
				if (!*s) {
					free(fld);
					return -1;
				}
				if (*s == '"' && s[1] == '"') {
					s++;
				} else if (*s == '"') {
					s++;
					break;
				}
				if (len + 2 > cap)
					fld = xrealloc(fld, cap *= 2);
				fld[len++] = *s++;
			}
		}
		while (*s && *s != ',' && *s != '\n' && *s != '\r') {
			if (len + 2 > cap)
				fld = xrealloc(fld, cap *= 2);
			fld[len++] = *s++;
		}
		fld[len] = 0;
		strv_add(out, fld);
		if (*s == ',') {
			s++;
			continue;
		}
		if (*s == '\r')
			s++;
		if (*s == '\n')
			s++;
		break;
	}
	free(fld);
	*p = s;
	return 1;
}

int csv_parse(const char *text, struct strv *cols, struct rowset *rows, char *err, size_t errlen)
{
	struct strv hdr, rec;
	strv_init(&hdr);
	const char *p = text;
	int line = 1;
	if (parse_record(&p, &hdr) != 1 || hdr.n == 0) {
		snprintf(err, errlen, "no header line");
		strv_free(&hdr);
		return -1;
	}
	for (;;) {
		strv_init(&rec);
		line++;
		int rc = parse_record(&p, &rec);
		if (rc == 0)
			break;
		/* A blank line (a trailing one, say) is no record. */
		if (rc > 0 && rec.n == 1 && !rec.v[0][0] && hdr.n > 1) {
			strv_free(&rec);
			continue;
		}
		if (rc < 0 || rec.n != hdr.n) {
			if (rc < 0)
				snprintf(err, errlen, "record %d: unterminated quote", line);
			else
				snprintf(err, errlen, "record %d: %zu fields, header has %zu",
					 line, rec.n, hdr.n);
			strv_free(&rec);
			strv_free(&hdr);
			return -1;
		}
		struct row *r = rowset_add(rows);
		for (size_t i = 0; i < hdr.n; i++)
			row_set(r, hdr.v[i], rec.v[i]);
		strv_free(&rec);
	}
	strv_free(&rec);
	if (cols)
		*cols = hdr;
	else
		strv_free(&hdr);
	return 0;
}

int csv_read_file(const char *path, struct strv *cols, struct rowset *rows, char *err, size_t errlen)
{
	char *text = read_whole_file(path, NULL);
	if (!text) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	char sub[200];
	int rc = csv_parse(text, cols, rows, sub, sizeof(sub));
	if (rc)
		snprintf(err, errlen, "%s: %s", path, sub);
	free(text);
	return rc;
}

int mkdir_p(const char *path)
{
	char *p = xstrdup(path);
	for (char *s = p + 1; *s; s++)
		if (*s == '/') {
			*s = 0;
			if (mkdir(p, 0755) && errno != EEXIST) {
				free(p);
				return -1;
			}
			*s = '/';
		}
	int rc = mkdir(p, 0755) && errno != EEXIST ? -1 : 0;
	free(p);
	return rc;
}
