/*
 * fuzz_import.c - a libFuzzer target for one importer, chosen at build
 * time with -DSDB_FUZZ_FORMAT="\"mediawiki\"" (see "make fuzz").
 *
 * Whatever the input, the importer must not crash, leak or read out of
 * bounds (ASan, UBSan), and what it returns must hold: every claim's span
 * inside the text, a code from 100 to 599, valid UTF-8 values.
 */
#include "../../common/util.h"
#include "../../importers/importer.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifndef SDB_FUZZ_FORMAT
#error "define SDB_FUZZ_FORMAT"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void valid(const char *s)
{
	if (s && sdb_utf8_check(s, strlen(s)) != strlen(s))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct sdb_importer *im = sdb_importer_find(SDB_FUZZ_FORMAT);
	struct sdb_input in;
	struct sdb_claims c;
	struct sdb_error e;
	size_t i;

	if (!im)
		abort();
	sdb_claims_init(&c);
	if (!sdb_input_init_mem(&in, "fuzz", (const char *)data, size, &e) &&
	    !sdb_importer_run(im, &in, &c, &e)) {
		for (i = 0; i < c.n; i++) {
			const struct sdb_claim *cl = &c.v[i];

			if (cl->start > cl->end || cl->end > in.len ||
			    cl->code < 100 || cl->code > 599 || cl->entry < 1 ||
			    cl->entry > c.entries)
				abort();
			valid(cl->value);
			valid(cl->section);
			valid(cl->url);
		}
		for (i = 0; i < c.nranges; i++)
			if (c.ranges[i].first > c.ranges[i].last ||
			    c.ranges[i].end > in.len)
				abort();
	} else if (e.message[0] == '\0') {
		abort();	/* a failure must say why */
	}
	sdb_claims_release(&c);
	sdb_input_release(&in);
	return 0;
}
