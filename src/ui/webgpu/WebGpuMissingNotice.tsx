export function WebGpuMissingNotice({ reason }: { reason: string }) {
  return (
    <div role="alert" className="notice notice-warning" aria-label="WebGPU unavailable">
      <strong>WebGPU is not available in this browser.</strong> Training still works on the CPU backend
      (WebAssembly SIMD, on several cores where the page allows), only slower.{' '}
      <span className="muted">({reason})</span>
      <p>
        WebGPU ships in Chrome and Edge 113+ on Windows, macOS and ChromeOS, Chrome 121+ on Android, Safari
        26+, and Firefox 141+ on Windows.
      </p>
    </div>
  );
}
