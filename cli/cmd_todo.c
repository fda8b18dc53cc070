#include "cli.h"
int sdb_cmd_export(int argc, char **argv, FILE *out, FILE *err) { (void)argc; (void)argv; (void)out; fputs("todo\n", err); return 2; }
