//! Numba's types as rhumba sees them, and the parser for string signatures such as `"f8(f8[:], i8)"`.

use std::fmt;

use rhumba_runtime::DType;

/// How an array's elements are laid out, as in Numba's `float64[:, ::1]` (C) vs `float64[:, :]` (any).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Layout {
    C,
    Any,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    Scalar(DType),
    Array { dtype: DType, ndim: usize, layout: Layout },
    Tuple(Vec<Type>),
    None,
    /// A compiled function used as a value (`trapezoid(f, ...)`): called by static dispatch, so
    /// it carries no run-time value. `key` identifies the definition.
    Function { key: usize, name: String },
    /// A value or None (Numba's `Optional`), e.g. the result of a function that returns a number
    /// on some paths and None on others. Represented as the tuple `(present: bool, value)`.
    Optional(Box<Type>),
    /// A complex scalar (`complex64` or `complex128`, the dtype named here). Represented as the
    /// pair `(real, imag)` of its part type, so backends see a tuple of two floats.
    Complex(DType),
    /// A list (Numba's reflected `list`, or `numba.typed.List` when `typed`): a reference to a
    /// runtime [`ListObject`](rhumba_runtime::abi::ListObject) whose items are values of `item`
    /// laid out as 8-byte slots, one per flattened scalar. `item` is `None` for an empty list
    /// whose item type later uses decide (`out = []` before `out.append(x)`).
    List { item: Option<Box<Type>>, typed: bool },
    /// A dict (Numba's typed `Dict`: `{}` literals and `Dict.empty`): a reference to a runtime
    /// [`DictObject`](rhumba_runtime::abi::DictObject) whose keys and values lie in 8-byte
    /// slots. `None` parts are not known yet (`d = {}` before `d[k] = v`).
    Dict { key: Option<Box<Type>>, value: Option<Box<Type>> },
    /// A `str`: an immutable list of Unicode code points (one `int64` slot each), so that the
    /// list primitives read and build it; every operation makes a new string.
    Str,
    /// An instance of a `@jitclass` (Numba's `instance.jitclass.Name`): the address of its
    /// fields' 8-byte slots, laid out in the spec's order (one per flattened scalar, array,
    /// container or instance, as a list item's). `key` identifies the class; its fields and
    /// methods come from the host through `Environment::class`.
    Instance { key: usize, name: String },
}

impl Type {
    /// The items of a tuple, or of an optional's representation `(present, value)`.
    pub fn items(&self) -> Option<Vec<Type>> {
        match self {
            Type::Tuple(items) => Some(items.clone()),
            Type::Optional(inner) => Some(vec![Type::Scalar(DType::Bool), (**inner).clone()]),
            Type::Complex(d) => Some(vec![Type::Scalar(d.part()); 2]),
            _ => None,
        }
    }

    /// The item type of a list whose item type is known (a string's items are its code points).
    pub fn list_item(&self) -> Option<&Type> {
        const CODE_POINT: Type = Type::Scalar(DType::Int64);
        match self {
            Type::List { item: Some(item), .. } => Some(item),
            Type::Str => Some(&CODE_POINT),
            _ => None,
        }
    }

    /// The scalar type of values of dtype `d`: complex dtypes are [`Type::Complex`].
    pub fn scalar(d: DType) -> Type {
        if d.is_complex() {
            Type::Complex(d)
        } else {
            Type::Scalar(d)
        }
    }
}

/// Whether compiled lists hold items of type `t`: numbers, complex numbers, strings, arrays,
/// lists of these and (nested) tuples of them, which lie flat in a list's slots.
pub fn list_item_supported(t: &Type) -> bool {
    match t {
        // An array item is one slot, the address of its descriptor; a list item, its header's.
        Type::Scalar(_) | Type::Complex(_) | Type::Str | Type::Array { .. } => true,
        Type::List { item: Some(item), .. } => list_item_supported(item),
        Type::Tuple(items) => !items.is_empty() && items.iter().all(list_item_supported),
        _ => false,
    }
}

