"""Write layouts/glyph_widths.json: advance widths of the measuring fonts, so text is measured without PIL.

Run after changing `measure_font` in layouts/theme.yaml: python tools/make_glyph_widths.py
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
UNITS = 1000
# Latin, Latin-1, Latin Extended-A/B, Greek, general punctuation, currency, arrows, maths, bullets.
RANGES = [
    (0x20, 0x7E),
    (0xA0, 0x24F),
    (0x370, 0x3FF),
    (0x2000, 0x206F),
    (0x20A0, 0x20BF),
    (0x2190, 0x21FF),
    (0x2200, 0x22FF),
    (0x2500, 0x25FF),
    (0x2600, 0x26FF),
]


def font_file(name: str) -> Path:
    """Return a DejaVu font file shipped with matplotlib."""
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name


def widths(path: Path) -> dict[str, int]:
    font = TTFont(str(path))
    cmap, metrics = font.getBestCmap(), font["hmtx"].metrics
    scale = UNITS / font["head"].unitsPerEm
    table = {}
    for low, high in RANGES:
        for code in range(low, high + 1):
            if code in cmap:  # characters the font lacks are measured as the default
                table[chr(code)] = round(metrics[cmap[code]][0] * scale)
    return table


def main() -> None:
    theme = yaml.safe_load((ROOT / "layouts/theme.yaml").read_text(encoding="utf-8"))
    data = {
        "units_per_em": UNITS,
        "default": UNITS,  # characters outside the table (CJK, emoji) count as a full em: never too narrow
        "regular": widths(font_file(theme["measure_font"])),
        "bold": widths(font_file(theme["measure_font_bold"])),
    }
    out = ROOT / "layouts/glyph_widths.json"
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {out}: {len(data['regular'])} regular and {len(data['bold'])} bold glyphs")


if __name__ == "__main__":
    main()
