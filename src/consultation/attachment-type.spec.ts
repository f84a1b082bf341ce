import { detectAttachmentType, downloadName } from './attachment-type.js';

describe('attachment type by content (magic bytes)', () => {
  it.each([
    ['a PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj', 'latin1'), 'application/pdf'],
    ['a PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'image/png'],
    ['a JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]), 'image/jpeg'],
  ])('recognises %s', (_label, content, type) => {
    expect(detectAttachmentType(content)).toBe(type);
  });

  it.each([
    ['HTML', Buffer.from('<!doctype html><script>alert(1)</script>')],
    ['a Windows executable', Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03])],
    ['a PDF signature not at the start', Buffer.from(' %PDF-1.7')],
    ['a truncated PNG signature', Buffer.from([0x89, 0x50, 0x4e, 0x47])],
    ['nothing', Buffer.alloc(0)],
  ])('refuses %s', (_label, content) => {
    expect(detectAttachmentType(content)).toBeNull();
  });
});

describe('download name', () => {
  it('keeps a name whose extension matches the content', () => {
    expect(downloadName('财产线索.PDF', 'application/pdf')).toBe('财产线索.PDF');
    expect(downloadName('photo.jpeg', 'image/jpeg')).toBe('photo.jpeg');
  });

  it('adds the right extension when the name says otherwise', () => {
    expect(downloadName('scan.pdf', 'image/png')).toBe('scan.pdf.png');
  });
});
