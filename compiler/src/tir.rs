//! The typed IR (TIR): one function per signature, structured regions (`If`, `While`, `ForRange`),
//! a type on every expression and a span on every statement and expression.
//!
//! Tuples are first-class values here; backends flatten them into several machine values.

use std::fmt::Write;

use rhumba_grammar::ast::Span;
use rhumba_runtime::DType;

use crate::types::Type;

pub type LocalId = usize;
/// Index of a function specialisation in the compilation unit.
pub type FuncIndex = usize;

#[derive(Clone, Debug)]
pub struct Function {
    /// The Python name and the signature, e.g. `matmul(float64[:, :], float64[:, :])`.
    pub name: String,
    pub params: Vec<LocalId>,
    pub locals: Vec<Local>,
    pub ret: Type,
    pub body: Vec<Stmt>,
    pub span: Span,
    /// Whether array accesses are bounds-checked (`boundscheck=False` turns this off).
    pub bounds_check: bool,
    /// Set on the outlined body of a `prange` loop: its parameters are the captured variables
    /// followed by the chunk's `lo` and `hi`, and it returns its reduction partials.
    pub parallel_body: bool,
    /// Float division and modulo by zero give IEEE results (inf, nan) instead of raising
    /// ZeroDivisionError: Numba's `error_model='numpy'`, the default of CUDA kernels.
    pub ieee_float_division: bool,
}

#[derive(Clone, Debug)]
pub struct Local {
    pub name: String,
    pub ty: Type,
}

#[derive(Clone, Debug)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum StmtKind {
    Assign { local: LocalId, value: Expr },
    /// `array[indices] = value`, the value already converted to the element type.
    Store { array: Expr, indices: Vec<Expr>, value: Expr },
    If { cond: Expr, then: Vec<Stmt>, otherwise: Vec<Stmt> },
    /// `orelse` runs when the loop ends without `break`, as in Python.
    While { cond: Expr, body: Vec<Stmt>, orelse: Vec<Stmt> },
    /// `for var in range(start, stop, step)`; `parallel` marks a `prange` loop.
    ForRange { var: LocalId, start: Expr, stop: Expr, step: Expr, body: Vec<Stmt>, orelse: Vec<Stmt>, parallel: bool },
    Break,
    Continue,
    Return(Expr),
    Expr(Expr),
    /// `assert cond`: raises the exception of `code` (`ERR_ASSERTION`, or a raise site's code
    /// for `assert cond, "message"` and `raise E(args)`, whose `cond` is `False`) unless `cond`
    /// holds. `details` are a raise site's run-time arguments (at most two scalars), stored in
    /// the error slot's `index` and `bound`.
    Assert { cond: Expr, code: i32, details: Vec<Expr> },
    /// `view[...] = value`: an array (broadcast) or a scalar, written into every element.
    AssignArray { target: Expr, value: Expr },
    /// A `prange` loop run in chunks on the thread pool: `body` is the outlined specialisation,
    /// called with the `captured` variables; each reduction variable is combined with the
    /// chunks' partials (in chunk order) by its operator.
    ParallelFor { body: FuncIndex, captured: Vec<LocalId>, start: Expr, stop: Expr, reductions: Vec<(LocalId, BinOp)> },
}

/// One axis of a view: a single position (dropping the axis) or a slice.
#[derive(Clone, Debug)]
pub enum ViewAxis {
    At(Expr),
    Slice { start: Option<Expr>, stop: Option<Expr>, step: Option<Expr> },
}

#[derive(Clone, Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub ty: Type,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    /// True division: operands are floats.
    Div,
    /// Python's `//` and `%` (rounding toward negative infinity, raising on a zero divisor):
    /// the checker's operators, rewritten into primitives by `passes::legalize` before any
    /// backend sees them.
    FloorDiv,
    Mod,
    /// Before legalisation, Python's `**`. After it, a primitive: `pow` for floats, and for
    /// integers repeated squaring that wraps at 64 bits (negative exponents give 1; legalisation
    /// has already handled them).
    Pow,
    /// A primitive made by legalisation: C's truncating signed division of `int64`s. The divisor
    /// is never 0 or -1 (legalisation substitutes a safe divisor), so no backend traps.
    DivTrunc,
    BitAnd,
    BitOr,
    BitXor,
    Shl,
    Shr,
    Min,
    Max,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    Neg,
    Not,
    Invert,
    Abs,
}

/// Math functions of one or two floats, implemented by the runtime or by instructions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MathFn {
    Sqrt,
    Floor,
    Ceil,
    Trunc,
    Fabs,
    Round,
    /// A call into the runtime by symbol name (`rhumba_sin`, `rhumba_pow`, ...), taking that
    /// many `float64` arguments.
    Extern(&'static str, usize),
    /// A runtime call with other argument and result types: (symbol, argument types, result).
    Runtime(&'static str, &'static [DType], Option<DType>),
}

