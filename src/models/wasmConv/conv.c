/*
 * CDP Lab's forward convolution for the tfjs wasm backend (src/models/wasmConv/fastConv.ts).
 * Built by `npm run build:wasm-conv` (clang, wasm32 + SIMD128, no libc); the built bytes are
 * embedded in convWasm.generated.ts, whose test fails when this file changes without a rebuild.
 *
 * Why not XNNPACK (which tfjs-wasm uses): on the 5x5 convs that dominate a training step its
 * wasm kernels ran at about 28 GFLOP/s per core here, this 4x8 register tile at about 41.
 * Wider tiles (more than 8 accumulators) spill under V8's register allocator and ran at 23-28.
 *
 * The module imports the backend's memory and must not touch any of it but the buffers it is
 * given: it has no data segment and must not use the shadow stack (no arrays, no address-taken
 * locals), which the build script checks.
 */
#include <wasm_simd128.h>
#include <stddef.h>

#define MR 4 /* output pixels per tile */
#define NR 8 /* output channels per tile: two vectors */

static inline void store_tile_row(float* op, v128_t a0, v128_t a1, int nco) {
  if (nco == NR) {
    wasm_v128_store(op, a0);
    wasm_v128_store(op + 4, a1);
    return;
  }
  /* Lane by lane with constant lanes: a dynamic index would go through the stack. */
  if (nco > 0) op[0] = wasm_f32x4_extract_lane(a0, 0);
  if (nco > 1) op[1] = wasm_f32x4_extract_lane(a0, 1);
  if (nco > 2) op[2] = wasm_f32x4_extract_lane(a0, 2);
  if (nco > 3) op[3] = wasm_f32x4_extract_lane(a0, 3);
  if (nco > 4) op[4] = wasm_f32x4_extract_lane(a1, 0);
  if (nco > 5) op[5] = wasm_f32x4_extract_lane(a1, 1);
  if (nco > 6) op[6] = wasm_f32x4_extract_lane(a1, 2);
}

/* The top-left input of output pixel p + m; past the last pixel, the last one again (computed, not stored). */
static inline const float* pixel_origin(const float* xp, int p, int m, int last, int ho, int wo, int hp, int wp, int cin,
                                        int sh, int sw) {
  int q = p + m < last ? p + m : last;
  int nn = q / (ho * wo), r = q % (ho * wo), y = r / wo, x = r % wo;
  return xp + ((size_t)(nn * hp + y * sh) * wp + (size_t)x * sw) * cin;
}

/*
 * Output pixels [p0, p1) (flattened n, y, x) of the valid convolution of the padded NHWC input xp
 * (n, hp, wp, cin) by the packed kernel wpk (see pack_kernel), strides sh, sw, dilations dh, dw,
 * into out (n, ho, wo, cout). Threads split the pixel range.
 */
void conv_valid(const float* xp, int n, int hp, int wp, int cin, const float* wpk, int kh, int kw, int cout, int sh,
                int sw, int dh, int dw, int ho, int wo, float* out, int p0, int p1) {
  (void)n;
  int ncb = (cout + NR - 1) / NR;
  size_t rowStep = (size_t)dh * wp * cin, colStep = (size_t)dw * cin;
  size_t blk = (size_t)kh * kw * cin * NR;
  /* Undilated, a kernel row's taps are one contiguous run of kw * cin inputs: one loop over them
     (the first layers have cin 1, where a loop per tap would run once). Unrolling this loop by hand
     made clang hoist loads and V8 spill: 24 GFLOP/s instead of 41. */
  int runTaps = dw == 1 ? kw : 1;
  int run = runTaps * cin;
  for (int p = p0; p < p1; p += MR) {
    int cols = p1 - p < MR ? p1 - p : MR;
    int last = p + cols - 1;
    const float* a0 = pixel_origin(xp, p, 0, last, ho, wo, hp, wp, cin, sh, sw);
    const float* a1 = pixel_origin(xp, p, 1, last, ho, wo, hp, wp, cin, sh, sw);
    const float* a2 = pixel_origin(xp, p, 2, last, ho, wo, hp, wp, cin, sh, sw);
    const float* a3 = pixel_origin(xp, p, 3, last, ho, wo, hp, wp, cin, sh, sw);
    for (int cb = 0; cb < ncb; cb++) {
      const float* w = wpk + cb * blk;
      v128_t c00 = wasm_f32x4_splat(0), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
      for (int i = 0; i < kh; i++) {
        for (int j = 0; j < kw; j += runTaps) {
          size_t off = i * rowStep + j * colStep;
          const float* x0 = a0 + off;
          const float* x1 = a1 + off;
          const float* x2 = a2 + off;
          const float* x3 = a3 + off;
          for (int c = 0; c < run; c++) {
            v128_t b0 = wasm_v128_load(w), b1 = wasm_v128_load(w + 4);
            w += NR;
            v128_t v0 = wasm_v128_load32_splat(x0++);
            c00 = wasm_f32x4_add(c00, wasm_f32x4_mul(v0, b0));
            c01 = wasm_f32x4_add(c01, wasm_f32x4_mul(v0, b1));
            v128_t v1 = wasm_v128_load32_splat(x1++);
            c10 = wasm_f32x4_add(c10, wasm_f32x4_mul(v1, b0));
            c11 = wasm_f32x4_add(c11, wasm_f32x4_mul(v1, b1));
            v128_t v2 = wasm_v128_load32_splat(x2++);
            c20 = wasm_f32x4_add(c20, wasm_f32x4_mul(v2, b0));
            c21 = wasm_f32x4_add(c21, wasm_f32x4_mul(v2, b1));
            v128_t v3 = wasm_v128_load32_splat(x3++);
            c30 = wasm_f32x4_add(c30, wasm_f32x4_mul(v3, b0));
            c31 = wasm_f32x4_add(c31, wasm_f32x4_mul(v3, b1));
          }
        }
      }
      int nco = cout - cb * NR < NR ? cout - cb * NR : NR;
      float* o = out + (size_t)p * cout + cb * NR;
      store_tile_row(o, c00, c01, nco);
      if (cols > 1) store_tile_row(o + cout, c10, c11, nco);
      if (cols > 2) store_tile_row(o + 2 * cout, c20, c21, nco);
      if (cols > 3) store_tile_row(o + 3 * cout, c30, c31, nco);
    }
  }
}

