//! TIR to LLVM IR text for NVPTX: one kernel and the device functions it calls.
//!
//! The IR is written as text, as Numba's llvmlite does, then parsed, verified and optimised by
//! LLVM (see the parent module). Every TIR local lives in an `alloca` (flattened like the CPU
//! backend's values); `mem2reg` turns them into registers. An array value is its data pointer
//! followed by its shape and its byte strides, one `i64` per axis.
//!
//! Errors (an index out of bounds, an integer division by zero) are written to the launch's error
//! record, a kernel parameter of eight `i64`s: code, function, source offset, index, axis,
//! bound; the first thread to fail wins the record with a compare-and-swap, then the thread
//! exits. The host reads the record after the launch.

use std::fmt::Write;

use rhumba_runtime::DType;

use crate::backend::versioning::{nest, Access, Nest};
use crate::check::Unit;
use crate::tir::{AtomicOp, BinOp, CmpOp, CudaDim, Expr, ExprKind, FuncIndex, Function, MathFn, Stmt, StmtKind, UnOp, ViewAxis};
use crate::types::{slot_count, Type};
use rhumba_runtime::abi;

/// The host tier's error record: `[RECORD_LEN x i64]` on the entry's stack, filled in by failing
/// code and copied into the runtime's `ErrorSlot` by the entry: code, function, source offset,
/// index, axis, bound, then the trace's length and its (function, call offset) pairs.
const RECORD_TRACE_LEN: usize = 6;
const RECORD_TRACE: usize = 8;
/// The slot's stack limit for recursive functions, copied in by the entry (not copied back).
const RECORD_STACK_LIMIT: usize = RECORD_TRACE + 2 * abi::MAX_TRACE;
const RECORD_LEN: usize = RECORD_STACK_LIMIT + 1;

/// Why a kernel cannot be compiled for the GPU.
#[derive(Debug, Clone)]
pub struct GpuError {
    pub message: String,
    pub span: rhumba_grammar::Span,
}

type R<T> = Result<T, GpuError>;

fn unsupported<T>(span: rhumba_grammar::Span, what: impl Into<String>) -> R<T> {
    Err(GpuError { message: what.into(), span })
}

/// The LLVM type a scalar is computed in.
fn scalar_type(d: DType) -> &'static str {
    match d {
        DType::Float64 => "double",
        DType::Float32 => "float",
        DType::Bool => "i1",
        _ => "i64",
    }
}

/// The LLVM type an array element is stored as.
fn memory_type(d: DType) -> &'static str {
    match d {
        DType::Bool | DType::Int8 | DType::UInt8 => "i8",
        DType::Int16 | DType::UInt16 => "i16",
        DType::Int32 | DType::UInt32 => "i32",
        DType::Int64 | DType::UInt64 => "i64",
        DType::Float32 | DType::Complex64 => "float",
        DType::Float64 | DType::Complex128 => "double",
    }
}

/// How many values of [`memory_type`] one element holds: two parts for a complex dtype.
fn parts_per_element(d: DType) -> usize {
    if d.is_complex() {
        2
    } else {
        1
    }
}

/// The scalars and arrays of a result type, in order (tuples opened): one entry slot each.
fn result_leaves(ty: &Type, out: &mut Vec<Type>) {
    match ty {
        Type::Tuple(_) | Type::Optional(_) | Type::Complex(_) => ty.items().unwrap_or_default().iter().for_each(|t| result_leaves(t, out)),
        Type::None | Type::Function { .. } => {}
        other => out.push(other.clone()),
    }
}

/// The machine values of a TIR type: scalars one each, arrays `1 + 2 * ndim`, tuples their items.
pub fn flatten(ty: &Type) -> Vec<&'static str> {
    match ty {
        Type::Scalar(d) => vec![scalar_type(*d)],
        Type::Array { ndim, .. } => std::iter::once("i8*").chain(std::iter::repeat_n("i64", 2 * ndim)).collect(),
        Type::Tuple(_) | Type::Optional(_) | Type::Complex(_) => ty.items().unwrap_or_default().iter().flat_map(flatten).collect(),
        // A list is the address of its runtime header.
        Type::List { .. } | Type::Dict { .. } | Type::Str | Type::Instance { .. } => vec!["i64"],
        Type::None | Type::Function { .. } => vec![],
    }
}

/// The libdevice function behind a runtime math symbol (all take and return `double`).
pub fn libdevice_name(symbol: &str) -> Option<&'static str> {
    Some(match symbol {
        "rhumba_sin" => "__nv_sin",
        "rhumba_cos" => "__nv_cos",
        "rhumba_tan" => "__nv_tan",
        "rhumba_asin" => "__nv_asin",
        "rhumba_acos" => "__nv_acos",
        "rhumba_atan" => "__nv_atan",
        "rhumba_sinh" => "__nv_sinh",
        "rhumba_cosh" => "__nv_cosh",
        "rhumba_tanh" => "__nv_tanh",
        "rhumba_asinh" => "__nv_asinh",
        "rhumba_acosh" => "__nv_acosh",
        "rhumba_atanh" => "__nv_atanh",
        "rhumba_exp" => "__nv_exp",
        "rhumba_expm1" => "__nv_expm1",
        "rhumba_log" => "__nv_log",
        "rhumba_log10" => "__nv_log10",
        "rhumba_log2" => "__nv_log2",
        "rhumba_log1p" => "__nv_log1p",
        "rhumba_erf" => "__nv_erf",
        "rhumba_erfc" => "__nv_erfc",
        "rhumba_gamma" => "__nv_tgamma",
        "rhumba_lgamma" => "__nv_lgamma",
        "rhumba_pow" => "__nv_pow",
        "rhumba_atan2" => "__nv_atan2",
        "rhumba_hypot" => "__nv_hypot",
        "rhumba_fmod" => "__nv_fmod",
        "rhumba_copysign" => "__nv_copysign",
        _ => return None,
    })
}

/// The module of one kernel: its IR text, and the libdevice functions it needs.
pub struct KernelIr {
    pub text: String,
    pub kernel_symbol: String,
    pub libdevice: Vec<&'static str>,
}

/// The symbol of a specialisation: its Python name and unit index, kept to PTX's identifier set.
pub fn symbol(unit: &Unit, index: FuncIndex) -> String {
    let name = unit.functions.get(index).and_then(|f| f.as_ref()).map(|f| f.name.split('(').next().unwrap_or("kernel").to_string()).unwrap_or_default();
    let clean: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect();
    format!("{clean}_{index}")
}

/// Writes the kernel `index` and every device function it calls.
pub fn kernel_module(unit: &Unit, index: FuncIndex) -> R<KernelIr> {
    let mut out = String::new();
    let _ = writeln!(out, "target datalayout = \"e-i64:64-i128:128-v16:16-v32:32-n16:32:64\"");
    let _ = writeln!(out, "target triple = \"nvptx64-nvidia-cuda\"\n");
    let mut done = vec![index];
    let mut todo = vec![index];
    let mut declarations: Vec<String> = Vec::new();
    let mut globals = String::new();
    let mut libdevice = Vec::new();
    let mut bodies = String::new();
    while let Some(i) = todo.pop() {
        let Some(Some(f)) = unit.functions.get(i) else {
            return unsupported(rhumba_grammar::Span::default(), "a called function was not compiled");
        };
        let mut w = FunctionWriter::new(unit, i, f, i == index, false);
        w.function()?;
        todo.extend(add_new(std::mem::take(&mut w.callees), &mut done));
        add_new(std::mem::take(&mut w.declarations), &mut declarations);
        add_new(std::mem::take(&mut w.libdevice), &mut libdevice);
        globals.push_str(&w.globals);
        bodies.push_str(&w.out);
        bodies.push('\n');
    }
    out.push_str(&globals);
    out.push('\n');
    out.push_str(&bodies);
    for d in &declarations {
        let _ = writeln!(out, "{d}");
    }
    let kernel_symbol = symbol(unit, index);
    let _ = writeln!(out, "\n!nvvm.annotations = !{{!0}}");
    let param_types = kernel_param_types(unit, index);
    let _ = writeln!(out, "!0 = !{{void ({})* @{kernel_symbol}, !\"kernel\", i32 1}}", param_types.join(", "));
    Ok(KernelIr { text: out, kernel_symbol, libdevice })
}

/// The LLVM types of a kernel's parameters: its flattened arguments, then the error record.
pub fn kernel_param_types(unit: &Unit, index: FuncIndex) -> Vec<String> {
    let Some(Some(f)) = unit.functions.get(index) else { return vec![] };
    let mut v: Vec<String> = f.params.iter().flat_map(|p| flatten(&f.locals[*p].ty)).map(param_type).collect();
    v.push("i64*".to_string());
    v
}

/// Booleans cross the kernel boundary as bytes.
fn param_type(t: &str) -> String {
    if t == "i1" { "i8".to_string() } else { t.to_string() }
}

struct Loop {
    continue_label: String,
    break_label: String,
}

struct FunctionWriter<'a> {
    unit: &'a Unit,
    index: FuncIndex,
    f: &'a Function,
    is_kernel: bool,
    /// Writing for the host CPU (the JIT's optimising tier) rather than for NVPTX: errors
    /// return to the caller instead of ending a GPU thread, and math calls the C library.
    host: bool,
    out: String,
    /// Allocas, emitted in the entry block.
    entry: String,
    globals: String,
    declarations: Vec<String>,
    libdevice: Vec<&'static str>,
    callees: Vec<FuncIndex>,
    next: usize,
    /// The allocas of each TIR local, one per flattened value.
    slots: Vec<Vec<(String, &'static str)>>,
    loops: Vec<Loop>,
    /// Whether the current block already ended with a terminator.
    terminated: bool,
    /// The handler labels of the `try` statements being written, innermost last: a failure
    /// branches to the innermost instead of returning.
    handlers: Vec<String>,
    /// Accesses (by address of their `Expr` or `Stmt`) a loop precheck proved in bounds.
    proven: std::collections::HashSet<usize>,
    /// Of those, the ones whose last axis (indexed by the loop variable) is contiguous.
    unit_stride: std::collections::HashSet<usize>,
    /// Writing the checked copy of a versioned loop nest, where no loop versions again.
    in_checked_copy: bool,
    /// Alias metadata of the accesses of a check-free nest whose precheck also showed that the
    /// arrays it writes overlap no other array it touches: access key → `(!alias.scope,
    /// !noalias)` metadata numbers. LLVM then needs no run-time overlap checks of its own.
    alias: std::collections::HashMap<usize, (usize, usize)>,
    /// Metadata definitions (`!N = ...`) for the module, numbered from `next_metadata`.
    metadata: String,
    next_metadata: usize,
}

