#!/usr/bin/env bash
# Installs what the test suite needs beyond npm, on Debian, only where missing:
#   chromium      headless browser whose SwiftShader gives real WebGPU without a GPU (e2e and the bench)
#   libvulkan1    the Vulkan loader Dawn's Node bindings (npm `webgpu`) open for the kernel tests
#   python3-torch PyTorch 1.13 under /usr/bin/python3: golden fixtures and the export round trip
#   python3-onnx  ONNX's checker under /usr/bin/python3, run on every exported model.onnx
set -euo pipefail

missing=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
ldconfig -p 2>/dev/null | grep 'libvulkan.so.1 ' >/dev/null || missing+=(libvulkan1)
/usr/bin/python3 -c 'import torch' 2>/dev/null || missing+=(python3-torch)
/usr/bin/python3 -c 'import onnx' 2>/dev/null || missing+=(python3-onnx)
[ ${#missing[@]} -eq 0 ] && { echo "test dependencies present"; exit 0; }

echo "installing ${missing[*]}"
run=()
[ "$(id -u)" -eq 0 ] || run=(sudo)
"${run[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${run[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
