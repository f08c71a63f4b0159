"""The package checker's rules, registered once in the shared catalog.

Codes are grouped: PKG1xx files and References, PKG2xx manifest, PKG3xx certificate and
signature, PKG4xx OVA archive layout. The code is the contract; messages may change.

Severity follows the team's rule: **error** where DSP0243 says shall / shall not, **warning**
for should and for what well-known consumers refuse, **info** for advice. Clauses were read in
the DSP0243 1.0.0 text (1.1 keeps the numbers): 5.1 "OVF package structure" (descriptor,
manifest, certificate; the manifest and certificate shall have the descriptor's base name; the
.cert format), 5.3 "Distribution as a single file" (TAR/USTAR, no duplicates, member order),
7.1 "File references" (unique ovf:id, the referenced file shall exist, no two File elements
for one file, ovf:compression gzip / identity / absent, chunk naming and sizes).

What the manifest must list depends on the version. DSP0243 1.x describes the manifest as the
digests of the package's files without requiring every file to be listed, so a referenced file
missing from an OVF 1.x manifest is a warning (PKG211); DSP0243 2.x requires a digest for every
file References names and for no others (5.1), an error (PKG204). Neither version names the
descriptor among the files the manifest shall cover, so its absence is a warning (PKG207).
"""

from __future__ import annotations

from ovfmodel.diagnostics import CATALOG, Rule, Severity

_SPEC_FILES = "DSP0243 7.1 (File references)"
_SPEC_STRUCTURE = "DSP0243 5.1 (OVF package structure)"
_SPEC_MANIFEST = "DSP0243 5.1 (OVF package structure: manifest file)"
_SPEC_MANIFEST_2 = "DSP0243 2.x 5.1 (manifest file: every referenced file, no others)"
_SPEC_CERT = "DSP0243 5.1 (OVF package structure: certificate file)"
_SPEC_OVA = "DSP0243 5.3 (distribution as a single file)"


def _rule(code: str, title: str, severity: Severity, spec: str, description: str) -> Rule:
    return CATALOG.register(code, title, severity, spec, description)


# --- PKG1xx: files named by References ------------------------------------------------------

FILE_MISSING = _rule(
    "PKG101",
    "Referenced file missing",
    Severity.ERROR,
    _SPEC_FILES,
    "A References/File names a relative ovf:href that is not in the package. Add the file "
    "or remove the File element (and what refers to it).",
)
SIZE_MISMATCH = _rule(
    "PKG102",
    "ovf:size differs from the real size",
    Severity.ERROR,
    _SPEC_FILES,
    "ovf:size must be the size in bytes of the file as stored (for gzip the compressed size, "
    "for chunked files the total of all chunks). Correct ovf:size or replace the file.",
)
CHUNK_MISSING = _rule(
    "PKG103",
    "Chunk of a chunked file missing",
    Severity.ERROR,
    _SPEC_FILES,
    "A File with ovf:chunkSize is stored as href.000000000, href.000000001, ...; every chunk "
    "from 0 up to the last one must be present.",
)
CHUNK_SIZE = _rule(
    "PKG104",
    "Chunk has the wrong size",
    Severity.ERROR,
    _SPEC_FILES,
    "Every chunk except the last must be exactly ovf:chunkSize bytes; the last one may be "
    "smaller but not empty or larger.",
)
NOT_GZIP = _rule(
    "PKG105",
    "File declared gzip is not gzip",
    Severity.ERROR,
    _SPEC_FILES,
    'ovf:compression="gzip" requires the stored file to be a gzip stream (RFC 1952).',
)
UNKNOWN_COMPRESSION = _rule(
    "PKG106",
    "Unknown ovf:compression",
    Severity.ERROR,
    _SPEC_FILES,
    'ovf:compression shall be "gzip" for a gzip-compressed file and "identity" or absent '
    "otherwise (7.1); consumers cannot read other values.",
)
UNSAFE_HREF = _rule(
    "PKG107",
    "ovf:href escapes the package",
    Severity.ERROR,
    _SPEC_FILES,
    "A relative ovf:href must stay inside the package: no absolute path, no '..', no "
    "backslash. Move the file into the package and reference it relatively.",
)
EXTERNAL_HREF = _rule(
    "PKG108",
    "External file not checked",
    Severity.INFO,
    _SPEC_FILES,
    "An ovf:href with a URL scheme (http, https, file, ...) points outside the package; its "
    "presence, size and digest are not checked.",
)
UNREFERENCED = _rule(
    "PKG109",
    "File in the OVA not referenced",
    Severity.WARNING,
    _SPEC_STRUCTURE,
    "An OVA member that is not the descriptor, manifest, certificate or a referenced file is "
    "not part of the package and is not covered by the manifest. Remove it or reference it.",
)
DUPLICATE_HREF = _rule(
    "PKG110",
    "Two File elements reference the same file",
    Severity.ERROR,
    _SPEC_FILES,
    "Two different File elements shall not reference the same file with their ovf:href.",
)
DUPLICATE_FILE_ID = _rule(
    "PKG111",
    "Duplicate File ovf:id",
    Severity.ERROR,
    _SPEC_FILES,
    "ovf:id of File elements must be unique; references to it would be ambiguous.",
)

