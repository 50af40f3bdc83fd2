; JavaScript definitions, references and imports. Capture vocabulary: grammars/README.md.
;
; TypeScript and TSX start from this file (`; inherits: javascript`), so every pattern here must
; also compile against their grammars. The few JavaScript-only shapes are therefore written
; without their node type: class fields as `(class_body (_ property: ...))` (TypeScript's
; public_field_definition names the field `name`), base classes as `(_ "extends" . ...)`
; (class_heritage in JavaScript, extends_clause in TypeScript), JSX elements as a node with a
; `name` whose text starts with `<` (TypeScript has no JSX).
;
; How imports and exports are recorded (the semantics module `javascript` reads them so):
;   import D from './m'              alias=D           the module's default export (else the module)
;   import * as ns from './m'        name=* alias=ns   the module itself
;   import { a, b as c } from './m'  name=a / name=b alias=c
;   import './m'                     module only       binds nothing
;   const x = require('./m')         alias=x           like a default import
;   export ... from './m'            like the imports; they bind names of this module
;   export * from './m'              wildcard          re-exports every name of m but default
;   export default X, export { a as b }, exports.b = a, module.exports = X, TypeScript's
;   export = X: an import with an empty module (this module) binding `default` (`b`;
;   `exports` and `export` stand for `default`) to X, so that importers find X
; JSDoc comments (`/** ... */`) just above a definition are its documentation.

; ---- documentation -------------------------------------------------------------------------
; First, so that the kind of the definition patterns below wins over the placeholder here.