impl<'a> FunctionWriter<'a> {
    fn new(unit: &'a Unit, index: FuncIndex, f: &'a Function, is_kernel: bool, host: bool) -> FunctionWriter<'a> {
        FunctionWriter {
            unit,
            index,
            f,
            is_kernel,
            host,
            out: String::new(),
            entry: String::new(),
            globals: String::new(),
            declarations: Vec::new(),
            libdevice: Vec::new(),
            callees: Vec::new(),
            next: 0,
            slots: Vec::new(),
            loops: Vec::new(),
            terminated: false,
            handlers: Vec::new(),
            proven: std::collections::HashSet::new(),
            unit_stride: std::collections::HashSet::new(),
            in_checked_copy: false,
            alias: std::collections::HashMap::new(),
            metadata: String::new(),
            next_metadata: 1,
        }
    }

    fn fresh(&mut self, prefix: &str) -> String {
        self.next += 1;
        format!("%{prefix}{}", self.next)
    }

    fn label(&mut self, prefix: &str) -> String {
        self.next += 1;
        format!("{prefix}{}", self.next)
    }

    /// Emits one instruction; code after a terminator goes into a fresh (unreachable) block.
    fn emit(&mut self, line: impl AsRef<str>) {
        if self.terminated {
            let l = self.label("dead");
            let _ = writeln!(self.out, "{l}:");
            self.terminated = false;
        }
        let _ = writeln!(self.out, "  {}", line.as_ref());
    }

    fn value(&mut self, prefix: &str, rhs: impl AsRef<str>) -> String {
        let v = self.fresh(prefix);
        self.emit(format!("{v} = {}", rhs.as_ref()));
        v
    }

    fn terminate(&mut self, line: impl AsRef<str>) {
        self.emit(line);
        self.terminated = true;
    }

    fn start_block(&mut self, label: &str) {
        if !self.terminated {
            let _ = writeln!(self.out, "  br label %{label}");
        }
        let _ = writeln!(self.out, "{label}:");
        self.terminated = false;
    }

    fn declare(&mut self, d: String) {
        if !self.declarations.contains(&d) {
            self.declarations.push(d);
        }
    }

    fn ret_types(&self) -> Vec<&'static str> {
        flatten(&self.f.ret)
    }

    fn function(&mut self) -> R<()> {
        let sym = symbol(self.unit, self.index);
        let mut params = Vec::new();
        for l in &self.f.locals {
            let slots: Vec<(String, &'static str)> = flatten(&l.ty).into_iter().map(|t| (String::new(), t)).collect();
            self.slots.push(slots);
        }
        for local in 0..self.f.locals.len() {
            for k in 0..self.slots[local].len() {
                let t = self.slots[local][k].1;
                let name = self.fresh("slot");
                let _ = writeln!(self.entry, "  {name} = alloca {t}");
                self.slots[local][k].0 = name;
            }
        }
        let mut stores = String::new();
        for p in &self.f.params {
            for (slot, t) in self.slots[*p].clone() {
                let name = self.fresh("arg");
                if self.is_kernel && t == "i1" {
                    params.push(format!("i8 {name}"));
                    let b = self.fresh("bool");
                    let _ = writeln!(stores, "  {b} = icmp ne i8 {name}, 0\n  store i1 {b}, i1* {slot}");
                } else {
                    params.push(format!("{t} {name}"));
                    let _ = writeln!(stores, "  store {t} {name}, {t}* {slot}");
                }
            }
        }
        params.push("i64* %err".to_string());
        let rets = self.ret_types();
        let ret_ty = match rets.len() {
            0 => "void".to_string(),
            1 => rets[0].to_string(),
            _ => format!("{{ {} }}", rets.join(", ")),
        };
        let linkage = if self.is_kernel { "" } else { "internal " };
        let attributes = if self.host { " #0" } else { "" };
        let header = format!("define {linkage}{ret_ty} @{sym}({}){attributes} {{\nentry:\n", params.join(", "));
        if self.host && crate::tir::is_recursive(&self.unit.functions, self.index) {
            // Deep recursion raises RecursionError before the thread's stack runs out.
            self.declare("declare i8* @llvm.stacksave()".to_string());
            let sp = self.value("sp", "call i8* @llvm.stacksave()");
            let sp = self.value("spint", format!("ptrtoint i8* {sp} to i64"));
            let at = self.value("limitat", format!("getelementptr i64, i64* %err, i64 {RECORD_STACK_LIMIT}"));
            let limit = self.value("limit", format!("load i64, i64* {at}"));
            let low = self.value("low", format!("icmp ult i64 {sp}, {limit}"));
            let span = self.f.span;
            self.raise_if(&low, abi::ERR_RECURSION, span, None);
        }
        let body = self.f.body.clone();
        self.block(&body)?;
        if !self.terminated {
            self.return_default();
        }
        let text = format!("{header}{}{stores}  br label %body\nbody:\n{}}}\n", self.entry, self.out);
        self.out = text;
        Ok(())
    }

    /// Leaves after a failure: to the innermost `try`'s handler, else back to the caller.
    fn leave_with_error(&mut self) {
        match self.handlers.last() {
            Some(label) => {
                let label = label.clone();
                self.terminate(format!("br label %{label}"));
            }
            None => self.return_default(),
        }
    }

    fn return_default(&mut self) {
        let rets = self.ret_types();
        match rets.len() {
            0 => self.terminate("ret void"),
            _ => {
                let ty = if rets.len() == 1 { rets[0].to_string() } else { format!("{{ {} }}", rets.join(", ")) };
                self.terminate(format!("ret {ty} zeroinitializer"));
            }
        }
    }

    fn block(&mut self, body: &[Stmt]) -> R<()> {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> R<()> {
        match &s.kind {
            StmtKind::Assign { local, value } => {
                let vals = self.expr(value)?;
                for ((slot, t), v) in self.slots[*local].clone().into_iter().zip(vals) {
                    self.emit(format!("store {t} {v}, {t}* {slot}"));
                }
            }
            StmtKind::Store { array, indices, value } => {
                let Type::Array { dtype, .. } = array.ty else { return unsupported(s.span, "store into a non-array") };
                let a = self.expr(array)?;
                let idx = indices.iter().map(|i| self.scalar(i)).collect::<R<Vec<_>>>()?;
                let parts = self.expr(value)?;
                let key = s as *const Stmt as usize;
                let p = self.element_pointer(&a, &idx, dtype, s.span, key)?;
                let mt = memory_type(dtype);
                let tags = self.alias_tags(key);
                for (k, v) in parts.iter().enumerate() {
                    let m = self.to_memory(v, dtype);
                    let at = if k == 0 { p.clone() } else { self.value("part", format!("getelementptr inbounds {mt}, {mt}* {p}, i64 {k}")) };
                    self.emit(format!("store {mt} {m}, {mt}* {at}{tags}"));
                }
            }
            // `try` (see `ExprKind::Catch`): failures in the body branch to the handler, which
            // clears the record (a KeyboardInterrupt is not caught) and runs `otherwise`.
            StmtKind::If { cond: Expr { kind: ExprKind::Catch, .. }, then, otherwise } => {
                if !self.host {
                    return unsupported(s.span, "try/except is not supported in CUDA kernels");
                }
                let (catch, handle, rethrow, join) = (self.label("catch"), self.label("handle"), self.label("rethrow"), self.label("endtry"));
                self.handlers.push(catch.clone());
                self.block(then)?;
                self.handlers.pop();
                if !self.terminated {
                    self.terminate(format!("br label %{join}"));
                }
                self.start_block(&catch);
                let code = self.value("code", "load i64, i64* %err".to_string());
                let interrupted = self.value("interrupted", format!("icmp eq i64 {code}, {}", abi::ERR_INTERRUPTED));
                self.terminate(format!("br i1 {interrupted}, label %{rethrow}, label %{handle}"));
                self.start_block(&rethrow);
                self.leave_with_error();
                self.start_block(&handle);
                self.emit("store volatile i64 0, i64* %err");
                let len_at = self.value("tracelen", format!("getelementptr i64, i64* %err, i64 {RECORD_TRACE_LEN}"));
                self.emit(format!("store volatile i64 0, i64* {len_at}"));
                self.block(otherwise)?;
                if !self.terminated {
                    self.terminate(format!("br label %{join}"));
                }
                self.start_block(&join);
            }
            StmtKind::If { cond, then, otherwise } => {
                let c = self.scalar(cond)?;
                let (t, e, j) = (self.label("then"), self.label("else"), self.label("endif"));
                self.terminate(format!("br i1 {c}, label %{t}, label %{e}"));
                self.start_block(&t);
                self.block(then)?;
                if !self.terminated {
                    self.terminate(format!("br label %{j}"));
                }
                self.start_block(&e);
                self.block(otherwise)?;
                self.start_block(&j);
            }
            StmtKind::While { cond, body, orelse } => {
                let (head, b, els, end) = (self.label("while"), self.label("body"), self.label("orelse"), self.label("endwhile"));
                self.start_block(&head);
                let c = self.scalar(cond)?;
                self.terminate(format!("br i1 {c}, label %{b}, label %{els}"));
                self.start_block(&b);
                self.loops.push(Loop { continue_label: head.clone(), break_label: end.clone() });
                self.block(body)?;
                self.loops.pop();
                if !self.terminated {
                    self.terminate(format!("br label %{head}"));
                }
                self.start_block(&els);
                self.block(orelse)?;
                self.start_block(&end);
            }
            StmtKind::ForRange { var, start, stop, step, body, orelse, .. } => {
                // Python's range: the count of iterations is fixed when the loop starts.
                let a = self.scalar(start)?;
                let z = self.scalar(stop)?;
                let st = self.scalar(step)?;
                // A zero step was refused before the loop (`passes::legalize`).
                // On the host, a unit-step loop nest whose accesses a precheck proves in bounds
                // runs a copy without checks (LLVM can then vectorise it), the checked nest
                // otherwise, as the Cranelift backend does. Inside the fast copy, an inner loop
                // versions again only for what the outer check could not cover (a triangular
                // loop, say); inside the checked copy, nothing versions again.
                if self.host && !self.in_checked_copy && matches!(step.kind, ExprKind::Int(1)) {
                    if let Some(nest) = nest(*var, start, stop, body) {
                        let fresh: Vec<&Access> = nest.accesses.iter().filter(|x| !self.proven.contains(&x.key)).collect();
                        if !fresh.is_empty() {
                            let ok = self.precheck(&nest, &fresh, &a, &z)?;
                            let (ok, alias) = self.disjoint_arrays(&fresh, ok)?;
                            let (fast, slow, join) = (self.label("fast"), self.label("slow"), self.label("joined"));
                            self.terminate(format!("br i1 {ok}, label %{fast}, label %{slow}"));
                            self.start_block(&fast);
                            let keys: Vec<usize> = fresh.iter().map(|x| x.key).collect();
                            let unit: Vec<usize> = fresh.iter().filter(|x| x.walks_last_axis()).map(|x| x.key).collect();
                            self.proven.extend(keys.iter().copied());
                            self.unit_stride.extend(unit.iter().copied());
                            self.alias.extend(alias.iter().copied());
                            self.range_loop(*var, &a, &z, &st, body, orelse)?;
                            for k in keys.iter().chain(&unit) {
                                self.proven.remove(k);
                                self.unit_stride.remove(k);
                            }
                            for (k, _) in &alias {
                                self.alias.remove(k);
                            }
                            self.terminate(format!("br label %{join}"));
                            self.start_block(&slow);
                            self.in_checked_copy = true;
                            self.range_loop(*var, &a, &z, &st, body, orelse)?;
                            self.in_checked_copy = false;
                            self.start_block(&join);
                            return Ok(());
                        }
                    }
                }
                self.range_loop(*var, &a, &z, &st, body, orelse)?;
            }
            StmtKind::Break => {
                let l = self.loops.last().map(|l| l.break_label.clone()).unwrap_or_default();
                self.terminate(format!("br label %{l}"));
            }
            StmtKind::Continue => {
                let l = self.loops.last().map(|l| l.continue_label.clone()).unwrap_or_default();
                self.terminate(format!("br label %{l}"));
            }
            StmtKind::Return(v) => {
                let vals = self.expr(v)?;
                let rets = self.ret_types();
                match rets.len() {
                    0 => self.terminate("ret void"),
                    1 => self.terminate(format!("ret {} {}", rets[0], vals[0])),
                    _ => {
                        let ty = format!("{{ {} }}", rets.join(", "));
                        let mut agg = "undef".to_string();
                        for (k, (v, t)) in vals.iter().zip(&rets).enumerate() {
                            agg = self.value("ret", format!("insertvalue {ty} {agg}, {t} {v}, {k}"));
                        }
                        self.terminate(format!("ret {ty} {agg}"));
                    }
                }
            }
            StmtKind::Expr(e) => {
                self.expr(e)?;
            }
            StmtKind::Assert { cond, code, details } => {
                let c = self.scalar(cond)?;
                // A raise site's run-time arguments travel as 64-bit words in `index`/`bound`.
                let mut words = Vec::new();
                for d in details {
                    let v = self.scalar(d)?;
                    words.push(match d.ty {
                        Type::Scalar(DType::Float64) => self.value("bits", format!("bitcast double {v} to i64")),
                        Type::Scalar(DType::Float32) => {
                            let wide = self.value("wide", format!("fpext float {v} to double"));
                            self.value("bits", format!("bitcast double {wide} to i64"))
                        }
                        Type::Scalar(DType::Bool) => self.value("word", format!("zext i1 {v} to i64")),
                        _ => v,
                    });
                }
                let bad = self.value("failed", format!("xor i1 {c}, true"));
                let at = |k: usize| words.get(k).cloned().unwrap_or_else(|| "0".to_string());
                let (first, second) = (at(0), at(1));
                let detail = (!words.is_empty()).then_some((first.as_str(), words.len() as i64, second.as_str()));
                self.raise_if(&bad, *code, s.span, detail);
            }
            StmtKind::AssignArray { .. } => return unsupported(s.span, "assigning to a whole array or slice is not supported in CUDA kernels; write the elements in a loop"),
            StmtKind::ParallelFor { .. } => return unsupported(s.span, "prange is not supported in CUDA kernels"),
        }
        Ok(())
    }

    /// The loop of a `for var in range(a, z, st)` statement, ending at its own exit label.
    fn range_loop(&mut self, var: usize, a: &str, z: &str, st: &str, body: &[Stmt], orelse: &[Stmt]) -> R<()> {
        let counter = self.fresh("counter");
        let _ = writeln!(self.entry, "  {counter} = alloca i64");
        self.emit(format!("store i64 {a}, i64* {counter}"));
        let (head, b, inc, els, end) = (self.label("for"), self.label("forbody"), self.label("forinc"), self.label("forelse"), self.label("endfor"));
        self.start_block(&head);
        let i = self.value("i", format!("load i64, i64* {counter}"));
        let up = self.value("up", format!("icmp sgt i64 {st}, 0"));
        let lt = self.value("lt", format!("icmp slt i64 {i}, {z}"));
        let gt = self.value("gt", format!("icmp sgt i64 {i}, {z}"));
        let go = self.value("go", format!("select i1 {up}, i1 {lt}, i1 {gt}"));
        self.terminate(format!("br i1 {go}, label %{b}, label %{els}"));
        self.start_block(&b);
        let (slot, _) = self.slots[var][0].clone();
        self.emit(format!("store i64 {i}, i64* {slot}"));
        self.loops.push(Loop { continue_label: inc.clone(), break_label: end.clone() });
        self.block(body)?;
        self.loops.pop();
        self.start_block(&inc);
        let i2 = self.value("i", format!("load i64, i64* {counter}"));
        if st == "1" || st == "-1" {
            // i < stop (or i > stop) already, so one more step cannot overflow.
            let n = self.value("next", format!("add i64 {i2}, {st}"));
            self.emit(format!("store i64 {n}, i64* {counter}"));
            self.terminate(format!("br label %{head}"));
        } else {
            // Python's range ends where the next value would pass int64's limits.
            self.declare("declare { i64, i1 } @llvm.sadd.with.overflow.i64(i64, i64)".to_string());
            let r = self.value("step", format!("call {{ i64, i1 }} @llvm.sadd.with.overflow.i64(i64 {i2}, i64 {st})"));
            let n = self.value("next", format!("extractvalue {{ i64, i1 }} {r}, 0"));
            let over = self.value("over", format!("extractvalue {{ i64, i1 }} {r}, 1"));
            self.emit(format!("store i64 {n}, i64* {counter}"));
            self.terminate(format!("br i1 {over}, label %{els}, label %{head}"));
        }
        self.start_block(&els);
        self.block(orelse)?;
        self.start_block(&end);
        Ok(())
    }

    /// Whether every access in `fresh` is in bounds for the whole nest (or its outer loop
    /// `a..z` is empty): the condition for running the check-free copy. The extreme indices are
    /// formed in 128 bits, so no sum of bounds can wrap around into a range that looks safe.
    fn precheck(&mut self, nest: &Nest, fresh: &[&Access], a: &str, z: &str) -> R<String> {
        let empty = self.value("empty", format!("icmp sge i64 {a}, {z}"));
        let mut ranges = Vec::new();
        for (k, l) in nest.loops.iter().enumerate() {
            let (first, stop) = if k == 0 { (a.to_string(), z.to_string()) } else { (self.scalar(l.start)?, self.scalar(l.stop)?) };
            let lo = self.value("first", format!("sext i64 {first} to i128"));
            let stop = self.value("stop", format!("sext i64 {stop} to i128"));
            let hi = self.value("last", format!("sub i128 {stop}, 1"));
            ranges.push((lo, hi));
        }
        let mut ok = "true".to_string();
        for x in fresh {
            let array = self.local_values(x.array);
            // An access that walks its last axis also needs a unit stride there, so that the
            // check-free copy strides by a constant and LLVM can use plain vector loads
            // (arrays that are not contiguous take the checked copy).
            let ndim = x.indices.len();
            if let (true, Type::Array { dtype, .. }) = (x.walks_last_axis(), &self.f.locals[x.array].ty) {
                let stride = array[ndim * 2].clone();
                let unit = self.value("unit", format!("icmp eq i64 {stride}, {}", dtype.size()));
                ok = self.value("ok", format!("and i1 {ok}, {unit}"));
            }
            for (axis, index) in x.indices.iter().enumerate() {
                let (mut lo, mut hi) = (index.constant.to_string(), index.constant.to_string());
                for (e, negated) in &index.invariants {
                    let v = self.scalar(e)?;
                    let w = self.value("w", format!("sext i64 {v} to i128"));
                    let op = if *negated { "sub" } else { "add" };
                    lo = self.value("lo", format!("{op} i128 {lo}, {w}"));
                    hi = self.value("hi", format!("{op} i128 {hi}, {w}"));
                }
                for &(l, c) in &index.terms {
                    let (low_end, high_end) = if c > 0 { (&ranges[l].0, &ranges[l].1) } else { (&ranges[l].1, &ranges[l].0) };
                    let (low_end, high_end) = (low_end.clone(), high_end.clone());
                    let tl = self.value("t", format!("mul i128 {low_end}, {c}"));
                    let th = self.value("t", format!("mul i128 {high_end}, {c}"));
                    lo = self.value("lo", format!("add i128 {lo}, {tl}"));
                    hi = self.value("hi", format!("add i128 {hi}, {th}"));
                }
                let n = self.value("n", format!("sext i64 {} to i128", array[1 + axis]));
                let lo_ok = self.value("lo_ok", format!("icmp sge i128 {lo}, 0"));
                let hi_ok = self.value("hi_ok", format!("icmp slt i128 {hi}, {n}"));
                let both = self.value("both", format!("and i1 {lo_ok}, {hi_ok}"));
                ok = self.value("ok", format!("and i1 {ok}, {both}"));
            }
        }
        Ok(self.value("precheck", format!("or i1 {empty}, {ok}")))
    }

    /// Extends a nest's precheck `ok` with "no array the nest writes overlaps another array it
    /// touches", and returns the alias metadata its check-free copy may then carry. Nests that
    /// write nothing, or touch one array only, or too many to pair up, get no metadata and no
    /// extra check.
    fn disjoint_arrays(&mut self, fresh: &[&Access], ok: String) -> R<(String, Vec<(usize, (usize, usize))>)> {
        let mut arrays: Vec<usize> = Vec::new();
        let mut written: Vec<usize> = Vec::new();
        for x in fresh {
            if !arrays.contains(&x.array) {
                arrays.push(x.array);
            }
            if x.writes && !written.contains(&x.array) {
                written.push(x.array);
            }
        }
        if written.is_empty() || arrays.len() < 2 || arrays.len() > 8 {
            return Ok((ok, Vec::new()));
        }
        // Each array's bytes lie in [lo, hi): the data pointer plus the most negative and the
        // most positive offsets its strides reach, plus one element.
        let mut bounds: Vec<(String, String)> = Vec::new();
        for &array in &arrays {
            let Type::Array { dtype, ndim, .. } = &self.f.locals[array].ty else { return Ok((ok, Vec::new())) };
            let (dtype, ndim) = (*dtype, *ndim);
            let v = self.local_values(array);
            let base = self.value("base", format!("ptrtoint i8* {} to i64", v[0]));
            let (mut lo, mut hi) = (base.clone(), self.value("end", format!("add i64 {base}, {}", dtype.size())));
            for axis in 0..ndim {
                let (n, stride) = (v[1 + axis].clone(), v[1 + ndim + axis].clone());
                let last = self.value("last", format!("sub i64 {n}, 1"));
                let reach = self.value("reach", format!("mul i64 {last}, {stride}"));
                let down = self.value("down", format!("icmp slt i64 {reach}, 0"));
                let neg = self.value("neg", format!("select i1 {down}, i64 {reach}, i64 0"));
                let pos = self.value("pos", format!("select i1 {down}, i64 0, i64 {reach}"));
                lo = self.value("lo", format!("add i64 {lo}, {neg}"));
                hi = self.value("hi", format!("add i64 {hi}, {pos}"));
            }
            bounds.push((lo, hi));
        }
        let mut ok = ok;
        for i in 0..arrays.len() {
            for j in i + 1..arrays.len() {
                if !written.contains(&arrays[i]) && !written.contains(&arrays[j]) {
                    continue;
                }
                let ((lo_i, hi_i), (lo_j, hi_j)) = (bounds[i].clone(), bounds[j].clone());
                let before = self.value("before", format!("icmp ule i64 {hi_i}, {lo_j}"));
                let after = self.value("after", format!("icmp ule i64 {hi_j}, {lo_i}"));
                let apart = self.value("apart", format!("or i1 {before}, {after}"));
                ok = self.value("ok", format!("and i1 {ok}, {apart}"));
            }
        }
        // One domain per nest, one scope per array; an access is in its array's scope and does
        // not alias the others'.
        let domain = self.new_metadata();
        let _ = writeln!(self.metadata, "!{domain} = distinct !{{!{domain}, !\"rhumba loop nest\"}}");
        let scopes: Vec<usize> = arrays
            .iter()
            .map(|&a| {
                let id = self.new_metadata();
                let _ = writeln!(self.metadata, "!{id} = distinct !{{!{id}, !{domain}, !\"{}\"}}", self.f.locals[a].name.replace('"', ""));
                id
            })
            .collect();
        let mut tags = std::collections::HashMap::new();
        for (k, &a) in arrays.iter().enumerate() {
            let own = self.new_metadata();
            let _ = writeln!(self.metadata, "!{own} = !{{!{}}}", scopes[k]);
            let others: Vec<String> = scopes.iter().enumerate().filter(|(m, _)| *m != k).map(|(_, s)| format!("!{s}")).collect();
            let rest = self.new_metadata();
            let _ = writeln!(self.metadata, "!{rest} = !{{{}}}", others.join(", "));
            tags.insert(a, (own, rest));
        }
        Ok((ok, fresh.iter().map(|x| (x.key, tags[&x.array])).collect()))
    }

    fn new_metadata(&mut self) -> usize {
        self.next_metadata += 1;
        self.next_metadata - 1
    }

    /// `, !alias.scope !N, !noalias !M` for an access of a check-free nest with alias metadata.
    fn alias_tags(&self, key: usize) -> String {
        match self.alias.get(&key) {
            Some((own, rest)) => format!(", !alias.scope !{own}, !noalias !{rest}"),
            None => String::new(),
        }
    }

    /// On `cond`, records error `code` (with index details) in the launch's error record and
    /// ends the thread.
    fn raise_if(&mut self, cond: &str, code: i32, span: rhumba_grammar::Span, details: Option<(&str, i64, &str)>) {
        let (fail, ok) = (self.label("fail"), self.label("ok"));
        self.terminate(format!("br i1 {cond}, label %{fail}, label %{ok}, !prof !{{!\"branch_weights\", i32 1, i32 2000}}"));
        self.start_block(&fail);
        let claimed = self.value("claim", format!("cmpxchg i64* %err, i64 0, i64 {code} seq_cst seq_cst"));
        let won = self.value("won", format!("extractvalue {{ i64, i1 }} {claimed}, 1"));
        let (write, exit) = (self.label("record"), self.label("exit"));
        self.terminate(format!("br i1 {won}, label %{write}, label %{exit}"));
        self.start_block(&write);
        let fields: Vec<(usize, String)> = {
            let mut v = vec![(1, self.index.to_string()), (2, span.start.to_string())];
            if let Some((i, axis, n)) = details {
                v.push((3, i.to_string()));
                v.push((4, axis.to_string()));
                v.push((5, n.to_string()));
            }
            v
        };
        for (k, v) in fields {
            let p = self.value("field", format!("getelementptr i64, i64* %err, i64 {k}"));
            self.emit(format!("store volatile i64 {v}, i64* {p}"));
        }
        self.terminate(format!("br label %{exit}"));
        self.start_block(&exit);
        if self.host {
            // On the CPU the error goes back up the call chain (or to a `try`'s handler): every
            // caller checks the record.
            self.leave_with_error();
        } else {
            self.declare("declare void @llvm.nvvm.membar.gl()".to_string());
            self.emit("call void @llvm.nvvm.membar.gl()");
            self.emit("call void asm sideeffect \"exit;\", \"\"()");
            self.terminate("unreachable");
        }
        self.start_block(&ok);
    }

    /// The first slot of item `i` of the list whose header is at `l` (negative `i` counts from
    /// the end), raising `code` when it is out of range. The header is read afresh each time:
    /// an append may move the items.
    fn list_item_pointer(&mut self, l: &str, slots: usize, i: &str, code: i32, span: rhumba_grammar::Span) -> String {
        let header = self.value("header", format!("inttoptr i64 {l} to i64*"));
        let lenp = self.value("lenp", format!("getelementptr i64, i64* {header}, i64 {}", abi::list_offsets::LEN / 8));
        let n = self.value("len", format!("load i64, i64* {lenp}"));
        let neg = self.value("neg", format!("icmp slt i64 {i}, 0"));
        let wrapped = self.value("wrap", format!("add i64 {i}, {n}"));
        let k = self.value("k", format!("select i1 {neg}, i64 {wrapped}, i64 {i}"));
        let out = self.value("oob", format!("icmp uge i64 {k}, {n}"));
        self.raise_if(&out, code, span, None);
        let datap = self.value("datap", format!("getelementptr i64, i64* {header}, i64 {}", abi::list_offsets::DATA / 8));
        let data = self.value("data", format!("load i64, i64* {datap}"));
        let data = self.value("data", format!("inttoptr i64 {data} to i64*"));
        let first = self.value("first", format!("mul i64 {k}, {slots}"));
        self.value("item", format!("getelementptr i64, i64* {data}, i64 {first}"))
    }

    /// A runtime function by address, as a callee of type `ty` (a function pointer type).
    fn runtime_fn(&mut self, address: usize, ty: &str) -> String {
        self.value("fn", format!("inttoptr i64 {address} to {ty}"))
    }

    /// A dict key's parts as canonical 64-bit words in a stack buffer (bools and float32
    /// zero-extended, floats as their bits): the buffer's address and the first two words (the
    /// KeyError's arguments).
    fn key_words(&mut self, ty: &Type, parts: &[String]) -> (String, String, String) {
        let types = flatten(ty);
        let n = types.len().max(1);
        let buf = self.fresh("key");
        let _ = writeln!(self.entry, "  {buf} = alloca [{n} x i64]");
        let (mut first, mut second) = ("0".to_string(), "0".to_string());
        for (k, (t, v)) in types.iter().zip(parts).enumerate() {
            let word = self.word(t, v);
            let p = self.value("kp", format!("getelementptr [{n} x i64], [{n} x i64]* {buf}, i64 0, i64 {k}"));
            self.emit(format!("store i64 {word}, i64* {p}"));
            match k {
                0 => first = word,
                1 => second = word,
                _ => {}
            }
        }
        let address = self.value("key", format!("getelementptr [{n} x i64], [{n} x i64]* {buf}, i64 0, i64 0"));
        (address, first, second)
    }

    /// A value of type `ty` (its LLVM parts) as the 8-byte words of its slots in an object:
    /// numbers as [`Self::word`] makes them, an array as the address of a descriptor made in
    /// the arena (`rhumba_array_describe`), as the entry ABI returns one.
    fn slot_words(&mut self, ty: &Type, parts: &[String]) -> Vec<String> {
        let mut out = Vec::new();
        let mut at = 0;
        self.slot_words_into(ty, parts, &mut at, &mut out);
        out
    }

    fn slot_words_into(&mut self, ty: &Type, parts: &[String], at: &mut usize, out: &mut Vec<String>) {
        match ty {
            Type::Tuple(_) | Type::Optional(_) | Type::Complex(_) => {
                for item in ty.items().unwrap_or_default() {
                    self.slot_words_into(&item, parts, at, out);
                }
            }
            Type::Array { ndim, .. } => {
                let ndim = *ndim;
                let (data, rest) = (parts[*at].clone(), parts[*at + 1..*at + 1 + 2 * ndim].to_vec());
                *at += 1 + 2 * ndim;
                let n = ndim.max(1);
                let (shape, strides) = (self.fresh("shape"), self.fresh("strides"));
                let _ = writeln!(self.entry, "  {shape} = alloca [{n} x i64]\n  {strides} = alloca [{n} x i64]");
                for d in 0..ndim {
                    let p = self.value("sh", format!("getelementptr [{n} x i64], [{n} x i64]* {shape}, i64 0, i64 {d}"));
                    self.emit(format!("store i64 {}, i64* {p}", rest[d]));
                    let q = self.value("st", format!("getelementptr [{n} x i64], [{n} x i64]* {strides}, i64 0, i64 {d}"));
                    self.emit(format!("store i64 {}, i64* {q}", rest[ndim + d]));
                }
                let s0 = self.value("s0", format!("getelementptr [{n} x i64], [{n} x i64]* {shape}, i64 0, i64 0"));
                let t0 = self.value("t0", format!("getelementptr [{n} x i64], [{n} x i64]* {strides}, i64 0, i64 0"));
                let callee = self.runtime_fn(abi::rhumba_array_describe as *const () as usize, "i64 (i8*, i64, i64*, i64*)*");
                out.push(self.value("desc", format!("call i64 {callee}(i8* {data}, i64 {ndim}, i64* {s0}, i64* {t0})")));
            }
            _ => {
                for t in flatten(ty) {
                    let v = parts[*at].clone();
                    *at += 1;
                    out.push(self.word(t, &v));
                }
            }
        }
    }

    /// The LLVM parts of a value of type `ty` held in the object slots from `base` (an `i64*`)
    /// on: the inverse of [`Self::slot_words`], an array read from its descriptor.
    fn load_slot_value(&mut self, ty: &Type, base: &str, slot: &mut usize, out: &mut Vec<String>) {
        match ty {
            Type::Tuple(_) | Type::Optional(_) | Type::Complex(_) => {
                for item in ty.items().unwrap_or_default() {
                    self.load_slot_value(&item, base, slot, out);
                }
            }
            Type::Array { ndim, .. } => {
                let p = self.value("slot", format!("getelementptr i64, i64* {base}, i64 {slot}"));
                *slot += 1;
                let desc = self.value("desc", format!("load i64, i64* {p}"));
                let words = self.value("words", format!("inttoptr i64 {desc} to i64*"));
                let word = |this: &mut Self, k: usize| {
                    let p = this.value("w", format!("getelementptr i64, i64* {words}, i64 {k}"));
                    this.value("v", format!("load i64, i64* {p}"))
                };
                let raw = word(self, 0);
                out.push(self.value("data", format!("inttoptr i64 {raw} to i8*")));
                for k in 0..*ndim {
                    out.push(word(self, 2 + k));
                }
                for k in 0..*ndim {
                    out.push(word(self, 2 + abi::MAX_DIMS + k));
                }
            }
            _ => {
                for t in flatten(ty) {
                    let p = self.value("slot", format!("getelementptr i64, i64* {base}, i64 {slot}"));
                    *slot += 1;
                    let p = self.value("slot", format!("bitcast i64* {p} to {t}*"));
                    out.push(self.value("field", format!("load {t}, {t}* {p}")));
                }
            }
        }
    }

    /// Stores whole words (from [`Self::slot_words`]) into consecutive slots from `base` (the
    /// list ABI: every slot below a list's length is initialised).
    fn store_words(&mut self, base: &str, words: &[String]) {
        for (k, w) in words.iter().enumerate() {
            let p = self.value("slot", format!("getelementptr i64, i64* {base}, i64 {k}"));
            self.emit(format!("store i64 {w}, i64* {p}"));
        }
    }

    /// A value of machine type `t` as a 64-bit word: zero-extended, floats as their bits.
    fn word(&mut self, t: &str, v: &str) -> String {
        match t {
            "double" => self.value("w", format!("bitcast double {v} to i64")),
            "float" => {
                let bits = self.value("w", format!("bitcast float {v} to i32"));
                self.value("w", format!("zext i32 {bits} to i64"))
            }
            "i64" => v.to_string(),
            other => self.value("w", format!("zext {other} {v} to i64")),
        }
    }

    fn scalar(&mut self, e: &Expr) -> R<String> {
        let v = self.expr(e)?;
        Ok(v.into_iter().next().unwrap_or_else(|| "0".to_string()))
    }

    /// The address of `array[idx...]`, bounds-checked unless the function turned checks off.
    fn element_pointer(&mut self, a: &[String], idx: &[String], dtype: DType, span: rhumba_grammar::Span, key: usize) -> R<String> {
        let ndim = idx.len();
        let mut offset = "0".to_string();
        let proven = self.proven.contains(&key);
        for (axis, i) in idx.iter().enumerate() {
            let n = a[1 + axis].clone();
            let stride = a[1 + ndim + axis].clone();
            if proven {
                // A loop precheck showed this index in bounds and non-negative, and a last axis
                // indexed by the loop variable contiguous.
                let stride = if axis + 1 == ndim && self.unit_stride.contains(&key) { dtype.size().to_string() } else { stride };
                let term = self.value("term", format!("mul i64 {i}, {stride}"));
                offset = self.value("off", format!("add i64 {offset}, {term}"));
                continue;
            }
            let neg = self.value("neg", format!("icmp slt i64 {i}, 0"));
            let wrapped = self.value("wrap", format!("add i64 {i}, {n}"));
            let k = self.value("k", format!("select i1 {neg}, i64 {wrapped}, i64 {i}"));
            if self.f.bounds_check {
                let out = self.value("oob", format!("icmp uge i64 {k}, {n}"));
                self.raise_if(&out, abi::ERR_INDEX, span, Some((i, axis as i64, &n)));
            }
            let term = self.value("term", format!("mul i64 {k}, {stride}"));
            offset = self.value("off", format!("add i64 {offset}, {term}"));
        }
        let byte = self.value("byte", format!("getelementptr inbounds i8, i8* {}, i64 {offset}", a[0]));
        let mt = memory_type(dtype);
        Ok(self.value("elem", format!("bitcast i8* {byte} to {mt}*")))
    }

    /// `array[axes...]` as a view: the same data pointer moved to the first element, the kept
    /// axes' lengths and strides. The arithmetic is the runtime's `rhumba_array_view` (Python's
    /// `slice.indices`, an index wrapping once from the end and raising IndexError past it), done
    /// in registers, so a view taken inside a loop costs a few instructions and no allocation.
    fn view(&mut self, a: &[String], axes: &[ViewAxis], span: rhumba_grammar::Span) -> R<Vec<String>> {
        let ndim = (a.len() - 1) / 2;
        let mut offset = "0".to_string();
        let (mut shape, mut strides) = (Vec::new(), Vec::new());
        for axis in 0..ndim {
            let (len, stride) = (a[1 + axis].clone(), a[1 + ndim + axis].clone());
            let Some(spec) = axes.get(axis) else {
                shape.push(len);
                strides.push(stride);
                continue;
            };
            match spec {
                ViewAxis::At(i) => {
                    let i = self.scalar(i)?;
                    let neg = self.value("neg", format!("icmp slt i64 {i}, 0"));
                    let wrapped = self.value("wrap", format!("add i64 {i}, {len}"));
                    let k = self.value("k", format!("select i1 {neg}, i64 {wrapped}, i64 {i}"));
                    let out = self.value("oob", format!("icmp uge i64 {k}, {len}"));
                    self.raise_if(&out, abi::ERR_INDEX, span, Some((&i, axis as i64, &len)));
                    let term = self.value("term", format!("mul i64 {k}, {stride}"));
                    offset = self.value("off", format!("add i64 {offset}, {term}"));
                }
                ViewAxis::Slice { start, stop, step } => {
                    let step = match step {
                        Some(e) => self.scalar(e)?,
                        None => "1".to_string(),
                    };
                    let zero = self.value("zstep", format!("icmp eq i64 {step}, 0"));
                    self.raise_if(&zero, abi::ERR_SLICE_STEP, span, Some(("0", axis as i64, &len)));
                    let up = self.value("up", format!("icmp sgt i64 {step}, 0"));
                    let last = self.value("last", format!("add i64 {len}, -1"));
                    // Bounds clamp to [0, len] going up and to [-1, len - 1] going down.
                    let lo = self.value("lo", format!("select i1 {up}, i64 0, i64 -1"));
                    let hi = self.value("hi", format!("select i1 {up}, i64 {len}, i64 {last}"));
                    let bound = |this: &mut Self, e: &Option<Expr>, default_up: &str, default_down: &str| -> R<String> {
                        Ok(match e {
                            None => this.value("dflt", format!("select i1 {up}, i64 {default_up}, i64 {default_down}")),
                            Some(e) => {
                                let v = this.scalar(e)?;
                                let neg = this.value("neg", format!("icmp slt i64 {v}, 0"));
                                let from_end = this.value("fromend", format!("add i64 {v}, {len}"));
                                let below = this.value("below", format!("icmp slt i64 {from_end}, {lo}"));
                                let raised = this.value("raised", format!("select i1 {below}, i64 {lo}, i64 {from_end}"));
                                let above = this.value("above", format!("icmp sgt i64 {v}, {hi}"));
                                let lowered = this.value("lowered", format!("select i1 {above}, i64 {hi}, i64 {v}"));
                                this.value("clamped", format!("select i1 {neg}, i64 {raised}, i64 {lowered}"))
                            }
                        })
                    };
                    let first = bound(self, start, "0", &last)?;
                    let end = bound(self, stop, &len, "-1")?;
                    // count = max(0, ceil(distance / |step|)); truncating division is enough, as
                    // a negative numerator ends at zero either way.
                    let span_up = self.value("dist", format!("sub i64 {end}, {first}"));
                    let span_down = self.value("dist", format!("sub i64 {first}, {end}"));
                    let dist = self.value("dist", format!("select i1 {up}, i64 {span_up}, i64 {span_down}"));
                    let neg_step = self.value("negstep", format!("sub i64 0, {step}"));
                    let size = self.value("size", format!("select i1 {up}, i64 {step}, i64 {neg_step}"));
                    let num = self.value("num", format!("add i64 {dist}, {size}"));
                    let num = self.value("num", format!("add i64 {num}, -1"));
                    let q = self.value("q", format!("sdiv i64 {num}, {size}"));
                    let positive = self.value("pos", format!("icmp sgt i64 {q}, 0"));
                    let count = self.value("count", format!("select i1 {positive}, i64 {q}, i64 0"));
                    let term = self.value("term", format!("mul i64 {first}, {stride}"));
                    let moved = self.value("moved", format!("select i1 {positive}, i64 {term}, i64 0"));
                    offset = self.value("off", format!("add i64 {offset}, {moved}"));
                    shape.push(count);
                    strides.push(self.value("stride", format!("mul i64 {stride}, {step}")));
                }
            }
        }
        let mut out = vec![self.value("data", format!("getelementptr i8, i8* {}, i64 {offset}", a[0]))];
        out.extend(shape);
        out.extend(strides);
        Ok(out)
    }

    /// A new array on the host: `rhumba_array_new` (called by address: the writer runs in the
    /// process that runs the code) allocates it in the thread's arena, as Cranelift's code does,
    /// and its descriptor is read into the array's values (data, shape, strides). A fill value
    /// is stored element by element into the fresh, contiguous buffer.
    fn new_array(&mut self, dtype: DType, shape: &[Expr], fill: Option<&Expr>, span: rhumba_grammar::Span) -> R<Vec<String>> {
        let dims = shape.iter().map(|s| self.scalar(s)).collect::<R<Vec<_>>>()?;
        let n = dims.len().max(1);
        let buf = self.fresh("dims");
        let _ = writeln!(self.entry, "  {buf} = alloca [{n} x i64]");
        for (k, d) in dims.iter().enumerate() {
            let p = self.value("dimp", format!("getelementptr [{n} x i64], [{n} x i64]* {buf}, i64 0, i64 {k}"));
            self.emit(format!("store i64 {d}, i64* {p}"));
        }
        let first = self.value("dims", format!("getelementptr [{n} x i64], [{n} x i64]* {buf}, i64 0, i64 0"));
        let address = rhumba_runtime::abi::rhumba_array_new_checked as *const () as usize;
        let callee = self.value("new", format!("inttoptr i64 {address} to i64 (i64, i64, i64*)*"));
        let code = rhumba_runtime::abi::dtype_code(dtype);
        // The runtime answers a descriptor, or minus the error code for Numba's exception.
        let desc = self.value("desc", format!("call i64 {callee}(i64 {code}, i64 {}, i64* {first})", dims.len()));
        for err in [abi::ERR_SHAPE, abi::ERR_ARRAY_TOO_BIG, abi::ERR_ALLOCATION] {
            let failed = self.value("failed", format!("icmp eq i64 {desc}, {}", -(err as i64)));
            self.raise_if(&failed, err, span, None);
        }
        let words = self.value("words", format!("inttoptr i64 {desc} to i64*"));
        let word = |this: &mut Self, k: usize| {
            let p = this.value("w", format!("getelementptr i64, i64* {words}, i64 {k}"));
            this.value("v", format!("load i64, i64* {p}"))
        };
        let raw = word(self, 0);
        let data = self.value("data", format!("inttoptr i64 {raw} to i8*"));
        let mut values = vec![data.clone()];
        for k in 0..dims.len() {
            values.push(word(self, 2 + k));
        }
        for k in 0..dims.len() {
            values.push(word(self, 2 + abi::MAX_DIMS + k));
        }
        if let Some(fill) = fill {
            // One value per part (two for a complex dtype), stored at consecutive slots.
            let parts = self.expr(fill)?;
            let stored: Vec<String> = parts.iter().map(|v| self.to_memory(v, dtype)).collect();
            let per = parts_per_element(dtype);
            let mt = memory_type(dtype);
            let mut total = "1".to_string();
            for d in &dims {
                total = self.value("count", format!("mul i64 {total}, {d}"));
            }
            let typed = self.value("elems", format!("bitcast i8* {data} to {mt}*"));
            let counter = self.fresh("fill");
            let _ = writeln!(self.entry, "  {counter} = alloca i64");
            self.emit(format!("store i64 0, i64* {counter}"));
            let (head, body, done) = (self.label("fill"), self.label("fillbody"), self.label("filled"));
            self.terminate(format!("br label %{head}"));
            self.start_block(&head);
            let i = self.value("i", format!("load i64, i64* {counter}"));
            let more = self.value("more", format!("icmp slt i64 {i}, {total}"));
            self.terminate(format!("br i1 {more}, label %{body}, label %{done}"));
            self.start_block(&body);
            let base = self.value("slot", format!("mul i64 {i}, {per}"));
            for (k, m) in stored.iter().enumerate() {
                let at = self.value("slotk", format!("add i64 {base}, {k}"));
                let p = self.value("at", format!("getelementptr {mt}, {mt}* {typed}, i64 {at}"));
                self.emit(format!("store {mt} {m}, {mt}* {p}"));
            }
            let next = self.value("next", format!("add i64 {i}, 1"));
            self.emit(format!("store i64 {next}, i64* {counter}"));
            self.terminate(format!("br label %{head}"));
            self.start_block(&done);
        }
        Ok(values)
    }

    fn to_memory(&mut self, v: &str, d: DType) -> String {
        match d {
            DType::Bool => self.value("b", format!("zext i1 {v} to i8")),
            DType::Int8 | DType::UInt8 | DType::Int16 | DType::UInt16 | DType::Int32 | DType::UInt32 => {
                let mt = memory_type(d);
                self.value("t", format!("trunc i64 {v} to {mt}"))
            }
            _ => v.to_string(),
        }
    }

    fn from_memory(&mut self, v: &str, d: DType) -> String {
        let mt = memory_type(d);
        match d {
            DType::Bool => self.value("b", format!("icmp ne i8 {v}, 0")),
            DType::Int8 | DType::Int16 | DType::Int32 => self.value("s", format!("sext {mt} {v} to i64")),
            DType::UInt8 | DType::UInt16 | DType::UInt32 => self.value("z", format!("zext {mt} {v} to i64")),
            _ => v.to_string(),
        }
    }

    fn index_intrinsic(&mut self, dim: CudaDim, axis: usize) -> String {
        let reg = match dim {
            CudaDim::ThreadIdx => "tid",
            CudaDim::BlockIdx => "ctaid",
            CudaDim::BlockDim => "ntid",
            CudaDim::GridDim => "nctaid",
        };
        let name = format!("llvm.nvvm.read.ptx.sreg.{reg}.{}", ["x", "y", "z"][axis]);
        self.declare(format!("declare i32 @{name}()"));
        let v = self.value("sreg", format!("call i32 @{name}()"));
        self.value("idx", format!("zext i32 {v} to i64"))
    }

    /// The current values of a local (an array: data pointer, shape, strides), loaded from its
    /// slots.
    fn local_values(&mut self, local: usize) -> Vec<String> {
        let mut out = Vec::new();
        for (slot, t) in self.slots[local].clone() {
            out.push(self.value("v", format!("load {t}, {t}* {slot}")));
        }
        out
    }

    fn expr(&mut self, e: &Expr) -> R<Vec<String>> {
        let one = |v: String| Ok(vec![v]);
        match &e.kind {
            ExprKind::Local(l) => Ok(self.local_values(*l)),
            ExprKind::Int(v) => match e.ty {
                Type::Scalar(DType::Float64 | DType::Float32) => one(float_literal(*v as f64, &e.ty)),
                Type::Scalar(DType::Bool) => one(if *v != 0 { "true".into() } else { "false".into() }),
                _ => one(v.to_string()),
            },
            ExprKind::Float(v) => one(float_literal(*v, &e.ty)),
            ExprKind::Bool(b) => one(b.to_string()),
            ExprKind::Binary { op, lhs, rhs } => {
                let (a, b) = (self.scalar(lhs)?, self.scalar(rhs)?);
                one(self.binary(*op, &a, &b, &e.ty, e.span)?)
            }
            ExprKind::Compare { op, lhs, rhs } => {
                let (a, b) = (self.scalar(lhs)?, self.scalar(rhs)?);
                let float = matches!(lhs.ty, Type::Scalar(d) if d.is_float());
                let t = flatten(&lhs.ty).first().copied().unwrap_or("i64");
                let pred = match (op, float) {
                    (CmpOp::Eq, false) => "icmp eq",
                    (CmpOp::Ne, false) => "icmp ne",
                    (CmpOp::Lt, false) => "icmp slt",
                    (CmpOp::Le, false) => "icmp sle",
                    (CmpOp::Gt, false) => "icmp sgt",
                    (CmpOp::Ge, false) => "icmp sge",
                    (CmpOp::Eq, true) => "fcmp oeq",
                    (CmpOp::Ne, true) => "fcmp une",
                    (CmpOp::Lt, true) => "fcmp olt",
                    (CmpOp::Le, true) => "fcmp ole",
                    (CmpOp::Gt, true) => "fcmp ogt",
                    (CmpOp::Ge, true) => "fcmp oge",
                };
                one(self.value("cmp", format!("{pred} {t} {a}, {b}")))
            }
            ExprKind::Unary { op, operand } => {
                let a = self.scalar(operand)?;
                let t = flatten(&e.ty).first().copied().unwrap_or("i64");
                let float = t == "double" || t == "float";
                one(match (op, float) {
                    (UnOp::Neg, true) => self.value("neg", format!("fneg {t} {a}")),
                    (UnOp::Neg, false) => self.value("neg", format!("sub i64 0, {a}")),
                    (UnOp::Not, _) => self.value("not", format!("xor i1 {a}, true")),
                    (UnOp::Invert, _) => self.value("inv", format!("xor i64 {a}, -1")),
                    (UnOp::Abs, true) => {
                        let name = format!("llvm.fabs.{}", if t == "double" { "f64" } else { "f32" });
                        self.declare(format!("declare {t} @{name}({t})"));
                        self.value("abs", format!("call {t} @{name}({t} {a})"))
                    }
                    (UnOp::Abs, false) => {
                        let neg = self.value("neg", format!("sub i64 0, {a}"));
                        let lt = self.value("lt", format!("icmp slt i64 {a}, 0"));
                        self.value("abs", format!("select i1 {lt}, i64 {neg}, i64 {a}"))
                    }
                })
            }
            ExprKind::Logic { and, lhs, rhs } => {
                // Short-circuit through a temporary, as Python evaluates `rhs` only when needed.
                let tmp = self.fresh("logic");
                let _ = writeln!(self.entry, "  {tmp} = alloca i1");
                let a = self.scalar(lhs)?;
                self.emit(format!("store i1 {a}, i1* {tmp}"));
                let (more, done) = (self.label("rhs"), self.label("logicend"));
                let branch = if *and { format!("br i1 {a}, label %{more}, label %{done}") } else { format!("br i1 {a}, label %{done}, label %{more}") };
                self.terminate(branch);
                self.start_block(&more);
                let b = self.scalar(rhs)?;
                self.emit(format!("store i1 {b}, i1* {tmp}"));
                self.start_block(&done);
                one(self.value("logic", format!("load i1, i1* {tmp}")))
            }
            ExprKind::Let { local, value, body } => {
                let vals = self.expr(value)?;
                for ((slot, t), v) in self.slots[*local].clone().into_iter().zip(vals) {
                    self.emit(format!("store {t} {v}, {t}* {slot}"));
                }
                self.expr(body)
            }
            ExprKind::Guard { fail, code, value } => {
                let failed = self.scalar(fail)?;
                self.raise_if(&failed, *code, e.span, None);
                self.expr(value)
            }
            ExprKind::Select { cond, then, otherwise } => {
                let types = flatten(&e.ty);
                let tmps: Vec<String> = types
                    .iter()
                    .map(|t| {
                        let tmp = self.fresh("sel");
                        let _ = writeln!(self.entry, "  {tmp} = alloca {t}");
                        tmp
                    })
                    .collect();
                let c = self.scalar(cond)?;
                let (tl, el, end) = (self.label("selthen"), self.label("selelse"), self.label("selend"));
                self.terminate(format!("br i1 {c}, label %{tl}, label %{el}"));
                for (label, branch) in [(&tl, then), (&el, otherwise)] {
                    self.start_block(label);
                    let vals = self.expr(branch)?;
                    for ((tmp, t), v) in tmps.iter().zip(&types).zip(vals) {
                        self.emit(format!("store {t} {v}, {t}* {tmp}"));
                    }
                    self.terminate(format!("br label %{end}"));
                }
                self.start_block(&end);
                let mut out = Vec::new();
                for (tmp, t) in tmps.iter().zip(&types) {
                    out.push(self.value("sel", format!("load {t}, {t}* {tmp}")));
                }
                Ok(out)
            }
            // An array retyped to a wider layout: the same parts.
            ExprKind::Cast(v) if matches!((&v.ty, &e.ty), (Type::Array { .. }, Type::Array { .. })) => self.expr(v),
            // complex64 <-> complex128: part by part.
            ExprKind::Cast(v) if matches!((&v.ty, &e.ty), (Type::Complex(_), Type::Complex(_))) => {
                let parts = self.expr(v)?;
                let (from, to) = match (&v.ty, &e.ty) {
                    (Type::Complex(f), Type::Complex(t)) => (f.part(), t.part()),
                    _ => unreachable!("matched above"),
                };
                Ok(parts
                    .into_iter()
                    .map(|p| match (from, to) {
                        (DType::Float32, DType::Float64) => self.value("cvt", format!("fpext float {p} to double")),
                        (DType::Float64, DType::Float32) => self.value("cvt", format!("fptrunc double {p} to float")),
                        _ => p,
                    })
                    .collect())
            }
            ExprKind::Cast(v) => {
                let a = self.scalar(v)?;
                let (Type::Scalar(from), Type::Scalar(to)) = (&v.ty, &e.ty) else { return unsupported(e.span, "a conversion between non-scalars") };
                let (ft, tt) = (scalar_type(*from), scalar_type(*to));
                one(match (ft, tt) {
                    (x, y) if x == y => a,
                    ("i64", "double" | "float") => self.value("cvt", format!("sitofp i64 {a} to {tt}")),
                    ("double" | "float", "i64") => self.value("cvt", format!("fptosi {ft} {a} to i64")),
                    ("float", "double") => self.value("cvt", format!("fpext float {a} to double")),
                    ("double", "float") => self.value("cvt", format!("fptrunc double {a} to float")),
                    ("i1", "i64") => self.value("cvt", format!("zext i1 {a} to i64")),
                    ("i1", "double" | "float") => self.value("cvt", format!("uitofp i1 {a} to {tt}")),
                    ("i64", "i1") => self.value("cvt", format!("icmp ne i64 {a}, 0")),
                    ("double" | "float", "i1") => self.value("cvt", format!("fcmp une {ft} {a}, 0.0")),
                    _ => return unsupported(e.span, format!("conversion from {from} to {to}")),
                })
            }
            // The interrupt poll: on the host a volatile load of the runtime's flag (the writer
            // runs in the process that will run the code; volatile, so it is read every time);
            // on a GPU nothing interrupts a kernel, so the poll is a constant zero.
            ExprKind::Math { func: MathFn::Runtime("rhumba_interrupted", ..), .. } => {
                if !self.host {
                    return Ok(vec!["0".to_string()]);
                }
                let address = rhumba_runtime::abi::interrupt_flag_address();
                let flag = self.value("flag", format!("inttoptr i64 {address} to i8*"));
                let byte = self.value("poll", format!("load volatile i8, i8* {flag}, align 1"));
                one(self.value("interrupted", format!("zext i8 {byte} to i64")))
            }
            ExprKind::Math { func: MathFn::Runtime("rhumba_powi", ..), args } => {
                let (x, n) = (self.scalar(&args[0])?, self.scalar(&args[1])?);
                one(self.powi(&x, &n))
            }
            // Any other runtime function, on the host: called by its address in the runtime's
            // symbol table (the writer runs in the process that runs the code). A bool goes
            // as the byte the C ABI passes.
            ExprKind::Math { func: MathFn::Runtime(symbol, params, ret), args } if self.host && !matches!(ret, Some(DType::Bool)) => {
                let Some(address) = rhumba_runtime::symbols::table().into_iter().find(|(name, _)| name == symbol).map(|(_, a)| a as usize) else {
                    return unsupported(e.span, format!("the runtime has no function `{symbol}`"));
                };
                let mut typed = Vec::new();
                let mut args_text = Vec::new();
                for (a, d) in args.iter().zip(params.iter()) {
                    let v = self.scalar(a)?;
                    let (t, v) = match d {
                        DType::Bool => ("i8", self.value("byte", format!("zext i1 {v} to i8"))),
                        other => (scalar_type(*other), v),
                    };
                    typed.push(t);
                    args_text.push(format!("{t} {v}"));
                }
                let rt = ret.map_or("void", scalar_type);
                let callee = self.runtime_fn(address, &format!("{rt} ({})*", typed.join(", ")));
                let call = format!("call {rt} {callee}({})", args_text.join(", "));
                match ret {
                    None => {
                        self.emit(call);
                        Ok(vec![])
                    }
                    Some(_) => one(self.value("rt", call)),
                }
            }
            // Rust's own inverse hyperbolic functions (not the C library's, whose last bits can
            // differ), called by address as Cranelift's code calls them, so both tiers agree.
            ExprKind::Math { func: MathFn::Extern(symbol @ ("rhumba_asinh" | "rhumba_acosh" | "rhumba_atanh"), _), args } if self.host => {
                let Some(address) = rhumba_runtime::symbols::table().into_iter().find(|(name, _)| name == symbol).map(|(_, a)| a as usize) else {
                    return unsupported(e.span, format!("the runtime has no function `{symbol}`"));
                };
                let x = self.scalar(&args[0])?;
                let callee = self.runtime_fn(address, "double (double)*");
                one(self.value("math", format!("call double {callee}(double {x})")))
            }
            ExprKind::Math { func, args } => {
                let vals = args.iter().map(|a| self.scalar(a)).collect::<R<Vec<_>>>()?;
                let t = flatten(&e.ty).first().copied().unwrap_or("double");
                let suffix = if t == "float" { "f32" } else { "f64" };
                let intrinsic = |name: &str| format!("llvm.{name}.{suffix}");
                let name = match func {
                    MathFn::Sqrt => intrinsic("sqrt"),
                    MathFn::Floor => intrinsic("floor"),
                    MathFn::Ceil => intrinsic("ceil"),
                    MathFn::Trunc => intrinsic("trunc"),
                    MathFn::Fabs => intrinsic("fabs"),
                    MathFn::Round => intrinsic("rint"),
                    MathFn::Extern(symbol, _) if self.host => match libdevice_name(symbol) {
                        // The C library's function of the same name (libdevice's without `__nv_`).
                        Some(n) => n.trim_start_matches("__nv_").to_string(),
                        None => return unsupported(e.span, format!("the math function behind `{symbol}` has no C library version")),
                    },
                    MathFn::Extern(symbol, _) => match libdevice_name(symbol) {
                        Some(n) => {
                            if !self.libdevice.contains(&n) {
                                self.libdevice.push(n);
                            }
                            n.to_string()
                        }
                        None => return unsupported(e.span, format!("the math function behind `{symbol}` has no GPU version")),
                    },
                    MathFn::Runtime(symbol, _, _) => return unsupported(e.span, format!("`{}` is not available in CUDA kernels", symbol.trim_start_matches("rhumba_"))),
                };
                let params: Vec<String> = vals.iter().map(|_| t.to_string()).collect();
                self.declare(format!("declare {t} @{name}({})", params.join(", ")));
                let args: Vec<String> = vals.iter().map(|v| format!("{t} {v}")).collect();
                one(self.value("math", format!("call {t} @{name}({})", args.join(", "))))
            }
            ExprKind::Load { array, indices } => {
                let Type::Array { dtype, .. } = array.ty else { return unsupported(e.span, "load from a non-array") };
                let a = self.expr(array)?;
                let idx = indices.iter().map(|i| self.scalar(i)).collect::<R<Vec<_>>>()?;
                let key = e as *const Expr as usize;
                let p = self.element_pointer(&a, &idx, dtype, e.span, key)?;
                let mt = memory_type(dtype);
                let tags = self.alias_tags(key);
                let mut parts = Vec::new();
                for k in 0..parts_per_element(dtype) {
                    let at = if k == 0 { p.clone() } else { self.value("part", format!("getelementptr inbounds {mt}, {mt}* {p}, i64 {k}")) };
                    let raw = self.value("ld", format!("load {mt}, {mt}* {at}{tags}"));
                    parts.push(self.from_memory(&raw, dtype));
                }
                Ok(parts)
            }
            ExprKind::Dim { array, axis } => {
                let a = self.expr(array)?;
                one(a[1 + axis].clone())
            }
            ExprKind::Call { func, args } => {
                let mut vals = Vec::new();
                for a in args {
                    let types = flatten(&a.ty);
                    for (v, t) in self.expr(a)?.into_iter().zip(types) {
                        vals.push(format!("{t} {v}"));
                    }
                }
                vals.push("i64* %err".to_string());
                if !self.callees.contains(func) {
                    self.callees.push(*func);
                }
                let sym = symbol(self.unit, *func);
                let rets = flatten(&e.ty);
                let results = match rets.len() {
                    0 => {
                        self.emit(format!("call void @{sym}({})", vals.join(", ")));
                        vec![]
                    }
                    1 => vec![self.value("call", format!("call {} @{sym}({})", rets[0], vals.join(", ")))],
                    _ => {
                        let ty = format!("{{ {} }}", rets.join(", "));
                        let agg = self.value("call", format!("call {ty} @{sym}({})", vals.join(", ")));
                        (0..rets.len()).map(|k| self.value("part", format!("extractvalue {ty} {agg}, {k}"))).collect()
                    }
                };
                if self.host {
                    // The callee may have failed: add this call to the record's trace (while it
                    // has room, as Cranelift's code does) and leave too.
                    let code = self.value("code", "load i64, i64* %err");
                    let failed = self.value("failed", format!("icmp ne i64 {code}, 0"));
                    let (out, on) = (self.label("propagate"), self.label("called"));
                    self.terminate(format!("br i1 {failed}, label %{out}, label %{on}"));
                    self.start_block(&out);
                    let len_at = self.value("tracelen", format!("getelementptr i64, i64* %err, i64 {RECORD_TRACE_LEN}"));
                    let len = self.value("len", format!("load i64, i64* {len_at}"));
                    let room = self.value("room", format!("icmp slt i64 {len}, {}", abi::MAX_TRACE));
                    let (record, leave) = (self.label("trace"), self.label("leave"));
                    self.terminate(format!("br i1 {room}, label %{record}, label %{leave}"));
                    self.start_block(&record);
                    let pair = self.value("pair", format!("mul i64 {len}, 2"));
                    let at = self.value("at", format!("add i64 {pair}, {RECORD_TRACE}"));
                    let func_at = self.value("tracefn", format!("getelementptr i64, i64* %err, i64 {at}"));
                    self.emit(format!("store i64 {}, i64* {func_at}", self.index));
                    let off_at = self.value("traceoff", format!("getelementptr i64, i64* {func_at}, i64 1"));
                    self.emit(format!("store i64 {}, i64* {off_at}", e.span.start));
                    let next = self.value("next", format!("add i64 {len}, 1"));
                    self.emit(format!("store i64 {next}, i64* {len_at}"));
                    self.terminate(format!("br label %{leave}"));
                    self.start_block(&leave);
                    self.leave_with_error();
                    self.start_block(&on);
                }
                Ok(results)
            }
            ExprKind::Tuple(items) => {
                let mut out = Vec::new();
                for i in items {
                    out.extend(self.expr(i)?);
                }
                Ok(out)
            }
            ExprKind::TupleGet { tuple, index } => {
                let Some(items) = tuple.ty.items() else { return unsupported(e.span, "indexing a non-tuple") };
                let all = self.expr(tuple)?;
                let start: usize = items[..*index].iter().map(|t| flatten(t).len()).sum();
                Ok(all[start..start + flatten(&items[*index]).len()].to_vec())
            }
            ExprKind::NewArray { dtype, shape, fill } if self.host => self.new_array(*dtype, shape, fill.as_deref(), e.span),
            ExprKind::Catch => Ok(vec!["true".to_string()]),
            ExprKind::ListNew | ExprKind::ListLen(_) | ExprKind::ListGet { .. } | ExprKind::ListSet { .. } | ExprKind::ListPush { .. } | ExprKind::ListTruncate { .. } if !self.host => {
                unsupported(e.span, "lists are not available in CUDA kernels")
            }
            ExprKind::DictNew | ExprKind::DictLen(_) | ExprKind::DictGet { .. } | ExprKind::DictContains { .. } | ExprKind::DictSet { .. } | ExprKind::DictDelete { .. } | ExprKind::DictEntry { .. } if !self.host => {
                unsupported(e.span, "dicts are not available in CUDA kernels")
            }
            ExprKind::ObjectNew(_) | ExprKind::FieldGet { .. } | ExprKind::FieldSet { .. } if !self.host => unsupported(e.span, "jitclass instances are not available in CUDA kernels"),
            ExprKind::ObjectNew(fields) => {
                let mut words = Vec::new();
                for x in fields {
                    let parts = self.expr(x)?;
                    words.extend(self.slot_words(&x.ty, &parts));
                }
                let callee = self.runtime_fn(rhumba_runtime::abi::rhumba_object_new as *const () as usize, "i64 (i64)*");
                let object = self.value("object", format!("call i64 {callee}(i64 {})", words.len().max(1)));
                let null = self.value("null", format!("icmp eq i64 {object}, 0"));
                self.raise_if(&null, abi::ERR_ALLOCATION, e.span, None);
                let base = self.value("fields", format!("inttoptr i64 {object} to i64*"));
                for (k, w) in words.iter().enumerate() {
                    let p = self.value("slot", format!("getelementptr i64, i64* {base}, i64 {k}"));
                    self.emit(format!("store i64 {w}, i64* {p}"));
                }
                one(object)
            }
            ExprKind::FieldGet { object, slot } => {
                let o = self.scalar(object)?;
                let base = self.value("fields", format!("inttoptr i64 {o} to i64*"));
                let mut out = Vec::new();
                let mut at = *slot;
                self.load_slot_value(&e.ty, &base, &mut at, &mut out);
                Ok(out)
            }
            ExprKind::FieldSet { object, slot, value } => {
                let o = self.scalar(object)?;
                let parts = self.expr(value)?;
                let words = self.slot_words(&value.ty, &parts);
                let base = self.value("fields", format!("inttoptr i64 {o} to i64*"));
                for (k, w) in words.iter().enumerate() {
                    let p = self.value("slot", format!("getelementptr i64, i64* {base}, i64 {}", slot + k));
                    self.emit(format!("store i64 {w}, i64* {p}"));
                }
                Ok(vec![])
            }
            ExprKind::DictNew => {
                let (key, value) = match &e.ty {
                    Type::Dict { key: Some(k), value: Some(v) } => ((**k).clone(), (**v).clone()),
                    _ => (Type::None, Type::None),
                };
                let callee = self.runtime_fn(rhumba_runtime::abi::rhumba_dict_new as *const () as usize, "i64 (i64, i64, i64)*");
                one(self.value("dict", format!("call i64 {callee}(i64 {}, i64 {}, i64 {})", slot_count(&key), slot_count(&value), (key == Type::Str) as i64)))
            }
            ExprKind::DictLen(d) => {
                let d = self.scalar(d)?;
                let callee = self.runtime_fn(rhumba_runtime::abi::rhumba_dict_len as *const () as usize, "i64 (i64)*");
                one(self.value("len", format!("call i64 {callee}(i64 {d})")))
            }
            ExprKind::DictGet { dict, key, code } => {
                let d = self.scalar(dict)?;
                let parts = self.expr(key)?;
                let (words, first, second) = self.key_words(&key.ty, &parts);
                let callee = self.runtime_fn(rhumba_runtime::abi::rhumba_dict_find as *const () as usize, "i64* (i64, i64*)*");
                let entry = self.value("entry", format!("call i64* {callee}(i64 {d}, i64* {words})"));
                let missing = self.value("missing", format!("icmp eq i64* {entry}, null"));
                self.raise_if(&missing, *code, e.span, Some((&first, 0, &second)));
                let base = self.value("value", format!("getelementptr i64, i64* {entry}, i64 {}", abi::DICT_VALUE_OFFSET / 8));
                let mut out = Vec::new();
                self.load_slot_value(&e.ty, &base, &mut 0, &mut out);
                Ok(out)
            }
            ExprKind::DictContains { dict, key } => {
                let d = self.scalar(dict)?;
                let parts = self.expr(key)?;
                let (words, ..) = self.key_words(&key.ty, &parts);
                let callee = self.runtime_fn(rhumba_runtime::abi::rhumba_dict_find as *const () as usize, "i64* (i64, i64*)*");
                let entry = self.value("entry", format!("call i64* {callee}(i64 {d}, i64* {words})"));
                one(self.value("found", format!("icmp ne i64* {entry}, null")))
            }
            ExprKind::DictSet { dict, key, value } => {
                let d = self.scalar(dict)?;
                let parts = self.expr(key)?;
                let vals = self.expr(value)?;
                let (words, ..) = self.key_words(&key.ty, &parts);
                let callee = self.runtime_fn(rhumba_runtime::abi::rhumba_dict_insert as *const () as usize, "i64* (i64, i64*)*");
                let entry = self.value("entry", format!("call i64* {callee}(i64 {d}, i64* {words})"));
                let base = self.value("value", format!("getelementptr i64, i64* {entry}, i64 {}", abi::DICT_VALUE_OFFSET / 8));
                let words = self.slot_words(&value.ty, &vals);
                self.store_words(&base, &words);
                Ok(vec![])
            }
            ExprKind::DictDelete { dict, key, code } => {
                let d = self.scalar(dict)?;
                let parts = self.expr(key)?;
                let (words, first, second) = self.key_words(&key.ty, &parts);
                let callee = self.runtime_fn(rhumba_runtime::abi::rhumba_dict_remove as *const () as usize, "i64 (i64, i64*)*");
                let found = self.value("found", format!("call i64 {callee}(i64 {d}, i64* {words})"));
                let missing = self.value("missing", format!("icmp eq i64 {found}, 0"));
                self.raise_if(&missing, *code, e.span, Some((&first, 0, &second)));
                Ok(vec![])
            }
            ExprKind::DictEntry { dict, index, value } => {
                let d = self.scalar(dict)?;
                let i = self.scalar(index)?;
                let callee = self.runtime_fn(rhumba_runtime::abi::rhumba_dict_entry as *const () as usize, "i64* (i64, i64)*");
                let entry = self.value("entry", format!("call i64* {callee}(i64 {d}, i64 {i})"));
                let missing = self.value("missing", format!("icmp eq i64* {entry}, null"));
                self.raise_if(&missing, abi::ERR_DICT_CHANGED, e.span, None);
                let base = if *value { self.value("value", format!("getelementptr i64, i64* {entry}, i64 {}", abi::DICT_VALUE_OFFSET / 8)) } else { entry };
                let mut out = Vec::new();
                self.load_slot_value(&e.ty, &base, &mut 0, &mut out);
                Ok(out)
            }
            ExprKind::ListNew => {
                let slots = e.ty.list_item().map_or(1, slot_count);
                let address = rhumba_runtime::abi::rhumba_list_new as *const () as usize;
                let callee = self.value("listnew", format!("inttoptr i64 {address} to i64 (i64)*"));
                one(self.value("list", format!("call i64 {callee}(i64 {slots})")))
            }
            ExprKind::ListLen(list) => {
                let l = self.scalar(list)?;
                let p = self.value("lenp", format!("inttoptr i64 {l} to i64*"));
                let p = self.value("lenp", format!("getelementptr i64, i64* {p}, i64 {}", abi::list_offsets::LEN / 8));
                one(self.value("len", format!("load i64, i64* {p}")))
            }
            ExprKind::ListGet { list, index } => {
                // An item's slots: an array item is the address of a descriptor (this tier
                // holds an array as its parts, so it reads them from there).
                let item = list.ty.list_item().cloned().unwrap_or(Type::None);
                let code = match list.ty {
                    Type::List { typed: true, .. } => abi::ERR_TYPED_LIST_INDEX,
                    Type::Str => abi::ERR_STR_INDEX,
                    _ => abi::ERR_LIST_GET,
                };
                let l = self.scalar(list)?;
                let i = self.scalar(index)?;
                let base = self.list_item_pointer(&l, slot_count(&item), &i, code, e.span);
                let mut out = Vec::new();
                self.load_slot_value(&item, &base, &mut 0, &mut out);
                Ok(out)
            }
            ExprKind::ListSet { list, index, value } => {
                let item = list.ty.list_item().cloned().unwrap_or(Type::None);
                let code = if matches!(list.ty, Type::List { typed: true, .. }) { abi::ERR_TYPED_LIST_INDEX } else { abi::ERR_LIST_SET };
                let l = self.scalar(list)?;
                let i = self.scalar(index)?;
                let vals = self.expr(value)?;
                let words = self.slot_words(&item, &vals);
                let base = self.list_item_pointer(&l, words.len(), &i, code, e.span);
                self.store_words(&base, &words);
                Ok(vec![])
            }
            ExprKind::ListPush { list, value } => {
                let item = list.ty.list_item().cloned().unwrap_or(Type::None);
                let l = self.scalar(list)?;
                let vals = self.expr(value)?;
                let words = self.slot_words(&item, &vals);
                // With room left, the item goes past `len` inline; else the runtime grows it.
                let header = self.value("header", format!("inttoptr i64 {l} to i64*"));
                let lenp = self.value("lenp", format!("getelementptr i64, i64* {header}, i64 {}", abi::list_offsets::LEN / 8));
                let capp = self.value("capp", format!("getelementptr i64, i64* {header}, i64 {}", abi::list_offsets::CAP / 8));
                let len = self.value("len", format!("load i64, i64* {lenp}"));
                let cap = self.value("cap", format!("load i64, i64* {capp}"));
                let room = self.value("room", format!("icmp slt i64 {len}, {cap}"));
                let at = self.fresh("at");
                let _ = writeln!(self.entry, "  {at} = alloca i64*");
                let (fast, slow, join) = (self.label("fast"), self.label("grow"), self.label("pushed"));
                self.terminate(format!("br i1 {room}, label %{fast}, label %{slow}, !prof !{{!\"branch_weights\", i32 2000, i32 1}}"));
                self.start_block(&fast);
                let datap = self.value("datap", format!("getelementptr i64, i64* {header}, i64 {}", abi::list_offsets::DATA / 8));
                let data = self.value("data", format!("load i64, i64* {datap}"));
                let data = self.value("data", format!("inttoptr i64 {data} to i64*"));
                let first = self.value("first", format!("mul i64 {len}, {}", words.len().max(1)));
                let place = self.value("place", format!("getelementptr i64, i64* {data}, i64 {first}"));
                let longer = self.value("longer", format!("add i64 {len}, 1"));
                self.emit(format!("store i64 {longer}, i64* {lenp}"));
                self.emit(format!("store i64* {place}, i64** {at}"));
                self.terminate(format!("br label %{join}"));
                self.start_block(&slow);
                let address = rhumba_runtime::abi::rhumba_list_grow as *const () as usize;
                let callee = self.value("grow", format!("inttoptr i64 {address} to i64* (i64)*"));
                let grown = self.value("slots", format!("call i64* {callee}(i64 {l})"));
                let failed = self.value("failed", format!("icmp eq i64* {grown}, null"));
                self.raise_if(&failed, abi::ERR_ALLOCATION, e.span, None);
                self.emit(format!("store i64* {grown}, i64** {at}"));
                self.terminate(format!("br label %{join}"));
                self.start_block(&join);
                let base = self.value("slots", format!("load i64*, i64** {at}"));
                self.store_words(&base, &words);
                Ok(vec![])
            }
            ExprKind::ListTruncate { list, len } => {
                let l = self.scalar(list)?;
                let n = self.scalar(len)?;
                let address = rhumba_runtime::abi::rhumba_list_truncate as *const () as usize;
                let callee = self.value("truncate", format!("inttoptr i64 {address} to void (i64, i64)*"));
                self.emit(format!("call void {callee}(i64 {l}, i64 {n})"));
                Ok(vec![])
            }
            ExprKind::CudaIndex { .. } | ExprKind::SyncThreads | ExprKind::SharedArray { .. } | ExprKind::Atomic { .. } if self.host => {
                unsupported(e.span, "this construct stays with the Cranelift tier")
            }
            ExprKind::NewArray { dtype, shape, fill } => {
                // `cuda.local.array`: per-thread storage of a constant shape.
                let dims: Option<Vec<i64>> = shape.iter().map(|s| if let ExprKind::Int(v) = s.kind { Some(v) } else { None }).collect();
                let Some(dims) = dims.filter(|_| fill.is_none()) else {
                    return unsupported(e.span, "arrays cannot be allocated in CUDA kernels, except with cuda.local.array or cuda.shared.array of a constant shape");
                };
                let count: i64 = dims.iter().product::<i64>().max(1) * parts_per_element(*dtype) as i64;
                let mt = memory_type(*dtype);
                let storage = self.fresh("local");
                let _ = writeln!(self.entry, "  {storage} = alloca [{count} x {mt}], align 16");
                let base = self.value("base", format!("bitcast [{count} x {mt}]* {storage} to i8*"));
                Ok(array_value(base, &dims, dtype.size()))
            }
            ExprKind::SharedArray { id, dtype, shape } => {
                let count: usize = shape.iter().product::<usize>().max(1) * parts_per_element(*dtype);
                let mt = memory_type(*dtype);
                let name = format!("@shared_{}_{id}", symbol(self.unit, self.index));
                let _ = writeln!(self.globals, "{name} = internal addrspace(3) global [{count} x {mt}] undef, align 16");
                let base = self.value("shared", format!("addrspacecast [{count} x {mt}] addrspace(3)* {name} to i8*"));
                let dims: Vec<i64> = shape.iter().map(|d| *d as i64).collect();
                Ok(array_value(base, &dims, dtype.size()))
            }
            ExprKind::CudaIndex { dim, axis } => one(self.index_intrinsic(*dim, *axis)),
            ExprKind::SyncThreads => {
                self.declare("declare void @llvm.nvvm.barrier0()".to_string());
                self.emit("call void @llvm.nvvm.barrier0()");
                Ok(vec![])
            }
            ExprKind::Atomic { op, array, indices, value, expected } => {
                let Type::Array { dtype, .. } = array.ty else { return unsupported(e.span, "an atomic on a non-array") };
                let a = self.expr(array)?;
                let idx = indices.iter().map(|i| self.scalar(i)).collect::<R<Vec<_>>>()?;
                let v = self.scalar(value)?;
                let old = match expected {
                    Some(x) => Some(self.scalar(x)?),
                    None => None,
                };
                let p = self.element_pointer(&a, &idx, dtype, e.span, e as *const Expr as usize)?;
                one(self.atomic(*op, &p, dtype, &v, old.as_deref(), e.span)?)
            }
            ExprKind::ConstArray(_) => unsupported(e.span, "module-level arrays cannot be read by CUDA kernels; pass them as arguments"),
            ExprKind::View { array, axes } => {
                let a = self.expr(array)?;
                self.view(&a, axes, e.span)
            }
            ExprKind::Transpose(array) => {
                // The axes reversed: the same data, shape and strides read backwards.
                let a = self.expr(array)?;
                let ndim = (a.len() - 1) / 2;
                let mut out = vec![a[0].clone()];
                out.extend(a[1..=ndim].iter().rev().cloned());
                out.extend(a[1 + ndim..].iter().rev().cloned());
                Ok(out)
            }
            ExprKind::Reshape { .. } => unsupported(e.span, "reshape is not supported in CUDA kernels yet"),
            ExprKind::CopyArray(_) | ExprKind::ArrayBinary { .. } | ExprKind::ArrayUnary { .. } | ExprKind::Arange { .. } | ExprKind::Cumsum(_) | ExprKind::Gather { .. } => {
                unsupported(e.span, "whole-array operations allocate memory, which CUDA kernels cannot do; write the loop over elements")
            }
            ExprKind::Reduce { .. } => unsupported(e.span, "whole-array reductions are not available in CUDA kernels; reduce with shared memory or atomics"),
        }
    }

    fn atomic(&mut self, op: AtomicOp, p: &str, dtype: DType, v: &str, expected: Option<&str>, span: rhumba_grammar::Span) -> R<String> {
        let mt = memory_type(dtype);
        let float = dtype.is_float();
        if matches!(dtype, DType::Bool | DType::Int8 | DType::UInt8 | DType::Int16 | DType::UInt16) {
            return unsupported(span, format!("atomics on {dtype} elements are not supported on GPUs; use 32- or 64-bit elements"));
        }
        let mem_v = if float { v.to_string() } else { self.to_memory(v, dtype) };
        let unsigned = dtype.is_unsigned_int();
        let rmw = |op: AtomicOp| -> Option<&'static str> {
            Some(match (op, float, unsigned) {
                (AtomicOp::Add, false, _) => "add",
                (AtomicOp::Sub, false, _) => "sub",
                (AtomicOp::Max, false, false) => "max",
                (AtomicOp::Min, false, false) => "min",
                (AtomicOp::Max, false, true) => "umax",
                (AtomicOp::Min, false, true) => "umin",
                (AtomicOp::Exch, _, _) => "xchg",
                (AtomicOp::Add | AtomicOp::Sub, true, _) => "fadd",
                _ => return None,
            })
        };
        let raw = match (op, rmw(op)) {
            (AtomicOp::Cas, _) => {
                let old = expected.unwrap_or("0");
                let (old_m, new_m, it) = if float {
                    let it = if dtype == DType::Float32 { "i32" } else { "i64" };
                    let o = self.value("bits", format!("bitcast {mt} {old} to {it}"));
                    let n = self.value("bits", format!("bitcast {mt} {mem_v} to {it}"));
                    (o, n, it)
                } else {
                    (self.to_memory(old, dtype), mem_v.clone(), mt)
                };
                let ip = if float { self.value("ip", format!("bitcast {mt}* {p} to {it}*")) } else { p.to_string() };
                let pair = self.value("cas", format!("cmpxchg {it}* {ip}, {it} {old_m}, {it} {new_m} seq_cst seq_cst"));
                let got = self.value("old", format!("extractvalue {{ {it}, i1 }} {pair}, 0"));
                if float { self.value("old", format!("bitcast {it} {got} to {mt}")) } else { got }
            }
            (AtomicOp::Sub, Some("fadd")) => {
                let neg = self.value("neg", format!("fneg {mt} {mem_v}"));
                self.value("old", format!("atomicrmw fadd {mt}* {p}, {mt} {neg} seq_cst"))
            }
            (_, Some(name)) => self.value("old", format!("atomicrmw {name} {mt}* {p}, {mt} {mem_v} seq_cst")),
            (_, None) => {
                // Float max/min: a compare-and-swap loop on the element's bits.
                let it = if dtype == DType::Float32 { "i32" } else { "i64" };
                let ip = self.value("ip", format!("bitcast {mt}* {p} to {it}*"));
                let first = self.value("cur", format!("load volatile {it}, {it}* {ip}"));
                let (head, end) = (self.label("casloop"), self.label("casdone"));
                let cur = self.fresh("cur");
                let _ = writeln!(self.entry, "  {cur} = alloca {it}");
                self.emit(format!("store {it} {first}, {it}* {cur}"));
                self.start_block(&head);
                let bits = self.value("bits", format!("load {it}, {it}* {cur}"));
                let f = self.value("f", format!("bitcast {it} {bits} to {mt}"));
                let pick = if op == AtomicOp::Max { "maxnum" } else { "minnum" };
                let suffix = if dtype == DType::Float32 { "f32" } else { "f64" };
                self.declare(format!("declare {mt} @llvm.{pick}.{suffix}({mt}, {mt})"));
                let m = self.value("m", format!("call {mt} @llvm.{pick}.{suffix}({mt} {f}, {mt} {mem_v})"));
                let mb = self.value("mb", format!("bitcast {mt} {m} to {it}"));
                let pair = self.value("cas", format!("cmpxchg {it}* {ip}, {it} {bits}, {it} {mb} seq_cst seq_cst"));
                let seen = self.value("seen", format!("extractvalue {{ {it}, i1 }} {pair}, 0"));
                let ok = self.value("ok", format!("extractvalue {{ {it}, i1 }} {pair}, 1"));
                self.emit(format!("store {it} {seen}, {it}* {cur}"));
                self.terminate(format!("br i1 {ok}, label %{end}, label %{head}"));
                self.start_block(&end);
                self.value("old", format!("bitcast {it} {bits} to {mt}"))
            }
        };
        Ok(if float { raw } else { self.from_memory(&raw, dtype) })
    }

    /// `x ** n` for a double `x` and an integer `n >= 0`, as Numba computes it and as the runtime's
    /// `rhumba_powi` does on the CPU: repeated squaring, or `pow` for exponents above 65536.
    fn powi(&mut self, x: &str, n: &str) -> String {
        let pow = if self.host { "pow" } else { "__nv_pow" };
        if !self.host && !self.libdevice.contains(&"__nv_pow") {
            self.libdevice.push("__nv_pow");
        }
        self.declare(format!("declare double @{pow}(double, double)"));
        let big = self.value("big", format!("icmp sgt i64 {n}, 65536"));
        let (generic, squaring, end) = (self.label("powgeneric"), self.label("powsquare"), self.label("powjoin"));
        let result = self.fresh("powi");
        let _ = writeln!(self.entry, "  {result} = alloca double");
        self.terminate(format!("br i1 {big}, label %{generic}, label %{squaring}"));
        self.start_block(&generic);
        let nf = self.value("nf", format!("sitofp i64 {n} to double"));
        let p = self.value("pow", format!("call double @{pow}(double {x}, double {nf})"));
        self.emit(format!("store double {p}, double* {result}"));
        self.terminate(format!("br label %{end}"));
        self.start_block(&squaring);
        let squared = self.squaring_loop("double", "fmul", "1.0", x, n);
        self.emit(format!("store double {squared}, double* {result}"));
        self.terminate(format!("br label %{end}"));
        self.start_block(&end);
        self.value("powi", format!("load double, double* {result}"))
    }

    /// `base ** exp` for `exp >= 0` by repeated squaring in type `ty` with the multiplication
    /// `mul` (`1` is its one): integer `**` and a float to an integer power share it.
    fn squaring_loop(&mut self, ty: &str, mul: &str, one: &str, base: &str, exp: &str) -> String {
        let (acc, b_slot, e_slot) = (self.fresh("acc"), self.fresh("base"), self.fresh("exp"));
        let _ = writeln!(self.entry, "  {acc} = alloca {ty}\n  {b_slot} = alloca {ty}\n  {e_slot} = alloca i64");
        self.emit(format!("store {ty} {one}, {ty}* {acc}"));
        self.emit(format!("store {ty} {base}, {ty}* {b_slot}"));
        self.emit(format!("store i64 {exp}, i64* {e_slot}"));
        let (head, body, end) = (self.label("pow"), self.label("powbody"), self.label("powend"));
        self.start_block(&head);
        let e = self.value("e", format!("load i64, i64* {e_slot}"));
        let more = self.value("more", format!("icmp sgt i64 {e}, 0"));
        self.terminate(format!("br i1 {more}, label %{body}, label %{end}"));
        self.start_block(&body);
        let bit = self.value("bit", format!("and i64 {e}, 1"));
        let odd = self.value("odd", format!("icmp ne i64 {bit}, 0"));
        let cur = self.value("cur", format!("load {ty}, {ty}* {acc}"));
        let bv = self.value("b", format!("load {ty}, {ty}* {b_slot}"));
        let prod = self.value("prod", format!("{mul} {ty} {cur}, {bv}"));
        let next = self.value("acc", format!("select i1 {odd}, {ty} {prod}, {ty} {cur}"));
        self.emit(format!("store {ty} {next}, {ty}* {acc}"));
        let sq = self.value("sq", format!("{mul} {ty} {bv}, {bv}"));
        self.emit(format!("store {ty} {sq}, {ty}* {b_slot}"));
        let half = self.value("half", format!("ashr i64 {e}, 1"));
        self.emit(format!("store i64 {half}, i64* {e_slot}"));
        self.terminate(format!("br label %{head}"));
        self.start_block(&end);
        self.value("pow", format!("load {ty}, {ty}* {acc}"))
    }

    fn binary(&mut self, op: BinOp, a: &str, b: &str, ty: &Type, span: rhumba_grammar::Span) -> R<String> {
        let t = flatten(ty).first().copied().unwrap_or("i64");
        let float = t == "double" || t == "float";
        Ok(match (op, float) {
            (BinOp::Add, false) => self.value("add", format!("add i64 {a}, {b}")),
            (BinOp::Sub, false) => self.value("sub", format!("sub i64 {a}, {b}")),
            (BinOp::Mul, false) => self.value("mul", format!("mul i64 {a}, {b}")),
            (BinOp::Add, true) => self.value("add", format!("fadd {t} {a}, {b}")),
            (BinOp::Sub, true) => self.value("sub", format!("fsub {t} {a}, {b}")),
            (BinOp::Mul, true) => self.value("mul", format!("fmul {t} {a}, {b}")),
            // Legalisation put the zero check in front (or none, under IEEE rules).
            (BinOp::Div, _) => self.value("div", format!("fdiv {t} {a}, {b}")),
            // Legalisation guarantees a divisor other than 0 and -1: `sdiv` is defined.
            (BinOp::DivTrunc, _) => self.value("quot", format!("sdiv i64 {a}, {b}")),
            (BinOp::FloorDiv | BinOp::Mod, _) => return unsupported(span, "internal error: Python's `//` or `%` reached the LLVM writer unlegalised"),
            (BinOp::Pow, true) => {
                if t == "float" {
                    return unsupported(span, "float32 ** is not supported in CUDA kernels yet; convert to float64");
                }
                let name = if self.host { "pow" } else { "__nv_pow" };
                if !self.host && !self.libdevice.contains(&"__nv_pow") {
                    self.libdevice.push("__nv_pow");
                }
                self.declare(format!("declare double @{name}(double, double)"));
                self.value("pow", format!("call double @{name}(double {a}, double {b})"))
            }
            // Exponentiation by squaring, wrapping as int64 does (legalisation has handled
            // negative exponents).
            (BinOp::Pow, false) => self.squaring_loop("i64", "mul", "1", a, b),
            (BinOp::BitAnd, _) => self.value("and", format!("and {t} {a}, {b}")),
            (BinOp::BitOr, _) => self.value("or", format!("or {t} {a}, {b}")),
            (BinOp::BitXor, _) => self.value("xor", format!("xor {t} {a}, {b}")),
            (BinOp::Shl, _) => self.value("shl", format!("shl i64 {a}, {b}")),
            (BinOp::Shr, _) => self.value("shr", format!("ashr i64 {a}, {b}")),
            (BinOp::Min | BinOp::Max, _) => {
                let pred = match (op, float) {
                    (BinOp::Min, true) => "fcmp olt",
                    (BinOp::Max, true) => "fcmp ogt",
                    (BinOp::Min, false) => "icmp slt",
                    _ => "icmp sgt",
                };
                let c = self.value("c", format!("{pred} {t} {b}, {a}"));
                self.value("pick", format!("select i1 {c}, {t} {b}, {t} {a}"))
            }
        })
    }
}

