/*
 * sdd_spec.h - numbers defined by the SDEI specification (Arm DEN0054C,
 * SDEI v1.1) and by the AArch64 architecture where SDEI depends on them.
 *
 * Nothing here is an implementation choice: every value is quoted from the
 * specification section named beside it.  All names carry the SDD_ prefix
 * so that the core can be linked into firmware that already defines
 * TF-A's SDEI_* macros.
 */
#ifndef SDD_SPEC_H
#define SDD_SPEC_H

#include <stdint.h>

/* ---- Function identifiers (DEN0054C §5.1; SMC64 only, §1.1 of our notes) ---- */

#define SDD_FID_VERSION                   0xC4000020u
#define SDD_FID_EVENT_REGISTER            0xC4000021u
#define SDD_FID_EVENT_ENABLE              0xC4000022u
#define SDD_FID_EVENT_DISABLE             0xC4000023u
#define SDD_FID_EVENT_CONTEXT             0xC4000024u
#define SDD_FID_EVENT_COMPLETE            0xC4000025u
#define SDD_FID_EVENT_COMPLETE_AND_RESUME 0xC4000026u
#define SDD_FID_EVENT_UNREGISTER          0xC4000027u
#define SDD_FID_EVENT_STATUS              0xC4000028u
#define SDD_FID_EVENT_GET_INFO            0xC4000029u
#define SDD_FID_EVENT_ROUTING_SET         0xC400002Au
#define SDD_FID_PE_MASK                   0xC400002Bu
#define SDD_FID_PE_UNMASK                 0xC400002Cu
#define SDD_FID_INTERRUPT_BIND            0xC400002Du
#define SDD_FID_INTERRUPT_RELEASE         0xC400002Eu
#define SDD_FID_EVENT_SIGNAL              0xC400002Fu
#define SDD_FID_FEATURES                  0xC4000030u
#define SDD_FID_PRIVATE_RESET             0xC4000031u
#define SDD_FID_SHARED_RESET              0xC4000032u

#define SDD_FID_FIRST   SDD_FID_VERSION
#define SDD_FID_LAST    SDD_FID_SHARED_RESET
#define SDD_CALL_COUNT  19u

/*
 * The whole standard-service window 0x20..0x3F belongs to SDEI, in both the
 * SMC32 (0x84...) and SMC64 (0xC4...) conventions.  Only the SMC64 IDs up
 * to 0x32 are calls; the rest of the window answers NOT_SUPPORTED.
 */
#define SDD_FID_WINDOW_MASK  0xBFFFFFE0u   /* ignores bit 30 (SMC32/SMC64) */
#define SDD_FID_WINDOW_BASE  0x84000020u

/* ---- Return codes (DEN0054C §5.3 Table 6) ---- */

#define SDD_SUCCESS             0
#define SDD_NOT_SUPPORTED      (-1)
#define SDD_INVALID_PARAMETERS (-2)
#define SDD_DENIED             (-3)
#define SDD_PENDING            (-5)
#define SDD_OUT_OF_RESOURCE    (-10)

/* ---- VERSION layout (§5.1.1) ---- */

#define SDD_VERSION_MAJOR_SHIFT 48
#define SDD_VERSION_MINOR_SHIFT 32

/* ---- Event numbers (§4.4 Tables 3-4) ---- */

#define SDD_EVENT_SIGN_BIT      0x80000000u  /* must be zero */
#define SDD_EVENT_VENDOR_BIT    0x40000000u  /* vendor-defined space */
#define SDD_EVENT_RESERVED_MASK 0x3F000000u  /* must be zero */
#define SDD_EVENT_NUMBER_MASK   0x00FFFFFFu

/* ---- EVENT_REGISTER flags (§5.1.2) and ROUTING_SET mode (§5.1.11) ---- */

