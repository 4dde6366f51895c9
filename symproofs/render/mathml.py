"""MathML for untrusted LaTeX: latex2mathml's output parsed and rebuilt
from a whitelist of MathML elements and attributes (latex2mathml copies
``\\text{...}`` and some attributes through unescaped), every text node
escaped. Used by the grading pages and the notebook displays.
"""

from __future__ import annotations

import html
import re
from xml.etree import ElementTree

__all__ = ["mathml"]

# -- MathML ---------------------------------------------------------------------------------
_MATHML_TAGS = frozenset(
    "math mrow mi mn mo ms mtext mspace msub msup msubsup mfrac msqrt mroot mover munder "
    "munderover mtable mtr mtd mstyle mpadded mphantom menclose merror semantics annotation".split())
_MATHML_ATTRS = frozenset(
    "display mathvariant stretchy fence form separator accent accentunder lspace rspace "
    "columnalign rowspacing columnspacing linethickness minsize maxsize largeop movablelimits "
    "symmetric width height depth notation scriptlevel displaystyle".split())
_ATTR_VALUE = re.compile(r"[\w .%+\-#]{0,40}")
_NS = "{http://www.w3.org/1998/Math/MathML}"
_MAX_MATH = 3000


def mathml(latex: str) -> str | None:
    """Display MathML for a side, rebuilt from a whitelist (``None`` when it
    cannot be typeset; show the escaped source instead)."""
    if not latex.strip() or len(latex) > _MAX_MATH:
        return None
    try:
        from latex2mathml.converter import convert

        raw = convert(latex)
        root = ElementTree.fromstring(raw)
    except Exception:  # latex2mathml fails on much student LaTeX (and on deep nesting)
        return None
    return _rebuild(root, 0)


def _literal(node: ElementTree.Element) -> str:
    """The source of an element that is not MathML, as plain text."""
    tag = node.tag.rpartition("}")[2]
    attrs = "".join(f' {k.rpartition("}")[2]}="{v}"' for k, v in node.attrib.items())
    inner = (node.text or "") + "".join(_literal(c) + (c.tail or "") for c in node)
    return f"<{tag}{attrs}>{inner}</{tag}>"


_TOKENS = frozenset({"mi", "mn", "mo", "ms", "mtext"})


def _rebuild(node: ElementTree.Element, depth: int, in_token: bool = False) -> str:
    tag = node.tag.removeprefix(_NS)
    if tag not in _MATHML_TAGS or depth > 200:
        text = html.escape(_literal(node))
        return text if in_token else f"<mtext>{text}</mtext>"
    attrs = "".join(
        f' {k}="{html.escape(v)}"' for k, v in sorted(node.attrib.items())
        if k in _MATHML_ATTRS and _ATTR_VALUE.fullmatch(v))
    if tag == "math":
        attrs = ' xmlns="http://www.w3.org/1998/Math/MathML"' + attrs
    token = in_token or tag in _TOKENS
    inner = html.escape(node.text or "") + "".join(
        _rebuild(child, depth + 1, token) + html.escape(child.tail or "") for child in node)
    return f"<{tag}{attrs}>{inner}</{tag}>"
