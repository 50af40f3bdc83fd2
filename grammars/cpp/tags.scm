; inherits: c
; C++ definitions, references and imports, on top of C's (grammars/c/tags.scm).
; Capture vocabulary: grammars/README.md. Names are global (module_style "global"); namespaces
; and classes are symbols that qualify the names inside them: shop::Cart::add is shop.Cart.add.

; ---- documentation -------------------------------------------------------------
; As in C: these name nothing, the patterns below decide the kind.

((comment)* @doc . (namespace_definition) @definition.namespace)
((comment)* @doc . (class_specifier) @definition.class)
((comment)* @doc . (enum_specifier) @definition.enum)
((comment)* @doc . (template_declaration) @definition.class)
((comment)* @doc . (alias_declaration) @definition.type)

; ---- namespaces ----------------------------------------------------------------

(namespace_definition
  name: (namespace_identifier) @name) @definition.namespace

; namespace a::b { }  defines b inside a;  namespace a::b::c { }  c inside a::b
(namespace_definition
  name: (nested_namespace_specifier (namespace_identifier) @name .)) @definition.namespace

(namespace_definition
  name: (nested_namespace_specifier (nested_namespace_specifier (namespace_identifier) @name .))) @definition.namespace

(namespace_definition
  name: (nested_namespace_specifier . (namespace_identifier) @name)) @scope

(namespace_definition
  name: (nested_namespace_specifier (nested_namespace_specifier . (namespace_identifier) @name))) @scope

; ---- classes, structs, unions, enums, aliases ------------------------------------

(class_specifier
  name: (type_identifier) @name
  body: (field_declaration_list)) @definition.class

; explicit specialisations: template <> class Box<bool> { ... }
(class_specifier
  name: (template_type name: (type_identifier) @name)
  body: (field_declaration_list)) @definition.class

; a template spans its template header (and its doc comment sits above that)
(template_declaration
  [
    (class_specifier name: [(type_identifier) @name (template_type name: (type_identifier) @name)] body: (field_declaration_list))
  ]) @definition.class

(template_declaration
  [
    (struct_specifier name: [(type_identifier) @name (template_type name: (type_identifier) @name)] body: (field_declaration_list))
    (union_specifier name: (type_identifier) @name body: (field_declaration_list))
  ]) @definition.struct

(struct_specifier
  name: (template_type name: (type_identifier) @name)
  body: (field_declaration_list)) @definition.struct

; enum class Kind { Small, Big }: scoped, so the enumerators are its members (Kind::Small)
(enum_specifier
  ["class" "struct"]
  name: (type_identifier) @name
  body: (enumerator_list)) @definition.enum

; using Money = double;  template <typename T> using Vec = std::vector<T>;
(alias_declaration
  name: (type_identifier) @name) @definition.type

(template_declaration
  (alias_declaration name: (type_identifier) @name)) @definition.type

(template_declaration
  (concept_definition name: (identifier) @name)) @definition.type

; typedef std::vector<Item> Items;  (C covers typedefs of C types)
(type_definition
  type: [(qualified_identifier) (template_type) (class_specifier) (decltype) (dependent_type)]
  declarator: [
    (type_identifier) @name
    (pointer_declarator declarator: (type_identifier) @name)
    (reference_declarator (type_identifier) @name)
  ]) @definition.type

; ---- functions -------------------------------------------------------------------

; Foo& make();  (C covers f() and *f())
(function_definition
  declarator: (reference_declarator
    (function_declarator declarator: (identifier) @name))) @definition.function

(template_declaration
  [
    (function_definition declarator: [
      (function_declarator declarator: [(identifier) (field_identifier) (operator_name)] @name)
      (pointer_declarator declarator: (function_declarator declarator: [(identifier) (field_identifier) (operator_name)] @name))
      (reference_declarator (function_declarator declarator: [(identifier) (field_identifier) (operator_name)] @name))
    ])
    (declaration declarator: [
      (function_declarator declarator: [(identifier) (operator_name)] @name)
      (pointer_declarator declarator: (function_declarator declarator: [(identifier) (operator_name)] @name))
      (reference_declarator (function_declarator declarator: [(identifier) (operator_name)] @name))
    ])
  ]) @definition.function

