"""The rules of content and sections: the Content tree (DSP0243 7.2), extensibility (7.3),
where each core section may stand and how often (clause 9, Table 5), StartupSection (9.7),
OperatingSystemSection (9.9), DeploymentOptionSection (9.8) and the 2.x sections whose rules
come from the DSP8023 2.0.1 schema annotations (ScaleOutSection, PlacementSection)."""

from __future__ import annotations

from ovfmodel import cim
from ovfmodel.namespaces import OVF09_NS, OVF1_NS, OVF2_NS

from . import paths, rules
from .source import Element
from .walk import BOOLS, Base, ContentNode, Section, is_required, to_int

_ENVELOPE, _VS, _VSC = "Envelope", "VirtualSystem", "VirtualSystemCollection"
_ENTITY = frozenset({_VS, _VSC})
# Table 5: where each core section may stand, and whether it may repeat there
PLACES: dict[str, tuple[frozenset[str], bool]] = {
    "DiskSection": (frozenset({_ENVELOPE}), False),
    "NetworkSection": (frozenset({_ENVELOPE}), False),
    "DeploymentOptionSection": (frozenset({_ENVELOPE}), False),
    "VirtualHardwareSection": (frozenset({_VS}), True),
    "OperatingSystemSection": (frozenset({_VS}), False),
    "InstallSection": (frozenset({_VS}), False),
    "ResourceAllocationSection": (frozenset({_VSC}), False),
    "StartupSection": (frozenset({_VSC}), False),
    "AnnotationSection": (_ENTITY, False),
    "ProductSection": (_ENTITY, True),
    "EulaSection": (_ENTITY, True),
}
_START_ACTIONS = frozenset({"powerOn", "none"})
_STOP_ACTIONS = frozenset({"powerOff", "guestShutdown", "none"})
_OVF_NAMESPACES = frozenset({OVF1_NS, OVF2_NS, OVF09_NS})


def _is_extension(el: Element) -> bool:
    """A vendor element: in a namespace, and not one DSP0243 defines (7.3)."""
    tag = el.tag
    return (
        isinstance(tag, str)
        and tag[:1] == "{"
        and tag[1:].partition("}")[0] not in (_OVF_NAMESPACES)
    )


