import { describe, expect, it } from 'vitest';
import { writeZip } from '../../network/export/zip';
import { centreSquare, classOfPath, filesInZip, luminance, screenFiles } from './images';

const file = (name: string, bytes: number, type = '') => ({
  file: { name, size: bytes, type } as File,
  className: null,
});

describe('examples from pictures', () => {
  it('crops the centre square and weighs colours as luminance', () => {
    expect(centreSquare(640, 480)).toEqual({ x: 80, y: 0, side: 480 });
    expect(centreSquare(3, 8)).toEqual({ x: 0, y: 2, side: 3 });
    const rgba = Uint8ClampedArray.from([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 200, 200, 200, 9]);
    expect(Array.from(luminance(rgba))).toEqual([76, 150, 29, 200]);
  });

  it('names a class after the folder a file is in, as ImageFolder does', () => {
    expect(classOfPath('shapes/circle/a.png')).toBe('circle');
    expect(classOfPath('/star/b.jpg')).toBe('star');
    expect(classOfPath('loose.png')).toBeNull();
  });

  it('skips what is not an image or too big, and refuses a huge drop whole', () => {
    const { accepted, problems } = screenFiles([
      file('a.png', 10),
      file('notes.txt', 10),
      file('b', 10, 'image/webp'),
      file('huge.jpg', 60e6),
    ]);
    expect(accepted.map((f) => f.file.name)).toEqual(['a.png', 'b']);
    expect(problems).toEqual([
      '1 file is not an image and was skipped.',
      'huge.jpg is over 50 MB and was skipped.',
    ]);
    const drop = screenFiles(Array.from({ length: 40 }, (_, i) => file(`${i}.png`, 49e6)));
    expect(drop.accepted).toEqual([]);
    expect(drop.problems[0]).toMatch(/^That is 40 images \(1960 MB\).*Nothing was added\.$/);
  });
});

describe('a zip of class folders', () => {
  const bytes = (n: number) => new Uint8Array(n).fill(7);

  it('gives each file the class of its folder, loose files none', () => {
    const zip = writeZip([
      { name: 'shapes/square/a.png', data: bytes(3) },
      { name: 'shapes/disc/b.png', data: bytes(4) },
      { name: 'c.png', data: bytes(5) },
    ]);
    const { files, problems } = filesInZip(zip, 'shapes.zip');
    expect(problems).toEqual([]);
    expect(files.map((f) => [f.file.name, f.className, f.file.size])).toEqual([
      ['a.png', 'square', 3],
      ['b.png', 'disc', 4],
      ['c.png', null, 5],
    ]);
  });

  it('refuses a path that climbs out, and a damaged zip, adding nothing', () => {
    const evil = writeZip([{ name: 'cls/../../evil.png', data: bytes(3) }]);
    expect(filesInZip(evil, 'evil.zip')).toEqual({
      files: [],
      problems: [
        'evil.zip was not read: entry 1\'s name "cls/../../evil.png" climbs out of its folder. Nothing was added.',
      ],
    });
    const broken = filesInZip(bytes(100), 'broken.zip');
    expect(broken.files).toEqual([]);
    expect(broken.problems[0]).toMatch(/^broken\.zip was not read: .*Nothing was added\.$/);
  });
});
