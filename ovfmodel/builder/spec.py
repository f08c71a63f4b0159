"""A declarative appliance spec (JSON or YAML), checked by pydantic and built by the builder.

The spec says what an appliance is (hardware, disks, networks, products, options); the builder
decides how OVF writes it. Mistakes surface as pydantic errors naming the field, or as the
builder's BuilderError naming the wrong reference.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..cim import DiskFormat, OsType, PropertyType
from ..document import OvfDocument
from ._common import VERSIONS
from .envelope import EnvelopeBuilder
from .hardware import ControllerKind, NicSubtype
from .specfile import SpecError, SpecProblem, SpecSyntaxError, load_spec_data

__all__ = [
    "ApplianceSpec",
    "SpecError",
    "SpecProblem",
    "SpecSyntaxError",
    "build_spec",
    "load_spec",
    "spec_json_schema",
]

Scalar = str | int | float | bool


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class OsSpec(_Model):
    type: int | str = Field(description="CIM OSType number or OsType name, e.g. 94 or UBUNTU_64")
    version: str | None = None
    description: str | None = None

    @field_validator("type")
    @classmethod
    def _known(cls, value: int | str) -> int | str:
        if isinstance(value, str) and value.upper() not in OsType.__members__:
            close = difflib.get_close_matches(value.upper(), OsType.__members__, n=5, cutoff=0.6)
            hint = f"; close names: {', '.join(close)}" if close else ""
            raise ValueError(
                f"unknown OS type name {value!r}{hint} (or give the CIM OSType number)"
            )
        return value

    def os_type(self) -> int:
        return self.type if isinstance(self.type, int) else int(OsType[self.type.upper()])


class ControllerSpec(_Model):
    kind: ControllerKind = ControllerKind.SCSI
    subtype: str | None = None


class HardwareSpec(_Model):
    system_type: str = "vmx-19"
    cpus: int = Field(default=1, gt=0)
    cores_per_socket: int | None = Field(default=None, gt=0)
    memory_mb: int = Field(default=1024, gt=0)
    controllers: list[ControllerSpec] = Field(default_factory=lambda: [ControllerSpec()])
    cdrom: bool = False
    floppy: bool = False
    usb: bool = False
    serial_ports: int = Field(default=0, ge=0)
    video: bool = False
    sound: bool = False


class DiskSpec(_Model):
    id: str
    capacity: int = Field(gt=0)
    units: str = "byte * 2^30"
    file: str | None = Field(
        default=None,
        description="href of the disk image: a path relative to the descriptor, inside the package",
    )
    file_size: int | None = Field(default=None, ge=0)
    populated_size: int | None = Field(default=None, ge=0)
    format: str = DiskFormat.VMDK_STREAM_OPTIMIZED.value
    controller: int = Field(default=0, ge=0, description="index into hardware.controllers")
    slot: int | None = None


class NetworkSpec(_Model):
    name: str
    description: str | None = None


class NicSpec(_Model):
    network: str
    subtype: NicSubtype = NicSubtype.VMXNET3
    mac: str | None = None
    configuration: str | None = None


class PropertySpec(_Model):
    key: str
    type: PropertyType = PropertyType.STRING
    default: Scalar | None = None
    label: str | None = None
    description: str | None = None
    user_configurable: bool = False
    password: bool = False
    min_len: int | None = None
    max_len: int | None = None
    value_map: list[str] | None = None
    min_value: int | float | None = None
    max_value: int | float | None = None
    values: dict[str, Scalar] = Field(
        default_factory=dict, description="value per deployment option id"
    )

    def builder_options(self) -> dict[str, Any]:
        """The keyword arguments of `ProductBuilder.property` after key, type and default."""
        return {
            "label": self.label,
            "description": self.description,
            "user_configurable": self.user_configurable,
            "password": self.password,
            "min_len": self.min_len,
            "max_len": self.max_len,
            "value_map": self.value_map,
            "min_value": self.min_value,
            "max_value": self.max_value,
            "per_configuration": dict(self.values) or None,
        }


class ProductSpec(_Model):
    product: str | None = None
    vendor: str | None = None
    version: str | None = None
    full_version: str | None = None
    product_url: str | None = None
    vendor_url: str | None = None
    app_url: str | None = None
    class_: str | None = Field(default=None, alias="class")
    instance: str | None = None
    categories: dict[str, list[PropertySpec]] = Field(
        default_factory=dict, description="properties grouped under a category heading"
    )
    properties: list[PropertySpec] = Field(default_factory=list)


class DeploymentOptionSpec(_Model):
    id: str
    label: str
    description: str
    default: bool = False
    cpus: int | None = Field(default=None, gt=0, description="CPU count in this configuration")
    memory_mb: int | None = Field(default=None, gt=0, description="memory in this configuration")


class ApplianceSpec(_Model):
    """An appliance: one virtual system with its disks, networks, products and options."""

    name: str
    id: str | None = Field(default=None, description="VirtualSystem id (default: the name)")
    ovf_version: Literal["1.0", "1.1", "2.0"] = "2.0"
    version: str | None = Field(default=None, description="the appliance's own version")
    vendor: str | None = None
    os: OsSpec | None = None
    hardware: HardwareSpec = Field(default_factory=HardwareSpec)
    disks: list[DiskSpec] = Field(default_factory=list)
    networks: list[NetworkSpec] = Field(default_factory=list)
    nics: list[NicSpec] = Field(default_factory=list)
    products: list[ProductSpec] = Field(default_factory=list)
    deployment_options: list[DeploymentOptionSpec] = Field(default_factory=list)
    eula: list[str] = Field(default_factory=list)
    annotation: str | None = None

    @field_validator("ovf_version", mode="before")
    @classmethod
    def _version_number(cls, value: Any) -> Any:
        # YAML reads `ovf_version: 2.0` as the number 2.0: take it as the text "2.0"
        if isinstance(value, int | float) and not isinstance(value, bool):
            return f"{float(value):.1f}"
        return value

    @field_validator("eula", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @model_validator(mode="after")
    def _references(self) -> ApplianceSpec:
        names = {n.name for n in self.networks}
        for i, nic in enumerate(self.nics):
            if nic.network not in names:
                raise ValueError(
                    f"nics[{i}].network {nic.network!r} is not one of networks: "
                    + (", ".join(sorted(names)) or "none")
                )
        for i, disk in enumerate(self.disks):
            if disk.controller >= len(self.hardware.controllers):
                raise ValueError(
                    f"disks[{i}].controller {disk.controller} is not an index of "
                    f"hardware.controllers (0..{len(self.hardware.controllers) - 1})"
                )
        return self


def spec_json_schema() -> dict[str, Any]:
    """The JSON Schema of ApplianceSpec, for editors and CI checks."""
    assert set(VERSIONS) == {"1.0", "1.1", "2.0"}
    return ApplianceSpec.model_json_schema(by_alias=True)


def load_spec(source: str | Path) -> ApplianceSpec:
    """Read a spec from a .json/.yaml/.yml file (YAML through safe_load).

    Raises SpecSyntaxError when the file is not YAML/JSON and SpecError when it is not a valid
    spec, each problem located by line and column, unknown keys with the names they may have
    meant; OSError and UnicodeDecodeError when it cannot be read.
    """
    spec: ApplianceSpec = load_spec_data(source, ApplianceSpec)
    return spec


def build_spec(spec: ApplianceSpec) -> OvfDocument:
    """The descriptor of a spec, through EnvelopeBuilder (so the same checks apply)."""
    b = EnvelopeBuilder(spec.ovf_version)
    for disk in spec.disks:
        file_id = None
        if disk.file is not None:
            file_id = f"file-{disk.id}"
            b.add_file(file_id, disk.file, size=disk.file_size)
        b.add_disk(
            disk.id,
            disk.capacity,
            units=disk.units,
            file=file_id,
            populated_size=disk.populated_size,
            format=disk.format,
        )
    for net in spec.networks:
        b.add_network(net.name, description=net.description)
    for opt in spec.deployment_options:
        b.add_deployment_option(opt.id, opt.label, opt.description, default=opt.default)

    vs = b.virtual_system(spec.id or spec.name, name=spec.name)
    for prod in spec.products:
        pb = vs.product(
            prod.product or spec.name,
            vendor=prod.vendor or spec.vendor,
            version=prod.version or spec.version,
            full_version=prod.full_version,
            product_url=prod.product_url,
            vendor_url=prod.vendor_url,
            app_url=prod.app_url,
            class_=prod.class_,
            instance=prod.instance,
        )
        groups: list[tuple[str | None, list[PropertySpec]]] = [(None, prod.properties)]
        groups += list(prod.categories.items())
        for category, props in groups:
            if category is not None:
                pb.category(category)
            for p in props:
                pb.property(p.key, p.type, p.default, **p.builder_options())
    if spec.annotation:
        vs.annotation(spec.annotation)
    for text in spec.eula:
        vs.eula(text)
    if spec.os is not None:
        vs.operating_system(
            spec.os.os_type(), version=spec.os.version, description=spec.os.description
        )

    hwspec = spec.hardware
    hw = vs.hardware(hwspec.system_type)
    _per_config(
        spec,
        "cpus",
        hwspec.cpus,
        lambda n, cfg: hw.cpus(
            n,
            cores_per_socket=hwspec.cores_per_socket
            if hwspec.cores_per_socket and n % hwspec.cores_per_socket == 0
            else None,
            configuration=cfg,
        ),
    )
    _per_config(spec, "memory_mb", hwspec.memory_mb, lambda n, cfg: hw.memory(n, configuration=cfg))
    controllers = [hw.controller(c.kind, subtype=c.subtype) for c in hwspec.controllers]
    for disk in spec.disks:
        hw.disk(disk.id, controllers[disk.controller], slot=disk.slot)
    if hwspec.cdrom:
        ide = next((c for c in controllers if c.kind is ControllerKind.IDE), None)
        hw.cdrom(ide or hw.ide_controller())
    if hwspec.floppy:
        hw.floppy()
    for nic in spec.nics:
        hw.nic(nic.network, subtype=nic.subtype, mac=nic.mac, configuration=nic.configuration)
    if hwspec.usb:
        hw.usb_controller()
    for _ in range(hwspec.serial_ports):
        hw.serial_port()
    if hwspec.video:
        hw.video()
    if hwspec.sound:
        hw.sound()
    return b.build()


def _per_config(spec: ApplianceSpec, attr: str, base: int, add: Any) -> None:
    """One item for all configurations, or one per configuration when an option overrides it."""
    overrides = {o.id: getattr(o, attr) for o in spec.deployment_options}
    if not any(v is not None for v in overrides.values()):
        add(base, None)
        return
    for config, value in overrides.items():
        add(value if value is not None else base, config)