#[derive(Clone, Debug)]
pub enum ExprKind {
    Local(LocalId),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// Operands have the expression's type (or, for comparisons, a common type).
    Binary { op: BinOp, lhs: Box<Expr>, rhs: Box<Expr> },
    Compare { op: CmpOp, lhs: Box<Expr>, rhs: Box<Expr> },
    Unary { op: UnOp, operand: Box<Expr> },
    /// `a and b` / `a or b` on booleans, short-circuiting.
    Logic { and: bool, lhs: Box<Expr>, rhs: Box<Expr> },
    /// `body if cond else orelse`: only the chosen arm is evaluated (a backend may evaluate
    /// both when neither can fail or have an effect).
    Select { cond: Box<Expr>, then: Box<Expr>, otherwise: Box<Expr> },
    /// `let local = value in body`: evaluates `value` once into `local` (a fresh local made by a
    /// pass), then `body`, which may read it several times. Made by legalisation.
    Let { local: LocalId, value: Box<Expr>, body: Box<Expr> },
    /// Raises the Python exception of `code` (one of `rhumba_runtime::abi::ERR_*`) at this
    /// expression's span when `fail` is true, else evaluates to `value`. Made by legalisation:
    /// the explicit form of every check Python's semantics require.
    Guard { fail: Box<Expr>, code: i32, value: Box<Expr> },
    /// A numeric conversion to this expression's type.
    Cast(Box<Expr>),
    Math { func: MathFn, args: Vec<Expr> },
    /// `array[i, j]` with one integer per axis.
    Load { array: Box<Expr>, indices: Vec<Expr> },
    /// The length of one axis.
    Dim { array: Box<Expr>, axis: usize },
    Call { func: FuncIndex, args: Vec<Expr> },
    Tuple(Vec<Expr>),
    TupleGet { tuple: Box<Expr>, index: usize },
    /// A new C-contiguous array, zero-filled, then filled with `fill` when given.
    NewArray { dtype: DType, shape: Vec<Expr>, fill: Option<Box<Expr>> },
    /// A C-contiguous copy of an array.
    CopyArray(Box<Expr>),
    /// A frozen module-level array: the address of its descriptor.
    ConstArray(usize),
    /// `array[axes...]` with slices or fewer indices than dimensions: a view sharing the data.
    View { array: Box<Expr>, axes: Vec<ViewAxis> },
    /// `array.T`, a view.
    Transpose(Box<Expr>),
    /// An elementwise operation on two arrays (scalars arrive as 0-d arrays), broadcast, into a
    /// new array of this expression's dtype; `op` is one of `abi::elementwise_ops`.
    ArrayBinary { op: i64, lhs: Box<Expr>, rhs: Box<Expr> },
    /// An elementwise function of one array, into a new array.
    ArrayUnary { op: i64, operand: Box<Expr> },
    /// `np.arange(start, stop, step)`: `int64` values, or `float64` when `float`.
    Arange { start: Box<Expr>, stop: Box<Expr>, step: Box<Expr>, float: bool },
    /// `a.reshape(shape)`: a view of a C-contiguous array, else of a copy (-1 infers one axis).
    Reshape { array: Box<Expr>, shape: Vec<Expr> },
    /// `np.cumsum(a)`: running sums in C order, a new 1-d array.
    Cumsum(Box<Expr>),
    /// `a[mask]` or `a[positions]`: the selected elements, copied into a new 1-d array.
    Gather { array: Box<Expr>, index: Box<Expr> },
    /// A whole-array reduction (one of `rhumba_runtime::abi::reduce_ops`).
    Reduce { op: i64, array: Box<Expr> },
    /// `cuda.threadIdx.x` and its kin in a CUDA kernel: one coordinate (`axis` 0..3 for x, y, z)
    /// of the thread's position or of the launch's shape, an `int64`.
    CudaIndex { dim: CudaDim, axis: usize },
    /// The condition of a `try`: an `If` with this condition runs its `then` block, and an
    /// exception raised there continues in its `otherwise` block (the handler) with the error
    /// cleared. Never evaluated as a value.
    Catch,
    /// `cuda.syncthreads()`: a barrier for the threads of one block.
    SyncThreads,
    /// `cuda.shared.array(shape, dtype)`: the block's shared array allocated at this site
    /// (`id` is unique within the function), C-contiguous, with a constant shape.
    SharedArray { id: usize, dtype: DType, shape: Vec<usize> },
    /// `cuda.atomic.op(array, index, value)`: reads the element, combines it with `value` and
    /// writes it back in one indivisible step; the result is the element's old value. `cas`
    /// has an `expected` value and writes `value` only when the element equals it.
    Atomic { op: AtomicOp, array: Box<Expr>, indices: Vec<Expr>, value: Box<Expr>, expected: Option<Box<Expr>> },
    /// `[]` or `List()`: a new empty list of this expression's (list) type.
    ListNew,
    /// The number of items in a list, an `int64`.
    ListLen(Box<Expr>),
    /// `list[index]` (an `int64`; negative counts from the end): the item, or an IndexError.
    ListGet { list: Box<Expr>, index: Box<Expr> },
    /// `list[index] = value` (type None): stores an item, or raises an IndexError.
    ListSet { list: Box<Expr>, index: Box<Expr>, value: Box<Expr> },
    /// `list.append(value)` (type None); MemoryError when the list cannot grow.
    ListPush { list: Box<Expr>, value: Box<Expr> },
    /// Shortens a list to `len` items (type None; a longer `len` changes nothing). With
    /// [`ExprKind::ListGet`], `ListSet` and `ListPush`, the primitive that the list methods of the
    /// numpy prelude (`pop`, `insert`, `sort`, ...) are written with.
    ListTruncate { list: Box<Expr>, len: Box<Expr> },
    /// `{}` or `Dict.empty(...)`: a new empty dict of this expression's (dict) type.
    DictNew,
    /// The number of entries of a dict, an `int64`.
    DictLen(Box<Expr>),
    /// `dict[key]`: the value, or the exception `code` (a KeyError) when the key is absent.
    DictGet { dict: Box<Expr>, key: Box<Expr>, code: i32 },
    /// `key in dict`, a bool.
    DictContains { dict: Box<Expr>, key: Box<Expr> },
    /// `dict[key] = value` (type None).
    DictSet { dict: Box<Expr>, key: Box<Expr>, value: Box<Expr> },
    /// `del dict[key]` (type None), or the exception `code` when the key is absent.
    DictDelete { dict: Box<Expr>, key: Box<Expr>, code: i32 },
    /// The key (`value: false`) or value of a dict's `index`-th entry in order, for iteration.
    DictEntry { dict: Box<Expr>, index: Box<Expr>, value: bool },
    /// A new `@jitclass` instance (this expression's [`Type::Instance`]) whose fields start
    /// as these values, one per field in the spec's order: its slots, owned by the arena.
    ObjectNew(Vec<Expr>),
    /// `object.field`: the field whose slots start at slot `slot` of the instance.
    FieldGet { object: Box<Expr>, slot: usize },
    /// `object.field = value` (type None), the field's slots starting at `slot`.
    FieldSet { object: Box<Expr>, slot: usize, value: Box<Expr> },
}

/// Which coordinate family a [`ExprKind::CudaIndex`] reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CudaDim {
    ThreadIdx,
    BlockIdx,
    BlockDim,
    GridDim,
}

impl CudaDim {
    pub fn name(self) -> &'static str {
        match self {
            CudaDim::ThreadIdx => "threadIdx",
            CudaDim::BlockIdx => "blockIdx",
            CudaDim::BlockDim => "blockDim",
            CudaDim::GridDim => "gridDim",
        }
    }
}

/// The read-modify-write operations of `cuda.atomic`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AtomicOp {
    Add,
    Sub,
    Max,
    Min,
    Exch,
    Cas,
}

impl AtomicOp {
    pub fn name(self) -> &'static str {
        match self {
            AtomicOp::Add => "add",
            AtomicOp::Sub => "sub",
            AtomicOp::Max => "max",
            AtomicOp::Min => "min",
            AtomicOp::Exch => "exch",
            AtomicOp::Cas => "cas",
        }
    }
}

impl Expr {
    pub fn new(kind: ExprKind, ty: Type, span: Span) -> Expr {
        Expr { kind, ty, span }
    }
}

// ------------------------------------------------------------------ printing

/// The text form printed by `rhumba inspect --emit tir`.
pub fn print_function(f: &Function) -> String {
    let mut out = String::new();
    let params: Vec<String> = f.params.iter().map(|p| format!("%{}: {}", f.locals[*p].name, f.locals[*p].ty)).collect();
    let _ = writeln!(out, "fn {}({}) -> {} {{", f.name, params.join(", "), f.ret);
    for (i, l) in f.locals.iter().enumerate() {
        if !f.params.contains(&i) {
            let _ = writeln!(out, "    let %{}: {}", l.name, l.ty);
        }
    }
    print_block(f, &f.body, 1, &mut out);
    out.push_str("}\n");
    out
}

