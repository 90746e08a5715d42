/*
 * tarmac_export.h - a simulator run written as an FVP Tarmac trace
 * (`sdeisim export tarmac`; traces/README.md, "Tarmac export"), in the
 * dialect the FVP's TarmacTrace plug-in writes and the importer reads
 * (tarmac-traces.md §1): per PE (`cpuN`), with a global instruction clock,
 *
 *   - every client instruction the simulator executed (handler code, the
 *     resume pad, vectors) as an `IT` line, followed by `R` lines for the
 *     registers it wrote;
 *   - what the simulator does without client code, in the form firmware
 *     gives it on a real machine: the calls a scenario's steps make from a
 *     PE's main context as `LDR x0..x5` and `SMC #0` (`HVC #0`) at that
 *     PE's call site (from AArch32: A32 `LDR r0..r5` and `SMC #0` in the
 *     caller's mode, taken through the AArch32 vector with the
 *     SMC32/HVC32 syndrome; from Secure state: in the caller's mode with
 *     the suffix _s, as is the stay in firmware it makes); for every
 *     call, the exception into the dispatcher's EL (`E`, ESR/ELR/SPSR)
 *     and the way out (result registers, ELR/SPSR,
 *     `ERET`, its loads' `MR8` lines); an acknowledged interrupt as an FIQ
 *     exception and an `MRS x0,ICC_IAR0_EL1`, one not dispatched ended
 *     (`MSR ICC_EOIR0_EL1`) after a store (`MW4`) to its set-pending
 *     register when left for later; a dispatch as an `ERET` to the entry point
 *     with x0..x3, and the interrupt ended (`MSR ICC_EOIR0_EL1`) at the
 *     handler's completion; explicit dispatches as an SError exception; power-ups
 *     as `CoreEvent_Reset` and a boot `ERET` to the main context.
 *
 * Addresses the simulator has no code at are the exporter's: firmware at
 * 0x04000000 (EL3, SMC conduit) or 0x06000000 (EL2, HVC conduit), call
 * sites at 0x0F000000 + 0x1000 * PE.
 */
#ifndef TRACES_TARMAC_EXPORT_H
#define TRACES_TARMAC_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sim.h"

/* Run prog on cpu (sim_run) and write the Tarmac trace of the run to out.
 * Returns what sim_run returns (res says whether the run passed; a run
 * that fails is written up to where it failed), or -1 with a message in
 * res->message when writing failed. */
int tarmac_export(struct sim_cpu *cpu, const struct sim_program *prog, FILE *out, struct sim_result *res);

/* The mode field of an instruction executed in pstate (tarmac_disasm.c):
 * ELnh/ELnt in AArch64, the mode's name in AArch32, with the security
 * state, which PSTATE does not hold: _s at EL3 or when secure (EL2h_s,
 * svc_s), else _n (EL2h_n, hyp_n).  Returns buf. */
#define TM_MODE_FIELD 8
const char *tm_mode_field(uint64_t pstate, bool secure, char buf[TM_MODE_FIELD]);

/* The disassembly of A64 instruction op at pc, FVP style ("SMC      #0x0",
 * ".inst    0x..." for what it does not decode).  tarmac_disasm.c */
void tm_disasm(uint32_t op, uint64_t pc, char *out, size_t n);
/* The same for A32 instruction op: SMC, HVC and LDR (literal), the
 * instructions of a call from AArch32; `.inst` for the others. */
void tm_disasm_a32(uint32_t op, uint64_t pc, char *out, size_t n);

#endif /* TRACES_TARMAC_EXPORT_H */
