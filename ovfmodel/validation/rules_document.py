"""The OVF rules about the document as a whole and what its envelope declares first.

OVF0xx the document (readable, its version, structure when no XML Schema runs), OVF1xx
References and its Files (DSP0243 7.1), OVF2xx the DiskSection (9.1). Checked by `semantic`,
`structure`, `ovf09`, `references` and `packages`; gathered with the other groups in `rules`.
"""

from __future__ import annotations

from .rules_common import (
    _S_CONTENT,
    _S_DESCRIPTOR,
    _S_DISK,
    _S_FILES,
    _S_UNITS,
    _S_XSD,
    INFO,
    V09,
    E,
    W,
    _rule,
)

# --- OVF0xx: the document ---------------------------------------------------------------------
UNREADABLE = _rule(
    "OVF001",
    "Unreadable descriptor",
    E,
    _S_DESCRIPTOR,
    "The input is not well-formed XML, is hostile (entities, excessive size) or its root is not "
    "an OVF Envelope (or, for `ovfmodel validate`, an OVF environment document). A descriptor "
    "holds one Envelope element, the only element at its top level. Nothing else can be checked "
    "until it parses.",
)
VERSION_MISMATCH = _rule(
    "OVF002",
    "ovf:version disagrees with the namespace",
    INFO,
    "not defined by DSP0243 or DSP8023 (advice)",
    "Neither DSP0243 nor the DMTF schemas define an ovf:version attribute on the Envelope: "
    "the version is the envelope namespace (clause 7). Some tools write one; when it names "
    "another version than the namespace (2.0 in .../ovf/envelope/1, say), readers that trust "
    "it may be misled. Fix or drop the attribute.",
)
UNEXPECTED_ELEMENT = _rule(
    "OVF003",
    "Element the model cannot place",
    W,
    _S_XSD,
    "An element stands where the schema allows no such element (or a second one where one is "
    "allowed). ovfmodel keeps it verbatim, but consumers may reject or ignore it. Move or "
    "remove it. Found by following the model's binding plans when the XML Schema does not run "
    "(--no-xsd, OVF 0.9, schemas not installed), which do not check element order: a warning; "
    "when the schema runs, it reports these as OVF901/OVF902 instead, once. An XInclude "
    "element is always reported here: it is never expanded.",
)
BAD_VALUE = _rule(
    "OVF004",
    "Value does not fit its schema type",
    E,
    _S_XSD,
    "An attribute or element value does not have its schema type (e.g. a ${placeholder} left "
    "by a template where a number is required). ovfmodel keeps the text verbatim. Replace it "
    "with a literal value of the right type. Reported when the XML Schema does not run "
    "(--no-xsd, OVF 0.9, schemas not installed); when it runs, it reports the value as OVF901 "
    "instead, once.",
)
CONTENT_COUNT = _rule(
    "OVF005",
    "Envelope without exactly one Content",
    E,
    _S_CONTENT + ", DSP8023",
    "A descriptor describes its content in one VirtualSystem or VirtualSystemCollection "
    "directly under the Envelope (clause 7.2 asks for at least one Content element, the schema "
    "allows exactly one). Reported when the XML Schema does not run (OVF 0.9, --no-xsd, "
    "schemas not installed); otherwise the schema reports it as OVF901.",
)
NO_INFO = _rule(
    "OVF006",
    "Content or Section without Info",
    E,
    _S_CONTENT + ", 7.3, DSP8023",
    "Every VirtualSystem, VirtualSystemCollection and Section holds an Info element, a "
    "human-readable description consumers show, for example when they skip a section they do "
    "not understand. Reported when the XML Schema does not run; otherwise the schema reports it "
    "as OVF901. Vendor sections are not checked.",
)
UNQUALIFIED_09 = _rule(
    "OVF007",
    "OVF 0.9 elements in no namespace",
    W,
    "XML Namespaces 1.0; DSP0243 Annex A",
    "Unprefixed elements (References, Section, Content...) under a prefixed <ovf:Envelope> with "
    "no default namespace declared are in no namespace at all, not in the OVF namespace: a "
    "namespace-aware reader does not recognise them. VMware's tools wrote and read OVF 0.9 "
    "descriptors this way, so ovfmodel's validator reads them as the OVF elements they are "
    "meant to be and says so once. Declare the default namespace "
    '(xmlns="http://www.vmware.com/schema/ovf/1/envelope") or prefix the elements.',
    V09,
)