fn print_block(f: &Function, body: &[Stmt], depth: usize, out: &mut String) {
    let pad = "    ".repeat(depth);
    for s in body {
        match &s.kind {
            StmtKind::Assign { local, value } => {
                let _ = writeln!(out, "{pad}%{} = {}", f.locals[*local].name, expr(f, value));
            }
            StmtKind::Store { array, indices, value } => {
                let idx: Vec<String> = indices.iter().map(|i| expr(f, i)).collect();
                let _ = writeln!(out, "{pad}store {}[{}] = {}", expr(f, array), idx.join(", "), expr(f, value));
            }
            StmtKind::If { cond, then, otherwise } => {
                let _ = writeln!(out, "{pad}if {} {{", expr(f, cond));
                print_block(f, then, depth + 1, out);
                if !otherwise.is_empty() {
                    let _ = writeln!(out, "{pad}}} else {{");
                    print_block(f, otherwise, depth + 1, out);
                }
                let _ = writeln!(out, "{pad}}}");
            }
            StmtKind::While { cond, body, orelse } => {
                let _ = writeln!(out, "{pad}while {} {{", expr(f, cond));
                print_block(f, body, depth + 1, out);
                print_orelse(f, orelse, depth, out);
            }
            StmtKind::ForRange { var, start, stop, step, body, orelse, parallel } => {
                let kind = if *parallel { "prange" } else { "range" };
                let _ = writeln!(
                    out,
                    "{pad}for %{} in {kind}({}, {}, {}) {{",
                    f.locals[*var].name,
                    expr(f, start),
                    expr(f, stop),
                    expr(f, step)
                );
                print_block(f, body, depth + 1, out);
                print_orelse(f, orelse, depth, out);
            }
            StmtKind::Break => {
                let _ = writeln!(out, "{pad}break");
            }
            StmtKind::Continue => {
                let _ = writeln!(out, "{pad}continue");
            }
            StmtKind::Return(v) => {
                let _ = writeln!(out, "{pad}return {}", expr(f, v));
            }
            StmtKind::Expr(e) => {
                let _ = writeln!(out, "{pad}{}", expr(f, e));
            }
            StmtKind::Assert { cond, code, details } => {
                let shown: Vec<String> = details.iter().map(|d| expr(f, d)).collect();
                let what = rhumba_runtime::abi::error_exception(*code);
                let _ = writeln!(out, "{pad}assert {} else {what}({})", expr(f, cond), shown.join(", "));
            }
            StmtKind::AssignArray { target, value } => {
                let _ = writeln!(out, "{pad}assign {} = {}", expr(f, target), expr(f, value));
            }
            StmtKind::ParallelFor { body, captured, start, stop, reductions } => {
                let cap: Vec<String> = captured.iter().map(|l| format!("%{}", f.locals[*l].name)).collect();
                let red: Vec<String> = reductions.iter().map(|(l, op)| format!("%{} {op:?}", f.locals[*l].name)).collect();
                let _ = writeln!(
                    out,
                    "{pad}parallel_for fn#{body}({}) over ({}, {}) reductions [{}]",
                    cap.join(", "),
                    expr(f, start),
                    expr(f, stop),
                    red.join(", ")
                );
            }
        }
    }
}

fn print_orelse(f: &Function, orelse: &[Stmt], depth: usize, out: &mut String) {
    let pad = "    ".repeat(depth);
    if orelse.is_empty() {
        let _ = writeln!(out, "{pad}}}");
    } else {
        let _ = writeln!(out, "{pad}}} else {{");
        print_block(f, orelse, depth + 1, out);
        let _ = writeln!(out, "{pad}}}");
    }
}

