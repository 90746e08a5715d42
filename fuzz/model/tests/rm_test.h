/* Test helpers for the reference model: a test platform, and assertions
 * that drive rm_call & co. and print the model's explanation on failure. */
#ifndef RM_TEST_H
#define RM_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "rm.h"

/* Results (DEN0054C Table 6), written as the 64-bit register value. */
#define SUCCESS            0ull
#define NOT_SUPPORTED      ((uint64_t)-1)
#define INVALID            ((uint64_t)-2)
#define DENIED             ((uint64_t)-3)
#define PENDING            ((uint64_t)-5)
#define OUT_OF_RESOURCE    ((uint64_t)-10)

/* Function numbers: ID = 0xC4000020 + number. */
enum {
    F_VERSION, F_REGISTER, F_ENABLE, F_DISABLE, F_CONTEXT, F_COMPLETE, F_RESUME,
    F_UNREGISTER, F_STATUS, F_GET_INFO, F_ROUTING_SET, F_PE_MASK, F_PE_UNMASK,
    F_BIND, F_RELEASE, F_SIGNAL, F_FEATURES, F_PRIVATE_RESET, F_SHARED_RESET,
};

/* The test platform (tplat): 4 PEs with MPIDRs 0x0, 0x1, 0x100, 0x101;
 * client EL2; SDEI 1.1 with relative mode; vendor 0x1234; 64 SPIs (32..95);
 * firmware-owned PPI 29 and SPI 56; and these events: */
#define EV0      0            /* event 0 on SGI 8, normal */
#define EVP      0x40000010   /* static private normal on PPI 23 */
#define EVPC     0x40000011   /* static private critical on PPI 24 */
#define EVS      0x40000020   /* static shared normal on SPI 40 */
#define EVSC     0x40000021   /* static shared critical on SPI 41 */
#define EVX      0x40000030   /* explicit normal */
#define EVXC     0x40000031   /* explicit critical */
#define SLOTP0   0x40FF0000   /* private bind slots */
#define SLOTP1   0x40FF0001
#define SLOTS0   0x40FF8000   /* shared bind slots */
#define SLOTS1   0x40FF8001
#define SGI_EV0  8
#define PPI_P    23
#define PPI_PC   24
#define SPI_S    40
#define SPI_SC   41
#define PPI_SEC  29
#define SPI_SEC  56

#define HANDLER  0x10400ull   /* an entry point in client memory */
#define RESUME   0x10800ull   /* a resume address in client memory */

void tplat(struct rm_platform *p);
/* rm_init(m, p), asserting it is accepted. */
void tinit(struct rm_model *m, const struct rm_platform *p);
/* The test platform, initialised. */
void tmodel(struct rm_model *m);

/* v[0] = the dispatcher's result, v[1..5] = x1..x5. */
#define V(...) ((const uint64_t[6]){__VA_ARGS__})

void t_accept(struct rm_model *m, unsigned pe, unsigned fn, const uint64_t v[6], bool completed,
              const char *file, int line);
void t_reject(struct rm_model *m, unsigned pe, unsigned fn, const uint64_t v[6], bool completed,
              const char *file, int line);
void t_only(struct rm_model *m, unsigned pe, unsigned fn, uint64_t wrong, const uint64_t v[6],
            const char *file, int line);

/* The call answered v[0]: the model must accept it (and apply it). */
#define ACCEPT(m, pe, fn, ...) t_accept(m, pe, fn, V(__VA_ARGS__), false, __FILE__, __LINE__)
/* The call answered v[0]: the model must refuse it and change nothing. */
#define REJECT(m, pe, fn, ...) t_reject(m, pe, fn, V(__VA_ARGS__), false, __FILE__, __LINE__)
/* v[0] is the only right answer: `wrong` is refused (nothing changes), then
 * v[0] is accepted. */
#define ONLY(m, pe, fn, wrong, ...) t_only(m, pe, fn, wrong, V(__VA_ARGS__), __FILE__, __LINE__)
/* The call (COMPLETE / COMPLETE_AND_RESUME) ended the handler: it must be
 * accepted, and a DENIED answer refused first. */
#define COMPLETES(m, pe, fn, ...) t_completes(m, pe, fn, V(0, __VA_ARGS__), __FILE__, __LINE__)
/* Completion must be refused. */
#define NO_COMPLETION(m, pe, fn, ...) t_reject(m, pe, fn, V(0, __VA_ARGS__), true, __FILE__, __LINE__)
void t_completes(struct rm_model *m, unsigned pe, unsigned fn, const uint64_t v[6],
                 const char *file, int line);

/* The raw call with every input, returning rm_call's answer. */
bool t_raw(struct rm_model *m, unsigned pe, uint64_t fid, const uint64_t v[6], unsigned el,
           unsigned from, bool completed, char *why, size_t n);

#define DISPATCH(m, pe, ev) t_dispatch(m, pe, ev, true, __FILE__, __LINE__)
#define NO_DISPATCH(m, pe, ev) t_dispatch(m, pe, ev, false, __FILE__, __LINE__)
void t_dispatch(struct rm_model *m, unsigned pe, int32_t ev, bool allowed, const char *file, int line);

#define EXPLICIT(m, pe, ev, res) t_explicit(m, pe, ev, res, __FILE__, __LINE__)
void t_explicit(struct rm_model *m, unsigned pe, int32_t ev, int64_t result, const char *file, int line);

#define SETTLED(m) t_settled(m, NULL, true, __FILE__, __LINE__)
#define NOT_SETTLED(m) t_settled(m, NULL, false, __FILE__, __LINE__)
void t_settled(struct rm_model *m, const bool *busy, bool ok, const char *file, int line);

#define STATUS(m, pe, ev, want) t_status(m, pe, ev, want, __FILE__, __LINE__)
void t_status(const struct rm_model *m, unsigned pe, int32_t ev, int want, const char *file, int line);

/* Common sequences (each asserting every step is accepted). */
/* REGISTER (RM_ANY) + ENABLE of ev from pe. */
void t_reg_enable(struct rm_model *m, unsigned pe, int32_t ev);
/* Make ev run on pe: unmask pe, register+enable (unless already), trigger
 * (fire its INTID, SIGNAL event 0, or explicit dispatch) and dispatch. */
void t_run(struct rm_model *m, unsigned pe, int32_t ev);

#endif
