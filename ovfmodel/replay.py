"""Writing elements back as parsed: the replay path and the one-tostring path.

An element whose SourceInfo records its children is written by replaying the recorded slots in
order, each taking its field's current value (`_write_replay`), and the commonest child, a plain
leaf as parsed, is written inline from its compact SourceInfo (`_write_value`). An object still
holding deferred slots never read, its own fields as parsed, is one lxml tostring of its source
element with its bound children spliced in (`_write_whole`, see ovfmodel.lazy.Whole). These are
the writer's hot loops; whatever they cannot place (values added, moved or copied since parsing)
goes to the general path in ovfmodel.writer, which `Writer` (a subclass) defines.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from itertools import takewhile
from operator import eq, is_
from typing import Any

from lxml.etree import _Element

from .lazy import MAX_SPLICED, LazyList
from .plans import ClassPlan, FieldPlan
from .prefixes import PrefixWriter, _Scope, escape_text
from .sourceinfo import INFO_ATTR, Extra, SourceInfo


def _layout(info: SourceInfo) -> tuple[str, str]:
    """The recorded text before an element's first child and before its end tag, as markup.

    The binder keeps such text, and each child's tail, as lxml decoded it: `a&lt;b` after a
    child is the text `a<b`, so whatever is not plain indentation is escaped when written."""
    return escape_text(info.inner_ws or ""), escape_text(info.end_ws or "")


def _value_count(plan: ClassPlan, d: dict[str, Any]) -> int:
    """How many child values an object holds (a simple-typed default counts; it is rare and
    only sends the writer down its general path). Mostly C: one itemgetter, one count."""
    values = plan.child_values(d)
    n = len(values) - values.count(None) - len(plan.list_child_names)
    for name in plan.list_child_names:
        n += len(d[name] or ())
    return n


_NO_DICT: dict[str, Any] = {}


class _Glued(str):
    """The tail of a parsed node that had no text after it (None is a node made in code, which
    gets its siblings' indentation)."""


_GLUED = _Glued("")


def _source_tail(info: Any) -> str | None:
    """The whitespace recorded after a parsed element (a SourceInfo or compact tuple)."""
    if info is None:
        return None
    tail: str | None = info[2] if info.__class__ is tuple else info.tail
    return _GLUED if tail is None else tail


def _gap(tail: str | None, inner: str, closing: str, *, moved: bool = False) -> str:
    """What is written after a child: its recorded tail, or for a child made in code its
    siblings' indentation. With `moved` (children added, copied or moved since parsing), a
    tail equal to the closing whitespace is taken for the old last child's, now followed by
    other siblings: it gets their indentation. Children written in their parsed order keep
    every tail, so a middle child whose tail happens to equal the closing whitespace
    (irregular indentation) is written back as it was."""
    if tail is None:
        return inner
    if tail is _GLUED:
        return ""
    if moved and tail == closing != inner:
        return inner
    return tail if tail == inner else escape_text(tail)


def _unread_after(children: Sequence[Any], j: int, name: str, values: list[Any], k: int) -> int:
    """How many slots from children[j] on are slots of list field `name` whose values, from
    values[k] on, are unread (source elements): counted by C loops, not one Python step each."""
    slots = iter(children)
    slots.__setstate__(j)  # type: ignore[attr-defined]
    raws = list.__iter__(values)
    raws.__setstate__(k)  # type: ignore[attr-defined]
    same = takewhile(partial(eq, name), slots)
    unread = takewhile(partial(is_, _Element), map(type, raws))
    return len(list(zip(same, unread, strict=False)))


class _Verbatim:
    """A deferred child's text as lxml writes it (see LazyList.verbatim), and its tail."""

    __slots__ = ("tail", "text")

    def __init__(self, text: str, tail: str | None) -> None:
        self.text = text
        self.tail = tail


class ReplayWriter(PrefixWriter):
    """The writer's replay and tostring paths (see ovfmodel.writer.Writer, which sets the
    attributes below and defines the general path these fall back on)."""

    plans: dict[type, ClassPlan]
    # plain-leaf class -> (any-attributes field or "", text field, emitter), for replay
    _plain_leaves: dict[type, tuple[str, str, Callable[[Any], str]]]

    def _write_child(
        self,
        fp: FieldPlan,
        value: Any,
        sinfo: SourceInfo | None,
        scope: _Scope,
        depth: int,
        out: list[str],
    ) -> str | None:
        raise NotImplementedError  # the general path: Writer._write_child

    def _write_extra(self, extra: Extra, scope: _Scope, depth: int, out: list[str]) -> None:
        raise NotImplementedError  # the general path: Writer._write_extra

    def _write_whole(
        self,
        d: dict[str, Any],
        plan: ClassPlan,
        info: SourceInfo,
        qname: str,
        scope: _Scope,
        depth: int,
    ) -> list[str] | None:
        """An object holding never-read slots, its own fields as parsed: one tostring of its
        source element, with the writer's text of its bound children spliced in (see
        ovfmodel.lazy.Whole), in pieces; None to write it child by child."""
        whole = None
        for name in plan.list_child_names:
            value = d[name]
            if value.__class__ is LazyList and value._pending and value._lazy is not None:
                whole = value._lazy.whole
                break
        if whole is None or not whole.clean(d) or not whole.usable():
            return None
        inner, closing = _layout(info)  # children keep their tails, as lxml writes them
        by_name = plan.by_name
        taken: dict[str, int] = {}
        spliced: list[tuple[int, str, str]] = []
        nodes: dict[int, Any] = {}  # source nodes splice marks: spliced and the next ones
        prev: Any = None  # the source node of the child before, where known
        after = False  # the child before was spliced
        position = 0  # of the child node a slot stands for (stray text has no node)
        children = info.children
        slots = iter(children)
        j = 0  # the index of the next slot
        for slot in slots:
            j += 1
            cls = slot.__class__
            if cls is str:
                name, sinfo = slot, None
            elif cls is tuple:
                name, sinfo = slot
            else:
                node = slot.node
                if node.__class__ is str:
                    continue
                if node.tag.__class__ is str:  # an element kept verbatim: the writer's form
                    buf: list[str] = []
                    self._write_extra(slot, scope, depth + 1, buf)
                    tail = _GLUED if slot.tail is None else slot.tail
                    spliced.append((position, "".join(buf), _gap(tail, inner, closing)))
                    nodes[position] = node
                    after = True
                elif after:
                    nodes[position] = node
                    after = False
                prev = node
                position += 1
                continue
            fp = by_name[name]
            value = d[name]
            k = taken.get(name, 0)
            taken[name] = k + 1
            if fp.is_list:
                if k >= len(value):
                    return None
                raw = list.__getitem__(value, k)
                if raw.__class__ is _Element:  # never read: lxml's text stays
                    if after:
                        nodes[position] = raw
                        after = False
                    # and so the unread slots of this field that follow, at C speed
                    more = _unread_after(children, j, name, value, k + 1)
                    if more:
                        j += more
                        slots.__setstate__(j)  # type: ignore[attr-defined]
                        taken[name] = k + 1 + more
                        position += more
                        raw = list.__getitem__(value, k + more)
                    prev = raw
                    position += 1
                    continue
                value = raw
            elif k or value is None or (fp.may_default and value == fp.default):
                return None  # not written (see _write_replay): child by child
            if len(spliced) == MAX_SPLICED:
                return None
            buf = []
            tail = self._write_value(fp, value, sinfo, scope, depth + 1, buf)
            spliced.append((position, "".join(buf), _gap(tail, inner, closing)))
            prev = nodes[position] = prev.getnext() if prev is not None else None
            after = True
            position += 1
        return whole.splice(qname, scope.by_prefix, spliced, position, nodes, closing)

    def _write_replay(
        self,
        d: dict[str, Any],
        plan: ClassPlan,
        info: SourceInfo,
        scope: _Scope,
        depth: int,
        out: list[str],
    ) -> bool:
        """Write the children of an element as parsed, in its recorded slot order.

        False (with partial output the caller discards) when a field holds values no slot
        takes, i.e. values added since parsing: the general path places those.
        """
        inner, closing = _layout(info)
        out.append(inner)
        by_name = plan.by_name
        qnames: dict[Any, str] = scope.cache
        plain_leaves = self._plain_leaves
        taken: dict[str, int] = {}
        n_taken = 0
        wrote = False
        last: tuple[int, str | None, int] | None = None  # gap index, tail, line of a child
        for slot in info.children:
            cls = slot.__class__
            if cls is str:
                name, sinfo = slot, None
            elif cls is tuple:
                name, sinfo = slot
            else:
                self._write_extra(slot, scope, depth + 1, out)
                wrote = True
                out.append(_gap(_GLUED if slot.tail is None else slot.tail, inner, closing))
                continue
            fp = by_name[name]
            value = d[name]
            k = taken.get(name, 0)
            if fp.is_list:
                if k >= len(value):
                    continue  # removed since parsing
                if value.__class__ is LazyList and value._pending:
                    verbatim = value.verbatim(k, scope.by_prefix)
                    if verbatim is not None:  # never read, so as parsed: lxml writes it
                        taken[name] = k + 1
                        n_taken += 1
                        wrote = True
                        out.append(verbatim[0])
                        tail: str | None = _GLUED if verbatim[1] is None else verbatim[1]
                        out.append(_gap(tail, inner, closing))
                        continue
                value = value[k]
            elif k or value is None or (fp.may_default and value == fp.default):
                continue
            taken[name] = k + 1
            n_taken += 1
            wrote = True
            # the commonest child, inline: a plain leaf as parsed, already written once in
            # this scope (see _write_value, which fills both caches)
            compact = getattr(value, "__dict__", _NO_DICT).get(INFO_ATTR)
            if compact.__class__ is tuple:
                qname = qnames.get(compact)
                leaf = plain_leaves.get(value.__class__)
                if qname is not None and leaf is not None:
                    any_name, text_name, emit = leaf
                    vd = value.__dict__
                    if not (any_name and vd[any_name]):
                        text = vd[text_name]
                        if text is not None and text.__class__ is not str:
                            text = emit(text)
                        if not text:
                            out.append(f"<{qname}/>")
                        elif "&" in text or "<" in text or ">" in text or "\r" in text:
                            out.append(f"<{qname}>{escape_text(text)}</{qname}>")
                        else:
                            out.append(f"<{qname}>{text}</{qname}>")
                        tail = compact[2]
                        out.append(
                            ""  # parsed with nothing after it
                            if tail is None
                            else tail
                            if tail == inner
                            else escape_text(tail)
                        )
                        continue
            found = compact if compact.__class__ is SourceInfo else None
            line = found.line if found is not None else None
            if line is not None and last is not None and last[2] > line:
                # the child before came from a later line: moved (a list reversed, sorted, its
                # last item moved up), so a closing tail of it is re-indented (_gap)
                out[last[0]] = _gap(last[1], inner, closing, moved=True)
            tail = self._write_value(fp, value, sinfo, scope, depth + 1, out)
            if line is not None:
                last = (len(out), tail, line)
            out.append(_gap(tail, inner, closing))
        if not wrote or _value_count(plan, d) != n_taken:
            return False
        out[-1] = closing
        return True

    def _write_value(
        self,
        fp: FieldPlan,
        value: Any,
        sinfo: SourceInfo | None,
        scope: _Scope,
        depth: int,
        out: list[str],
    ) -> str | None:
        """Write one child value; returns the whitespace that followed it in the source."""
        if value.__class__ is _Verbatim:
            out.append(value.text)
            return _GLUED if value.tail is None else value.tail
        vd: Any = getattr(value, "__dict__", None)
        compact: Any = vd.get(INFO_ATTR) if vd is not None else None
        if compact.__class__ is tuple:
            plan = self.plans.get(value.__class__)
            if (
                plan is not None
                and plan.plain_leaf
                and not (plan.any_attrs_name and vd[plan.any_attrs_name])
            ):
                # a simple-content element as parsed, with no attributes (most CIM
                # properties): its compact SourceInfo is (tag, prefix, tail)
                qname = scope.cache.get(compact)
                if qname is None:
                    fresh: dict[str | None, str] = {}
                    qname = self._element_qname(compact[0], compact[1], True, scope, fresh)
                    if fresh:  # moved out of its declarations' reach: the general path
                        return self._write_child(fp, value, sinfo, scope, depth, out)
                    # for _write_replay: compact tuples never equal the (clark, prefix, True)
                    # keys of _element_qname, their third item being a str or None
                    scope.cache[compact] = qname
                    self._plain_leaves[value.__class__] = (
                        plan.any_attrs_name,
                        plan.text_name,
                        plan.text.emit,  # type: ignore[union-attr]
                    )
                text = vd[plan.text_name]
                if text is not None and text.__class__ is not str:
                    text = plan.text.emit(text)  # type: ignore[union-attr]
                if text:
                    out.append(f"<{qname}>{escape_text(text)}</{qname}>")
                else:
                    out.append(f"<{qname}/>")
                return _GLUED if compact[2] is None else compact[2]
        return self._write_child(fp, value, sinfo, scope, depth, out)
