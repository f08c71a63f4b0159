"""A small OVF 1 descriptor every target imports as described, and pieces to change in it.

`descriptor(**changes)` returns the base appliance with parts replaced; each target rule's test
changes one thing and checks that the rule (and only where expected) reports it.
"""

from __future__ import annotations

OVF1 = "http://schemas.dmtf.org/ovf/envelope/1"
OVF2 = "http://schemas.dmtf.org/ovf/envelope/2"
STREAM = "http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"


def item(rt: int, iid: str, *, attrs: str = "", vendor: str = "", **fields: str) -> str:
    """An Item with ResourceType `rt`, InstanceID `iid` and the given rasd fields (in order)."""
    props = {"ElementName": f"item {iid}", "InstanceID": iid, "ResourceType": str(rt), **fields}
    body = "".join(f"<rasd:{k}>{v}</rasd:{k}>" for k, v in sorted(props.items()))
    return f"<Item{attrs}>{body}{vendor}</Item>"


CPU = item(3, "1", AllocationUnits="hertz * 10^6", VirtualQuantity="2")
MEMORY = item(4, "2", AllocationUnits="byte * 2^20", VirtualQuantity="1024")
SCSI = item(6, "3", ResourceSubType="lsilogic", Address="0")
DISK = item(17, "4", Parent="3", AddressOnParent="0", HostResource="ovf:/disk/vmdisk1")
NIC = item(10, "5", ResourceSubType="E1000", Connection="NAT", AutomaticAllocation="true")
ITEMS = [CPU, MEMORY, SCSI, DISK, NIC]
FILES = '<File ovf:id="file1" ovf:href="disk1.vmdk" ovf:size="1000"/>'
DISKS = (
    '<Disk ovf:diskId="vmdisk1" ovf:fileRef="file1" ovf:capacity="1" '
    f'ovf:capacityAllocationUnits="byte * 2^30" ovf:format="{STREAM}"/>'
)


def descriptor(
    *,
    items: list[str] | None = None,
    files: str = FILES,
    disks: str = DISKS,
    system_type: str = "vmx-07",
    ns: str = OVF1,
    version: str = "1.0",
    name: str | None = "vm",
    vs_extra: str = "",
    hw_extra: str = "",
    env_extra: str = "",
    collection: int = 0,
    os_id: str = "101",
) -> bytes:
    hw = "".join(ITEMS if items is None else items)
    name_el = f"<Name>{name}</Name>" if name else ""
    vs = (
        f'<VirtualSystem ovf:id="vm">{"<Info>vm</Info>"}{name_el}'
        f'<OperatingSystemSection ovf:id="{os_id}"><Info>os</Info></OperatingSystemSection>'
        "<VirtualHardwareSection><Info>hw</Info>"
        "<System><vssd:ElementName>hw</vssd:ElementName><vssd:InstanceID>0</vssd:InstanceID>"
        f"<vssd:VirtualSystemType>{system_type}</vssd:VirtualSystemType></System>"
        f"{hw}{hw_extra}</VirtualHardwareSection>{vs_extra}</VirtualSystem>"
    )
    for level in range(collection):
        vs = f'<VirtualSystemCollection ovf:id="c{level}"><Info>c</Info>{vs}</VirtualSystemCollection>'
    return (
        f'<?xml version="1.0"?>\n<Envelope xmlns="{ns}" xmlns:ovf="{ns}" ovf:version="{version}" '
        'xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/'
        'CIM_ResourceAllocationSettingData" '
        'xmlns:vssd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/'
        'CIM_VirtualSystemSettingData" xmlns:vmw="http://www.vmware.com/schema/ovf" '
        'xmlns:xenovf="http://schemas.citrix.com/ovf/envelope/1" '
        'xmlns:vbox="http://www.virtualbox.org/ovf/machine">\n'
        f"<References>{files}</References>\n"
        f"<DiskSection><Info>disks</Info>{disks}</DiskSection>\n"
        '<NetworkSection><Info>nets</Info><Network ovf:name="NAT"><Description>n</Description>'
        "</Network></NetworkSection>\n"
        f"{env_extra}{vs}\n</Envelope>\n"
    ).encode()


def replace(old: str, new: str) -> list[str]:
    """The base items with `old` replaced by `new`."""
    return [new if i == old else i for i in ITEMS]