fn expr(f: &Function, e: &Expr) -> String {
    let body = match &e.kind {
        ExprKind::Local(l) => return format!("%{}", f.locals[*l].name),
        ExprKind::ConstArray(_) => "global_array".to_string(),
        ExprKind::View { array, axes } => {
            let opt = |e: &Option<Expr>| e.as_ref().map(|x| expr(f, x)).unwrap_or_default();
            let parts: Vec<String> = axes
                .iter()
                .map(|a| match a {
                    ViewAxis::At(i) => expr(f, i),
                    ViewAxis::Slice { start, stop, step } => format!("{}:{}:{}", opt(start), opt(stop), opt(step)),
                })
                .collect();
            format!("view {}[{}]", expr(f, array), parts.join(", "))
        }
        ExprKind::Transpose(a) => format!("transpose({})", expr(f, a)),
        ExprKind::ArrayBinary { op, lhs, rhs } => format!("elementwise#{op}({}, {})", expr(f, lhs), expr(f, rhs)),
        ExprKind::ArrayUnary { op, operand } => format!("elementwise#{op}({})", expr(f, operand)),
        ExprKind::Arange { start, stop, step, .. } => format!("arange({}, {}, {})", expr(f, start), expr(f, stop), expr(f, step)),
        ExprKind::Reshape { array, shape } => {
            let s: Vec<String> = shape.iter().map(|x| expr(f, x)).collect();
            format!("reshape({}, ({}))", expr(f, array), s.join(", "))
        }
        ExprKind::Cumsum(a) => format!("cumsum({})", expr(f, a)),
        ExprKind::Gather { array, index } => format!("gather {}[{}]", expr(f, array), expr(f, index)),
        ExprKind::CudaIndex { dim, axis } => return format!("cuda.{}.{}", dim.name(), ["x", "y", "z"][*axis]),
        ExprKind::SyncThreads => return "cuda.syncthreads()".to_string(),
        ExprKind::Catch => return "try".to_string(),
        ExprKind::SharedArray { id, dtype, shape } => {
            let s: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
            format!("shared#{id}<{dtype}>({})", s.join(", "))
        }
        ExprKind::Atomic { op, array, indices, value, expected } => {
            let idx: Vec<String> = indices.iter().map(|i| expr(f, i)).collect();
            let old = expected.as_ref().map(|x| format!("{}, ", expr(f, x))).unwrap_or_default();
            format!("atomic_{} {}[{}], {old}{}", op.name(), expr(f, array), idx.join(", "), expr(f, value))
        }
        ExprKind::ListNew => "list()".to_string(),
        ExprKind::ListLen(l) => format!("len({})", expr(f, l)),
        ExprKind::ListGet { list, index } => format!("{}[{}]", expr(f, list), expr(f, index)),
        ExprKind::ListSet { list, index, value } => format!("{}[{}] = {}", expr(f, list), expr(f, index), expr(f, value)),
        ExprKind::ListPush { list, value } => format!("{}.append({})", expr(f, list), expr(f, value)),
        ExprKind::ListTruncate { list, len } => format!("{}.truncate({})", expr(f, list), expr(f, len)),
        ExprKind::ObjectNew(fields) => format!("new {}({})", e.ty, fields.iter().map(|x| expr(f, x)).collect::<Vec<_>>().join(", ")),
        ExprKind::FieldGet { object, slot } => format!("{}.slot{slot}", expr(f, object)),
        ExprKind::FieldSet { object, slot, value } => format!("{}.slot{slot} = {}", expr(f, object), expr(f, value)),
        ExprKind::DictNew => "dict()".to_string(),
        ExprKind::DictLen(d) => format!("len({})", expr(f, d)),
        ExprKind::DictGet { dict, key, .. } => format!("{}[{}]", expr(f, dict), expr(f, key)),
        ExprKind::DictContains { dict, key } => format!("{} in {}", expr(f, key), expr(f, dict)),
        ExprKind::DictSet { dict, key, value } => format!("{}[{}] = {}", expr(f, dict), expr(f, key), expr(f, value)),
        ExprKind::DictDelete { dict, key, .. } => format!("del {}[{}]", expr(f, dict), expr(f, key)),
        ExprKind::DictEntry { dict, index, value } => format!("{}.{}_at({})", expr(f, dict), if *value { "value" } else { "key" }, expr(f, index)),
        ExprKind::Int(v) => return format!("{v}"),
        ExprKind::Float(v) => return format!("{v:?}"),
        ExprKind::Bool(b) => return format!("{b}"),
        ExprKind::Binary { op, lhs, rhs } => format!("{op:?}({}, {})", expr(f, lhs), expr(f, rhs)),
        ExprKind::Compare { op, lhs, rhs } => format!("{op:?}({}, {})", expr(f, lhs), expr(f, rhs)),
        ExprKind::Unary { op, operand } => format!("{op:?}({})", expr(f, operand)),
        ExprKind::Logic { and, lhs, rhs } => format!("{}({}, {})", if *and { "And" } else { "Or" }, expr(f, lhs), expr(f, rhs)),
        ExprKind::Select { cond, then, otherwise } => format!("select({}, {}, {})", expr(f, cond), expr(f, then), expr(f, otherwise)),
        ExprKind::Cast(v) => format!("cast({})", expr(f, v)),
        // Typed by their last part, which already prints its type.
        ExprKind::Let { local, value, body } => return format!("let %{} = {} in {}", f.locals[*local].name, expr(f, value), expr(f, body)),
        ExprKind::Guard { fail, code, value } => {
            return format!("guard({} raises {}) {}", expr(f, fail), rhumba_runtime::abi::error_exception(*code), expr(f, value));
        }
        ExprKind::Math { func, args } => {
            let a: Vec<String> = args.iter().map(|x| expr(f, x)).collect();
            let name = match func {
                MathFn::Extern(n, _) | MathFn::Runtime(n, _, _) => n.to_string(),
                other => format!("{other:?}"),
            };
            format!("{name}({})", a.join(", "))
        }
        ExprKind::Load { array, indices } => {
            let idx: Vec<String> = indices.iter().map(|i| expr(f, i)).collect();
            format!("load {}[{}]", expr(f, array), idx.join(", "))
        }
        ExprKind::Dim { array, axis } => format!("dim({}, {axis})", expr(f, array)),
        ExprKind::Call { func, args } => {
            let a: Vec<String> = args.iter().map(|x| expr(f, x)).collect();
            format!("call fn#{func}({})", a.join(", "))
        }
        ExprKind::Tuple(items) => {
            let a: Vec<String> = items.iter().map(|x| expr(f, x)).collect();
            format!("({})", a.join(", "))
        }
        ExprKind::TupleGet { tuple, index } => format!("{}.{index}", expr(f, tuple)),
        ExprKind::NewArray { dtype, shape, fill } => {
            let s: Vec<String> = shape.iter().map(|x| expr(f, x)).collect();
            let fill = fill.as_ref().map(|v| format!(", fill={}", expr(f, v))).unwrap_or_default();
            format!("new_array({dtype}, ({}){fill})", s.join(", "))
        }
        ExprKind::CopyArray(a) => format!("copy({})", expr(f, a)),
        ExprKind::Reduce { op, array } => format!("reduce#{op}({})", expr(f, array)),
    };
    format!("{body}: {}", e.ty)
}

// ------------------------------------------------------------------ verification

/// Checks the invariants the backends rely on: every variable used has a type, assignments and
/// returns carry their target's type, operands match their operator, indices are `int64`.
/// Tests run it on every specialisation; it returns the first violation found.
pub fn verify(f: &Function) -> Result<(), String> {
    // Parameters are typed by their arguments; `none` is a real type there (an omitted
    // `x=None`), so only the body's variables are checked.
    let v = Verifier { f };
    v.block(&f.body)
}

struct Verifier<'a> {
    f: &'a Function,
}

