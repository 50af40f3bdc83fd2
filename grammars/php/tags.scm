; PHP definitions, references and imports. Capture vocabulary: grammars/README.md.
; Names are `name` nodes; a variable is `variable_name` (`$` + name). A property is named
; without its `$` (it is used as `$this->items`), a static one with it (`self::$count`).

; ---- documentation: the PHPDoc block just above a definition -------------------------------
; (first, so that the kinds below win when they describe the same node)

((comment) @doc . (class_declaration) @definition.class (#match? @doc "^/\\*\\*"))
((comment) @doc . (interface_declaration) @definition.interface (#match? @doc "^/\\*\\*"))
((comment) @doc . (trait_declaration) @definition.trait (#match? @doc "^/\\*\\*"))
((comment) @doc . (enum_declaration) @definition.enum (#match? @doc "^/\\*\\*"))
((comment) @doc . (enum_case) @definition.enum_member (#match? @doc "^/\\*\\*"))
((comment) @doc . (function_definition) @definition.function (#match? @doc "^/\\*\\*"))
((comment) @doc . (method_declaration) @definition.method (#match? @doc "^/\\*\\*"))
((comment) @doc . (property_declaration) @definition.property (#match? @doc "^/\\*\\*"))
((comment) @doc . (const_declaration) @definition.constant (#match? @doc "^/\\*\\*"))

; ---- the namespace ----------------------------------------------------------------------------

(namespace_definition
  name: (namespace_name) @name) @package

; ---- types --------------------------------------------------------------------------------------

(class_declaration
  name: (name) @name) @definition.class

(interface_declaration
  name: (name) @name) @definition.interface

(trait_declaration
  name: (name) @name) @definition.trait

(enum_declaration
  name: (name) @name) @definition.enum

(enum_case
  name: (name) @name) @definition.enum_member

; ---- functions and methods ------------------------------------------------------------------

(function_definition
  name: (name) @name) @definition.function

(method_declaration
  name: (name) @name) @definition.method

(method_declaration
  name: (name) @name
  (#eq? @name "__construct")) @definition.constructor

; ---- properties and constants -----------------------------------------------------------------

; `private ?array $items = [], $other;` defines `items` and `other`
((property_declaration
  (property_element name: (variable_name (name) @name))) @definition.property
  (#not-match? @definition.property "^[^$]*\\bstatic\\b"))

; `private static int $count = 0;` defines `$count`, used as `self::$count`
(property_declaration
  (static_modifier)
  (property_element name: (variable_name) @name)) @definition.property

; constructor promotion: `public function __construct(private string $owner)` defines `owner`
(class_declaration
  name: (name) @container
  body: (declaration_list
    (method_declaration
      parameters: (formal_parameters
        (property_promotion_parameter
          name: (variable_name (name) @name)) @definition.property))))

(trait_declaration
  name: (name) @container
  body: (declaration_list
    (method_declaration
      parameters: (formal_parameters
        (property_promotion_parameter
          name: (variable_name (name) @name)) @definition.property))))

; `const MAX = 10;` at the top level, in a class, an interface or an enum
(const_declaration
  (const_element (name) @name)) @definition.constant

; `define('LEGACY_MODE', true);`
(function_call_expression
  function: (name) @_define
  arguments: (arguments . (argument (string . (string_content) @name .)))
  (#eq? @_define "define")) @definition.constant

; variables of a script's top level are globals
(program
  (expression_statement
    (assignment_expression left: (variable_name) @name) @definition.variable))

; ---- references ---------------------------------------------------------------------------------

(function_call_expression
  function: (name) @name) @reference.call

(function_call_expression
  function: (qualified_name (namespace_name) @receiver (name) @name)) @reference.call

(function_call_expression
  function: (qualified_name . (name) @name)) @reference.call

(member_call_expression
  object: (_) @receiver
  name: (name) @name) @reference.call

(nullsafe_member_call_expression
  object: (_) @receiver
  name: (name) @name) @reference.call

(scoped_call_expression
  scope: (_) @receiver
  name: (name) @name) @reference.call

; `new Cart()` calls the constructor of `Cart`
(object_creation_expression
  (name) @name
  (#not-match? @name "^(self|static|parent)$")) @reference.call

(object_creation_expression
  (qualified_name (namespace_name) @receiver (name) @name)) @reference.call

(object_creation_expression
  (qualified_name . (name) @name)) @reference.call

; types: declarations, `Cart::X`, `Cart::m()`, `instanceof Cart`, `catch (E $e)`, `#[Attr]`
(named_type
  (name) @name
  (#not-match? @name "^(self|static|parent)$")) @reference.type

(named_type
  (qualified_name (namespace_name) @receiver (name) @name)) @reference.type

(named_type
  (qualified_name . (name) @name)) @reference.type

(class_constant_access_expression
  . (name) @name) @reference.type

(scoped_call_expression
  scope: (name) @name) @reference.type

(scoped_property_access_expression
  scope: (name) @name) @reference.type

(binary_expression
  operator: "instanceof"
  right: (name) @name) @reference.type

(attribute
  (name) @name) @reference.type

; inheritance: `extends`, `implements`, and traits a class uses
(base_clause
  (name) @name @reference.inherit)

(base_clause
  (qualified_name (namespace_name) @receiver (name) @name) @reference.inherit)

(base_clause
  (qualified_name . (name) @name) @reference.inherit)

(class_interface_clause
  (name) @name @reference.inherit)

(class_interface_clause
  (qualified_name (namespace_name) @receiver (name) @name) @reference.inherit)

(class_interface_clause
  (qualified_name . (name) @name) @reference.inherit)

(use_declaration
  (name) @name @reference.inherit)

(use_declaration
  (qualified_name (namespace_name) @receiver (name) @name) @reference.inherit)

; ---- imports -------------------------------------------------------------------------------------

; `use App\Models\Model;`, `use function App\fmt;`, `use const App\RATE;`
(namespace_use_declaration
  (namespace_use_clause
    (qualified_name (namespace_name) @import.module (name) @import.name)
    !alias)) @import

; `use App\Models\Model as Base;`
(namespace_use_declaration
  (namespace_use_clause
    (qualified_name (namespace_name) @import.module (name) @import.name)
    alias: (name) @import.alias)) @import

; `use Countable;`, `use Countable as C;` (the global namespace)
(namespace_use_declaration
  (namespace_use_clause
    . (name) @import.name
    !alias)) @import

(namespace_use_declaration
  (namespace_use_clause
    . (name) @import.name
    alias: (name) @import.alias)) @import

; `use App\Models\{Cart, Line as L, Sub\Item};`
(namespace_use_declaration
  (namespace_name) @import.module
  body: (namespace_use_group
    (namespace_use_clause
      . [(name) (qualified_name)] @import.name
      !alias))) @import

(namespace_use_declaration
  (namespace_name) @import.module
  body: (namespace_use_group
    (namespace_use_clause
      . [(name) (qualified_name)] @import.name
      alias: (name) @import.alias))) @import

; `require 'config.php'`, `include_once __DIR__ . '/lib.php'`: they load a file and bind no name
(require_expression
  [(string . (string_content) @import.module .)
   (encapsed_string . (string_content) @import.module .)
   (parenthesized_expression [(string . (string_content) @import.module .)
                              (encapsed_string . (string_content) @import.module .)])
   (binary_expression right: [(string . (string_content) @import.module .)
                              (encapsed_string . (string_content) @import.module .)])]) @import

(require_once_expression
  [(string . (string_content) @import.module .)
   (encapsed_string . (string_content) @import.module .)
   (parenthesized_expression [(string . (string_content) @import.module .)
                              (encapsed_string . (string_content) @import.module .)])
   (binary_expression right: [(string . (string_content) @import.module .)
                              (encapsed_string . (string_content) @import.module .)])]) @import

(include_expression
  [(string . (string_content) @import.module .)
   (encapsed_string . (string_content) @import.module .)
   (parenthesized_expression [(string . (string_content) @import.module .)
                              (encapsed_string . (string_content) @import.module .)])
   (binary_expression right: [(string . (string_content) @import.module .)
                              (encapsed_string . (string_content) @import.module .)])]) @import

(include_once_expression
  [(string . (string_content) @import.module .)
   (encapsed_string . (string_content) @import.module .)
   (parenthesized_expression [(string . (string_content) @import.module .)
                              (encapsed_string . (string_content) @import.module .)])
   (binary_expression right: [(string . (string_content) @import.module .)
                              (encapsed_string . (string_content) @import.module .)])]) @import
