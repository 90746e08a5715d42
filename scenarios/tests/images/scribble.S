/*
 * scribble.S - handlers that use user-area memory outside their own
 * segments and stacks, for the test that each scenario starts on a fresh
 * machine (tools/tests/check-scenario-isolation):
 *
 *   scribble: writes a marker to 0x800000, then completes;
 *   peek:     completes if 0x800000 holds zero, else executes UDF (which
 *             fails the scenario);
 *   set_tpidr:  writes a marker to TPIDR_EL1 (a system register no part of
 *               the simulator models), then completes;
 *   peek_tpidr: completes if TPIDR_EL1 holds zero, else executes UDF.
 *
 * 0x800000 is in the user area (0x400000..0x1000000), above this image
 * and below the PEs' stacks (the top 4 MiB).
 *
 * scribble.elf was built from this file with:
 *   clang --target=aarch64-none-elf -c scribble.S -o scribble.o
 *   ld.lld -N -Ttext=0x400000 -e scribble scribble.o -o scribble.elf
 */
#define FID(n)	movz w0, #(0x0020 + (n)); movk w0, #0xC400, lsl #16

	.text
	.global scribble
scribble:
	mov	x9, #0x800000
	mov	x10, #0x5A5A
	str	x10, [x9]
	FID(0x05)                    /* EVENT_COMPLETE(HANDLED) */
	mov	x1, #0
	smc	#0
	b	fail

	.global peek
peek:
	mov	x9, #0x800000
	ldr	x10, [x9]
	cbnz	x10, fail
	FID(0x05)                    /* EVENT_COMPLETE(HANDLED) */
	mov	x1, #0
	smc	#0
	b	fail

	.global set_tpidr
set_tpidr:
	mov	x10, #0x5A5A
	msr	tpidr_el1, x10
	FID(0x05)                    /* EVENT_COMPLETE(HANDLED) */
	mov	x1, #0
	smc	#0
	b	fail

	.global peek_tpidr
peek_tpidr:
	mrs	x10, tpidr_el1
	cbnz	x10, fail
	FID(0x05)                    /* EVENT_COMPLETE(HANDLED) */
	mov	x1, #0
	smc	#0
	b	fail

fail:
	udf	#0
