//! Type inference: one decorated function plus a tuple of argument types becomes a TIR function.
//!
//! Inference follows Numba: literals are `int64`/`float64`, a variable assigned values of different
//! numeric types takes their unification (`int64` and `float64` give `float64`), `/` gives a float.
//! The body is walked until the variables' types stop changing; the last walk builds the TIR,
//! inserting conversions where a value meets a variable of a wider type.

use std::collections::HashMap;
use std::rc::Rc;

use rhumba_grammar::ast::{self, BinOp as AstBinOp, CmpOp as AstCmpOp, ExprKind as E, FunctionDef, Span, StmtKind as S};
use rhumba_grammar::Symbol;
use rhumba_runtime::DType;

use crate::tir::{self, BinOp, CmpOp, Expr, ExprKind, FuncIndex, MathFn, Stmt, StmtKind, UnOp, ViewAxis};
use crate::types::{Layout, Type};

/// What a module-level name is, as far as compiled code is concerned.
#[derive(Clone)]
pub enum Global {
    Int(i64),
    Float(f64),
    Bool(bool),
    /// `numpy`, `numpy.random`, `math`, `numba`.
    Module(&'static str),
    /// Another decorated function; `key` identifies its definition.
    Function { key: usize, def: Rc<FunctionDef> },
    /// A `@vectorize` function: compiled code calls its scalar kernel with scalar arguments.
    Vectorized { key: usize, def: Rc<FunctionDef> },
    /// A Python builtin (`range`, `len`, `min`, ...) or a numba name (`prange`).
    Builtin(&'static str),
    /// A numpy scalar type such as `np.float32`, usable as a conversion.
    ScalarType(DType),
    /// A library function imported by name (`from math import sin`): `module.name`.
    Library { module: &'static str, name: &'static str },
    /// A module-level array, frozen when the function is compiled (as Numba does): `desc` is the
    /// address of a descriptor the environment keeps alive for as long as the compiled code.
    Array { desc: usize, dtype: DType, ndim: usize },
    /// An exception class of the program's own (`class E(Exception)`) or a built-in one: its
    /// name and, for the program's own, its bases' names (itself first).
    ExceptionClass { name: String, lineage: Vec<String> },
    /// A `@jitclass` class: calling it makes an instance; `Environment::class(key)` describes it.
    Class { key: usize },
    /// Anything else, described for the message.
    Other(String),
}

/// Where the checker looks up module-level names.
pub trait Environment {
    /// What the module-level name `name` means in the decorated function `key` (hosts where
    /// functions come from different modules, such as CPython, answer per function).
    fn global(&self, key: usize, name: Symbol) -> Option<Global>;
    /// Whether the decorated function `key` checks array bounds (`boundscheck=False` says no).
    fn bounds_check(&self, key: usize) -> bool;
    /// The definition of the decorated function `key`, for calls through a function value.
    fn function(&self, key: usize) -> Option<Rc<FunctionDef>>;
    /// Whether the decorated function `key` was declared `parallel=True`.
    fn parallel(&self, key: usize) -> bool;
    /// Whether the function `key` is a `@cuda.jit` kernel or device function, where
    /// `cuda.threadIdx`, `cuda.shared.array` and the other CUDA intrinsics are allowed.
    fn cuda(&self, _key: usize) -> bool {
        false
    }
    /// The `@jitclass` class `key` (of a [`Global::Class`] or a [`Type::Instance`]): its
    /// fields and methods. Hosts that compile no jitclass answer `None`.
    fn class(&self, _key: usize) -> Option<Rc<ClassInfo>> {
        None
    }
}

/// A `@jitclass` as compiled code sees it: the fields of its spec, in order, with their types
/// (laid out one after another in an instance's slots), and its methods and property getters,
/// each a function whose first parameter is the instance, under the host's key for it.
#[derive(Debug)]
pub struct ClassInfo {
    pub name: String,
    pub fields: Vec<(Symbol, Type)>,
    pub methods: HashMap<Symbol, (usize, Rc<FunctionDef>)>,
    pub properties: HashMap<Symbol, (usize, Rc<FunctionDef>)>,
}

/// Why a function could not be compiled.
#[derive(Clone, Debug)]
pub struct CheckError {
    /// `true` for a genuine typing error in the program (Numba would refuse it too); `false`
    /// for a construct rhumba does not compile yet.
    pub is_type_error: bool,
    pub message: String,
    pub span: Span,
    pub secondary: Option<(Span, String)>,
}

mod classes;
mod closures;
mod complex;
mod dicts;
mod lists;
mod printing;
mod raising;
mod strings;

fn unsupported<T>(span: Span, message: impl Into<String>) -> Result<T, CheckError> {
    Err(CheckError { is_type_error: false, message: message.into(), span, secondary: None })
}

fn type_error<T>(span: Span, message: impl Into<String>) -> Result<T, CheckError> {
    Err(CheckError { is_type_error: true, message: message.into(), span, secondary: None })
}

/// The compilation unit: every specialisation compiled together, by (function, argument types).
#[derive(Default)]
pub struct Unit {
    pub functions: Vec<Option<tir::Function>>,
    /// How the pipeline runs for the specialisations added to this unit.
    pub options: crate::pipeline::Options,
    index: HashMap<(usize, Vec<Type>), FuncIndex>,
    /// Return types known so far for functions still being inferred (recursion).
    pending_returns: HashMap<FuncIndex, Option<Type>>,
    /// Warnings found while checking (possible races in `prange` loops), for the caller to show.
    pub warnings: Vec<(Span, String)>,
}

impl Unit {
    pub fn lookup(&self, key: usize, args: &[Type]) -> Option<FuncIndex> {
        self.index.get(&(key, args.to_vec())).copied()
    }

    /// The decorated function a specialisation was made from (its environment key); `None` for
    /// outlined loop bodies and other functions the unit made itself.
    pub fn key_of(&self, index: FuncIndex) -> Option<usize> {
        self.index.iter().find(|(_, i)| **i == index).map(|((key, _), _)| *key)
    }

    /// An empty unit whose specialisations will be compiled with `options`.
    pub fn with_options(options: crate::pipeline::Options) -> Unit {
        Unit { options, ..Unit::default() }
    }

    /// Adds a function made by a pass (an outlined `prange` body) and returns its index.
    pub fn push(&mut self, f: tir::Function) -> FuncIndex {
        self.functions.push(Some(f));
        self.functions.len() - 1
    }

    /// A copy of the compiled functions alone, for compiling them again elsewhere (another
    /// backend, on another thread).
    pub fn snapshot(&self) -> Unit {
        Unit { functions: self.functions.clone(), options: self.options.clone(), ..Unit::default() }
    }

    /// Forgets specialisations that failed, so that the unit stays consistent.
    pub fn truncate(&mut self, len: usize) {
        self.functions.truncate(len);
        self.index.retain(|_, v| *v < len);
        self.pending_returns.retain(|k, _| *k < len);
    }
}

/// Infers and builds the specialisation of `def` for `args`, and of every function it calls.
pub fn check_function(
    unit: &mut Unit,
    env: &dyn Environment,
    key: usize,
    def: &Rc<FunctionDef>,
    args: &[Type],
) -> Result<FuncIndex, CheckError> {
    match check_nested(unit, env, key, def, args) {
        Ok(i) => Ok(i),
        Err(Pending::Error(e)) => Err(e),
        // Only a callee's check waits on its callers; the outermost has none to wait on.
        Err(Pending::Recursion) => type_error(def.span, format!("cannot infer the return type of the recursive function {}(): no path returns without recursing (runaway recursion)", def.name.name)),
    }
}

/// [`check_function`] for a call from a function being checked: `Pending::Recursion` when
/// `def` cannot be typed until a caller still being checked knows its return type (mutual
/// recursion); the specialisation is then forgotten and built again on the caller's next pass.
fn check_nested(
    unit: &mut Unit,
    env: &dyn Environment,
    key: usize,
    def: &Rc<FunctionDef>,
    args: &[Type],
) -> Result<FuncIndex, Pending> {
    if let Some(i) = unit.lookup(key, args) {
        return Ok(i);
    }
    // Every argument was given (callers bind keywords and defaults, and collect the extra
    // positional arguments of a `*args` function into one tuple), so default values do not
    // matter here.
    let expected = def.params.len() + usize::from(def.vararg.is_some());
    if expected != args.len() || (def.vararg.is_some() && !matches!(args.last(), Some(Type::Tuple(_)))) {
        return Ok(type_error(def.span, format!("{}() takes {} arguments but {} were given", def.name.name, def.params.len(), args.len()))?);
    }
    let index = unit.functions.len();
    unit.functions.push(None);
    unit.index.insert((key, args.to_vec()), index);
    unit.pending_returns.insert(index, None);
    // Assignments whose values never meet get names of their own, typed separately (Numba's
    // SSA versions).
    let def = &crate::ssa_names::split(def);
    let mut checker = Checker::new(unit, env, def, key, index, args);
    let result = checker.run();
    let f = match result {
        Ok(f) => f,
        Err(e) => {
            unit.truncate(index);
            return Err(e);
        }
    };
    unit.pending_returns.remove(&index);
    let f = match crate::pipeline::after_check(unit, f) {
        Ok(f) => f,
        Err(e) => {
            unit.truncate(index);
            return Err(Pending::Error(e));
        }
    };
    unit.functions[index] = Some(f);
    Ok(index)
}

pub use crate::types::compute_type;

/// An int64 value wrapped to an integer dtype's width (two's complement for signed types,
/// the low bits for unsigned ones), still held as an int64, as numpy's conversion wraps.
fn wrap_to_width(v: Expr, d: DType, span: Span) -> Expr {
    let bits = (d.size() * 8) as i64;
    if bits >= 64 {
        return v;
    }
    let int = |k: i64| Box::new(Expr::new(ExprKind::Int(k), I64, span));
    let op = |op: BinOp, lhs: Expr, rhs: Box<Expr>| Expr::new(ExprKind::Binary { op, lhs: Box::new(lhs), rhs }, I64, span);
    if d.is_unsigned_int() {
        op(BinOp::BitAnd, v, int((1i64 << bits) - 1))
    } else {
        op(BinOp::Shr, op(BinOp::Shl, v, int(64 - bits)), int(64 - bits))
    }
}

/// A value bound to a temporary around an expression that reads it (or nothing to bind).
struct LocalBinding(Option<(tir::LocalId, Expr)>);

impl LocalBinding {
    /// `body` evaluated with the binding in scope.
    fn wrap(self, body: Expr) -> Expr {
        match self.0 {
            Some((local, value)) => {
                let (ty, span) = (body.ty.clone(), body.span);
                Expr::new(ExprKind::Let { local, value: Box::new(value), body: Box::new(body) }, ty, span)
            }
            None => body,
        }
    }
}

/// Whether a default parameter value is a literal (a number, bool, None or string, a negated
/// number, or a tuple of those), the same wherever it is typed.
fn is_literal(e: &ast::Expr) -> bool {
    match &e.kind {
        E::Int(_) | E::Float(_) | E::Bool(_) | E::None | E::Str(_) => true,
        E::UnaryOp { op: ast::UnaryOp::Neg | ast::UnaryOp::Pos, operand } => matches!(operand.kind, E::Int(_) | E::Float(_)),
        E::Tuple(items) => items.iter().all(is_literal),
        _ => false,
    }
}

/// The names a function's arguments arrive in: its parameters, then its `*args` tuple.
fn parameter_names(def: &FunctionDef) -> impl Iterator<Item = &ast::Ident> {
    def.params.iter().map(|p| &p.name).chain(def.vararg.as_ref())
}

/// Whether control can reach the end of `block` (and so return None there). Conservative: a
/// loop may always end, except `while True` without a `break` of its own.
fn falls_through(block: &[Stmt]) -> bool {
    let Some(last) = block.last() else { return true };
    match &last.kind {
        StmtKind::Return(_) => false,
        // `raise`: an assertion of `False`.
        StmtKind::Assert { cond: Expr { kind: ExprKind::Bool(false), .. }, .. } => false,
        StmtKind::If { then, otherwise, .. } => falls_through(then) || falls_through(otherwise),
        StmtKind::While { cond, body, .. } => !(matches!(cond.kind, ExprKind::Bool(true)) && !breaks(body)),
        _ => true,
    }
}

/// Whether a block returns a value anywhere (`return x`, not a bare `return`), outside inner
/// functions.
fn returns_value(block: &[ast::Stmt]) -> bool {
    block.iter().any(|s| match &s.kind {
        S::Return(v) => v.is_some(),
        S::If { body, orelse, .. } | S::While { body, orelse, .. } | S::For { body, orelse, .. } => returns_value(body) || returns_value(orelse),
        S::Try { body, handlers, orelse, finalbody } => returns_value(body) || handlers.iter().any(|h| returns_value(&h.body)) || returns_value(orelse) || returns_value(finalbody),
        _ => false,
    })
}

/// Whether a loop body contains a `break` or `continue` of this loop (not of a nested one).
fn leaves_loop(block: &[ast::Stmt]) -> bool {
    block.iter().any(|s| match &s.kind {
        S::Break | S::Continue => true,
        S::If { body, orelse, .. } => leaves_loop(body) || leaves_loop(orelse),
        _ => false,
    })
}

/// Whether a loop body contains a `break` that leaves this loop (not a nested one).
fn breaks(block: &[Stmt]) -> bool {
    block.iter().any(|s| match &s.kind {
        StmtKind::Break => true,
        StmtKind::If { then, otherwise, .. } => breaks(then) || breaks(otherwise),
        _ => false,
    })
}

const I64: Type = Type::Scalar(DType::Int64);
const F64: Type = Type::Scalar(DType::Float64);
const F32: Type = Type::Scalar(DType::Float32);
const BOOL: Type = Type::Scalar(DType::Bool);

fn is_int(t: &Type) -> bool {
    matches!(t, Type::Scalar(d) if d.is_int())
}

fn is_float(t: &Type) -> bool {
    matches!(t, Type::Scalar(d) if d.is_float())
}

fn is_numeric(t: &Type) -> bool {
    matches!(t, Type::Scalar(_))
}

/// Numba's unification of two types that meet at a variable or a branch.
pub fn unify(a: &Type, b: &Type) -> Option<Type> {
    if a == b {
        return Some(a.clone());
    }
    match (a, b) {
        (Type::Scalar(x), Type::Scalar(y)) => Some(arith_type(*x, *y)),
        (Type::Complex(_), Type::Complex(_) | Type::Scalar(_)) | (Type::Scalar(_), Type::Complex(_)) => complex::complex_result(a, b),
        (Type::None, Type::Complex(_)) | (Type::Complex(_), Type::None) => Some(Type::Optional(Box::new(if *a == Type::None { b.clone() } else { a.clone() }))),
        // An array or None (`return None` on some paths): an Optional array, as in Numba.
        (Type::None, Type::Array { .. }) | (Type::Array { .. }, Type::None) => Some(Type::Optional(Box::new(if *a == Type::None { b.clone() } else { a.clone() }))),
        (Type::Optional(x), Type::Array { .. }) if matches!(**x, Type::Array { .. }) => unify(x, b).map(|t| Type::Optional(Box::new(t))),
        (Type::Array { .. }, Type::Optional(y)) if matches!(**y, Type::Array { .. }) => unify(a, y).map(|t| Type::Optional(Box::new(t))),
        // A jitclass instance or None (`head = None`, then `head = Node(v, head)`).
        (Type::None, Type::Instance { .. }) | (Type::Instance { .. }, Type::None) => Some(Type::Optional(Box::new(if *a == Type::None { b.clone() } else { a.clone() }))),
        (Type::Optional(x), Type::Instance { .. }) if **x == *b => Some(a.clone()),
        (Type::Instance { .. }, Type::Optional(y)) if **y == *a => Some(b.clone()),
        (Type::Array { dtype: d1, ndim: n1, .. }, Type::Array { dtype: d2, ndim: n2, .. }) if d1 == d2 && n1 == n2 => {
            Some(Type::Array { dtype: *d1, ndim: *n1, layout: Layout::Any })
        }
        (Type::Tuple(x), Type::Tuple(y)) if x.len() == y.len() => {
            x.iter().zip(y).map(|(p, q)| unify(p, q)).collect::<Option<Vec<_>>>().map(Type::Tuple)
        }
        // A number and None meet as Numba's Optional (numbers only, so far).
        (Type::None, Type::Scalar(_)) | (Type::Scalar(_), Type::None) => Some(Type::Optional(Box::new(if *a == Type::None { b.clone() } else { a.clone() }))),
        (Type::Optional(x), Type::None) | (Type::None, Type::Optional(x)) => Some(Type::Optional(x.clone())),
        (Type::Optional(x), Type::Scalar(_)) => unify(x, b).map(|t| Type::Optional(Box::new(t))),
        (Type::Scalar(_), Type::Optional(y)) => unify(a, y).map(|t| Type::Optional(Box::new(t))),
        (Type::Optional(x), Type::Optional(y)) => unify(x, y).map(|t| Type::Optional(Box::new(t))),
        // An empty list's items take the type its uses give them.
        (Type::List { item: None, typed: p }, Type::List { item: Some(t), typed: q }) | (Type::List { item: Some(t), typed: p }, Type::List { item: None, typed: q }) if p == q => {
            Some(Type::List { item: Some(t.clone()), typed: *p })
        }
        (Type::Dict { key: k1, value: v1 }, Type::Dict { key: k2, value: v2 }) => {
            let part = |x: &Option<Box<Type>>, y: &Option<Box<Type>>| match (x, y) {
                (None, other) | (other, None) => Some(other.clone()),
                (Some(a), Some(b)) if a == b => Some(Some(a.clone())),
                _ => None,
            };
            Some(Type::Dict { key: part(k1, k2)?, value: part(v1, v2)? })
        }
        _ => None,
    }
}

/// The result type of arithmetic on two scalars (Numba's rules).
fn arith_type(x: DType, y: DType) -> Type {
    use DType::*;
    match (x, y) {
        (Float64, _) | (_, Float64) => F64,
        (Float32, Float32) => F32,
        (Float32, Bool) | (Bool, Float32) => F32,
        (Float32, _) | (_, Float32) => F64,
        (Bool, Bool) => I64,
        _ => I64,
    }
}

struct LocalInfo {
    name: String,
    ty: Option<Type>,
    /// Where the variable first got each of its types, for conflict messages.
    first: Option<(Span, Type)>,
}

/// The result of checking an expression: either built, or depending on a return type that the
/// recursion has not produced yet (the statement is skipped until a later pass).
enum Pending {
    Error(CheckError),
    Recursion,
}

impl From<CheckError> for Pending {
    fn from(e: CheckError) -> Pending {
        Pending::Error(e)
    }
}

type R<T> = Result<T, Pending>;

/// A construct rhumba does not compile yet (the function then runs interpreted).
fn not_compiled(span: Span, message: impl Into<String>) -> Pending {
    Pending::Error(CheckError { is_type_error: false, message: message.into(), span, secondary: None })
}

/// A genuine typing error in the program.
fn mistyped(span: Span, message: impl Into<String>) -> Pending {
    Pending::Error(CheckError { is_type_error: true, message: message.into(), span, secondary: None })
}

struct Checker<'u> {
    unit: &'u mut Unit,
    env: &'u dyn Environment,
    def: Rc<FunctionDef>,
    key: usize,
    index: FuncIndex,
    locals: Vec<LocalInfo>,
    names: HashMap<Symbol, usize>,
    params: Vec<usize>,
    ret: Option<(Type, Span)>,
    changed: bool,
    /// Temporaries, reused pass after pass: the k-th one asked for in a pass is `temps[k]`.
    temps: Vec<usize>,
    temps_used: usize,
    /// How many parallel loops enclose the statement being checked.
    parallel_depth: usize,
    /// Whether any statement was skipped for a pending recursive return type.
    skipped: bool,
    /// Whether one of those was a call of another function still being checked (a caller of
    /// this one: mutual recursion), rather than of this function itself.
    waits_on_caller: bool,
    /// A statement skipped this pass because it uses a variable that is only None so far
    /// (`best = None` before the loop that assigns it a number): the error it gives if the
    /// variable never widens to an Optional.
    awaiting_widening: Option<CheckError>,
    loop_depth: usize,
    /// Statements an expression of the statement being checked needs run before it (a list
    /// comprehension's loop), spliced in front of that statement by `block`.
    hoisted: Vec<Stmt>,
    /// Inside an expression evaluated conditionally or repeatedly (a `while` condition, an
    /// operand of `and`/`or` or of a conditional expression), where nothing can be hoisted.
    no_hoist: usize,
    /// Inner functions and lambdas bound to names in this function (`closures.rs`).
    inner: HashMap<Symbol, Rc<FunctionDef>>,
}

impl<'u> Checker<'u> {
    fn new(unit: &'u mut Unit, env: &'u dyn Environment, def: &Rc<FunctionDef>, key: usize, index: FuncIndex, args: &[Type]) -> Checker<'u> {
        let mut c = Checker {
            unit,
            env,
            def: def.clone(),
            key,
            index,
            locals: Vec::new(),
            names: HashMap::new(),
            params: Vec::new(),
            ret: None,
            changed: false,
            temps: Vec::new(),
            temps_used: 0,
            parallel_depth: 0,
            skipped: false,
            waits_on_caller: false,
            awaiting_widening: None,
            loop_depth: 0,
            hoisted: Vec::new(),
            no_hoist: 0,
            inner: HashMap::new(),
        };
        // Each parameter arrives in its own slot and is copied into the variable of its name,
        // which may widen if the body assigns it a wider type.
        for (p, t) in parameter_names(def).zip(args) {
            let slot = c.locals.len();
            c.locals.push(LocalInfo { name: format!("{}.arg", p.name), ty: Some(t.clone()), first: Some((p.span, t.clone())) });
            c.params.push(slot);
        }
        c
    }