/// A C-contiguous array value of constant shape at `base`.
fn array_value(base: String, dims: &[i64], item: usize) -> Vec<String> {
    let mut strides = vec![0i64; dims.len()];
    let mut s = item as i64;
    for k in (0..dims.len()).rev() {
        strides[k] = s;
        s *= dims[k].max(1);
    }
    std::iter::once(base).chain(dims.iter().map(|d| d.to_string())).chain(strides.iter().map(|s| s.to_string())).collect()
}

/// A float constant as LLVM writes it: the exact bits in hexadecimal (a `float` constant is
/// the `double` of the same value, as LLVM requires).
fn float_literal(v: f64, ty: &Type) -> String {
    let bits = if matches!(ty, Type::Scalar(DType::Float32)) { (v as f32 as f64).to_bits() } else { v.to_bits() };
    format!("0x{bits:016X}")
}

// ------------------------------------------------------------------ the host CPU's optimising tier

/// Writes function `index` and everything it calls for the host CPU, with an entry point
/// `rhumba_entry` of the JIT's ABI (`abi::EntryFn`): arguments from 8-byte slots (arrays as
/// descriptor pointers), results into slots, and an error copied into the `ErrorSlot`.
/// `cpu` and `features` are the host's, so that LLVM vectorises for what the machine has.
pub fn host_module(unit: &Unit, index: FuncIndex, cpu: &str, features: &str) -> R<String> {
    host_module_with(unit, index, cpu, features, false)
}