impl Verifier<'_> {
    fn fail<T>(&self, what: String) -> Result<T, String> {
        Err(format!("{}: {what}", self.f.name))
    }

    fn block(&self, body: &[Stmt]) -> Result<(), String> {
        for s in body {
            match &s.kind {
                StmtKind::Assign { local, value } => {
                    self.expr(value)?;
                    let ty = &self.f.locals[*local].ty;
                    if &value.ty != ty {
                        return self.fail(format!("%{} has type {ty} but is assigned a {}", self.f.locals[*local].name, value.ty));
                    }
                }
                StmtKind::Store { array, indices, value } => {
                    self.expr(array)?;
                    let Type::Array { dtype, .. } = array.ty else {
                        return self.fail(format!("store into a non-array {}", array.ty));
                    };
                    self.indices(indices)?;
                    self.expr(value)?;
                    if value.ty != crate::types::compute_type(dtype) {
                        return self.fail(format!("store of {} into an array of {dtype}", value.ty));
                    }
                }
                StmtKind::If { cond, then, otherwise } => {
                    self.boolean(cond)?;
                    self.block(then)?;
                    self.block(otherwise)?;
                }
                StmtKind::While { cond, body, orelse } => {
                    self.boolean(cond)?;
                    self.block(body)?;
                    self.block(orelse)?;
                }
                StmtKind::ForRange { var, start, stop, step, body, orelse, .. } => {
                    self.block(orelse)?;
                    for e in [start, stop, step] {
                        self.expr(e)?;
                        if e.ty != Type::Scalar(DType::Int64) {
                            return self.fail(format!("range bound of type {}", e.ty));
                        }
                    }
                    if self.f.locals[*var].ty != Type::Scalar(DType::Int64) {
                        return self.fail("loop variable is not int64".to_string());
                    }
                    self.block(body)?;
                }
                StmtKind::Return(v) => {
                    self.expr(v)?;
                    if v.ty != self.f.ret {
                        return self.fail(format!("returns {} from a function returning {}", v.ty, self.f.ret));
                    }
                }
                StmtKind::Expr(e) => self.expr(e)?,
                StmtKind::Assert { cond, details, .. } => {
                    self.boolean(cond)?;
                    for d in details {
                        self.expr(d)?;
                        if !matches!(d.ty, Type::Scalar(_)) || details.len() > 2 {
                            return self.fail(format!("a raise detail of type {}", d.ty));
                        }
                    }
                }
                StmtKind::ParallelFor { start, stop, reductions, .. } => {
                    self.indices(&[start.clone(), stop.clone()])?;
                    for (l, _) in reductions {
                        // Scalars, and arrays (an array reduction's accumulator, combined by `+`).
                        if !matches!(self.f.locals[*l].ty, Type::Scalar(_) | Type::Array { .. }) {
                            return self.fail(format!("reduction over %{} of type {}", self.f.locals[*l].name, self.f.locals[*l].ty));
                        }
                    }
                }
                StmtKind::AssignArray { target, value } => {
                    self.expr(target)?;
                    self.expr(value)?;
                    if !matches!(target.ty, Type::Array { .. }) {
                        return self.fail(format!("array assignment to {}", target.ty));
                    }
                }
                StmtKind::Break | StmtKind::Continue => {}
            }
        }
        Ok(())
    }

    /// Checks a dict operand; its key and value types.
    fn dict(&self, e: &Expr) -> Result<(Type, Type), String> {
        self.expr(e)?;
        match &e.ty {
            Type::Dict { key: Some(k), value: Some(v) } if crate::types::dict_key_supported(k) && crate::types::dict_value_supported(v) => Ok(((**k).clone(), (**v).clone())),
            _ => self.fail(format!("a dict operation on {}", e.ty)),
        }
    }

    /// Checks a list operand; its item type.
    fn list(&self, e: &Expr) -> Result<Type, String> {
        self.expr(e)?;
        match e.ty.list_item() {
            Some(item) if crate::types::list_item_supported(item) => Ok(item.clone()),
            _ => self.fail(format!("a list operation on {}", e.ty)),
        }
    }

    fn boolean(&self, e: &Expr) -> Result<(), String> {
        self.expr(e)?;
        if e.ty != Type::Scalar(DType::Bool) {
            return self.fail(format!("condition of type {}", e.ty));
        }
        Ok(())
    }

    fn indices(&self, indices: &[Expr]) -> Result<(), String> {
        for i in indices {
            self.expr(i)?;
            if i.ty != Type::Scalar(DType::Int64) {
                return self.fail(format!("index of type {}", i.ty));
            }
        }
        Ok(())
    }

    fn expr(&self, e: &Expr) -> Result<(), String> {
        match &e.kind {
            ExprKind::Local(l) => {
                if self.f.locals[*l].ty != e.ty {
                    return self.fail(format!("%{} read as {} but has type {}", self.f.locals[*l].name, e.ty, self.f.locals[*l].ty));
                }
            }
            ExprKind::Binary { op, lhs, rhs } => {
                self.expr(lhs)?;
                self.expr(rhs)?;
                if lhs.ty != rhs.ty || (lhs.ty != e.ty && *op != BinOp::Div) || (*op == BinOp::DivTrunc && e.ty != Type::Scalar(DType::Int64)) {
                    return self.fail(format!("{op:?} on {} and {} giving {}", lhs.ty, rhs.ty, e.ty));
                }
            }
            ExprKind::Compare { lhs, rhs, .. } => {
                self.expr(lhs)?;
                self.expr(rhs)?;
                if lhs.ty != rhs.ty || e.ty != Type::Scalar(DType::Bool) {
                    return self.fail(format!("comparison of {} and {}", lhs.ty, rhs.ty));
                }
            }
            ExprKind::Logic { lhs, rhs, .. } => {
                self.boolean(lhs)?;
                self.boolean(rhs)?;
            }
            ExprKind::Unary { operand, .. } | ExprKind::Cast(operand) | ExprKind::CopyArray(operand) => self.expr(operand)?,
            ExprKind::Reduce { array, .. } | ExprKind::Transpose(array) | ExprKind::ArrayUnary { operand: array, .. } | ExprKind::Cumsum(array) => self.expr(array)?,
            ExprKind::Arange { start, stop, step, .. } => {
                for b in [start, stop, step] {
                    self.expr(b)?;
                }
            }
            ExprKind::Reshape { array, shape } => {
                self.expr(array)?;
                self.indices(shape)?;
            }
            ExprKind::Gather { array, index } => {
                self.expr(array)?;
                self.expr(index)?;
            }
            ExprKind::Atomic { array, indices, value, expected, .. } => {
                self.expr(array)?;
                let Type::Array { dtype, .. } = array.ty else {
                    return self.fail(format!("atomic on a non-array {}", array.ty));
                };
                self.indices(indices)?;
                for v in std::iter::once(value).chain(expected) {
                    self.expr(v)?;
                    if v.ty != crate::types::compute_type(dtype) || e.ty != v.ty {
                        return self.fail(format!("atomic on {dtype} with a {} operand typed {}", v.ty, e.ty));
                    }
                }
            }
            ExprKind::ArrayBinary { lhs, rhs, .. } => {
                self.expr(lhs)?;
                self.expr(rhs)?;
            }
            ExprKind::ListNew => {
                if e.ty.list_item().is_none() {
                    return self.fail(format!("a new list of type {}", e.ty));
                }
            }
            ExprKind::ListLen(list) => {
                self.list(list)?;
                if e.ty != Type::Scalar(DType::Int64) {
                    return self.fail(format!("len of a list typed {}", e.ty));
                }
            }
            ExprKind::ListGet { list, index } => {
                let item = self.list(list)?;
                self.indices(std::slice::from_ref(&**index))?;
                if e.ty != item {
                    return self.fail(format!("an item of {} typed {}", list.ty, e.ty));
                }
            }
            ExprKind::ListSet { list, index, value } => {
                let item = self.list(list)?;
                self.indices(std::slice::from_ref(&**index))?;
                self.expr(value)?;
                if value.ty != item || e.ty != Type::None {
                    return self.fail(format!("storing {} in {}", value.ty, list.ty));
                }
            }
            ExprKind::ListPush { list, value } => {
                let item = self.list(list)?;
                self.expr(value)?;
                if value.ty != item || e.ty != Type::None {
                    return self.fail(format!("appending {} to {}", value.ty, list.ty));
                }
            }
            ExprKind::ListTruncate { list, len } => {
                self.list(list)?;
                self.indices(std::slice::from_ref(&**len))?;
            }
            ExprKind::ObjectNew(fields) => {
                for x in fields {
                    self.expr(x)?;
                }
                if !matches!(e.ty, Type::Instance { .. }) {
                    return self.fail(format!("a new object of type {}", e.ty));
                }
            }
            ExprKind::FieldGet { object, .. } | ExprKind::FieldSet { object, .. } => {
                self.expr(object)?;
                if let ExprKind::FieldSet { value, .. } = &e.kind {
                    self.expr(value)?;
                }
                if !matches!(object.ty, Type::Instance { .. }) {
                    return self.fail(format!("a field of {}", object.ty));
                }
            }
            ExprKind::DictNew => {
                if !matches!(&e.ty, Type::Dict { key: Some(_), value: Some(_) }) {
                    return self.fail(format!("a new dict of type {}", e.ty));
                }
            }
            ExprKind::DictLen(d) => {
                self.dict(d)?;
            }
            ExprKind::DictGet { dict, key, .. } | ExprKind::DictContains { dict, key } | ExprKind::DictDelete { dict, key, .. } => {
                let (k, v) = self.dict(dict)?;
                self.expr(key)?;
                let want = match &e.kind {
                    ExprKind::DictGet { .. } => v,
                    ExprKind::DictContains { .. } => Type::Scalar(DType::Bool),
                    _ => Type::None,
                };
                if key.ty != k || e.ty != want {
                    return self.fail(format!("a dict operation on {} with a key {} typed {}", dict.ty, key.ty, e.ty));
                }
            }
            ExprKind::DictSet { dict, key, value } => {
                let (k, v) = self.dict(dict)?;
                self.expr(key)?;
                self.expr(value)?;
                if key.ty != k || value.ty != v {
                    return self.fail(format!("storing {}: {} in {}", key.ty, value.ty, dict.ty));
                }
            }
            ExprKind::DictEntry { dict, index, value } => {
                let (k, v) = self.dict(dict)?;
                self.indices(std::slice::from_ref(&**index))?;
                if e.ty != if *value { v } else { k } {
                    return self.fail(format!("an entry of {} typed {}", dict.ty, e.ty));
                }
            }
            ExprKind::View { array, axes } => {
                self.expr(array)?;
                for a in axes {
                    match a {
                        ViewAxis::At(i) => self.indices(std::slice::from_ref(i))?,
                        ViewAxis::Slice { start, stop, step } => {
                            for b in [start, stop, step].into_iter().flatten() {
                                self.indices(std::slice::from_ref(b))?;
                            }
                        }
                    }
                }
            }
            ExprKind::Select { cond, then, otherwise } => {
                self.boolean(cond)?;
                self.expr(then)?;
                self.expr(otherwise)?;
                if then.ty != e.ty || otherwise.ty != e.ty {
                    return self.fail(format!("select of {} and {} giving {}", then.ty, otherwise.ty, e.ty));
                }
            }
            ExprKind::Math { args, .. } | ExprKind::Call { args, .. } | ExprKind::Tuple(args) => {
                for a in args {
                    self.expr(a)?;
                }
            }
            ExprKind::Load { array, indices } => {
                self.expr(array)?;
                let Type::Array { dtype, .. } = array.ty else {
                    return self.fail(format!("load from a non-array {}", array.ty));
                };
                self.indices(indices)?;
                if e.ty != crate::types::compute_type(dtype) {
                    return self.fail(format!("load of {dtype} typed {}", e.ty));
                }
            }
            ExprKind::Dim { array, .. } => self.expr(array)?,
            ExprKind::TupleGet { tuple, index } => {
                self.expr(tuple)?;
                match &tuple.ty {
                    Type::Tuple(_) | Type::Optional(_) | Type::Complex(_) if tuple.ty.items().and_then(|items| items.get(*index).cloned()).as_ref() == Some(&e.ty) => {}
                    other => return self.fail(format!("element {index} of {other} typed {}", e.ty)),
                }
            }
            ExprKind::NewArray { shape, fill, .. } => {
                self.indices(shape)?;
                if let Some(v) = fill {
                    self.expr(v)?;
                }
            }
            ExprKind::Let { local, value, body } => {
                self.expr(value)?;
                self.expr(body)?;
                if self.f.locals[*local].ty != value.ty || body.ty != e.ty {
                    return self.fail(format!("let %{} of {} bound to a {}", self.f.locals[*local].name, self.f.locals[*local].ty, value.ty));
                }
            }
            ExprKind::Guard { fail, value, .. } => {
                self.boolean(fail)?;
                self.expr(value)?;
                if value.ty != e.ty {
                    return self.fail(format!("guard of a {} typed {}", value.ty, e.ty));
                }
            }
            ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Bool(_) | ExprKind::ConstArray(_) => {}
            ExprKind::CudaIndex { .. } | ExprKind::SyncThreads | ExprKind::SharedArray { .. } | ExprKind::Catch => {}
        }
        Ok(())
    }
}

