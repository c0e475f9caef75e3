// train.py's augmentation for a user dataset, in torch alone (no torchvision): the playground's transform
// (src/engine/reference/augment-batch.ts, which the GPU kernel follows) on each batch, each image with
// amounts drawn from torch's seeded generator.
import { tr } from '../../i18n';
import type { AugmentSettings } from '../augment';
import { pyBool, pyFloat, pyInt } from './python-syntax';

/** AUGMENT, augment_amounts, transform and augment for train.py. */
export function augmentSection(a: AugmentSettings): string {
  return `AUGMENT = {'shift': ${pyInt(a.shift, 'augment.shift')}, 'rotate': ${pyFloat(a.rotate, 'augment.rotate')}, 'scale': ${pyFloat(a.scale, 'augment.scale')}, 'flip': ${pyBool(a.flip, 'augment.flip')}, 'brightness': ${pyFloat(a.brightness, 'augment.brightness')}, 'contrast': ${pyFloat(a.contrast, 'augment.contrast')}, 'noise': ${pyFloat(a.noise, 'augment.noise')}}


def augment_amounts(n):
    """${tr('export:augment.amounts')}"""
    shift = AUGMENT['shift']
    spread = lambda amount: (torch.rand(n) * 2 - 1) * amount
    dx = torch.randint(-shift, shift + 1, (n,)).float()
    dy = torch.randint(-shift, shift + 1, (n,)).float()
    angle = spread(math.radians(AUGMENT['rotate']))
    zoom = 1 + spread(AUGMENT['scale'])
    flip = (torch.rand(n) < 0.5) & AUGMENT['flip']
    return dx, dy, angle, zoom, flip, spread(AUGMENT['brightness']), 1 + spread(AUGMENT['contrast']), AUGMENT['noise']


def transform(images, dx, dy, angle, zoom, flip, brightness, contrast, noise=0.0):
    """${tr('export:augment.transform')}"""
    n, _, h, w = images.shape
    cx, cy = (w - 1) / 2, (h - 1) / 2
    y, x = torch.meshgrid(torch.arange(h, dtype=images.dtype, device=images.device),
                          torch.arange(w, dtype=images.dtype, device=images.device), indexing='ij')
    per_image = lambda t: t.to(images.device, images.dtype).view(n, 1, 1)
    u, v = x - cx - per_image(dx), y - cy - per_image(dy)
    cos, sin = per_image(angle.cos() / zoom), per_image(angle.sin() / zoom)
    sx, sy = cx + u * cos + v * sin, cy - u * sin + v * cos
    sx = torch.where(flip.to(images.device).view(n, 1, 1), w - 1 - sx, sx)
    grid = torch.stack((2 * sx / max(w - 1, 1) - 1, 2 * sy / max(h - 1, 1) - 1), dim=-1)
    out = F.grid_sample(images, grid, mode='bilinear', padding_mode='zeros', align_corners=True)
    out = (out - 0.5) * per_image(contrast).unsqueeze(1) + 0.5 + per_image(brightness).unsqueeze(1)
    return (out + noise * torch.randn_like(out)).clamp(0, 1)


def augment(images):
    """${tr('export:augment.augment')}"""
    return transform(images, *augment_amounts(len(images)))`;
}
