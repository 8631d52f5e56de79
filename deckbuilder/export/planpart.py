"""Store the time plan in the deck's custom document properties, where LibreOffice keeps it."""

from __future__ import annotations

import json
from typing import Any
from xml.sax.saxutils import escape

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.presentation import Presentation

from deckbuilder.rehearse.deck_reader import PLAN_PROPERTY

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def plan_payload(plan_dict: dict[str, Any]) -> str:
    """Return the compact JSON stored in the deck: duration and each slide's kind, title and budget."""
    slides = [
        {
            "index": s["index"],
            "kind": s["kind"],
            "title": s["title"],
            "budget_s": None if s["kind"] == "appendix" else s["budget_s"],
            "id": s.get("id"),
        }
        for s in plan_dict["slides"]
    ]
    payload = {"version": 1, "title": plan_dict["title"], "duration_s": plan_dict["duration_s"], "slides": slides}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def embed_plan(prs: Presentation, payload: str) -> None:
    """Add (or replace) the custom properties part holding ``payload``."""
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f'<property fmtid="{_FMTID}" pid="2" name="{PLAN_PROPERTY}"><vt:lpwstr>{escape(payload)}</vt:lpwstr>'
        "</property></Properties>"
    ).encode()
    package = prs.part.package
    for rel in list(package._rels.values()):
        if rel.reltype == RT.CUSTOM_PROPERTIES:
            package.drop_rel(rel.rId)
    part = Part(PackURI("/docProps/custom.xml"), CONTENT_TYPE, package, xml)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)
