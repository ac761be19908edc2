//! N-dimensional array storage: a shared, cache-line-aligned buffer plus a view (dtype, shape, strides, offset).
//!
//! Views share their buffer, as numpy's do: writing through `a[1:]` changes `a`. That is why this is
//! not `ndarray::ArcArray`, which copies on write. Strides and offsets are counted in elements.

use std::alloc::Layout;
use std::fmt;
use std::ptr::NonNull;
use std::rc::Rc;

/// The element types an array can hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DType {
    Bool,
    Int8,
    Int16,
    Int32,
    Int64,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Float32,
    Float64,
    /// Two `float32` parts, real then imaginary (numpy's `complex64`).
    Complex64,
    /// Two `float64` parts, real then imaginary (numpy's `complex128`).
    Complex128,
}

impl DType {
    pub const ALL: [DType; 13] = [
        DType::Bool,
        DType::Int8,
        DType::Int16,
        DType::Int32,
        DType::Int64,
        DType::UInt8,
        DType::UInt16,
        DType::UInt32,
        DType::UInt64,
        DType::Float32,
        DType::Float64,
        DType::Complex64,
        DType::Complex128,
    ];

    pub fn size(self) -> usize {
        match self {
            DType::Bool | DType::Int8 | DType::UInt8 => 1,
            DType::Int16 | DType::UInt16 => 2,
            DType::Int32 | DType::UInt32 | DType::Float32 => 4,
            DType::Int64 | DType::UInt64 | DType::Float64 | DType::Complex64 => 8,
            DType::Complex128 => 16,
        }
    }

