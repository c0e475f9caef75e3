// The header's Export and Import menus: disclosure buttons that open a short list of actions (a plain
// list of buttons, so Tab, Enter and touch work without a custom menu widget). Escape closes them.
import { useRef, useState, type ReactNode, type RefObject } from 'react';
import { useStore } from '../store/store';
import {
  downloadModelPy,
  downloadOnnx,
  downloadWeights,
  exportProject,
  exportPytorchZip,
  importProjectFile,
  loadWeightsFile,
} from './actions';
import './file-menus.css';

export function Disclosure({
  label,
  children,
}: {
  label: string;
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const id = `${label.toLowerCase().replace(/\W+/g, '-')}-menu`;
  // Closing from inside (Escape, a chosen item) hands focus back to the toggle rather than to the page.
  const close = () => {
    setOpen(false);
    document.getElementById(`${id}-toggle`)?.focus();
  };
  return (
    <div
      className="file-menu"
      onKeyDown={(e) => e.key === 'Escape' && close()}
      onBlur={(e) => !e.currentTarget.contains(e.relatedTarget as Node | null) && setOpen(false)}
    >
      <button
        id={`${id}-toggle`}
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        {label} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div id={id} role="group" aria-label={label} className="file-menu-items">
          {children(close)}
        </div>
      )}
    </div>
  );
}

/** A button that runs `action` once, disabled (and saying so) until it is done. */
function ActionButton({ label, action }: { label: string; action: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await action();
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" disabled={busy} aria-busy={busy} onClick={() => void run()}>
      {label}
    </button>
  );
}

/**
 * A hidden file input, always mounted: the picker outlives the menu that opened it (the menu closes when
 * the page loses focus to the dialog). The chosen file goes to `onFile`.
 */
function HiddenFileInput({
  input,
  label,
  accept,
  onFile,
}: {
  input: RefObject<HTMLInputElement | null>;
  label: string;
  accept: string;
  onFile: (file: File) => void;
}) {
  return (
    <input
      ref={input}
      type="file"
      className="file-menu-input"
      aria-label={label}
      accept={accept}
      tabIndex={-1}
      onChange={(e) => {
        const file = e.currentTarget.files?.[0];
        e.currentTarget.value = '';
        if (file) onFile(file);
      }}
    />
  );
}

export function FileMenus() {
  const projectInput = useRef<HTMLInputElement>(null);
  const weightsInput = useRef<HTMLInputElement>(null);
  const item = (label: string, act: (s: typeof useStore) => Promise<void>, close: () => void) => (
    <ActionButton label={label} action={() => act(useStore).finally(close)} />
  );
  return (
    <>
      <Disclosure label="Export">
        {(close) => (
          <>
            {item('Export to PyTorch (.zip)', exportPytorchZip, close)}
            {item('Download model.py', downloadModelPy, close)}
            {item('Download weights.safetensors', downloadWeights, close)}
            {item('Download model.onnx', downloadOnnx, close)}
            {item('Export project', exportProject, close)}
          </>
        )}
      </Disclosure>
      <Disclosure label="Import">
        {(close) => (
          <>
            <button type="button" onClick={() => (close(), projectInput.current?.click())}>
              Import project…
            </button>
            <button type="button" onClick={() => (close(), weightsInput.current?.click())}>
              Load weights (.safetensors)…
            </button>
          </>
        )}
      </Disclosure>
      <HiddenFileInput
        input={projectInput}
        label="Project file"
        accept=".cnnp,application/zip"
        onFile={(file) => void importProjectFile(useStore, file)}
      />
      <HiddenFileInput
        input={weightsInput}
        label="Weights file"
        // .pt and .pth too, so that a PyTorch checkpoint is answered with how to convert it.
        accept=".safetensors,.pt,.pth"
        onFile={(file) => void loadWeightsFile(useStore, file)}
      />
    </>
  );
}
