"""ovf-env.xml documents (DSP0243 clause 11, schema DSP8027): reading, writing, the guest's view.

Read and written losslessly with the same Binder/Writer as descriptors, so vendor content such as
VMware's `ve:EthernetAdapterSection` stays where it was; `properties` gives a guest agent the plain
key/value view.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import atomicfile
from .._generated import ovf_environment_1 as ovfenv
from ..binding import SourceInfo
from ..document import XSI_NS, Family, _declared_encoding, _python_codec
from ..errors import OvfEnvironmentError, OvfParseError
from ..xmlsafe import Source, parse_xml, read_source, xml_declaration

ENV_NS = "http://schemas.dmtf.org/ovf/environment/1"
VMWARE_ENV_NS = "http://www.vmware.com/schema/ovfenv"

# Produced documents look like the ones ESXi writes: default namespace for elements, `oe:` for
# the attributes (which the schema qualifies), xsi declared.
_ROOT_DECL: tuple[tuple[str | None, str], ...] = ((None, ENV_NS), ("oe", ENV_NS), ("xsi", XSI_NS))
FAMILY_ENV = Family(ovfenv, ovfenv.Environment, ENV_NS, _ROOT_DECL)


@dataclass
class EnvironmentDocument:
    """A parsed (or built) OVF environment; `environment` is the generated DSP8027 dataclass."""

    environment: ovfenv.Environment
    source: str | None = None
    declaration: str | None = '<?xml version="1.0" encoding="UTF-8"?>'
    prolog: list[str] = field(default_factory=list)
    epilog: list[str] = field(default_factory=list)
    problems: list[tuple[SourceInfo | None, str]] = field(default_factory=list, repr=False)

    def __eq__(self, other: object) -> bool:
        # equal models are equal documents, wherever the text came from
        return isinstance(other, EnvironmentDocument) and self.environment == other.environment

    __hash__ = None  # type: ignore[assignment]

    @property
    def id(self) -> str:
        """The ovfenv:id: the ovf:id of the VirtualSystem (or collection) this is for."""
        return str(self.environment.id)

    @property
    def platform(self) -> ovfenv.PlatformSection | None:
        return next(
            (s for s in self.environment.sections if isinstance(s, ovfenv.PlatformSection)), None
        )

    def entity(self, entity_id: str) -> ovfenv.EntityType | None:
        """The Entity of a sibling (or child) by its ovfenv:id, or None."""
        return next((e for e in self.environment.entity if e.id == entity_id), None)


def parse_environment(source: Source, *, name: str | None = None) -> EnvironmentDocument:
    """Parse an ovf-env.xml from a path, bytes, XML text or binary file object.

    Hardened like descriptor parsing (no DTD, no entities); raises OvfParseError when the input
    is not XML or its root is not an OVF Environment.
    """
    data, label = read_source(source, name)
    tree = parse_xml(data, label)
    root = tree.getroot()
    tag = root.tag if isinstance(root.tag, str) else ""
    if tag != "{" + ENV_NS + "}Environment":
        raise OvfParseError(
            f"the root element is {tag or root.tag!r}, not an OVF Environment",
            file=label,
            line=root.sourceline if isinstance(root.sourceline, int) else None,
            column=1,
            hint="an OVF environment's root is Environment in namespace " + ENV_NS,
        )
    binder = FAMILY_ENV.binder(ENV_NS)
    env = binder.bind(root, ovfenv.Environment)
    return EnvironmentDocument(
        environment=env,
        source=label,
        declaration=xml_declaration(data),
        prolog=_siblings(root, preceding=True),
        epilog=_siblings(root, preceding=False),
        problems=binder.problems,
    )


def _siblings(root: Any, preceding: bool) -> list[str]:
    from lxml import etree

    nodes = list(root.itersiblings(preceding=preceding))
    if preceding:
        nodes.reverse()
    return [etree.tostring(n, encoding="unicode", with_tail=False) for n in nodes]


def serialize_environment(doc: EnvironmentDocument, *, encoding: str | None = None) -> bytes:
    """The environment as XML bytes: what was read, with whatever was changed since."""
    writer = FAMILY_ENV.writer(ENV_NS)
    body = writer.write_root(
        doc.environment, "{" + ENV_NS + "}Environment", dict(FAMILY_ENV.root_decl)
    )
    enc = encoding or _declared_encoding(doc.declaration) or "UTF-8"
    parts: list[str] = []
    if doc.declaration:
        parts.append(doc.declaration + "\n")
    elif encoding:
        parts.append(f'<?xml version="1.0" encoding="{enc}"?>\n')
    parts.extend(node + "\n" for node in doc.prolog)
    parts.append(body)
    parts.extend("\n" + node for node in doc.epilog)
    parts.append("\n")
    return "".join(parts).encode(_python_codec(enc), "xmlcharrefreplace")


def write_environment(doc: EnvironmentDocument, path: str | Path) -> None:
    """Serialize to `path` atomically (see `ovfmodel.atomicfile`)."""
    atomicfile.write_bytes(path, serialize_environment(doc))


def properties(doc: EnvironmentDocument, entity: str | None = None) -> dict[str, str]:
    """The key/value pairs a guest sees: its PropertySection (or a sibling Entity's).

    What a guest agent needs after reading ovf-env.xml. Later duplicates win, as in a plain
    key/value reading of the list.
    """
    holder: Any = doc.environment
    if entity is not None:
        holder = doc.entity(entity)
        if holder is None:
            known = ", ".join(e.id for e in doc.environment.entity) or "none"
            raise OvfEnvironmentError(
                f"the environment has no Entity {entity!r}",
                file=doc.source,
                hint=f"entities present: {known}",
            )
    found: dict[str, str] = {}
    for sec in holder.sections:
        if isinstance(sec, ovfenv.PropertySectionType):
            for prop in sec.property:
                found[prop.key] = prop.value
    return found
