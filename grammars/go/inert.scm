; Spans where a name is never a reference (comments, the literal text of strings, keys):
; references skip names found inside them without parsing the file. Schema: grammars/README.md.

(comment) @inert
(interpreted_string_literal_content) @inert
(raw_string_literal_content) @inert
