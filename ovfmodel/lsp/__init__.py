"""The OVF language server (`ovfmodel lsp`, optional extra `ovfmodel[lsp]`).

Modules: `server` (pygls wiring, scheduling), `analysis` (one analysed version of a document),
`text` (positions and tags in the buffer), `diagnostics`, `hover`, `completion` (with `schema`,
the XSD content model), `references` and `navigation` (definition, references, rename),
`symbols`, `actions` (quick fixes). Only `cli` is imported by `ovfmodel`'s command line; the
rest needs pygls and lsprotocol.
"""