((comment) @doc . (_) @definition.function
  (#match? @doc "^/\\*\\*"))

((comment) @doc . (export_statement declaration: (_) @definition.function)
  (#match? @doc "^/\\*\\*"))

((comment) @doc . [(lexical_declaration (variable_declarator) @definition.function)
                   (variable_declaration (variable_declarator) @definition.function)]
  (#match? @doc "^/\\*\\*"))

((comment) @doc . (export_statement
    declaration: [(lexical_declaration (variable_declarator) @definition.function)
                  (variable_declaration (variable_declarator) @definition.function)])
  (#match? @doc "^/\\*\\*"))

((comment) @doc . (expression_statement (assignment_expression) @definition.function)
  (#match? @doc "^/\\*\\*"))

; ---- classes and their members --------------------------------------------------------------

(class_declaration
  name: (_) @name) @definition.class

(class_body
  (method_definition
    name: [(property_identifier) (private_property_identifier)] @name) @definition.method)

(class_body
  (method_definition
    ["get" "set"]
    name: [(property_identifier) (private_property_identifier)] @name) @definition.property)

(class_body
  (method_definition
    name: (property_identifier) @name
    (#eq? @name "constructor")) @definition.constructor)

; JavaScript's field_definition (see the head of the file)
(class_body
  (_ property: [(property_identifier) (private_property_identifier)] @name) @definition.field)

; ---- functions ------------------------------------------------------------------------------

(function_declaration
  name: (identifier) @name) @definition.function

(generator_function_declaration
  name: (identifier) @name) @definition.function

; ---- module-level variables, and functions and classes bound to them ----------------------
; `(_ (variable_declarator))` is a lexical_declaration (let, const) or a variable_declaration (var).
; A declaration whose value is require() is an import (below), not a variable.

(program
  [(_ (variable_declarator name: (identifier) @name value: (_)? @_value) @definition.variable)
   (export_statement
     declaration: (_ (variable_declarator name: (identifier) @name value: (_)? @_value) @definition.variable))]
  (#not-match? @_value "^require\\s*\\("))

; destructuring: const { a, b: c } = config; const [x, y] = pair
(program
  [(_ (variable_declarator
        name: [(object_pattern (shorthand_property_identifier_pattern) @name)
               (object_pattern (pair_pattern value: (identifier) @name))
               (array_pattern (identifier) @name)]
        value: (_) @_value) @definition.variable)
   (export_statement
     declaration: (_ (variable_declarator
        name: [(object_pattern (shorthand_property_identifier_pattern) @name)
               (object_pattern (pair_pattern value: (identifier) @name))
               (array_pattern (identifier) @name)]
        value: (_) @_value) @definition.variable))]
  (#not-match? @_value "^require\\s*\\("))

(program
  [(_ (variable_declarator
        name: (identifier) @name
        value: [(arrow_function) (function_expression) (generator_function)]) @definition.function)
   (export_statement
     declaration: (_ (variable_declarator
        name: (identifier) @name
        value: [(arrow_function) (function_expression) (generator_function)]) @definition.function))])

(program
  [(_ (variable_declarator name: (identifier) @name value: (class)) @definition.class)
   (export_statement
     declaration: (_ (variable_declarator name: (identifier) @name value: (class)) @definition.class))])

; methods of an object literal bound to a module-level name: const api = { get() {} }
(program
  [(_ (variable_declarator
        value: (object
          [(method_definition name: (property_identifier) @name) @definition.method
           (pair key: (property_identifier) @name value: [(arrow_function) (function_expression)]) @definition.method])))
   (export_statement
     declaration: (_ (variable_declarator
        value: (object
          [(method_definition name: (property_identifier) @name) @definition.method
           (pair key: (property_identifier) @name value: [(arrow_function) (function_expression)]) @definition.method]))))])

; ---- CommonJS exports and prototype methods -------------------------------------------------

; exports.name = ..., module.exports.name = ... (exports.name = other: an import, below)
(program
  (expression_statement
    (assignment_expression
      left: (member_expression object: (_) @_exports property: (property_identifier) @name)
      right: (_) @_value
      (#match? @_exports "^(module\\.)?exports$")
      (#not-match? @_value "^[A-Za-z_$][A-Za-z0-9_$]*$")) @definition.variable))

(program
  (expression_statement
    (assignment_expression
      left: (member_expression object: (_) @_exports property: (property_identifier) @name)
      right: [(arrow_function) (function_expression) (generator_function)]
      (#match? @_exports "^(module\\.)?exports$")) @definition.function))

(program
  (expression_statement
    (assignment_expression
      left: (member_expression object: (_) @_exports property: (property_identifier) @name)
      right: (class)
      (#match? @_exports "^(module\\.)?exports$")) @definition.class))

; module.exports = { name() {}, other: () => {} }: the module's own functions
(program
  (expression_statement
    (assignment_expression
      left: (member_expression object: (identifier) @_module property: (property_identifier) @_exports)
      right: (object
        [(method_definition name: (property_identifier) @name) @definition.function
         (pair key: (property_identifier) @name value: [(arrow_function) (function_expression)]) @definition.function])
      (#eq? @_module "module")
      (#eq? @_exports "exports"))))

; Type.prototype.name = function () {}: a method declared outside its type
(program
  (expression_statement
    (assignment_expression
      left: (member_expression
        object: (member_expression object: (identifier) @container property: (property_identifier) @_prototype)
        property: (property_identifier) @name)
      right: [(arrow_function) (function_expression)]
      (#eq? @_prototype "prototype")) @definition.method))

; ---- references ---------------------------------------------------------------------------

(call_expression
  function: (identifier) @name) @reference.call

(call_expression
  function: (member_expression
    object: (_) @receiver
    property: [(property_identifier) (private_property_identifier)] @name)) @reference.call

(new_expression
  constructor: (identifier) @name) @reference.call

(new_expression
  constructor: (member_expression
    object: (_) @receiver
    property: (property_identifier) @name)) @reference.call

; class A extends B, class A extends ns.B (see the head of the file)
(_ "extends" . (identifier) @name @reference.inherit)

(_ "extends" . (member_expression
    object: (_) @receiver
    property: (property_identifier) @name) @reference.inherit)

; JSX components: <Button />, <Form.Field> ... </Form.Field> (lower-case names are HTML tags)
((_ name: (identifier) @name) @reference.call
  (#match? @reference.call "^<")
  (#match? @name "^[A-Z]"))

((_ name: (member_expression object: (_) @receiver property: (property_identifier) @name)) @reference.call
  (#match? @reference.call "^<"))

; a name read as a value: passed, assigned, returned, compared, thrown, a member read
; (`obj.name`, `ns.helper`, `{ name }`). Names bound to locals, keys, names in their own
; definitions and names an import or export clause lists are left out by the extractor; a
; call, a base or a JSX element at the same place wins.
((identifier) @name @reference.read)

((shorthand_property_identifier) @name @reference.read)

; a key of an object literal passed to a call names a member of the type the callee declares
; for that argument: `source.subscribe({ next: ... })` uses Observer.next
(arguments
  (object
    (pair key: (property_identifier) @name) @reference.read))

; ... and of one a variable is given: `const x: Observer = { next: ... }`, `x = { next: ... }`
(variable_declarator
  value: (object
    (pair key: (property_identifier) @name) @reference.read))

(assignment_expression
  right: (object
    (pair key: (property_identifier) @name) @reference.read))

(member_expression
  object: (_) @receiver
  property: [(property_identifier) (private_property_identifier)] @name) @reference.read

; ---- imports ------------------------------------------------------------------------------

; import D from './m'
(import_statement
  (import_clause (identifier) @import.alias)
  source: (string) @import.module) @import

; import * as ns from './m'
(import_statement
  (import_clause (namespace_import "*" @import.name (identifier) @import.alias))
  source: (string) @import.module) @import

; import { a, b as c, default as d } from './m'
(import_statement
  (import_clause (named_imports (import_specifier name: _ @import.name !alias)))
  source: (string) @import.module) @import

(import_statement
  (import_clause (named_imports (import_specifier name: _ @import.name alias: (_) @import.alias)))
  source: (string) @import.module) @import

; import './polyfill' (binds nothing)
((import_statement source: (string) @import.module) @import
  (#match? @import "^import\\s*['\"]"))

; export { a, b as c } from './m'; export * from './m'; export * as ns from './m'
(export_statement
  (export_clause (export_specifier name: _ @import.name !alias))
  source: (string) @import.module) @import

(export_statement
  (export_clause (export_specifier name: _ @import.name alias: _ @import.alias))
  source: (string) @import.module) @import

(export_statement
  "*" @import.wildcard
  source: (string) @import.module) @import

(export_statement
  (namespace_export "*" @import.name (_) @import.alias)
  source: (string) @import.module) @import

; export { a as b } (no source): this module binds b to a
((export_statement
  (export_clause (export_specifier name: _ @import.name alias: _ @import.alias))
  !source) @import
  (#not-eq? @import.name @import.alias))

; export default class K {}, export default function k() {}: the `default` keyword binds it
(export_statement
  "default" @import @import.alias
  declaration: (_ name: (_) @import.name))

; export default k;
(export_statement
  "default" @import.alias
  value: (identifier) @import.name) @import

; exports.name = other: this module binds name to other (exports.same = same binds nothing new)
(expression_statement
  (assignment_expression
    left: (member_expression object: (_) @_exports property: (property_identifier) @import.alias)
    right: (identifier) @import.name
    (#match? @_exports "^(module\\.)?exports$")
    (#not-eq? @import.alias @import.name))) @import

; module.exports = K
(expression_statement
  (assignment_expression
    left: (member_expression object: (identifier) @_module property: (property_identifier) @import.alias)
    right: (identifier) @import.name
    (#eq? @_module "module")
    (#eq? @import.alias "exports"))) @import

; const m = require('./m'); const { a, b: c } = require('./m'); const f = require('./m').f
(variable_declarator
  name: (identifier) @import.alias
  value: (call_expression
    function: (identifier) @_require
    arguments: (arguments . (string) @import.module .))
  (#eq? @_require "require")) @import

(variable_declarator
  name: (object_pattern (shorthand_property_identifier_pattern) @import.name)
  value: (call_expression
    function: (identifier) @_require
    arguments: (arguments . (string) @import.module .))
  (#eq? @_require "require")) @import

(variable_declarator
  name: (object_pattern (pair_pattern key: (_) @import.name value: (identifier) @import.alias))
  value: (call_expression
    function: (identifier) @_require
    arguments: (arguments . (string) @import.module .))
  (#eq? @_require "require")) @import

(variable_declarator
  name: (identifier) @import.alias
  value: (member_expression
    object: (call_expression
      function: (identifier) @_require
      arguments: (arguments . (string) @import.module .))
    property: (property_identifier) @import.name)
  (#eq? @_require "require")) @import

; require('./m') and import('./m') used as a statement or a value: the module, binding nothing
((expression_statement
  (call_expression
    function: (identifier) @_require
    arguments: (arguments . (string) @import.module .))) @import
  (#eq? @_require "require"))

(call_expression
  function: (import)
  arguments: (arguments . (string) @import.module .)) @import