class Content(Base):
    """OVF005/OVF006 (structure without a schema), OVF3xx and OVF5xx."""

    # --- networks and deployment options ----------------------------------------------------

    def index_networks_and_configurations(self) -> None:
        for section, _, skind in self.env_sections:
            if skind == "NetworkSection":
                for n in self.children(section, "Network"):
                    name = self.attr(n, "name")
                    self.mark(n, paths.join("NetworkSection", paths.keyed("Network", name)))
                    if name is not None:
                        self.networks.add(name)
            elif skind == "DeploymentOptionSection":
                self.check_deployment_options(section)

    def check_deployment_options(self, section: Element) -> None:
        defaults: list[Element] = []
        for c in self.children(section, "Configuration"):
            cid = self.attr(c, "id")
            path = self.mark(
                c, paths.join("DeploymentOptionSection", paths.keyed("Configuration", cid))
            )
            if cid is not None:
                if cid in self.configurations:
                    self.report(
                        rules.DUPLICATE_CONFIGURATION,
                        f"Configuration id {cid!r} is already used; give each configuration "
                        "its own id",
                        c,
                        path,
                    )
                self.configurations.add(cid)
            if BOOLS.get((self.attr(c, "default") or "").strip()):
                defaults.append(c)
                if len(defaults) > 1:
                    first = defaults[0]
                    self.report(
                        rules.TWO_DEFAULTS,
                        f'Configuration {cid!r} is a second ovf:default="true" (first: '
                        f"{self.attr(first, 'id')!r}, line {self.src.line(first)}); keep one default",
                        c,
                        path,
                    )

    # --- OVF3xx: content and sections -------------------------------------------------------

    def check_unknown(self, el: Element, path: str, types: bool) -> None:
        """OVF304/OVF305 for an extension section; an unknown element in a namespace of
        DSP0243 is no extension (7.3): OVF003 without the schema, which reports it itself."""
        self.mark(el, path)
        if not _is_extension(el):
            if types and isinstance(el.tag, str):
                self.report(
                    rules.UNEXPECTED_ELEMENT,
                    f"unexpected element {el.tag}: DSP0243 defines no such section, and custom "
                    "extensions do not use its namespaces; it is kept verbatim",
                    el,
                    path,
                )
            return
        qname = el.tag
        what = "section"
        if is_required(el):
            self.report(
                rules.REQUIRED_UNKNOWN,
                f'{what} {qname} is required (ovf:required is "true" or absent): consumers that '
                "do not understand it fail (VMware ovftool and vSphere refuse the package); set "
                'ovf:required="false" if it is optional',
                el,
                path,
            )
        else:
            self.report(
                rules.OPTIONAL_UNKNOWN,
                f"{what} {paths.local_name(qname)} ({qname}) is optional and ignored by "
                "consumers that do not understand it",
                el,
                path,
            )

    def check_content(self, types: bool) -> None:
        """Every section of the Envelope and of each content node; `types` adds the checks the
        XML Schema makes when it runs (OVF005, OVF006)."""
        self.check_places(self.env_sections, _ENVELOPE, "")
        for section, cls, skind in self.env_sections:
            if cls is None:
                self.check_unknown(section, self.section_path(section, ""), types)
            elif skind not in ("DiskSection", "NetworkSection", "DeploymentOptionSection"):
                self.check_section(
                    section, cls, skind, self.mark(section, self.section_path(section, skind))
                )
            if types and cls is not None:
                self.check_info(section, self.section_path(section, skind))
        if types:
            self.check_content_count()
        groups = self.placement_groups()
        for node in self.contents:
            self.check_node(node, types, groups)

    def check_node(self, node: ContentNode, types: bool, groups: set[str]) -> None:
        collection = node.kind == _VSC
        self.check_siblings(node)
        if types:
            self.check_info(node.el, node.path)
        self.check_places(node.sections, node.kind, node.path)
        self.check_product_pairs(node)
        has_hw = False
        hardware_ids: dict[str, Element] = {}
        for section, cls, skind in node.sections:
            spath = self.mark(section, self.section_path(section, skind, node.path))
            if cls is None:
                self.check_unknown(section, spath, types)
                continue
            if types:
                self.check_info(section, spath)
            if skind == "VirtualHardwareSection":
                has_hw = True
                self.check_hardware_id(section, spath, hardware_ids)
                self.check_hardware(section, cls, spath, types)
            elif skind == "StartupSection" and collection:
                self.check_startup(node, section, spath)
            elif skind == "ScaleOutSection":
                self.check_scale_out(node, section, spath)
            elif skind == "PlacementSection":
                self.check_placement(section, spath, groups)
            else:
                self.check_section(section, cls, skind, spath)
        if node.kind == _VS and not has_hw:
            self.report(
                rules.NO_HARDWARE,
                f"VirtualSystem {node.id!r} has no VirtualHardwareSection; add one describing "
                "its CPUs, memory, controllers, disks and NICs",
                node.el,
                node.path,
            )

    def check_siblings(self, node: ContentNode) -> None:
        """OVF301: the direct children of a collection have unique ids (7.2)."""
        seen: dict[str, Element] = {}
        for child in node.children:
            cid = child.id
            if not cid:
                continue
            first = seen.get(cid)
            if first is not None:
                self.report(
                    rules.DUPLICATE_CONTENT_ID,
                    f"id {cid!r} is already used by another child of this collection (line "
                    f"{self.src.line(first)}); siblings need unique ids",
                    child.el,
                    child.path,
                )
            else:
                seen[cid] = child.el

    def check_places(self, sections: list[Section], where: str, path: str) -> None:
        """OVF307/OVF308: Table 5's locations and multiplicities (0.9 and 1.x)."""
        if self.ns == OVF2_NS:
            return
        seen: dict[str, Element] = {}
        for section, cls, skind in sections:
            rule = PLACES.get(skind) if cls is not None else None
            if rule is None:
                continue
            places, repeats = rule
            if where not in places:
                allowed = " or ".join(sorted(places))
                self.report(
                    rules.SECTION_PLACE,
                    f"{skind} is not allowed in the {where}; it belongs in the {allowed}",
                    section,
                    self.mark(section, self.section_path(section, skind, path)),
                )
            elif not repeats:
                first = seen.get(skind)
                if first is not None:
                    self.report(
                        rules.SECTION_COUNT,
                        f"a second {skind} in the {where} (first at line {self.src.line(first)}); "
                        "at most one is allowed",
                        section,
                        self.mark(section, self.section_path(section, skind, path)),
                    )
                else:
                    seen[skind] = section

    def check_info(self, el: Element, path: str) -> None:
        """OVF006: a Content or Section without Info (the schema's check, when it does not run)."""
        for _ in self.children(el, "Info"):
            return
        self.report(
            rules.NO_INFO,
            f"{paths.local_name(el.tag)} has no Info element; add a human-readable description",
            el,
            path,
        )

    def check_content_count(self) -> None:
        """OVF005: exactly one VirtualSystem or VirtualSystemCollection in the Envelope."""
        if not self.top:
            self.report(
                rules.CONTENT_COUNT,
                "the Envelope has no VirtualSystem or VirtualSystemCollection; a descriptor "
                "describes its content in one of them",
                self.src.root,
                "Envelope",
            )
        for extra in self.top[1:]:
            self.report(
                rules.CONTENT_COUNT,
                f"a second content element {paths.local_name(extra.tag)} in the Envelope; "
                "wrap several virtual systems in one VirtualSystemCollection",
                extra,
                "Envelope",
            )

    def check_startup(self, node: ContentNode, section: Element, path: str) -> None:
        members = {child.id for child in node.children}
        for it in self.children(section, "Item"):
            sid = self.attr(it, "id")
            if sid not in members:
                self.report(
                    rules.STARTUP_ID,
                    f"StartupSection entry ovf:id={sid!r} names no VirtualSystem or "
                    "VirtualSystemCollection of this collection",
                    it,
                    path,
                )
            for local, allowed in (("startAction", _START_ACTIONS), ("stopAction", _STOP_ACTIONS)):
                action = self.attr(it, local)
                if action is not None and action.strip() not in allowed:
                    self.report(
                        rules.STARTUP_ACTION,
                        f"StartupSection entry {sid!r} has ovf:{local}={action!r}; use "
                        f"{', '.join(sorted(allowed))}",
                        it,
                        path,
                    )

    def check_section(self, section: Element, cls: str, skind: str, path: str) -> None:
        if skind == "ProductSection":
            self.check_product(section, path)
        elif skind == "OperatingSystemSection":
            os_id = to_int(self.attr(section, "id"))
            if os_id is not None and os_id not in cim.OsType._value2member_map_:
                self.report(
                    rules.OS_TYPE,
                    f"OS type {os_id} is not in CIM_OperatingSystem.OSType; use the closest "
                    "listed value (1 = Other)",
                    section,
                    path,
                )
        elif skind == "ResourceAllocationSection":
            self.check_resource_allocation(section, cls, path)

    # --- hardware section ids (1.1/2.x schema annotations) ----------------------------------

    def check_hardware_id(self, section: Element, path: str, seen: dict[str, Element]) -> None:
        hid = (self.attr(section, "id") or "").strip()
        if not hid:
            return
        first = seen.get(hid)
        if first is not None:
            self.report(
                rules.HARDWARE_ID,
                f"VirtualHardwareSection id {hid!r} is already used in this VirtualSystem "
                f"(line {self.src.line(first)})",
                section,
                path,
            )
        else:
            seen[hid] = section

    # --- 2.x: ScaleOutSection, PlacementSection ---------------------------------------------

    def check_scale_out(self, node: ContentNode, section: Element, path: str) -> None:
        sid = self.attr(section, "id")
        members = {child.id for child in node.children}
        if sid is not None and sid not in members:
            self.report(
                rules.SCALE_OUT_ID,
                f"ScaleOutSection ovf:id {sid!r} names no VirtualSystem or "
                "VirtualSystemCollection directly inside this collection",
                section,
                path,
            )
        for count in self.children(section, "InstanceCount"):
            self.check_configuration_ref(self.attr(count, "configuration"), count, path)
            low = to_int(self.attr(count, "minimum"))
            default = to_int(self.attr(count, "default"))
            high = to_int(self.attr(count, "maximum"))
            low = 1 if low is None and self.attr(count, "minimum") is None else low
            numbers = [n for n in (low, default, high) if n is not None]
            if numbers != sorted(numbers):
                self.report(
                    rules.SCALE_OUT_COUNT,
                    f"InstanceCount minimum={low}, default={default}, maximum={high} are not "
                    "in order; minimum <= default <= maximum",
                    count,
                    path,
                )

    def placement_groups(self) -> set[str]:
        """The ovf:id of every PlacementGroupSection (2.x), where PlacementSections look."""
        groups: set[str] = set()
        every = [*self.env_sections, *(s for n in self.contents for s in n.sections)]
        for section, _, skind in every:
            if skind == "PlacementGroupSection":
                gid = self.attr(section, "id")
                if gid is not None:
                    groups.add(gid)
        return groups

    def check_placement(self, section: Element, path: str, groups: set[str]) -> None:
        group = self.attr(section, "group")
        if group is not None and group not in groups:
            known = ", ".join(sorted(groups)) or "none"
            self.report(
                rules.PLACEMENT_GROUP,
                f"PlacementSection ovf:group {group!r} names no PlacementGroupSection "
                f"(known: {known})",
                section,
                path,
            )
