"""Store the time plan in the deck's custom document properties, where LibreOffice keeps it."""

from __future__ import annotations

from xml.sax.saxutils import escape

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.presentation import Presentation

from deckbuilder.core.timing.deck_format import PLAN_PROPERTY

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


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
