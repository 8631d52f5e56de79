"""Regenerate layouts/deck.pptx: python-pptx's default master, widened to 16:9, set in Arial.

Run: .venv/bin/python tools/make_template.py
The result is committed; `deck build` opens it instead of the 4:3 default.
"""

from __future__ import annotations

import re
from pathlib import Path

from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu

OUT = Path(__file__).resolve().parent.parent / "layouts" / "deck.pptx"
WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 x 7.5 inches


def main() -> None:
    prs = Presentation()
    scale = WIDTH / prs.slide_width
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    master = prs.slide_master
    for holder in [*master.placeholders, *(p for layout in master.slide_layouts for p in layout.placeholders)]:
        # Only placeholders with a position of their own; the rest inherit the master's.
        if holder._element.spPr.xfrm is not None:
            holder.left = Emu(int(holder.left * scale))
            holder.width = Emu(int(holder.width * scale))
    theme = master.part.part_related_by(RT.THEME)
    xml = theme.blob.decode("utf-8")
    # Both theme fonts become Arial so text added in PowerPoint later matches the deck.
    xml = re.sub(r'(<a:(?:major|minor)Font>\s*<a:latin typeface=")[^"]*(")', r"\1Arial\2", xml)
    theme._blob = xml.encode("utf-8")
    prs.core_properties.title = "deck template"
    prs.core_properties.author = "deck"
    prs.save(OUT)
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