    fn run(&mut self) -> Result<tir::Function, Pending> {
        let def = self.def.clone();
        let mut body = Vec::new();
        for pass in 0..12 {
            self.changed = false;
            self.skipped = false;
            self.waits_on_caller = false;
            self.awaiting_widening = None;
            self.loop_depth = 0;
            self.temps_used = 0;
            body.clear();
            for (p, slot) in parameter_names(&def).zip(self.params.clone()) {
                let ty = self.locals[slot].ty.clone().unwrap_or(Type::None);
                let local = self.local_for(p.name);
                self.unify_local(local, &ty, p.span)?;
                let value = Expr::new(ExprKind::Local(slot), ty, p.span);
                body.push(Stmt { kind: StmtKind::Assign { local, value }, span: p.span });
            }
            let stmts = self.block(&def.body)?;
            body.extend(stmts);
            // Falling off the end returns None: with a number returned elsewhere, the result
            // is an Optional, as in Numba.
            // (Only once no statement was skipped: a skipped `return f(...)` is no fall-through.)
            if falls_through(&body) && !self.skipped {
                if let Some((old, at)) = self.ret.clone() {
                    if let Some(merged) = unify(&old, &Type::None).filter(|_| old != Type::None) {
                        if merged != old {
                            self.ret = Some((merged, at));
                            self.changed = true;
                        }
                        body.push(Stmt { kind: StmtKind::Return(Expr::new(ExprKind::Tuple(vec![]), Type::None, def.span)), span: def.span });
                    }
                }
            }
            // A function that returns no value anywhere returns None, whatever its skipped
            // statements (recursive calls whose results it drops) turn out to be.
            if self.ret.is_none() && self.skipped && !returns_value(&def.body) {
                self.ret = Some((Type::None, def.span));
                self.changed = true;
            }
            if let Some(slot) = self.unit.pending_returns.get_mut(&self.index) {
                let known = self.ret.as_ref().map(|r| r.0.clone());
                if *slot != known {
                    *slot = known;
                    self.changed = true;
                }
            }
            if !self.changed && !self.skipped {
                break;
            }
            if !self.changed && self.waits_on_caller {
                // Stuck on the return type of a function that is itself waiting for this one:
                // its caller's next pass, with more of its own return type known, retries.
                return Err(Pending::Recursion);
            }
            if !self.changed {
                break;
            }
            if pass == 11 {
                return Ok(unsupported(def.span, "types did not settle after 12 passes of inference")?);
            }
        }
        if let Some(e) = self.awaiting_widening.take() {
            return Err(Pending::Error(e));
        }
        // Numba's "untyped list" error: an empty list or dict that nothing gives its types.
        let untyped = |t: &Option<Type>| match t {
            Some(Type::List { item: None, .. }) => Some("an empty list that nothing appends to (list(undefined))"),
            Some(Type::Dict { key: None, .. } | Type::Dict { value: None, .. }) => Some("an empty dict that nothing is stored in (DictType[undefined,undefined])"),
            _ => None,
        };
        if let Some((l, what)) = self.locals.iter().find_map(|l| untyped(&l.ty).map(|w| (l, w))) {
            let at = l.first.as_ref().map_or(def.span, |f| f.0);
            return Err(Pending::Error(CheckError {
                is_type_error: true,
                message: format!("cannot infer the type of variable `{}`: it is {what}", crate::ssa_names::display_name(&l.name)),
                span: at,
                secondary: None,
            }));
        }
        if self.skipped {
            return Ok(type_error(def.span, format!("cannot infer the return type of the recursive function {}(): no path returns without recursing (runaway recursion)", def.name.name))?);
        }
        // Fix up assignments whose value is narrower than the variable's final type.
        let locals: Vec<tir::Local> = self
            .locals
            .iter()
            .map(|l| tir::Local { name: l.name.clone(), ty: l.ty.clone().unwrap_or(Type::None) })
            .collect();
        let ret = self.ret.as_ref().map(|r| r.0.clone()).unwrap_or(Type::None);
        if ret != Type::None && falls_through(&body) {
            // Falling off the end returns None: with a value returned elsewhere, Numba makes the
            // result an `Optional`. rhumba does not yet, and must not return a made-up value.
            let at = self.ret.as_ref().map_or(def.span, |r| r.1);
            return Err(Pending::Error(CheckError {
                is_type_error: false,
                message: format!("the function returns {ret} on some paths and None at its end (an Optional), which is not compiled yet"),
                span: at,
                secondary: None,
            }));
        }
        let mut body = body;
        coerce_block(&mut body, &locals, &ret);
        let arg_types: Vec<String> = self.params.iter().map(|p| locals[*p].ty.to_string()).collect();
        Ok(tir::Function {
            name: format!("{}({})", def.name.name, arg_types.join(", ")),
            params: self.params.clone(),
            locals,
            ret,
            body,
            span: def.span,
            bounds_check: self.env.bounds_check(self.key),
            parallel_body: false,
            ieee_float_division: self.env.cuda(self.key),
        })
    }

    fn local_for(&mut self, name: Symbol) -> usize {
        if let Some(i) = self.names.get(&name) {
            return *i;
        }
        let i = self.locals.len();
        self.locals.push(LocalInfo { name: name.as_str().to_string(), ty: None, first: None });
        self.names.insert(name, i);
        i
    }

    fn temp(&mut self, ty: Type) -> usize {
        let k = self.temps_used;
        self.temps_used += 1;
        if let Some(&i) = self.temps.get(k) {
            self.locals[i].ty = Some(ty);
            return i;
        }
        let i = self.locals.len();
        self.locals.push(LocalInfo { name: format!("tmp{k}"), ty: Some(ty), first: None });
        self.temps.push(i);
        i
    }

    fn unify_local(&mut self, local: usize, ty: &Type, span: Span) -> Result<(), CheckError> {
        let info = &mut self.locals[local];
        match &info.ty {
            None => {
                info.ty = Some(ty.clone());
                info.first = Some((span, ty.clone()));
                self.changed = true;
            }
            Some(old) => match unify(old, ty) {
                Some(u) if &u == old => {}
                Some(u) => {
                    info.ty = Some(u);
                    self.changed = true;
                }
                None => {
                    let (first_span, first_ty) = info.first.clone().unwrap_or((span, old.clone()));
                    return Err(CheckError {
                        is_type_error: true,
                        message: format!(
                            "variable `{}` cannot be both {first_ty} and {ty}: Numba gives each variable one type",
                            crate::ssa_names::display_name(&info.name)
                        ),
                        span,
                        secondary: Some((first_span, format!("`{}` is {first_ty} here", crate::ssa_names::display_name(&info.name)))),
                    });
                }
            },
        }
        Ok(())
    }

    fn block(&mut self, body: &[ast::Stmt]) -> Result<Vec<Stmt>, CheckError> {
        let mut out = Vec::new();
        // Statements hoisted by the statement that holds this block belong before it, not here.
        let outer = std::mem::take(&mut self.hoisted);
        for s in body {
            let at = out.len();
            let result = self.stmt(s, &mut out);
            let hoisted = std::mem::take(&mut self.hoisted);
            match result {
                Ok(()) => {
                    out.splice(at..at, hoisted);
                }
                Err(Pending::Recursion) => {
                    out.truncate(at);
                    self.skipped = true
                }
                Err(Pending::Error(e)) => {
                    self.hoisted = outer;
                    return Err(e);
                }
            }
            // What follows a statement that never completes (a `return`, or an `if` pruned to
            // a branch that returns: `if weights is None: return ...`) is dead, and is not
            // typed, as Numba drops dead blocks before typing.
            if !out.is_empty() && !falls_through(&out) {
                break;
            }
        }
        self.hoisted = outer;
        Ok(out)
    }

    fn stmt(&mut self, s: &ast::Stmt, out: &mut Vec<Stmt>) -> R<()> {
        let span = s.span;
        match &s.kind {
            S::Expr(e) => {
                if let E::Str(_) = e.kind {
                    return Ok(()); // a docstring
                }
                let v = self.expr(e)?;
                out.push(Stmt { kind: StmtKind::Expr(v), span });
            }
            S::Assign { targets, value } => {
                if let [target] = &targets[..] {
                    self.assign(target, value, span, out)?;
                } else {
                    // `a = b = value`: evaluated once, assigned left to right, as in Python.
                    let v = self.expr(value)?;
                    let tmp = self.temp(v.ty.clone());
                    let ty = v.ty.clone();
                    out.push(Stmt { kind: StmtKind::Assign { local: tmp, value: v }, span });
                    for t in targets {
                        self.assign_value(t, Expr::new(ExprKind::Local(tmp), ty.clone(), span), span, out)?;
                    }
                }
            }
            S::AnnAssign { target, value: Some(value), .. } => self.assign(target, value, span, out)?,
            S::AnnAssign { value: None, .. } | S::Pass | S::Global(_) => {}
            S::AugAssign { target, op, value } => {
                let combined = ast::Expr::new(
                    E::BinOp { op: *op, left: Box::new(target.clone()), right: Box::new(value.clone()) },
                    span,
                );
                // `a += x` on an array variable updates the array in place (numpy's `__iadd__`):
                // other names for it see the change, as in Numba.
                let array_variable = match &target.kind {
                    E::Name(sym) => self.names.get(sym).and_then(|l| self.locals[*l].ty.clone()).filter(|t| matches!(t, Type::Array { .. })),
                    _ => None,
                };
                // `self.values += 1.0` on an array field updates the field's array in place too.
                if let E::Attribute { .. } = &target.kind {
                    let place = self.expr(target)?;
                    if let Type::Array { dtype, .. } = place.ty {
                        let value = self.expr(&combined)?;
                        let value = match &value.ty {
                            Type::Array { .. } => value,
                            t if is_numeric(t) => cast(value, compute_type(dtype)),
                            other => return Err(mistyped(span, format!("cannot update an array with {other}"))),
                        };
                        out.push(Stmt { kind: StmtKind::AssignArray { target: place, value }, span });
                        return Ok(());
                    }
                }
                match array_variable {
                    Some(ty) => {
                        let value = self.expr(&combined)?;
                        let E::Name(sym) = target.kind else { unreachable!() };
                        let local = self.local_for(sym);
                        let Type::Array { dtype, .. } = ty else { unreachable!() };
                        let value = match &value.ty {
                            Type::Array { .. } => value,
                            t if is_numeric(t) => cast(value, compute_type(dtype)),
                            other => return Err(mistyped(span, format!("cannot update an array with {other}"))),
                        };
                        out.push(Stmt { kind: StmtKind::AssignArray { target: Expr::new(ExprKind::Local(local), ty, target.span), value }, span });
                    }
                    None => self.assign(target, &combined, span, out)?,
                }
            }
            // A constant condition is pruned before typing, as Numba prunes dead branches: the
            // branch not taken is neither typed nor compiled.
            S::If { test, body, orelse } if self.constant_truth(test).is_some() => {
                let taken = if self.constant_truth(test) == Some(true) { body } else { orelse };
                out.extend(self.block(taken)?);
            }
            S::If { test, body, orelse } => {
                let cond = self.condition(test)?;
                let then = self.block(body)?;
                let otherwise = self.block(orelse)?;
                out.push(Stmt { kind: StmtKind::If { cond, then, otherwise }, span });
            }
            // `while False:` (or a false constant): the body never runs and is not typed.
            S::While { test, orelse, .. } if self.constant_truth(test) == Some(false) => {
                out.extend(self.block(orelse)?);
            }
            S::While { test, body, orelse } => {
                self.no_hoist += 1;
                let cond = self.condition(test);
                self.no_hoist -= 1;
                let cond = cond?;
                self.loop_depth += 1;
                let body = self.block(body);
                self.loop_depth -= 1;
                let orelse = self.block(orelse)?;
                out.push(Stmt { kind: StmtKind::While { cond, body: body?, orelse }, span });
            }
            S::For { target, iter, body, orelse } => {
                self.for_loop(target, iter, body, orelse, span, out)?;
            }
            S::Break => out.push(Stmt { kind: StmtKind::Break, span }),
            S::Continue => out.push(Stmt { kind: StmtKind::Continue, span }),
            S::Return(v) => {
                let value = match v {
                    Some(e) => self.expr(e)?,
                    None => Expr::new(ExprKind::Tuple(vec![]), Type::None, span),
                };
                let merged = match &self.ret {
                    None => value.ty.clone(),
                    Some((old, old_span)) => match unify(old, &value.ty) {
                        Some(u) => u,
                        None => {
                            return Err(Pending::Error(CheckError {
                                // Numba makes an `Optional` of a value and None; rhumba does not yet.
                                is_type_error: *old != Type::None && value.ty != Type::None,
                                message: format!("the function returns both {old} and {}", value.ty),
                                span,
                                secondary: Some((*old_span, format!("returns {old} here"))),
                            }))
                        }
                    },
                };
                if self.ret.as_ref().map(|r| &r.0) != Some(&merged) {
                    self.changed = true;
                    self.ret = Some((merged, span));
                }
                out.push(Stmt { kind: StmtKind::Return(value), span });
            }
            S::Assert { test, msg } => out.push(self.assert_statement(test, msg.as_ref(), span)?),
            S::FunctionDef(def) => self.inner_definition(def, span)?,
            S::ClassDef(_) => return Err(mistyped(span, "a class cannot be defined inside a compiled function")),
            S::Raise(value) => out.push(self.raise_statement(value.as_ref(), span)?),
            S::Delete(targets) => self.delete_statement(targets, span, out)?,
            S::Try { body, handlers, orelse, finalbody } => self.try_statement(body, handlers, orelse, finalbody, span, out)?,
            S::Import(_) | S::ImportFrom { .. } => {
                return Err(not_compiled(span, "imports inside a compiled function are not compiled"))
            }
        }
        Ok(())
    }

    fn assign(&mut self, target: &ast::Expr, value: &ast::Expr, span: Span, out: &mut Vec<Stmt>) -> R<()> {
        // `f = lambda x: ...`: an inner function named `f`.
        if let (E::Name(sym), E::Lambda(def)) = (&target.kind, &value.kind) {
            self.inner.insert(*sym, def.clone());
            return Ok(());
        }
        // The whole right-hand side is evaluated before anything is assigned (`a, b = b, a`).
        let v = self.expr(value)?;
        self.assign_value(target, v, span, out)
    }

    /// Assigns an already-built value to a target: a name, a subscript, or a tuple of targets
    /// (nested too) unpacking a tuple or a 1-d array.
    fn assign_value(&mut self, target: &ast::Expr, v: Expr, span: Span, out: &mut Vec<Stmt>) -> R<()> {
        match &target.kind {
            E::Name(sym) => {
                let local = self.local_for(*sym);
                self.unify_local(local, &v.ty, target.span)?;
                out.push(Stmt { kind: StmtKind::Assign { local, value: v }, span });
                Ok(())
            }
            E::Subscript { value: container, index } => self.store(container, index, v, span, out),
            E::Attribute { value: object, attr } => self.field_store(object, attr, v, span, out),
            E::Tuple(items) | E::List(items) => {
                let n = items.len();
                let tmp = self.temp(v.ty.clone());
                let whole = Expr::new(ExprKind::Local(tmp), v.ty.clone(), span);
                let parts: Vec<Expr> = match v.ty.clone() {
                    Type::Tuple(types) if types.len() == n => {
                        types.into_iter().enumerate().map(|(index, ty)| Expr::new(ExprKind::TupleGet { tuple: Box::new(whole.clone()), index }, ty, span)).collect()
                    }
                    Type::Tuple(types) => return Err(mistyped(span, format!("cannot unpack {} values into {n}", types.len()))),
                    Type::Array { dtype, ndim: 1, .. } => {
                        // `a, b = arr`: the array's length must be the number of targets
                        // (CPython's ValueError; Numba raises one without a message).
                        let len = Expr::new(ExprKind::Dim { array: Box::new(whole.clone()), axis: 0 }, I64, span);
                        let count = Expr::new(ExprKind::Int(n as i64), I64, span);
                        let too_many = Expr::new(ExprKind::Compare { op: CmpOp::Gt, lhs: Box::new(len.clone()), rhs: Box::new(count.clone()) }, BOOL, span);
                        let too_few = Expr::new(ExprKind::Compare { op: CmpOp::Lt, lhs: Box::new(len), rhs: Box::new(count) }, BOOL, span);
                        let zero = || Expr::new(ExprKind::Int(0), I64, span);
                        let guard = |fail: Expr, code: i32, value: Expr| Expr::new(ExprKind::Guard { fail: Box::new(fail), code, value: Box::new(value) }, I64, span);
                        let checked = guard(too_many, rhumba_runtime::abi::ERR_UNPACK_TOO_MANY, guard(too_few, rhumba_runtime::abi::ERR_UNPACK_TOO_FEW, zero()));
                        out.push(Stmt { kind: StmtKind::Assign { local: tmp, value: v }, span });
                        out.push(Stmt { kind: StmtKind::Expr(checked), span });
                        let parts = (0..n)
                            .map(|k| Expr::new(ExprKind::Load { array: Box::new(whole.clone()), indices: vec![Expr::new(ExprKind::Int(k as i64), I64, span)] }, compute_type(dtype), span))
                            .collect::<Vec<_>>();
                        for (item, part) in items.iter().zip(parts) {
                            self.assign_value(item, part, span, out)?;
                        }
                        return Ok(());
                    }
                    other => return Err(mistyped(span, format!("cannot unpack {other} into {n} variables"))),
                };
                out.push(Stmt { kind: StmtKind::Assign { local: tmp, value: v }, span });
                for (item, part) in items.iter().zip(parts) {
                    self.assign_value(item, part, span, out)?;
                }
                Ok(())
            }
            _ => Err(not_compiled(target.span, "this assignment target is not compiled yet")),
        }
    }

    fn store(&mut self, container: &ast::Expr, index: &ast::Expr, v: Expr, span: Span, out: &mut Vec<Stmt>) -> R<()> {
        if let E::Attribute { attr, .. } = &container.kind {
            if matches!(attr.name.as_str(), "real" | "imag") {
                // `z.real[i] = x` would write into a copy of the parts (see `attribute`).
                return Err(not_compiled(container.span, format!("assignment through `.{}` is not compiled yet", attr.name)));
            }
        }
        let array = self.expr(container)?;
        if let Type::List { .. } = array.ty {
            return self.list_store(array, index, v, span, out);
        }
        if let Type::Dict { .. } = array.ty {
            return self.dict_store(array, index, v, span, out);
        }
        let Type::Array { dtype, ndim, .. } = array.ty.clone() else {
            return Err(not_compiled(container.span, format!("item assignment to {} is not compiled yet", array.ty)));
        };
        if dtype.is_complex() && !is_element_index(index, ndim) {
            return Err(not_compiled(span, "assignment to a slice of a complex array is not compiled yet"));
        }
        if dtype.is_complex() && matches!(v.ty, Type::Scalar(_) | Type::Complex(_)) {
            let indices = self.indices(index, ndim)?;
            let value = cast(v, Type::Complex(dtype));
            out.push(Stmt { kind: StmtKind::Store { array, indices, value }, span });
            return Ok(());
        }
        if matches!(v.ty, Type::Complex(_)) {
            return Err(mistyped(span, format!("cannot store {} in an array of {dtype} (a complex number has no implicit real value)", v.ty)));
        }
        if !is_element_index(index, ndim) {
            // `a[1:-1] = x`, `m[i] = row`, `u[:] = 0.0`: assignment through a view.
            let target = self.view(array, index, ndim, span)?;
            let value = match &v.ty {
                Type::Array { .. } => v,
                t if is_numeric(t) => cast(v, compute_type(dtype)),
                other => return Err(mistyped(span, format!("cannot assign {other} to an array slice"))),
            };
            out.push(Stmt { kind: StmtKind::AssignArray { target, value }, span });
            return Ok(());
        }
        let indices = self.indices(index, ndim)?;
        if !is_numeric(&v.ty) {
            return Err(mistyped(span, format!("cannot store {} in an array of {dtype}", v.ty)));
        }
        let value = cast(v, compute_type(dtype));
        out.push(Stmt { kind: StmtKind::Store { array, indices, value }, span });
        Ok(())
    }

    /// One integer expression per axis, or an error for slices and partial indexing.
    fn indices(&mut self, index: &ast::Expr, ndim: usize) -> R<Vec<Expr>> {
        let items: Vec<&ast::Expr> = match &index.kind {
            E::Tuple(items) => items.iter().collect(),
            _ => vec![index],
        };
        if items.len() != ndim {
            return Err(not_compiled(index.span, format!("indexing a {ndim}-d array with {} indices (views and slices are not compiled yet)", items.len())));
        }
        let mut out = Vec::new();
        for item in items {
            if let E::Slice { .. } = item.kind {
                return Err(not_compiled(item.span, "slices are not compiled yet"));
            }
            let e = self.expr(item)?;
            if let Type::Array { .. } = e.ty {
                return Err(not_compiled(item.span, "indexing with an array (fancy indexing) is not compiled yet"));
            }
            if !is_int(&e.ty) && e.ty != BOOL {
                return Err(mistyped(item.span, format!("array index must be an integer, not {}", e.ty)));
            }
            out.push(cast(e, I64));
        }
        Ok(out)
    }

    /// Whether `index` evaluates to an array (fancy or mask indexing), judged by its type.
    fn is_array_index(&mut self, index: &ast::Expr) -> bool {
        // Checking an expression has no side effects on the checker's state, so probing is safe.
        matches!(self.expr(index), Ok(Expr { ty: Type::Array { .. }, .. }))
    }

