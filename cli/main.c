/* main.c - statusdb's entry point; everything else is in sdb_main(). */
#include "cli.h"

int main(int argc, char **argv)
{
	return sdb_main(argc, argv, stdout, stderr);
}
