//! The CUDA driver, through cudarc with the library loaded at run time: the device's context,
//! device buffers from a caching allocator, streams, events, PTX modules loaded once per kernel
//! and kernel launches.
//!
//! Nothing here panics without a GPU: [`open`] first asks whether `libcuda` can be loaded at all
//! (cudarc panics when a context is created without it) and returns a one-line reason otherwise.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use cudarc::driver::{CudaContext, CudaEvent, CudaFunction, CudaModule, CudaSlice, CudaStream, DevicePtr, LaunchConfig, PushKernelArg};

/// A GPU ready for work: its context, default stream, loaded kernels and memory pool.
pub struct Gpu {
    context: Arc<CudaContext>,
    stream: Arc<CudaStream>,
    /// Loaded modules and their kernel, by entry symbol and PTX text hash.
    kernels: Mutex<HashMap<(String, u64), (Arc<CudaModule>, CudaFunction)>>,
    /// Freed device buffers by size class, reused before the driver's allocator is called again
    /// (CuPy's memory pool is the model: launches in a loop allocate nothing).
    pool: Mutex<HashMap<usize, Vec<CudaSlice<u8>>>>,
}

/// The first GPU, opened once per process; or why there is none.
pub fn open() -> Result<Arc<Gpu>, String> {
    static GPU: OnceLock<Result<Arc<Gpu>, String>> = OnceLock::new();
    GPU.get_or_init(|| {
        // SAFETY: only probes whether the driver library can be loaded; nothing is called.
        if !unsafe { cudarc::driver::sys::is_culib_present() } {
            return Err("no CUDA driver was found (libcuda.so could not be loaded)".to_string());
        }
        let context = std::panic::catch_unwind(|| CudaContext::new(0))
            .map_err(|_| "the CUDA driver could not be initialised".to_string())?
            .map_err(|e| format!("no CUDA device was found ({e:?})"))?;
        let stream = context.default_stream();
        Ok(Arc::new(Gpu { context, stream, kernels: Mutex::new(HashMap::new()), pool: Mutex::new(HashMap::new()) }))
    })
    .clone()
}

fn describe(e: cudarc::driver::DriverError) -> String {
    format!("CUDA driver error: {e:?}")
}

/// Size classes of the memory pool: powers of two from 512 bytes.
fn size_class(bytes: usize) -> usize {
    bytes.max(512).next_power_of_two()
}

/// A buffer in device memory; it goes back to its GPU's pool when dropped.
pub struct DeviceBuffer {
    gpu: Arc<Gpu>,
    slice: Option<CudaSlice<u8>>,
    /// The bytes in use (the allocation may be larger).
    pub bytes: usize,
}

impl DeviceBuffer {
    /// The device address, for kernel parameters.
    pub fn address(&self) -> u64 {
        match &self.slice {
            Some(s) => {
                let (ptr, _sync) = s.device_ptr(&self.gpu.stream);
                ptr
            }
            None => 0,
        }
    }
}

impl Drop for DeviceBuffer {
    fn drop(&mut self) {
        if let Some(s) = self.slice.take() {
            let mut pool = self.gpu.pool.lock().unwrap_or_else(|p| p.into_inner());
            pool.entry(s.len()).or_default().push(s);
        }
    }
}

/// One kernel parameter, as the PTX entry declares it.
#[derive(Clone, Copy, Debug)]
pub enum KernelParam {
    I64(i64),
    F64(f64),
    F32(f32),
    U8(u8),
}

/// A stream of this GPU: launches and copies on it run in order.
#[derive(Clone)]
pub struct Stream {
    pub(crate) inner: Arc<CudaStream>,
}

/// A recorded point in a stream, for timing and waiting.
pub struct Event {
    inner: CudaEvent,
}

impl Event {
    pub fn synchronize(&self) -> Result<(), String> {
        self.inner.synchronize().map_err(describe)
    }

    /// Milliseconds between this event and `end`, both recorded.
    pub fn elapsed_ms(&self, end: &Event) -> Result<f32, String> {
        self.inner.elapsed_ms(&end.inner).map_err(describe)
    }
}

impl Gpu {
    /// The device's name, as `cuda.detect()` prints it.
    pub fn name(&self) -> String {
        self.context.name().unwrap_or_else(|_| "CUDA device".to_string())
    }

    pub fn default_stream(&self) -> Stream {
        Stream { inner: self.stream.clone() }
    }

    pub fn new_stream(&self) -> Result<Stream, String> {
        self.context.new_stream().map(|inner| Stream { inner }).map_err(describe)
    }

    /// Device memory for `bytes` bytes, from the pool when a freed buffer of the size class is
    /// there. The contents are unspecified (as `cuda.device_array`'s are).
    pub fn alloc(self: &Arc<Self>, bytes: usize) -> Result<DeviceBuffer, String> {
        let class = size_class(bytes);
        let reused = self.pool.lock().unwrap_or_else(|p| p.into_inner()).get_mut(&class).and_then(|v| v.pop());
        let slice = match reused {
            Some(s) => s,
            None => self.stream.alloc_zeros::<u8>(class).map_err(describe)?,
        };
        Ok(DeviceBuffer { gpu: self.clone(), slice: Some(slice), bytes })
    }