static inline float hsum(v128_t v) {
  return wasm_f32x4_extract_lane(v, 0) + wasm_f32x4_extract_lane(v, 1) + wasm_f32x4_extract_lane(v, 2) + wasm_f32x4_extract_lane(v, 3);
}

/*
 * conv_valid for one output channel (a restorer's last layer and its input gradient's filter
 * gradient): the 8-channel tile would waste 7 of 8 lanes, so here the lanes run along the
 * reduction instead. w is the unpacked (kh, kw, cin, 1) kernel.
 */
void conv_valid_c1(const float* xp, int n, int hp, int wp, int cin, const float* w, int kh, int kw, int sh, int sw,
                   int dh, int dw, int ho, int wo, float* out, int p0, int p1) {
  (void)n;
  size_t rowStep = (size_t)dh * wp * cin, colStep = (size_t)dw * cin;
  int runTaps = dw == 1 ? kw : 1;
  int run = runTaps * cin;
  int vec = run & ~3;
  for (int p = p0; p < p1; p += MR) {
    int cols = p1 - p < MR ? p1 - p : MR;
    int last = p + cols - 1;
    const float* a0 = pixel_origin(xp, p, 0, last, ho, wo, hp, wp, cin, sh, sw);
    const float* a1 = pixel_origin(xp, p, 1, last, ho, wo, hp, wp, cin, sh, sw);
    const float* a2 = pixel_origin(xp, p, 2, last, ho, wo, hp, wp, cin, sh, sw);
    const float* a3 = pixel_origin(xp, p, 3, last, ho, wo, hp, wp, cin, sh, sw);
    v128_t s0 = wasm_f32x4_splat(0), s1 = s0, s2 = s0, s3 = s0;
    float r0 = 0, r1 = 0, r2 = 0, r3 = 0;
    const float* wt = w;
    for (int i = 0; i < kh; i++) {
      for (int j = 0; j < kw; j += runTaps) {
        size_t off = i * rowStep + j * colStep;
        const float* x0 = a0 + off;
        const float* x1 = a1 + off;
        const float* x2 = a2 + off;
        const float* x3 = a3 + off;
        int c = 0;
        for (; c < vec; c += 4) {
          v128_t b = wasm_v128_load(wt + c);
          s0 = wasm_f32x4_add(s0, wasm_f32x4_mul(wasm_v128_load(x0 + c), b));
          s1 = wasm_f32x4_add(s1, wasm_f32x4_mul(wasm_v128_load(x1 + c), b));
          s2 = wasm_f32x4_add(s2, wasm_f32x4_mul(wasm_v128_load(x2 + c), b));
          s3 = wasm_f32x4_add(s3, wasm_f32x4_mul(wasm_v128_load(x3 + c), b));
        }
        for (; c < run; c++) {
          float b = wt[c];
          r0 += x0[c] * b;
          r1 += x1[c] * b;
          r2 += x2[c] * b;
          r3 += x3[c] * b;
        }
        wt += run;
      }
    }
    out[p] = hsum(s0) + r0;
    if (cols > 1) out[p + 1] = hsum(s1) + r1;
    if (cols > 2) out[p + 2] = hsum(s2) + r2;
    if (cols > 3) out[p + 3] = hsum(s3) + r3;
  }
}

/* The floats pack_kernel writes for a (kh, kw, cin, cout) kernel. */
int packed_kernel_size(int kh, int kw, int cin, int cout) {
  return ((cout + NR - 1) / NR) * kh * kw * cin * NR;
}

/* w (kh, kw, cin, cout) -> wpk [cout / 8][kh][kw][cin][8], zero past cout: the tile reads its 8 channels' taps in order. */
void pack_kernel(const float* w, int kh, int kw, int cin, int cout, float* wpk) {
  int ncb = (cout + NR - 1) / NR;
  int taps = kh * kw * cin;
  for (int cb = 0; cb < ncb; cb++)
    for (int t = 0; t < taps; t++)
      for (int q = 0; q < NR; q++) {
        int co = cb * NR + q;
        wpk[((size_t)cb * taps + t) * NR + q] = co < cout ? w[(size_t)t * cout + co] : 0.0f;
      }
}

/* x (n, h, w, c) placed at (top, left) in dst (n, hp, wp, c), zeros elsewhere; what falls outside dst is cut. */
void pad_copy(const float* x, int n, int h, int w, int c, int top, int left, int hp, int wp, float* dst) {
  size_t total = (size_t)n * hp * wp * c;
  for (size_t i = 0; i < total; i++) dst[i] = 0.0f;
  for (int b = 0; b < n; b++)
    for (int y = 0; y < h; y++) {
      int yy = y + top;
      if (yy < 0 || yy >= hp) continue;
      for (int x0 = 0; x0 < w; x0++) {
        int xx = x0 + left;
        if (xx < 0 || xx >= wp) continue;
        const float* s = x + (((size_t)b * h + y) * w + x0) * c;
        float* t = dst + (((size_t)b * hp + yy) * wp + xx) * c;
        for (int q = 0; q < c; q++) t[q] = s[q];
      }
    }
}