LINK_OUTSIDE = _rule(
    "PKG112",
    "Link leads out of the package folder",
    Severity.ERROR,
    _SPEC_FILES,
    "A file of a package folder is a symbolic link to a place outside the folder. It is "
    "neither read nor packed (verify would otherwise report the size and digest of, say, "
    "/etc/passwd): relative hrefs name files inside the package (7.1). Copy the file in.",
)
EXTERNAL_HREF_IN_OVA = _rule(
    "PKG113",
    "OVA references a file outside the archive",
    Severity.ERROR,
    _SPEC_OVA,
    "In an OVA every file reference shall be a relative path to a file stored in the archive; "
    "an ovf:href with a URL scheme (http, https, file, ...) is not allowed there. Store the "
    "file in the OVA and reference it by its member name, or distribute a package folder, "
    "which may reference URLs.",
)

# --- PKG2xx: manifest ------------------------------------------------------------------------

NO_MANIFEST = _rule(
    "PKG201",
    "Package has no manifest",
    Severity.INFO,
    _SPEC_MANIFEST,
    "Without a manifest (.mf) the integrity of the files cannot be checked. Pack with a "
    "digest to add one.",
)
MANIFEST_SYNTAX = _rule(
    "PKG202",
    "Malformed manifest line",
    Severity.ERROR,
    _SPEC_MANIFEST,
    "Each manifest line must read ALGORITHM(file name)= hexdigest, with ALGORITHM one of "
    "SHA1, SHA256, SHA512 and a digest of the matching length.",
)
DIGEST_MISMATCH = _rule(
    "PKG203",
    "Digest mismatch",
    Severity.ERROR,
    _SPEC_MANIFEST,
    "The file's digest differs from the manifest: the file was changed or damaged after the "
    "manifest was written. Replace the file with the original or regenerate the manifest.",
)
MANIFEST_MISSING_ENTRY = _rule(
    "PKG204",
    "File not covered by the manifest (OVF 2.x)",
    Severity.ERROR,
    _SPEC_MANIFEST_2,
    "An OVF 2.x manifest shall hold a digest for every distinct file References names (for "
    "chunked files, every chunk). Regenerate the manifest.",
)
MANIFEST_EXTRA_ENTRY = _rule(
    "PKG205",
    "Manifest names a file not in the package",
    Severity.ERROR,
    _SPEC_MANIFEST,
    "The manifest shall contain digests for the package's files and no others. Remove the "
    "line or add the file.",
)
MANIFEST_DUPLICATE = _rule(
    "PKG206",
    "File listed twice in the manifest",
    Severity.ERROR,
    _SPEC_MANIFEST,
    "A file has more than one manifest line; consumers may use either. Keep one line.",
)
DESCRIPTOR_NOT_IN_MANIFEST = _rule(
    "PKG207",
    "Descriptor not covered by the manifest",
    Severity.WARNING,
    _SPEC_MANIFEST,
    "The manifest has no digest for the OVF descriptor, so the descriptor is protected "
    "neither by the manifest nor by a signature. DSP0243 does not require the line (its "
    "examples and the common tools, ovftool among them, write it); regenerate the manifest.",
)
WEAK_DIGEST = _rule(
    "PKG208",
    "SHA1 digest",
    Severity.WARNING,
    _SPEC_MANIFEST,
    "SHA1 is no longer collision resistant; use SHA256 or SHA512.",
)
MANIFEST_NAME = _rule(
    "PKG209",
    "Manifest or certificate not named after the descriptor",
    Severity.ERROR,
    _SPEC_STRUCTURE,
    "The manifest and certificate shall have the descriptor's base name with the extensions "
    ".mf and .cert (5.1). Rename them.",
)
MANIFEST_MISSING_ENTRY_1X = _rule(
    "PKG211",
    "File not covered by the manifest (OVF 1.x)",
    Severity.WARNING,
    _SPEC_MANIFEST,
    "An OVF 1.x manifest lists digests of the package's files; DSP0243 1.x does not require "
    "every file, but a file without a digest is not protected by the manifest or a signature. "
    "Regenerate the manifest.",
)
TOO_MANY = _rule(
    "PKG210",
    "More problems of one kind not listed",
    Severity.INFO,
    _SPEC_MANIFEST,
    "Problems of one kind are listed up to a limit (a hostile manifest may have a million "
    "bad lines); this counts the rest.",
)

# --- PKG3xx: certificate and signature --------------------------------------------------------

