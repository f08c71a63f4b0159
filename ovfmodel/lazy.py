"""Binding on first read: what parsing defers, and how it stays invisible.

A large descriptor is mostly repeated elements (RASD items, disks, networks, properties) that a
caller seldom reads all of. `parse` binds the Envelope and every single-valued child at once,
but a repeated child whose class holds only simple content (an Item: CIM properties and vendor
elements) is kept as its lxml element in a `LazyList` slot until the slot is read. Reading a slot
binds it with the same binder, in the same way, as parsing would have (same SourceInfo, same
problems at the same place in `doc.problems`) and stores the object in place, so the next read
gives the same object. A slot never read is never changed, so the writer writes it straight from
its element: one lxml tostring for the whole object holding the list while that object's own
fields are as parsed (`Whole`, its bound children spliced in), else one per slot
(`LazyList.verbatim`); where lxml's form could differ from the writer's, it binds and writes.

Only what needs no namespace bookkeeping is deferred: children that start after the last start
tag declaring a namespace, in an ASCII-compatible document without CDATA sections or entity
declarations, and never under `strict=True` (see Binder.bind and Binder.deferrable).

Everything a plain list does works on a LazyList and gives what it would give on the bound list;
operations that move, remove or compare slots bind the whole list first, and copies, pickles and
slices are plain lists. `doc.problems` is a `ProblemList` that binds every deferred slot of its
document before it is first read. One lock per document guards binding: two threads reading the
same slot get the same object.
"""

from __future__ import annotations

import operator
import threading
import uuid
from bisect import bisect_right, insort
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, SupportsIndex, TypeVar

from lxml import etree

from .gcpause import gc_paused
from .starttags import contains

if TYPE_CHECKING:
    from .binding import Binder, ClassPlan, SourceInfo

T = TypeVar("T")
_Element = etree._Element
Problem = tuple["SourceInfo | None", str]


class LazyState:
    """What a document's deferred slots share: its binder, lock and problem list."""

    def __init__(self, binder: Binder) -> None:
        self.binder = binder
        self.lock = threading.RLock()
        self.problems: list[Problem] = binder.problems
        self.lists: list[LazyList[Any]] = []  # lists that held deferred slots when parsed
        self.runs = 0  # runs of deferred slots so far (see run)
        # ((run, offset), problems) of slots bound since parsing that found problems
        self.inserted: list[tuple[tuple[int, int], int]] = []
        self.wholes = 0  # Whole objects noted

    def adopt(self, lst: list[Any], plan: ClassPlan) -> LazyList[Any]:
        """A LazyList to hold what `lst` (a field's list of a `plan` object being bound) holds
        and the slots deferred from now on."""
        lazy: LazyList[Any] = LazyList(lst)
        lazy._lazy = _ListInfo(self, plan)
        self.lists.append(lazy)
        return lazy

    def run(self, lst: LazyList[Any]) -> None:
        """Start a run of slots deferred into `lst` one after another (in document order, with
        nothing else bound between them), from its current end. The caller appends the
        elements and counts them in `lst._pending`."""
        assert lst._lazy is not None
        self.runs += 1
        lst._lazy.marks.append((len(lst), self.runs, len(self.problems)))

    def bind(self, info: _ListInfo, index: int, el: etree._Element) -> Any:
        """Bind deferred slot `index` of a list (caller holds the lock); its problems go where
        parsing would have put them."""
        marks = info.marks
        first, run, mark = marks[bisect_right(marks, (index, 1 << 62, 0)) - 1]
        key = (run, index - first)  # the slot's place among deferred slots: document order
        found: list[Problem] = []
        value = self.binder.bind_deferred(el, info.plan, found)
        if found:
            at = mark + sum(n for k, n in self.inserted if k < key)
            # list's own slice assignment: a ProblemList's would bind everything first
            list.__setitem__(self.problems, slice(at, at), found)
            insort(self.inserted, (key, len(found)))
        return value

    def container(
        self,
        obj: Any,
        el: etree._Element,
        info: SourceInfo,
        nested: bool,
        count: int,
    ) -> None:
        """Note `obj` (bound from `el`, `info` its SourceInfo, `count` child nodes) as holding
        deferred slots: while its fields stay as parsed it can be written with one tostring of
        `el` (see Whole); `nested`: a Whole was noted in its subtree."""
        self.wholes += 1
        whole = Whole(self, obj, el, info, nested, count)
        for value in obj.__dict__.values():
            if value.__class__ is LazyList and value._lazy is not None:
                value._lazy.whole = whole

    def materialize(self) -> None:
        """Bind every deferred slot of the document (its problems are then all known)."""
        with self.lock:
            for lst in self.lists:
                lst._bind_all()
            self.lists.clear()
            problems = self.problems
            if isinstance(problems, ProblemList):
                problems._state = None


