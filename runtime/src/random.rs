//! numpy's legacy random stream (`np.random.seed` / `random` / `randn` / `randint`), bit for bit.
//!
//! The generator is MT19937 seeded with `init_genrand`, as numpy's `RandomState.seed(int)` does;
//! doubles take 53 bits from two outputs, normals use the cached polar Box–Muller method.

const N: usize = 624;
const M: usize = 397;

#[derive(Clone)]
pub struct Mt19937 {
    state: [u32; N],
    index: usize,
    cached_gauss: Option<f64>,
}

impl Mt19937 {
    pub fn new(seed: u32) -> Mt19937 {
        let mut state = [0u32; N];
        state[0] = seed;
        for i in 1..N {
            state[i] = 1812433253u32.wrapping_mul(state[i - 1] ^ (state[i - 1] >> 30)).wrapping_add(i as u32);
        }
        Mt19937 { state, index: N, cached_gauss: None }
    }

    fn refill(&mut self) {
        const UPPER: u32 = 0x8000_0000;
        const LOWER: u32 = 0x7fff_ffff;
        const MATRIX_A: u32 = 0x9908_b0df;
        for i in 0..N {
            let y = (self.state[i] & UPPER) | (self.state[(i + 1) % N] & LOWER);
            let mut next = self.state[(i + M) % N] ^ (y >> 1);
            if y & 1 != 0 {
                next ^= MATRIX_A;
            }
            self.state[i] = next;
        }
        self.index = 0;
    }

    pub fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            self.refill();
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// A double in [0, 1) with 53 random bits (numpy's `random_sample`).
    pub fn next_f64(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67108864.0 + b) / 9007199254740992.0
    }

    /// A standard normal deviate (numpy's legacy `gauss`).
    pub fn next_gauss(&mut self) -> f64 {
        if let Some(g) = self.cached_gauss.take() {
            return g;
        }
        loop {
            let x1 = 2.0 * self.next_f64() - 1.0;
            let x2 = 2.0 * self.next_f64() - 1.0;
            let r2 = x1 * x1 + x2 * x2;
            if r2 < 1.0 && r2 != 0.0 {
                let f = (-2.0 * r2.ln() / r2).sqrt();
                self.cached_gauss = Some(f * x1);
                return f * x2;
            }
        }
    }

    /// An integer in `[low, high)` by masked rejection sampling (numpy's legacy `randint`).
    pub fn next_int(&mut self, low: i64, high: i64) -> i64 {
        let range = (high as i128 - low as i128 - 1) as u64;
        if range == 0 {
            return low;
        }
        let mask = u64::MAX >> range.leading_zeros();
        let value = if range <= u32::MAX as u64 {
            loop {
                let v = (self.next_u32() as u64) & mask;
                if v <= range {
                    break v;
                }
            }
        } else {
            loop {
                let hi = self.next_u32() as u64;
                let lo = self.next_u32() as u64;
                let v = ((hi << 32) | lo) & mask;
                if v <= range {
                    break v;
                }
            }
        };
        low.wrapping_add(value as i64)
    }
}

thread_local! {
    /// The generator of compiled code (and of decorated functions when interpreted): like
    /// Numba's, separate from numpy's, and seeded by `np.random.seed` called inside a kernel.
    static KERNEL_RNG: std::cell::RefCell<Mt19937> = std::cell::RefCell::new(Mt19937::default());
}

/// Runs `f` with this thread's kernel generator.
pub fn with_kernel_rng<T>(f: impl FnOnce(&mut Mt19937) -> T) -> T {
    KERNEL_RNG.with(|r| f(&mut r.borrow_mut()))
}

/// `np.random.seed(s)` in compiled code.
#[no_mangle]
pub extern "C" fn rhumba_random_seed(seed: i64) {
    with_kernel_rng(|r| *r = Mt19937::new(seed as u32));
}

/// `np.random.random()` in compiled code.
#[no_mangle]
pub extern "C" fn rhumba_random_random() -> f64 {
    with_kernel_rng(|r| r.next_f64())
}

/// `np.random.randn()` / `standard_normal()` in compiled code.
#[no_mangle]
pub extern "C" fn rhumba_random_normal() -> f64 {
    with_kernel_rng(|r| r.next_gauss())
}

/// `np.random.randint(low, high)` in compiled code.
#[no_mangle]
pub extern "C" fn rhumba_random_randint(low: i64, high: i64) -> i64 {
    with_kernel_rng(|r| r.next_int(low, high))
}

impl Default for Mt19937 {
    /// numpy seeds from the operating system when no seed is given; a fixed seed keeps runs
    /// reproducible until the program calls `np.random.seed`.
    fn default() -> Self {
        Mt19937::new(5489)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_numpy_legacy_stream() {
        // python3 -c "import numpy as np; np.random.seed(7); print(repr(np.random.random()), repr(np.random.random()))"
        let mut rng = Mt19937::new(7);
        assert_eq!(rng.next_f64(), 0.07630828937395717);
        assert_eq!(rng.next_f64(), 0.7799187922401146);
    }
}

#[cfg(test)]
mod integer_and_normal_tests {
    use super::*;

    #[test]
    fn randint_and_randn_match_numpy() {
        // python3 -c "import numpy as np; np.random.seed(3); print(np.random.randint(0,10,5), np.random.randint(0, 2**40), np.random.randn())"
        let mut rng = Mt19937::new(3);
        let small: Vec<i64> = (0..5).map(|_| rng.next_int(0, 10)).collect();
        assert_eq!(small, vec![8, 9, 3, 8, 8]);
        assert_eq!(rng.next_int(0, 1 << 40), 2445173525);
        assert_eq!(rng.next_gauss(), -0.27738820251439905);
    }
}
