/*
 * NAME
 *	received_date.c - RFC 5322 date-time, obsolete forms included
 * SUMMARY
 *	the date of a Received field as UTC seconds and original offset
 * SYNOPSIS
 *	#include <postern/received.h>
 *
 *	enum pst_err pst_rfc5322_date(struct pst_span s, int64_t *epoch,
 *				      int *offset_min);
 * DESCRIPTION
 *	date-time = [ day-of-week "," ] date time [CFWS]	(RFC 5322 3.3)
 *	with the obsolete syntax of 4.3: two-digit years 00-49 are 20xx,
 *	50-99 19xx, three-digit years add 1900; zones UT GMT Z and the US
 *	names; the military letters count as +0000 (4.3 says they were
 *	defined wrongly). Also accepted because real MTAs write them: a
 *	spelled-out month, fractional seconds (truncated), a missing
 *	comma, a second of 60 (leap second). The weekday is not checked
 *	against the date; text after the zone is ignored (Courier writes
 *	its "id" there). A date without a zone or with an impossible day
 *	is PST_RCVD_BAD_DATE.
 * SEE ALSO
 *	RFC 5322 3.3, 4.3
 * LICENSE
 *	MIT
 */
#include "config.h"

#include <stddef.h>

#include <postern/received.h>

#define IS_DIGIT(c)	((c) >= '0' && (c) <= '9')
#define IS_ALPHA(c)	(((c) >= 'a' && (c) <= 'z') \
			 || ((c) >= 'A' && (c) <= 'Z'))

struct cursor {
	const char *p;
	size_t	len;
	size_t	pos;
};

/* skip_cfws - white space, line breaks and (nested) comments */
static void
skip_cfws(struct cursor *c)
{
	int	depth = 0;

	while (c->pos < c->len) {
		char	ch = c->p[c->pos];

		if (ch == '(')
			depth++;
		else if (ch == ')' && depth > 0)
			depth--;
		else if (depth == 0 && ch != ' ' && ch != '\t' && ch != '\r'
			 && ch != '\n')
			return;
		c->pos++;
	}
}

/* number - up to max digits; -1 when none */
static long
number(struct cursor *c, size_t max, size_t *ndigits)
{
	long	v = 0;
	size_t	n = 0;

	while (c->pos < c->len && IS_DIGIT(c->p[c->pos]) && n < max) {
		v = v * 10 + (c->p[c->pos++] - '0');
		n++;
	}
	if (ndigits != NULL)
		*ndigits = n;
	return (n > 0 ? v : -1);
}

/* word - letters; returns their span */
static struct pst_span
word(struct cursor *c)
{
	size_t	start = c->pos;

	while (c->pos < c->len && IS_ALPHA(c->p[c->pos]))
		c->pos++;
	return (pst_span_make(c->p + start, c->pos - start));
}

/* month_of - 1..12 from a name (3 letters or spelled out), 0 if none */
static int
month_of(struct pst_span w)
{
	static const char *const names[] = {
		"january", "february", "march", "april", "may", "june",
		"july", "august", "september", "october", "november",
		"december"
	};
	int	m;

	if (w.len < 3)
		return (0);
	for (m = 0; m < 12; m++) {
		if (w.len == 3 ? ((w.ptr[0] | 32) == names[m][0]
				  && (w.ptr[1] | 32) == names[m][1]
				  && (w.ptr[2] | 32) == names[m][2]) :
		    pst_span_eq_nocase(w, names[m]))
			return (m + 1);
	}
	return (0);
}

/* zone_of - minutes east for an obsolete zone name; 1 on success */
static int
zone_of(struct pst_span w, int *off)
{
	static const struct {
		const char *name;
		int	hours;
	} zones[] = {
		{"UT", 0}, {"GMT", 0}, {"UTC", 0}, {"Z", 0},
		{"EST", -5}, {"EDT", -4}, {"CST", -6}, {"CDT", -5},
		{"MST", -7}, {"MDT", -6}, {"PST", -8}, {"PDT", -7},
	};
	size_t	i;

	for (i = 0; i < sizeof(zones) / sizeof(zones[0]); i++)
		if (pst_span_eq_nocase(w, zones[i].name)) {
			*off = zones[i].hours * 60;
			return (1);
		}
	/* RFC 5322 4.3: military zones are to be read as -0000 */
	if (w.len == 1 && IS_ALPHA(w.ptr[0]) && (w.ptr[0] | 32) != 'j') {
		*off = 0;
		return (1);
	}
	return (0);
}

/* days_from_civil - days since 1970-01-01 (proleptic Gregorian) */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t	era;
	int64_t	yoe;
	int64_t	doy;
	int64_t	doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468);
}

/* month_days - days in month m of year y */
static int
month_days(long y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	30, 31};
	int	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return (m == 2 && leap ? 29 : days[m - 1]);
}

enum pst_err
pst_rfc5322_date(struct pst_span s, int64_t *epoch, int *offset_min)
{
	struct cursor c;
	long	day;
	long	year;
	long	hh;
	long	mm;
	long	ss = 0;
	size_t	nd;
	int	month;
	int	off;

	c.p = s.ptr;
	c.len = s.len;
	c.pos = 0;
	skip_cfws(&c);
	/* [ day-of-week "," ] */
	(void) word(&c);
	skip_cfws(&c);
	if (c.pos < c.len && c.p[c.pos] == ',')
		c.pos++;			/* also a stray "; , 23 Dec" */
	skip_cfws(&c);
	if ((day = number(&c, 2, NULL)) < 1)
		return (PST_RCVD_BAD_DATE);
	skip_cfws(&c);
	if ((month = month_of(word(&c))) == 0)
		return (PST_RCVD_BAD_DATE);
	skip_cfws(&c);
	if ((year = number(&c, 4, &nd)) < 0 || nd < 2)
		return (PST_RCVD_BAD_DATE);
	if (nd == 2)
		year += year < 50 ? 2000 : 1900;
	else if (nd == 3)
		year += 1900;
	skip_cfws(&c);
	if ((hh = number(&c, 2, NULL)) < 0 || c.pos >= c.len
	    || c.p[c.pos++] != ':' || (mm = number(&c, 2, NULL)) < 0)
		return (PST_RCVD_BAD_DATE);
	if (c.pos < c.len && c.p[c.pos] == ':') {
		c.pos++;
		if ((ss = number(&c, 2, NULL)) < 0)
			return (PST_RCVD_BAD_DATE);
		if (c.pos < c.len && c.p[c.pos] == '.') {
			c.pos++;
			(void) number(&c, 12, NULL);	/* truncated */
		}
	}
	if (day > month_days(year, month) || hh > 23 || mm > 59 || ss > 60)
		return (PST_RCVD_BAD_DATE);
	skip_cfws(&c);
	if (c.pos < c.len && (c.p[c.pos] == '+' || c.p[c.pos] == '-')) {
		int	neg = c.p[c.pos++] == '-';
		long	z = number(&c, 4, &nd);

		if (nd != 4 || z % 100 > 59)
			return (PST_RCVD_BAD_DATE);
		off = (int) ((z / 100) * 60 + z % 100) * (neg ? -1 : 1);
	} else if (!zone_of(word(&c), &off)) {
		return (PST_RCVD_BAD_DATE);
	}
	/* what follows the zone (courier writes "id ..." there) is not ours */
	*epoch = days_from_civil(year, month, (int) day) * 86400
		+ hh * 3600 + mm * 60 + ss - (int64_t) off * 60;
	*offset_min = off;
	return (PST_OK);
}