    /// `array[index]` with slices or fewer indices than dimensions: a view.
    fn view(&mut self, array: Expr, index: &ast::Expr, ndim: usize, span: Span) -> R<Expr> {
        let Type::Array { dtype, .. } = array.ty else {
            return Err(mistyped(span, "only arrays have views"));
        };
        let items: Vec<&ast::Expr> = match &index.kind {
            E::Tuple(items) => items.iter().collect(),
            _ => vec![index],
        };
        if items.iter().any(|i| matches!(i.kind, E::None)) {
            // `v[:, None]`: the view of the other items, reshaped with a length-1 axis where
            // each None stands (beside slices only, so that the reshape sees a view's axes).
            let rest: Vec<ast::Expr> = items.iter().filter(|i| !matches!(i.kind, E::None)).map(|i| (*i).clone()).collect();
            if let Some(other) = rest.iter().find(|i| !matches!(i.kind, E::Slice { .. })) {
                return Err(not_compiled(other.span, "new axes (`None` in an index) are compiled beside slices only"));
            }
            let base = if rest.is_empty() { array } else { self.view(array, &ast::Expr::new(E::Tuple(rest), index.span), ndim, span)? };
            let Type::Array { ndim: base_ndim, .. } = base.ty else { return Err(mistyped(span, "only arrays have views")) };
            let (binding, base) = self.bound_scalar(base);
            let mut shape = Vec::new();
            let mut from = 0;
            for item in &items {
                if matches!(item.kind, E::None) {
                    shape.push(Expr::new(ExprKind::Int(1), I64, span));
                } else {
                    shape.push(Expr::new(ExprKind::Dim { array: Box::new(base.clone()), axis: from }, I64, span));
                    from += 1;
                }
            }
            for axis in from..base_ndim {
                shape.push(Expr::new(ExprKind::Dim { array: Box::new(base.clone()), axis }, I64, span));
            }
            let ty = Type::Array { dtype, ndim: shape.len(), layout: Layout::C };
            return Ok(binding.wrap(Expr::new(ExprKind::Reshape { array: Box::new(base), shape }, ty, span)));
        }
        if items.len() > ndim {
            return Err(mistyped(index.span, format!("too many indices for array: array is {ndim}-dimensional, but {} were indexed", items.len())));
        }
        let mut axes = Vec::with_capacity(items.len());
        let mut dropped = 0;
        for item in items {
            match &item.kind {
                E::Slice { lower, upper, step } => {
                    let mut bound = |b: &Option<Box<ast::Expr>>| -> R<Option<Expr>> {
                        match b.as_deref() {
                            None | Some(ast::Expr { kind: E::None, .. }) => Ok(None),
                            Some(e) => {
                                let v = self.expr(e)?;
                                if !is_int(&v.ty) && v.ty != BOOL {
                                    return Err(mistyped(e.span, format!("slice indices must be integers, not {}", v.ty)));
                                }
                                Ok(Some(cast(v, I64)))
                            }
                        }
                    };
                    axes.push(ViewAxis::Slice { start: bound(lower)?, stop: bound(upper)?, step: bound(step)? });
                }
                _ => {
                    let v = self.expr(item)?;
                    if !is_int(&v.ty) && v.ty != BOOL {
                        return Err(not_compiled(item.span, format!("indexing with {} is not compiled yet", v.ty)));
                    }
                    axes.push(ViewAxis::At(cast(v, I64)));
                    dropped += 1;
                }
            }
        }
        let ty = Type::Array { dtype, ndim: ndim - dropped, layout: Layout::Any };
        Ok(Expr::new(ExprKind::View { array: Box::new(array), axes }, ty, span))
    }

    fn condition(&mut self, e: &ast::Expr) -> R<Expr> {
        let v = self.expr(e)?;
        if let Type::Optional(inner) = v.ty.clone() {
            // None is false; a value is as true as itself.
            let (binding, whole) = self.bound_scalar(v);
            let present = Expr::new(ExprKind::TupleGet { tuple: Box::new(whole.clone()), index: 0 }, BOOL, e.span);
            let value = truthy(Expr::new(ExprKind::TupleGet { tuple: Box::new(whole), index: 1 }, *inner, e.span)).map_err(Pending::Error)?;
            return Ok(binding.wrap(Expr::new(ExprKind::Logic { and: true, lhs: Box::new(present), rhs: Box::new(value) }, BOOL, e.span)));
        }
        if matches!(v.ty, Type::Complex(_)) {
            return Ok(self.complex_truth(v));
        }
        truthy(v).map_err(Pending::Error)
    }

    /// Whether an operand is a variable that is only None so far (`best = None` before the
    /// loop that assigns it a number): a later assignment may still widen it to an Optional, so
    /// the caller types a placeholder this pass. If the types settle with the variable still
    /// None, the function fails with the error this operation gives.
    fn awaits_widening(&mut self, l: &Expr, r: &Expr, span: Span) -> bool {
        let none_local = |e: &Expr| e.ty == Type::None && matches!(e.kind, ExprKind::Local(_));
        if none_local(l) || none_local(r) {
            self.awaiting_widening.get_or_insert(CheckError { is_type_error: true, message: format!("cannot use None as a number here ({} and {})", l.ty, r.ty), span, secondary: None });
            return true;
        }
        false
    }

    /// An Optional array used as an array (`r[0]`, `r.sum()`, `for v in r`), or an Optional
    /// jitclass instance used as one (`cur.value`): the value, after a check that it is not
    /// None, as Numba converts it. Other values are unchanged.
    fn unwrap_optional_array(&mut self, v: Expr) -> Expr {
        match &v.ty {
            Type::Optional(inner) if matches!(**inner, Type::Array { .. } | Type::Instance { .. }) => self.unwrap_optional(v),
            _ => v,
        }
    }

    /// An Optional used where its value is needed (`pos + r`, `v > best`): the value, after a
    /// check that it is not None (`TypeError` otherwise), as Numba converts an Optional.
    fn unwrap_optional(&mut self, v: Expr) -> Expr {
        let Type::Optional(inner) = v.ty.clone() else { return v };
        let span = v.span;
        let (binding, whole) = self.bound_scalar(v);
        let present = Expr::new(ExprKind::TupleGet { tuple: Box::new(whole.clone()), index: 0 }, BOOL, span);
        let absent = Expr::new(ExprKind::Unary { op: UnOp::Not, operand: Box::new(present) }, BOOL, span);
        let value = Expr::new(ExprKind::TupleGet { tuple: Box::new(whole), index: 1 }, (*inner).clone(), span);
        let code = match *inner {
            Type::Scalar(d) | Type::Array { dtype: d, .. } => rhumba_runtime::abi::none_value_code(d),
            _ => rhumba_runtime::abi::ERR_NONE_VALUE,
        };
        binding.wrap(Expr::new(ExprKind::Guard { fail: Box::new(absent), code, value: Box::new(value) }, *inner, span))
    }

    fn for_loop(&mut self, target: &ast::Expr, iter: &ast::Expr, body: &[ast::Stmt], orelse: &[ast::Stmt], span: Span, out: &mut Vec<Stmt>) -> R<()> {
        // `for i in range(...)` / `prange(...)`.
        if let E::Call { func, args, keywords } = &iter.kind {
            if let (E::Name(f), true) = (&func.kind, keywords.is_empty()) {
                let which = self.env.global(self.key, *f);
                // Only the outermost `prange` of a `parallel=True` function runs in parallel,
                // as in Numba; any other `prange` is a plain `range`.
                let parallel = matches!(which, Some(Global::Builtin("prange"))) && self.env.parallel(self.key) && self.parallel_depth == 0;
                if matches!(which, Some(Global::Builtin("range" | "prange"))) && !self.names.contains_key(f) {
                    let E::Name(var_name) = target.kind else {
                        return Err(not_compiled(target.span, "only a plain variable can iterate over a range"));
                    };
                    let mut bounds = Vec::new();
                    for a in args {
                        let e = self.expr(a)?;
                        if !is_int(&e.ty) && e.ty != BOOL {
                            return Err(mistyped(a.span, format!("range() arguments must be integers, not {}", e.ty)));
                        }
                        bounds.push(cast(e, I64));
                    }
                    let int = |v: i64| Expr::new(ExprKind::Int(v), I64, iter.span);
                    let (start, stop, step) = match bounds.len() {
                        1 => (int(0), bounds.remove(0), int(1)),
                        2 => {
                            let stop = bounds.remove(1);
                            (bounds.remove(0), stop, int(1))
                        }
                        3 => {
                            let step = bounds.remove(2);
                            let stop = bounds.remove(1);
                            (bounds.remove(0), stop, step)
                        }
                        n => return Err(mistyped(iter.span, format!("range expected 1 to 3 arguments, got {n}"))),
                    };
                    if let ExprKind::Int(0) = step.kind {
                        return Err(Pending::Error(CheckError { is_type_error: true, message: "range() arg 3 must not be zero".into(), span: step.span, secondary: None }));
                    }
                    let var = self.local_for(var_name);
                    self.unify_local(var, &I64, target.span)?;
                    self.loop_depth += 1;
                    self.parallel_depth += parallel as usize;
                    let body = self.block(body);
                    self.parallel_depth -= parallel as usize;
                    self.loop_depth -= 1;
                    let orelse = self.block(orelse)?;
                    out.push(Stmt { kind: StmtKind::ForRange { var, start, stop, step, body: body?, orelse, parallel }, span });
                    return Ok(());
                }
            }
        }
        // `for i, v in enumerate(a)` and `for x, y in zip(a, b)` over arrays.
        if let E::Call { func, args, keywords } = &iter.kind {
            if let (E::Name(f), true) = (&func.kind, keywords.is_empty()) {
                let which = self.env.global(self.key, *f);
                if matches!(which, Some(Global::Builtin("enumerate" | "zip"))) && !self.names.contains_key(f) {
                    let is_enumerate = matches!(which, Some(Global::Builtin("enumerate")));
                    return self.enumerate_or_zip(is_enumerate, target, args, body, orelse, iter.span, span, out);
                }
            }
        }
        // `np.ndindex(shape)`, `np.ndenumerate(a)` and `a.flat`: nested index loops, C order.
        if let Some(r) = self.index_space_loop(target, iter, body, orelse, span, out) {
            return r;
        }
        if let Some(r) = self.dict_loop(target, iter, body, orelse, span, out) {
            return r;
        }
        // `for v in array`: an index loop reading each element (1-d) or each row view.
        let seq = self.expr(iter)?;
        let seq = self.unwrap_optional_array(seq);
        if let Type::Tuple(_) = seq.ty {
            return self.unrolled_tuple_loop(target, seq, body, orelse, span, out);
        }
        if let Type::List { .. } = seq.ty {
            return self.list_loop(target, seq, body, orelse, span, out);
        }
        if let Type::Str = seq.ty {
            return self.str_loop(target, seq, body, orelse, span, out);
        }
        if let Type::Array { dtype, ndim, .. } = seq.ty {
            let E::Name(var_name) = target.kind else {
                return Err(not_compiled(target.span, "only a plain variable can iterate over an array"));
            };
            let arr = self.temp(seq.ty.clone());
            out.push(Stmt { kind: StmtKind::Assign { local: arr, value: seq.clone() }, span });
            let idx = self.temp(I64);
            let arr_expr = Expr::new(ExprKind::Local(arr), seq.ty.clone(), iter.span);
            let position = Expr::new(ExprKind::Local(idx), I64, iter.span);
            let load = if ndim == 1 {
                Expr::new(ExprKind::Load { array: Box::new(arr_expr.clone()), indices: vec![position] }, compute_type(dtype), iter.span)
            } else {
                let row = Type::Array { dtype, ndim: ndim - 1, layout: Layout::Any };
                Expr::new(ExprKind::View { array: Box::new(arr_expr.clone()), axes: vec![ViewAxis::At(position)] }, row, iter.span)
            };
            let var = self.local_for(var_name);
            self.unify_local(var, &load.ty, target.span)?;
            self.loop_depth += 1;
            let inner = self.block(body);
            self.loop_depth -= 1;
            let mut loop_body = vec![Stmt { kind: StmtKind::Assign { local: var, value: load }, span: target.span }];
            loop_body.extend(inner?);
            let stop = Expr::new(ExprKind::Dim { array: Box::new(arr_expr), axis: 0 }, I64, iter.span);
            let zero = Expr::new(ExprKind::Int(0), I64, iter.span);
            let one = Expr::new(ExprKind::Int(1), I64, iter.span);
            let orelse = self.block(orelse)?;
            out.push(Stmt { kind: StmtKind::ForRange { var: idx, start: zero, stop, step: one, body: loop_body, orelse, parallel: false }, span });
            return Ok(());
        }
        Err(not_compiled(iter.span, format!("iterating over {} is not compiled yet", seq.ty)))
    }

    /// A tuple value bound once (`Let`), and its items read from the binding: operations that
    /// use items several times must not evaluate the tuple's expression again.
    fn bound_items(&mut self, v: Expr) -> (LocalBinding, Vec<Expr>) {
        let Type::Tuple(types) = v.ty.clone() else { return (LocalBinding(None), vec![v]) };
        let span = v.span;
        let local = self.temp(v.ty.clone());
        let whole = Expr::new(ExprKind::Local(local), v.ty.clone(), span);
        let items = types.into_iter().enumerate().map(|(index, ty)| Expr::new(ExprKind::TupleGet { tuple: Box::new(whole.clone()), index }, ty, span)).collect();
        (LocalBinding(Some((local, v))), items)
    }

    /// `t1 + t2`: the concatenated tuple.
    fn tuple_concat(&mut self, l: Expr, r: Expr, span: Span) -> Expr {
        let (lb, mut items) = self.bound_items(l);
        let (rb, more) = self.bound_items(r);
        items.extend(more);
        let ty = Type::Tuple(items.iter().map(|e| e.ty.clone()).collect());
        lb.wrap(rb.wrap(Expr::new(ExprKind::Tuple(items), ty, span)))
    }

    /// `x in t` / `x not in t`: `x` compared with each item (unified types), as Python does.
    fn tuple_contains(&mut self, op: AstCmpOp, x: Expr, t: Expr, span: Span) -> R<Expr> {
        let (xb, x) = self.bound_scalar(x);
        let (tb, items) = self.bound_items(t);
        let mut found = Expr::new(ExprKind::Bool(false), BOOL, span);
        for item in items {
            let eq = compare(AstCmpOp::Eq, x.clone(), item, span)?;
            found = Expr::new(ExprKind::Logic { and: false, lhs: Box::new(found), rhs: Box::new(eq) }, BOOL, span);
        }
        if op == AstCmpOp::NotIn {
            found = Expr::new(ExprKind::Unary { op: UnOp::Not, operand: Box::new(found) }, BOOL, span);
        }
        Ok(xb.wrap(tb.wrap(found)))
    }

    /// A scalar bound once, for expressions that read it several times.
    fn bound_scalar(&mut self, v: Expr) -> (LocalBinding, Expr) {
        if matches!(v.kind, ExprKind::Local(_) | ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Bool(_)) {
            return (LocalBinding(None), v);
        }
        let local = self.temp(v.ty.clone());
        let read = Expr::new(ExprKind::Local(local), v.ty.clone(), v.span);
        (LocalBinding(Some((local, v))), read)
    }

    /// Tuple comparisons, lexicographic as in Python: `==`/`!=` item by item (tuples of other
    /// lengths differ), `<`, `<=`, `>`, `>=` by the first differing item, then by length.
    fn tuple_compare(&mut self, op: AstCmpOp, l: Expr, r: Expr, span: Span) -> R<Expr> {
        let (lb, a) = self.bound_items(l);
        let (rb, b) = self.bound_items(r);
        let constant = |v: bool| Expr::new(ExprKind::Bool(v), BOOL, span);
        let logic = |and: bool, x: Expr, y: Expr| Expr::new(ExprKind::Logic { and, lhs: Box::new(x), rhs: Box::new(y) }, BOOL, span);
        let result = match op {
            AstCmpOp::Eq | AstCmpOp::NotEq => {
                let mut all = constant(a.len() == b.len());
                if a.len() == b.len() {
                    for (x, y) in a.into_iter().zip(b) {
                        all = logic(true, all, compare(AstCmpOp::Eq, x, y, span)?);
                    }
                }
                if op == AstCmpOp::Eq { all } else { Expr::new(ExprKind::Unary { op: UnOp::Not, operand: Box::new(all) }, BOOL, span) }
            }
            AstCmpOp::Lt | AstCmpOp::LtE | AstCmpOp::Gt | AstCmpOp::GtE => {
                // From the last common item backwards: `x < y or (x == y and rest)`.
                let n = a.len().min(b.len());
                let by_length = compare(op, Expr::new(ExprKind::Int(a.len() as i64), I64, span), Expr::new(ExprKind::Int(b.len() as i64), I64, span), span)?;
                let strict = match op {
                    AstCmpOp::LtE => AstCmpOp::Lt,
                    AstCmpOp::GtE => AstCmpOp::Gt,
                    other => other,
                };
                let mut rest = by_length;
                for k in (0..n).rev() {
                    let decided = compare(strict, a[k].clone(), b[k].clone(), span)?;
                    let equal = compare(AstCmpOp::Eq, a[k].clone(), b[k].clone(), span)?;
                    rest = logic(false, decided, logic(true, equal, rest));
                }
                rest
            }
            other => return Err(not_compiled(span, format!("`{}` on tuples is not compiled yet", other.symbol()))),
        };
        Ok(lb.wrap(rb.wrap(result)))
    }

    /// `t[lo:hi:step]` with constant bounds: the tuple of the items Python's slice selects.
    fn tuple_slice(&mut self, v: Expr, n: usize, bounds: [&Option<Box<ast::Expr>>; 3], span: Span) -> R<Expr> {
        let mut constant = [None; 3];
        for (k, b) in bounds.iter().enumerate() {
            if let Some(e) = b {
                match fold_int(e, 0) {
                    Folded::Value(v) => constant[k] = i64::try_from(v).ok(),
                    _ => return Err(not_compiled(e.span, "tuples are sliced by constant integers only")),
                }
            }
        }
        let n = n as i64;
        let step = constant[2].unwrap_or(1);
        if step == 0 {
            return Err(mistyped(span, "slice step cannot be zero"));
        }
        // Python's `slice.indices(n)`.
        let clamp = |v: Option<i64>, default: i64, lo: i64, hi: i64| match v {
            None => default,
            Some(v) if v < 0 => (v + n).max(lo),
            Some(v) => v.min(hi),
        };
        let (start, stop) = if step > 0 { (clamp(constant[0], 0, 0, n), clamp(constant[1], n, 0, n)) } else { (clamp(constant[0], n - 1, -1, n - 1), clamp(constant[1], -1, -1, n - 1)) };
        let mut picked = Vec::new();
        let mut k = start;
        while (step > 0 && k < stop) || (step < 0 && k > stop) {
            picked.push(k as usize);
            k += step;
        }
        let (binding, items) = self.bound_items(v);
        let parts: Vec<Expr> = picked.into_iter().map(|k| items[k].clone()).collect();
        let ty = Type::Tuple(parts.iter().map(|e| e.ty.clone()).collect());
        Ok(binding.wrap(Expr::new(ExprKind::Tuple(parts), ty, span)))
    }

    /// `t[i]` with an index known only at run time: the items must share a type (Numba's
    /// UniTuple; numbers unify), negative indices count from the end, and an index out of
    /// range is Python's `IndexError: tuple index out of range`.
    fn tuple_index(&mut self, v: Expr, index: &ast::Expr, span: Span) -> R<Expr> {
        let i = self.expr(index)?;
        if !is_int(&i.ty) {
            return Err(mistyped(index.span, format!("tuple indices must be integers, not {}", i.ty)));
        }
        let Type::Tuple(types) = v.ty.clone() else { return Err(mistyped(span, "not a tuple")) };
        let Some(ty) = types.iter().skip(1).try_fold(types.first().cloned().unwrap_or(Type::None), |acc, t| unify(&acc, t)).filter(|t| !types.is_empty() && !matches!(t, Type::Tuple(_))) else {
            return Err(not_compiled(span, format!("indexing {} with a run-time index (its items have different types) is not compiled", v.ty)));
        };
        let n = types.len() as i64;
        let (tb, items) = self.bound_items(v);
        let raw = self.temp(I64);
        let raw_read = Expr::new(ExprKind::Local(raw), I64, span);
        let int = |v: i64| Expr::new(ExprKind::Int(v), I64, span);
        let negative = Expr::new(ExprKind::Compare { op: CmpOp::Lt, lhs: Box::new(raw_read.clone()), rhs: Box::new(int(0)) }, BOOL, span);
        let shifted = Expr::new(ExprKind::Binary { op: BinOp::Add, lhs: Box::new(raw_read.clone()), rhs: Box::new(int(n)) }, I64, span);
        let position = Expr::new(ExprKind::Select { cond: Box::new(negative), then: Box::new(shifted), otherwise: Box::new(raw_read) }, I64, span);
        let k = self.temp(I64);
        let k_read = Expr::new(ExprKind::Local(k), I64, span);
        let below = Expr::new(ExprKind::Compare { op: CmpOp::Lt, lhs: Box::new(k_read.clone()), rhs: Box::new(int(0)) }, BOOL, span);
        let above = Expr::new(ExprKind::Compare { op: CmpOp::Ge, lhs: Box::new(k_read.clone()), rhs: Box::new(int(n)) }, BOOL, span);
        let outside = Expr::new(ExprKind::Logic { and: false, lhs: Box::new(below), rhs: Box::new(above) }, BOOL, span);
        let mut chosen = cast(items[items.len() - 1].clone(), ty.clone());
        for (j, item) in items.into_iter().enumerate().rev().skip(1) {
            let here = Expr::new(ExprKind::Compare { op: CmpOp::Eq, lhs: Box::new(k_read.clone()), rhs: Box::new(int(j as i64)) }, BOOL, span);
            chosen = Expr::new(ExprKind::Select { cond: Box::new(here), then: Box::new(cast(item, ty.clone())), otherwise: Box::new(chosen) }, ty.clone(), span);
        }
        let guarded = Expr::new(ExprKind::Guard { fail: Box::new(outside), code: rhumba_runtime::abi::ERR_TUPLE_INDEX, value: Box::new(chosen) }, ty.clone(), span);
        let with_k = Expr::new(ExprKind::Let { local: k, value: Box::new(position), body: Box::new(guarded) }, ty.clone(), span);
        let with_raw = Expr::new(ExprKind::Let { local: raw, value: Box::new(cast(i, I64)), body: Box::new(with_k) }, ty, span);
        Ok(tb.wrap(with_raw))
    }