/// Whether `t` holds an array or a list (which compiled lists and dict values hold, and dict
/// keys do not).
pub fn holds_array_or_list(t: &Type) -> bool {
    match t {
        Type::Array { .. } | Type::List { .. } => true,
        Type::Tuple(items) => items.iter().any(holds_array_or_list),
        _ => false,
    }
}

/// Whether compiled dicts hold keys of type `t`: what lists hold, in at most
/// `abi::DICT_MAX_SLOTS` slots, but no arrays or lists (unhashable, as in Python). A string is a
/// key on its own (a dict of string keys looks them up by their code points), not inside a
/// tuple (whose slots are hashed as they are).
pub fn dict_key_supported(t: &Type) -> bool {
    dict_value_supported(t) && !holds_array_or_list(t)
}

/// Whether compiled dicts hold values of type `t`: a key's types, arrays and lists.
pub fn dict_value_supported(t: &Type) -> bool {
    fn has_str(t: &Type) -> bool {
        matches!(t, Type::Str) || matches!(t, Type::Tuple(items) if items.iter().any(has_str))
    }
    *t == Type::Str || (list_item_supported(t) && !has_str(t) && slot_count(t) <= rhumba_runtime::abi::DICT_MAX_SLOTS)
}

/// How many 8-byte slots a value of type `t` takes in an entry's arguments or results, and an
/// item in a list: one per flattened scalar, array or list.
pub fn slot_count(t: &Type) -> usize {
    match t {
        Type::Scalar(_) | Type::Array { .. } | Type::List { .. } | Type::Dict { .. } | Type::Str | Type::Instance { .. } => 1,
        Type::Complex(_) => 2,
        Type::Tuple(items) => items.iter().map(slot_count).sum(),
        Type::Optional(inner) => 1 + slot_count(inner),
        Type::None | Type::Function { .. } => 0,
    }
}

/// The type arithmetic on values of `d` uses: array elements widen to the kinds compiled code
/// computes with (`int8` loads as `int64`), as Numba's arithmetic does.
pub fn compute_type(d: DType) -> Type {
    match d {
        DType::Float64 => Type::Scalar(DType::Float64),
        DType::Float32 => Type::Scalar(DType::Float32),
        DType::Bool => Type::Scalar(DType::Bool),
        DType::Complex64 | DType::Complex128 => Type::Complex(d),
        _ => Type::Scalar(DType::Int64),
    }
}

/// `ret(args...)`; `ret` is absent for signatures written without one, such as `(f8, f8)`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Signature {
    pub ret: Option<Type>,
    pub args: Vec<Type>,
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Type::Scalar(d) => f.write_str(d.name()),
            Type::Array { dtype, ndim, layout } => {
                let mut dims = vec![":"; *ndim];
                if *layout == Layout::C && *ndim > 0 {
                    dims[*ndim - 1] = "::1";
                }
                write!(f, "{}[{}]", dtype.name(), dims.join(", "))
            }
            Type::Tuple(items) => {
                let inner: Vec<String> = items.iter().map(|t| t.to_string()).collect();
                write!(f, "Tuple({})", inner.join(", "))
            }
            Type::None => f.write_str("none"),
            Type::Complex(d) => f.write_str(d.name()),
            Type::Optional(inner) => write!(f, "OptionalType({inner})"),
            Type::Function { name, .. } => write!(f, "function({name})"),
            Type::List { item: Some(item), typed: false } => write!(f, "reflected list({item})"),
            Type::List { item: Some(item), typed: true } => write!(f, "ListType[{item}]"),
            Type::List { item: None, .. } => f.write_str("list(undefined)"),
            Type::Dict { key: Some(k), value: Some(v) } => write!(f, "DictType[{k},{v}]"),
            Type::Dict { .. } => f.write_str("DictType[undefined,undefined]"),
            Type::Str => f.write_str("unicode_type"),
            Type::Instance { name, .. } => write!(f, "instance.jitclass.{name}"),
        }
    }
}

