//! The symbol table compiled code links against: every `extern "C"` function of the runtime by
//! name (math from the C library, the ABI's array operations, `prange`'s entry, the CUDA
//! simulator's intrinsics). It lives apart from `abi` so that the ABI depends on neither the
//! worker pool nor the simulator.

use crate::abi::*;

/// Every runtime function compiled code calls, by the symbol Cranelift links it under.
pub fn table() -> Vec<(&'static str, *const u8)> {
    macro_rules! unary {
        ($($name:ident => $f:expr),* $(,)?) => {{
            let mut v: Vec<(&'static str, *const u8)> = Vec::new();
            $(
                extern "C" fn $name(x: f64) -> f64 { ($f)(x) }
                v.push((concat!("rhumba_", stringify!($name)), $name as *const u8));
            )*
            v
        }};
    }
    let mut v = unary! {
        sin => f64::sin, cos => f64::cos, tan => f64::tan, asin => f64::asin, acos => f64::acos,
        atan => f64::atan, sinh => f64::sinh, cosh => f64::cosh, tanh => f64::tanh,
        asinh => f64::asinh, acosh => f64::acosh, atanh => f64::atanh, exp => f64::exp,
        expm1 => f64::exp_m1, log => f64::ln, log10 => f64::log10, log2 => f64::log2,
        log1p => f64::ln_1p, erf => c_erf, erfc => c_erfc, gamma => c_tgamma, lgamma => c_lgamma,
    };
    extern "C" fn pow(x: f64, y: f64) -> f64 {
        x.powf(y)
    }
    extern "C" fn atan2(x: f64, y: f64) -> f64 {
        x.atan2(y)
    }
    extern "C" fn hypot(x: f64, y: f64) -> f64 {
        x.hypot(y)
    }
    extern "C" fn fmod(x: f64, y: f64) -> f64 {
        x % y
    }
    v.push(("rhumba_pow", pow as *const u8));
    v.push(("rhumba_atan2", atan2 as *const u8));
    v.push(("rhumba_hypot", hypot as *const u8));
    extern "C" fn copysign(x: f64, y: f64) -> f64 {
        x.copysign(y)
    }
    v.push(("rhumba_fmod", fmod as *const u8));
    v.push(("rhumba_copysign", copysign as *const u8));
    v.push(("rhumba_py_fmod", rhumba_py_fmod as *const u8));
    v.push(("rhumba_py_floordiv", rhumba_py_floordiv as *const u8));
    v.push(("rhumba_ipow", rhumba_ipow as *const u8));
    v.push(("rhumba_powi", rhumba_powi as *const u8));
    v.push(("rhumba_interrupted", rhumba_interrupted as *const u8));
    v.push(("rhumba_array_describe", rhumba_array_describe as *const u8));
    v.push(("rhumba_array_new", rhumba_array_new as *const u8));
    v.push(("rhumba_array_new_checked", rhumba_array_new_checked as *const u8));
    v.push(("rhumba_random_seed", crate::random::rhumba_random_seed as *const u8));
    v.push(("rhumba_random_random", crate::random::rhumba_random_random as *const u8));
    v.push(("rhumba_random_normal", crate::random::rhumba_random_normal as *const u8));
    v.push(("rhumba_random_randint", crate::random::rhumba_random_randint as *const u8));
    v.push(("rhumba_array_copy", rhumba_array_copy as *const u8));
    v.push(("rhumba_reduce", rhumba_reduce as *const u8));
    v.push(("rhumba_array_view", rhumba_array_view as *const u8));
    v.push(("rhumba_array_transpose", rhumba_array_transpose as *const u8));
    v.push(("rhumba_array_assign", rhumba_array_assign as *const u8));
    v.push(("rhumba_array_fill", rhumba_array_fill as *const u8));
    v.push(("rhumba_array_binary", rhumba_array_binary as *const u8));
    v.push(("rhumba_parallel_for", crate::parallel::rhumba_parallel_for as *const u8));
    v.push(("rhumba_array_unary", rhumba_array_unary as *const u8));
    v.push(("rhumba_array_arange", rhumba_array_arange as *const u8));
    v.push(("rhumba_array_reshape", rhumba_array_reshape as *const u8));
    v.push(("rhumba_array_cumsum", rhumba_array_cumsum as *const u8));
    v.push(("rhumba_list_new", rhumba_list_new as *const u8));
    v.push(("rhumba_object_new", rhumba_object_new as *const u8));
    {
        use crate::print::*;
        v.push(("rhumba_print_int", rhumba_print_int as *const u8));
        v.push(("rhumba_print_uint", rhumba_print_uint as *const u8));
        v.push(("rhumba_print_float", rhumba_print_float as *const u8));
        v.push(("rhumba_print_bool", rhumba_print_bool as *const u8));
        v.push(("rhumba_print_complex", rhumba_print_complex as *const u8));
        v.push(("rhumba_print_char", rhumba_print_char as *const u8));
        v.push(("rhumba_print_none", rhumba_print_none as *const u8));
        v.push(("rhumba_print_sep", rhumba_print_sep as *const u8));
        v.push(("rhumba_print_end", rhumba_print_end as *const u8));
    }
    v.push(("rhumba_list_grow", rhumba_list_grow as *const u8));
    v.push(("rhumba_list_truncate", rhumba_list_truncate as *const u8));
    v.push(("rhumba_dict_new", rhumba_dict_new as *const u8));
    v.push(("rhumba_dict_len", rhumba_dict_len as *const u8));
    v.push(("rhumba_dict_find", rhumba_dict_find as *const u8));
    v.push(("rhumba_dict_insert", rhumba_dict_insert as *const u8));
    v.push(("rhumba_dict_remove", rhumba_dict_remove as *const u8));
    v.push(("rhumba_dict_entry", rhumba_dict_entry as *const u8));
    v.push(("rhumba_array_gather", rhumba_array_gather as *const u8));
    v.push(("rhumba_atomic_int", rhumba_atomic_int as *const u8));
    v.push(("rhumba_atomic_float", rhumba_atomic_float as *const u8));
    v.push(("rhumba_sim_index", crate::cuda::simulator::rhumba_sim_index as *const u8));
    v.push(("rhumba_sim_syncthreads", crate::cuda::simulator::rhumba_sim_syncthreads as *const u8));
    v.push(("rhumba_sim_shared", crate::cuda::simulator::rhumba_sim_shared as *const u8));
    v
}
