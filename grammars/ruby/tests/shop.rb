# hive: relpath=lib/shop/cart.rb module=
# frozen_string_literal: true

require "json"
# ^ import json module=json
require_relative "pricing"
# ^ import pricing module=pricing
load "tasks/seed.rb"
# ^ import tasks/seed.rb module=tasks/seed.rb

# The shop: carts, prices and receipts.
module Shop
  #    ^ definition.module Shop doc="The shop: carts, prices and receipts." sig="module Shop"

  VERSION = "2.1"
  # <- definition.constant Shop.VERSION sig="VERSION = \"2.1\"" parent=Shop
  Money = Pricing::Money
  # <- import Money module=Pricing::Money alias=Money
  #                  ^ reference.type Money receiver=Pricing
  DEFAULT_ITEMS, MAX_ITEMS = [], 50
  # <- definition.constant Shop.DEFAULT_ITEMS
  #              ^ definition.constant Shop.MAX_ITEMS

  # A cart holds the items a customer picked.
  # Totals are in cents.
  class Cart < Base::Model
    #   ^ definition.class Shop.Cart doc="A cart holds the items a customer picked.\nTotals are in cents." sig="class Cart < Base::Model"
    #                ^ reference.inherit Model receiver=Base
    include Comparable
    #       ^ reference.inherit Comparable
    # <- reference.call include receiver=""
    extend Forwardable

    # who the cart belongs to, and what is in it
    attr_accessor :owner, :items
    #              ^ definition.property Shop.Cart.owner doc="who the cart belongs to, and what is in it" sig="attr_accessor :owner, :items"
    #                      ^ definition.property Shop.Cart.items parent=Cart
    attr_reader "total"
    #            ^ definition.property Shop.Cart.total

    LIMIT = 10
    # <- definition.constant Shop.Cart.LIMIT
    @@count = 0
    # <- definition.field Shop.Cart.@@count

    # Make a cart for +owner+.
    def initialize(owner, items = [], *rest, key:, note: "ünïcödé ✓", **opts, &block)
      # ^ definition.constructor Shop.Cart.initialize doc="Make a cart for +owner+." parent=Cart
      super(owner)
      @owner = owner
      # ^ !reference.call
      @items = items
      @@count += 1
    end

    def self.build(owner)
      #      ^ definition.method Shop.Cart.build sig="def self.build(owner)"
      new(owner).tap { |cart| cart.validate! }
      # <- reference.call new receiver=""
      #          ^ reference.call tap receiver="new(owner)"
      #                            ^ reference.call validate! receiver=cart
    end

    class << self
      def registry
        # ^ definition.method Shop.Cart.registry
        @registry ||= {}
      end
    end

    def add(item, qty: 1)
      # ^ definition.method Shop.Cart.add sig="def add(item, qty: 1)"
      raise ArgumentError, "too many" if items.size >= LIMIT
      # <- reference.call raise
      #     ^ reference.type ArgumentError
      #                                        ^ reference.call size receiver=items
      items << Line.new(item, qty)
      #        ^ reference.type Line
      #             ^ reference.call new receiver=Line
      self.total = Pricing::Tax.apply(total)
      #    ^ reference.call total receiver=self
      #                     ^ reference.type Tax receiver=Pricing
      #                         ^ reference.call apply receiver=Pricing::Tax
      log("added #{item}")
      # <- reference.call log receiver=""
      self
    end

    def total=(cents)
      # ^ definition.method Shop.Cart.total=
      @total = cents
    end

    def empty? = items.empty?
    #   ^ definition.method Shop.Cart.empty? sig="def empty?"

    def <=>(other)
      # ^ definition.method Shop.Cart.<=>
      total <=> other.total
      #               ^ reference.call total receiver=other
    end

    alias size count
    #     ^ definition.method Shop.Cart.size sig="alias size count"
    alias_method :length, :size
    #             ^ definition.method Shop.Cart.length
    define_method(:to_json) { |*args| JSON.generate(items, *args) }
    #              ^ definition.method Shop.Cart.to_json sig="define_method(:to_json)"
    #                                      ^ reference.call generate receiver=JSON

    private

    def log(message)
      # ^ definition.method Shop.Cart.log
      warn message
    rescue IOError, Errno::EPIPE => e
      #    ^ reference.type IOError
      #                    ^ reference.type EPIPE receiver=Errno
      e
    end
  end

  # A line of a receipt.
  Line = Struct.new(:item, :qty) do
    # <- definition.class Shop.Line doc="A line of a receipt." sig="Line = Struct.new(:item, :qty) do"
    #                  ^ definition.field Shop.Line.item
    #                         ^ definition.field Shop.Line.qty

    def to_s = "#{qty} × #{item}"
    #   ^ definition.method Shop.Line.to_s
  end

  Error = Class.new(StandardError)
  # <- definition.class Shop.Error
  #                 ^ reference.inherit StandardError

  module Pricing
    #    ^ definition.module Shop.Pricing
    extend self
    TAX = 0.2
    # <- definition.constant Shop.Pricing.TAX

    def with_tax(cents) = (cents * (1 + TAX)).round
    #   ^ definition.method Shop.Pricing.with_tax
  end

  class Shop::Receipt < Cart
    #         ^ definition.class Shop.Receipt
    #                   ^ reference.inherit Cart
    def print!
      # ^ definition.method Shop.Receipt.print!
      puts to_s
    end
  end
end

class Shop::Admin::Report
  #                ^ definition.class Shop.Admin.Report
end

def Shop.open?
  #      ^ definition.method Shop.open?
  Cart.registry.any?
  #    ^ reference.call registry receiver=Cart
end

# Prints a cart.
def show(cart)
  # ^ definition.function show doc="Prints a cart."
  format = cart.owner.to_s
  #                   ^ reference.call to_s receiver=cart.owner
  puts format
end

$shop_config = { currency: "EUR" }
# <- definition.variable $shop_config
$shop_config.freeze
# <- !reference.call
