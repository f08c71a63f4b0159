"""OVF003 and OVF004 without the XML Schema: what the typed binder would flag, found by a walk
over the lxml tree that follows the binder's per-class plans and creates no object.

With the DMTF schema available, the XML Schema check (OVF901) reports misplaced elements and
values of the wrong type (more precisely, and once), so this walk runs only when it does not:
`--no-xsd`, OVF 0.9 (no schema), schemas not installed, or OVF9 deselected. It needs the
plans' converters and attributes, which the validator's tables (`vocabulary`) do not hold: the
binder and the generated classes are imported then.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import rules
from .paths import LineIndex, local_name
from .source import Element, SourceDoc

if TYPE_CHECKING:
    from ovfmodel.binding import Binder, ClassPlan

_KEPT = "; it is kept verbatim but no model field holds it"


def _bad_value(src: SourceDoc, lines: LineIndex, el: Element, name: str, text: str) -> None:
    src.report(
        rules.BAD_VALUE,
        f"{name} {text!r} does not fit its schema type; write a literal value of that type",
        el,
        lines.lookup(el.sourceline),
    )


def check_structure(src: SourceDoc, lines: LineIndex, *, unexpected: bool, values: bool) -> None:
    """Report elements no model field can hold (OVF003, if `unexpected`) and values that do not
    convert to their field's type (OVF004, if `values`). Vendor content is not entered."""
    from ovfmodel.document import family_for

    family = family_for(src.ns)
    assert family is not None  # SourceDoc.load accepts envelope namespaces only
    binder = family.binder(src.ns)  # shares the process-wide plans
    plans = binder.plans
    stack: list[tuple[Element, ClassPlan]] = [(src.root, binder.plan(family.root))]
    while stack:
        el, plan = stack.pop()
        if values:
            _check_values(src, lines, binder, el, plan)
        if not len(el):
            continue
        elems = plan.elems
        filled: set[str] = set()  # single-valued fields already holding a value
        for child in el:
            ctag = child.tag
            if not isinstance(ctag, str):
                continue  # comments and processing instructions are kept where they are
            entry = elems.get(ctag)
            if entry is not None:
                clazz = entry[1]
                cplan = plans.get(clazz) if clazz is not None else None
                if cplan is not None and cplan.leaf and not len(child):
                    # a simple-content element, most of a descriptor: checked in place
                    # (xsi:type cannot change what a leaf holds)
                    fp = entry[0]
                    if not fp.is_list:
                        if fp.name in filled and unexpected:
                            _unexpected(src, lines, child, f"unexpected second element {ctag}")
                        filled.add(fp.name)
                    if values:
                        _check_values(src, lines, binder, child, cplan)
                    continue
            entry = binder.entry(plan, child)  # aliases and xsi:type
            if entry is not None:
                fp, clazz, conv = entry
                second = not fp.is_list and fp.name in filled
                if second and unexpected:
                    _unexpected(src, lines, child, f"unexpected second element {ctag}")
                if clazz is not None:
                    if not fp.is_list:
                        filled.add(fp.name)
                    stack.append((child, binder.plan(clazz)))  # kept verbatim, but still read
                    continue
                text = child.text or ""
                converted: object = text
                if conv is not None:
                    try:
                        converted = conv(text)
                    except ValueError:  # Unconvertible, or a number of thousands of digits
                        if values:
                            _bad_value(src, lines, child, local_name(ctag), text)
                if not second and not fp.is_list and converted not in (None, fp.default):
                    filled.add(fp.name)
                continue
            ns = ctag[1:].partition("}")[0] if ctag[:1] == "{" else ""
            wildcard = plan.wildcard
            if wildcard is not None and plan.wildcard_accepts(ns):
                continue  # vendor content: kept as it is, nothing to convert
            if unexpected:
                _unexpected(src, lines, child, f"unexpected element {ctag}")


def _check_values(
    src: SourceDoc, lines: LineIndex, binder: Binder, el: Element, plan: ClassPlan
) -> None:
    """Attributes and text of one element that do not convert to their field's type."""
    if el.values():  # most elements have no attribute: no dict of them is built
        pattrs = plan.attrs
        for key, value in el.items():
            fp = pattrs.get(key)
            if fp is None and binder.ns_aliases and key[:1] == "{":
                fp = pattrs.get(binder.model_tag(key))
            if fp is None or fp.tokens or fp.conv is None:
                continue  # vendor attributes; token lists keep what does not convert
            try:
                fp.conv(value)
            except ValueError:  # Unconvertible, or a number of thousands of digits
                _bad_value(src, lines, el, local_name(key), value)
    tfp = plan.text
    text = el.text
    # the binder converts simple content, and mixed content of non-leaf classes
    if (
        tfp is not None
        and tfp.conv is not None
        and text is not None
        and (not len(el) or (not plan.leaf and text.strip()))
    ):
        try:
            tfp.conv(text)
        except ValueError:  # Unconvertible, or a number of thousands of digits
            # a ResourceType that is not a number is the hardware rules' to report
            if not str(el.tag).endswith("}ResourceType"):
                _bad_value(src, lines, el, local_name(str(el.tag)), text)


def _unexpected(src: SourceDoc, lines: LineIndex, el: Element, message: str) -> None:
    src.report(rules.UNEXPECTED_ELEMENT, message + _KEPT, el, lines.lookup(el.sourceline))
