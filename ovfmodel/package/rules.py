"""The package checker's rules, registered once in the shared catalog.

Codes are grouped: PKG1xx files and References, PKG2xx manifest, PKG3xx certificate and
signature, PKG4xx OVA archive layout. The code is the contract; messages may change.

Spec references give a clause number only where it was confirmed against the text of the
standard, and always name the topic so a reader can find it in any edition:

* clause 5 "OVF packages", 5.1 "OVF package structure" (one descriptor .ovf, zero or one
  manifest .mf, zero or one certificate .cert, disk images and other files): confirmed in
  ISO/IEC 17203:2011 (= DSP0243 1.1), read in its identical national adoption GOST R
  ISO/IEC 17203-2013, clause 5.1;
* File references (href relative to the descriptor, the file shall exist, no two File
  elements for one file, ovf:compression "gzip" or "identity"/absent, ovf:size the stored
  size): text confirmed in the same document, clause number not seen, so none is given;
* distribution as a single file (TAR/.ova; descriptor first, manifest and certificate right
  after it or both at the end, then files in References order; USTAR): known from tool
  documentation quoting the standard, clause number not confirmed.
"""

from __future__ import annotations

from ovfmodel.diagnostics import CATALOG, Rule, Severity

_SPEC_FILES = "DSP0243 File references (References/File)"
_SPEC_STRUCTURE = "DSP0243 5.1 (OVF package structure)"
_SPEC_MANIFEST = "DSP0243 5.1 (OVF package structure: manifest file)"
_SPEC_CERT = "DSP0243 5.1 (OVF package structure: certificate file)"
_SPEC_OVA = "DSP0243 distribution as a single file (OVA/TAR)"


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
    Severity.WARNING,
    _SPEC_FILES,
    'DSP0243 defines only "gzip" and "identity"; consumers may not be able to read others.',
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
    "File not covered by the manifest",
    Severity.ERROR,
    _SPEC_MANIFEST,
    "The manifest shall contain a digest for every distinct file referenced in References "
    "(for chunked files, every chunk). Regenerate the manifest.",
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
    Severity.ERROR,
    _SPEC_MANIFEST,
    "The manifest has no digest for the OVF descriptor, so the descriptor is protected "
    "neither by the manifest nor by a signature. DSP0243's own examples and all common tools "
    "list it; regenerate the manifest.",
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
    Severity.WARNING,
    _SPEC_STRUCTURE,
    "The manifest and certificate shall have the descriptor's base name with the extensions "
    ".mf and .cert. Rename them.",
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
    "extendedKeyUsage without codeSigning) so it was not issued for signing packages.",
)
WEAK_SIGNATURE = _rule(
    "PKG309",
    "Weak signature",
    Severity.WARNING,
    _SPEC_CERT,
    "The signature uses SHA1 or an RSA key below 2048 bits; re-sign with SHA256 and a "
    "stronger key.",
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