    /// numpy's name: `float64`, `int32`, `bool`.
    pub fn name(self) -> &'static str {
        match self {
            DType::Bool => "bool",
            DType::Int8 => "int8",
            DType::Int16 => "int16",
            DType::Int32 => "int32",
            DType::Int64 => "int64",
            DType::UInt8 => "uint8",
            DType::UInt16 => "uint16",
            DType::UInt32 => "uint32",
            DType::UInt64 => "uint64",
            DType::Float32 => "float32",
            DType::Float64 => "float64",
            DType::Complex64 => "complex64",
            DType::Complex128 => "complex128",
        }
    }

    /// Parses numpy and Numba spellings: `float64`, `f8`, `double`, `int32`, `i4`, `bool_`, `b1`.
    pub fn from_name(name: &str) -> Option<DType> {
        Some(match name {
            "bool" | "bool_" | "b1" | "boolean" => DType::Bool,
            "int8" | "i1" | "byte" => DType::Int8,
            "int16" | "i2" | "short" => DType::Int16,
            "int32" | "i4" | "intc" => DType::Int32,
            "int64" | "i8" | "int" | "int_" | "intp" | "long" | "longlong" => DType::Int64,
            "uint8" | "u1" | "ubyte" => DType::UInt8,
            "uint16" | "u2" | "ushort" => DType::UInt16,
            "uint32" | "u4" | "uintc" => DType::UInt32,
            "uint64" | "u8" | "uintp" | "ulonglong" => DType::UInt64,
            "float32" | "f4" | "single" => DType::Float32,
            "float64" | "f8" | "double" | "float" | "float_" => DType::Float64,
            "complex64" | "c8" | "csingle" => DType::Complex64,
            "complex128" | "c16" | "cdouble" | "complex" | "complex_" => DType::Complex128,
            _ => return None,
        })
    }

    pub fn is_float(self) -> bool {
        matches!(self, DType::Float32 | DType::Float64)
    }

    pub fn is_complex(self) -> bool {
        matches!(self, DType::Complex64 | DType::Complex128)
    }

    /// The dtype of each part of a complex dtype (`complex64` -> `float32`); other dtypes are
    /// their own part.
    pub fn part(self) -> DType {
        match self {
            DType::Complex64 => DType::Float32,
            DType::Complex128 => DType::Float64,
            other => other,
        }
    }

    /// The complex dtype whose parts are `self` widened as numpy does (`float32` -> `complex64`,
    /// anything wider or integral -> `complex128`).
    pub fn to_complex(self) -> DType {
        match self {
            DType::Complex64 | DType::Float32 | DType::Bool | DType::Int8 | DType::Int16 | DType::UInt8 | DType::UInt16 => DType::Complex64,
            _ => DType::Complex128,
        }
    }

    pub fn is_signed_int(self) -> bool {
        matches!(self, DType::Int8 | DType::Int16 | DType::Int32 | DType::Int64)
    }

    pub fn is_unsigned_int(self) -> bool {
        matches!(self, DType::UInt8 | DType::UInt16 | DType::UInt32 | DType::UInt64)
    }

    pub fn is_int(self) -> bool {
        self.is_signed_int() || self.is_unsigned_int()
    }

    /// The dtype Numba's array expressions compute `a op b` in: numpy's promotion, except that an
    /// integer operand (array or scalar) meeting a float or complex one takes that one's dtype
    /// (Numba's `ufunc_can_cast` with mixed inputs: `float32_array * 2` stays float32,
    /// `complex64_array * k` complex64), where numpy would widen to float64/complex128.
    pub fn promote_mixed(a: DType, b: DType) -> DType {
        let inexact = |d: DType| d.is_float() || d.is_complex();
        match (a, b) {
            (x, y) if x.is_int() && inexact(y) => y,
            (x, y) if inexact(x) && y.is_int() => x,
            _ => DType::promote(a, b),
        }
    }

    /// numpy's promotion of two array dtypes (`int32 + float32 -> float64`, `int8 + uint8 -> int16`).
    pub fn promote(a: DType, b: DType) -> DType {
        use DType::*;
        if a == b {
            return a;
        }
        match (a, b) {
            (Bool, x) | (x, Bool) => x,
            (Complex128, _) | (_, Complex128) => Complex128,
            (Complex64, x) | (x, Complex64) => {
                if DType::promote(Float32, x) == Float32 {
                    Complex64
                } else {
                    Complex128
                }
            }
            (Float64, _) | (_, Float64) => Float64,
            (Float32, x) | (x, Float32) => {
                if x.size() <= 2 {
                    Float32
                } else {
                    Float64
                }
            }
            (x, y) if x.is_signed_int() == y.is_signed_int() => {
                if x.size() >= y.size() {
                    x
                } else {
                    y
                }
            }
            (x, y) => {
                let (s, u) = if x.is_signed_int() { (x, y) } else { (y, x) };
                match u.size() {
                    n if n < s.size() => s,
                    1 => Int16,
                    2 => Int32,
                    4 => Int64,
                    _ => Float64,
                }
            }
        }
    }
}

impl fmt::Display for DType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One array element, widened to the five kinds the interpreter computes with.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Element {
    Bool(bool),
    Int(i64),
    UInt(u64),
    F32(f32),
    F64(f64),
    /// A `complex64` element's parts.
    C64(f32, f32),
    /// A `complex128` element's parts.
    C128(f64, f64),
}

/// A float converted to `int64` as numpy's `astype` and Numba's compiled code do it on x86
/// (`cvttsd2si`): truncated toward zero, and `INT64_MIN` for NaN, the infinities and anything
/// outside int64 (Rust's `as` would saturate instead).
pub fn float_to_i64(f: f64) -> i64 {
    if (-9223372036854775808.0..9223372036854775808.0).contains(&f) {
        f as i64
    } else {
        i64::MIN
    }
}

impl Element {
    pub fn as_f64(self) -> f64 {
        match self {
            Element::Bool(b) => b as u8 as f64,
            Element::Int(i) => i as f64,
            Element::UInt(u) => u as f64,
            Element::F32(f) => f as f64,
            Element::F64(f) => f,
            // numpy's complex -> real conversion keeps the real part (with a ComplexWarning).
            Element::C64(re, _) => re as f64,
            Element::C128(re, _) => re,
        }
    }