    /// Copies host bytes into a device buffer on `stream` (asynchronous with pinned memory).
    pub fn upload(&self, stream: &Stream, host: &[u8], dst: &mut DeviceBuffer) -> Result<(), String> {
        let Some(slice) = dst.slice.as_mut() else { return Err("the device buffer was freed".into()) };
        let n = host.len().min(dst.bytes);
        let mut view = slice.slice_mut(0..n);
        stream.inner.memcpy_htod(&host[..n], &mut view).map_err(describe)
    }

    /// Zeroes a device buffer on `stream` (asynchronously).
    pub fn zero(&self, stream: &Stream, dst: &mut DeviceBuffer) -> Result<(), String> {
        let Some(slice) = dst.slice.as_mut() else { return Err("the device buffer was freed".into()) };
        stream.inner.memset_zeros(slice).map_err(describe)
    }

    /// Copies a device buffer into host bytes on `stream`; returns once the copy is done.
    pub fn download(&self, stream: &Stream, src: &DeviceBuffer, host: &mut [u8]) -> Result<(), String> {
        let Some(slice) = src.slice.as_ref() else { return Err("the device buffer was freed".into()) };
        let n = host.len().min(src.bytes);
        let view = slice.slice(0..n);
        stream.inner.memcpy_dtoh(&view, &mut host[..n]).map_err(describe)?;
        stream.inner.synchronize().map_err(describe)
    }

    /// The kernel `symbol` of `ptx`, loaded (and compiled for this GPU by the driver) once.
    pub fn kernel(&self, symbol: &str, ptx: &str) -> Result<CudaFunction, String> {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        ptx.hash(&mut h);
        let key = (symbol.to_string(), h.finish());
        let mut kernels = self.kernels.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((_, f)) = kernels.get(&key) {
            return Ok(f.clone());
        }
        let module = self.context.load_module(cudarc::nvrtc::Ptx::from_src(ptx)).map_err(|e| format!("the driver rejected the PTX: {e:?}"))?;
        let function = module.load_function(symbol).map_err(describe)?;
        kernels.insert(key, (module, function.clone()));
        Ok(function)
    }

    /// Launches `function` over `grid` blocks of `block` threads on `stream`.
    ///
    /// # Safety
    /// `params` must match the kernel's PTX parameters in number and type, and every address
    /// among them must point to a live device buffer large enough for what the kernel touches.
    pub unsafe fn launch(&self, stream: &Stream, function: &CudaFunction, grid: [u32; 3], block: [u32; 3], shared_bytes: u32, params: &[KernelParam]) -> Result<(), String> {
        let config = LaunchConfig { grid_dim: (grid[0], grid[1], grid[2]), block_dim: (block[0], block[1], block[2]), shared_mem_bytes: shared_bytes };
        let mut builder = stream.inner.launch_builder(function);
        for p in params {
            match p {
                KernelParam::I64(v) => builder.arg(v),
                KernelParam::F64(v) => builder.arg(v),
                KernelParam::F32(v) => builder.arg(v),
                KernelParam::U8(v) => builder.arg(v),
            };
        }
        // SAFETY: the caller guarantees the parameters match the kernel (see above).
        unsafe { builder.launch(config) }.map(|_| ()).map_err(describe)
    }

    /// Records an event on `stream`.
    pub fn record(&self, stream: &Stream) -> Result<Event, String> {
        let flags = Some(cudarc::driver::sys::CUevent_flags::CU_EVENT_DEFAULT);
        stream.inner.record_event(flags).map(|inner| Event { inner }).map_err(describe)
    }

    /// Waits for all work on every stream.
    pub fn synchronize(&self) -> Result<(), String> {
        self.context.synchronize().map_err(describe)
    }
}

impl Stream {
    pub fn synchronize(&self) -> Result<(), String> {
        self.inner.synchronize().map_err(describe)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_classes_are_powers_of_two_from_512() {
        assert_eq!(size_class(1), 512);
        assert_eq!(size_class(513), 1024);
        assert_eq!(size_class(4096), 4096);
    }

    /// On a machine without a GPU this says why in one line; on a GPU machine it allocates,
    /// copies both ways and reuses a pooled buffer.
    #[test]
    fn device_memory_round_trip_or_a_reason() {
        let gpu = match open() {
            Ok(g) => g,
            Err(why) => {
                eprintln!("SKIPPED device_memory_round_trip_or_a_reason: {why}");
                assert!(!why.contains('\n'), "the reason is one line");
                return;
            }
        };
        let stream = gpu.default_stream();
        let data: Vec<u8> = (0..1000u32).map(|i| (i % 251) as u8).collect();
        let mut buf = gpu.alloc(data.len()).expect("alloc");
        gpu.upload(&stream, &data, &mut buf).expect("upload");
        let mut back = vec![0u8; data.len()];
        gpu.download(&stream, &buf, &mut back).expect("download");
        assert_eq!(back, data);
        let address = buf.address();
        drop(buf);
        let again = gpu.alloc(900).expect("alloc from the pool");
        assert_eq!(again.address(), address, "the pool hands back the freed buffer");
    }
}
