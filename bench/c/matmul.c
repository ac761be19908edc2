/* The C row of the matmul suite: the same ijk and ikj loops as bench/kernels/matmul.py, on
 * row-major n x n float64 matrices, compiled by build.rs with gcc -O3 -march=native. */
#include <stddef.h>

void rhumba_bench_matmul_ijk(size_t n, const double *a, const double *b, double *c) {
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++) {
            double acc = 0.0;
            for (size_t p = 0; p < n; p++) {
                acc += a[i * n + p] * b[p * n + j];
            }
            c[i * n + j] = acc;
        }
    }
}

void rhumba_bench_matmul_ikj(size_t n, const double *a, const double *b, double *c) {
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++) {
            c[i * n + j] = 0.0;
        }
        for (size_t p = 0; p < n; p++) {
            double aip = a[i * n + p];
            for (size_t j = 0; j < n; j++) {
                c[i * n + j] += aip * b[p * n + j];
            }
        }
    }
}
