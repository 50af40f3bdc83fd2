; Rust definitions, references and imports. Capture vocabulary: grammars/README.md.

; ---- doc comments ------------------------------------------------------------------
; Outer doc comments (`///`, `/** */`) right above an item; plain `//` comments are not docs.
; Written before the definitions: of two patterns matching the same node the later one gives
; the kind, so these (with the most general kind of each node) only add `@doc`.
; Attributes (`#[derive(..)]`) may stand between the docs and the item.

(((line_comment outer: (outer_doc_comment_marker)) @doc)+
  .
  (attribute_item)*
  .
  [(struct_item) (union_item)] @definition.struct)
((block_comment outer: (outer_doc_comment_marker)) @doc
  .
  (attribute_item)*
  .
  [(struct_item) (union_item)] @definition.struct)

(((line_comment outer: (outer_doc_comment_marker)) @doc)+
  . (attribute_item)* . (enum_item) @definition.enum)
((block_comment outer: (outer_doc_comment_marker)) @doc
  . (attribute_item)* . (enum_item) @definition.enum)

(((line_comment outer: (outer_doc_comment_marker)) @doc)+
  . (attribute_item)* . (enum_variant) @definition.enum_member)

(((line_comment outer: (outer_doc_comment_marker)) @doc)+
  . (attribute_item)* . (trait_item) @definition.trait)
((block_comment outer: (outer_doc_comment_marker)) @doc
  . (attribute_item)* . (trait_item) @definition.trait)

(((line_comment outer: (outer_doc_comment_marker)) @doc)+
  . (attribute_item)* . [(type_item) (associated_type)] @definition.type)

(((line_comment outer: (outer_doc_comment_marker)) @doc)+
  . (attribute_item)* . [(function_item) (function_signature_item)] @definition.function)
((block_comment outer: (outer_doc_comment_marker)) @doc
  . (attribute_item)* . [(function_item) (function_signature_item)] @definition.function)

(((line_comment outer: (outer_doc_comment_marker)) @doc)+
  . (attribute_item)* . (field_declaration) @definition.field)

(((line_comment outer: (outer_doc_comment_marker)) @doc)+
  . (attribute_item)* . (const_item) @definition.constant)

(((line_comment outer: (outer_doc_comment_marker)) @doc)+
  . (attribute_item)* . (static_item) @definition.variable)

(((line_comment outer: (outer_doc_comment_marker)) @doc)+
  . (attribute_item)* . (mod_item) @definition.module)

(((line_comment outer: (outer_doc_comment_marker)) @doc)+
  . (attribute_item)* . (macro_definition) @definition.macro)

; ---- definitions -----------------------------------------------------------------------

(struct_item
  name: (type_identifier) @name) @definition.struct

(union_item
  name: (type_identifier) @name) @definition.struct

(enum_item
  name: (type_identifier) @name) @definition.enum

(enum_variant
  name: (identifier) @name) @definition.enum_member

(trait_item
  name: (type_identifier) @name) @definition.trait

(type_item
  name: (type_identifier) @name) @definition.type

; `type Item;` in a trait
(associated_type
  name: (type_identifier) @name) @definition.type

; a function inside an impl or a trait is a method
(function_item
  name: (identifier) @name) @definition.function

; a trait's required method: `fn get(&self) -> u8;`
(function_signature_item
  name: (identifier) @name) @definition.function

; named fields of structs, unions and struct-like enum variants
(field_declaration
  name: (field_identifier) @name) @definition.field

(const_item
  name: (identifier) @name) @definition.constant

; a static is a global variable (an all-capitals name makes it a constant)
(static_item
  name: (identifier) @name) @definition.variable

; `mod x { ... }`; `mod x;` names a file and is an import (below)
(mod_item
  name: (identifier) @name
  body: (declaration_list)) @definition.module

(macro_definition
  name: (identifier) @name) @definition.macro

; `impl Foo { ... }` and `impl Trait for Foo { ... }` name their methods `Foo.method`
(impl_item
  type: (type_identifier) @name) @scope

(impl_item
  type: (generic_type type: (type_identifier) @name)) @scope

(impl_item
  type: (scoped_type_identifier name: (type_identifier) @name)) @scope

(impl_item
  type: (generic_type type: (scoped_type_identifier name: (type_identifier) @name))) @scope

; ---- references --------------------------------------------------------------------------

