#!/usr/bin/env bash
# Makes the image seeds of fuzz/corpus/image_prepare (already in the repository; run again only
# to change them): small JPEG, PNG and WebP files from ImageMagick, the same with metadata a
# phone adds, cut-off files, a decompression-bomb header, and the first bytes of the formats the
# pipeline refuses. Needs ImageMagick (`convert`, with WebP) and Python 3.
set -euo pipefail
out="$(cd "$(dirname "${BASH_SOURCE[0]}")/../corpus/image_prepare" && pwd)"
cd "$out"
base=(-size 600x400 "gradient:#c8b090-#705030" -fill "#202030" -draw "rectangle 60,80 400,100" -draw "rectangle 60,140 350,160" -draw "rectangle 60,200 380,220" -fill "#4070b0" -draw "ellipse 480,200 60,90 0,360" -strip)
convert "${base[@]}" -quality 25 -sampling-factor 2x2 jpeg-600x400.jpg
convert "${base[@]}" -quality 20 -interlace JPEG jpeg-progressive.jpg
convert "${base[@]}" -quality 20 -colorspace Gray jpeg-gray.jpg
convert "${base[@]}" -quality 15 -colorspace CMYK jpeg-cmyk.jpg
convert "${base[@]}" -rotate 90 -quality 20 jpeg-400x600.jpg
convert "${base[@]}" -quality 10 webp-lossy.webp
convert "${base[@]}" -alpha set -channel A -evaluate set 50% +channel -quality 10 webp-alpha.webp
convert -size 16x16 xc:#808080 -strip -quality 50 jpeg-16x16.jpg
convert -size 8x8 xc:#808080 -strip PNG8:png-8x8.png
convert -size 700x500 xc:#777777 -strip -quality 10 jpeg-flat-blurry.jpg
flat=(-size 600x400 "xc:#c8b090" -fill "#202030" -draw "rectangle 60,80 400,100" -draw "rectangle 60,140 350,160" -draw "rectangle 60,200 380,220" -fill "#4070b0" -draw "ellipse 480,200 60,90 0,360" +antialias -strip +dither)
convert "${flat[@]}" -colors 4 PNG8:png-palette.png
convert "${flat[@]}" -colors 4 -interlace PNG PNG8:png-interlaced.png
convert "${flat[@]}" -alpha set -channel A -evaluate set 60% +channel PNG32:png-rgba.png
convert "${flat[@]}" -depth 16 PNG48:png-rgb16.png
convert "${flat[@]}" -colorspace Gray PNG:png-gray.png
convert "${flat[@]}" -define webp:lossless=true webp-lossless.webp
python3 - <<'PY'
import struct, zlib

def seg(marker, payload):
    return bytes([0xFF, marker]) + struct.pack('>H', len(payload) + 2) + payload

def chunk(t, d):
    return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)

jpg = open('jpeg-600x400.jpg', 'rb').read()
# EXIF (big-endian TIFF, IFD0: Make, Orientation 6 = turn right), XMP, an ICC fragment and a
# comment, each with a marker word the pipeline must not let through.
make = b'PishkhanSecretMake\0'
data_off = 8 + 2 + 2 * 12 + 4
tiff = b'MM\0*' + struct.pack('>I', 8) + struct.pack('>H', 2)
tiff += struct.pack('>HHI', 0x010F, 2, len(make)) + struct.pack('>I', data_off)
tiff += struct.pack('>HHI', 0x0112, 3, 1) + struct.pack('>HH', 6, 0)
tiff += struct.pack('>I', 0) + make
meta = (seg(0xE1, b'Exif\0\0' + tiff)
        + seg(0xE1, b'http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>PishkhanSecretXmp</x:xmpmeta>')
        + seg(0xE2, b'ICC_PROFILE\0\x01\x01' + b'PishkhanSecretIcc' + bytes(16))
        + seg(0xFE, b'PishkhanSecretComment'))
open('jpeg-exif-rotated-metadata.jpg', 'wb').write(jpg[:2] + meta + jpg[2:])
open('jpeg-truncated.jpg', 'wb').write(jpg[:1800])
open('png-truncated.png', 'wb').write(open('png-palette.png', 'rb').read()[:700])

sig = b'\x89PNG\r\n\x1a\n'
ihdr = lambda w, h: chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 0, 0, 0, 0))
# A 100,000 x 100,000 bomb: refused from its header.
open('png-bomb-header.png', 'wb').write(
    sig + ihdr(100000, 100000) + chunk(b'IDAT', zlib.compress(bytes(4096), 9)) + chunk(b'IEND', b''))
# 2500 x 1700 grey bands: decoded and scaled down to 2000 px.
w, h = 2500, 1700
raw = b''.join(b'\0' + bytes([(y // 100) * 15 % 256]) * w for y in range(h))
open('png-2500x1700-bands.png', 'wb').write(
    sig + ihdr(w, h) + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b''))

# The first bytes of what is refused by kind.
open('gif.gif', 'wb').write(b'GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;')
open('pdf.pdf', 'wb').write(b'\n\n%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
open('heic-ftyp.heic', 'wb').write(struct.pack('>I', 24) + b'ftypheic\0\0\0\0mif1heic' + bytes(16))
open('avif-ftyp.avif', 'wb').write(struct.pack('>I', 20) + b'ftypavif\0\0\0\0avif' + bytes(8))
open('elf.bin', 'wb').write(b'\x7fELF\x02\x01\x01' + bytes(9))
open('zip.zip', 'wb').write(b'PK\x03\x04' + bytes(26))
open('svg.svg', 'wb').write(b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="600" height="400"/>')
open('bmp.bmp', 'wb').write(b'BM' + struct.pack('<IHHI', 70, 0, 0, 54) + struct.pack('<IiiHH', 40, 600, 400, 1, 24) + bytes(24))
open('riff-avi.avi', 'wb').write(b'RIFF\x10\x00\x00\x00AVI LIST')
PY