    /// The loops of `for idx in np.ndindex(shape)`, `for (i, j), x in np.ndenumerate(a)` and
    /// `for x in a.flat`, or `None` when `iter` is none of them.
    #[allow(clippy::too_many_arguments)]
    fn index_space_loop(&mut self, target: &ast::Expr, iter: &ast::Expr, body: &[ast::Stmt], orelse: &[ast::Stmt], span: Span, out: &mut Vec<Stmt>) -> Option<R<()>> {
        enum Kind {
            Indices,
            Enumerate,
            Flat,
        }
        let (kind, operands): (Kind, Vec<ast::Expr>) = match &iter.kind {
            E::Call { func, args, keywords } if keywords.is_empty() => match self.module_path(func) {
                Some((m, n)) if m == "numpy" && n == "ndindex" => (Kind::Indices, args.clone()),
                Some((m, n)) if m == "numpy" && n == "ndenumerate" && args.len() == 1 => (Kind::Enumerate, args.clone()),
                _ => return None,
            },
            E::Attribute { value, attr } if attr.name.as_str() == "flat" => (Kind::Flat, vec![(**value).clone()]),
            _ => return None,
        };
        Some((|| {
            if leaves_loop(body) {
                return Err(not_compiled(span, "`break` or `continue` in a loop over an index space is not compiled yet"));
            }
            let int = |v: i64| Expr::new(ExprKind::Int(v), I64, span);
            // The loop bounds, evaluated once, and the array read (for `flat` and `ndenumerate`).
            let mut array = None;
            let mut bounds = Vec::new();
            match kind {
                Kind::Indices => {
                    for a in &operands {
                        let v = self.expr(a)?;
                        match v.ty.clone() {
                            Type::Tuple(items) => {
                                let (binding, parts) = self.bound_items(v);
                                if let Some((local, value)) = binding.0 {
                                    out.push(Stmt { kind: StmtKind::Assign { local, value }, span });
                                }
                                for (p, t) in parts.into_iter().zip(items) {
                                    if !is_int(&t) {
                                        return Err(mistyped(a.span, "np.ndindex() takes integer dimensions"));
                                    }
                                    bounds.push(cast(p, I64));
                                }
                            }
                            t if is_int(&t) => bounds.push(cast(v, I64)),
                            other => return Err(mistyped(a.span, format!("np.ndindex() takes integer dimensions, not {other}"))),
                        }
                    }
                }
                Kind::Enumerate | Kind::Flat => {
                    let v = self.expr(&operands[0])?;
                    let Type::Array { ndim, .. } = v.ty else {
                        return Err(mistyped(operands[0].span, format!("expected an array, not {}", v.ty)));
                    };
                    let local = self.temp(v.ty.clone());
                    let read = Expr::new(ExprKind::Local(local), v.ty.clone(), span);
                    out.push(Stmt { kind: StmtKind::Assign { local, value: v }, span });
                    bounds = (0..ndim).map(|axis| Expr::new(ExprKind::Dim { array: Box::new(read.clone()), axis }, I64, span)).collect();
                    array = Some(read);
                }
            }
            let mut stops = Vec::new();
            for b in bounds {
                let local = self.temp(I64);
                out.push(Stmt { kind: StmtKind::Assign { local, value: b }, span });
                stops.push(Expr::new(ExprKind::Local(local), I64, span));
            }
            let vars: Vec<usize> = stops.iter().map(|_| self.temp(I64)).collect();
            let positions: Vec<Expr> = vars.iter().map(|v| Expr::new(ExprKind::Local(*v), I64, span)).collect();
            let index = Expr::new(ExprKind::Tuple(positions.clone()), Type::Tuple(vec![I64; positions.len()]), span);
            let element = array.map(|a| {
                let Type::Array { dtype, .. } = a.ty else { unreachable!() };
                Expr::new(ExprKind::Load { array: Box::new(a), indices: positions.clone() }, compute_type(dtype), span)
            });
            let value = match (kind, element) {
                (Kind::Indices, _) => index,
                (Kind::Flat, Some(x)) => x,
                (Kind::Enumerate, Some(x)) => {
                    let ty = Type::Tuple(vec![index.ty.clone(), x.ty.clone()]);
                    Expr::new(ExprKind::Tuple(vec![index, x]), ty, span)
                }
                _ => return Err(not_compiled(span, "this loop is not compiled yet")),
            };
            let mut inner = Vec::new();
            self.assign_value(target, value, target.span, &mut inner)?;
            self.loop_depth += vars.len();
            let looped = self.block(body);
            self.loop_depth -= vars.len();
            inner.extend(looped?);
            for (var, stop) in vars.into_iter().zip(stops).rev() {
                inner = vec![Stmt { kind: StmtKind::ForRange { var, start: int(0), stop, step: int(1), body: inner, orelse: vec![], parallel: false }, span }];
            }
            out.extend(inner);
            out.extend(self.block(orelse)?);
            Ok(())
        })())
    }

    /// `enumerate(tup)` / `zip(t1, t2, ...)` over tuples: unrolled like a loop over one tuple,
    /// to the shortest length.
    #[allow(clippy::too_many_arguments)]
    fn unrolled_enumerate_or_zip(&mut self, is_enumerate: bool, targets: &[ast::Expr], tuples: Vec<Expr>, start: Option<&ast::Expr>, body: &[ast::Stmt], orelse: &[ast::Stmt], span: Span, out: &mut Vec<Stmt>) -> R<()> {
        if leaves_loop(body) {
            return Err(not_compiled(span, "`break` or `continue` in a loop over a tuple is not compiled yet"));
        }
        let offset = match start {
            Some(s) => {
                let v = self.expr(s)?;
                if !is_int(&v.ty) {
                    return Err(mistyped(s.span, "enumerate() start must be an integer"));
                }
                let local = self.temp(I64);
                out.push(Stmt { kind: StmtKind::Assign { local, value: cast(v, I64) }, span });
                Some(Expr::new(ExprKind::Local(local), I64, span))
            }
            None => None,
        };
        let mut columns = Vec::new();
        for t in tuples {
            let ty = t.ty.clone();
            let local = self.temp(ty.clone());
            out.push(Stmt { kind: StmtKind::Assign { local, value: t }, span });
            let Type::Tuple(types) = ty.clone() else { continue };
            let whole = Expr::new(ExprKind::Local(local), ty, span);
            columns.push(types.into_iter().enumerate().map(|(index, t)| Expr::new(ExprKind::TupleGet { tuple: Box::new(whole.clone()), index }, t, span)).collect::<Vec<_>>());
        }
        let n = columns.iter().map(Vec::len).min().unwrap_or(0);
        for k in 0..n {
            let mut values = Vec::new();
            if is_enumerate {
                let position = Expr::new(ExprKind::Int(k as i64), I64, span);
                values.push(match &offset {
                    Some(o) => Expr::new(ExprKind::Binary { op: BinOp::Add, lhs: Box::new(o.clone()), rhs: Box::new(position) }, I64, span),
                    None => position,
                });
            }
            values.extend(columns.iter().map(|c| c[k].clone()));
            for (t, v) in targets.iter().zip(values) {
                self.assign_value(t, v, t.span, out)?;
            }
            self.loop_depth += 1;
            let inner = self.block(body);
            self.loop_depth -= 1;
            out.extend(inner?);
        }
        out.extend(self.block(orelse)?);
        Ok(())
    }

    /// `for v in tup` over a tuple (a `*args` tuple, `literal_unroll(t)`): the body once per
    /// item, as Numba unrolls loops over heterogeneous tuples; the variable takes the items'
    /// unified type.
    #[allow(clippy::too_many_arguments)]
    fn unrolled_tuple_loop(&mut self, target: &ast::Expr, seq: Expr, body: &[ast::Stmt], orelse: &[ast::Stmt], span: Span, out: &mut Vec<Stmt>) -> R<()> {
        // A `zip` of one tuple.
        self.unrolled_enumerate_or_zip(false, std::slice::from_ref(target), vec![seq], None, body, orelse, span, out)
    }

    /// The loops of `enumerate(a[, start])` and `zip(a, b, ...)` over arrays: one index runs
    /// to the (shortest) length, the targets receive the index and the elements.
    #[allow(clippy::too_many_arguments)]
    fn enumerate_or_zip(&mut self, is_enumerate: bool, target: &ast::Expr, args: &[ast::Expr], body: &[ast::Stmt], orelse: &[ast::Stmt], iter_span: Span, span: Span, out: &mut Vec<Stmt>) -> R<()> {
        let E::Tuple(targets) = &target.kind else {
            return Err(not_compiled(target.span, "enumerate() and zip() are compiled with a tuple of variables as the target"));
        };
        let (seqs, start): (&[ast::Expr], Option<&ast::Expr>) = if is_enumerate {
            match args {
                [a] => (std::slice::from_ref(a), None),
                [a, s] => (std::slice::from_ref(a), Some(s)),
                _ => return Err(mistyped(iter_span, "enumerate() takes one sequence and an optional start")),
            }
        } else {
            (args, None)
        };
        if targets.len() != seqs.len() + is_enumerate as usize || seqs.is_empty() {
            return Err(mistyped(target.span, format!("cannot unpack into {} variables", targets.len())));
        }
        let built: Vec<Expr> = seqs.iter().map(|s| self.expr(s)).collect::<R<_>>()?;
        if built.iter().all(|b| matches!(b.ty, Type::Tuple(_))) {
            return self.unrolled_enumerate_or_zip(is_enumerate, targets, built, start, body, orelse, span, out);
        }
        let mut arrays = Vec::new();
        for (s, v) in seqs.iter().zip(built) {
            if !matches!(v.ty, Type::Array { .. }) {
                return Err(not_compiled(s.span, format!("iterating over {} is not compiled yet", v.ty)));
            }
            let local = self.temp(v.ty.clone());
            out.push(Stmt { kind: StmtKind::Assign { local, value: v.clone() }, span });
            arrays.push(Expr::new(ExprKind::Local(local), v.ty, s.span));
        }
        let offset = match start {
            Some(s) => {
                let v = self.expr(s)?;
                if !is_int(&v.ty) {
                    return Err(mistyped(s.span, "enumerate() start must be an integer"));
                }
                Some(v)
            }
            None => None,
        };
        let dim = |a: &Expr| Expr::new(ExprKind::Dim { array: Box::new(a.clone()), axis: 0 }, I64, iter_span);
        let stop = arrays.iter().skip(1).fold(dim(&arrays[0]), |acc, a| {
            Expr::new(ExprKind::Binary { op: BinOp::Min, lhs: Box::new(acc), rhs: Box::new(dim(a)) }, I64, iter_span)
        });
        let idx = self.temp(I64);
        let position = Expr::new(ExprKind::Local(idx), I64, iter_span);
        let mut values = Vec::new();
        if is_enumerate {
            values.push(match offset {
                Some(o) => Expr::new(ExprKind::Binary { op: BinOp::Add, lhs: Box::new(position.clone()), rhs: Box::new(o) }, I64, iter_span),
                None => position.clone(),
            });
        }
        for a in &arrays {
            let Type::Array { dtype, ndim, .. } = a.ty else { unreachable!() };
            values.push(if ndim == 1 {
                Expr::new(ExprKind::Load { array: Box::new(a.clone()), indices: vec![position.clone()] }, compute_type(dtype), iter_span)
            } else {
                let row = Type::Array { dtype, ndim: ndim - 1, layout: Layout::Any };
                Expr::new(ExprKind::View { array: Box::new(a.clone()), axes: vec![ViewAxis::At(position.clone())] }, row, iter_span)
            });
        }
        let mut loop_body = Vec::new();
        for (t, v) in targets.iter().zip(values) {
            self.assign_value(t, v, t.span, &mut loop_body)?;
        }
        self.loop_depth += 1;
        let inner = self.block(body);
        self.loop_depth -= 1;
        loop_body.extend(inner?);
        let orelse = self.block(orelse)?;
        let zero = Expr::new(ExprKind::Int(0), I64, iter_span);
        let one = Expr::new(ExprKind::Int(1), I64, iter_span);
        out.push(Stmt { kind: StmtKind::ForRange { var: idx, start: zero, stop, step: one, body: loop_body, orelse, parallel: false }, span });
        Ok(())
    }

    /// The truth of a condition known before typing: literals, `not` of one, folded integer
    /// arithmetic, and module-level constants (frozen when the function is compiled).
    fn constant_truth(&self, test: &ast::Expr) -> Option<bool> {
        match &test.kind {
            E::Bool(b) => Some(*b),
            E::None => Some(false),
            E::Float(f) => Some(*f != 0.0),
            E::UnaryOp { op: ast::UnaryOp::Not, operand } => self.constant_truth(operand).map(|t| !t),
            // `a and b` is decided by a constant false `a` (or all constant parts); likewise
            // `or` by a constant true one: `lo is not None and x < lo` with `lo=None`.
            E::BoolOp { op, values } => {
                let decisive = *op == ast::BoolOp::Or;
                let truths: Vec<Option<bool>> = values.iter().map(|v| self.constant_truth(v)).collect();
                for t in &truths {
                    match t {
                        Some(t) if *t == decisive => return Some(decisive),
                        Some(_) => {}
                        None => return None,
                    }
                }
                Some(!decisive)
            }
            // `x is None` / `x is not None` of a variable whose type is known: a None argument
            // (an omitted `scale=None`) prunes the branch that uses it as a value, as in Numba.
            E::Compare { left, ops } if ops.len() == 1 && matches!(ops[0].0, AstCmpOp::Is | AstCmpOp::IsNot) => {
                let (op, right) = &ops[0];
                let variable = match (&left.kind, &right.kind) {
                    (E::Name(v), E::None) | (E::None, E::Name(v)) => *v,
                    _ => return None,
                };
                let ty = self.locals[*self.names.get(&variable)?].ty.as_ref()?;
                if let Type::Optional(_) = ty {
                    return None;
                }
                Some((*ty == Type::None) == (*op == AstCmpOp::Is))
            }
            E::Name(sym) if !self.names.contains_key(sym) => match self.env.global(self.key, *sym) {
                Some(Global::Bool(b)) => Some(b),
                Some(Global::Int(v)) => Some(v != 0),
                Some(Global::Float(v)) => Some(v != 0.0),
                _ => None,
            },
            _ => match fold_int(test, 0) {
                Folded::Value(v) => Some(v != 0),
                _ => None,
            },
        }
    }

    // ------------------------------------------------------------------ expressions

    fn expr(&mut self, e: &ast::Expr) -> R<Expr> {
        let span = e.span;
        // Integer arithmetic on literals alone is folded with Python's integers, as CPython's
        // compiler folds it before Numba sees it: `2**63 + 5` is a uint64 constant, and a value
        // past 64 bits is a typing error (never a value that wrapped around).
        if matches!(e.kind, E::Int(_) | E::BinOp { .. } | E::UnaryOp { op: ast::UnaryOp::Neg | ast::UnaryOp::Pos | ast::UnaryOp::Invert, .. }) {
            match fold_int(e, 0) {
                Folded::Value(v) => {
                    if let Ok(small) = i64::try_from(v) {
                        return Ok(Expr::new(ExprKind::Int(small), I64, span));
                    }
                    if let Ok(big) = u64::try_from(v) {
                        // The bits of the uint64 constant.
                        return Ok(Expr::new(ExprKind::Int(big as i64), Type::Scalar(DType::UInt64), span));
                    }
                    return Err(mistyped(span, format!("Int value is too large: {v}")));
                }
                Folded::TooLarge => return Err(mistyped(span, "Int value is too large (a constant expression past 128 bits)")),
                Folded::NotConstant => {}
            }
        }
        Ok(match &e.kind {
            E::Int(v) => Expr::new(ExprKind::Int(*v as i64), I64, span),
            E::Float(v) => Expr::new(ExprKind::Float(*v), F64, span),
            E::Imaginary(v) => {
                let ty = Type::Complex(DType::Complex128);
                complex::make_complex(Expr::new(ExprKind::Float(0.0), F64, span), Expr::new(ExprKind::Float(*v), F64, span), &ty, span)
            }
            E::Bool(b) => Expr::new(ExprKind::Bool(*b), BOOL, span),
            E::Name(sym) => self.name(*sym, span)?,
            E::Tuple(items) => {
                let parts: Vec<Expr> = items.iter().map(|i| self.expr(i)).collect::<R<_>>()?;
                let ty = Type::Tuple(parts.iter().map(|p| p.ty.clone()).collect());
                Expr::new(ExprKind::Tuple(parts), ty, span)
            }
            E::BinOp { op, left, right } => {
                if *op == AstBinOp::MatMul {
                    // `a @ b` is `np.dot(a, b)` for 1-d and 2-d operands.
                    let operands = [(**left).clone(), (**right).clone()];
                    return match self.prelude_call("dot", &operands, &[], span)? {
                        Some(call) => Ok(call),
                        None => Err(not_compiled(span, "`@` is not compiled for these operands")),
                    };
                }
                let l = self.expr(left)?;
                let r = self.expr(right)?;
                let l = self.unwrap_optional(l);
                let r = self.unwrap_optional(r);
                if self.awaits_widening(&l, &r, span) {
                    // A placeholder for this pass: the variable's type is not final yet.
                    return Ok(if l.ty == Type::None { r } else { l });
                }
                if let Some(list) = self.list_binary(*op, l.clone(), r.clone(), span)? {
                    return Ok(list);
                }
                if let Some(s) = self.str_binary(*op, l.clone(), r.clone(), span)? {
                    return Ok(s);
                }
                match (&l.ty, &r.ty, op) {
                    (Type::Tuple(_), Type::Tuple(_), AstBinOp::Add) => self.tuple_concat(l, r, span),
                    (Type::Array { .. }, _, _) | (_, Type::Array { .. }, _) => binary(*op, l, r, span)?,
                    (Type::Complex(_), _, _) | (_, Type::Complex(_), _) => self.complex_binary(*op, l, r, span)?,
                    _ => binary(*op, l, r, span)?,
                }
            }
            E::UnaryOp { op, operand } => {
                let v = self.expr(operand)?;
                let v = self.unwrap_optional(v);
                match op {
                    ast::UnaryOp::Not if matches!(v.ty, Type::Complex(_)) => {
                        let b = self.complex_truth(v);
                        Expr::new(ExprKind::Unary { op: UnOp::Not, operand: Box::new(b) }, BOOL, span)
                    }
                    ast::UnaryOp::Pos if matches!(v.ty, Type::Complex(_)) => v,
                    ast::UnaryOp::Neg if matches!(v.ty, Type::Complex(_)) => self.complex_negate(v, span),
                    ast::UnaryOp::Not => {
                        let b = truthy(v)?;
                        Expr::new(ExprKind::Unary { op: UnOp::Not, operand: Box::new(b) }, BOOL, span)
                    }
                    ast::UnaryOp::Pos if is_numeric(&v.ty) => v,
                    // Fold negative literals so that `range(n, 0, -1)` has a constant step.
                    ast::UnaryOp::Neg if matches!(v.kind, ExprKind::Int(_) | ExprKind::Float(_)) => match v.kind {
                        ExprKind::Int(i) => Expr::new(ExprKind::Int(i.wrapping_neg()), I64, span),
                        ExprKind::Float(f) => Expr::new(ExprKind::Float(-f), F64, span),
                        _ => unreachable!(),
                    },
                    ast::UnaryOp::Neg if matches!(v.ty, Type::Array { .. }) => {
                        let ty = v.ty.clone();
                        if matches!(ty, Type::Array { dtype, .. } if dtype.is_complex()) {
                            return Err(not_compiled(span, "`-` on complex arrays is not compiled yet"));
                        }
                        Expr::new(ExprKind::ArrayUnary { op: rhumba_runtime::abi::elementwise_ops::NEG, operand: Box::new(v) }, ty, span)
                    }
                    ast::UnaryOp::Neg if is_numeric(&v.ty) => {
                        let ty = if v.ty == BOOL { I64 } else { v.ty.clone() };
                        Expr::new(ExprKind::Unary { op: UnOp::Neg, operand: Box::new(cast(v, ty.clone())) }, ty, span)
                    }
                    ast::UnaryOp::Invert if is_int(&v.ty) || v.ty == BOOL => {
                        Expr::new(ExprKind::Unary { op: UnOp::Invert, operand: Box::new(cast(v, I64)) }, I64, span)
                    }
                    _ => return Err(mistyped(span, format!("bad operand type for unary {op:?}: {}", v.ty))),
                }
            }
            E::BoolOp { op, values } => {
                // `a and b` returns one of its operands; it is compiled when both are bools.
                let mut parts = Vec::with_capacity(values.len());
                for v in values {
                    self.no_hoist += 1;
                    let part = self.expr(v);
                    self.no_hoist -= 1;
                    let part = part?;
                    if part.ty != BOOL {
                        return Err(not_compiled(v.span, "`and`/`or` on non-boolean values is not compiled yet"));
                    }
                    parts.push(part);
                }
                let mut it = parts.into_iter();
                let first = it.next().expect("a boolean operation has operands");
                it.fold(first, |acc, next| {
                    Expr::new(ExprKind::Logic { and: *op == ast::BoolOp::And, lhs: Box::new(acc), rhs: Box::new(next) }, BOOL, span)
                })
            }
            E::Compare { left, ops } => {
                let mut l = self.expr(left)?;
                let mut result: Option<Expr> = None;
                for (op, right) in ops {
                    let mut r = self.expr(right)?;
                    if !matches!(op, AstCmpOp::Is | AstCmpOp::IsNot) {
                        l = self.unwrap_optional(l);
                        r = self.unwrap_optional(r);
                        if self.awaits_widening(&l, &r, span) {
                            // A placeholder for this pass: the variable's type is not final yet.
                            r = Expr::new(ExprKind::Bool(false), BOOL, span);
                            l = r.clone();
                        }
                    }
                    let c = match (&l.ty, &r.ty) {
                        (_, Type::Tuple(_)) if matches!(op, AstCmpOp::In | AstCmpOp::NotIn) => self.tuple_contains(*op, l.clone(), r.clone(), span)?,
                        (_, Type::List { .. }) if matches!(op, AstCmpOp::In | AstCmpOp::NotIn) => self.list_contains(*op, l.clone(), r.clone(), span)?,
                        (_, Type::Dict { .. }) if matches!(op, AstCmpOp::In | AstCmpOp::NotIn) => self.dict_contains(*op, l.clone(), r.clone(), span)?,
                        (Type::Str, Type::Str) if !matches!(op, AstCmpOp::Is | AstCmpOp::IsNot) => self.str_compare(*op, l.clone(), r.clone(), span)?,
                        (Type::Tuple(_), Type::Tuple(_)) if !matches!(op, AstCmpOp::Is | AstCmpOp::IsNot) => self.tuple_compare(*op, l.clone(), r.clone(), span)?,
                        (Type::Complex(_), Type::Complex(_) | Type::Scalar(_)) | (Type::Scalar(_), Type::Complex(_)) => self.complex_compare(*op, l.clone(), r.clone(), span)?,
                        _ => compare(*op, l.clone(), r.clone(), span)?,
                    };
                    result = Some(match result {
                        None => c,
                        Some(prev) => Expr::new(ExprKind::Logic { and: true, lhs: Box::new(prev), rhs: Box::new(c) }, BOOL, span),
                    });
                    l = r;
                }
                result.expect("a comparison has at least one operator")
            }
            E::IfExp { test, body, orelse } => {
                let cond = self.condition(test)?;
                self.no_hoist += 1;
                let (a, b) = (self.expr(body), self.expr(orelse));
                self.no_hoist -= 1;
                let (a, b) = (a?, b?);
                let Some(ty) = unify(&a.ty, &b.ty) else {
                    return Err(mistyped(span, format!("the branches give {} and {}", a.ty, b.ty)));
                };
                Expr::new(ExprKind::Select { cond: Box::new(cond), then: Box::new(cast(a, ty.clone())), otherwise: Box::new(cast(b, ty.clone())) }, ty, span)
            }
            E::Subscript { value, index } => {
                let v = self.expr(value)?;
                let v = self.unwrap_optional_array(v);
                match v.ty.clone() {
                    Type::Array { dtype, ndim: src_ndim, .. } if !matches!(index.kind, E::Tuple(_) | E::Slice { .. }) && self.is_array_index(index) => {
                        let idx = self.expr(index)?;
                        match idx.ty {
                            Type::Array { dtype: DType::Bool, .. } => {}
                            Type::Array { dtype: id, ndim: 1, .. } if id.is_int() && src_ndim == 1 => {}
                            Type::Array { dtype: id, .. } if id.is_int() => {
                                return Err(not_compiled(index.span, "integer-array indexing is compiled for a 1-d array and a 1-d index only"))
                            }
                            ref other => return Err(mistyped(index.span, format!("arrays are indexed by integer or boolean arrays, not {other}"))),
                        }
                        Expr::new(ExprKind::Gather { array: Box::new(v), index: Box::new(idx) }, Type::Array { dtype, ndim: 1, layout: Layout::C }, span)
                    }
                    Type::Array { dtype, ndim, .. } if is_element_index(index, ndim) => {
                        let indices = self.indices(index, ndim)?;
                        Expr::new(ExprKind::Load { array: Box::new(v), indices }, compute_type(dtype), span)
                    }
                    Type::Array { ndim, .. } => self.view(v, index, ndim, span)?,
                    Type::Tuple(types) => {
                        let k = match &index.kind {
                            E::Int(k) => *k as i64,
                            E::UnaryOp { op: ast::UnaryOp::Neg, operand } if matches!(operand.kind, E::Int(_)) => {
                                let E::Int(k) = operand.kind else { unreachable!() };
                                -(k as i64)
                            }
                            E::Slice { lower, upper, step } => return self.tuple_slice(v, types.len(), [lower, upper, step], span),
                            _ => return self.tuple_index(v, index, span),
                        };
                        let n = types.len() as i64;
                        let k = if k < 0 { k + n } else { k };
                        if k < 0 || k >= n {
                            return Err(mistyped(index.span, "tuple index out of range"));
                        }
                        // `(a, b)[k]`, as in `a.shape[0]`: just the element.
                        if let ExprKind::Tuple(parts) = v.kind {
                            return Ok(parts.into_iter().nth(k as usize).expect("index checked against the tuple's length"));
                        }
                        Expr::new(ExprKind::TupleGet { tuple: Box::new(v), index: k as usize }, types[k as usize].clone(), span)
                    }
                    Type::List { .. } => self.list_subscript(v, index, span)?,
                    Type::Dict { .. } => self.dict_subscript(v, index, span)?,
                    Type::Str => self.str_subscript(v, index, span)?,
                    other => return Err(not_compiled(span, format!("indexing {other} is not compiled yet"))),
                }
            }
            E::Attribute { value, attr } => self.attribute(value, attr.name.as_str(), span)?,
            E::Call { func, args, keywords } => self.call(func, args, keywords, span)?,
            E::Str(text) => self.str_literal(text, span)?,
            E::FString(parts) => self.fstring(parts, span)?,
            E::List(items) => self.list_literal(items, span)?,
            E::ListComp { elt, generators } => self.list_comprehension(elt, generators, span)?,
            E::Dict { keys, values } => self.dict_literal(keys, values, span)?,
            E::Set(_) => return Err(not_compiled(span, "sets are not compiled yet")),
            E::Lambda(_) => return Err(not_compiled(span, "lambdas are not compiled yet")),
            E::None => Expr::new(ExprKind::Tuple(vec![]), Type::None, span),
            E::Slice { .. } => return Err(not_compiled(span, "slices are not compiled yet")),
            E::Starred(_) => return Err(not_compiled(span, "`*` unpacking is not compiled yet")),
        })
    }

