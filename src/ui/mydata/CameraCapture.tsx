// Examples from the webcam: a countdown, then a burst of frames, each the centre square in grey. The
// stream stays in this page (no frame is sent anywhere) and stops when the panel closes it.
import { tr } from '../../i18n';
import { useTranslation } from 'react-i18next';
import { useEffect, useRef, useState } from 'react';
import type { ImageShape } from './image-shape';
import { exampleFrom } from './images';

const BURST = 10;
const BURST_GAP_MS = 150;
const COUNTDOWN = 3;

/** Why the camera did not start, in words that say what to do; nothing collected is touched. */
export function cameraMessage(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return tr('ui:cameraCapture.theCameraWasNot');
  if (name === 'NotFoundError' || name === 'OverconstrainedError')
    return tr('ui:cameraCapture.noCameraWasFound');
  if (name === 'NotReadableError') return tr('ui:cameraCapture.theCameraIsIn');
  return tr('ui:cameraCapture.theCameraCouldNot', {
    value: error instanceof Error ? error.message : String(error),
  });
}

export function CameraCapture({
  onAdd,
  target,
  shape,
}: {
  onAdd: (images: Uint8Array[]) => void;
  target: string;
  /** The dataset's image shape: each frame is captured in it (colour kept for a colour dataset). */
  shape: ImageShape;
}) {
  const { t } = useTranslation();
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
      if (!navigator.mediaDevices?.getUserMedia) throw new Error(tr('ui:cameraCapture.thisBrowserHasNo'));
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
    return exampleFrom(v, v.videoWidth, v.videoHeight, shape);
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
          <video
            ref={video}
            autoPlay
            muted
            playsInline
            className="my-video"
            aria-label={t('cameraCapture.cameraPreview')}
          />
          <div className="my-pad-buttons">
            <button type="button" onClick={capture} disabled={count !== null}>
              {t('cameraCapture.captureOneFor', { target })}
            </button>
            <button type="button" onClick={() => void burst()} disabled={count !== null}>
              {t('cameraCapture.burstOfInS', { BURST, COUNTDOWN })}
            </button>
            <button type="button" onClick={stop}>
              {t('cameraCapture.stopCamera')}
            </button>
          </div>
          {count !== null && (
            <p className="my-countdown" aria-live="assertive">
              {count > 0 ? count : t('cameraCapture.capturing')}
            </p>
          )}
        </>
      ) : (
        <button type="button" onClick={() => void start()}>
          {t('cameraCapture.startCamera')}
        </button>
      )}
      {error && (
        <p role="alert" className="my-error">
          {error}
        </p>
      )}
      <p className="muted">{t('cameraCapture.framesStayInThis')}</p>
    </div>
  );
}
