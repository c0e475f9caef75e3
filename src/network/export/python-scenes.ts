// The scenes of the dense tasks in Python, for model.py and train.py: the playground's scene generator
// (src/data/scenes) line for line in integer maths, so the same seed gives byte-identical scenes, and the
// targets, decoding and test figures of src/training/dense in torch.
import { tr } from '../../i18n';
import type { SceneSettings } from '../dense';
import { SCENE_KEYS } from '../dense';
import type { NetworkSpec } from '../spec';
import { pyInt } from './python-syntax';

const PY_NAMES: Record<keyof SceneSettings, string> = {
  minDigits: 'min_digits',
  maxDigits: 'max_digits',
  minScale: 'min_scale',
  maxScale: 'max_scale',
  clutter: 'clutter',
  noise: 'noise',
};

/** SCENE = {...}: the spec's scene side and settings, every value type-checked. */
export function sceneConstant(spec: NetworkSpec): string {
  if (!spec.scene || spec.input.shape.length !== 3) throw new Error(`a ${spec.task} network reads scenes`);
  const scene = spec.scene;
  const entries = [
    `'side': ${pyInt(spec.input.shape[1], 'the scene side')}`,
    ...SCENE_KEYS.map((k) => `'${PY_NAMES[k]}': ${pyInt(scene[k], k)}`),
  ];
  return `SCENE = {${entries.join(', ')}}`;
}

/** Scene drawing, the same draws in the same order as src/data/scenes/render.ts. */
export const scenesPy = () => `TEST_SCENE_SEED = 2024  # ${tr('export:dense.sceneSeed')}
SPLITS = {'train': 0, 'test': 1}
MASK32 = 0xFFFFFFFF
INK = 128  # ${tr('export:dense.ink')}


class SceneRandom:
    """mulberry32 drawn with integer maths: the very numbers CNN Playground draws."""

    def __init__(self, seed):
        self.state = seed & MASK32

    def next_uint32(self):
        self.state = (self.state + 0x6D2B79F5) & MASK32
        t = self.state
        t = ((t ^ (t >> 15)) * (t | 1)) & MASK32
        t ^= (t + ((t ^ (t >> 7)) * (t | 61))) & MASK32
        return t ^ (t >> 14)

    def int(self, n):
        """An integer in [0, n)."""
        return (self.next_uint32() * n) >> 32


def scene_seed(seed, split, index):
    """The seed of scene INDEX of a split (0 train, 1 test): neighbouring scenes are unrelated."""
    h = (seed ^ ((split + 1) * 0x9E3779B1)) & MASK32
    h ^= (index * 0x85EBCA6B) & MASK32
    h = ((h ^ (h >> 16)) * 0x85EBCA6B) & MASK32
    h = ((h ^ (h >> 13)) * 0xC2B2AE35) & MASK32
    return h ^ (h >> 16)


def scale_digit(image, s):
    """A 28x28 uint8 image scaled to s x s: bilinear (align_corners=False, edges clamped) in whole numbers,
    each source position counted in 1/(2s) of a pixel and the sum of weights (2s)^2 rounded half up."""
    d = 2 * s
    taps = []
    for u in range(s):
        p = max((2 * u + 1) * 28 - s, 0)
        a, r = divmod(p, d)
        taps.append((27, 27, 0) if a >= 27 else (a, a + 1, r))
    i0, i1, f = (torch.tensor(column) for column in zip(*taps))
    img = image.long()
    fy, fx = f[:, None], f[None, :]
    total = (img[i0][:, i0] * (d - fy) * (d - fx) + img[i0][:, i1] * (d - fy) * fx
             + img[i1][:, i0] * fy * (d - fx) + img[i1][:, i1] * fy * fx)
    return torch.div(total + d * d // 2, d * d, rounding_mode='floor')


def overlap(a, b):
    (ax, ay, a_side), (bx, by, b_side) = a, b
    width = max(0, min(ax + a_side, bx + b_side) - max(ax, bx))
    return width * max(0, min(ay + a_side, by + b_side) - max(ay, by))


def render_scene(images, labels, seed, split, index):
    """Scene INDEX of SPLIT drawn from IMAGES [N, 28, 28] (uint8) and LABELS [N]: the image [side, side]
    (0..255), the label of every pixel (0 background, 1 + digit) and a box (x0, y0, x1, y1, digit) per digit,
    x1 and y1 exclusive. The draws: the digit count; per clutter fragment its image, crop and place; per
    digit its image and scale, then up to 10 places until one overlaps each earlier digit by at most 15%;
    with noise, one draw per pixel."""
    side = SCENE['side']
    r = SceneRandom(scene_seed(seed, SPLITS[split], index))
    image = torch.zeros(side, side, dtype=torch.long)
    mask = torch.zeros(side, side, dtype=torch.long)
    boxes, placed = [], []
    digits = SCENE['min_digits'] + r.int(SCENE['max_digits'] - SCENE['min_digits'] + 1)
    for _ in range(SCENE['clutter']):
        k, cx, cy = r.int(len(images)), r.int(21), r.int(21)
        x, y = r.int(side - 7), r.int(side - 7)
        fragment = images[k, cy:cy + 8, cx:cx + 8].long() >> 1  # ${tr('export:dense.clutter')}
        image[y:y + 8, x:x + 8] = torch.maximum(image[y:y + 8, x:x + 8], fragment)
    for _ in range(digits):
        k = r.int(len(images))
        s = SCENE['min_scale'] + r.int(SCENE['max_scale'] - SCENE['min_scale'] + 1)
        spot = None
        for _ in range(10):
            here = (r.int(side - s + 1), r.int(side - s + 1), s)
            if all(100 * overlap(here, p) <= 15 * min(s * s, p[2] * p[2]) for p in placed):
                spot = here
                break
        if spot is None:
            continue
        placed.append(spot)
        x, y, _ = spot
        digit = scale_digit(images[k], s)
        image[y:y + s, x:x + s] = torch.maximum(image[y:y + s, x:x + s], digit)
        ink = digit >= INK
        if ink.any():
            label = int(labels[k])
            mask[y:y + s, x:x + s][ink] = label + 1
            ys, xs = ink.nonzero(as_tuple=True)
            boxes.append((x + int(xs.min()), y + int(ys.min()), x + int(xs.max()) + 1, y + int(ys.max()) + 1, label))
    if SCENE['noise'] > 0:
        a = SCENE['noise']
        noise = torch.tensor([r.int(2 * a + 1) - a for _ in range(side * side)]).reshape(side, side)
        image = (image + noise).clamp(0, 255)
    return image, mask, boxes


def make_scenes(images, labels, split, start, count, seed):
    """Scenes [START, START + COUNT) of a split (test scenes always use TEST_SCENE_SEED): images
    [count, 1, side, side] in 0..1, label maps [count, side, side] and each scene's boxes."""
    seed = TEST_SCENE_SEED if split == 'test' else seed
    scenes = [render_scene(images, labels, seed, split, start + i) for i in range(count)]
    pixels = torch.stack([image for image, _, _ in scenes]).unsqueeze(1).float() / 255
    return pixels, torch.stack([mask for _, mask, _ in scenes]), [boxes for _, _, boxes in scenes]`;