CERT_SYNTAX = _rule(
    "PKG301",
    "Malformed certificate file",
    Severity.ERROR,
    _SPEC_CERT,
    "The .cert file must start with ALGORITHM(manifest name)= hexsignature followed by the "
    "signer's X.509 certificate (and optionally its chain) in PEM.",
)
SIGNATURE_INVALID = _rule(
    "PKG302",
    "Signature does not verify",
    Severity.ERROR,
    _SPEC_CERT,
    "The signature in the .cert file does not match the manifest under the certificate's "
    "public key: the manifest was changed after signing or the certificate is not the signer's.",
)
SIGNATURE_WRONG_FILE = _rule(
    "PKG303",
    "Signature names another file",
    Severity.ERROR,
    _SPEC_CERT,
    "The signature line must name the package's manifest; a signature over another file does "
    "not vouch for this package.",
)
CERT_EXPIRED = _rule(
    "PKG304",
    "Certificate not valid at the check time",
    Severity.ERROR,
    _SPEC_CERT,
    "A certificate in the .cert file is expired or not yet valid. Re-sign with a current "
    "certificate.",
)
CERT_UNTRUSTED = _rule(
    "PKG305",
    "Certificate chain not trusted",
    Severity.ERROR,
    _SPEC_CERT,
    "The signer's certificate does not chain to one of the given trust anchors. Pass the "
    "issuing CA with --trust, or include the intermediates in the .cert file.",
)
CERT_NOT_ANCHORED = _rule(
    "PKG306",
    "Signer not checked against trust anchors",
    Severity.WARNING,
    _SPEC_CERT,
    "The signature matches the embedded certificate, but anybody can make a certificate: "
    "without trust anchors (--trust ca.pem) this proves integrity, not origin.",
)
CERT_WITHOUT_MANIFEST = _rule(
    "PKG307",
    "Certificate without manifest",
    Severity.ERROR,
    _SPEC_CERT,
    "A .cert file signs the manifest; without a manifest the signature covers nothing.",
)
CERT_USAGE = _rule(
    "PKG308",
    "Certificate not meant for signing",
    Severity.WARNING,
    _SPEC_CERT,
    "The signer's certificate restricts its use (keyUsage without digitalSignature, or "
    "extendedKeyUsage without code or document signing) so it was not issued for signing "
    "packages. Reported as PKG311, an error, when trust anchors are given.",
)
WEAK_SIGNATURE = _rule(
    "PKG309",
    "Weak signature",
    Severity.WARNING,
    _SPEC_CERT,
    "The signature uses SHA1 or an RSA key below 2048 bits; re-sign with SHA256 and a "
    "stronger key.",
)

NOT_SIGNED = _rule(
    "PKG310",
    "No valid signature although trust was required",
    Severity.ERROR,
    _SPEC_CERT,
    "Trust anchors were given (--trust), so the package must carry a manifest and a .cert "
    "whose signature verifies and whose signer chains to an anchor; this one has none. "
    "Removing the .cert (and recomputing the manifest) must not turn a signed package into "
    "an accepted one.",
)
CERT_USAGE_TRUSTED = _rule(
    "PKG311",
    "Signer certificate not meant for signing (trust required)",
    Severity.ERROR,
    _SPEC_CERT,
    "With trust anchors (--trust) the signer's certificate must allow signing: keyUsage, if "
    "present, with digitalSignature, and extendedKeyUsage, if present, with codeSigning, "
    "documentSigning or anyExtendedKeyUsage. A CA-issued TLS server certificate does not "
    "vouch for software.",
)

# --- PKG4xx: OVA archive layout --------------------------------------------------------------

DESCRIPTOR_NOT_FIRST = _rule(
    "PKG401",
    "Descriptor is not the first OVA member",
    Severity.ERROR,
    _SPEC_OVA,
    "The descriptor must be the first file in the tar so a consumer can read it without "
    "scanning the archive. Repack the OVA.",
)
MANIFEST_MISPLACED = _rule(
    "PKG402",
    "Manifest or certificate misplaced in the OVA",
    Severity.ERROR,
    _SPEC_OVA,
    "The manifest and certificate must come right after the descriptor, or both at the end "
    "of the archive, manifest before certificate. Repack the OVA.",
)
ORDER = _rule(
    "PKG403",
    "OVA members not in References order",
    Severity.ERROR,
    _SPEC_OVA,
    "Files must appear in the tar in the order of References (chunks in ascending order) so "
    "they can be streamed. Repack the OVA.",
)
NO_END_MARKER = _rule(
    "PKG404",
    "OVA has no end-of-archive marker",
    Severity.WARNING,
    _SPEC_OVA,
    "A tar ends with two zero blocks; without them the file may have been cut after a member.",
)
DIRECTORY_MEMBER = _rule(
    "PKG405",
    "Directory entry in the OVA",
    Severity.INFO,
    _SPEC_OVA,
    "An OVA holds files only; directory entries are ignored.",
)
