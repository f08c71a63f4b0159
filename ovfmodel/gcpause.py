"""`gc_paused`: the cyclic garbage collector paused while a large tree is built or written.

A module of its own (no lxml, no xsdata) so that the validator pauses the collector without
importing the binder; ovfmodel.binding exports it too.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused(*, keep: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector while building or writing a large tree.

    Binding allocates tens of thousands of objects, none of them garbage; every allocation
    threshold crossed would trigger a collection that walks them all again (measured: nearly
    half of parse time on a 10,000-item descriptor).

    With `keep=True` (what is built is a document the caller keeps), the new objects then go
    straight to the oldest generation, where two young collections would move them anyway
    after walking them twice (~70 ms for 10,000 items). They are still walked by full
    collections, like every long-lived object. gc.freeze() followed by gc.unfreeze() does this
    move in constant time; it is skipped when the application has frozen objects itself
    (a pre-fork server, say), whose freeze it must not undo.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if keep and gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        if was_enabled:
            gc.enable()