/** The detection head's decoding (as shaders/centernet_decode.wgsl), for model.py and train.py. */
export const DECODE_PY = `def decode(output, stride, min_score=0.05, top=20):
    """Boxes from the head's output [N, 10 + 4, h, w]: at each cell the best class whose heatmap logit is a
    local maximum (3x3 max-pool), its score sigmoid(logit), its box from the predicted size and offset (in
    cells, times STRIDE pixels); per image the TOP best scoring at least MIN_SCORE, as
    (x0, y0, x1, y1, digit, score)."""
    classes = output.shape[1] - 4
    heat = output[:, :classes]
    peaks = heat == torch.nn.functional.max_pool2d(heat, 3, stride=1, padding=1)
    best, digit = torch.where(peaks, heat, torch.full_like(heat, -float('inf'))).max(1)
    h, w = output.shape[2:]
    ys, xs = torch.meshgrid(torch.arange(h), torch.arange(w), indexing='ij')
    cx = (xs + output[:, classes + 2]) * stride
    cy = (ys + output[:, classes + 3]) * stride
    half_w, half_h = output[:, classes] * stride / 2, output[:, classes + 1] * stride / 2
    found = []
    for n in range(len(output)):
        score = torch.sigmoid(best[n]).flatten()
        keep = [i for i in score.argsort(descending=True, stable=True).tolist()
                if torch.isfinite(best[n].flatten()[i]) and score[i] >= min_score][:top]
        row = lambda t: t[n].flatten()
        found.append([(float(row(cx)[i] - row(half_w)[i]), float(row(cy)[i] - row(half_h)[i]),
                       float(row(cx)[i] + row(half_w)[i]), float(row(cy)[i] + row(half_h)[i]),
                       int(digit[n].flatten()[i]), float(score[i])) for i in keep])
    return found`;
