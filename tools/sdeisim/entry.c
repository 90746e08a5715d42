/*
 * entry.c - the sdeisim program: main.c's command, in a process of its own.
 */
#include "cli.h"

int main(int argc, char **argv)
{
	return sdeisim_main(argc, argv);
}
