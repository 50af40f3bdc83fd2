; Spans where a name is never a reference (comments, the literal text of strings, keys):
; references skip names found inside them without parsing the file. Schema: grammars/README.md.

(line_comment) @inert
(block_comment) @inert
(string_content) @inert