impl fmt::Display for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let args: Vec<String> = self.args.iter().map(|t| t.to_string()).collect();
        match &self.ret {
            Some(r) => write!(f, "{r}({})", args.join(", ")),
            None => write!(f, "({})", args.join(", ")),
        }
    }
}

/// Parses a Numba signature string: `"float64(float64[:], int64)"`, `"f8(f8[:, ::1])"`, `"void(i4)"`.
pub fn parse_signature(text: &str) -> Result<Signature, String> {
    let mut p = SigParser { text, pos: 0 };
    let sig = p.signature()?;
    p.skip_ws();
    if p.pos != text.len() {
        return Err(format!("unexpected `{}` in signature \"{text}\"", &text[p.pos..]));
    }
    Ok(sig)
}

struct SigParser<'a> {
    text: &'a str,
    pos: usize,
}

impl SigParser<'_> {
    fn skip_ws(&mut self) {
        while self.text[self.pos..].starts_with(char::is_whitespace) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, s: &str) -> bool {
        self.skip_ws();
        if self.text[self.pos..].starts_with(s) {
            self.pos += s.len();
            true
        } else {
            false
        }
    }

    fn ident(&mut self) -> Option<&str> {
        self.skip_ws();
        let rest = &self.text[self.pos..];
        let len = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len());
        if len == 0 {
            return None;
        }
        self.pos += len;
        Some(&rest[..len])
    }

    fn signature(&mut self) -> Result<Signature, String> {
        self.skip_ws();
        let ret = if self.text[self.pos..].starts_with('(') { None } else { Some(self.ty()?) };
        if !self.eat("(") {
            return Err(format!("expected `(` after the return type in signature \"{}\"", self.text));
        }
        let mut args = Vec::new();
        if !self.eat(")") {
            loop {
                args.push(self.ty()?);
                if self.eat(")") {
                    break;
                }
                if !self.eat(",") {
                    return Err(format!("expected `,` or `)` in signature \"{}\"", self.text));
                }
            }
        }
        let ret = match ret {
            Some(Type::None) => Some(Type::None),
            other => other,
        };
        Ok(Signature { ret, args })
    }

    fn ty(&mut self) -> Result<Type, String> {
        let text = self.text;
        let Some(name) = self.ident() else {
            return Err(format!("expected a type name in signature \"{text}\""));
        };
        let name = name.to_string();
        if name == "void" || name == "none" {
            return Ok(Type::None);
        }
        if name == "UniTuple" || name == "Tuple" {
            return Err(format!("tuple types are not supported in string signatures yet (\"{text}\")"));
        }
        let dtype = DType::from_name(&name).ok_or_else(|| format!("unknown type `{name}` in signature \"{text}\""))?;
        if !self.eat("[") {
            return Ok(Type::scalar(dtype));
        }
        let mut ndim = 0;
        let mut layout = Layout::Any;
        loop {
            if self.eat("::1") {
                layout = Layout::C;
            } else if !self.eat(":") {
                return Err(format!("expected `:` in array type in signature \"{text}\""));
            }
            ndim += 1;
            if self.eat("]") {
                break;
            }
            if !self.eat(",") {
                return Err(format!("expected `,` or `]` in array type in signature \"{text}\""));
            }
        }
        Ok(Type::Array { dtype, ndim, layout })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_numba_signature_strings() {
        let s = parse_signature("f8(f8[:], i8)").unwrap();
        assert_eq!(s.to_string(), "float64(float64[:], int64)");
        let s = parse_signature("float64(float64[:, ::1])").unwrap();
        assert_eq!(s.to_string(), "float64(float64[:, ::1])");
        assert_eq!(parse_signature("void(int32)").unwrap().ret, Some(Type::None));
        assert!(parse_signature("f9(f8)").unwrap_err().contains("unknown type `f9`"));
    }
}
