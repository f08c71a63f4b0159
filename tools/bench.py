"""Benchmarks: prints figures, asserts nothing. Timings never belong in pass/fail tests.

    python tools/bench.py [--items 10000] [--repeat 3]

Round trip: ovfmodel.parse + serialize of a generated OVF 2.0 envelope with N RASD items, next
to lxml's raw parse + tostring of the same bytes (the floor any Python OVF library stands on).
"""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Callable

from lxml import etree

import ovfmodel

RASD = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData"


def large_envelope(items: int) -> bytes:
    """An OVF 2.0 descriptor with `items` RASD items (disks on SCSI controllers, NICs, ...)."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/2" '
        'xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/2" '
        f'xmlns:rasd="{RASD}" '
        'xmlns:vssd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData" '
        'xmlns:vmw="http://www.vmware.com/schema/ovf">\n'
        "  <References/>\n"
        '  <NetworkSection><Info>Networks</Info><Network ovf:name="lan"><Description>LAN'
        "</Description></Network></NetworkSection>\n"
        '  <VirtualSystem ovf:id="big">\n    <Info>A large virtual system</Info>\n'
        "    <VirtualHardwareSection>\n      <Info>Hardware</Info>\n"
    ]
    for i in range(1, items + 1):
        kind = i % 4
        out.append("      <Item>\n")
        if kind == 0:
            out.append(
                f"        <rasd:AddressOnParent>{i % 15}</rasd:AddressOnParent>\n"
                f"        <rasd:ElementName>Hard disk {i}</rasd:ElementName>\n"
                f"        <rasd:HostResource>ovf:/disk/disk{i}</rasd:HostResource>\n"
                f"        <rasd:InstanceID>{i}</rasd:InstanceID>\n"
                "        <rasd:Parent>3</rasd:Parent>\n"
                "        <rasd:ResourceType>17</rasd:ResourceType>\n"
            )
        elif kind == 1:
            out.append(
                "        <rasd:AutomaticAllocation>true</rasd:AutomaticAllocation>\n"
                "        <rasd:Connection>lan</rasd:Connection>\n"
                f"        <rasd:ElementName>Network adapter {i}</rasd:ElementName>\n"
                f"        <rasd:InstanceID>{i}</rasd:InstanceID>\n"
                "        <rasd:ResourceSubType>VmxNet3</rasd:ResourceSubType>\n"
                "        <rasd:ResourceType>10</rasd:ResourceType>\n"
                '        <vmw:Config ovf:required="false" vmw:key="wakeOnLanEnabled" '
                'vmw:value="true"/>\n'
            )
        elif kind == 2:
            out.append(
                "        <rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits>\n"
                f"        <rasd:ElementName>{i}MB of memory</rasd:ElementName>\n"
                f"        <rasd:InstanceID>{i}</rasd:InstanceID>\n"
                "        <rasd:ResourceType>4</rasd:ResourceType>\n"
                f"        <rasd:VirtualQuantity>{i * 16}</rasd:VirtualQuantity>\n"
            )
        else:
            out.append(
                f"        <rasd:Address>{i % 4}</rasd:Address>\n"
                "        <rasd:Description>SCSI Controller</rasd:Description>\n"
                f"        <rasd:ElementName>SCSI controller {i}</rasd:ElementName>\n"
                f"        <rasd:InstanceID>{i}</rasd:InstanceID>\n"
                "        <rasd:ResourceSubType>lsilogic</rasd:ResourceSubType>\n"
                "        <rasd:ResourceType>6</rasd:ResourceType>\n"
            )
        out.append("      </Item>\n")
    out.append("    </VirtualHardwareSection>\n  </VirtualSystem>\n</Envelope>\n")
    return "".join(out).encode("utf-8")


def best(fn: Callable[[], object], repeat: int) -> float:
    """Best time of `fn`, with the garbage collector on as a user has it.

    The result is freed after the clock stops (for lxml too): freeing a document is not part
    of making it, and a user keeps what they parse.
    """
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
        del result
    return min(times)


def free_time(make: Callable[[], object]) -> float:
    """How long freeing what `make` returns takes (reported, not counted)."""
    result = make()
    start = time.perf_counter()
    del result
    return time.perf_counter() - start


def bench_roundtrip(items: int, repeat: int) -> None:
    data = large_envelope(items)
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    lxml_parse = best(lambda: etree.fromstring(data, parser), repeat)
    tree = etree.fromstring(data, parser)
    lxml_write = best(lambda: etree.tostring(tree), repeat)
    ovf_parse = best(lambda: ovfmodel.parse(data), repeat)
    doc = ovfmodel.parse(data)
    ovf_write = best(lambda: ovfmodel.serialize(doc), repeat)
    raw = lxml_parse + lxml_write
    ours = ovf_parse + ovf_write
    print(f"round trip, {items} RASD items, {len(data) / 1e6:.1f} MB, best of {repeat}:")
    print(f"  lxml     parse {lxml_parse * 1e3:8.1f} ms   tostring  {lxml_write * 1e3:8.1f} ms")
    print(f"  ovfmodel parse {ovf_parse * 1e3:8.1f} ms   serialize {ovf_write * 1e3:8.1f} ms")
    print(f"  ratio (ovfmodel round trip / lxml round trip): {ours / raw:.1f}x  (target <= 10x)")
    print(
        f"  not counted: freeing the document {free_time(lambda: ovfmodel.parse(data)) * 1e3:.1f}"
        f" ms, the lxml tree {free_time(lambda: etree.fromstring(data, parser)) * 1e3:.1f} ms"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--items", type=int, default=10000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    bench_roundtrip(args.items, args.repeat)


if __name__ == "__main__":
    main()
