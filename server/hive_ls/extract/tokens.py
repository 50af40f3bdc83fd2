"""The code of a file as its tokens without comments: equal lists mean the code is the same."""

from __future__ import annotations

from hive_ls.parse.document import ParsedDocument


def code_tokens(doc: ParsedDocument) -> list[bytes]:
    """The text of every leaf of the syntax tree except comments, in source order."""
    data = doc.data
    tokens: list[bytes] = []
    cursor = doc.tree.walk()
    while True:
        node = cursor.node
        descend = node is not None and "comment" not in node.type
        if descend and node is not None and node.child_count == 0:
            tokens.append(data[node.start_byte : node.end_byte])
        if descend and cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return tokens
