"""What every OVF rule definition uses: severities, OVF version labels, the clauses rules cite.

Shared by the `rules_*` modules, which register the rules in the catalog through `_rule`.
"""

from __future__ import annotations

from ovfmodel.diagnostics import CATALOG, Rule, Severity

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

ALL = "0.9, 1.x, 2.x"
V09 = "0.9 only"
V1_2 = "1.x, 2.x"
V2 = "2.x only"

_S_DESCRIPTOR = "DSP0243 6 (OVF descriptor)"
_S_ENVELOPE = "DSP0243 7 (Envelope element)"
_S_FILES = "DSP0243 7.1 (File references)"
_S_CONTENT = "DSP0243 7.2 (Content element)"
_S_EXT = "DSP0243 7.3 (Extensibility)"
_S_HW = "DSP0243 8.1 (VirtualHardwareSection)"
_S_HWEL = "DSP0243 8.3 (Virtual hardware elements)"
_S_HOST = "DSP0243 8.3, Table 3 (HostResource)"
_S_RANGES = "DSP0243 8.4 (Ranges on elements)"
_S_TABLE5 = "DSP0243 9, Table 5 (Core metadata sections)"
_S_DISK = "DSP0243 9.1 (DiskSection)"
_S_NET = "DSP0243 9.2 (NetworkSection), 8.3 Table 4"
_S_PRODUCT = "DSP0243 9.5 (ProductSection)"
_S_STARTUP = "DSP0243 9.7 (StartupSection)"
_S_DEPLOY = "DSP0243 9.8 (DeploymentOptionSection)"
_S_MERGE = "DSP0243 9.8 (Items sharing an InstanceID), 8.4"
_S_OS = "DSP0243 9.9 (OperatingSystemSection)"
_S_I18N = "DSP0243 10 (Internationalization)"
_S_ENV = "DSP0243 11.1 (Environment document)"
_S_TRANSPORT = "DSP0243 11.2 (Transport)"
_S_XSD = "DSP8023 (OVF envelope XML Schema: 1.1.0 for 1.x, 2.0.1 for 2.x)"
_S_XSD2 = "DSP8023 2.0.1 schema annotations (informative)"
_S_UNITS = "DSP0243 9.1, DSP0004 Annex C (programmatic units)"
_S_HYPERVISOR = "hypervisor limits (not DSP0243)"


def _rule(
    code: str, title: str, severity: Severity, spec: str, description: str, versions: str = ALL
) -> Rule:
    return CATALOG.register(code, title, severity, spec, description, versions)