    /// The element as a complex number's parts (reals have a zero imaginary part).
    pub fn as_complex(self) -> (f64, f64) {
        match self {
            Element::C64(re, im) => (re as f64, im as f64),
            Element::C128(re, im) => (re, im),
            other => (other.as_f64(), 0.0),
        }
    }

    /// C-style conversion to a signed integer: floats truncate toward zero, as numpy and Numba
    /// convert them ([`float_to_i64`]).
    pub fn as_i64(self) -> i64 {
        match self {
            Element::Bool(b) => b as i64,
            Element::Int(i) => i,
            Element::UInt(u) => u as i64,
            Element::F32(f) => float_to_i64(f as f64),
            Element::F64(f) => float_to_i64(f),
            Element::C64(re, _) => float_to_i64(re as f64),
            Element::C128(re, _) => float_to_i64(re),
        }
    }

    pub fn is_truthy(self) -> bool {
        match self {
            Element::Bool(b) => b,
            Element::Int(i) => i != 0,
            Element::UInt(u) => u != 0,
            Element::F32(f) => f != 0.0,
            Element::F64(f) => f != 0.0,
            Element::C64(re, im) => re != 0.0 || im != 0.0,
            Element::C128(re, im) => re != 0.0 || im != 0.0,
        }
    }
}

/// Raw storage, zero-filled and aligned to a 64-byte cache line (as Julia and Eigen align large
/// arrays; numpy only promises 16 bytes).
///
/// The alignment is for speed, not correctness: an AVX-512 loop over a row then loads and stores
/// whole cache lines. With 16-byte alignment every 64-byte store of a vectorised `c[i, j] += ...`
/// splits across two lines, which made the same prange matmul 1.4x slower (4.3 vs 3.1 ms at
/// n = 512) depending on where the allocator happened to put `c`.
///
/// Interior mutability without a borrow flag: arrays are shared between views in one
/// interpreter thread, and every access copies one element in or out, so no reference into
/// the storage outlives a single read or write.
pub struct Buffer {
    /// What the allocator returned (freed with `layout`); `data` lies up to 48 bytes in.
    allocation: NonNull<u8>,
    layout: Layout,
    data: NonNull<u8>,
    len_bytes: usize,
}

/// Why storage for an array could not be had.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AllocError {
    /// The byte size overflows, or exceeds what any allocation may have (`isize::MAX`).
    TooBig,
    /// The allocator refused (the machine's memory, or its overcommit policy, ran out).
    OutOfMemory,
}

/// The alignment of every array's storage, in bytes.
pub const BUFFER_ALIGN: usize = 64;

/// The alignment asked of the allocator. Asking for 64 directly would make Rust's system
/// allocator zero the memory with `memset` (it uses `calloc` only up to 16-byte alignment),
/// touching every page of an `np.zeros(10**8)` that `calloc` gets from the kernel already zeroed
/// and untouched. So the buffer asks for 16, allocates 48 bytes more and starts at the first
/// cache-line boundary inside.
const ALLOCATION_ALIGN: usize = 16;

impl Buffer {
    /// Zero-filled storage of `len_bytes`; aborts when memory runs out, as a `Vec` would. For
    /// sizes a program chose, use [`Buffer::try_zeroed`].
    pub fn zeroed(len_bytes: usize) -> Buffer {
        Buffer::try_zeroed(len_bytes).unwrap_or_else(|_| std::alloc::handle_alloc_error(Layout::new::<[u8; BUFFER_ALIGN]>()))
    }