// ------------------------------------------------------------------ parameter effects

/// For each parameter of `f`, whether compiled code may write into it: an array parameter
/// stored into directly, through a variable or view derived from it, or by a function it is
/// passed to. Conservative (a parameter merely passed along counts as written when the callee
/// writes its corresponding parameter); the embedding API uses it to refuse read-only views for
/// kernels that write.
pub fn written_parameters(f: &Function, functions: &[Option<Function>]) -> Vec<bool> {
    written_with_depth(f, functions, 0)
}

fn written_with_depth(f: &Function, functions: &[Option<Function>], depth: usize) -> Vec<bool> {
    // Which parameter(s) each local may alias, found by propagating through assignments.
    let mut aliases: Vec<std::collections::BTreeSet<usize>> = vec![Default::default(); f.locals.len()];
    for (k, p) in f.params.iter().enumerate() {
        aliases[*p].insert(k);
    }
    fn roots(e: &Expr, aliases: &[std::collections::BTreeSet<usize>], out: &mut std::collections::BTreeSet<usize>) {
        match &e.kind {
            ExprKind::Local(l) => out.extend(aliases[*l].iter().copied()),
            ExprKind::View { array, .. } | ExprKind::Transpose(array) | ExprKind::Reshape { array, .. } => roots(array, aliases, out),
            ExprKind::Tuple(items) => items.iter().for_each(|i| roots(i, aliases, out)),
            ExprKind::TupleGet { tuple, .. } => roots(tuple, aliases, out),
            ExprKind::Select { then, otherwise, .. } => {
                roots(then, aliases, out);
                roots(otherwise, aliases, out);
            }
            _ => {}
        }
    }
    fn visit(body: &[Stmt], f: &Function, functions: &[Option<Function>], depth: usize, aliases: &mut Vec<std::collections::BTreeSet<usize>>, written: &mut Vec<bool>, changed: &mut bool) {
        let mark = |e: &Expr, aliases: &Vec<std::collections::BTreeSet<usize>>, written: &mut Vec<bool>| {
            let mut r = std::collections::BTreeSet::new();
            roots(e, aliases, &mut r);
            for k in r {
                written[k] = true;
            }
        };
        let mut calls = Vec::new();
        for s in body {
            match &s.kind {
                StmtKind::Assign { local, value } => {
                    let mut r = std::collections::BTreeSet::new();
                    roots(value, aliases, &mut r);
                    let before = aliases[*local].len();
                    aliases[*local].extend(r);
                    *changed |= aliases[*local].len() != before;
                }
                StmtKind::Store { array, .. } => mark(array, aliases, written),
                StmtKind::AssignArray { target, .. } => mark(target, aliases, written),
                StmtKind::If { then, otherwise, .. } => {
                    visit(then, f, functions, depth, aliases, written, changed);
                    visit(otherwise, f, functions, depth, aliases, written, changed);
                }
                StmtKind::While { body, orelse, .. } | StmtKind::ForRange { body, orelse, .. } => {
                    visit(body, f, functions, depth, aliases, written, changed);
                    visit(orelse, f, functions, depth, aliases, written, changed);
                }
                StmtKind::ParallelFor { body: callee, captured, .. } => calls.push((*callee, captured.iter().map(|l| Expr::new(ExprKind::Local(*l), f.locals[*l].ty.clone(), s.span)).collect::<Vec<_>>())),
                _ => {}
            }
            let mut each = |e: &Expr| {
                if let ExprKind::Call { func, args } = &e.kind {
                    calls.push((*func, args.clone()));
                }
            };
            stmt_exprs(s, &mut each);
        }
        for (callee, args) in calls {
            let Some(Some(g)) = functions.get(callee) else { continue };
            // Recursion is cut off conservatively: past a few levels every array counts as written.
            let inner = if depth < 8 { written_with_depth(g, functions, depth + 1) } else { vec![true; g.params.len()] };
            for (k, a) in args.iter().enumerate() {
                if inner.get(k).copied().unwrap_or(true) {
                    mark(a, aliases, written);
                }
            }
        }
    }
    let mut written = vec![false; f.params.len()];
    loop {
        let mut changed = false;
        visit(&f.body, f, functions, depth, &mut aliases, &mut written, &mut changed);
        if !changed {
            break;
        }
    }
    written
}

