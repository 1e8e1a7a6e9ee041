#!/usr/bin/env python3
"""Writes gridstar.data, the package of files the web app needs before main(): the core font and the sample's snapshot.

Format (read by web/pre.js): b'GSDATA1\\n', the index's byte length (uint32, little-endian), the index (UTF-8 JSON:
[{"name", "start", "end"}], offsets into what follows), then the files one after another.

    pack_data.py --out build/web/gridstar.data fonts/gridstar-core.ttf=path/to/core.ttf data/sample.gsnap=path/to.gsnap
"""
import argparse
import json
import os
import struct


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', required=True)
    ap.add_argument('files', nargs='+', help='name=path')
    args = ap.parse_args()
    index, blobs, at = [], [], 0
    for spec in args.files:
        name, path = spec.split('=', 1)
        with open(path, 'rb') as f:
            data = f.read()
        index.append({'name': name, 'start': at, 'end': at + len(data)})
        blobs.append(data)
        at += len(data)
    head = json.dumps(index, separators=(',', ':')).encode('utf-8')
    tmp = args.out + '.tmp'
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(tmp, 'wb') as f:
        f.write(b'GSDATA1\n' + struct.pack('<I', len(head)) + head)
        for b in blobs:
            f.write(b)
    os.replace(tmp, args.out)


if __name__ == '__main__':
    main()