(call_expression
  function: (identifier) @name) @reference.call

(call_expression
  function: (field_expression
    value: (_) @receiver
    field: (field_identifier) @name)) @reference.call

(call_expression
  function: (scoped_identifier
    path: (_) @receiver
    name: (identifier) @name)) @reference.call

; turbofish: `parse::<u8>()`, `it.collect::<Vec<_>>()`, `Vec::<u8>::new()`
(call_expression
  function: (generic_function
    function: (identifier) @name)) @reference.call

(call_expression
  function: (generic_function
    function: (field_expression
      value: (_) @receiver
      field: (field_identifier) @name))) @reference.call

(call_expression
  function: (generic_function
    function: (scoped_identifier
      path: (_) @receiver
      name: (identifier) @name))) @reference.call

(macro_invocation
  macro: (identifier) @name) @reference.call

(macro_invocation
  macro: (scoped_identifier
    path: (_) @receiver
    name: (identifier) @name)) @reference.call

; implementation and supertraits: `impl Display for Foo`, `trait Store: Clone + fmt::Debug`
(impl_item
  trait: (type_identifier) @name @reference.inherit)

(impl_item
  trait: (generic_type type: (type_identifier) @name @reference.inherit))

(impl_item
  trait: (scoped_type_identifier
    path: (_) @receiver
    name: (type_identifier) @name) @reference.inherit)

(trait_item
  bounds: (trait_bounds (type_identifier) @name @reference.inherit))

(trait_item
  bounds: (trait_bounds (generic_type type: (type_identifier) @name @reference.inherit)))

(trait_item
  bounds: (trait_bounds
    (scoped_type_identifier
      path: (_) @receiver
      name: (type_identifier) @name) @reference.inherit))

; types where they are used (a type_identifier is a use everywhere but in a definition's name)
(_ type: (type_identifier) @name @reference.type)
(_ return_type: (type_identifier) @name @reference.type)
(_ trait: (type_identifier) @name @reference.type)
(_ element: (type_identifier) @name @reference.type)
(type_arguments (type_identifier) @name @reference.type)
(tuple_type (type_identifier) @name @reference.type)
(trait_bounds (type_identifier) @name @reference.type)
(where_predicate left: (type_identifier) @name @reference.type)
(struct_expression name: (type_identifier) @name @reference.type)

(scoped_type_identifier
  path: (_) @receiver
  name: (type_identifier) @name) @reference.type

(struct_expression
  name: (scoped_type_identifier
    path: (_) @receiver
    name: (type_identifier) @name)) @reference.type

; ---- imports ----------------------------------------------------------------------------
; One import per name a `use` binds: `use a::b::C;` is module a::b, name C. A group
; `use a::b::{C, d as e, self, f::G};` gives module a::b and names C, d (alias e), self, f::G.

(use_declaration
  argument: (identifier) @import.module) @import

(use_declaration
  argument: (scoped_identifier
    path: (_) @import.module
    name: (identifier) @import.name)) @import

(use_declaration
  argument: (use_as_clause
    path: (identifier) @import.module
    alias: (identifier) @import.alias)) @import

(use_declaration
  argument: (use_as_clause
    path: (scoped_identifier
      path: (_) @import.module
      name: (identifier) @import.name)
    alias: (identifier) @import.alias)) @import

(use_declaration
  argument: (use_wildcard
    . (_) @import.module) @import.wildcard) @import

(use_declaration
  argument: (scoped_use_list
    path: (_) @import.module
    list: (use_list
      [(identifier) (self) (scoped_identifier)] @import.name))) @import

(use_declaration
  argument: (scoped_use_list
    path: (_) @import.module
    list: (use_list
      (use_as_clause
        path: (_) @import.name
        alias: (identifier) @import.alias)))) @import

(use_declaration
  argument: (scoped_use_list
    path: (_) @import.module
    list: (use_list
      (use_wildcard . (_) @import.name) @import.wildcard))) @import

; `extern crate serde;`, `extern crate serde_json as json;`
(extern_crate_declaration
  name: (identifier) @import.module
  !alias) @import

(extern_crate_declaration
  name: (identifier) @import.module
  alias: (identifier) @import.alias) @import

; `mod store;`: the module is the file store.rs or store/mod.rs next to this one
(mod_item
  name: (identifier) @import.module
  !body) @import