    /// Zero-filled storage of `len_bytes`, or why there is none: a size past `isize::MAX` is
    /// [`AllocError::TooBig`] (numpy's `ValueError`), a refusal by the allocator
    /// [`AllocError::OutOfMemory`] (`MemoryError`).
    pub fn try_zeroed(len_bytes: usize) -> Result<Buffer, AllocError> {
        let layout = Buffer::layout(len_bytes).ok_or(AllocError::TooBig)?;
        // SAFETY: the layout's size is never zero (see `layout`).
        let allocation = unsafe { std::alloc::alloc_zeroed(layout) };
        let allocation = NonNull::new(allocation).ok_or(AllocError::OutOfMemory)?;
        let skip = allocation.as_ptr().align_offset(BUFFER_ALIGN);
        debug_assert!(skip <= BUFFER_ALIGN - ALLOCATION_ALIGN);
        // SAFETY: the allocation is 16-byte aligned, so the next 64-byte boundary is at most 48
        // bytes in, and the layout has those 48 bytes beyond `len_bytes`.
        let data = unsafe { allocation.add(skip) };
        if len_bytes >= HUGE_PAGE_HINT_BYTES {
            advise_huge_pages(data, len_bytes);
        }
        Ok(Buffer { allocation, layout, data, len_bytes })
    }

    /// `len_bytes` (at least one) plus room to move the start to a cache-line boundary; `None`
    /// past `isize::MAX`, which no allocation can have.
    fn layout(len_bytes: usize) -> Option<Layout> {
        let size = len_bytes.max(1).checked_add(BUFFER_ALIGN - ALLOCATION_ALIGN)?;
        Layout::from_size_align(size, ALLOCATION_ALIGN).ok()
    }

    pub fn len_bytes(&self) -> usize {
        self.len_bytes
    }

    /// The start of the storage, for code that addresses elements itself (the JIT's ABI).
    pub fn as_ptr(&self) -> *mut u8 {
        self.data.as_ptr()
    }

    /// A copy of `len` bytes from byte `start`.
    pub fn read_bytes(&self, start: usize, len: usize) -> Vec<u8> {
        assert!(start + len <= self.len_bytes, "array read out of its buffer");
        let mut out = vec![0u8; len];
        // SAFETY: the range was checked against the allocation; no reference into the buffer
        // is live during the copy (see the type's comment).
        unsafe { std::ptr::copy_nonoverlapping(self.as_ptr().add(start), out.as_mut_ptr(), len) };
        out
    }

    /// Overwrites bytes from byte `start`.
    pub fn write_bytes(&self, start: usize, bytes: &[u8]) {
        assert!(start + bytes.len() <= self.len_bytes, "array write out of its buffer");
        // SAFETY: as for `read_bytes`.
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), self.as_ptr().add(start), bytes.len()) };
    }

    fn read<const N: usize>(&self, byte: usize) -> [u8; N] {
        assert!(byte + N <= self.len_bytes, "array read out of its buffer");
        let mut out = [0u8; N];
        // SAFETY: the range was checked against the allocation just above, and no reference
        // into the buffer is live while this copy runs (see the type's comment).
        unsafe { std::ptr::copy_nonoverlapping(self.as_ptr().add(byte), out.as_mut_ptr(), N) };
        out
    }

    fn write<const N: usize>(&self, byte: usize, bytes: [u8; N]) {
        assert!(byte + N <= self.len_bytes, "array write out of its buffer");
        // SAFETY: as for `read`; the destination is inside the allocation.
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), self.as_ptr().add(byte), N) };
    }
}

/// Buffers of at least this many bytes ask for transparent huge pages, numpy's threshold.
const HUGE_PAGE_HINT_BYTES: usize = 4 << 20;