/// As [`host_module`] for the outlined body of a `prange` loop, with the runtime's chunk
/// entry `rhumba_chunk(env, lo, hi, partials, error_slot)` (`parallel::ChunkFn`).
pub fn host_chunk_module(unit: &Unit, index: FuncIndex, cpu: &str, features: &str) -> R<String> {
    host_module_with(unit, index, cpu, features, true)
}

fn host_module_with(unit: &Unit, index: FuncIndex, cpu: &str, features: &str, chunk: bool) -> R<String> {
    let mut out = String::new();
    let mut metadata = String::new();
    let mut next_metadata = 1;
    let mut done = vec![index];
    let mut todo = vec![index];
    let mut declarations: Vec<String> = Vec::new();
    let mut bodies = String::new();
    while let Some(i) = todo.pop() {
        let Some(Some(f)) = unit.functions.get(i) else {
            return unsupported(rhumba_grammar::Span::default(), "a called function was not compiled");
        };
        if f.parallel_body != (chunk && i == index) {
            return unsupported(f.span, "a parallel loop stays with the Cranelift tier here");
        }
        let mut w = FunctionWriter::new(unit, i, f, false, true);
        w.next_metadata = next_metadata;
        w.function()?;
        next_metadata = w.next_metadata;
        metadata.push_str(&w.metadata);
        todo.extend(add_new(std::mem::take(&mut w.callees), &mut done));
        add_new(std::mem::take(&mut w.declarations), &mut declarations);
        bodies.push_str(&w.out);
        bodies.push('\n');
    }
    out.push_str(&bodies);
    out.push_str(&host_entry(unit, index, chunk)?);
    for d in &declarations {
        let _ = writeln!(out, "{d}");
    }
    let _ = writeln!(out, "\nattributes #0 = {{ \"target-cpu\"=\"{cpu}\" \"target-features\"=\"{features}\" }}");
    out.push_str(&metadata);
    Ok(out)
}

