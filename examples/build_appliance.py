"""Build a two-disk, two-NIC appliance with product properties and two deployment options.

Run: python examples/build_appliance.py [appliance.ovf]
"""

from __future__ import annotations

import sys

import ovfmodel
from ovfmodel.builder import EnvelopeBuilder, ScsiSubtype
from ovfmodel.cim import OsType


def build() -> ovfmodel.OvfDocument:
    """The same appliance as examples/appliance.yaml, written in Python."""
    b = EnvelopeBuilder("2.0")
    b.add_file("file-system", "web-system.vmdk", size=734003200)
    b.add_file("file-data", "web-data.vmdk", size=65536)
    b.add_disk("system", 16, file="file-system")
    b.add_disk("data", 100, file="file-data")
    b.add_network("frontend", description="Public network")
    b.add_network("backend", description="Database network")
    b.add_deployment_option("small", "Small", "2 vCPU, 4 GB", default=True)
    b.add_deployment_option("large", "Large", "8 vCPU, 16 GB")

    vs = b.virtual_system("web", name="web-appliance")
    product = vs.product(
        "Example Web Appliance",
        vendor="Example Corp",
        version="1.4.2",
        full_version="1.4.2-build.77",
        product_url="https://example.com/web",
        vendor_url="https://example.com",
    )
    product.category("Network")
    product.property(
        "hostname",
        "string",
        "web01",
        label="Host name",
        user_configurable=True,
        min_len=1,
        max_len=63,
    )
    product.property(
        "http_port",
        "uint16",
        80,
        user_configurable=True,
        min_value=1,
        max_value=65535,
        per_configuration={"large": 8080},
    )
    product.category("Security")
    product.property(
        "admin_password",
        "string",
        label="Administrator password",
        user_configurable=True,
        password=True,
    )
    product.property("tls_mode", "string", "strict", value_map=["strict", "compatible"])
    product.property("workers", "uint8", 4, per_configuration={"small": 2, "large": 16})
    vs.annotation("Web front end with a data disk")
    vs.eula("Licensed under the Example Corp EULA.")
    vs.operating_system(OsType.UBUNTU_64)

    hw = vs.hardware("vmx-19")
    hw.cpus(2, cores_per_socket=2, configuration="small")
    hw.cpus(8, cores_per_socket=2, configuration="large")
    hw.memory(4096, configuration="small")
    hw.memory(16384, configuration="large")
    scsi = hw.scsi_controller(ScsiSubtype.PARAVIRTUAL)
    ide = hw.ide_controller()
    hw.disk("system", scsi)
    hw.disk("data", scsi)
    hw.cdrom(ide)
    hw.nic("frontend")
    hw.nic("backend", subtype="E1000e")
    hw.video()
    return b.build()


if __name__ == "__main__":
    doc = build()
    if len(sys.argv) > 1:
        ovfmodel.write(doc, sys.argv[1])
    else:
        sys.stdout.write(ovfmodel.serialize(doc).decode())