/// Asks Linux to back the whole pages of a large buffer with 2 MiB pages (`MADV_HUGEPAGE`), as
/// numpy does for its arrays: where huge pages are only given on request (the common `madvise`
/// setting), writing a fresh 80 MB result otherwise takes 20,000 page faults, which made
/// `@vectorize` over 10^7 elements 15% slower than Numba's. Only a hint: failure changes nothing.
#[cfg(target_os = "linux")]
fn advise_huge_pages(data: NonNull<u8>, len_bytes: usize) {
    static PAGE: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    // SAFETY: sysconf only reads a system constant.
    let page = *PAGE.get_or_init(|| usize::try_from(unsafe { libc::sysconf(libc::_SC_PAGESIZE) }).ok().filter(|p| p.is_power_of_two()).unwrap_or(4096));
    let skip = data.as_ptr().align_offset(page);
    let whole = len_bytes.saturating_sub(skip) / page * page;
    if whole > 0 {
        // SAFETY: the range is whole pages inside this buffer's own allocation, and the advice
        // changes how the memory is backed, never its contents.
        unsafe { libc::madvise(data.as_ptr().add(skip).cast(), whole, libc::MADV_HUGEPAGE) };
    }
}

#[cfg(not(target_os = "linux"))]
fn advise_huge_pages(_data: NonNull<u8>, _len_bytes: usize) {}

impl Drop for Buffer {
    fn drop(&mut self) {
        // SAFETY: `allocation` was allocated in `try_zeroed` with this layout and is freed only here.
        unsafe { std::alloc::dealloc(self.allocation.as_ptr(), self.layout) };
    }
}

/// A view of an array: how to find element `[i, j, ...]` in a shared buffer.
#[derive(Clone)]
pub struct NdArray {
    pub dtype: DType,
    pub shape: Vec<usize>,
    /// Element strides; zero for a broadcast axis, negative for a reversed one.
    pub strides: Vec<isize>,
    /// Element offset of `[0, 0, ...]`.
    pub offset: usize,
    pub buffer: Rc<Buffer>,
}

/// One axis of a basic index: a single position (which drops the axis) or a slice.
#[derive(Clone, Copy, Debug)]
pub enum AxisIndex {
    At(usize),
    Range { start: isize, step: isize, len: usize },
}

impl NdArray {
    /// A zero-filled array; aborts if memory runs out (for results sized by existing arrays).
    /// Arrays whose size a program chose are made with [`NdArray::try_zeros`].
    pub fn zeros(dtype: DType, shape: &[usize]) -> NdArray {
        NdArray::try_zeros(dtype, shape).unwrap_or_else(|_| std::alloc::handle_alloc_error(Layout::new::<[u8; BUFFER_ALIGN]>()))
    }

    /// A zero-filled array, or why it cannot be had (its size overflows, or memory ran out).
    pub fn try_zeros(dtype: DType, shape: &[usize]) -> Result<NdArray, AllocError> {
        let bytes = shape.iter().try_fold(dtype.size(), |acc, &n| acc.checked_mul(n)).filter(|&b| b <= isize::MAX as usize).ok_or(AllocError::TooBig)?;
        Ok(NdArray { dtype, shape: shape.to_vec(), strides: c_strides(shape), offset: 0, buffer: Rc::new(Buffer::try_zeroed(bytes)?) })
    }

    pub fn from_elements(dtype: DType, shape: &[usize], items: impl IntoIterator<Item = Element>) -> NdArray {
        let array = NdArray::zeros(dtype, shape);
        for (i, e) in items.into_iter().enumerate() {
            array.write(i, e);
        }
        array
    }

    pub fn from_f64(shape: &[usize], items: impl IntoIterator<Item = f64>) -> NdArray {
        NdArray::from_elements(DType::Float64, shape, items.into_iter().map(Element::F64))
    }

    pub fn ndim(&self) -> usize {
        self.shape.len()
    }

    pub fn size(&self) -> usize {
        self.shape.iter().product()
    }

    pub fn is_c_contiguous(&self) -> bool {
        self.strides == c_strides(&self.shape) || self.size() <= 1
    }