# --- OVF1xx: References -----------------------------------------------------------------------
DUPLICATE_FILE_ID = _rule(
    "OVF101",
    "Duplicate File id",
    E,
    _S_FILES,
    "Each References/File ovf:id is unique in the package; references to it would be "
    "ambiguous. Rename one of them.",
)
UNSAFE_HREF = _rule(
    "OVF102",
    "File href is an absolute path",
    E,
    _S_FILES,
    "An ovf:href without a URL scheme is a path relative to the descriptor, written as an RFC "
    "3986 relative-path reference. `/srv/disk.vmdk`, `C:\\disk.vmdk` or a backslash path is "
    "none: write the path relative to the descriptor (`disk.vmdk`, `./disks/disk.vmdk`), or a "
    "URL.",
)
REMOTE_HREF = _rule(
    "OVF103",
    "File href is a URL",
    INFO,
    _S_FILES,
    "ovf:href is an https: or file: URL (schemes every consumer supports): the file is not "
    "carried with the descriptor but fetched at deployment, so the package is not "
    "self-contained. Fine when intended.",
)
CLEARTEXT_HREF = _rule(
    "OVF104",
    "File fetched over http",
    INFO,
    _S_FILES + " (advice)",
    "ovf:href is an http:// URL: allowed, but the content can be altered in transit unless a "
    "manifest and signature cover it. Prefer https://.",
)
BAD_CHUNK_SIZE = _rule(
    "OVF105",
    "ovf:chunkSize not positive",
    E,
    _S_FILES,
    "A chunked File's ovf:chunkSize is the size in bytes of each chunk but the last; a size of "
    "zero or less describes no chunking.",
)
CHUNK_HREF = _rule(
    "OVF106",
    "Chunked File href names a chunk",
    INFO,
    _S_FILES + " (advice)",
    "For a File with ovf:chunkSize, the chunks are stored as href.000000000, "
    "href.000000001, ... An href that already ends in a nine-digit chunk number is most likely "
    "the name of the first chunk instead of the whole file.",
)
UNUSED_FILE = _rule(
    "OVF107",
    "File not referenced",
    INFO,
    _S_FILES + " (advice)",
    "No Disk, HostResource, Icon, Strings or EnvironmentFiles entry refers to this File. It is "
    "carried in the package for nothing, or a reference to it is missing.",
)
DANGLING_FILEREF = _rule(
    "OVF108",
    "fileRef names no File",
    E,
    "DSP0243 7.1, 9.5, 10; DSP8023 2.0.1 (EnvironmentFilesSection)",
    "The ovf:fileRef of an Icon, a Strings bundle, a Msg or an EnvironmentFiles File (2.x) is "
    "the ovf:id of a References/File; a consumer cannot find the icon, the external message "
    "bundle or the file to put on the guest's environment media. Add the File or fix the "
    "reference.",
)
OTHER_SCHEME = _rule(
    "OVF109",
    "File href uses a scheme other than file, http or https",
    W,
    _S_FILES,
    "Consumers support relative paths and the file, http and https URL schemes; other schemes "
    "(ftp, smb, nfs...) should not be used: consumers may not fetch them.",
)
DOT_SEGMENTS = _rule(
    "OVF110",
    "File href climbs out with ..",
    INFO,
    "DSP0243 5.3, 7.1",
    "A relative href with `..` segments is a valid relative-path reference for a descriptor "
    "read alone or a package folder, but an OVA (5.3) cannot hold it: its references stay "
    "inside the archive, without `..` (the package checker reports that as PKG107).",
)
DUPLICATE_HREF = _rule(
    "OVF111",
    "Two Files with the same href",
    E,
    _S_FILES,
    "Two different File elements do not reference the same file with their ovf:href. Keep one "
    "File and point every reference at its id.",
)
STRINGS_FILE_ORDER = _rule(
    "OVF112",
    "External string bundle not first in References",
    E,
    "DSP0243 7.1, 10",
    "Files holding external message bundles (the ovf:fileRef of a Strings element) come first "
    "in References, before every other File, so that a consumer reading an OVA in order finds "
    "them before the disks. Move those File elements to the start.",
)

