#!/usr/bin/env python3
"""How much general-purpose compression would take off an archive (issue 22): each FRAGMENT block's body
compressed alone with DEFLATE (zlib, levels 1, 6, 9) and LZMA2 (preset 9), as an archive could store it.
Usage: bench/scripts/recording-compress.py FILE.tcrec"""
import lzma
import struct
import sys
import zlib

data = open(sys.argv[1], 'rb').read()
blocks = []
at = 0
while at + 9 <= len(data):
    kind, length = data[at], struct.unpack('<I', data[at + 1:at + 5])[0]
    if kind == 2:
        blocks.append(data[at + 5:at + 5 + length])
    at += 9 + length
total = sum(len(b) + 9 for b in blocks)
print(f'{sys.argv[1]}: {len(blocks)} fragment blocks, {total} bytes')
for level in (1, 6, 9):
    c = sum(len(zlib.compress(b, level)) + 9 for b in blocks)
    print(f'  deflate level {level}: {c} bytes, {100 * c / total:.1f} % ({100 - 100 * c / total:.1f} % saved)')
c = sum(len(lzma.compress(b, format=lzma.FORMAT_RAW, filters=[{'id': lzma.FILTER_LZMA2, 'preset': 9}])) + 9
        for b in blocks)
print(f'  lzma2 preset 9: {c} bytes, {100 * c / total:.1f} % ({100 - 100 * c / total:.1f} % saved)')
