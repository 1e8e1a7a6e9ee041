#!/usr/bin/python3
"""Subsets Debian's Noto Sans CJK (OFL) into the fonts GridStar ships.

core: Latin, punctuation, the symbols the UI draws, every character in the UI string tables,
      GB2312 level 1 (3,755 common simplified characters) and every character of the embedded sample.
wide: all CJK unified ideographs (incl. Extension A and compatibility) of the SC face, which also maps the
      traditional forms; fetched by the app only when a dataset needs a character the core font lacks.
The app never builds an atlas from all of a font: it picks the glyphs its strings use at run time.
"""
import argparse
import json
import os
import sys
from fontTools import subset
from fontTools.ttLib import TTCollection

TTC = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
SC_FACE = 2

def gb2312_level1():
    chars = []
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.append(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return "".join(chars)

def non_ascii_chars(path):
    with open(path, encoding="utf-8", errors="ignore") as f:
        return {c for c in f.read() if ord(c) > 0x7E}

def cff_to_glyf(font):
    """Converts CFF outlines to TrueType quadratic ones. stb_truetype (inside ImGui) rasterises glyf outlines
    several times faster than CFF charstrings, which keeps the atlas build within a frame or two."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = font.getGlyphOrder()
    glyf.glyphs = {}
    for name in glyf.glyphOrder:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font["maxp"].tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(font["maxp"], attr, 0)
    font["maxp"].maxZones = 1
    font["maxp"].maxComponentDepth = 0
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 3.0  # no glyph names: smaller
    font.sfntVersion = "\x00\x01\x00\x00"


def subset_face(out_path, unicodes, truetype=False):
    font = TTCollection(TTC).fonts[SC_FACE]
    opts = subset.Options()
    opts.layout_features = []      # ImGui 1.86 uses no OpenType layout
    opts.hinting = False
    opts.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep copyright + OFL licence text
    opts.notdef_outline = True
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=sorted(unicodes))
    sub.subset(font)
    if truetype:
        cff_to_glyf(font)
    font.save(out_path)
    return len(font.getGlyphOrder())

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out-dir", required=True)
    ap.add_argument("--text", action="append", default=[], help="files whose characters the core font must have")
    args = ap.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)

    core = set(range(0x20, 0x7F)) | set(range(0xA0, 0x180))
    core |= {ord(c) for c in "，。、；：？！“”‘’（）《》【】…—·～％＋－／×÷≤≥±°℃★☆▲▼◆●○■□←→↑↓›‹«»￥¥€·・"}
    core |= set(range(0x3000, 0x3040)) | set(range(0xFF01, 0xFF5F))
    core |= {ord(c) for c in gb2312_level1()}
    for path in args.text:
        if os.path.exists(path):
            core |= {ord(c) for c in non_ascii_chars(path)}
        else:
            print(f"subset_fonts: {path} not found", file=sys.stderr)
    n = subset_face(os.path.join(args.out_dir, "gridstar-core.ttf"), core, truetype=True)
    print(f"core font: {len(core)} code points requested, {n} glyphs")

    wide = set(core) | set(range(0x3400, 0x4DC0)) | set(range(0x4E00, 0xA000)) | set(range(0xF900, 0xFB00))
    n = subset_face(os.path.join(args.out_dir, "gridstar-wide.ttf"), wide, truetype=True)
    print(f"wide font: {n} glyphs")

if __name__ == "__main__":
    main()