; file-scope prototypes returning references, and everything under `export`
; (as in C, each file-scope parent is spelled out)

(translation_unit
  (declaration
    declarator: [
      (reference_declarator (function_declarator declarator: (identifier) @name))
    ]) @definition.function)

(ERROR
  (declaration
    declarator: [
      (reference_declarator (function_declarator declarator: (identifier) @name))
    ]) @definition.function)

(preproc_ifdef
  (declaration
    declarator: [
      (reference_declarator (function_declarator declarator: (identifier) @name))
    ]) @definition.function)

(preproc_if
  (declaration
    declarator: [
      (reference_declarator (function_declarator declarator: (identifier) @name))
    ]) @definition.function)

(preproc_else
  (declaration
    declarator: [
      (reference_declarator (function_declarator declarator: (identifier) @name))
    ]) @definition.function)

(preproc_elif
  (declaration
    declarator: [
      (reference_declarator (function_declarator declarator: (identifier) @name))
    ]) @definition.function)

(preproc_elifdef
  (declaration
    declarator: [
      (reference_declarator (function_declarator declarator: (identifier) @name))
    ]) @definition.function)

(declaration_list
  (declaration
    declarator: [
      (reference_declarator (function_declarator declarator: (identifier) @name))
    ]) @definition.function)

(linkage_specification
  (declaration
    declarator: [
      (reference_declarator (function_declarator declarator: (identifier) @name))
    ]) @definition.function)

(export_declaration
  (declaration
    declarator: [
      (function_declarator declarator: (identifier) @name)
      (pointer_declarator declarator: (function_declarator declarator: (identifier) @name))
      (pointer_declarator declarator: (pointer_declarator declarator: (function_declarator declarator: (identifier) @name)))
      (reference_declarator (function_declarator declarator: (identifier) @name))
    ]) @definition.function)

(translation_unit
  (declaration
    declarator: [
      (reference_declarator (identifier) @name)
      (init_declarator declarator: (reference_declarator (identifier) @name))
    ]) @definition.variable)

(ERROR
  (declaration
    declarator: [
      (reference_declarator (identifier) @name)
      (init_declarator declarator: (reference_declarator (identifier) @name))
    ]) @definition.variable)

(preproc_ifdef
  (declaration
    declarator: [
      (reference_declarator (identifier) @name)
      (init_declarator declarator: (reference_declarator (identifier) @name))
    ]) @definition.variable)

(preproc_if
  (declaration
    declarator: [
      (reference_declarator (identifier) @name)
      (init_declarator declarator: (reference_declarator (identifier) @name))
    ]) @definition.variable)

(preproc_else
  (declaration
    declarator: [
      (reference_declarator (identifier) @name)
      (init_declarator declarator: (reference_declarator (identifier) @name))
    ]) @definition.variable)

(preproc_elif
  (declaration
    declarator: [
      (reference_declarator (identifier) @name)
      (init_declarator declarator: (reference_declarator (identifier) @name))
    ]) @definition.variable)

(preproc_elifdef
  (declaration
    declarator: [
      (reference_declarator (identifier) @name)
      (init_declarator declarator: (reference_declarator (identifier) @name))
    ]) @definition.variable)

(declaration_list
  (declaration
    declarator: [
      (reference_declarator (identifier) @name)
      (init_declarator declarator: (reference_declarator (identifier) @name))
    ]) @definition.variable)

(linkage_specification
  (declaration
    declarator: [
      (reference_declarator (identifier) @name)
      (init_declarator declarator: (reference_declarator (identifier) @name))
    ]) @definition.variable)