class _ListInfo:
    """Per LazyList: the shared state, the plan of the object owning the list, where each slot
    stands among the document's deferrals and problems, and the writer's caches."""

    __slots__ = ("decls", "marks", "plan", "scope_ok", "state", "whole")

    def __init__(self, state: LazyState, plan: ClassPlan) -> None:
        self.state = state
        self.plan = plan
        # (first index, run number, problems before it) of each run of slots deferred in a row
        # (see LazyState.run)
        self.marks: list[tuple[int, int, int]] = []
        self.decls: str | None = None  # the declarations lxml copies onto a slot's start tag
        self.scope_ok: tuple[object, bool] = (None, False)
        self.whole: Whole | None = None  # the object holding the list, to write at once


class LazyList(list[T]):
    """A list whose deferred slots are bound on first read (see the module docstring)."""

    __slots__ = ("_lazy", "_pending")

    def __init__(self, iterable: Iterable[T] = (), /) -> None:
        super().__init__(iterable)
        self._lazy: _ListInfo | None = None
        self._pending = 0  # deferred slots not yet bound

    # -- binding -------------------------------------------------------------------------

    def _bind_at(self, index: int) -> T:
        info = self._lazy
        if info is None:
            return list.__getitem__(self, index)
        with info.state.lock:
            value = list.__getitem__(self, index)
            if value.__class__ is _Element:
                value = info.state.bind(info, index, value)
                list.__setitem__(self, index, value)
                self._pending -= 1
                if not self._pending:
                    self._lazy = None
            return value

    def _bind_all(self) -> None:
        info = self._lazy
        if info is None:
            return
        # many objects at once, as parsing binds them: the collector paused (see gc_paused)
        with info.state.lock, gc_paused(keep=True):
            for index in range(len(self)):
                if list.__getitem__(self, index).__class__ is _Element:
                    self._bind_at(index)

    def _bound(self) -> list[T]:
        self._bind_all()
        return list(list.__iter__(self))

    def verbatim(self, index: int, scope: dict[str | None, str]) -> tuple[str, str | None] | None:
        """(text, tail) of deferred slot `index` as the writer would write it bound, when the
        writer's in-scope declarations `scope` are the source's; None to bind and write it."""
        info = self._lazy
        el: Any = list.__getitem__(self, index) if info is not None else None
        if info is None or el.__class__ is not _Element:
            return None
        checked, ok = info.scope_ok
        if checked is not scope:
            nsmap = el.nsmap  # a deferred element declares nothing: its parent's namespaces
            ok = {p: u for p, u in scope.items() if p != "xml"} == nsmap
            info.scope_ok = (scope, ok)
            if ok and info.decls is None:
                info.decls = "".join(_declaration(p, u) for p, u in nsmap.items())
        if not ok or info.decls is None:
            return None
        text = etree.tostring(el, encoding="unicode", with_tail=False)
        local = el.tag.rpartition("}")[2]
        head = f"<{el.prefix}:{local}" if el.prefix else "<" + local
        # lxml copies the ancestors' declarations onto the start tag: cut exactly those. It
        # writes `>` in attribute values as `&gt;` where the writer keeps it: bind and write
        # those (`&gt;` in text is the writer's form too; the rare false alarm costs time only)
        cut = len(head) + len(info.decls)
        if (
            not text.startswith(info.decls, len(head))
            or text.startswith(" xmlns", cut)
            or "&gt;" in text
        ):
            return None
        return head + text[cut:], el.tail

    # -- reading -------------------------------------------------------------------------

    def __getitem__(self, index: Any) -> Any:
        if not self._pending:
            return list.__getitem__(self, index)
        if isinstance(index, slice):
            for i in range(*index.indices(len(self))):
                if list.__getitem__(self, i).__class__ is _Element:
                    self._bind_at(i)
            return list.__getitem__(self, index)
        value = list.__getitem__(self, index)
        if value.__class__ is _Element:
            i = index.__index__()
            return self._bind_at(i + len(self) if i < 0 else i)
        return value

    def __iter__(self) -> Iterator[T]:
        if not self._pending:
            return list.__iter__(self)
        return self._iter_binding()

    def _iter_binding(self) -> Iterator[T]:
        index = 0
        while index < len(self):  # as list's iterator: items appended meanwhile are seen
            value = list.__getitem__(self, index)
            if value.__class__ is _Element:  # a loop over the items reads them all: bind the
                self._bind_all()  # rest at once, as cheaply as parsing would have
                value = list.__getitem__(self, index)
            yield value
            index += 1

    def __reversed__(self) -> Iterator[T]:
        self._bind_all()
        return list.__reversed__(self)

    def __reduce_ex__(self, protocol: SupportsIndex) -> tuple[Any, ...]:
        # copy, deepcopy and pickle give a plain, fully bound list
        return (list, (self._bound(),))

    def copy(self) -> list[T]:
        return self._bound()


