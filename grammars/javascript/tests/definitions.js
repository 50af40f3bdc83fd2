// hive: relpath=src/shop/cart.js module=src.shop.cart
// Cart: a fixture for the JavaScript tags query — «non-ASCII» text on purpose: ünïcödé ✓.

const MAX_ITEMS = 10;
//    ^ definition.constant MAX_ITEMS sig="MAX_ITEMS = 10"
let total = 0, count;
//  ^ definition.variable total sig="total = 0"
//             ^ definition.variable count
var { currency, locale: lang } = settings, [first, second] = pair;
//    ^ definition.variable currency
//                      ^ definition.variable lang
//                                          ^ definition.variable first
//                                                 ^ definition.variable second

/**
 * A shopping cart.
 * @extends Base
 */
class Cart extends mixins.Audited {
  //  ^ definition.class Cart doc="A shopping cart.\n@extends Base" sig="class Cart extends mixins.Audited"
  //                      ^ reference.inherit Audited receiver=mixins
  static currency = "EUR";
  //     ^ definition.field Cart.currency parent=Cart
  #secret = 42;
  // <- definition.field Cart.#secret
  items = [];
  // <- definition.field Cart.items

  /** Makes an empty cart for `owner`. */
  constructor(owner) {
    // <- definition.constructor Cart.constructor doc="Makes an empty cart for `owner`." sig="constructor(owner)"
    super(owner);
    this.owner = owner;
    validate(owner);
    // <- reference.call validate receiver=""
  }

  /** Adds `qty` of `item`. */
  add(item, qty = 1) {
    // <- definition.method Cart.add sig="add(item, qty = 1)" doc="Adds `qty` of `item`."
    this.items.push({ item, qty });
    //         ^ reference.call push receiver=this.items
    this.#audit("add");
    //   ^ reference.call #audit receiver=this
    return this;
  }

  get size() {
    //  ^ definition.property Cart.size
    return this.items.length;
  }

  set size(value) {
    //  ^ definition.property Cart.size
    this.items.length = value;
  }

  #audit(action) {
    // <- definition.method Cart.#audit parent=Cart
    log(action);
  }

  static *ids() {
    //    ^ definition.method Cart.ids
    yield 1;
  }

  async checkout() {
    //  ^ definition.method Cart.checkout
    const order = new Order(this);
    //                ^ reference.call Order
    await order.submit();
    //          ^ reference.call submit receiver=order
    function log(message) {
      //     ^ definition.function Cart.checkout.log parent=checkout
      console.log(message);
    }
    log("checked out");
    // <- reference.call log
    return order;
  }
}

// not a doc comment: JSDoc starts with /**
function validate(cart) {
  //     ^ definition.function validate doc="" sig="function validate(cart)"
  return cart != null;
}

/** Detached: a blank line separates this comment from the function. */

function detached() {
  //     ^ definition.function detached doc=""
  class Helper {}
  //    ^ definition.class detached.Helper parent=detached
  return new Helper();
  //         ^ reference.call Helper
}

/** Counts forever. */
function* counter() {
  //      ^ definition.function counter doc="Counts forever."
  let n = 0;
  while (true) yield n++;
}

/** Shortens a name. */
const shorten = (name) => name.slice(0, 3);
//    ^ definition.function shorten doc="Shortens a name." sig="shorten = (name) => name.slice(0, 3)"
//                             ^ reference.call slice receiver=name
const format = function (price) {
  //  ^ definition.function format
  return `${price} €`;
};
const Coupon = class extends Discount {};
//    ^ definition.class Coupon
//                           ^ reference.inherit Discount

const api = {
  //  ^ definition.variable api
  fetch(id) {
    // <- definition.method api.fetch parent=api
    return request(`/carts/${id}`);
    //     ^ reference.call request
  },
  save: async (cart) => cart,
  // <- definition.method api.save
  retries: 3,
  // <- !reference.call
};

function Legacy(name) {
  //     ^ definition.function Legacy
  this.name = name;
}

Legacy.prototype.greet = function () {
  //               ^ definition.method Legacy.greet
  return "hi " + this.name;
};

exports.helper = function () {};
//      ^ definition.function helper
exports.VERSION = "1.0";
//      ^ definition.constant VERSION
module.exports.Cart = Cart;
//             ^ !reference.call
exports.Basket = Cart;
// ^ import Basket module="" name=Cart alias=Basket

if (count > MAX_ITEMS) {
  const local = shorten("x");
  //            ^ reference.call shorten
  const handler = validate;
  //              ^ !reference.call
}