(export_declaration
  (declaration
    declarator: [
      (identifier) @name
      (init_declarator declarator: (identifier) @name)
      (pointer_declarator declarator: (identifier) @name)
      (init_declarator declarator: (pointer_declarator declarator: (identifier) @name))
      (pointer_declarator declarator: (pointer_declarator declarator: (identifier) @name))
      (init_declarator declarator: (pointer_declarator declarator: (pointer_declarator declarator: (identifier) @name)))
      (array_declarator declarator: (identifier) @name)
      (init_declarator declarator: (array_declarator declarator: (identifier) @name))
      (pointer_declarator declarator: (array_declarator declarator: (identifier) @name))
      (init_declarator declarator: (pointer_declarator declarator: (array_declarator declarator: (identifier) @name)))
      (function_declarator declarator: (parenthesized_declarator (pointer_declarator declarator: (identifier) @name)))
      (init_declarator declarator: (function_declarator declarator: (parenthesized_declarator (pointer_declarator declarator: (identifier) @name))))
      (reference_declarator (identifier) @name)
      (init_declarator declarator: (reference_declarator (identifier) @name))
    ]) @definition.variable)

; template <typename T> constexpr T pi = T(3.14);
(template_declaration
  (declaration
    declarator: (init_declarator declarator: (identifier) @name))) @definition.variable

; ---- members written inside their class ------------------------------------------
; A function inside a class becomes a method (grammars/README.md).

(field_declaration
  declarator: [
    (function_declarator declarator: [(field_identifier) (operator_name)] @name)
    (pointer_declarator declarator: (function_declarator declarator: [(field_identifier) (operator_name)] @name))
    (reference_declarator (function_declarator declarator: [(field_identifier) (operator_name)] @name))
  ]) @definition.function

(function_definition
  declarator: [
    (function_declarator declarator: [(field_identifier) (operator_name)] @name)
    (pointer_declarator declarator: (function_declarator declarator: [(field_identifier) (operator_name)] @name))
    (reference_declarator (function_declarator declarator: [(field_identifier) (operator_name)] @name))
  ]) @definition.function

; ~Cart();  virtual ~Cart() = default;  a destructor is a method named ~Cart
(field_declaration_list
  [
    (declaration declarator: (function_declarator declarator: (destructor_name) @name))
    (function_definition declarator: (function_declarator declarator: (destructor_name) @name))
  ] @definition.function)

; Cart(int owner);  explicit Cart() : owner_(0) {}  (only constructors have no return type)
(field_declaration_list
  [
    (declaration declarator: (function_declarator declarator: (identifier) @name))
    (function_definition declarator: (function_declarator declarator: (identifier) @name))
  ] @definition.constructor)