    /// Reads the element at a buffer offset (in elements).
    pub fn read(&self, offset: usize) -> Element {
        let byte = offset * self.dtype.size();
        let b = &self.buffer;
        match self.dtype {
            DType::Bool => Element::Bool(b.read::<1>(byte)[0] != 0),
            DType::Int8 => Element::Int(i8::from_ne_bytes(b.read(byte)) as i64),
            DType::Int16 => Element::Int(i16::from_ne_bytes(b.read(byte)) as i64),
            DType::Int32 => Element::Int(i32::from_ne_bytes(b.read(byte)) as i64),
            DType::Int64 => Element::Int(i64::from_ne_bytes(b.read(byte))),
            DType::UInt8 => Element::UInt(b.read::<1>(byte)[0] as u64),
            DType::UInt16 => Element::UInt(u16::from_ne_bytes(b.read(byte)) as u64),
            DType::UInt32 => Element::UInt(u32::from_ne_bytes(b.read(byte)) as u64),
            DType::UInt64 => Element::UInt(u64::from_ne_bytes(b.read(byte))),
            DType::Float32 => Element::F32(f32::from_ne_bytes(b.read(byte))),
            DType::Float64 => Element::F64(f64::from_ne_bytes(b.read(byte))),
            DType::Complex64 => Element::C64(f32::from_ne_bytes(b.read(byte)), f32::from_ne_bytes(b.read(byte + 4))),
            DType::Complex128 => Element::C128(f64::from_ne_bytes(b.read(byte)), f64::from_ne_bytes(b.read(byte + 8))),
        }
    }

    /// Writes an element at a buffer offset, converting it as numpy's `astype` would
    /// (floats truncate toward zero, integers wrap).
    pub fn write(&self, offset: usize, value: Element) {
        let byte = offset * self.dtype.size();
        let b = &self.buffer;
        let as_int = || match value {
            Element::F32(f) => float_to_i64(f as f64),
            Element::F64(f) => float_to_i64(f),
            Element::UInt(u) => u as i64,
            other => other.as_i64(),
        };
        match self.dtype {
            DType::Bool => b.write(byte, [value.is_truthy() as u8]),
            DType::Int8 => b.write(byte, (as_int() as i8).to_ne_bytes()),
            DType::Int16 => b.write(byte, (as_int() as i16).to_ne_bytes()),
            DType::Int32 => b.write(byte, (as_int() as i32).to_ne_bytes()),
            DType::Int64 => b.write(byte, as_int().to_ne_bytes()),
            DType::UInt8 => b.write(byte, (as_int() as u8).to_ne_bytes()),
            DType::UInt16 => b.write(byte, (as_int() as u16).to_ne_bytes()),
            DType::UInt32 => b.write(byte, (as_int() as u32).to_ne_bytes()),
            DType::UInt64 => {
                let v = match value {
                    Element::UInt(u) => u,
                    Element::F64(f) if f >= 0.0 => f as u64,
                    Element::F32(f) if f >= 0.0 => f as u64,
                    other => other.as_i64() as u64,
                };
                b.write(byte, v.to_ne_bytes())
            }
            DType::Float32 => b.write(byte, (value.as_f64() as f32).to_ne_bytes()),
            DType::Float64 => b.write(byte, value.as_f64().to_ne_bytes()),
            DType::Complex64 => {
                let (re, im) = value.as_complex();
                b.write(byte, (re as f32).to_ne_bytes());
                b.write(byte + 4, (im as f32).to_ne_bytes());
            }
            DType::Complex128 => {
                let (re, im) = value.as_complex();
                b.write(byte, re.to_ne_bytes());
                b.write(byte + 8, im.to_ne_bytes());
            }
        }
    }

    /// The buffer offset of a multi-index whose entries are already in range.
    pub fn offset_of(&self, index: &[usize]) -> usize {
        let mut off = self.offset as isize;
        for (i, s) in index.iter().zip(&self.strides) {
            off += *i as isize * s;
        }
        off as usize
    }

