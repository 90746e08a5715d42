/*
 * level-line.S - a handler that drives a level-sensitive interrupt line
 * through the simulator's test device (sim/runtime/rt_layout.h: 0x10 drives
 * the line of the INTID written high, 0x18 low), as a device driver's
 * handler would acknowledge its device: SPI 40's line goes high and low
 * again before the handler completes, so when it completes nothing is
 * pending any more (GICv3: a level-sensitive interrupt is pending while
 * its line is asserted).
 *
 *   pulse_then_complete: line high, line low, EVENT_COMPLETE(HANDLED)
 *   raise_41_then_complete: SPI 41's line high (left so), EVENT_COMPLETE
 *   lower_41_then_complete: SPI 41's line low, EVENT_COMPLETE
 * (level-line-driven-high-is-pending-until-lowered.yaml: one handler
 * leaves a line high, another event's handler lowers it.)
 *
 * level-line.elf was built from this file with:
 *   clang --target=aarch64-none-elf -c level-line.S -o level-line.o
 *   ld.lld -N -Ttext=0x400000 -e pulse_then_complete level-line.o -o level-line.elf
 */
	.text
	.global pulse_then_complete
pulse_then_complete:
	mov	x11, #0x09000000	/* the test device */
	mov	x9, #40
	str	x9, [x11, #0x10]	/* SPI 40's line high */
	str	x9, [x11, #0x18]	/* and low again */
	movz	w0, #0x0025		/* EVENT_COMPLETE */
	movk	w0, #0xC400, lsl #16
	mov	x1, #0			/* HANDLED */
	smc	#0
	udf	#0			/* EVENT_COMPLETE does not return */

	.global raise_41_then_complete
raise_41_then_complete:
	mov	x11, #0x09000000
	mov	x9, #41
	str	x9, [x11, #0x10]	/* SPI 41's line high, left high */
	b	complete

	.global lower_41_then_complete
lower_41_then_complete:
	mov	x11, #0x09000000
	mov	x9, #41
	str	x9, [x11, #0x18]	/* SPI 41's line low */
complete:
	movz	w0, #0x0025		/* EVENT_COMPLETE */
	movk	w0, #0xC400, lsl #16
	mov	x1, #0			/* HANDLED */
	smc	#0
	udf	#0
