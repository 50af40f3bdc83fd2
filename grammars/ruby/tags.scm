; Ruby definitions, references and imports. Capture vocabulary: grammars/README.md.
; Ruby has no module names: classes, modules and constants are global (module_style "global"),
; and `Shop::Cart` is the class `Cart` nested in `Shop`.

; ---- documentation: the comments just above a definition ---------------------------------
; (first, so that the kinds below win when they describe the same node)

((comment)+ @doc . (module) @definition.module)
((comment)+ @doc . (class) @definition.class)
((comment)+ @doc . (method) @definition.function)
((comment)+ @doc . (singleton_method) @definition.method)
((comment)+ @doc . (alias) @definition.method)
((comment)+ @doc . (assignment) @definition.constant)
((comment)+ @doc . (call) @definition.property)

; ---- modules and classes --------------------------------------------------------------------

(module
  name: (constant) @name) @definition.module

; `module Shop::Admin` is `Admin` inside `Shop`
(module
  name: (scope_resolution scope: (_) @container name: (constant) @name)) @definition.module

(class
  name: (constant) @name) @definition.class

(class
  name: (scope_resolution scope: (_) @container name: (constant) @name)) @definition.class

; ---- methods --------------------------------------------------------------------------------

; `def name`: a method inside a class (the engine turns a function inside a type into a method)
(method
  name: (_) @name) @definition.function

; `def self.name`: a singleton (class) method
(singleton_method
  object: (self)
  name: (_) @name) @definition.method

; `def Cart.name`: a singleton method written outside its class
(singleton_method
  object: (constant) @container
  name: (_) @name) @definition.method

; methods of modules (and of `class << self`) are methods too
(module
  body: (body_statement
    (method name: (_) @name) @definition.method))

(module
  body: (body_statement
    (call arguments: (argument_list (method name: (_) @name) @definition.method))))

(singleton_class
  body: (body_statement
    (method name: (_) @name) @definition.method))

(method
  name: (identifier) @name
  (#eq? @name "initialize")) @definition.constructor

; `alias new old`, `alias_method :new, :old`, `define_method(:name) { ... }`
(alias
  name: (_) @name) @definition.method

(call
  !receiver
  method: (identifier) @_alias
  arguments: (argument_list . [(simple_symbol) @name (string . (string_content) @name .)])
  (#eq? @_alias "alias_method")) @definition.method

(call
  !receiver
  method: (identifier) @_define
  arguments: (argument_list . [(simple_symbol) @name (string . (string_content) @name .)])
  (#eq? @_define "define_method")) @definition.method

; ---- attributes, constants, class variables, globals ----------------------------------------

; `attr_accessor :owner, :items` defines the accessors `owner` and `items`
(call
  !receiver
  method: (identifier) @_attr
  arguments: (argument_list [(simple_symbol) @name (string . (string_content) @name .)])
  (#any-of? @_attr "attr_accessor" "attr_reader" "attr_writer" "attr")) @definition.property

; `LIMIT = 10`; a constant set to another constant (`Money = Shop::Pricing`) is an alias (imports)
(assignment
  left: (constant) @name
  right: (_) @_value
  (#not-match? @_value "^(::)?[A-Z][A-Za-z0-9_]*(::[A-Z][A-Za-z0-9_]*)*$")) @definition.constant

(assignment
  left: (left_assignment_list (constant) @name)) @definition.constant

; `Shop::LIMIT = 10` sets a constant of `Shop`
(assignment
  left: (scope_resolution scope: (_) @container name: (constant) @name)) @definition.constant

; `Point = Struct.new(:x, :y)`, `Error = Class.new(StandardError)`, `Pair = Data.define(:a, :b)`
(assignment
  left: (constant) @name
  right: (call
    receiver: (constant) @_maker
    method: (identifier) @_make)
  (#any-of? @_maker "Struct" "Class" "Data")
  (#any-of? @_make "new" "define")) @definition.class

(assignment
  left: (constant)
  right: (call
    receiver: (constant) @_maker
    method: (identifier) @_make
    arguments: (argument_list (simple_symbol) @name) @definition.field)
  (#any-of? @_maker "Struct" "Data")
  (#any-of? @_make "new" "define"))

(class
  body: (body_statement
    (assignment left: (class_variable) @name) @definition.field))

(module
  body: (body_statement
    (assignment left: (class_variable) @name) @definition.field))

(program
  (assignment left: (global_variable) @name) @definition.variable)

; ---- references ------------------------------------------------------------------------------

(call
  receiver: (_) @receiver
  method: (identifier) @name) @reference.call

(call
  !receiver
  method: (identifier) @name) @reference.call

; constants used as values: `Shop::Cart`, `Cart.new`, `rescue Error`, `raise Error`, `is_a?(Cart)`
(scope_resolution
  scope: (_) @receiver
  name: (constant) @name) @reference.type

(scope_resolution
  !scope
  name: (constant) @name) @reference.type

(call
  receiver: (constant) @name @reference.type)

(exceptions
  (constant) @name @reference.type)

(call
  method: (identifier) @_check
  arguments: (argument_list . (constant) @name @reference.type)
  (#any-of? @_check "raise" "fail" "is_a?" "kind_of?" "instance_of?"))

; inheritance: `< Base`, and the mixins `include`, `extend`, `prepend`, `Class.new(Base)`
(superclass
  (constant) @name @reference.inherit)

(superclass
  (scope_resolution scope: (_) @receiver name: (constant) @name) @reference.inherit)

(call
  !receiver
  method: (identifier) @_mixin
  arguments: (argument_list (constant) @name @reference.inherit)
  (#any-of? @_mixin "include" "extend" "prepend"))

(call
  !receiver
  method: (identifier) @_mixin
  arguments: (argument_list
    (scope_resolution scope: (_) @receiver name: (constant) @name) @reference.inherit)
  (#any-of? @_mixin "include" "extend" "prepend"))

(assignment
  left: (constant)
  right: (call
    receiver: (constant) @_class
    method: (identifier) @_new
    arguments: (argument_list . (constant) @name @reference.inherit))
  (#eq? @_class "Class")
  (#eq? @_new "new"))

; ---- imports ---------------------------------------------------------------------------------

; `require "json"`, `require_relative "shop/cart"`, `load "tasks.rb"`: they load a file and bind
; no name (semantics "ruby")
(call
  !receiver
  method: (identifier) @_require
  arguments: (argument_list . (string . (string_content) @import.module .))
  (#any-of? @_require "require" "require_relative" "load")) @import

; `Money = Shop::Pricing` gives a module or class a second name
(assignment
  left: (constant) @import.alias
  right: [(constant) (scope_resolution)] @import.module) @import