    /// Buffer offsets of every element, in C (row-major) order.
    pub fn offsets(&self) -> Offsets<'_> {
        Offsets { array: self, index: vec![0; self.ndim()], next: Some(self.offset as isize), remaining: self.size() }
    }

    pub fn elements(&self) -> impl Iterator<Item = Element> + '_ {
        self.offsets().map(move |o| self.read(o))
    }

    /// A view selected by one `AxisIndex` per leading axis; trailing axes are kept whole.
    pub fn view(&self, axes: &[AxisIndex]) -> NdArray {
        let mut shape = Vec::new();
        let mut strides = Vec::new();
        let mut offset = self.offset as isize;
        for (axis, (&len, &stride)) in self.shape.iter().zip(&self.strides).enumerate() {
            match axes.get(axis) {
                Some(AxisIndex::At(i)) => offset += *i as isize * stride,
                Some(AxisIndex::Range { start, step, len }) => {
                    offset += start * stride;
                    shape.push(*len);
                    strides.push(stride * step);
                }
                None => {
                    shape.push(len);
                    strides.push(stride);
                }
            }
        }
        NdArray { dtype: self.dtype, shape, strides, offset: offset.max(0) as usize, buffer: self.buffer.clone() }
    }

    /// A C-contiguous copy, optionally converted to another dtype.
    pub fn copy_as(&self, dtype: DType) -> NdArray {
        NdArray::from_elements(dtype, &self.shape, self.elements())
    }

    pub fn copy(&self) -> NdArray {
        self.copy_as(self.dtype)
    }

    /// The elements in C order as raw native-endian bytes (what a copy to a GPU sends).
    pub fn to_bytes(&self) -> Vec<u8> {
        let c = if self.is_c_contiguous() { self.clone() } else { self.copy() };
        let item = self.dtype.size();
        c.buffer.read_bytes(c.offset * item, c.size() * item)
    }

    /// Overwrites the elements, in C order, from raw bytes of this dtype (`to_bytes`' inverse).
    pub fn write_bytes(&self, bytes: &[u8]) {
        let item = self.dtype.size();
        let n = (bytes.len() / item).min(self.size());
        if self.is_c_contiguous() {
            self.buffer.write_bytes(self.offset * item, &bytes[..n * item]);
            return;
        }
        let staged = NdArray::zeros(self.dtype, &self.shape);
        staged.buffer.write_bytes(0, &bytes[..n * item]);
        for (d, s) in self.offsets().zip(staged.offsets()) {
            self.write(d, staged.read(s));
        }
    }

    /// The same elements with a new shape: a view when contiguous, otherwise a copy.
    pub fn reshaped(&self, shape: &[usize]) -> NdArray {
        let base = if self.is_c_contiguous() { self.clone() } else { self.copy() };
        NdArray { shape: shape.to_vec(), strides: c_strides(shape), ..base }
    }

    /// Reverses the axes (`a.T`), a view.
    pub fn transposed(&self) -> NdArray {
        let mut t = self.clone();
        t.shape.reverse();
        t.strides.reverse();
        t
    }

    /// A view of this array broadcast to `shape` (numpy's rules), or `None` if incompatible.
    pub fn broadcast_to(&self, shape: &[usize]) -> Option<NdArray> {
        if shape.len() < self.ndim() {
            return None;
        }
        let lead = shape.len() - self.ndim();
        let mut strides = vec![0isize; shape.len()];
        for (axis, &target) in shape.iter().enumerate().skip(lead) {
            let own = self.shape[axis - lead];
            if own == target {
                strides[axis] = self.strides[axis - lead];
            } else if own != 1 {
                return None;
            }
        }
        Some(NdArray { dtype: self.dtype, shape: shape.to_vec(), strides, offset: self.offset, buffer: self.buffer.clone() })
    }
}

/// numpy's broadcast of two shapes, or `None` if they are incompatible.
pub fn broadcast_shapes(a: &[usize], b: &[usize]) -> Option<Vec<usize>> {
    let n = a.len().max(b.len());
    let mut out = vec![0; n];
    for i in 0..n {
        let x = if i + a.len() >= n { a[i + a.len() - n] } else { 1 };
        let y = if i + b.len() >= n { b[i + b.len() - n] } else { 1 };
        out[i] = match (x, y) {
            (x, y) if x == y => x,
            (1, y) => y,
            (x, 1) => x,
            _ => return None,
        };
    }
    Some(out)
}