/// Appends to `seen` the items it does not hold yet (in order, once each) and returns those: a
/// module writer's worklist of callees, and its declarations, gathered over every function.
fn add_new<T: PartialEq + Clone>(items: Vec<T>, seen: &mut Vec<T>) -> Vec<T> {
    let mut added = Vec::new();
    for item in items {
        if !seen.contains(&item) {
            seen.push(item.clone());
            added.push(item);
        }
    }
    added
}

/// `rhumba_entry(args, results, error_slot)`: unpacks the slots, calls the function, packs its
/// results and, when it failed, fills the error slot as Cranelift-compiled code does.
fn host_entry(unit: &Unit, index: FuncIndex, chunk: bool) -> R<String> {
    let Some(Some(f)) = unit.functions.get(index) else { return unsupported(rhumba_grammar::Span::default(), "missing function") };
    let mut text = String::new();
    let mut n = 0usize;
    let mut fresh = |prefix: &str| {
        n += 1;
        format!("%{prefix}{n}")
    };
    if chunk {
        // The chunk ABI: captured variables in `env`, the chunk's range passed on, the
        // reduction partials written where results go.
        let _ = writeln!(text, "define void @rhumba_chunk(i64* %args, i64 %lo, i64 %hi, i64* %results, i8* %slot) #0 {{\nentry:");
    } else {
        let _ = writeln!(text, "define void @rhumba_entry(i64* %args, i64* %results, i8* %slot) #0 {{\nentry:");
    }
    let _ = writeln!(text, "  %record = alloca [{RECORD_LEN} x i64]\n  store [{RECORD_LEN} x i64] zeroinitializer, [{RECORD_LEN} x i64]* %record");
    let _ = writeln!(text, "  %err = getelementptr [{RECORD_LEN} x i64], [{RECORD_LEN} x i64]* %record, i64 0, i64 0");
    let _ = writeln!(
        text,
        "  %limitbyte = getelementptr i8, i8* %slot, i64 {}\n  %limitat = bitcast i8* %limitbyte to i64*\n  %limit = load i64, i64* %limitat\n  %limitrec = getelementptr i64, i64* %err, i64 {RECORD_STACK_LIMIT}\n  store i64 %limit, i64* %limitrec",
        abi::error_offsets::STACK_LIMIT
    );
    let mut values: Vec<String> = Vec::new();
    let mut slot = 0usize;
    fn unpack(ty: &Type, slot: &mut usize, values: &mut Vec<String>, text: &mut String, fresh: &mut dyn FnMut(&str) -> String) -> R<()> {
        match ty {
            Type::Tuple(_) | Type::Optional(_) | Type::Complex(_) => {
                for t in ty.items().unwrap_or_default() {
                    unpack(&t, slot, values, text, fresh)?;
                }
            }
            Type::None | Type::Function { .. } => {}
            _ => {
                let p = fresh("p");
                let raw = fresh("raw");
                let _ = writeln!(text, "  {p} = getelementptr i64, i64* %args, i64 {}\n  {raw} = load i64, i64* {p}", *slot);
                *slot += 1;
                match ty {
                    Type::Scalar(DType::Float64) => {
                        let v = fresh("f");
                        let _ = writeln!(text, "  {v} = bitcast i64 {raw} to double");
                        values.push(format!("double {v}"));
                    }
                    Type::Scalar(DType::Float32) => {
                        let (t, v) = (fresh("t"), fresh("f"));
                        let _ = writeln!(text, "  {t} = trunc i64 {raw} to i32\n  {v} = bitcast i32 {t} to float");
                        values.push(format!("float {v}"));
                    }
                    Type::Scalar(DType::Bool) => {
                        let (t, v) = (fresh("t"), fresh("b"));
                        let _ = writeln!(text, "  {t} = and i64 {raw}, 255\n  {v} = icmp ne i64 {t}, 0");
                        values.push(format!("i1 {v}"));
                    }
                    // Integers, and the addresses of lists, dicts, strings and instances.
                    Type::Scalar(_) | Type::List { .. } | Type::Dict { .. } | Type::Str | Type::Instance { .. } => values.push(format!("i64 {raw}")),
                    Type::Array { ndim, .. } => {
                        // An `abi::ArrayDesc`: data, ndim, shape[MAX_DIMS], strides[MAX_DIMS].
                        let desc = fresh("desc");
                        let _ = writeln!(text, "  {desc} = inttoptr i64 {raw} to i64*");
                        let word = |k: usize, text: &mut String, fresh: &mut dyn FnMut(&str) -> String| {
                            let (p, v) = (fresh("w"), fresh("v"));
                            let _ = writeln!(text, "  {p} = getelementptr i64, i64* {desc}, i64 {k}\n  {v} = load i64, i64* {p}");
                            v
                        };
                        let data = word(0, text, fresh);
                        let ptr = fresh("data");
                        let _ = writeln!(text, "  {ptr} = inttoptr i64 {data} to i8*");
                        values.push(format!("i8* {ptr}"));
                        for d in 0..*ndim {
                            let v = word(2 + d, text, fresh);
                            values.push(format!("i64 {v}"));
                        }
                        for d in 0..*ndim {
                            let v = word(2 + abi::MAX_DIMS + d, text, fresh);
                            values.push(format!("i64 {v}"));
                        }
                    }
                    _ => {}
                }
            }
        }
        Ok(())
    }
    let passed = if chunk { 2 } else { 0 };
    for p in &f.params[..f.params.len() - passed] {
        unpack(&f.locals[*p].ty, &mut slot, &mut values, &mut text, &mut fresh)?;
    }
    if chunk {
        values.push("i64 %lo".to_string());
        values.push("i64 %hi".to_string());
    }
    values.push("i64* %err".to_string());
    let rets = flatten(&f.ret);
    let sym = symbol(unit, index);
    let results: Vec<String> = match rets.len() {
        0 => {
            let _ = writeln!(text, "  call void @{sym}({})", values.join(", "));
            vec![]
        }
        1 => {
            let r = fresh("r");
            let _ = writeln!(text, "  {r} = call {} @{sym}({})", rets[0], values.join(", "));
            vec![r]
        }
        _ => {
            let ty = format!("{{ {} }}", rets.join(", "));
            let agg = fresh("agg");
            let _ = writeln!(text, "  {agg} = call {ty} @{sym}({})", values.join(", "));
            (0..rets.len())
                .map(|k| {
                    let r = fresh("r");
                    let _ = writeln!(text, "  {r} = extractvalue {ty} {agg}, {k}");
                    r
                })
                .collect()
        }
    };
    // One result slot per scalar and per array (the entry ABI Cranelift's code has too): an
    // array, held here as data, shape and strides, goes back as a descriptor made in the arena.
    let mut leaves = Vec::new();
    result_leaves(&f.ret, &mut leaves);
    let mut at = 0;
    for (k, leaf) in leaves.iter().enumerate() {
        let bits = if let Type::Array { ndim, .. } = leaf {
            let (data, rest) = (&results[at], &results[at + 1..at + 1 + 2 * ndim]);
            at += 1 + 2 * ndim;
            let n = (*ndim).max(1);
            let (shape, strides) = (fresh("shape"), fresh("strides"));
            let _ = writeln!(text, "  {shape} = alloca [{n} x i64]\n  {strides} = alloca [{n} x i64]");
            for d in 0..*ndim {
                let (p, q) = (fresh("sh"), fresh("st"));
                let _ = writeln!(
                    text,
                    "  {p} = getelementptr [{n} x i64], [{n} x i64]* {shape}, i64 0, i64 {d}\n  store i64 {}, i64* {p}\n  {q} = getelementptr [{n} x i64], [{n} x i64]* {strides}, i64 0, i64 {d}\n  store i64 {}, i64* {q}",
                    rest[d],
                    rest[ndim + d]
                );
            }
            let (s0, t0, callee, desc) = (fresh("s0"), fresh("t0"), fresh("describe"), fresh("desc"));
            let address = abi::rhumba_array_describe as *const () as usize;
            let _ = writeln!(
                text,
                "  {s0} = getelementptr [{n} x i64], [{n} x i64]* {shape}, i64 0, i64 0\n  {t0} = getelementptr [{n} x i64], [{n} x i64]* {strides}, i64 0, i64 0\n  {callee} = inttoptr i64 {address} to i64 (i8*, i64, i64*, i64*)*\n  {desc} = call i64 {callee}(i8* {data}, i64 {ndim}, i64* {s0}, i64* {t0})"
            );
            desc
        } else {
            let (r, t) = (&results[at], rets[at]);
            at += 1;
            match t {
                "double" => {
                    let b = fresh("bits");
                    let _ = writeln!(text, "  {b} = bitcast double {r} to i64");
                    b
                }
                "float" => {
                    let (b, w) = (fresh("bits"), fresh("wide"));
                    let _ = writeln!(text, "  {b} = bitcast float {r} to i32\n  {w} = zext i32 {b} to i64");
                    w
                }
                "i1" => {
                    let w = fresh("wide");
                    let _ = writeln!(text, "  {w} = zext i1 {r} to i64");
                    w
                }
                "i64" => r.clone(),
                other => return unsupported(f.span, format!("a result of LLVM type {other} in the optimising tier")),
            }
        };
        let p = fresh("out");
        let _ = writeln!(text, "  {p} = getelementptr i64, i64* %results, i64 {k}\n  store i64 {bits}, i64* {p}");
    }
    // The record is (code, function, source offset, index, axis, bound, trace length, unused,
    // trace pairs); the error slot's
    // layout is `abi::ErrorSlot`'s (checked against `abi::error_offsets` by a runtime test).
    let _ = writeln!(text, "  %code = load i64, i64* %err\n  %failed = icmp ne i64 %code, 0\n  br i1 %failed, label %fail, label %done\nfail:");
    let field = |k: usize, text: &mut String, fresh: &mut dyn FnMut(&str) -> String| {
        let (p, v) = (fresh("rp"), fresh("rv"));
        let _ = writeln!(text, "  {p} = getelementptr i64, i64* %err, i64 {k}\n  {v} = load i64, i64* {p}");
        v
    };
    let put = |offset: i32, ty: &str, value: &str, text: &mut String, fresh: &mut dyn FnMut(&str) -> String| {
        let (b, p) = (fresh("sb"), fresh("sp"));
        let _ = writeln!(text, "  {b} = getelementptr i8, i8* %slot, i64 {offset}\n  {p} = bitcast i8* {b} to {ty}*\n  store {ty} {value}, {ty}* {p}");
    };
    let code32 = fresh("c32");
    let _ = writeln!(text, "  {code32} = trunc i64 %code to i32");
    put(abi::error_offsets::CODE, "i32", &code32, &mut text, &mut fresh);
    let func = field(1, &mut text, &mut fresh);
    put(abi::error_offsets::FUNCTION, "i64", &func, &mut text, &mut fresh);
    let offset = field(2, &mut text, &mut fresh);
    let off32 = fresh("o32");
    let _ = writeln!(text, "  {off32} = trunc i64 {offset} to i32");
    put(abi::error_offsets::SOURCE_OFFSET, "i32", &off32, &mut text, &mut fresh);
    for (k, at) in [(3, abi::error_offsets::INDEX), (4, abi::error_offsets::AXIS), (5, abi::error_offsets::BOUND)] {
        let v = field(k, &mut text, &mut fresh);
        put(at, "i64", &v, &mut text, &mut fresh);
    }
    let trace_len = field(RECORD_TRACE_LEN, &mut text, &mut fresh);
    put(abi::error_offsets::TRACE_LEN, "i64", &trace_len, &mut text, &mut fresh);
    // Every entry is copied; those past `trace_len` are zeros and never read.
    for k in 0..2 * abi::MAX_TRACE {
        let v = field(RECORD_TRACE + k, &mut text, &mut fresh);
        put(abi::error_offsets::TRACE + 8 * k as i32, "i64", &v, &mut text, &mut fresh);
    }
    let _ = writeln!(text, "  br label %done\ndone:\n  ret void\n}}");
    Ok(text)
}
