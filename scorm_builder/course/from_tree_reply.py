"""The model of a coached reply from a checked tree: a scenario's ``reply:`` and the ``type: reply`` page.

from_tree.py calls these with what it has already made (where a mapping was written, the page's customer
and image), so this module needs nothing of it."""
from __future__ import annotations

from typing import Callable

from scorm_builder.course.model import Customer, Image, Source
from scorm_builder.course.model_reply import Reply, ReplyCheck, ReplyPage
from scorm_builder.source.loader import Map

SourceOf = Callable[[Map, str], Source]  # from_tree.source_of


def reply_of(node: Map | None, path: str, source_of: SourceOf) -> Reply | None:
    """The Reply of a checked ``reply:`` mapping at key path ``path``; None without one."""
    if node is None:
        return None
    checks = tuple(ReplyCheck(c["label"], tuple(c.get("any") or ()), c["at_least"], c.get("pattern", ""),
                              c.get("hint", ""), source_of(c, f"{path}.checks[{k}]"))
                   for k, c in enumerate(node.get("checks") or ()))
    return Reply(node["model"], checks, node.get("act_first"), source_of(node, path))


def reply_page(page: Map, path: str, retry: bool, customer: Customer, image: Image | None,
               source_of: SourceOf) -> ReplyPage:
    """The ReplyPage of a checked ``type: reply`` page, with its customer and image as from_tree made them."""
    return ReplyPage(id=page["id"], title=page["title"], channel=page["channel"], customer=customer,
                     prompt=page["prompt"], principle=page.get("principle", ""),
                     reply=reply_of(page["reply"], f"{path}.reply", source_of), retry=retry, scored=page["scored"],
                     source=source_of(page, path), image=image)
