"""The rules of ProductSection and its properties (DSP0243 9.5, Tables 6 and 7; Value elements,
9.8) and of localized messages (clause 10): OVF6xx."""

from __future__ import annotations

import re
from decimal import Decimal

from ovfmodel.cim import PROPERTY_INT_RANGES, PropertyType, Qualifiers, real_problem

from . import paths, rules
from .source import Element
from .walk import Base, ContentNode, configs, overlap, to_int

_INT_RE = re.compile(r"\s*[+-]?\d+\s*\Z", re.ASCII)
_MACRO = re.compile(r"\$\{[^}]+\}")
_PROPERTY_TYPES = frozenset(str(t) for t in PropertyType)
# possessive and anchored at word starts: a hostile run of word characters is read once
_QUALIFIER = re.compile(r"(?<!\w)(\w++)\s*+(?:\(([^)]*+)\)|\{([^}]*+)\})")
_NUMBERS = frozenset({*PROPERTY_INT_RANGES, "real32", "real64"})
# Table 7 (MinValue/MaxValue: later editions, numbers); booleans take none
_ALLOWED = {
    "MinLen": frozenset({"string"}),
    "MaxLen": frozenset({"string"}),
    "ValueMap": frozenset({"string", *_NUMBERS}),
    "MinValue": _NUMBERS,
    "MaxValue": _NUMBERS,
}


def _split_qualifiers(text: str) -> list[str]:
    """The comma-separated parts of a qualifier list; commas inside (), {} or quotes do not
    separate."""
    parts: list[str] = []
    depth, quote, start = 0, "", 0
    for n, c in enumerate(text):
        if quote:
            if c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c in "({":
            depth += 1
        elif c in ")}":
            depth = max(0, depth - 1)
        elif c == "," and depth == 0:
            parts.append(text[start:n])
            start = n + 1
    parts.append(text[start:])
    return [p.strip() for p in parts]