# --- OVF2xx: disks ----------------------------------------------------------------------------
DUPLICATE_DISK_ID = _rule(
    "OVF201",
    "Duplicate Disk id",
    E,
    _S_DISK,
    "Each Disk ovf:diskId is unique within the DiskSection; ovf:/disk/ references would be "
    "ambiguous.",
)
DISK_FILEREF = _rule(
    "OVF202",
    "Disk fileRef names no File",
    E,
    _S_DISK,
    "A Disk's ovf:fileRef identifies an existing References/File by its ovf:id. Add the File "
    "or fix the reference (omit ovf:fileRef for an empty disk).",
)
UNUSED_DISK = _rule(
    "OVF203",
    "Disk not used by any Item",
    INFO,
    _S_DISK + " (advice)",
    "No HostResource ovf:/disk/ID (and no other disk's ovf:parentRef) refers to this Disk, so "
    "no virtual system gets it. Attach it or remove it.",
)
BAD_CAPACITY = _rule(
    "OVF204",
    "Disk capacity invalid",
    E,
    _S_DISK,
    "ovf:capacity is an xs:long (in ovf:capacityAllocationUnits). Only an empty disk (no "
    "ovf:fileRef) may give it as ${key}, a ProductSection property that resolves to an xs:long "
    "integer: the property exists and has an integer type.",
)
BAD_UNITS = _rule(
    "OVF205",
    "Allocation units do not parse",
    E,
    _S_UNITS,
    "ovf:capacityAllocationUnits match DSP0004's programmatic units, such as `byte * 2^30`. "
    "Use that form.",
)
DISK_PARENTREF = _rule(
    "OVF206",
    "Disk parentRef names no Disk",
    E,
    _S_DISK,
    "A delta disk's ovf:parentRef is a valid ovf:diskId of another Disk.",
)
PARENT_ORDER = _rule(
    "OVF207",
    "Parent disk not before its child",
    E,
    _S_DISK,
    "ovf:parentRef names a different Disk, and in DiskSection a parent Disk comes before the "
    "child Disks that refer to it. Reorder the Disks (or fix a parentRef naming its own disk).",
)
NO_FORMAT = _rule(
    "OVF208",
    "Non-empty disk without ovf:format",
    E,
    "DSP0243 9.1, 5.2",
    "A Disk with content (an ovf:fileRef) gives its format URI in ovf:format, e.g. "
    "http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized.",
)
SHARED_FILEREF = _rule(
    "OVF209",
    "Two Disks share a fileRef",
    E,
    _S_DISK,
    "Different Disk elements do not name the same File in ovf:fileRef. Give each disk its own "
    "File (or one Disk used by several Items).",
)
DISK_ORDER = _rule(
    "OVF210",
    "Disks not in References order",
    E,
    _S_DISK,
    "Disk elements name their Files in the order References lists those Files. Reorder the "
    "Disks or the Files.",
)
POPULATED_SIZE = _rule(
    "OVF211",
    "populatedSize larger than capacity",
    E,
    _S_DISK,
    "ovf:populatedSize (bytes, an estimate of the used size) is not larger than the disk's "
    "capacity (ovf:capacity in ovf:capacityAllocationUnits).",
)