    fn name(&mut self, sym: Symbol, span: Span) -> R<Expr> {
        if let Some(&local) = self.names.get(&sym) {
            return match self.locals[local].ty.clone() {
                Some(ty) => Ok(Expr::new(ExprKind::Local(local), ty, span)),
                // Read before any assignment was typed: a later pass will know its type.
                None => Err(Pending::Recursion),
            };
        }
        match self.env.global(self.key, sym) {
            Some(Global::Int(v)) => Ok(Expr::new(ExprKind::Int(v), I64, span)),
            Some(Global::Float(v)) => Ok(Expr::new(ExprKind::Float(v), F64, span)),
            Some(Global::Bool(v)) => Ok(Expr::new(ExprKind::Bool(v), BOOL, span)),
            Some(Global::Function { key, def }) => {
                Ok(Expr::new(ExprKind::Tuple(vec![]), Type::Function { key, name: def.name.name.as_str().to_string() }, span))
            }
            Some(Global::Array { desc, dtype, ndim }) => {
                Ok(Expr::new(ExprKind::ConstArray(desc), Type::Array { dtype, ndim, layout: Layout::C }, span))
            }
            Some(Global::Other(what)) => Err(not_compiled(span, format!("the global `{sym}` ({what}) cannot be used in compiled code yet"))),
            Some(_) => Err(not_compiled(span, format!("`{sym}` cannot be used as a value in compiled code"))),
            // A variable whose assignment was skipped this pass (its value waits on a recursive
            // call's return type) is not known yet, not undefined.
            None if self.skipped => Err(Pending::Recursion),
            None => Err(Pending::Error(CheckError {
                is_type_error: true,
                message: format!("name '{sym}' is not defined"),
                span,
                secondary: None,
            })),
        }
    }

    /// Resolves `np.sqrt`-style dotted names to (module, attribute).
    fn module_path(&self, e: &ast::Expr) -> Option<(&'static str, String)> {
        if let E::Attribute { value, attr } = &e.kind {
            if let E::Name(m) = value.kind {
                if self.names.contains_key(&m) {
                    return None;
                }
                if let Some(Global::Module(module)) = self.env.global(self.key, m) {
                    return Some((module, attr.name.as_str().to_string()));
                }
            }
            if let E::Attribute { value: inner, attr: sub } = &value.kind {
                if let E::Name(m) = inner.kind {
                    match (self.env.global(self.key, m), sub.name.as_str()) {
                        (Some(Global::Module("numpy")), "random") => return Some(("numpy.random", attr.name.as_str().to_string())),
                        (Some(Global::Module("numpy")), "linalg") => return Some(("numpy.linalg", attr.name.as_str().to_string())),
                        (Some(Global::Module("numba.cuda")), sub) => {
                            let module = match sub {
                                "threadIdx" => "numba.cuda.threadIdx",
                                "blockIdx" => "numba.cuda.blockIdx",
                                "blockDim" => "numba.cuda.blockDim",
                                "gridDim" => "numba.cuda.gridDim",
                                "shared" => "numba.cuda.shared",
                                "local" => "numba.cuda.local",
                                "atomic" => "numba.cuda.atomic",
                                _ => return None,
                            };
                            return Some((module, attr.name.as_str().to_string()));
                        }
                        _ => {}
                    }
                }
            }
        }
        None
    }

    fn attribute(&mut self, value: &ast::Expr, attr: &str, span: Span) -> R<Expr> {
        if let Some((module, name)) = self.module_path(&ast::Expr::new(E::Attribute { value: Box::new(value.clone()), attr: ast::Ident { name: Symbol::intern(attr), span } }, span)) {
            if let Some(family) = module.strip_prefix("numba.cuda.") {
                return self.cuda_index(family, &name, span);
            }
            let constant = match (module, name.as_str()) {
                ("math" | "numpy", "pi") => Some(std::f64::consts::PI),
                ("math" | "numpy", "e") => Some(std::f64::consts::E),
                ("math" | "numpy", "inf") => Some(f64::INFINITY),
                ("math" | "numpy", "nan") => Some(f64::NAN),
                _ => None,
            };
            return match constant {
                Some(c) => Ok(Expr::new(ExprKind::Float(c), F64, span)),
                None => Err(not_compiled(span, format!("`{module}.{name}` as a value is not compiled yet"))),
            };
        }
        let v = self.expr(value)?;
        let v = self.unwrap_optional_array(v);
        if let Type::Instance { .. } = v.ty {
            return self.instance_attribute(v, attr, span);
        }
        if matches!(v.ty, Type::Complex(_) | Type::Scalar(_)) && matches!(attr, "real" | "imag") {
            return Ok(self.number_part(v, attr == "imag", span));
        }
        if let (Type::Array { dtype, .. }, "real" | "imag") = (&v.ty, attr) {
            if dtype.is_complex() {
                // A copy of the parts: enough for reading (a store through `a.real[...]` is
                // refused where stores are checked).
                return self.complex_array_helper(attr, v, span);
            }
            if attr == "real" {
                return Ok(v);
            }
        }
        let Type::Array { ndim, .. } = v.ty else {
            return Err(not_compiled(span, format!("attribute `.{attr}` of {} is not compiled yet", v.ty)));
        };
        let dim = |axis: usize| Expr::new(ExprKind::Dim { array: Box::new(v.clone()), axis }, I64, span);
        Ok(match attr {
            "T" => {
                let Type::Array { dtype, .. } = v.ty else { unreachable!() };
                Expr::new(ExprKind::Transpose(Box::new(v.clone())), Type::Array { dtype, ndim, layout: Layout::Any }, span)
            }
            "shape" => {
                let parts: Vec<Expr> = (0..ndim).map(dim).collect();
                Expr::new(ExprKind::Tuple(parts), Type::Tuple(vec![I64; ndim]), span)
            }
            "size" => (1..ndim).fold(dim(0), |acc, k| Expr::new(ExprKind::Binary { op: BinOp::Mul, lhs: Box::new(acc), rhs: Box::new(dim(k)) }, I64, span)),
            "ndim" => Expr::new(ExprKind::Int(ndim as i64), I64, span),
            other => return Err(not_compiled(span, format!("array attribute `.{other}` is not compiled yet"))),
        })
    }

    fn call(&mut self, func: &ast::Expr, args: &[ast::Expr], keywords: &[ast::Keyword], span: Span) -> R<Expr> {
        // `List.empty_list(item_type)` of `numba.typed`.
        if let E::Attribute { value, attr } = &func.kind {
            if let E::Name(sym) = value.kind {
                if attr.name.as_str() == "empty_list" && !self.names.contains_key(&sym) && lists::is_typed_list_class(&self.env.global(self.key, sym)) {
                    return self.typed_list_empty(args, keywords, span);
                }
                if attr.name.as_str() == "empty" && !self.names.contains_key(&sym) && dicts::is_typed_dict_class(&self.env.global(self.key, sym)) {
                    return self.typed_dict_empty(args, keywords, span);
                }
            }
        }
        // Methods of arrays: `a.copy()`.
        if let E::Attribute { value, attr } = &func.kind {
            if self.module_path(func).is_none() {
                if keywords.is_empty() {
                    if let Some(r) = self.list_method(value, attr.name.as_str(), args, span)? {
                        return Ok(r);
                    }
                }
                let v = self.expr(value)?;
                let v = self.unwrap_optional_array(v);
                if let Type::Instance { .. } = v.ty {
                    return self.method_call(v, attr.name.as_str(), args, keywords, span);
                }
                if let (Type::Dict { .. }, true) = (&v.ty, keywords.is_empty()) {
                    return self.dict_method(v, attr.name.as_str(), args, span);
                }
                if let (Type::Str, true) = (&v.ty, keywords.is_empty()) {
                    return self.str_method(v, attr.name.as_str(), args, span);
                }
                if matches!(attr.name.as_str(), "conjugate" | "conj") && args.is_empty() {
                    match &v.ty {
                        // Numba's scalars have `.conjugate()` only.
                        Type::Complex(_) | Type::Scalar(_) if attr.name.as_str() == "conj" => {
                            return Err(mistyped(attr.span, format!("Unknown attribute 'conj' of type {}", v.ty)));
                        }
                        Type::Complex(_) | Type::Scalar(_) => return Ok(self.complex_conjugate(v, span)),
                        Type::Array { dtype, .. } if dtype.is_complex() => return self.complex_array_helper("conj", v, span),
                        Type::Array { .. } => return Ok(v),
                        _ => {}
                    }
                }
                if let Type::Array { dtype, .. } = &v.ty {
                    if dtype.is_complex() && matches!(attr.name.as_str(), "sum" | "prod" | "mean") && args.is_empty() && keywords.is_empty() {
                        return self.complex_array_helper(attr.name.as_str(), v, span);
                    }
                    if dtype.is_complex() && !matches!(attr.name.as_str(), "copy" | "reshape" | "ravel" | "flatten") {
                        return Err(not_compiled(span, format!("the method `.{}()` of complex arrays is not compiled yet", attr.name)));
                    }
                }
                if let (Type::Array { dtype, ndim, .. }, "copy", true) = (&v.ty, attr.name.as_str(), args.is_empty()) {
                    let ty = Type::Array { dtype: *dtype, ndim: *ndim, layout: Layout::C };
                    return Ok(Expr::new(ExprKind::CopyArray(Box::new(v)), ty, span));
                }
                if let (Type::Array { .. }, true) = (&v.ty, args.is_empty() && keywords.is_empty()) {
                    if let Some(r) = reduction(attr.name.as_str(), v.clone(), span) {
                        return Ok(r);
                    }
                }
                if let (Type::Array { .. }, "sum" | "argmax" | "argmin" | "cumsum") = (&v.ty, attr.name.as_str()) {
                    let axis = match (args, keywords) {
                        ([axis], []) => Some(axis),
                        ([], [kw]) if kw.name.name.as_str() == "axis" => Some(&kw.value),
                        _ => None,
                    };
                    if let Some(axis) = axis {
                        return self.axis_reduction(attr.name.as_str(), v, axis, span);
                    }
                }
                if let Type::Array { dtype, .. } = v.ty {
                    match attr.name.as_str() {
                        "reshape" if keywords.is_empty() => return self.reshape(v, args, span),
                        "ravel" | "flatten" if args.is_empty() => {
                            let source = if attr.name.as_str() == "flatten" {
                                let ty = v.ty.clone();
                                Expr::new(ExprKind::CopyArray(Box::new(v)), ty, span)
                            } else {
                                v
                            };
                            let all = Expr::new(ExprKind::Int(-1), I64, span);
                            return Ok(Expr::new(ExprKind::Reshape { array: Box::new(source), shape: vec![all] }, Type::Array { dtype, ndim: 1, layout: Layout::C }, span));
                        }
                        "cumsum" if args.is_empty() => return Ok(cumsum(v, span)),
                        _ => {}
                    }
                }
                return Err(not_compiled(span, format!("the method `.{}()` is not compiled yet", attr.name)));
            }
        }
        if let Some((module, name)) = self.module_path(func) {
            return self.library_call(module, &name, args, keywords, span);
        }
        let E::Name(sym) = func.kind else {
            return Err(not_compiled(func.span, "this kind of call is not compiled yet"));
        };
        if let Some(def) = self.inner.get(&sym).cloned() {
            return self.inner_call(&def, args, keywords, span);
        }
        // A variable holding a compiled function (a parameter such as `f`) is called statically.
        let target = match self.names.get(&sym).and_then(|l| self.locals[*l].ty.clone()) {
            Some(Type::Function { key, .. }) => match self.env.function(key) {
                Some(def) => Some(Global::Function { key, def }),
                None => return Err(not_compiled(func.span, "this function value is not compiled")),
            },
            Some(other) => return Err(mistyped(func.span, format!("'{other}' object is not callable"))),
            None if self.names.contains_key(&sym) => return Err(Pending::Recursion),
            None => self.env.global(self.key, sym),
        };
        let target = match target {
            Some(Global::Vectorized { key, def }) => {
                // A ufunc applied to arrays inside a kernel would need the elementwise loop;
                // on scalars it is just its kernel, as in Numba.
                for a in args {
                    if let Type::Array { .. } = self.expr(a)?.ty {
                        return Err(not_compiled(a.span, format!("calling the @vectorize function `{sym}` on arrays from compiled code is not compiled yet")));
                    }
                }
                Some(Global::Function { key, def })
            }
            other => other,
        };
        if !keywords.is_empty() && !matches!(target, Some(Global::Function { .. } | Global::Class { .. })) {
            return Err(not_compiled(span, "keyword arguments are not compiled yet"));
        }
        match target {
            Some(Global::Function { key, def }) => {
                let built = self.bind_call(&def, args, keywords, span)?;
                self.call_specialisation(key, &def, built, span)
            }
            Some(Global::Class { key }) => self.construct(key, args, keywords, span),
            Some(Global::Builtin(name)) => self.builtin(name, args, span),
            Some(Global::Library { module, name }) => self.library_call(module, name, args, keywords, span),
            Some(Global::ScalarType(d)) => self.scalar_conversion(d, args, span),
            Some(Global::Other(what)) => Err(not_compiled(span, format!("calling `{sym}` ({what}) is not compiled"))),
            Some(_) => Err(not_compiled(span, format!("calling `{sym}` is not compiled yet"))),
            None => Err(Pending::Error(CheckError { is_type_error: true, message: format!("name '{sym}' is not defined"), span: func.span, secondary: None })),
        }
    }

    /// A call of the specialisation of the decorated function `key` (`def`) for the types of
    /// the bound arguments `built`, checking it first when it is new.
    fn call_specialisation(&mut self, key: usize, def: &Rc<FunctionDef>, built: Vec<Expr>, span: Span) -> R<Expr> {
        let types: Vec<Type> = built.iter().map(|a| a.ty.clone()).collect();
            let index = match self.unit.lookup(key, &types) {
                Some(i) => i,
                None => match check_nested(self.unit, self.env, key, def, &types) {
                    Ok(i) => i,
                    Err(Pending::Recursion) => {
                        self.waits_on_caller = true;
                        return Err(Pending::Recursion);
                    }
                    Err(Pending::Error(mut e)) => {
                        if e.secondary.is_none() {
                            e.secondary = Some((span, format!("called from {}() here", self.def.name.name)));
                        }
                        return Err(Pending::Error(e));
                    }
                },
            };
            let ret = match &self.unit.functions[index] {
                Some(f) => f.ret.clone(),
                None => match self.unit.pending_returns.get(&index) {
                    Some(Some(t)) => t.clone(),
                    _ => {
                        if index != self.index {
                            self.waits_on_caller = true;
                        }
                        return Err(Pending::Recursion);
                    }
                },
            };
        Ok(Expr::new(ExprKind::Call { func: index, args: built }, ret, span))
    }

    /// `np.hstack(arrays)` of 2-d arrays: their concatenation along axis 1.
    fn prelude_hstack(&mut self, args: &[ast::Expr], span: Span) -> R<Expr> {
        let arrays = self.expr(&args[0])?;
        let one = Expr::new(ExprKind::Int(1), I64, span);
        self.prelude_apply("concatenate__2d", vec![arrays, one], span)
    }

    /// `a.sum(axis=k)`, `np.argmax(a, axis=k)`, `np.cumsum(a, axis=k)` and their kin, as Numba
    /// compiles them (its axis reductions are these four): the prelude's function for the
    /// array's number of dimensions, which checks the axis at run time.
    fn axis_reduction(&mut self, name: &str, array: Expr, axis: &ast::Expr, span: Span) -> R<Expr> {
        let Type::Array { dtype, ndim, .. } = array.ty else {
            return Err(mistyped(span, format!("{name}() with an axis takes an array")));
        };
        let axis = self.expr(axis)?;
        if !is_int(&axis.ty) {
            return Err(mistyped(span, format!("the axis of {name}() must be an integer, not {}", axis.ty)));
        }
        let axis = cast(axis, I64);
        let flag = |b: bool| Expr::new(ExprKind::Bool(b), BOOL, span);
        // Sums keep the array's dtype, which matches numpy for these (narrower integers and
        // bools widen in numpy, and are not compiled here yet).
        let summable = matches!(dtype, DType::Float64 | DType::Float32 | DType::Int64);
        match (name, ndim) {
            ("sum", 1..=3) if summable => self.prelude_apply(&format!("_sum_axis__{ndim}d"), vec![array, axis], span),
            ("cumsum", 2) if summable => self.prelude_apply("_cumsum_axis__2d", vec![array, axis], span),
            ("argmax" | "argmin", 2) if !dtype.is_complex() => self.prelude_apply("_arg_axis__2d", vec![array, axis, flag(name == "argmax")], span),
            _ => Err(not_compiled(span, format!("{name}() with an axis is not compiled for {} yet", array.ty))),
        }
    }

