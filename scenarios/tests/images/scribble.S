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
 *   peek_tpidr: completes if TPIDR_EL1 holds zero, else executes UDF;
 *   mmu_on:     turns the EL1 MMU on with tables at 0x900000 that map the
 *               low 1 GiB flat except VA 0x800000, which goes to PA
 *               0x400000 (this image's code), reads through that mapping
 *               (so the engine caches the translation), and completes with
 *               the MMU still on: peek on the next machine must find its
 *               own zero at 0x800000, not this code;
 *   assert_fails: stops at a BRK, as a failed assertion in a handler does;
 *   runtime_svc: executes SVC #0x5D04, an immediate of the simulator
 *               runtime's own (its "main context parked"), which only the
 *               runtime's code may use;
 *   peek_end_record: completes if action record 1 (0x100840: the END
 *               record of a one-action handler listed first) holds its op
 *               and nothing else - flags and a[0..6] zero - else executes
 *               UDF (the records are client-readable data; once an END
 *               record kept the previous scenario's bytes).
 *
 * New handlers go after fail: the addresses of those above are in
 * expected outputs.
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

	.global mmu_on
mmu_on:
	mov	x9, #0x900000                /* level 1 table (1 GiB per entry) */
	add	x10, x9, #0x1000             /* level 2 table (2 MiB blocks) */
	orr	x11, x10, #3                 /* table descriptor */
	str	x11, [x9]
	mov	x12, #0
	mov	x13, #0x701                  /* block, AttrIndx 0, EL1 RW, inner shareable, AF */
1:	lsl	x14, x12, #21
	cmp	x12, #4                      /* VA 0x800000 */
	b.ne	2f
	mov	x14, #0x400000               /* -> PA 0x400000 */
2:	orr	x14, x14, x13
	str	x14, [x10, x12, lsl #3]
	add	x12, x12, #1
	cmp	x12, #512
	b.lo	1b
	mov	x9, #0xff                    /* attribute 0: normal write-back */
	msr	mair_el1, x9
	movz	x9, #0x3519                  /* T0SZ 25 (39-bit VA), WB, inner shareable, 4K */
	movk	x9, #0x80, lsl #16           /* EPD1: no TTBR1 walks */
	msr	tcr_el1, x9
	mov	x9, #0x900000
	msr	ttbr0_el1, x9
	dsb	sy
	isb
	mrs	x9, sctlr_el1
	orr	x9, x9, #1                   /* M */
	msr	sctlr_el1, x9
	isb
	mov	x9, #0x800000
	ldr	x10, [x9]                    /* the code at PA 0x400000 */
	cbz	x10, fail                    /* (the mapping is not in force) */
	FID(0x05)                    /* EVENT_COMPLETE(HANDLED), the MMU still on */
	mov	x1, #0
	smc	#0
	b	fail

	.global assert_fails
assert_fails:
	brk	#0x800

	.global runtime_svc
runtime_svc:
	svc	#0x5d04
	b	fail

fail:
	udf	#0

	.global peek_end_record
peek_end_record:
	mov	x9, #0x0840
	movk	x9, #0x10, lsl #16           /* RT_ACTIONS + 1 * RT_ACTION_SIZE */
	ldr	w10, [x9, #4]                /* flags */
	cbnz	w10, fail
	add	x11, x9, #8                  /* a[0..6] */
	mov	x12, #7
1:	ldr	x10, [x11], #8
	cbnz	x10, fail
	subs	x12, x12, #1
	b.ne	1b
	FID(0x05)                    /* EVENT_COMPLETE(HANDLED) */
	mov	x1, #0
	smc	#0
	b	fail