; template <typename It> Cart(It first, It last);
((_
  name: (type_identifier) @_class
  body: (field_declaration_list
    (template_declaration
      [
        (declaration declarator: (function_declarator declarator: (identifier) @name))
        (function_definition declarator: (function_declarator declarator: (identifier) @name))
      ]) @definition.constructor))
  (#eq? @_class @name))

; Item& item_;  (C covers the other field declarators)
(field_declaration
  declarator: (reference_declarator (field_identifier) @name)) @definition.field

; ---- members written outside their class -----------------------------------------
; void Cart::add(...) { }  names Cart as a scope, so the method is shop.Cart.add inside
; namespace shop; shop::Cart::add(...) at file scope names both. The scope names are taken
; level by level (outermost first), for up to two levels of qualification.

(function_definition
  declarator: [(function_declarator declarator: (qualified_identifier scope: [(namespace_identifier) @name (template_type name: (type_identifier) @name)]))
   (pointer_declarator declarator: (function_declarator declarator: (qualified_identifier scope: [(namespace_identifier) @name (template_type name: (type_identifier) @name)])))
   (reference_declarator (function_declarator declarator: (qualified_identifier scope: [(namespace_identifier) @name (template_type name: (type_identifier) @name)])))]) @scope

(template_declaration
  (function_definition
    declarator: [(function_declarator declarator: (qualified_identifier scope: [(namespace_identifier) @name (template_type name: (type_identifier) @name)]))
   (pointer_declarator declarator: (function_declarator declarator: (qualified_identifier scope: [(namespace_identifier) @name (template_type name: (type_identifier) @name)])))
   (reference_declarator (function_declarator declarator: (qualified_identifier scope: [(namespace_identifier) @name (template_type name: (type_identifier) @name)])))])) @scope

(function_definition
  declarator: [(function_declarator declarator: (qualified_identifier name: (qualified_identifier scope: [(namespace_identifier) @name (template_type name: (type_identifier) @name)])))
   (pointer_declarator declarator: (function_declarator declarator: (qualified_identifier name: (qualified_identifier scope: [(namespace_identifier) @name (template_type name: (type_identifier) @name)]))))
   (reference_declarator (function_declarator declarator: (qualified_identifier name: (qualified_identifier scope: [(namespace_identifier) @name (template_type name: (type_identifier) @name)]))))]) @scope

(template_declaration
  (function_definition
    declarator: [(function_declarator declarator: (qualified_identifier name: (qualified_identifier scope: [(namespace_identifier) @name (template_type name: (type_identifier) @name)])))
   (pointer_declarator declarator: (function_declarator declarator: (qualified_identifier name: (qualified_identifier scope: [(namespace_identifier) @name (template_type name: (type_identifier) @name)]))))
   (reference_declarator (function_declarator declarator: (qualified_identifier name: (qualified_identifier scope: [(namespace_identifier) @name (template_type name: (type_identifier) @name)]))))])) @scope

(function_definition
  declarator: [(function_declarator declarator: (qualified_identifier name: [(identifier) (operator_name) (destructor_name)] @name))
   (pointer_declarator declarator: (function_declarator declarator: (qualified_identifier name: [(identifier) (operator_name) (destructor_name)] @name)))
   (reference_declarator (function_declarator declarator: (qualified_identifier name: [(identifier) (operator_name) (destructor_name)] @name)))]) @definition.function

(template_declaration
  (function_definition
    declarator: [(function_declarator declarator: (qualified_identifier name: [(identifier) (operator_name) (destructor_name)] @name))
   (pointer_declarator declarator: (function_declarator declarator: (qualified_identifier name: [(identifier) (operator_name) (destructor_name)] @name)))
   (reference_declarator (function_declarator declarator: (qualified_identifier name: [(identifier) (operator_name) (destructor_name)] @name)))])) @definition.function

(function_definition
  declarator: [(function_declarator declarator: (qualified_identifier name: (qualified_identifier name: [(identifier) (operator_name) (destructor_name)] @name)))
   (pointer_declarator declarator: (function_declarator declarator: (qualified_identifier name: (qualified_identifier name: [(identifier) (operator_name) (destructor_name)] @name))))
   (reference_declarator (function_declarator declarator: (qualified_identifier name: (qualified_identifier name: [(identifier) (operator_name) (destructor_name)] @name))))]) @definition.function

(template_declaration
  (function_definition
    declarator: [(function_declarator declarator: (qualified_identifier name: (qualified_identifier name: [(identifier) (operator_name) (destructor_name)] @name)))
   (pointer_declarator declarator: (function_declarator declarator: (qualified_identifier name: (qualified_identifier name: [(identifier) (operator_name) (destructor_name)] @name))))
   (reference_declarator (function_declarator declarator: (qualified_identifier name: (qualified_identifier name: [(identifier) (operator_name) (destructor_name)] @name))))])) @definition.function

((function_definition
  declarator: [(function_declarator declarator: (qualified_identifier scope: [(namespace_identifier) @_class (template_type name: (type_identifier) @_class)] name: (identifier) @name))
   (pointer_declarator declarator: (function_declarator declarator: (qualified_identifier scope: [(namespace_identifier) @_class (template_type name: (type_identifier) @_class)] name: (identifier) @name)))
   (reference_declarator (function_declarator declarator: (qualified_identifier scope: [(namespace_identifier) @_class (template_type name: (type_identifier) @_class)] name: (identifier) @name)))]) @definition.constructor
  (#eq? @_class @name))

((template_declaration
  (function_definition
    declarator: [(function_declarator declarator: (qualified_identifier scope: [(namespace_identifier) @_class (template_type name: (type_identifier) @_class)] name: (identifier) @name))
   (pointer_declarator declarator: (function_declarator declarator: (qualified_identifier scope: [(namespace_identifier) @_class (template_type name: (type_identifier) @_class)] name: (identifier) @name)))
   (reference_declarator (function_declarator declarator: (qualified_identifier scope: [(namespace_identifier) @_class (template_type name: (type_identifier) @_class)] name: (identifier) @name)))])) @definition.constructor
  (#eq? @_class @name))

((function_definition
  declarator: [(function_declarator declarator: (qualified_identifier name: (qualified_identifier scope: [(namespace_identifier) @_class (template_type name: (type_identifier) @_class)] name: (identifier) @name)))
   (pointer_declarator declarator: (function_declarator declarator: (qualified_identifier name: (qualified_identifier scope: [(namespace_identifier) @_class (template_type name: (type_identifier) @_class)] name: (identifier) @name))))
   (reference_declarator (function_declarator declarator: (qualified_identifier name: (qualified_identifier scope: [(namespace_identifier) @_class (template_type name: (type_identifier) @_class)] name: (identifier) @name))))]) @definition.constructor
  (#eq? @_class @name))

((template_declaration
  (function_definition
    declarator: [(function_declarator declarator: (qualified_identifier name: (qualified_identifier scope: [(namespace_identifier) @_class (template_type name: (type_identifier) @_class)] name: (identifier) @name)))
   (pointer_declarator declarator: (function_declarator declarator: (qualified_identifier name: (qualified_identifier scope: [(namespace_identifier) @_class (template_type name: (type_identifier) @_class)] name: (identifier) @name))))
   (reference_declarator (function_declarator declarator: (qualified_identifier name: (qualified_identifier scope: [(namespace_identifier) @_class (template_type name: (type_identifier) @_class)] name: (identifier) @name))))])) @definition.constructor
  (#eq? @_class @name))

; int Cart::count = 0;  a static data member defined outside its class
(declaration
  declarator: [
    (qualified_identifier scope: [(namespace_identifier) @name (template_type name: (type_identifier) @name)])
    (init_declarator declarator: (qualified_identifier scope: [(namespace_identifier) @name (template_type name: (type_identifier) @name)]))
  ]) @scope

(declaration
  declarator: [
    (qualified_identifier name: (identifier) @name)
    (init_declarator declarator: (qualified_identifier name: (identifier) @name))
  ]) @definition.field

; ---- constants -------------------------------------------------------------------

(declaration
  (type_qualifier) @_const
  declarator: [(identifier) (init_declarator declarator: (identifier))]
  (#eq? @_const "constexpr")) @definition.constant

; ---- references ------------------------------------------------------------------

(call_expression
  function: (qualified_identifier
    scope: (_) @receiver
    name: (identifier) @name)) @reference.call

(call_expression
  function: (qualified_identifier
    name: (qualified_identifier
      scope: (_) @receiver
      name: (identifier) @name))) @reference.call

; make_unique<Cart>(...), std::make_unique<Cart>(...), box.get<int>()
(call_expression
  function: (template_function name: (identifier) @name)) @reference.call

(call_expression
  function: (qualified_identifier
    scope: (_) @receiver
    name: (template_function name: (identifier) @name))) @reference.call

(call_expression
  function: (field_expression
    argument: (_) @receiver
    field: (template_method name: (field_identifier) @name))) @reference.call

; new Cart(...) calls a constructor
(new_expression
  type: [(type_identifier) @name (qualified_identifier scope: (_) @receiver name: (type_identifier) @name)]) @reference.call

; types: shop::Cart, a::b::Thing, Box<int>, std::vector<Cart>
(qualified_identifier
  scope: (_) @receiver
  name: (type_identifier) @name) @reference.type

(qualified_identifier
  scope: (_) @receiver
  name: (template_type name: (type_identifier) @name)) @reference.type

(template_type
  name: (type_identifier) @name) @reference.type

(class_specifier name: (type_identifier) @name !body) @reference.type

; class Cart : public Base, private mixins::Audited, public Box<Cart>
(base_class_clause
  [
    (type_identifier) @name
    (template_type name: (type_identifier) @name)
    (qualified_identifier scope: (_) @receiver name: [(type_identifier) @name (template_type name: (type_identifier) @name)])
    (qualified_identifier name: (qualified_identifier scope: (_) @receiver name: [(type_identifier) @name (template_type name: (type_identifier) @name)]))
  ]) @reference.inherit

; using Handle = Cart*; stands for Cart: its members are found through the alias (as for C's
; typedefs, recorded as "inherits from")
(alias_declaration
  type: (type_descriptor
    type: [
      (type_identifier) @name
      (template_type name: (type_identifier) @name)
      (qualified_identifier scope: (_) @receiver name: [(type_identifier) @name (template_type name: (type_identifier) @name)])
    ])) @reference.inherit

; ---- imports ---------------------------------------------------------------------

; using namespace shop::pricing;  opens the namespace
(using_declaration
  "namespace" @import.wildcard
  [(identifier) (qualified_identifier)] @import.module) @import

; using shop::Cart;  binds Cart;  using shop::pricing::taxed;  binds taxed (module shop,
; name pricing::taxed);  using ::helper;  binds helper. Not inside a class, where a
; using-declaration re-exports a base class member instead.

(translation_unit
  (using_declaration
    (qualified_identifier
      scope: (_)? @import.module
      name: [(identifier) (qualified_identifier)] @import.name)) @import
  (#not-match? @import "^using\\s+namespace"))

(ERROR
  (using_declaration
    (qualified_identifier
      scope: (_)? @import.module
      name: [(identifier) (qualified_identifier)] @import.name)) @import
  (#not-match? @import "^using\\s+namespace"))

(declaration_list
  (using_declaration
    (qualified_identifier
      scope: (_)? @import.module
      name: [(identifier) (qualified_identifier)] @import.name)) @import
  (#not-match? @import "^using\\s+namespace"))

(compound_statement
  (using_declaration
    (qualified_identifier
      scope: (_)? @import.module
      name: [(identifier) (qualified_identifier)] @import.name)) @import
  (#not-match? @import "^using\\s+namespace"))

(preproc_ifdef
  (using_declaration
    (qualified_identifier
      scope: (_)? @import.module
      name: [(identifier) (qualified_identifier)] @import.name)) @import
  (#not-match? @import "^using\\s+namespace"))

(preproc_if
  (using_declaration
    (qualified_identifier
      scope: (_)? @import.module
      name: [(identifier) (qualified_identifier)] @import.name)) @import
  (#not-match? @import "^using\\s+namespace"))

(preproc_else
  (using_declaration
    (qualified_identifier
      scope: (_)? @import.module
      name: [(identifier) (qualified_identifier)] @import.name)) @import
  (#not-match? @import "^using\\s+namespace"))

(preproc_elif
  (using_declaration
    (qualified_identifier
      scope: (_)? @import.module
      name: [(identifier) (qualified_identifier)] @import.name)) @import
  (#not-match? @import "^using\\s+namespace"))

; namespace sp = shop::pricing;
(namespace_alias_definition
  name: (namespace_identifier) @import.alias
  [(namespace_identifier) (nested_namespace_specifier)] @import.module) @import

; C++20 modules: import shop.util;  import <vector>;  (nothing is bound by name)
(import_declaration
  [name: (module_name) header: (_)] @import.module) @import

(module_declaration
  name: (module_name) @name) @package