class Product(Base):
    """OVF601-OVF609."""

    def check_product_pairs(self, node: ContentNode) -> None:
        """OVF606: ProductSections of one entity have distinct (class, instance) pairs."""
        seen: dict[tuple[str, str], Element] = {}
        for section, cls, skind in node.sections:
            if cls is None or skind != "ProductSection":
                continue
            pair = ((self.attr(section, "class") or ""), (self.attr(section, "instance") or ""))
            first = seen.get(pair)
            if first is not None:
                shown = ".".join(p for p in pair if p) or "no class and no instance"
                self.report(
                    rules.DUPLICATE_PRODUCT,
                    f"a second ProductSection with ovf:class/ovf:instance {shown!r} in "
                    f"{node.kind} {node.id!r} (first at line {self.src.line(first)}); give each "
                    "its own class or instance",
                    section,
                    self.section_path(section, skind, node.path),
                )
            else:
                seen[pair] = section

    def check_product(self, section: Element, path: str) -> None:
        keys: dict[str, Element] = {}
        for p in self.children(section, "Property"):
            pkey = self.attr(p, "key")
            ppath = self.mark(p, paths.join(path, paths.keyed("Property", pkey)))
            if pkey is not None:
                first = keys.get(pkey)
                if first is not None:
                    self.report(
                        rules.DUPLICATE_PROPERTY,
                        f"property {pkey!r} is already declared in this ProductSection (line "
                        f"{self.src.line(first)}); keys are unique within a ProductSection",
                        p,
                        ppath,
                    )
                else:
                    keys[pkey] = p
            self.check_configuration_ref(self.attr(p, "configuration"), p, ppath)
            ptype = (self.attr(p, "type") or "").strip()
            if ptype not in _PROPERTY_TYPES:
                self.report(
                    rules.PROPERTY_TYPE,
                    f"property {pkey!r} has ovf:type {ptype!r}, not one of "
                    f"{', '.join(sorted(_PROPERTY_TYPES))}",
                    p,
                    ppath,
                )
                self.check_values(p, pkey, None, Qualifiers(), ppath)
                continue
            qualifier_text = self.attr(p, "qualifiers")
            if qualifier_text and qualifier_text.strip():
                self.check_qualifier_syntax(p, pkey, ptype, qualifier_text, ppath)
            qualifiers = Qualifiers.parse(qualifier_text)
            default = self.attr(p, "value")
            if default:
                self.check_property_value(p, pkey, ptype, qualifiers, default, "ovf:value", ppath)
            self.check_values(p, pkey, ptype, qualifiers, ppath)

    def check_values(
        self, p: Element, pkey: str | None, ptype: str | None, qualifiers: Qualifiers, path: str
    ) -> None:
        """The Value elements of a Property: known configurations (OVF501), one per
        configuration (OVF607), literals of the type (OVF602/OVF603)."""
        seen: list[tuple[frozenset[str] | None, Element]] = []
        for alt in self.children(p, "Value"):
            cfg = self.attr(alt, "configuration")
            self.check_configuration_ref(cfg, alt, path)
            names = configs(cfg)
            for other_names, other in seen:
                if names is not None and other_names is not None and overlap(names, other_names):
                    self.report(
                        rules.DUPLICATE_VALUE,
                        f"property {pkey!r} has a second Value for configuration "
                        f"{sorted(names & other_names)[0]!r} (first at line {self.src.line(other)})",
                        alt,
                        path,
                    )
                    break
            seen.append((names, alt))
            value = self.attr(alt, "value")
            if value and ptype is not None:
                what = f"Value for {cfg or 'all'}"
                self.check_property_value(alt, pkey, ptype, qualifiers, value, what, path)

    def check_qualifier_syntax(
        self, p: Element, key: str | None, ptype: str, text: str, path: str
    ) -> None:
        """OVF608/OVF609: a comma-separated list of qualifiers Table 7 allows for the type."""
        for part in _split_qualifiers(text):
            whole = _QUALIFIER.fullmatch(part)
            if whole is None:
                found = list(_QUALIFIER.finditer(part))
                if len(found) > 1 and not _QUALIFIER.sub("", part).strip(" \t;"):
                    self.report(
                        rules.QUALIFIER_SEPARATOR,
                        f"property {key!r}: ovf:qualifiers {part!r} are not separated by "
                        f"commas; write {','.join(m.group(0) for m in found)!r}",
                        p,
                        path,
                    )
                    names = [m.group(1) for m in found]
                else:
                    self.report(
                        rules.QUALIFIER_SYNTAX,
                        f"property {key!r}: ovf:qualifiers part {part!r} is not a qualifier of "
                        "the form Name(value) or Name{values}",
                        p,
                        path,
                    )
                    continue
            else:
                names = [whole.group(1)]
            for name in names:
                self.check_qualifier_kind(p, key, ptype, name, path)

    def check_qualifier_kind(
        self, p: Element, key: str | None, ptype: str, name: str, path: str
    ) -> None:
        """OVF608/OVF609 for one qualifier name."""
        allowed = _ALLOWED.get(name)
        if allowed is None:
            self.report(
                rules.UNKNOWN_QUALIFIER,
                f"property {key!r}: qualifier {name!r} is not one DSP0243 defines (MinLen, "
                "MaxLen, ValueMap, MinValue, MaxValue); consumers ignore it",
                p,
                path,
            )
        elif ptype not in allowed:
            self.report(
                rules.QUALIFIER_SYNTAX,
                f"property {key!r}: qualifier {name} does not apply to type {ptype} "
                f"(only to {', '.join(sorted(allowed))})",
                p,
                path,
            )

    def check_property_value(
        self,
        el: Element,
        key: str | None,
        ptype: str,
        qualifiers: Qualifiers,
        value: str,
        what: str,
        path: str,
    ) -> None:
        if _MACRO.fullmatch(value.strip()):
            return  # ${name}: another property's value, resolved at deployment (9.5)
        number: Decimal | None = None
        bounds = PROPERTY_INT_RANGES.get(ptype)
        problem: str | None = None
        if bounds is not None:
            ivalue = to_int(value)
            lo, hi = bounds
            if ivalue is None and _INT_RE.match(value):
                problem = f"is outside {ptype} ({lo}..{hi})"  # thousands of digits
            elif ivalue is None:
                problem = f"is not an integer ({ptype})"
            elif not lo <= ivalue <= hi:
                problem = f"is outside {ptype} ({lo}..{hi})"
            else:
                number = Decimal(ivalue)
        elif ptype in ("real32", "real64"):
            # a decimal number, or xs:double's INF, -INF and NaN (Python's float() also reads
            # "inf", "nan", "1_0", which are no XML numbers)
            if value.strip() in ("INF", "-INF", "NaN"):
                number = None
            elif (problem := real_problem(ptype, value)) is None:
                number = Decimal(value.strip())
        elif ptype == "boolean" and value.strip().lower() not in ("true", "false", "1", "0"):
            problem = "is not a boolean (true or false)"
        if problem is not None:
            self.report(
                rules.PROPERTY_TYPE_VALUE, f"property {key!r}: {what} {value!r} {problem}", el, path
            )
            return
        for found in qualifiers.problems(value, number):
            self.report(
                rules.PROPERTY_QUALIFIER,
                f"property {key!r}: {what} {value!r} {found.text}",
                el,
                path,
            )

    # --- OVF605 -----------------------------------------------------------------------------

    def check_msgids(self) -> None:
        """Every ovf:msgid of an envelope element (as the model's MsgType binds them: not in
        vendor content, not inside items) names a Msg of a Strings bundle, unless a bundle is
        external (ovf:fileRef) and could define it."""
        key = self.A + "msgid"
        if b"msgid" not in self.src.data:  # attribute names cannot hide behind references
            return
        msgids: set[str] = set()
        for s in self.strings:
            if self.attr(s, "fileRef"):
                return
            for m in self.children(s, "Msg"):
                mid = m.get(key)
                if mid is not None:
                    msgids.add(mid)
        ovf = (self.T, self.M)
        items = frozenset(p + n for p in ovf for n in ("Item", "StorageItem", "EthernetPortItem"))
        stack = [self.src.root]
        while stack:
            el = stack.pop()
            mid = el.get(key)
            if mid and mid not in msgids:
                self.report(
                    rules.MSGID,
                    f"msgid {mid!r} is not defined in any Strings bundle",
                    el,
                    self.lines.lookup(el.sourceline),
                )
            if el.tag in items:
                continue  # what an item holds binds to its CIM properties or extensions
            for child in el:
                tag = child.tag
                if isinstance(tag, str) and tag.startswith(ovf):  # not into vendor content
                    stack.append(child)