    /// `np.name(...)` through the numpy prelude (`prelude.rs`), or `None` when the prelude has no
    /// such function. The variant is chosen by the arguments' types (`searchsorted__array` for
    /// an array of needles, `where__2d` for a 2-d condition), and a string keyword such as
    /// `side="right"` is passed as the flag `side_right=True`. An error inside the prelude is
    /// reported at the call.
    fn prelude_call(&mut self, name: &str, args: &[ast::Expr], keywords: &[ast::Keyword], span: Span) -> R<Option<Expr>> {
        if name.starts_with('_') || crate::prelude::function(name).is_none() && !matches!(name, "where" | "dot" | "linalg_norm" | "linalg_solve" | "linalg_lstsq" | "vstack" | "hstack" | "stack") {
            return Ok(None);
        }
        let arg_type = |c: &mut Self, k: usize| -> R<Option<Type>> { args.get(k).map(|a| c.expr(a).map(|e| e.ty)).transpose() };
        let ndim = |t: Option<Type>| match t {
            Some(Type::Array { ndim, .. }) => ndim,
            _ => 0,
        };
        let variant = match name {
            "dot" => format!("dot__{}_{}", ndim(arg_type(self, 0)?), ndim(arg_type(self, 1)?)),
            "linalg_norm" | "linalg_solve" | "linalg_lstsq" => format!("{name}__{}d", ndim(arg_type(self, if name == "linalg_norm" { 0 } else { 1 })?)),
            "searchsorted" if matches!(arg_type(self, 1)?, Some(Type::Array { .. })) => "searchsorted__array".to_string(),
            "diff" => match ndim(arg_type(self, 0)?) {
                1 => "diff".to_string(),
                2 => "diff__2d".to_string(),
                _ => return Err(not_compiled(span, "np.diff() is compiled for 1-d and 2-d arrays")),
            },
            "interp" if matches!(arg_type(self, 0)?, Some(Type::Array { .. })) => "interp__array".to_string(),
            "sort" if ndim(arg_type(self, 0)?) == 2 => "sort__2d".to_string(),
            // Sequences of arrays: the variant follows the first array's dimensions.
            "concatenate" | "vstack" | "hstack" | "stack" => {
                let first = match arg_type(self, 0)? {
                    Some(Type::Tuple(items)) => items.first().cloned(),
                    Some(Type::List { item: Some(item), .. }) => Some(*item),
                    _ => None,
                };
                let axis_given = !keywords.is_empty() || args.len() > 1;
                match (name, ndim(first)) {
                    ("concatenate", 1) => "concatenate".to_string(),
                    ("concatenate", 2) => "concatenate__2d".to_string(),
                    ("vstack", 1) | ("stack", 1) if !axis_given => "vstack__1d".to_string(),
                    ("vstack", 2) => "concatenate__2d".to_string(),
                    ("hstack", 1) => "concatenate".to_string(),
                    ("hstack", 2) => return self.prelude_hstack(args, span).map(Some),
                    _ => return Err(not_compiled(span, format!("np.{name}() is compiled for sequences of 1-d and 2-d arrays (stack: 1-d, axis 0)"))),
                }
            }
            "where" if args.len() == 1 => match arg_type(self, 0)? {
                Some(Type::Array { ndim: n @ (1 | 2), .. }) => format!("where__{n}d"),
                _ => return Err(not_compiled(span, "np.where(cond) is compiled for 1-d and 2-d conditions")),
            },
            "where" => return Ok(None),
            other => other.to_string(),
        };
        let shown = name.replace("linalg_", "linalg.");
        let name = shown.as_str();
        let Some((key, def)) = crate::prelude::function(&variant) else {
            return Err(not_compiled(span, format!("np.{name}() is not compiled for these arguments")));
        };
        for k in keywords {
            if let E::Str(v) = &k.value.kind {
                let flag = format!("{}_{v}", k.name.name);
                if !def.params.iter().any(|p| p.name.name.as_str() == flag) {
                    return Err(mistyped(k.value.span, format!("np.{name}() does not take {}={v:?}", k.name.name)));
                }
            }
        }
        let keywords: Vec<ast::Keyword> = keywords
            .iter()
            .map(|k| match &k.value.kind {
                E::Str(v) => ast::Keyword {
                    name: ast::Ident { name: Symbol::intern(&format!("{}_{v}", k.name.name)), span: k.name.span },
                    value: ast::Expr::new(E::Bool(true), k.value.span),
                },
                _ => k.clone(),
            })
            .collect();
        let at_call = |e: CheckError| {
            let message = if e.span.start >= crate::prelude::PRELUDE_BASE {
                format!("np.{name}(): {} (rhumba's numpy prelude, line {})", e.message, crate::prelude::line_of(e.span.start))
            } else {
                format!("np.{name}(): {}", e.message)
            };
            Pending::Error(CheckError { is_type_error: e.is_type_error, message, span, secondary: None })
        };
        let built = self.bind_call(&def, args, &keywords, span).map_err(|e| match e {
            Pending::Error(e) => at_call(e),
            other => other,
        })?;
        self.prelude_specialisation(key, &def, built, &format!("np.{name}"), &at_call, span).map(Some)
    }

    /// The call of the prelude function `def` (with `key`) on arguments already bound, checking
    /// its specialisation for their types first; `at_call` turns an error inside it into one
    /// at the call.
    fn prelude_specialisation(&mut self, key: usize, def: &Rc<FunctionDef>, args: Vec<Expr>, shown: &str, at_call: &dyn Fn(CheckError) -> Pending, span: Span) -> R<Expr> {
        let types: Vec<Type> = args.iter().map(|a| a.ty.clone()).collect();
        let index = match self.unit.lookup(key, &types) {
            Some(i) => i,
            None => {
                let env = crate::prelude::PreludeEnv { user: self.env };
                check_nested(self.unit, &env, key, def, &types).map_err(|e| match e {
                    Pending::Error(e) => at_call(e),
                    other => other,
                })?
            }
        };
        let ret = match &self.unit.functions[index] {
            Some(f) => f.ret.clone(),
            None => return Err(not_compiled(span, format!("{shown}() could not be typed"))),
        };
        Ok(Expr::new(ExprKind::Call { func: index, args }, ret, span))
    }

    /// A call of the prelude function `name` on arguments already typed (the checker's own
    /// uses of the prelude, such as complex division).
    fn prelude_apply(&mut self, name: &str, args: Vec<Expr>, span: Span) -> R<Expr> {
        let Some((key, def)) = crate::prelude::function(name) else {
            return Err(not_compiled(span, format!("{name}() is missing from the numpy prelude")));
        };
        if def.params.len() != args.len() {
            return Err(mistyped(span, format!("{name}() takes {} argument(s), not {}", def.params.len(), args.len())));
        }
        let at_call = |e: CheckError| {
            let message = format!("{} (rhumba's numpy prelude, {name}(), line {})", e.message, crate::prelude::line_of(e.span.start));
            Pending::Error(CheckError { is_type_error: e.is_type_error, message, span, secondary: None })
        };
        self.prelude_specialisation(key, &def, args, name, &at_call, span)
    }

    /// The arguments of a call of the compiled function `def`, one per parameter as Python
    /// binds them: positional, then keywords by name, then the defaults of the parameters left
    /// (literals, typed in place as Numba types an omitted argument), and the extra positional
    /// arguments of a `*args` function as one tuple.
    fn bind_call(&mut self, def: &FunctionDef, args: &[ast::Expr], keywords: &[ast::Keyword], span: Span) -> R<Vec<Expr>> {
        self.bind_call_after(def, 0, args, keywords, span)
    }

    /// [`Self::bind_call`] for the parameters after the first `skip` (a method's `self`, which
    /// the caller passes).
    fn bind_call_after(&mut self, def: &FunctionDef, skip: usize, args: &[ast::Expr], keywords: &[ast::Keyword], span: Span) -> R<Vec<Expr>> {
        let name = def.name.name;
        let params = &def.params[skip.min(def.params.len())..];
        let n = params.len();
        if args.len() > n && def.vararg.is_none() {
            return Err(mistyped(span, format!("{name}() takes {n} positional argument{} but {} were given", if n == 1 { "" } else { "s" }, args.len())));
        }
        let mut bound: Vec<Option<Expr>> = vec![None; n];
        let mut extra = Vec::new();
        for (k, a) in args.iter().enumerate() {
            let v = self.expr(a)?;
            if k < n {
                bound[k] = Some(v);
            } else {
                extra.push(v);
            }
        }
        for kw in keywords {
            let Some(k) = params.iter().position(|p| p.name.name == kw.name.name) else {
                return Err(mistyped(kw.name.span, format!("{name}() got an unexpected keyword argument '{}'", kw.name.name)));
            };
            if bound[k].is_some() {
                return Err(mistyped(kw.name.span, format!("{name}() got multiple values for argument '{}'", kw.name.name)));
            }
            bound[k] = Some(self.expr(&kw.value)?);
        }
        let mut out = Vec::with_capacity(n + 1);
        for (p, b) in params.iter().zip(bound) {
            let v = match (b, &p.default) {
                (Some(v), _) => v,
                (None, Some(d)) if is_literal(d) => {
                    let mut v = self.expr(d)?;
                    v.span = span;
                    v
                }
                (None, Some(d)) => return Err(not_compiled(d.span, format!("the default value of `{}` is not a literal; only literal defaults are compiled yet", p.name.name))),
                (None, None) => return Err(mistyped(span, format!("{name}() missing required argument: '{}'", p.name.name))),
            };
            out.push(v);
        }
        if def.vararg.is_some() {
            let ty = Type::Tuple(extra.iter().map(|e| e.ty.clone()).collect());
            out.push(Expr::new(ExprKind::Tuple(extra), ty, span));
        }
        Ok(out)
    }

    fn scalar_conversion(&mut self, d: DType, args: &[ast::Expr], span: Span) -> R<Expr> {
        let [a] = args else {
            return Err(mistyped(span, "a scalar conversion takes one argument"));
        };
        let v = self.expr(a)?;
        if d.is_complex() {
            return self.complex_from(v, None, &Type::Complex(d), span);
        }
        if !is_numeric(&v.ty) {
            return Err(mistyped(span, format!("cannot convert {} to {d}", v.ty)));
        }
        let target = match d {
            DType::Float32 | DType::Float64 | DType::Bool | DType::Int64 => compute_type(d),
            // A narrower integer (`np.int32(x)`): the int64 value wrapped to the width, typed
            // as that width, as in Numba; arithmetic widens it again.
            _ => return Ok(cast(wrap_to_width(cast(v, I64), d, span), Type::Scalar(d))),
        };
        Ok(if target == BOOL { truthy(v)? } else { cast(v, target) })
    }

    fn builtin(&mut self, name: &str, args: &[ast::Expr], span: Span) -> R<Expr> {
        let built: Vec<Expr> = args.iter().map(|a| self.expr(a)).collect::<R<_>>()?;
        let one = |built: &[Expr]| -> R<Expr> {
            match built {
                [x] => Ok(x.clone()),
                _ => Err(mistyped(span, format!("{name}() takes exactly one argument"))),
            }
        };
        if let ([x], "sum" | "min" | "max" | "sorted") = (&built[..], name) {
            if let Some(r) = self.list_builtin(name, x.clone(), span)? {
                return Ok(r);
            }
        }
        if name == "List" {
            return match &built[..] {
                [] => self.typed_list_new(None, &[], span),
                [from] => self.typed_list_from(from.clone(), span),
                _ => Err(mistyped(span, "List() takes at most one argument")),
            };
        }
        match (name, &built[..]) {
            ("ord", [c]) if c.ty == Type::Str => return self.prelude_apply("_str_ord", vec![c.clone()], span),
            ("chr", [i]) if is_int(&i.ty) => return self.prelude_apply("_str_chr", vec![cast(i.clone(), I64)], span),
            ("str", [v]) => return self.to_str(v.clone(), span),
            ("ord" | "chr" | "str", _) => return Err(not_compiled(span, format!("{name}() with these arguments is not compiled yet"))),
            _ => {}
        }
        if name == "Dict" && args.is_empty() {
            return Ok(Expr::new(ExprKind::DictNew, Type::Dict { key: None, value: None }, span));
        }
        Ok(match name {
            "len" => {
                let x = one(&built)?;
                let x = self.unwrap_optional_array(x);
                match &x.ty {
                    Type::Array { .. } => Expr::new(ExprKind::Dim { array: Box::new(x), axis: 0 }, I64, span),
                    Type::Tuple(t) => Expr::new(ExprKind::Int(t.len() as i64), I64, span),
                    Type::List { .. } => self.list_len(x, span),
                    Type::Dict { .. } => Expr::new(ExprKind::DictLen(Box::new(x)), I64, span),
                    Type::Str => Expr::new(ExprKind::ListLen(Box::new(x)), I64, span),
                    other => return Err(not_compiled(span, format!("len() of {other} is not compiled yet"))),
                }
            }
            "min" | "max" => {
                if built.len() < 2 || built.iter().any(|b| !is_numeric(&b.ty)) {
                    return Err(not_compiled(span, format!("{name}() is compiled for two or more numbers only")));
                }
                let ty = built.iter().skip(1).fold(built[0].ty.clone(), |acc, b| unify(&acc, &b.ty).unwrap_or(F64));
                let ty = if ty == BOOL { I64 } else { ty };
                let op = if name == "min" { BinOp::Min } else { BinOp::Max };
                let mut it = built.into_iter();
                let first = cast(it.next().expect("two arguments"), ty.clone());
                it.fold(first, |acc, b| Expr::new(ExprKind::Binary { op, lhs: Box::new(acc), rhs: Box::new(cast(b, ty.clone())) }, ty.clone(), span))
            }
            "abs" if matches!(built.as_slice(), [x] if matches!(x.ty, Type::Complex(_))) => {
                let x = one(&built)?;
                self.complex_abs(x, span)
            }
            "complex" => {
                let mut it = built.into_iter();
                let (Some(re), im, None) = (it.next(), it.next(), it.next()) else {
                    return Err(mistyped(span, "complex() takes one or two arguments"));
                };
                self.complex_from(re, im, &Type::Complex(DType::Complex128), span)?
            }
            "abs" => {
                let x = one(&built)?;
                let ty = if x.ty == BOOL { I64 } else { x.ty.clone() };
                if !is_numeric(&ty) {
                    return Err(mistyped(span, format!("bad operand type for abs(): {}", x.ty)));
                }
                Expr::new(ExprKind::Unary { op: UnOp::Abs, operand: Box::new(cast(x, ty.clone())) }, ty, span)
            }
            "int" => {
                let x = one(&built)?;
                numeric_or_error(&x, name)?;
                cast(x, I64)
            }
            "float" => {
                let x = one(&built)?;
                numeric_or_error(&x, name)?;
                cast(x, F64)
            }
            "bool" if matches!(built.as_slice(), [x] if matches!(x.ty, Type::Complex(_))) => {
                let x = one(&built)?;
                self.complex_truth(x)
            }
            "bool" => truthy(one(&built)?)?,
            "round" => {
                let x = one(&built).map_err(|_| not_compiled(span, "round() with digits is not compiled yet"))?;
                numeric_or_error(&x, name)?;
                if is_int(&x.ty) || x.ty == BOOL {
                    cast(x, I64)
                } else {
                    let r = Expr::new(ExprKind::Math { func: MathFn::Round, args: vec![x.clone()] }, x.ty.clone(), span);
                    cast(r, I64)
                }
            }
            "range" | "prange" => return Err(not_compiled(span, "range() outside a `for` loop is not compiled yet")),
            "print" => return self.print_call(built, span),
            "_print_char" => return self.print_char(built, span),
            // The numpy prelude's LinAlgError for a singular matrix.
            "_raise_singular" => {
                let fail = Expr::new(ExprKind::Bool(true), BOOL, span);
                Expr::new(ExprKind::Guard { fail: Box::new(fail), code: rhumba_runtime::abi::ERR_SINGULAR_MATRIX, value: Box::new(Expr::new(ExprKind::Int(0), I64, span)) }, I64, span)
            }
            // The numpy prelude's ZeroDivisionError for a complex division by zero.
            "_raise_complex_division" => {
                let fail = Expr::new(ExprKind::Bool(true), BOOL, span);
                Expr::new(ExprKind::Guard { fail: Box::new(fail), code: rhumba_runtime::abi::ERR_COMPLEX_DIVISION, value: Box::new(Expr::new(ExprKind::Int(0), I64, span)) }, I64, span)
            }
            // Loops over tuples are always unrolled here, so `literal_unroll` only marks one.
            "literal_unroll" => {
                let x = one(&built)?;
                if !matches!(x.ty, Type::Tuple(_) | Type::Array { .. }) {
                    return Err(mistyped(span, format!("literal_unroll() takes a tuple, not {}", x.ty)));
                }
                x
            }
            other => return Err(not_compiled(span, format!("{other}() is not compiled yet"))),
        })
    }

