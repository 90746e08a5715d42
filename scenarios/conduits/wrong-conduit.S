/*
 * wrong-conduit.S - SDEI handlers that call the dispatcher by the conduit
 * the platform does NOT use and check that SDEI does not answer: each such
 * call must come back with SMCCC's "unknown function", NOT_SUPPORTED (-1).
 * A different answer executes UDF, which fails the scenario.  The handler
 * then completes by the platform's own conduit.
 *
 *   hvc_probe: for `conduit: smc` platforms (probes with HVC, completes with SMC)
 *   smc_probe: for `conduit: hvc` platforms (probes with SMC, completes with HVC)
 *
 * Probes, each of which would change something if SDEI answered it:
 * VERSION, EVENT_UNREGISTER(the running event: would leave it
 * unregister-pending), PE_MASK (would mask the PE).
 *
 * wrong-conduit.elf was built from this file with:
 *   clang --target=aarch64-none-elf -c wrong-conduit.S -o wrong-conduit.o
 *   ld.lld -N -Ttext=0x400000 -e hvc_probe wrong-conduit.o -o wrong-conduit.elf
 */
#define FID(n)	movz w0, #(0x0020 + (n)); movk w0, #0xC400, lsl #16

/* x0 must be NOT_SUPPORTED (-1) */
#define MUST_BE_NOT_SUPPORTED	cmn x0, #1; b.ne fail

#define PROBES(insn)                                                 \
	mov	x9, x0;              /* the event number */           \
	FID(0x00);                   /* VERSION */                    \
	insn	#0;                                                   \
	MUST_BE_NOT_SUPPORTED;                                        \
	FID(0x07);                   /* EVENT_UNREGISTER(event) */    \
	mov	x1, x9;                                               \
	insn	#0;                                                   \
	MUST_BE_NOT_SUPPORTED;                                        \
	FID(0x0B);                   /* PE_MASK */                    \
	insn	#0;                                                   \
	MUST_BE_NOT_SUPPORTED

	.text
	.global hvc_probe
hvc_probe:
	PROBES(hvc)
	FID(0x05)                    /* EVENT_COMPLETE(HANDLED) by SMC */
	mov	x1, #0
	smc	#0
	b	fail

	.global smc_probe
smc_probe:
	PROBES(smc)
	FID(0x05)                    /* EVENT_COMPLETE(HANDLED) by HVC */
	mov	x1, #0
	hvc	#0
	b	fail

fail:
	udf	#0
