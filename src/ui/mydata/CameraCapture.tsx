// Examples from the webcam: a countdown, then a burst of frames, each the centre square in grey. The
// stream stays in this page (no frame is sent anywhere) and stops when the panel closes it.
import { useEffect, useRef, useState } from 'react';
import { exampleFrom } from './images';

const BURST = 10;
const BURST_GAP_MS = 150;
const COUNTDOWN = 3;

/** Why the camera did not start, in words that say what to do; nothing collected is touched. */
export function cameraMessage(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return 'The camera was not allowed. Allow it for this site in the browser’s settings, or draw or add image files instead. Your examples are kept.';
  if (name === 'NotFoundError' || name === 'OverconstrainedError')
    return 'No camera was found. Connect one, or draw or add image files instead. Your examples are kept.';
  if (name === 'NotReadableError')
    return 'The camera is in use by another program. Close it there and try again. Your examples are kept.';
  return `The camera could not start (${error instanceof Error ? error.message : String(error)}). Your examples are kept.`;
}

export function CameraCapture({ onAdd, target }: { onAdd: (images: Uint8Array[]) => void; target: string }) {
  const video = useRef<HTMLVideoElement>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [count, setCount] = useState<number | null>(null);

  useEffect(() => () => stream?.getTracks().forEach((t) => t.stop()), [stream]);
  useEffect(() => {
    if (video.current && stream) video.current.srcObject = stream;
  }, [stream]);

  const start = async () => {
    setError(null);
    try {
      if (!navigator.mediaDevices?.getUserMedia) throw new Error('this browser has no camera access');
      setStream(
        await navigator.mediaDevices.getUserMedia({ video: { width: 320, height: 240 }, audio: false }),
      );
    } catch (e) {
      setError(cameraMessage(e));
    }
  };
  const stop = () => setStream(null);
  const frame = () => {
    const v = video.current;
    if (!v || v.videoWidth === 0) return null;
    return exampleFrom(v, v.videoWidth, v.videoHeight);
  };
  const capture = () => {
    const image = frame();
    if (image) onAdd([image]);
  };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const burst = async () => {
    for (let n = COUNTDOWN; n > 0; n--) {
      setCount(n);
      await sleep(1000);
    }
    setCount(0);
    const images: Uint8Array[] = [];
    for (let i = 0; i < BURST; i++) {
      const image = frame();
      if (image) images.push(image);
      await sleep(BURST_GAP_MS);
    }
    setCount(null);
    onAdd(images);
  };

  return (
    <div className="my-camera">
      {stream ? (
        <>
          <video ref={video} autoPlay muted playsInline className="my-video" aria-label="Camera preview" />
          <div className="my-pad-buttons">
            <button type="button" onClick={capture} disabled={count !== null}>
              Capture one for {target}
            </button>
            <button type="button" onClick={() => void burst()} disabled={count !== null}>
              Burst of {BURST} in {COUNTDOWN} s
            </button>
            <button type="button" onClick={stop}>
              Stop camera
            </button>
          </div>
          {count !== null && (
            <p className="my-countdown" aria-live="assertive">
              {count > 0 ? count : 'Capturing…'}
            </p>
          )}
        </>
      ) : (
        <button type="button" onClick={() => void start()}>
          Start camera
        </button>
      )}
      {error && (
        <p role="alert" className="my-error">
          {error}
        </p>
      )}
      <p className="muted">Frames stay in this page; nothing is uploaded.</p>
    </div>
  );
}