# more children bound than this and a Whole is written child by child
MAX_SPLICED = 64


class Whole:
    """An object holding deferred slots, written with ONE tostring of its source element while
    its own fields are as parsed (compared by identity with a snapshot taken at parse: a list
    field item by item, a dict field by value; a LazyList's length). Its children that are
    bound (read since, or never deferred) are written by the writer and spliced in: a
    processing instruction marks where each starts and ends in lxml's output, for the time of
    one tostring under the document's lock. Bound children may have been edited: they are
    always written by the writer, so only the object's own start tag, the text and comments
    between children and the never-read slots come from lxml."""

    __slots__ = (
        "count",
        "dicts",
        "el",
        "info",
        "lists",
        "nested",
        "state",
        "values",
    )

    def __init__(
        self,
        state: LazyState,
        obj: Any,
        el: etree._Element,
        info: SourceInfo,
        nested: bool,
        count: int,
    ) -> None:
        self.state = state
        self.el = el
        self.count = count  # child nodes of el (len(el) walks them all: milliseconds)
        d = obj.__dict__
        self.values = tuple(d.values())
        self.lists: dict[str, int | tuple[Any, ...]] = {
            k: (len(v) if v.__class__ is LazyList else tuple(v))
            for k, v in d.items()
            if isinstance(v, list)
        }
        self.dicts = {k: dict(v) for k, v in d.items() if isinstance(v, dict)}
        self.info = info
        self.nested = nested

    def usable(self) -> bool:
        """Whether lxml may write the element as the writer would: not when it declares
        namespaces, nor for odd whitespace before its first child or end tag, nor when a child
        holds a Whole itself (that child would be written twice). See also splice."""
        info = self.info
        layout = (info.inner_ws or "") + (info.end_ws or "")
        return (
            not self.nested
            and info.nsdecl is None
            and (not layout or layout.isspace())
            and "\r" not in layout
        )

    def clean(self, d: dict[str, Any]) -> bool:
        """Whether the object's own fields are as parsed."""
        values = self.values
        if len(d) != len(values):
            return False
        for now, then in zip(d.values(), values, strict=True):
            if now is not then:
                return False
        for key, then in self.lists.items():
            now = d[key]
            if isinstance(then, int):  # a LazyList: its length (edits of one bind them all)
                if len(now) != then:
                    return False
            elif len(now) != len(then) or not all(map(operator.is_, now, then)):
                return False
        return all(d[key] == then for key, then in self.dicts.items())

    def splice(
        self,
        qname: str,
        scope: dict[str | None, str],
        spliced: list[tuple[int, str, str]],
        children: int,
        nodes: dict[int, Any],
        closing: str,
    ) -> list[str] | None:
        """The element as lxml writes it (in pieces), with child number p (for each (p, text,
        gap) of `spliced`) and the text after it replaced by `text` + `gap`; None where lxml's
        form could differ from the writer's. `nodes`: the source node of child p (None: look
        it up) for each spliced p and the p + 1 after it (el[p] walks p nodes)."""
        el = self.el
        with self.state.lock:
            nsmap = el.nsmap
            if {p: u for p, u in scope.items() if p != "xml"} != nsmap:
                return None
            count = self.count
            if children != count:  # the slots do not stand for the element's children
                return None
            starts = {p for p, _, _ in spliced}
            marks = sorted(starts | {p + 1 for p in starts if p + 1 < count})
            token = "ovfmodel-" + uuid.uuid4().hex
            found: list[Any] = [nodes.get(p) for p in marks]
            found = [el[p] if n is None else n for p, n in zip(marks, found, strict=True)]
            if any(n.getparent() is not el for n in found):  # (a source tree changed by hand)
                return None
            pis = []
            try:
                for p, node in zip(marks, found, strict=True):
                    pi = etree.ProcessingInstruction(f"{token}-{p}")
                    node.addprevious(pi)
                    pis.append(pi)
                text = etree.tostring(el, encoding="unicode", with_tail=False)
            finally:
                for pi in pis:
                    el.remove(pi)
        decls = "".join(_declaration(p, u) for p, u in nsmap.items())
        head = "<" + qname
        cut = len(head) + len(decls)
        end = f"</{qname}>"
        if (
            not text.startswith(head)
            or not text.startswith(decls, len(head))
            or text.startswith(" xmlns", cut)
            or not text.endswith(end)
            or contains(text, "&gt;")
        ):
            return None
        texts = {p: (t, gap) for p, t, gap in spliced}
        out = [head]
        pos = cut
        skip = False  # lxml's text since the last mark is a spliced child's: left out
        for p in marks:
            mark = f"<?{token}-{p} ?>"
            at = text.find(mark, pos)
            if at < 0:
                return None
            if not skip:
                out.append(text[pos:at])
            pos = at + len(mark)
            skip = p in texts
            if skip:  # the writer's text instead, up to the next mark (on child p + 1)
                written, gap = texts[p]
                out.append(written)
                if p == count - 1:
                    out.append(closing + end)
                    return out
                out.append(gap)
        out.append(text[pos:])
        return out