    fn library_call(&mut self, module: &str, name: &str, args: &[ast::Expr], keywords: &[ast::Keyword], span: Span) -> R<Expr> {
        if matches!(module, "cmath" | "math" | "numpy") {
            if let Some(call) = self.complex_library_call(module, name, args, !keywords.is_empty(), span)? {
                return Ok(call);
            }
        }
        if module == "numpy" && matches!(name, "sum" | "argmax" | "argmin" | "cumsum") {
            let axis = match (args, keywords) {
                ([_, axis], []) => Some(axis),
                ([_], [kw]) if kw.name.name.as_str() == "axis" => Some(&kw.value),
                _ => None,
            };
            if let Some(axis) = axis {
                let array = self.expr(&args[0])?;
                if let Type::Array { .. } = array.ty {
                    return self.axis_reduction(name, array, axis, span);
                }
            }
        }
        if module == "numpy" {
            if let Some(call) = self.prelude_call(name, args, keywords, span)? {
                return Ok(call);
            }
        }
        if module == "numpy.linalg" {
            return match self.prelude_call(&format!("linalg_{name}"), args, keywords, span)? {
                Some(call) => Ok(call),
                None => Err(not_compiled(span, format!("np.linalg.{name} is not compiled yet"))),
            };
        }
        if module.starts_with("numba.cuda") {
            return self.cuda_call(module, name, args, keywords, span);
        }
        if module == "numpy" {
            match name {
                "empty" | "zeros" | "ones" | "full" => return self.new_array(name, args, keywords, span),
                "arange" if keywords.is_empty() && (1..=3).contains(&args.len()) => {
                    let built: Vec<Expr> = args.iter().map(|a| self.expr(a)).collect::<R<_>>()?;
                    if built.iter().any(|b| !is_numeric(&b.ty)) {
                        return Err(mistyped(span, "np.arange() takes numbers"));
                    }
                    let float = built.iter().any(|b| is_float(&b.ty));
                    let ty = if float { F64 } else { I64 };
                    let mut b = built.into_iter().map(|x| cast(x, ty.clone()));
                    let lit = |v: i64| cast(Expr::new(ExprKind::Int(v), I64, span), ty.clone());
                    let (start, stop, step) = match args.len() {
                        1 => (lit(0), b.next().expect("one"), lit(1)),
                        2 => (b.next().expect("two"), b.next().expect("two"), lit(1)),
                        _ => (b.next().expect("three"), b.next().expect("three"), b.next().expect("three")),
                    };
                    let dtype = if float { DType::Float64 } else { DType::Int64 };
                    return Ok(Expr::new(
                        ExprKind::Arange { start: Box::new(start), stop: Box::new(stop), step: Box::new(step), float },
                        Type::Array { dtype, ndim: 1, layout: Layout::C },
                        span,
                    ));
                }
                "cumsum" if keywords.is_empty() && args.len() == 1 => {
                    let a = self.expr(&args[0])?;
                    if matches!(a.ty, Type::Array { .. }) {
                        return Ok(cumsum(a, span));
                    }
                }
                "reshape" if keywords.is_empty() && args.len() == 2 => {
                    let a = self.expr(&args[0])?;
                    if matches!(a.ty, Type::Array { .. }) {
                        return self.reshape(a, &args[1..], span);
                    }
                }
                "empty_like" | "zeros_like" | "ones_like" | "full_like" => {
                    // (a[, fill_value][, dtype]), as numpy orders them; keywords by name.
                    let full = name == "full_like";
                    let mut slots: [Option<&ast::Expr>; 3] = [args.first(), None, None];
                    for (k, a) in args.iter().enumerate().skip(1) {
                        match (full, k) {
                            (true, 1) => slots[1] = Some(a),
                            (true, 2) | (false, 1) => slots[2] = Some(a),
                            _ => return Err(mistyped(span, format!("np.{name}() takes at most {} positional arguments", if full { 3 } else { 2 }))),
                        }
                    }
                    for k in keywords {
                        match k.name.name.as_str() {
                            "fill_value" if full => slots[1] = Some(&k.value),
                            "dtype" => slots[2] = Some(&k.value),
                            other => return Err(not_compiled(k.name.span, format!("np.{name}(..., {other}=...) is not compiled yet"))),
                        }
                    }
                    let Some(proto) = slots[0] else { return Err(mistyped(span, format!("np.{name}() needs an array"))) };
                    let proto = self.expr(proto)?;
                    let Type::Array { dtype, ndim, .. } = proto.ty.clone() else {
                        return Err(mistyped(span, format!("np.{name} needs an array, not {}", proto.ty)));
                    };
                    let dtype = match slots[2] {
                        Some(d) => self.dtype_of(d)?,
                        None => dtype,
                    };
                    let shape = (0..ndim).map(|axis| Expr::new(ExprKind::Dim { array: Box::new(proto.clone()), axis }, I64, span)).collect();
                    let fill = match (name, slots[1]) {
                        ("ones_like", _) => Some(Expr::new(ExprKind::Int(1), I64, span)),
                        (_, Some(v)) => Some(self.expr(v)?),
                        ("full_like", None) => return Err(mistyped(span, "np.full_like() needs a fill_value")),
                        _ => None,
                    };
                    let fill = self.array_fill(fill, dtype, span)?;
                    return Ok(Expr::new(ExprKind::NewArray { dtype, shape, fill }, Type::Array { dtype, ndim, layout: Layout::C }, span));
                }
                "float32" | "float64" | "int64" | "bool_" | "int8" | "int16" | "int32" | "uint8" | "uint16" | "uint32" | "uint64" | "intp" | "uintp" | "complex64" | "complex128" => {
                    let d = DType::from_name(name).unwrap_or(DType::Float64);
                    return self.scalar_conversion(d, args, span);
                }
                _ => {}
            }
        }
        if let ("numpy", [one]) = (module, args) {
            if keywords.is_empty() {
                let v = self.expr(one)?;
                if let Type::Array { .. } = v.ty {
                    if let Some(r) = reduction(name, v, span) {
                        return Ok(r);
                    }
                }
            }
        }
        if module == "numpy.random" {
            return self.random_call(name, args, keywords, span);
        }
        if !keywords.is_empty() {
            return Err(not_compiled(span, format!("keyword arguments to {module}.{name} are not compiled yet")));
        }
        let built: Vec<Expr> = args.iter().map(|a| self.expr(a)).collect::<R<_>>()?;
        if let ([one], "numpy") = (built.as_slice(), module) {
            if let Type::Array { dtype, ndim, .. } = one.ty {
                return array_function(name, one.clone(), dtype, ndim, span);
            }
        }
        if let ([x, y], "numpy", Some(op)) = (built.as_slice(), module, binary_ufunc(name)) {
            if matches!(x.ty, Type::Array { .. }) || matches!(y.ty, Type::Array { .. }) {
                return array_binary(op, x.clone(), y.clone(), span, name);
            }
        }
        if built.iter().any(|b| !is_numeric(&b.ty)) {
            return Err(not_compiled(span, format!("{module}.{name} on {} is not compiled yet", built.iter().map(|b| b.ty.to_string()).collect::<Vec<_>>().join(", "))));
        }
        let float_ty = |b: &[Expr]| if b.iter().all(|x| x.ty == F32) { F32 } else { F64 };
        let unary_extern = |sym: &'static str| MathFn::Extern(sym, 1);
        let f = match (module, name) {
            ("math" | "numpy", "sqrt") => Some(MathFn::Sqrt),
            ("math" | "numpy", "fabs") => Some(MathFn::Fabs),
            ("numpy", "floor") | ("numpy", "ceil") | ("numpy", "trunc") => Some(match name {
                "floor" => MathFn::Floor,
                "ceil" => MathFn::Ceil,
                _ => MathFn::Trunc,
            }),
            ("math" | "numpy", "exp") => Some(unary_extern("rhumba_exp")),
            ("math" | "numpy", "log") if built.len() == 1 => Some(unary_extern("rhumba_log")),
            ("math" | "numpy", "log10") => Some(unary_extern("rhumba_log10")),
            ("math" | "numpy", "log2") => Some(unary_extern("rhumba_log2")),
            ("math" | "numpy", "log1p") => Some(unary_extern("rhumba_log1p")),
            ("math" | "numpy", "expm1") => Some(unary_extern("rhumba_expm1")),
            ("math" | "numpy", "sin") => Some(unary_extern("rhumba_sin")),
            ("math" | "numpy", "cos") => Some(unary_extern("rhumba_cos")),
            ("math" | "numpy", "tan") => Some(unary_extern("rhumba_tan")),
            ("math", "asinh") | ("numpy", "arcsinh") => Some(unary_extern("rhumba_asinh")),
            ("math", "acosh") | ("numpy", "arccosh") => Some(unary_extern("rhumba_acosh")),
            ("math", "atanh") | ("numpy", "arctanh") => Some(unary_extern("rhumba_atanh")),
            ("math", "copysign") | ("numpy", "copysign") => Some(MathFn::Extern("rhumba_copysign", 2)),
            ("math", "fmod") => Some(MathFn::Extern("rhumba_fmod", 2)),
            ("math", "asin") | ("numpy", "arcsin") => Some(unary_extern("rhumba_asin")),
            ("math", "acos") | ("numpy", "arccos") => Some(unary_extern("rhumba_acos")),
            ("math", "atan") | ("numpy", "arctan") => Some(unary_extern("rhumba_atan")),
            ("math" | "numpy", "sinh") => Some(unary_extern("rhumba_sinh")),
            ("math" | "numpy", "cosh") => Some(unary_extern("rhumba_cosh")),
            ("math" | "numpy", "tanh") => Some(unary_extern("rhumba_tanh")),
            ("math", "erf") => Some(unary_extern("rhumba_erf")),
            ("math", "erfc") => Some(unary_extern("rhumba_erfc")),
            ("math", "gamma") => Some(unary_extern("rhumba_gamma")),
            ("math", "lgamma") => Some(unary_extern("rhumba_lgamma")),
            ("math", "pow") | ("numpy", "power") => Some(MathFn::Extern("rhumba_pow", 2)),
            ("math", "atan2") | ("numpy", "arctan2") => Some(MathFn::Extern("rhumba_atan2", 2)),
            ("math" | "numpy", "hypot") => Some(MathFn::Extern("rhumba_hypot", 2)),
            ("numpy", "fmod") => Some(MathFn::Extern("rhumba_fmod", 2)),
            _ => None,
        };
        if let Some(f) = f {
            let arity = match f {
                MathFn::Extern(_, n) => n,
                _ => 1,
            };
            if built.len() != arity {
                return Err(mistyped(span, format!("{module}.{name}() takes {arity} argument(s)")));
            }
            // Runtime functions are double precision; float32 results are rounded back.
            let ty = float_ty(&built);
            let compute = if matches!(f, MathFn::Extern(..)) { F64 } else { ty.clone() };
            let args = built.into_iter().map(|b| cast(b, compute.clone())).collect();
            return Ok(cast(Expr::new(ExprKind::Math { func: f, args }, compute, span), ty));
        }
        match (module, name) {
            // `x * (180 / pi)` and `x * (pi / 180)`, as CPython and Numba compute them.
            ("math", "degrees" | "radians") | ("numpy", "degrees" | "radians" | "rad2deg" | "deg2rad") => {
                let [x] = built.as_slice() else {
                    return Err(mistyped(span, format!("{module}.{name}() takes one argument")));
                };
                let ty = float_ty(&built);
                let factor = if matches!(name, "degrees" | "rad2deg") { 180.0 / std::f64::consts::PI } else { std::f64::consts::PI / 180.0 };
                let factor = cast(Expr::new(ExprKind::Float(factor), F64, span), ty.clone());
                let value = Expr::new(ExprKind::Binary { op: BinOp::Mul, lhs: Box::new(cast(x.clone(), ty.clone())), rhs: Box::new(factor) }, ty, span);
                return Ok(value);
            }
            ("math", "floor" | "ceil" | "trunc") => {
                let [x] = built.as_slice() else {
                    return Err(mistyped(span, format!("math.{name}() takes one argument")));
                };
                if is_int(&x.ty) {
                    return Ok(x.clone());
                }
                let func = match name {
                    "floor" => MathFn::Floor,
                    "ceil" => MathFn::Ceil,
                    _ => MathFn::Trunc,
                };
                let r = Expr::new(ExprKind::Math { func, args: vec![cast(x.clone(), F64)] }, F64, span);
                Ok(cast(r, I64))
            }
            ("math" | "numpy", "isnan" | "isinf" | "isfinite") => {
                let [x] = built.as_slice() else {
                    return Err(mistyped(span, format!("{module}.{name}() takes one argument")));
                };
                let x = cast(x.clone(), F64);
                let cmp = |op, l: Expr, r: Expr| Expr::new(ExprKind::Compare { op, lhs: Box::new(l), rhs: Box::new(r) }, BOOL, span);
                let inf = Expr::new(ExprKind::Float(f64::INFINITY), F64, span);
                let abs = Expr::new(ExprKind::Math { func: MathFn::Fabs, args: vec![x.clone()] }, F64, span);
                Ok(match name {
                    "isnan" => cmp(CmpOp::Ne, x.clone(), x),
                    "isinf" => cmp(CmpOp::Eq, abs, inf),
                    _ => cmp(CmpOp::Lt, abs, inf),
                })
            }
            ("numpy", "abs" | "absolute") => self.builtin("abs", args, span),
            _ => Err(not_compiled(span, format!("{module}.{name} is not compiled yet"))),
        }
    }

    /// `a.reshape(n, m)` or `a.reshape((n, m))`.
    /// Refuses CUDA intrinsics outside `@cuda.jit` functions, as Numba does.
    fn require_cuda(&self, what: &str, span: Span) -> R<()> {
        if self.env.cuda(self.key) {
            return Ok(());
        }
        Err(mistyped(span, format!("`cuda.{what}` is only available inside @cuda.jit kernels and device functions")))
    }

    /// `cuda.threadIdx.x` and kin.
    fn cuda_index(&mut self, family: &str, axis: &str, span: Span) -> R<Expr> {
        let dim = match family {
            "threadIdx" => tir::CudaDim::ThreadIdx,
            "blockIdx" => tir::CudaDim::BlockIdx,
            "blockDim" => tir::CudaDim::BlockDim,
            "gridDim" => tir::CudaDim::GridDim,
            other => return Err(mistyped(span, format!("`cuda.{other}.{axis}` is not a value"))),
        };
        let Some(axis) = ["x", "y", "z"].iter().position(|a| *a == axis) else {
            return Err(mistyped(span, format!("`cuda.{family}` has no attribute '{axis}' (it has x, y and z)")));
        };
        self.require_cuda(family, span)?;
        Ok(Expr::new(ExprKind::CudaIndex { dim, axis }, I64, span))
    }

    /// `cuda.grid(n)`, `cuda.gridsize(n)`, `cuda.syncthreads()`, `cuda.shared.array`,
    /// `cuda.local.array` and `cuda.atomic.*`.
    fn cuda_call(&mut self, module: &str, name: &str, args: &[ast::Expr], keywords: &[ast::Keyword], span: Span) -> R<Expr> {
        self.require_cuda(name, span)?;
        let idx = |dim: tir::CudaDim, axis: usize| Expr::new(ExprKind::CudaIndex { dim, axis }, I64, span);
        let bin = |op: BinOp, l: Expr, r: Expr| Expr::new(ExprKind::Binary { op, lhs: Box::new(l), rhs: Box::new(r) }, I64, span);
        match (module, name) {
            ("numba.cuda", "grid" | "gridsize") => {
                let n = match args {
                    [a] => match self.expr(a)?.kind {
                        ExprKind::Int(n @ 1..=3) => n as usize,
                        _ => return Err(mistyped(a.span, format!("cuda.{name}() takes the constant 1, 2 or 3"))),
                    },
                    _ => return Err(mistyped(span, format!("cuda.{name}() takes one argument, the number of dimensions"))),
                };
                let parts: Vec<Expr> = (0..n)
                    .map(|k| {
                        let size = bin(BinOp::Mul, idx(tir::CudaDim::BlockDim, k), idx(if name == "grid" { tir::CudaDim::BlockIdx } else { tir::CudaDim::GridDim }, k));
                        if name == "grid" { bin(BinOp::Add, size, idx(tir::CudaDim::ThreadIdx, k)) } else { size }
                    })
                    .collect();
                Ok(if n == 1 { parts.into_iter().next().expect("one axis") } else { Expr::new(ExprKind::Tuple(parts), Type::Tuple(vec![I64; n]), span) })
            }
            ("numba.cuda", "syncthreads") if args.is_empty() => Ok(Expr::new(ExprKind::SyncThreads, Type::None, span)),
            ("numba.cuda.shared" | "numba.cuda.local", "array") => {
                let mut shape_arg = args.first();
                let mut dtype_arg = args.get(1);
                for k in keywords {
                    match k.name.name.as_str() {
                        "shape" => shape_arg = Some(&k.value),
                        "dtype" => dtype_arg = Some(&k.value),
                        other => return Err(mistyped(k.name.span, format!("cuda array() got an unexpected keyword argument '{other}'"))),
                    }
                }
                let (Some(shape_arg), Some(dtype_arg)) = (shape_arg, dtype_arg) else {
                    return Err(mistyped(span, "cuda.shared.array() and cuda.local.array() take a shape and a dtype"));
                };
                let shape_expr = self.expr(shape_arg)?;
                let constant = |e: &Expr| match e.kind {
                    ExprKind::Int(v) if v >= 0 => Some(v as usize),
                    _ => None,
                };
                let shape: Option<Vec<usize>> = match &shape_expr.kind {
                    ExprKind::Tuple(items) => items.iter().map(constant).collect(),
                    _ => constant(&shape_expr).map(|v| vec![v]),
                };
                let Some(shape) = shape else {
                    return Err(mistyped(shape_arg.span, "the shape of a CUDA shared or local array must be a constant (a literal or a module-level int)"));
                };
                let dtype = self.dtype_of(dtype_arg)?;
                let ty = Type::Array { dtype, ndim: shape.len(), layout: Layout::C };
                if module == "numba.cuda.shared" {
                    Ok(Expr::new(ExprKind::SharedArray { id: span.start as usize, dtype, shape }, ty, span))
                } else {
                    let dims = shape.iter().map(|d| Expr::new(ExprKind::Int(*d as i64), I64, span)).collect();
                    Ok(Expr::new(ExprKind::NewArray { dtype, shape: dims, fill: None }, ty, span))
                }
            }
            ("numba.cuda.atomic", op) => {
                let op = match op {
                    "add" => tir::AtomicOp::Add,
                    "sub" => tir::AtomicOp::Sub,
                    "max" => tir::AtomicOp::Max,
                    "min" => tir::AtomicOp::Min,
                    "exch" => tir::AtomicOp::Exch,
                    "cas" | "compare_and_swap" => tir::AtomicOp::Cas,
                    other => return Err(not_compiled(span, format!("cuda.atomic.{other} is not compiled yet"))),
                };
                let cas = op == tir::AtomicOp::Cas;
                let (array, index, rest) = match (args, cas, name) {
                    ([a, old, v], true, "compare_and_swap") => (a, None, vec![old, v]),
                    ([a, i, old, v], true, _) => (a, Some(i), vec![old, v]),
                    ([a, i, v], false, _) => (a, Some(i), vec![v]),
                    _ => return Err(mistyped(span, format!("wrong number of arguments to cuda.atomic.{name}()"))),
                };
                let array = self.expr(array)?;
                let Type::Array { dtype, ndim, .. } = array.ty else {
                    return Err(mistyped(span, format!("cuda.atomic.{name}() needs an array, not {}", array.ty)));
                };
                let indices = match index {
                    Some(i) => self.indices(i, ndim)?,
                    None => vec![Expr::new(ExprKind::Int(0), I64, span)],
                };
                let ty = compute_type(dtype);
                let mut operands = Vec::new();
                for r in rest {
                    let v = self.expr(r)?;
                    numeric_or_error(&v, &format!("cuda.atomic.{name}"))?;
                    operands.push(Box::new(cast(v, ty.clone())));
                }
                let value = operands.pop().expect("a value");
                let expected = operands.pop();
                Ok(Expr::new(ExprKind::Atomic { op, array: Box::new(array), indices, value, expected }, ty, span))
            }
            _ => Err(not_compiled(span, format!("`cuda.{name}` is not compiled yet"))),
        }
    }

    fn reshape(&mut self, a: Expr, args: &[ast::Expr], span: Span) -> R<Expr> {
        let Type::Array { dtype, .. } = a.ty else { return Err(mistyped(span, "only arrays can be reshaped")) };
        let built: Vec<Expr> = args.iter().map(|x| self.expr(x)).collect::<R<_>>()?;
        let dims: Vec<Expr> = match built.as_slice() {
            [t] if matches!(t.ty, Type::Tuple(_)) => {
                let Type::Tuple(items) = &t.ty else { unreachable!() };
                if !items.iter().all(is_int) {
                    return Err(mistyped(span, "reshape() takes integers"));
                }
                match &t.kind {
                    ExprKind::Tuple(parts) => parts.clone(),
                    _ => (0..items.len()).map(|k| Expr::new(ExprKind::TupleGet { tuple: Box::new(t.clone()), index: k }, I64, span)).collect(),
                }
            }
            dims if dims.iter().all(|d| is_int(&d.ty)) && !dims.is_empty() => dims.iter().cloned().map(|d| cast(d, I64)).collect(),
            _ => return Err(mistyped(span, "reshape() takes integers or one tuple of integers")),
        };
        let ndim = dims.len();
        if ndim > rhumba_runtime::abi::MAX_DIMS {
            return Err(not_compiled(span, "arrays of more than 8 dimensions are not compiled"));
        }
        Ok(Expr::new(ExprKind::Reshape { array: Box::new(a), shape: dims }, Type::Array { dtype, ndim, layout: Layout::C }, span))
    }

    /// `np.random.seed/random/rand/randn/randint` with scalar results, on the kernel generator.
    fn random_call(&mut self, name: &str, args: &[ast::Expr], keywords: &[ast::Keyword], span: Span) -> R<Expr> {
        if !keywords.is_empty() {
            return Err(not_compiled(span, format!("keyword arguments to np.random.{name} are not compiled yet")));
        }
        let built: Vec<Expr> = args.iter().map(|a| self.expr(a)).collect::<R<_>>()?;
        let ints = |b: &[Expr]| b.iter().all(|x| is_int(&x.ty));
        let call = |sym: &'static str, params: &'static [DType], ret: Option<DType>, args: Vec<Expr>| {
            let ty = ret.map(Type::Scalar).unwrap_or(Type::None);
            Expr::new(ExprKind::Math { func: MathFn::Runtime(sym, params, ret), args }, ty, span)
        };
        Ok(match (name, built.len()) {
            ("seed", 1) if ints(&built) => call("rhumba_random_seed", &[DType::Int64], None, built),
            ("random" | "random_sample" | "rand", 0) => call("rhumba_random_random", &[], Some(DType::Float64), vec![]),
            ("randn" | "standard_normal", 0) => call("rhumba_random_normal", &[], Some(DType::Float64), vec![]),
            ("randint", 1) if ints(&built) => {
                let zero = Expr::new(ExprKind::Int(0), I64, span);
                let mut a = vec![zero];
                a.extend(built);
                call("rhumba_random_randint", &[DType::Int64, DType::Int64], Some(DType::Int64), a)
            }
            ("randint", 2) if ints(&built) => call("rhumba_random_randint", &[DType::Int64, DType::Int64], Some(DType::Int64), built),
            _ => return Err(not_compiled(span, format!("np.random.{name} with these arguments is not compiled yet"))),
        })
    }

    fn new_array(&mut self, name: &str, args: &[ast::Expr], keywords: &[ast::Keyword], span: Span) -> R<Expr> {
        let Some(shape_arg) = args.first() else {
            return Err(mistyped(span, format!("np.{name}() needs a shape")));
        };
        let shape_expr = self.expr(shape_arg)?;
        let shape: Vec<Expr> = match &shape_expr.ty {
            t if is_int(t) => vec![shape_expr.clone()],
            Type::Tuple(items) if items.iter().all(is_int) && matches!(shape_expr.kind, ExprKind::Tuple(_)) => {
                let ExprKind::Tuple(parts) = shape_expr.kind.clone() else { unreachable!() };
                parts
            }
            Type::Tuple(items) if items.iter().all(is_int) => {
                (0..items.len()).map(|k| Expr::new(ExprKind::TupleGet { tuple: Box::new(shape_expr.clone()), index: k }, I64, span)).collect()
            }
            other => return Err(mistyped(shape_arg.span, format!("np.{name}() shape must be an int or a tuple of ints, not {other}"))),
        };
        // np.full(shape, fill_value, dtype): the dtype comes after the fill value.
        let full = name == "full";
        let mut fill_expr = if full { args.get(1) } else { None };
        let mut dtype_expr = args.get(if full { 2 } else { 1 });
        if args.len() > if full { 3 } else { 2 } {
            return Err(mistyped(span, format!("np.{name}() takes at most {} positional arguments", if full { 3 } else { 2 })));
        }
        for k in keywords {
            match k.name.name.as_str() {
                "dtype" => dtype_expr = Some(&k.value),
                "fill_value" if full => fill_expr = Some(&k.value),
                other => return Err(not_compiled(k.name.span, format!("np.{name}(..., {other}=...) is not compiled yet"))),
            }
        }
        let fill = match (name, fill_expr) {
            ("ones", _) => Some(Expr::new(ExprKind::Int(1), I64, span)),
            (_, Some(v)) => Some(self.expr(v)?),
            ("full", None) => return Err(mistyped(span, "np.full() needs a fill_value")),
            _ => None,
        };
        let dtype = match (dtype_expr, &fill) {
            (Some(d), _) => self.dtype_of(d)?,
            // Numba's np.full takes the fill value's type: int64, float64, bool.
            (None, Some(f)) if full => match &f.ty {
                Type::Scalar(d) | Type::Complex(d) => *d,
                other => return Err(mistyped(span, format!("np.full() cannot fill an array with {other}"))),
            },
            (None, _) => DType::Float64,
        };
        let fill = self.array_fill(fill, dtype, span)?;
        let ndim = shape.len();
        Ok(Expr::new(ExprKind::NewArray { dtype, shape, fill }, Type::Array { dtype, ndim, layout: Layout::C }, span))
    }

    /// A new array's fill value converted to what its elements hold (none for `empty`/`zeros`).
    fn array_fill(&mut self, fill: Option<Expr>, dtype: DType, span: Span) -> R<Option<Box<Expr>>> {
        let Some(v) = fill else { return Ok(None) };
        // A complex fill value would lose its imaginary part in a real array (numpy warns,
        // Numba refuses the cast); a real one widens into a complex array.
        let complex_value = matches!(v.ty, Type::Complex(_));
        if !(is_numeric(&v.ty) || complex_value) || (complex_value && !dtype.is_complex()) {
            return Err(mistyped(span, format!("cannot fill an array of {} with {}", dtype.name(), v.ty)));
        }
        Ok(Some(Box::new(cast(v, compute_type(dtype)))))
    }