/// Calls `each` on every statement of `body` and on the statements nested in them, parents first.
pub fn for_each_stmt(body: &[Stmt], each: &mut dyn FnMut(&Stmt)) {
    for s in body {
        each(s);
        match &s.kind {
            StmtKind::If { then: a, otherwise: b, .. } | StmtKind::While { body: a, orelse: b, .. } | StmtKind::ForRange { body: a, orelse: b, .. } => {
                for_each_stmt(a, each);
                for_each_stmt(b, each);
            }
            _ => {}
        }
    }
}

/// Calls `each` on every expression of `body` and of the statements nested in it.
pub fn for_each_expr(body: &[Stmt], each: &mut dyn FnMut(&Expr)) {
    for s in body {
        stmt_exprs(s, each);
        match &s.kind {
            StmtKind::If { then: a, otherwise: b, .. } | StmtKind::While { body: a, orelse: b, .. } | StmtKind::ForRange { body: a, orelse: b, .. } => {
                for_each_expr(a, each);
                for_each_expr(b, each);
            }
            _ => {}
        }
    }
}

/// Calls `each` on every expression of a statement (not descending into nested statements).
fn stmt_exprs(s: &Stmt, each: &mut dyn FnMut(&Expr)) {
    match &s.kind {
        StmtKind::Assign { value, .. } | StmtKind::Return(value) | StmtKind::Expr(value) => walk_expr(value, each),
        StmtKind::Assert { cond, details, .. } => std::iter::once(cond).chain(details).for_each(|e| walk_expr(e, each)),
        StmtKind::Store { array, indices, value } => {
            walk_expr(array, each);
            indices.iter().for_each(|i| walk_expr(i, each));
            walk_expr(value, each);
        }
        StmtKind::AssignArray { target, value } => {
            walk_expr(target, each);
            walk_expr(value, each);
        }
        StmtKind::If { cond, .. } | StmtKind::While { cond, .. } => walk_expr(cond, each),
        StmtKind::ForRange { start, stop, step, .. } => {
            walk_expr(start, each);
            walk_expr(stop, each);
            walk_expr(step, each);
        }
        StmtKind::ParallelFor { start, stop, .. } => {
            walk_expr(start, each);
            walk_expr(stop, each);
        }
        StmtKind::Break | StmtKind::Continue => {}
    }
}

/// Whether specialisation `index` can call itself, directly or through other functions (and
/// outlined `prange` bodies): such functions check the stack on entry.
pub fn is_recursive(functions: &[Option<Function>], index: FuncIndex) -> bool {
    let mut seen = vec![false; functions.len()];
    let mut stack = callees(functions, index);
    while let Some(g) = stack.pop() {
        if g == index {
            return true;
        }
        if g < seen.len() && !seen[g] {
            seen[g] = true;
            stack.extend(callees(functions, g));
        }
    }
    false
}

fn callees(functions: &[Option<Function>], index: FuncIndex) -> Vec<FuncIndex> {
    let Some(Some(f)) = functions.get(index) else { return Vec::new() };
    let mut out = parallel_bodies(f);
    for_each_expr(&f.body, &mut |e| {
        if let ExprKind::Call { func, .. } = &e.kind {
            out.push(*func);
        }
    });
    out
}

/// Whether specialisation `index` or anything it calls synchronises a CUDA block
/// (`cuda.syncthreads()`): the simulator runs such kernels with one OS thread per CUDA thread.
pub fn synchronises(functions: &[Option<Function>], index: FuncIndex) -> bool {
    fn block(body: &[Stmt], functions: &[Option<Function>], seen: &mut Vec<FuncIndex>, found: &mut bool) {
        for s in body {
            let mut calls = Vec::new();
            stmt_exprs(s, &mut |e| match &e.kind {
                ExprKind::SyncThreads => *found = true,
                ExprKind::Call { func, .. } => calls.push(*func),
                _ => {}
            });
            for c in calls {
                visit(c, functions, seen, found);
            }
            match &s.kind {
                StmtKind::If { then, otherwise, .. } => {
                    block(then, functions, seen, found);
                    block(otherwise, functions, seen, found);
                }
                StmtKind::While { body, orelse, .. } | StmtKind::ForRange { body, orelse, .. } => {
                    block(body, functions, seen, found);
                    block(orelse, functions, seen, found);
                }
                StmtKind::ParallelFor { body, .. } => visit(*body, functions, seen, found),
                _ => {}
            }
        }
    }
    fn visit(index: FuncIndex, functions: &[Option<Function>], seen: &mut Vec<FuncIndex>, found: &mut bool) {
        if *found || seen.contains(&index) {
            return;
        }
        seen.push(index);
        if let Some(Some(f)) = functions.get(index) {
            block(&f.body, functions, seen, found);
        }
    }
    let mut found = false;
    visit(index, functions, &mut Vec::new(), &mut found);
    found
}

