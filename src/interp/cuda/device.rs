//! `numba.cuda` on a real GPU (feature `gpu`): device arrays in device memory, streams, events
//! and launches of the PTX the GPU backend makes, through the runtime's driver wrapper.
//!
//! Host arrays passed to a kernel are copied to the device before the launch and back after it,
//! as Numba does. A kernel's error record is read when the host next waits for the GPU (at
//! once for launches on the default stream), and becomes the Python exception.

use std::cell::RefCell;
use std::rc::Rc;

use rhumba_compiler::Type;
use rhumba_runtime::cuda::driver::{self, DeviceBuffer, KernelParam};
use rhumba_runtime::{DType, NdArray};

use super::{CudaObject, DeviceArray, DeviceStorage, Launch};
use crate::interp::value::*;
use crate::interp::Interpreter;

/// A driver failure as a Python exception.
pub fn driver_error(message: String) -> PyError {
    let mut e = PyError::new(ErrorKind::RuntimeError, message);
    e.class = "CudaAPIError".to_string();
    e
}

fn gpu() -> PyResult<std::sync::Arc<driver::Gpu>> {
    driver::open().map_err(|_| super::no_device_error())
}

pub fn new_stream(default: bool) -> PyResult<driver::Stream> {
    let g = gpu()?;
    if default {
        Ok(g.default_stream())
    } else {
        g.new_stream().map_err(driver_error)
    }
}

pub fn synchronize() -> PyResult<()> {
    gpu()?.synchronize().map_err(driver_error)
}

/// The driver stream a `stream=` argument names (the default stream for none or 0).
fn stream_of(v: Option<&Value>) -> PyResult<driver::Stream> {
    if let Some(Value::Cuda(o)) = v {
        if let CudaObject::Stream(s) = o.as_ref() {
            if let Some(d) = &s.device {
                return Ok(d.clone());
            }
        }
    }
    Ok(gpu()?.default_stream())
}

pub fn record(stream: Option<&Value>) -> PyResult<driver::Event> {
    let s = stream_of(stream)?;
    gpu()?.record(&s).map_err(driver_error)
}

/// A device array's contents, copied to the host.
pub fn download(b: &RefCell<DeviceBuffer>, dtype: DType, shape: &[usize]) -> PyResult<NdArray> {
    let g = gpu()?;
    let out = NdArray::zeros(dtype, shape);
    let mut bytes = vec![0u8; out.size() * dtype.size()];
    g.download(&g.default_stream(), &b.borrow(), &mut bytes).map_err(driver_error)?;
    out.write_bytes(&bytes);
    Ok(out)
}

/// Overwrites a device array from a host array of its dtype and shape.
pub fn upload_into(b: &RefCell<DeviceBuffer>, src: &NdArray) -> PyResult<()> {
    let g = gpu()?;
    g.upload(&g.default_stream(), &src.to_bytes(), &mut b.borrow_mut()).map_err(driver_error)
}

/// The parameters of one argument, in the order the GPU backend declares them.
fn push_params(v: &Value, ty: &Type, params: &mut Vec<KernelParam>, copies: &mut Vec<(DeviceBuffer, Rc<NdArray>)>, g: &std::sync::Arc<driver::Gpu>, stream: &driver::Stream) -> PyResult<()> {
    let array_params = |address: u64, dtype: DType, shape: &[usize], params: &mut Vec<KernelParam>| {
        params.push(KernelParam::I64(address as i64));
        params.extend(shape.iter().map(|d| KernelParam::I64(*d as i64)));
        let strides = rhumba_runtime::array::c_strides(shape);
        params.extend(strides.iter().map(|s| KernelParam::I64(*s as i64 * dtype.size() as i64)));
    };
    match (v, ty) {
        (Value::Int(i), Type::Scalar(d)) if d.is_float() => params.push(if *d == DType::Float32 { KernelParam::F32(*i as f32) } else { KernelParam::F64(*i as f64) }),
        (Value::Int(i), _) => params.push(KernelParam::I64(*i)),
        (Value::Bool(b), _) => params.push(KernelParam::U8(*b as u8)),
        (Value::Float(f), Type::Scalar(DType::Float32)) => params.push(KernelParam::F32(*f as f32)),
        (Value::Float(f), _) => params.push(KernelParam::F64(*f)),
        (Value::F32(f), Type::Scalar(DType::Float64)) => params.push(KernelParam::F64(*f as f64)),
        (Value::F32(f), _) => params.push(KernelParam::F32(*f)),
        (Value::Array(a), Type::Array { .. }) => {
            let mut buf = g.alloc(a.size() * a.dtype.size()).map_err(driver_error)?;
            g.upload(stream, &a.to_bytes(), &mut buf).map_err(driver_error)?;
            array_params(buf.address(), a.dtype, &a.shape, params);
            copies.push((buf, a.clone()));
        }
        (Value::Cuda(o), Type::Array { .. }) => match o.as_ref() {
            CudaObject::DeviceArray(DeviceArray { dtype, shape, storage: DeviceStorage::Gpu(b) }) => array_params(b.borrow().address(), *dtype, shape, params),
            _ => return Err(type_error("a simulated device array cannot be passed to a GPU kernel")),
        },
        (Value::Tuple(items), Type::Tuple(types)) => {
            for (v, t) in items.iter().zip(types) {
                push_params(v, t, params, copies, g, stream)?;
            }
        }
        (other, t) => return Err(type_error(format!("a kernel parameter of type {t} cannot take {}", other.type_name()))),
    }
    Ok(())
}