    /// A dtype argument: `np.float32`, `np.bool_`, `float`, `a.dtype`.
    fn dtype_of(&mut self, e: &ast::Expr) -> R<DType> {
        if let Some((_, name)) = self.module_path(e) {
            if let Some(d) = DType::from_name(&name) {
                return Ok(d);
            }
        }
        match &e.kind {
            E::Name(sym) => match (sym.as_str(), self.env.global(self.key, *sym)) {
                (_, Some(Global::ScalarType(d))) => return Ok(d),
                ("float", _) => return Ok(DType::Float64),
                ("int", _) => return Ok(DType::Int64),
                ("bool", _) => return Ok(DType::Bool),
                _ => {}
            },
            E::Attribute { value, attr } if attr.name.as_str() == "dtype" => {
                let v = self.expr(value)?;
                if let Type::Array { dtype, .. } = v.ty {
                    return Ok(dtype);
                }
            }
            E::Str(s) => {
                if let Some(d) = DType::from_name(s) {
                    return Ok(d);
                }
            }
            _ => {}
        }
        Err(not_compiled(e.span, "this dtype argument is not compiled yet"))
    }
}

/// numpy's two-argument ufuncs that array expressions compile.
fn binary_ufunc(name: &str) -> Option<i64> {
    use rhumba_runtime::abi::elementwise_ops::*;
    Some(match name {
        "add" => ADD,
        "subtract" => SUB,
        "multiply" => MUL,
        "divide" | "true_divide" => DIV,
        "power" => POW,
        "maximum" => MAX,
        "minimum" => MIN,
        _ => return None,
    })
}

/// `np.sqrt(a)` and the other one-argument ufuncs on an array.
fn array_function(name: &str, a: Expr, dtype: DType, ndim: usize, span: Span) -> R<Expr> {
    use rhumba_runtime::abi::elementwise_ops::*;
    let op = match name {
        "abs" | "absolute" => ABS,
        "negative" => NEG,
        "sqrt" => SQRT,
        "exp" => EXP,
        "log" => LOG,
        "log10" => LOG10,
        "log1p" => LOG1P,
        "expm1" => EXPM1,
        "sin" => SIN,
        "cos" => COS,
        "tan" => TAN,
        "tanh" => TANH,
        "sinh" => SINH,
        "cosh" => COSH,
        "arctan" => ARCTAN,
        "floor" => FLOOR,
        "ceil" => CEIL,
        "sign" => SIGN,
        "rint" => RINT,
        "round" | "around" | "round_" => RINT,
        _ => return Err(not_compiled(span, format!("numpy.{name} on arrays is not compiled yet"))),
    };
    // numpy keeps an integer array's dtype for `round` (nothing to round), not for `rint`.
    let keeps_int = matches!(name, "round" | "around" | "round_");
    let out = match op {
        ABS | NEG | SIGN if dtype != DType::Bool => dtype,
        RINT if keeps_int && dtype != DType::Bool => dtype,
        _ if dtype.is_float() => dtype,
        _ => DType::Float64,
    };
    Ok(Expr::new(ExprKind::ArrayUnary { op, operand: Box::new(a) }, Type::Array { dtype: out, ndim, layout: Layout::C }, span))
}

/// `np.cumsum(a)`: `int64` running sums of integers, `float64` of floats.
fn cumsum(a: Expr, span: Span) -> Expr {
    let Type::Array { dtype, .. } = a.ty else { return a };
    let out = if dtype.is_float() { DType::Float64 } else { DType::Int64 };
    Expr::new(ExprKind::Cumsum(Box::new(a)), Type::Array { dtype: out, ndim: 1, layout: Layout::C }, span)
}

/// `a.sum()`, `np.max(a)` and the other whole-array reductions, typed as Numba types them.
fn reduction(name: &str, array: Expr, span: Span) -> Option<Expr> {
    use rhumba_runtime::abi::reduce_ops::*;
    let Type::Array { dtype, .. } = array.ty else { return None };
    if dtype.is_complex() {
        return None;
    }
    let elem = compute_type(dtype);
    let float_result = if dtype == DType::Float32 { F32 } else { F64 };
    let (op, ty) = match name {
        "sum" => (SUM, if dtype.is_float() { elem } else { I64 }),
        "prod" => (PROD, if dtype.is_float() { elem } else { I64 }),
        "max" | "amax" => (MAX, elem),
        "min" | "amin" => (MIN, elem),
        "mean" => (MEAN, float_result),
        "std" => (STD, float_result),
        "var" => (VAR, float_result),
        "argmax" => (ARGMAX, I64),
        "argmin" => (ARGMIN, I64),
        _ => return None,
    };
    if ty == BOOL {
        return None;
    }
    Some(Expr::new(ExprKind::Reduce { op, array: Box::new(array) }, ty, span))
}

/// Whether `index` selects one element of an `ndim`-dimensional array (no slices, one per axis).
fn is_element_index(index: &ast::Expr, ndim: usize) -> bool {
    let items: Vec<&ast::Expr> = match &index.kind {
        E::Tuple(items) => items.iter().collect(),
        _ => vec![index],
    };
    items.len() == ndim && items.iter().all(|i| !matches!(i.kind, E::Slice { .. }))
}

fn numeric_or_error(x: &Expr, name: &str) -> R<()> {
    if is_numeric(&x.ty) {
        Ok(())
    } else {
        Err(mistyped(x.span, format!("{name}() argument must be a number, not {}", x.ty)))
    }
}

/// Wraps `e` in a conversion to `ty` unless it already has that type.
pub fn cast(e: Expr, ty: Type) -> Expr {
    if e.ty == ty {
        return e;
    }
    match (e.ty.clone(), &ty) {
        // A real number made complex: a zero imaginary part.
        (Type::Scalar(_), Type::Complex(d)) => {
            let part = Type::Scalar(d.part());
            let span = e.span;
            return complex::make_complex(cast(e, part.clone()), Expr::new(ExprKind::Float(0.0), part, span), &ty, span);
        }
        // numpy's complex -> real conversion keeps the real part (Numba's typing refuses it
        // where the user writes it; this serves conversions the checker makes itself).
        (Type::Complex(d), Type::Scalar(_)) => {
            let span = e.span;
            let re = Expr::new(ExprKind::TupleGet { tuple: Box::new(e), index: 0 }, Type::Scalar(d.part()), span);
            return cast(re, ty);
        }
        _ => {}
    }
    if ty == BOOL && is_numeric(&e.ty) {
        return truthy(e).expect("numbers have a truth value");
    }
    let span = e.span;
    Expr::new(ExprKind::Cast(Box::new(e)), ty, span)
}

/// The truth value of a scalar, as a bool.
fn truthy(e: Expr) -> Result<Expr, CheckError> {
    if e.ty == BOOL {
        return Ok(e);
    }
    if !is_numeric(&e.ty) {
        return unsupported(e.span, format!("the truth value of {} is not compiled yet", e.ty));
    }
    let span = e.span;
    let zero = if is_float(&e.ty) { Expr::new(ExprKind::Float(0.0), e.ty.clone(), span) } else { Expr::new(ExprKind::Int(0), e.ty.clone(), span) };
    Ok(Expr::new(ExprKind::Compare { op: CmpOp::Ne, lhs: Box::new(e), rhs: Box::new(zero) }, BOOL, span))
}

/// The dtype of an array expression's operand, and whether it is a (weakly typed) scalar.
fn operand_dtype(e: &Expr) -> Option<(DType, bool)> {
    match e.ty {
        Type::Array { dtype, .. } => Some((dtype, false)),
        Type::Scalar(d) | Type::Complex(d) => Some((d, true)),
        _ => None,
    }
}

/// A scalar operand of an array expression, as a 0-d array.
fn as_array_operand(e: Expr) -> Expr {
    match e.ty {
        Type::Scalar(d) | Type::Complex(d) => {
            let span = e.span;
            let value = cast(e, compute_type(d));
            Expr::new(ExprKind::NewArray { dtype: d, shape: vec![], fill: Some(Box::new(value)) }, Type::Array { dtype: d, ndim: 0, layout: Layout::C }, span)
        }
        _ => e,
    }
}

/// `a op b` where an operand is an array: numpy's broadcasting and Numba's typing, where a
/// scalar counts with its own type (`float32_array * 2.0` is float64, unlike numpy 2's host rule).
fn array_binary(op: i64, l: Expr, r: Expr, span: Span, symbol: &str) -> R<Expr> {
    use rhumba_runtime::abi::elementwise_ops::*;
    let (Some((a, a_scalar)), Some((b, b_scalar))) = (operand_dtype(&l), operand_dtype(&r)) else {
        return Err(not_compiled(span, format!("`{symbol}` on {} and {} is not compiled yet", l.ty, r.ty)));
    };
    if (a.is_complex() || b.is_complex()) && !matches!(op, ADD | SUB | MUL | DIV | EQ | NE) {
        return Err(not_compiled(span, format!("`{symbol}` on complex arrays is not compiled yet")));
    }
    let ndim = |e: &Expr| if let Type::Array { ndim, .. } = e.ty { ndim } else { 0 };
    let _ = (a_scalar, b_scalar);
    let promoted = DType::promote_mixed(a, b);
    let out = match op {
        EQ..=GE => DType::Bool,
        DIV if !promoted.is_float() && !promoted.is_complex() => DType::Float64,
        _ if promoted == DType::Bool && op != MIN && op != MAX => DType::Int64,
        _ => promoted,
    };
    let n = ndim(&l).max(ndim(&r));
    Ok(Expr::new(
        ExprKind::ArrayBinary { op, lhs: Box::new(as_array_operand(l)), rhs: Box::new(as_array_operand(r)) },
        Type::Array { dtype: out, ndim: n, layout: Layout::C },
        span,
    ))
}

/// The value of an integer expression made of literals only, computed with (128-bit) Python
/// integer semantics.
enum Folded {
    Value(i128),
    TooLarge,
    NotConstant,
}

fn fold_int(e: &ast::Expr, depth: usize) -> Folded {
    use Folded::*;
    if depth > 64 {
        return NotConstant;
    }
    let both = |l: &ast::Expr, r: &ast::Expr| match (fold_int(l, depth + 1), fold_int(r, depth + 1)) {
        (Value(a), Value(b)) => Ok((a, b)),
        (TooLarge, _) | (_, TooLarge) => Err(TooLarge),
        _ => Err(NotConstant),
    };
    let checked = |v: Option<i128>| v.map_or(TooLarge, Value);
    match &e.kind {
        E::Int(v) => Value(*v as i128),
        E::UnaryOp { op, operand } => match (op, fold_int(operand, depth + 1)) {
            (ast::UnaryOp::Neg, Value(v)) => checked(v.checked_neg()),
            (ast::UnaryOp::Pos, Value(v)) => Value(v),
            (ast::UnaryOp::Invert, Value(v)) => Value(!v),
            (_, TooLarge) => TooLarge,
            _ => NotConstant,
        },
        E::BinOp { op, left, right } => {
            let (a, b) = match both(left, right) {
                Ok(pair) => pair,
                Err(f) => return f,
            };
            match op {
                AstBinOp::Add => checked(a.checked_add(b)),
                AstBinOp::Sub => checked(a.checked_sub(b)),
                AstBinOp::Mul => checked(a.checked_mul(b)),
                // Division by zero and negative powers are left to run time (CPython does not fold them).
                AstBinOp::FloorDiv if b != 0 => checked(py_floor_div(a, b)),
                AstBinOp::Mod if b != 0 => checked(py_floor_div(a, b).and_then(|q| b.checked_mul(q)).and_then(|p| a.checked_sub(p))),
                AstBinOp::Pow if b >= 0 => u32::try_from(b).ok().and_then(|b| a.checked_pow(b)).map_or(TooLarge, Value),
                AstBinOp::LShift if b >= 0 => u32::try_from(b).ok().filter(|b| *b < 127).and_then(|b| a.checked_mul(1i128 << b)).map_or(TooLarge, Value),
                AstBinOp::RShift if b >= 0 => Value(a >> b.min(127)),
                AstBinOp::BitAnd => Value(a & b),
                AstBinOp::BitOr => Value(a | b),
                AstBinOp::BitXor => Value(a ^ b),
                _ => NotConstant,
            }
        }
        _ => NotConstant,
    }
}

/// Python's `a // b` (rounding toward negative infinity) for `b != 0`; `None` on overflow.
fn py_floor_div(a: i128, b: i128) -> Option<i128> {
    let q = a.checked_div(b)?;
    Some(if (a.checked_rem(b)? != 0) && ((a < 0) != (b < 0)) { q - 1 } else { q })
}

fn binary(op: AstBinOp, l: Expr, r: Expr, span: Span) -> R<Expr> {
    if matches!(l.ty, Type::Array { .. }) || matches!(r.ty, Type::Array { .. }) {
        use rhumba_runtime::abi::elementwise_ops::*;
        let code = match op {
            AstBinOp::Add => ADD,
            AstBinOp::Sub => SUB,
            AstBinOp::Mul => MUL,
            AstBinOp::Div => DIV,
            AstBinOp::FloorDiv => FLOOR_DIV,
            AstBinOp::Mod => MOD,
            AstBinOp::Pow => POW,
            other => return Err(not_compiled(span, format!("`{}` on arrays is not compiled yet", other.symbol()))),
        };
        return array_binary(code, l, r, span, op.symbol());
    }
    let (Type::Scalar(a), Type::Scalar(b)) = (&l.ty, &r.ty) else {
        return Err(not_compiled(span, format!("`{}` on {} and {} is not compiled yet (array expressions come later)", op.symbol(), l.ty, r.ty)));
    };
    let (a, b) = (*a, *b);
    let bitwise = matches!(op, AstBinOp::BitAnd | AstBinOp::BitOr | AstBinOp::BitXor | AstBinOp::LShift | AstBinOp::RShift);
    if bitwise {
        if a.is_float() || b.is_float() {
            return Err(mistyped(span, format!("unsupported operand type(s) for {}: {} and {}", op.symbol(), l.ty, r.ty)));
        }
        let ty = if a == DType::Bool && b == DType::Bool && !matches!(op, AstBinOp::LShift | AstBinOp::RShift) { BOOL } else { I64 };
        let tir_op = match op {
            AstBinOp::BitAnd => BinOp::BitAnd,
            AstBinOp::BitOr => BinOp::BitOr,
            AstBinOp::BitXor => BinOp::BitXor,
            AstBinOp::LShift => BinOp::Shl,
            _ => BinOp::Shr,
        };
        return Ok(Expr::new(ExprKind::Binary { op: tir_op, lhs: Box::new(cast(l, ty.clone())), rhs: Box::new(cast(r, ty.clone())) }, ty, span));
    }
    let mut ty = arith_type(a, b);
    let tir_op = match op {
        AstBinOp::Add => BinOp::Add,
        AstBinOp::Sub => BinOp::Sub,
        AstBinOp::Mul => BinOp::Mul,
        AstBinOp::Div => {
            if !is_float(&ty) {
                ty = F64;
            }
            BinOp::Div
        }
        AstBinOp::FloorDiv => BinOp::FloorDiv,
        AstBinOp::Mod => BinOp::Mod,
        AstBinOp::Pow => BinOp::Pow,
        AstBinOp::MatMul => return Err(not_compiled(span, "`@` is not compiled yet")),
        _ => unreachable!("bitwise operators were handled above"),
    };
    Ok(Expr::new(ExprKind::Binary { op: tir_op, lhs: Box::new(cast(l, ty.clone())), rhs: Box::new(cast(r, ty.clone())) }, ty, span))
}

fn compare(op: AstCmpOp, l: Expr, r: Expr, span: Span) -> R<Expr> {
    if let AstCmpOp::Is | AstCmpOp::IsNot = op {
        // Identity is compiled against None, where types decide it (Numba's Omitted(None)
        // and NoneType arguments): the answer is a constant. The operands are dropped, so
        // they must not be calls, whose effects would be lost.
        let has_call = |e: &Expr| matches!(e.kind, ExprKind::Call { .. });
        // An Optional against None: its flag, read at run time.
        let optional = match (&l.ty, &r.ty) {
            (Type::Optional(_), Type::None) => Some(l.clone()),
            (Type::None, Type::Optional(_)) => Some(r.clone()),
            _ => None,
        };
        if let Some(o) = optional {
            let present = Expr::new(ExprKind::TupleGet { tuple: Box::new(o), index: 0 }, BOOL, span);
            return Ok(if op == AstCmpOp::IsNot { present } else { Expr::new(ExprKind::Unary { op: UnOp::Not, operand: Box::new(present) }, BOOL, span) });
        }
        if (l.ty == Type::None || r.ty == Type::None) && !has_call(&l) && !has_call(&r) {
            let same = l.ty == Type::None && r.ty == Type::None;
            return Ok(Expr::new(ExprKind::Bool(same == (op == AstCmpOp::Is)), BOOL, span));
        }
        return Err(not_compiled(span, format!("`{}` between {} and {} is not compiled yet", op.symbol(), l.ty, r.ty)));
    }
    if matches!(l.ty, Type::Array { .. }) || matches!(r.ty, Type::Array { .. }) {
        use rhumba_runtime::abi::elementwise_ops::*;
        let code = match op {
            AstCmpOp::Eq => EQ,
            AstCmpOp::NotEq => NE,
            AstCmpOp::Lt => LT,
            AstCmpOp::LtE => LE,
            AstCmpOp::Gt => GT,
            AstCmpOp::GtE => GE,
            other => return Err(not_compiled(span, format!("`{}` on arrays is not compiled yet", other.symbol()))),
        };
        return array_binary(code, l, r, span, op.symbol());
    }
    let tir_op = match op {
        AstCmpOp::Eq => CmpOp::Eq,
        AstCmpOp::NotEq => CmpOp::Ne,
        AstCmpOp::Lt => CmpOp::Lt,
        AstCmpOp::LtE => CmpOp::Le,
        AstCmpOp::Gt => CmpOp::Gt,
        AstCmpOp::GtE => CmpOp::Ge,
        other => return Err(not_compiled(span, format!("`{}` is not compiled yet", other.symbol()))),
    };
    let (Type::Scalar(a), Type::Scalar(b)) = (&l.ty, &r.ty) else {
        return Err(not_compiled(span, format!("comparing {} and {} is not compiled yet", l.ty, r.ty)));
    };
    let ty = if *a == DType::Bool && *b == DType::Bool { BOOL } else { arith_type(*a, *b) };
    Ok(Expr::new(ExprKind::Compare { op: tir_op, lhs: Box::new(cast(l, ty.clone())), rhs: Box::new(cast(r, ty)) }, BOOL, span))
}

/// After inference, values assigned to variables (and returned) are converted to the final type.
fn coerce_block(body: &mut [Stmt], locals: &[tir::Local], ret: &Type) {
    for s in body {
        match &mut s.kind {
            StmtKind::Assign { local, value } => {
                let ty = locals[*local].ty.clone();
                if value.ty != ty {
                    let v = std::mem::replace(value, Expr::new(ExprKind::Bool(false), BOOL, s.span));
                    *value = coerce(v, &ty);
                }
            }
            StmtKind::Return(v) => {
                if &v.ty != ret {
                    let old = std::mem::replace(v, Expr::new(ExprKind::Bool(false), BOOL, s.span));
                    *v = coerce(old, ret);
                }
            }
            StmtKind::If { then, otherwise, .. } => {
                coerce_block(then, locals, ret);
                coerce_block(otherwise, locals, ret);
            }
            StmtKind::While { body, orelse, .. } | StmtKind::ForRange { body, orelse, .. } => {
                coerce_block(body, locals, ret);
                coerce_block(orelse, locals, ret);
            }
            _ => {}
        }
    }
}

/// Converts scalars, tuples element by element, and arrays (layout only) to `ty`.
fn coerce(v: Expr, ty: &Type) -> Expr {
    match (&v.ty, ty) {
        (Type::Tuple(from), Type::Tuple(to)) if from.len() == to.len() => {
            let span = v.span;
            let parts = (0..to.len())
                .map(|k| coerce(Expr::new(ExprKind::TupleGet { tuple: Box::new(v.clone()), index: k }, from[k].clone(), span), &to[k]))
                .collect();
            Expr::new(ExprKind::Tuple(parts), ty.clone(), span)
        }
        (Type::Array { .. }, Type::Array { .. }) => Expr { ty: ty.clone(), ..v },
        // A list made empty (`[]`, `List()`) whose uses decided its items.
        (Type::List { item: None, .. }, Type::List { .. }) => Expr { ty: ty.clone(), ..v },
        (Type::Dict { .. }, Type::Dict { .. }) => Expr { ty: ty.clone(), ..v },
        (from, Type::Optional(inner)) => {
            let span = v.span;
            let flag = |present: bool| Expr::new(ExprKind::Bool(present), BOOL, span);
            let parts = match from {
                Type::None => vec![flag(false), zero_of(inner, span)],
                Type::Optional(source) => {
                    let source = (**source).clone();
                    let present = Expr::new(ExprKind::TupleGet { tuple: Box::new(v.clone()), index: 0 }, BOOL, span);
                    let value = Expr::new(ExprKind::TupleGet { tuple: Box::new(v), index: 1 }, source, span);
                    vec![present, coerce(value, inner)]
                }
                _ => vec![flag(true), coerce(v, inner)],
            };
            Expr::new(ExprKind::Tuple(parts), ty.clone(), span)
        }
        _ => cast(v, ty.clone()),
    }
}

/// The placeholder value of an absent Optional (never read: its flag says None).
fn zero_of(ty: &Type, span: Span) -> Expr {
    match ty {
        Type::Complex(d) => {
            let part = Type::Scalar(d.part());
            complex::make_complex(Expr::new(ExprKind::Float(0.0), part.clone(), span), Expr::new(ExprKind::Float(0.0), part, span), ty, span)
        }
        t if is_float(t) => Expr::new(ExprKind::Float(0.0), t.clone(), span),
        t if *t == BOOL => Expr::new(ExprKind::Bool(false), BOOL, span),
        // An empty array of the type stands in for the absent one (every tier can hold it).
        Type::Array { dtype, ndim, .. } => {
            let shape = vec![Expr::new(ExprKind::Int(0), I64, span); *ndim];
            Expr::new(ExprKind::NewArray { dtype: *dtype, shape, fill: None }, ty.clone(), span)
        }
        // The null address stands for an absent list, dict, string or instance.
        t @ (Type::List { .. } | Type::Dict { .. } | Type::Str | Type::Instance { .. }) => Expr::new(ExprKind::Int(0), t.clone(), span),
        t => cast(Expr::new(ExprKind::Int(0), I64, span), t.clone()),
    }
}
