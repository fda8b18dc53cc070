/* placeholder until the html importer lands (issue 5) */
#include "importer.h"
int sdb_import_html(const struct sdb_input *in, struct sdb_claims *out, struct sdb_error *err)
{ (void)out; return sdb_error_at(err, in, 0, "format not implemented yet"); }
int sdb_sniff_html(const struct sdb_input *in) { (void)in; return 0; }