impl Interpreter {
    /// Copies a host array into new device memory.
    pub(super) fn device_upload(&mut self, a: &NdArray, stream: Option<&Value>) -> PyResult<DeviceArray> {
        let g = gpu()?;
        let s = stream_of(stream)?;
        let mut buf = g.alloc(a.size() * a.dtype.size()).map_err(driver_error)?;
        g.upload(&s, &a.to_bytes(), &mut buf).map_err(driver_error)?;
        Ok(DeviceArray { dtype: a.dtype, shape: a.shape.clone(), storage: DeviceStorage::Gpu(RefCell::new(buf)) })
    }

    /// Launches a kernel on the GPU: PTX compiled once per specialisation, module loaded once,
    /// arguments as the backend lays them out, then host arrays copied back and the error
    /// record read.
    pub(super) fn launch_on_device(&mut self, launch: &Launch, args: &[Value]) -> PyResult<()> {
        let g = gpu()?;
        let stand_ins: Vec<Value> = args.iter().map(super::typing_stand_in).collect();
        let (kernel, param_types) = self.kernel_ptx(&launch.kernel, &stand_ins)?;
        let function = g.kernel(&kernel.symbol, &kernel.ptx).map_err(driver_error)?;
        let stream = stream_of(launch.stream.as_ref())?;
        let mut params = Vec::new();
        let mut copies = Vec::new();
        for (v, t) in args.iter().zip(&param_types) {
            push_params(v, t, &mut params, &mut copies, &g, &stream)?;
        }
        let mut record = g.alloc(64).map_err(driver_error)?;
        g.zero(&stream, &mut record).map_err(driver_error)?;
        params.push(KernelParam::I64(record.address() as i64));
        let shared = u32::try_from(launch.shared_bytes.max(0)).unwrap_or(u32::MAX);
        // SAFETY: `params` follows the kernel's PTX parameters exactly (`push_params` mirrors
        // `backend::llvm::emit::flatten`, then the error record); every address is a live device
        // buffer of the array's size, and the kernel checks its indices unless told not to.
        unsafe { g.launch(&stream, &function, launch.shape.grid, launch.shape.block, shared, &params) }.map_err(driver_error)?;
        if copies.is_empty() {
            // Nothing to copy back: the launch stays asynchronous, and its error record is read
            // when the host next waits for the GPU.
            self.cuda_pending.push(PendingLaunch { record, stream });
            return Ok(());
        }
        for (buf, host) in copies {
            let mut bytes = vec![0u8; host.size() * host.dtype.size()];
            g.download(&stream, &buf, &mut bytes).map_err(driver_error)?;
            host.write_bytes(&bytes);
        }
        self.cuda_pending.push(PendingLaunch { record, stream });
        self.check_pending_launches()
    }

    /// Reads the error records of launches not yet checked (waiting for them): the first
    /// error becomes the exception, as if raised by its launch.
    pub(crate) fn check_pending_launches(&mut self) -> PyResult<()> {
        let pending = std::mem::take(&mut self.cuda_pending);
        let Ok(g) = gpu() else { return Ok(()) };
        for p in pending {
            let mut raw = [0u8; 64];
            g.download(&p.stream, &p.record, &mut raw).map_err(driver_error)?;
            let mut words = [0i64; 8];
            for (k, w) in words.iter_mut().enumerate() {
                *w = i64::from_ne_bytes(raw[8 * k..8 * k + 8].try_into().unwrap_or([0; 8]));
            }
            if words[0] != 0 {
                return Err(self.device_kernel_error(&words));
            }
        }
        Ok(())
    }
}

/// A launch whose error record has not been read yet.
pub struct PendingLaunch {
    record: DeviceBuffer,
    stream: driver::Stream,
}

impl Interpreter {
}
