"""The DSP0243 rules the XML Schema cannot express, checked on the XML infoset (lxml tree).

`run` makes one `Checker` per document: one pass indexes it (`walk`), then the rules of each
clause area read what they need. The rules live by clause area:

- `references`: References and File (7.1, 5.3, 10), DiskSection (9.1);
- `content`: the Content tree (7.2), extensibility (7.3), section places and counts (9,
  Table 5), StartupSection (9.7), OperatingSystemSection (9.9), deployment options (9.8), the
  2.x sections;
- `hardware`: Items (8), Items sharing an InstanceID (9.8), range markers (8.4), the iso
  transport (11.2) and the hypervisors' habits;
- `product`: ProductSection and properties (9.5), messages (10).
"""

from __future__ import annotations

from ovfmodel.gcpause import gc_paused
from ovfmodel.namespaces import OVF09_NS, OVF1_NS, OVF2_NS

from . import rules
from .content import Content
from .hardware import Hardware
from .paths import LineIndex
from .product import Product
from .references import References
from .source import SourceDoc

_XINCLUDE = ("{http://www.w3.org/2001/XInclude}*", "{http://www.w3.org/2003/XInclude}*")


class Checker(References, Content, Hardware, Product):
    """Runs every semantic rule on one document (`run`); diagnostics go to `src.out`."""

    def run(self, *, types: bool) -> LineIndex:
        """Every rule; `types` adds what the XML Schema reports when it runs: a ResourceType
        that is not a number (OVF004), the content count (OVF005) and Info (OVF006)."""
        self.check_version()
        self.index_envelope()
        self.check_references()
        self.check_disks()
        self.index_networks_and_configurations()
        self.check_content(types)
        self.check_file_refs()
        self.check_unused()
        self.check_msgids()
        self.check_xinclude()
        return self.lines

    # --- OVF002 -----------------------------------------------------------------------------

    def check_version(self) -> None:
        root = self.src.root
        declared = root.get(self.A + "version")
        model_ns = self.voc.model_ns
        if declared is None and model_ns != self.ns:
            declared = root.get("{" + model_ns + "}version")
        if not declared:
            return
        expected = {OVF1_NS: "1", OVF2_NS: "2"}.get(self.ns)
        if self.ns == OVF09_NS:
            if not declared.strip().startswith("0.9"):
                self.report(
                    rules.VERSION_MISMATCH,
                    f"ovf:version={declared!r} in VMware's OVF 0.9 namespace; write 0.9 or drop "
                    "the attribute (the namespace is the version)",
                    root,
                    "Envelope",
                )
        elif expected and declared.strip().split(".", 1)[0] != expected:
            self.report(
                rules.VERSION_MISMATCH,
                f"ovf:version={declared!r} but the envelope namespace is {self.ns} "
                f"(OVF {expected}.x), which is what defines the version; fix or drop the "
                "attribute",
                root,
                "Envelope",
            )

    # --- OVF003 (XInclude) ------------------------------------------------------------------

    def check_xinclude(self) -> None:
        """XInclude is never processed: an xi: element is inert vendor content, but a consumer
        might expect it expanded."""
        if not self.src.may_spell(b"XInclude"):  # its namespaces: not in the document at all
            return
        for el in self.src.root.iter(*_XINCLUDE):
            self.report(
                rules.UNEXPECTED_ELEMENT,
                f"XInclude is not supported: {el.tag} is kept inert, nothing is included",
                el,
                self.lines.lookup(el.sourceline),
            )


def run(src: SourceDoc, *, types: bool) -> LineIndex:
    """Every semantic rule on one document; diagnostics go to `src.out`. Returns the element
    paths by line, for naming the place of diagnostics that know only a line."""
    with gc_paused():  # thousands of small dicts and lists, none of them cyclic garbage
        return Checker(src).run(types=types)