/// The outlined `prange` bodies specialisation `f` runs directly.
pub fn parallel_bodies(f: &Function) -> Vec<FuncIndex> {
    fn block(body: &[Stmt], out: &mut Vec<FuncIndex>) {
        for s in body {
            match &s.kind {
                StmtKind::ParallelFor { body, .. } => out.push(*body),
                StmtKind::If { then, otherwise, .. } => {
                    block(then, out);
                    block(otherwise, out);
                }
                StmtKind::While { body, orelse, .. } | StmtKind::ForRange { body, orelse, .. } => {
                    block(body, out);
                    block(orelse, out);
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    block(&f.body, &mut out);
    out
}

// ------------------------------------------------------------------ rewriting

/// The direct subexpressions of an expression kind, in evaluation order: one match for both
/// [`children`] and [`children_mut`] (`$($m)?` is `mut` or nothing).
macro_rules! children_of {
    ($kind:expr $(, $m:tt)?) => {
        match $kind {
            ExprKind::Binary { lhs, rhs, .. } | ExprKind::Compare { lhs, rhs, .. } | ExprKind::Logic { lhs, rhs, .. } | ExprKind::ArrayBinary { lhs, rhs, .. } => vec![&$($m)? **lhs, &$($m)? **rhs],
            ExprKind::Let { value: lhs, body: rhs, .. } | ExprKind::Guard { fail: lhs, value: rhs, .. } | ExprKind::Gather { array: lhs, index: rhs } => vec![&$($m)? **lhs, &$($m)? **rhs],
            ExprKind::ListGet { list: lhs, index: rhs } | ExprKind::ListPush { list: lhs, value: rhs } | ExprKind::ListTruncate { list: lhs, len: rhs } => vec![&$($m)? **lhs, &$($m)? **rhs],
            ExprKind::ListSet { list, index, value } => vec![&$($m)? **list, &$($m)? **index, &$($m)? **value],
            ExprKind::FieldSet { object: lhs, value: rhs, .. } => vec![&$($m)? **lhs, &$($m)? **rhs],
            ExprKind::ListLen(operand) | ExprKind::DictLen(operand) => vec![&$($m)? **operand],
            ExprKind::DictGet { dict: lhs, key: rhs, .. } | ExprKind::DictContains { dict: lhs, key: rhs } | ExprKind::DictDelete { dict: lhs, key: rhs, .. } | ExprKind::DictEntry { dict: lhs, index: rhs, .. } => vec![&$($m)? **lhs, &$($m)? **rhs],
            ExprKind::DictSet { dict, key, value } => vec![&$($m)? **dict, &$($m)? **key, &$($m)? **value],
            ExprKind::Unary { operand, .. }
            | ExprKind::Cast(operand)
            | ExprKind::CopyArray(operand)
            | ExprKind::Transpose(operand)
            | ExprKind::ArrayUnary { operand, .. }
            | ExprKind::Reduce { array: operand, .. }
            | ExprKind::Dim { array: operand, .. }
            | ExprKind::TupleGet { tuple: operand, .. }
            | ExprKind::FieldGet { object: operand, .. }
            | ExprKind::Cumsum(operand) => vec![&$($m)? **operand],
            ExprKind::Arange { start, stop, step, .. } => vec![&$($m)? **start, &$($m)? **stop, &$($m)? **step],
            ExprKind::Select { cond, then, otherwise } => vec![&$($m)? **cond, &$($m)? **then, &$($m)? **otherwise],
            ExprKind::Math { args, .. } | ExprKind::Call { args, .. } | ExprKind::Tuple(args) | ExprKind::ObjectNew(args) => args.into_iter().collect(),
            ExprKind::Load { array, indices } | ExprKind::Reshape { array, shape: indices } => std::iter::once(&$($m)? **array).chain(indices.into_iter()).collect(),
            ExprKind::Atomic { array, indices, value, expected, .. } => {
                let mut v: Vec<_> = std::iter::once(&$($m)? **array).chain(indices.into_iter()).collect();
                v.push(&$($m)? **value);
                if let Some(x) = expected {
                    v.push(&$($m)? **x);
                }
                v
            }
            ExprKind::View { array, axes } => {
                let mut v = vec![&$($m)? **array];
                for a in axes {
                    match a {
                        ViewAxis::At(i) => v.push(i),
                        ViewAxis::Slice { start, stop, step } => v.extend([start, stop, step].into_iter().flatten()),
                    }
                }
                v
            }
            ExprKind::NewArray { shape, fill, .. } => {
                let mut v: Vec<_> = shape.into_iter().collect();
                if let Some(x) = fill {
                    v.push(&$($m)? **x);
                }
                v
            }
            ExprKind::Local(_) | ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Bool(_) | ExprKind::ConstArray(_) | ExprKind::ListNew | ExprKind::DictNew => Vec::new(),
            ExprKind::CudaIndex { .. } | ExprKind::SyncThreads | ExprKind::SharedArray { .. } | ExprKind::Catch => Vec::new(),
        }
    };
}

/// The direct subexpressions of `e`, in evaluation order.
pub fn children(e: &Expr) -> Vec<&Expr> {
    children_of!(&e.kind)
}

/// The direct subexpressions of `e`, for passes that rewrite expressions in place.
pub fn children_mut(e: &mut Expr) -> Vec<&mut Expr> {
    children_of!(&mut e.kind, mut)
}

/// Calls `each` on `e` and on every expression inside it, parents first: the IR's one walker.
pub fn walk_expr(e: &Expr, each: &mut dyn FnMut(&Expr)) {
    each(e);
    for c in children(e) {
        walk_expr(c, each);
    }
}

/// The expressions of one statement (not of the statements nested in it), for rewriting.
pub fn stmt_exprs_mut(s: &mut Stmt) -> Vec<&mut Expr> {
    match &mut s.kind {
        StmtKind::Assign { value, .. } | StmtKind::Return(value) | StmtKind::Expr(value) => vec![value],
        StmtKind::Assert { cond, details, .. } => std::iter::once(cond).chain(details.iter_mut()).collect(),
        StmtKind::If { cond, .. } | StmtKind::While { cond, .. } => vec![cond],
        StmtKind::Store { array, indices, value } => std::iter::once(array).chain(indices.iter_mut()).chain(std::iter::once(value)).collect(),
        StmtKind::AssignArray { target, value } => vec![target, value],
        StmtKind::ForRange { start, stop, step, .. } => vec![start, stop, step],
        StmtKind::ParallelFor { start, stop, .. } => vec![start, stop],
        StmtKind::Break | StmtKind::Continue => Vec::new(),
    }
}

/// The statement lists nested in one statement (bodies and `else` blocks).
pub fn nested_blocks_mut(s: &mut Stmt) -> Vec<&mut Vec<Stmt>> {
    match &mut s.kind {
        StmtKind::If { then, otherwise, .. } => vec![then, otherwise],
        StmtKind::While { body, orelse, .. } | StmtKind::ForRange { body, orelse, .. } => vec![body, orelse],
        _ => Vec::new(),
    }
}