pub fn c_strides(shape: &[usize]) -> Vec<isize> {
    let mut strides = vec![0isize; shape.len()];
    let mut acc = 1isize;
    for i in (0..shape.len()).rev() {
        strides[i] = acc;
        acc *= shape[i].max(1) as isize;
    }
    strides
}

/// Iterator over the buffer offsets of an array's elements in C order.
pub struct Offsets<'a> {
    array: &'a NdArray,
    index: Vec<usize>,
    next: Option<isize>,
    remaining: usize,
}

impl Iterator for Offsets<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        if self.remaining == 0 {
            return None;
        }
        let current = self.next?;
        self.remaining -= 1;
        // Advance the odometer: bump the last axis, carrying into earlier ones.
        let mut off = current;
        for axis in (0..self.index.len()).rev() {
            self.index[axis] += 1;
            off += self.array.strides[axis];
            if self.index[axis] < self.array.shape[axis] {
                self.next = Some(off);
                return Some(current as usize);
            }
            off -= self.array.strides[axis] * self.index[axis] as isize;
            self.index[axis] = 0;
        }
        self.next = None;
        Some(current as usize)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every buffer, empty ones, odd sizes and one large enough for the huge-page hint included,
    /// starts on a cache line and reads as zeros.
    #[test]
    fn buffers_are_cache_line_aligned_and_zeroed() {
        let buffers: Vec<Buffer> = [0usize, 1, 7, 8, 63, 64, 65, 4096 + 16, 3 << 20, (5 << 20) + 8].iter().map(|&n| Buffer::zeroed(n)).collect();
        for b in &buffers {
            assert_eq!(b.as_ptr() as usize % BUFFER_ALIGN, 0, "{} bytes", b.len_bytes());
            assert!(b.read_bytes(0, b.len_bytes()).iter().all(|&x| x == 0));
        }
        let last = &buffers[buffers.len() - 1];
        last.write_bytes(last.len_bytes() - 3, &[1, 2, 3]);
        assert_eq!(last.read_bytes(last.len_bytes() - 3, 3), vec![1, 2, 3]);
    }

    #[test]
    fn views_share_storage_and_iterate_in_c_order() {
        let a = NdArray::from_f64(&[2, 3], (0..6).map(|i| i as f64));
        let t = a.transposed();
        let got: Vec<f64> = t.elements().map(Element::as_f64).collect();
        assert_eq!(got, vec![0.0, 3.0, 1.0, 4.0, 2.0, 5.0]);
        let reversed = a.view(&[AxisIndex::At(1), AxisIndex::Range { start: 2, step: -1, len: 3 }]);
        let got: Vec<f64> = reversed.elements().map(Element::as_f64).collect();
        assert_eq!(got, vec![5.0, 4.0, 3.0]);
        reversed.write(reversed.offset_of(&[0]), Element::F64(-1.0));
        assert_eq!(a.read(5), Element::F64(-1.0));
    }

    #[test]
    fn writes_convert_like_numpy() {
        let a = NdArray::zeros(DType::Int32, &[2]);
        a.write(0, Element::Int(2147483648));
        a.write(1, Element::F64(-2.7));
        assert_eq!(a.read(0), Element::Int(-2147483648));
        assert_eq!(a.read(1), Element::Int(-2));
    }

    #[test]
    fn promotion_follows_numpy() {
        assert_eq!(DType::promote(DType::Int32, DType::Float32), DType::Float64);
        assert_eq!(DType::promote(DType::Int8, DType::UInt8), DType::Int16);
        assert_eq!(DType::promote(DType::Int64, DType::UInt64), DType::Float64);
        assert_eq!(broadcast_shapes(&[3, 1], &[4]), Some(vec![3, 4]));
        assert_eq!(broadcast_shapes(&[3], &[4]), None);
    }
}