#define SDD_REGFLAG_RM_PE     0x1u   /* bit 0: 0 = RM_ANY, 1 = RM_PE */
#define SDD_REGFLAG_RELATIVE  0x2u   /* bit 1 (v1.1): entry point is VBAR-relative */

#define SDD_RM_ANY 0u
#define SDD_RM_PE  1u

/* ---- EVENT_STATUS bits (§5.1.9, Table 13) ---- */

#define SDD_STATUS_REGISTERED 0x1u
#define SDD_STATUS_ENABLED    0x2u
#define SDD_STATUS_RUNNING    0x4u

/* ---- EVENT_GET_INFO info values (§5.1.10) ---- */

#define SDD_INFO_EV_TYPE         0u
#define SDD_INFO_EV_SIGNALED     1u
#define SDD_INFO_EV_PRIORITY     2u
#define SDD_INFO_EV_ROUTING_MODE 3u
#define SDD_INFO_EV_ROUTING_AFF  4u

/* ---- FEATURES (§5.1.17) ---- */

#define SDD_FEATURE_BIND_SLOTS    0u
#define SDD_FEATURE_RELATIVE_MODE 1u

/* ---- COMPLETE status (§5.1.6) ---- */

#define SDD_EV_HANDLED 0u
#define SDD_EV_FAILED  1u

/* ---- EVENT_CONTEXT: x0..x17 of the interrupted context (§5.1.5) ---- */

#define SDD_CONTEXT_REGS 18u

/* ---- MPIDR affinity fields, as SDEI passes them (§5.1.2 "affinity") ---- */

#define SDD_MPIDR_AFF_MASK 0x000000FF00FFFFFFull   /* Aff3 [39:32], Aff2..Aff0 [23:0] */

/* ---- GIC interrupt ID ranges (GICv3; used for INTERRUPT_BIND, §5.1.14) ---- */

#define SDD_INTID_SGI_FIRST 0u
#define SDD_INTID_PPI_FIRST 16u
#define SDD_INTID_SPI_FIRST 32u
#define SDD_INTID_SPI_LIMIT 1020u  /* one past the last SPI; 1020..1023 are special */

/* ---- AArch64 PSTATE in SPSR format (Arm ARM D1.x, C5.2.18 SPSR_EL2) ---- */

#define SDD_PSTATE_M_MASK   0x1Full        /* M[4] = nRW, M[3:2] = EL, M[0] = SPSel */
#define SDD_PSTATE_M_EL1H   0x5ull
#define SDD_PSTATE_M_EL2H   0x9ull
#define SDD_PSTATE_NRW      (1ull << 4)
#define SDD_PSTATE_F        (1ull << 6)
#define SDD_PSTATE_I        (1ull << 7)
#define SDD_PSTATE_A        (1ull << 8)
#define SDD_PSTATE_D        (1ull << 9)
#define SDD_PSTATE_DAIF     (0xFull << 6)
#define SDD_PSTATE_BTYPE    (3ull << 10)
#define SDD_PSTATE_SSBS     (1ull << 12)
#define SDD_PSTATE_ALLINT   (1ull << 13)
#define SDD_PSTATE_IL       (1ull << 20)
#define SDD_PSTATE_SS       (1ull << 21)
#define SDD_PSTATE_PAN      (1ull << 22)
#define SDD_PSTATE_UAO      (1ull << 23)
#define SDD_PSTATE_DIT      (1ull << 24)
#define SDD_PSTATE_TCO      (1ull << 25)
#define SDD_PSTATE_NZCV     (0xFull << 28)

/* SCTLR_ELx and HCR_EL2 bits that exception entry consults (TakeException). */
#define SDD_SCTLR_SPAN      (1ull << 23)
#define SDD_SCTLR_DSSBS     (1ull << 44)
#define SDD_SCTLR_SPINTMASK (1ull << 45)
#define SDD_HCR_TGE         (1ull << 27)
#define SDD_HCR_E2H         (1ull << 34)

#endif /* SDD_SPEC_H */