def _declaration(prefix: str | None, uri: str) -> str:
    value = uri.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
    return f' xmlns="{value}"' if prefix is None else f' xmlns:{prefix}="{value}"'


_COMPARISONS = ("__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__")


def _binding_first(name: str) -> Callable[..., Any]:
    """A list method that binds the whole list before list's own method runs."""
    base = getattr(list, name)
    comparison = name in _COMPARISONS

    def method(self: LazyList[Any], *args: Any, **kwargs: Any) -> Any:
        if comparison and not isinstance(args[0], list):
            return NotImplemented  # as list's own: `x == None` binds nothing
        if self._pending:
            self._bind_all()
        if args and args[0].__class__ is LazyList:  # `lazy + lazy`, `lazy == lazy`: list's
            args[0]._bind_all()  # own method would read the other's raw slots from C
        return base(self, *args, **kwargs)

    method.__name__ = method.__qualname__ = name
    method.__doc__ = base.__doc__
    return method


# what reads, compares, moves or drops slots (everything but reading one slot, iterating,
# len, append and extend, which never move a deferred slot)
for _name in (
    "__contains__",
    "__eq__",
    "__ne__",
    "__lt__",
    "__le__",
    "__gt__",
    "__ge__",
    "__add__",
    "__mul__",
    "__rmul__",
    "__imul__",
    "__repr__",
    "__setitem__",
    "__delitem__",
    "index",
    "count",
    "remove",
    "pop",
    "insert",
    "sort",
    "reverse",
    "clear",
):
    setattr(LazyList, _name, _binding_first(_name))


def _radd(self: LazyList[Any], other: Any) -> Any:
    # `plain + lazy` would copy the raw slots from C: Python asks the subclass first
    if not isinstance(other, list):
        return NotImplemented
    return list(other) + self._bound()


LazyList.__radd__ = _radd  # type: ignore[attr-defined]


class ProblemList(list[Problem]):
    """`doc.problems` of a document with deferred slots: reading it binds them all first, so it
    lists what parsing everything at once would have (in the same order)."""

    __slots__ = ("_state",)

    def __init__(self, problems: Iterable[Problem], state: LazyState | None) -> None:
        super().__init__(problems)
        self._state = state

    def __reduce_ex__(self, protocol: SupportsIndex) -> tuple[Any, ...]:
        if self._state is not None:
            self._state.materialize()
        return (list, (list(list.__iter__(self)),))


def _materializing_first(name: str) -> Callable[..., Any]:
    base = getattr(list, name)

    def method(self: ProblemList, *args: Any, **kwargs: Any) -> Any:
        state = self._state
        if state is not None:
            state.materialize()
        return base(self, *args, **kwargs)

    method.__name__ = method.__qualname__ = name
    method.__doc__ = base.__doc__
    return method


# append, extend and insert stay list's own: parsing adds with them
for _name in (
    "__iter__",
    "__reversed__",
    "__len__",
    "__getitem__",
    "__contains__",
    "__eq__",
    "__ne__",
    "__lt__",
    "__le__",
    "__gt__",
    "__ge__",
    "__add__",
    "__mul__",
    "__rmul__",
    "__imul__",
    "__iadd__",
    "__repr__",
    "__setitem__",
    "__delitem__",
    "index",
    "count",
    "remove",
    "pop",
    "sort",
    "reverse",
    "clear",
    "copy",
):
    setattr(ProblemList, _name, _materializing_first(_name))


def _radd_problems(self: ProblemList, other: Any) -> Any:
    if not isinstance(other, list):
        return NotImplemented
    if self._state is not None:
        self._state.materialize()
    return list(other) + list(list.__iter__(self))


ProblemList.__radd__ = _radd_problems  # type: ignore[attr-defined]
